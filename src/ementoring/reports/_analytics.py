"""Program analytics: the figures a coordinator's dashboard shows, as of one day or instant, for one viewer."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from ementoring._validate import check_unique, items_of, require_type
from ementoring.access import (
    Actor,
    ExpectedEntry,
    RedactedEntry,
    Role,
    acts_for,
    check_records,
    expected_entries,
    redacted_entries,
    visible_entries,
)
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    MentorshipStatus,
    Pace,
    Program,
    Session,
    SessionAction,
    SessionStatus,
    cohort_report,
    sessions_as_of,
)
from ementoring.errors import InvalidTypeError, PermissionDeniedError, ValidationError
from ementoring.journal import AuthorRole, Journal, JournalEntry, Topic, topics
from ementoring.journey import EvidenceKind, Goal, GoalStatus, readable_goals

__all__ = [
    "MAX_BUCKETS",
    "DurationSummary",
    "GoalCoverage",
    "GoalRow",
    "HoursBucket",
    "HoursDistribution",
    "JournalCompletion",
    "ProgramAnalytics",
    "QuietPair",
    "ReviewLatency",
    "SessionCounts",
    "program_analytics",
]

_ZERO = timedelta(0)
_HOUR = timedelta(hours=1)
_OPEN = (MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED)
_RESCHEDULE = SessionAction.RESCHEDULE
_HELD_GOALS = (GoalStatus.ACTIVE, GoalStatus.ACHIEVED)
MAX_BUCKETS = 10
"""Hours per pair are counted in at most this many buckets below the target (one more above)."""


@attrs.frozen(kw_only=True)
class DurationSummary:
    """How long something took across the cohort: how many, the median and the 90th percentile.

    ``median`` is the middle value (the mean of the two middle ones for an even
    count); ``p90`` the nearest-rank 90th percentile (the smallest value with at
    least 90 % of the values at or below it). Both are ``None`` when ``count`` is 0.
    """

    count: int
    median: timedelta | None
    p90: timedelta | None


@attrs.frozen(kw_only=True)
class SessionCounts:
    """The program's sessions by what became of them.

    ``held``, ``cancelled`` and ``missed`` (no-shows) are settled sessions and
    their rates are shares of the settled ones; ``upcoming`` are proposed or
    confirmed. ``rescheduled`` counts the sessions moved at least once (``moves``
    every move), its rate a share of all ``total`` sessions. Rates are ``None``
    when there is nothing to share.
    """

    total: int
    held: int
    cancelled: int
    missed: int
    upcoming: int
    rescheduled: int
    moves: int
    held_rate: float | None
    cancelled_rate: float | None
    missed_rate: float | None
    rescheduled_rate: float | None


@attrs.frozen(kw_only=True)
class HoursBucket:
    """Pairs whose pair time lies in ``[low, high)`` (``high`` is ``None`` for the open top)."""

    low: timedelta
    high: timedelta | None
    pairs: int


@attrs.frozen(kw_only=True)
class HoursDistribution:
    """Pair time per pair (as :func:`~ementoring.accounting.progress` counts it).

    ``buckets`` cover zero to the program's target in at most ``MAX_BUCKETS``
    steps of whole hours, then one open bucket from the target up; ``summary``
    has the median and the 90th percentile.
    """

    total: timedelta
    maximum: timedelta | None
    summary: DurationSummary
    buckets: tuple[HoursBucket, ...]


@attrs.frozen(kw_only=True)
class JournalCompletion:
    """Learning-journal entries written per member present per completed session.

    The counts of :func:`~ementoring.access.expected_entries`, the one
    definition reminders ask by too: ``expected`` counts (session, member
    present) pairs over the completed sessions, each member once per session;
    ``written`` those with a journal entry about the session by that member
    that the viewer may know of (see :func:`~ementoring.access.figure_matrix`:
    a coordinator knows of the entries shared with coordinators, an admin of
    every entry). Rates are ``written / expected`` (``None`` when nothing is
    expected), for both members and per role.
    """

    sessions: int
    expected: int
    written: int
    rate: float | None
    mentor_rate: float | None
    mentee_rate: float | None


@attrs.frozen(kw_only=True)
class ReviewLatency:
    """How long entries shared with coordinators waited for their first review.

    Over the entries shared with coordinators that the viewer may know of.

    ``summary`` is over the reviewed entries (first review minus ``written_at``);
    ``waiting`` counts the entries still without a review, the oldest written
    at ``oldest_waiting_since``.
    """

    summary: DurationSummary
    waiting: int
    oldest_waiting_since: datetime | None


@attrs.frozen(kw_only=True)
class GoalRow:
    """One goal across the cohort: how many pairs hold it and how many discussed it."""

    topic: Topic
    pairs: int
    covered: int


@attrs.frozen(kw_only=True)
class GoalCoverage:
    """The mentees' goals against what their journals discussed, in the entries the viewer reads.

    ``goals`` counts each pair's goals whose words the viewer reads (active
    or achieved); ``covered`` those an entry of the pair's journal the viewer
    reads discussed (the goal's title as a topic, see
    :func:`~ementoring.access.coverage`) or is linked to as evidence.
    ``rows`` are per goal title as a topic, most widely held first (ties by
    topic); a title with no letter, digit or symbol counts in the totals only.
    """

    goals: int
    covered: int
    rate: float | None
    rows: tuple[GoalRow, ...]


@attrs.frozen(kw_only=True)
class QuietPair:
    """An active pair without a session for the program's ``quiet_after`` or longer.

    ``last_session_on`` is ``None`` when the pair never met; ``days`` then
    counts from ``started_on``.
    """

    mentorship_id: str
    last_session_on: date | None
    days: int


@attrs.frozen(kw_only=True)
class ProgramAnalytics:
    """A program's figures on ``today`` (or at ``at``), for one viewer; see :func:`program_analytics`.

    Attributes:
        program_id, program_name, program_zone: What.
        today, at: The day reported on, and the instant judged at (the end of
            ``today`` for a report on a day).
        viewer: Who the figures were computed for; only they are shown them
            (:func:`~ementoring.reports.render_dashboard`).
        pairs: Mentorships started by ``today`` (the ones every figure is about).
        starting_later: Mentorships given whose ``started_on`` is after ``today``.
        by_status: Pairs per status, every status listed.
        by_pace: Active and paused pairs per pace, every pace listed.
        first_session: Time from a pair's start (local midnight of
            ``started_on``) to its first session held; ``never_met`` pairs have none yet.
        sessions, hours, journal, reviews, goals: See their classes; ``goals``
            is ``None`` for a viewer who reads no entry of the program's pairs (an admin).
        gone_quiet: Active pairs gone quiet, quietest first.
    """

    program_id: str
    program_name: str
    program_zone: str
    today: date
    at: datetime
    viewer: Actor
    pairs: int
    starting_later: int
    by_status: Mapping[MentorshipStatus, int]
    by_pace: Mapping[Pace, int]
    first_session: DurationSummary
    never_met: int
    sessions: SessionCounts
    hours: HoursDistribution
    journal: JournalCompletion
    reviews: ReviewLatency
    goals: GoalCoverage | None
    gone_quiet: tuple[QuietPair, ...]


def _summary(values: list[timedelta]) -> DurationSummary:
    if not values:
        return DurationSummary(count=0, median=None, p90=None)
    values.sort()
    n = len(values)
    middle = n // 2
    median = values[middle] if n % 2 else (values[middle - 1] + values[middle]) / 2
    # Nearest rank: the ceil(0.9 n)-th smallest value.
    return DurationSummary(count=n, median=median, p90=values[-(-9 * n // 10) - 1])


def _served(session: Session) -> tuple[str, ...]:
    """The mentorships a session serves: one, or several for group mentoring."""
    return session.mentorship_ids


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


# One pair's goal as goal coverage reads it: its title as a topic (None for a
# title with no letter, digit or symbol) and the journal entries linked to it.
_HeldGoal = tuple[Topic | None, frozenset[str]]


def _title_topic(title: str) -> Topic | None:
    try:
        return Topic(title)
    except ValidationError:  # nothing but spaces and punctuation
        return None


def _held_goals(goals: Iterable[Goal]) -> list[_HeldGoal]:
    return [
        (
            _title_topic(goal.title),
            frozenset(e.item_id for e in goal.evidence if e.kind is EvidenceKind.JOURNAL_ENTRY),
        )
        for goal in goals
        if goal.status in _HELD_GOALS
    ]


def _pair_goals(value: Any, pairs: Sequence[Mentorship]) -> dict[str, tuple[Goal, ...]]:
    """The journey goals given, by mentorship id; each must be about a mentorship given."""
    given = items_of(value, Goal, "goals", "an iterable of journey Goal", each="a Goal")
    check_unique(given, key=lambda g: (g.mentorship_id, g.id), field="goals")
    by_id = {m.id: m for m in pairs}
    found: dict[str, list[Goal]] = {}
    for index, goal in enumerate(given):
        pair = by_id.get(goal.mentorship_id)
        if pair is None:
            raise ValidationError(
                f"goals[{index}].mentorship_id",
                goal.mentorship_id,
                "is not one of the mentorships given",
            )
        if (goal.mentor_id, goal.mentee_id) != (pair.mentor_id, pair.mentee_id):
            raise ValidationError(f"goals[{index}]", goal.id, "its pair is not the mentorship's")
        found.setdefault(goal.mentorship_id, []).append(goal)
    return {key: tuple(goals) for key, goals in found.items()}


def _goal_lists(value: Mapping[Any, Any]) -> dict[str, tuple[Topic, ...]]:
    """The deprecated ``goals=`` mapping of mentorship id -> topics, parsed."""
    found: dict[str, tuple[Topic, ...]] = {}
    # Cohorts share goal lists: parse each distinct one once (topic keys cost a
    # Unicode normalisation per label).
    parsed: dict[object, tuple[Topic, ...]] = {}
    for key, goals in value.items():
        if not isinstance(key, str):
            raise InvalidTypeError("goals", key, "mentorship ids (strings) as keys")
        memo = goals if isinstance(goals, str | tuple | frozenset) else None
        known = None if memo is None else parsed.get(memo)
        if known is None:
            known = topics(goals, f"goals[{key!r}]")
            if memo is not None:
                parsed[memo] = known
        found[key] = known
    return found


def _buckets(logged: Sequence[timedelta], target: timedelta) -> tuple[HoursBucket, ...]:
    """Whole-hour buckets from zero to the target (at most MAX_BUCKETS), then one open bucket."""
    target_hours = -(-target // _HOUR)  # the target rounded up to whole hours
    width = _HOUR * max(1, -(-target_hours // MAX_BUCKETS))
    steps = -(-target // width)
    counts = [0] * (steps + 1)
    for value in logged:
        counts[min(value // width, steps) if value < target else steps] += 1
    return tuple(
        HoursBucket(
            low=width * i if i < steps else target,
            high=(min(width * (i + 1), target) if i < steps else None),
            pairs=count,
        )
        for i, count in enumerate(counts)
    )


def program_analytics(
    program: Program,
    mentorships: Iterable[Mentorship],
    sessions: Iterable[Session],
    ledger: HourLedger,
    journals: Iterable[Journal],
    *,
    viewer: Actor,
    today: date | None = None,
    at: datetime | None = None,
    goals: Iterable[Goal] | Mapping[str, str | Iterable[str | Topic]] | None = None,
) -> ProgramAnalytics:
    """A program's dashboard figures for a viewer, as of ``today`` (or the instant ``at``).

    Only a coordinator or an admin of the program may ask; anyone else is
    refused. Every figure drawn from journals applies the access rules through
    :mod:`ementoring.access` (see :func:`~ementoring.access.figure_matrix`): an
    entry the viewer may not see changes no figure, not even by existing.
    A coordinator's journal completion and review latency count the entries
    shared with coordinators and goal coverage reads their topics; an admin's
    count every entry they see the metadata of, and goal coverage, which needs
    topics and goal words an admin never reads, is withheld (``None``).

    Every record is first taken as it stood at the cutoff (the end of
    ``today`` on the program's clock, or ``at``; records stamped exactly then
    count: :meth:`~ementoring.accounting.Program.cutoff`): mentorships,
    sessions and journals through their own ``as_of``, the ledger through
    ``HourLedger.as_of``; so the result equals the same call on records
    truncated at that instant. Mentorships whose ``started_on`` is after the
    day reported on are counted in ``starting_later`` and left out of every
    figure. The records are one program's: a mentorship of another program, or
    a journal of a mentorship not given, is refused rather than left out, as a
    mixed list is a query gone wrong; sessions and ledger lines, which the
    programs share, are read for the mentorships given. A session serving
    several pairs (group mentoring) counts once among the sessions and for
    each of its pairs in their first session, pace, hours and journal
    completion (where each member present counts once).

    - ``by_status``: the started pairs by status; ``by_pace``: the active and
      paused ones by :func:`~ementoring.accounting.progress`'s pace.
    - ``first_session``: from local midnight of ``started_on`` to the first
      session held (a session before the start counts as zero).
    - ``sessions``: held, cancelled, missed, upcoming and rescheduled.
    - ``hours``: each pair's logged pair time (meetings), bucketed.
    - ``journal``: entries by members present per completed session.
    - ``reviews``: first-review latency of entries shared with coordinators.
    - ``goals``: the pairs' journey goals whose words the viewer reads (see
      :func:`~ementoring.journey.readable_goals`; goal text follows the
      journal's rules), active or achieved, as they stood at the cutoff:
      discussed in an entry the viewer reads, or linked to one, or not.
    - ``gone_quiet``: active pairs without a session held for the program's
      ``quiet_after`` (counted from ``started_on`` before the first).

    Args:
        program: The program.
        mentorships: Its mentorships (ids unique, all of this program).
        sessions: Sessions (any order; those of other mentorships are ignored).
        ledger: The hour ledger.
        journals: The pairs' journals (at most one per mentorship given).
        viewer: Who asks: a coordinator or an admin of the program.
        today: The day to report on, in the program's zone (or give ``at``).
        at: The instant to report at (aware; or give ``today``).
        goals: The pairs' goals (:class:`~ementoring.journey.Goal`, any order).
            Deprecated: a mapping of mentorship id -> the mentee's goals as
            topics (``"a; b"`` or a collection) is still read, with a
            ``DeprecationWarning``; :func:`~ementoring.journey.goals_from_topics`
            turns it into goals.

    Returns:
        A :class:`ProgramAnalytics`.

    Raises:
        PermissionDeniedError: The viewer is neither a coordinator nor an admin
            of the program (the message names the viewer and the program).
        InvalidTypeError: An argument or item of the wrong type.
        ValidationError: A mentorship of another program, a journal or goal of a
            mentorship not given, a goal of the deprecated mapping that is not
            a topic, or not exactly one of ``today`` and ``at``.
        DuplicateIdError: A mentorship id given twice, two journals for one
            mentorship, or one goal given twice.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import date
    >>> program = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pairs = [Mentorship(f"m{i}", "p", "anna", f"mentee{i}", started_on=date(2026, 3, 2))
    ...          for i in (1, 2)]
    >>> cora = Actor("cora", roles=["coordinator"], program_ids=["p"])
    >>> figures = program_analytics(program, pairs, [], HourLedger(), [], viewer=cora,
    ...                             today=date(2026, 3, 30))
    >>> figures.pairs, figures.never_met, [q.mentorship_id for q in figures.gone_quiet]
    (2, 2, ['m1', 'm2'])
    >>> program_analytics(program, pairs, [], HourLedger(), [], today=date(2026, 3, 30),
    ...                   viewer=Actor("cora", roles=["coordinator"], program_ids=["autumn"]))
    Traceback (most recent call last):
    ...
    ementoring.errors.PermissionDeniedError: actor 'cora' may not see the figures of program 'p'
    """
    require_type(program, Program, "program", "a Program")
    require_type(viewer, Actor, "viewer", "an Actor")
    pairs, all_sessions, given_journals = check_records(program, mentorships, sessions, journals)
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    cutoff = program.cutoff(today=today, at=at)
    today = program.local_date(cutoff)
    if isinstance(goals, Mapping):
        warnings.warn(
            "program_analytics: goals= as a mapping of mentorship id -> topics is deprecated;"
            " pass the pairs' journey goals (ementoring.journey.goals_from_topics converts it)",
            DeprecationWarning,
            stacklevel=2,
        )
        topic_lists = _goal_lists(goals)
        pair_goals: dict[str, tuple[Goal, ...]] = {}
    else:
        topic_lists = {}
        pair_goals = _pair_goals((), pairs) if goals is None else _pair_goals(goals, pairs)
    reads_topics = acts_for(viewer, Role.COORDINATOR, program)
    if not (reads_topics or acts_for(viewer, Role.ADMIN, program)):
        raise PermissionDeniedError(
            f"actor {viewer.id!r} may not see the figures of program {program.id!r}"
        )

    # What existed at the cutoff: the one truncation of each record.
    started = sorted((m.as_of(cutoff) for m in pairs if m.started_on <= today), key=lambda m: m.id)
    by_id = {m.id: m for m in started}
    own_sessions = sessions_as_of(
        (s for s in all_sessions if any(m in by_id for m in _served(s))), cutoff
    )
    then_ledger = ledger.as_of(cutoff)
    then_journals = {
        j.mentorship_id: j.as_of(cutoff) for j in given_journals if j.mentorship_id in by_id
    }
    # What the viewer may know of each journal's entries, asked of the rules once.
    known = {
        mentorship_id: redacted_entries(viewer, journal, by_id[mentorship_id], program)
        for mentorship_id, journal in then_journals.items()
    }

    cohort = cohort_report(program, started, then_ledger, own_sessions, at=cutoff)
    reports = {r.mentorship_id: r for r in cohort.reports}

    by_status = dict.fromkeys(MentorshipStatus, 0)
    by_pace = dict.fromkeys(Pace, 0)
    for m in started:
        by_status[m.status] += 1
        if m.status in _OPEN:
            by_pace[reports[m.id].pace] += 1

    counts = _session_counts(own_sessions)
    first_held: dict[str, datetime] = {}
    completed: list[Session] = []
    for s in own_sessions:
        if s.status is SessionStatus.COMPLETED:
            completed.append(s)
            start = s.held.start
            for mentorship_id in _served(s):
                seen = first_held.get(mentorship_id)
                if seen is None or start < seen:
                    first_held[mentorship_id] = start
    waits = [
        max(first_held[m.id] - program.midnight(m.started_on), _ZERO)
        for m in started
        if m.id in first_held
    ]

    logged = [reports[m.id].logged for m in started]
    hours = HoursDistribution(
        total=sum(logged, _ZERO),
        maximum=max(logged) if logged else None,
        summary=_summary(list(logged)),
        buckets=_buckets(logged, program.target),
    )

    quiet: list[QuietPair] = []
    for m in started:
        if m.status is not MentorshipStatus.ACTIVE:
            continue
        report = reports[m.id]
        last = report.last_session_on
        days = (today - (m.started_on if last is None else last)).days
        if days * timedelta(days=1) >= program.quiet_after:
            quiet.append(QuietPair(mentorship_id=m.id, last_session_on=last, days=days))
    quiet.sort(key=lambda q: (-q.days, q.mentorship_id))

    return ProgramAnalytics(
        program_id=program.id,
        program_name=program.name,
        program_zone=program.zone,
        today=today,
        at=cutoff,
        viewer=viewer,
        pairs=len(started),
        starting_later=len(pairs) - len(started),
        by_status=by_status,
        by_pace=by_pace,
        first_session=_summary(waits),
        never_met=len(started) - len(waits),
        sessions=counts,
        hours=hours,
        journal=_journal_completion(
            len(completed),
            expected_entries(program, started, completed, then_journals.values(), viewer=viewer),
        ),
        reviews=_review_latency(known),
        goals=(
            _goal_coverage(
                {
                    m.id: [(topic, frozenset()) for topic in topic_lists.get(m.id, ())]
                    + _held_goals(
                        readable_goals(
                            pair_goals.get(m.id, ()),
                            viewer=viewer,
                            mentorship=m,
                            program=program,
                            at=cutoff,
                        )
                    )
                    for m in started
                },
                {
                    mentorship_id: visible_entries(viewer, journal, by_id[mentorship_id], program)
                    for mentorship_id, journal in then_journals.items()
                },
            )
            if reads_topics
            else None
        ),
        gone_quiet=tuple(quiet),
    )


def _session_counts(sessions: Sequence[Session]) -> SessionCounts:
    held = cancelled = missed = upcoming = rescheduled = moves = 0
    for s in sessions:
        status = s.status
        if status is SessionStatus.COMPLETED:
            held += 1
        elif status is SessionStatus.CANCELLED:
            cancelled += 1
        elif status is SessionStatus.NO_SHOW:
            missed += 1
        else:
            upcoming += 1
        if s.history:
            moved = len([e for e in s.history if e.action is _RESCHEDULE])
            moves += moved
            rescheduled += moved > 0
    settled = held + cancelled + missed
    return SessionCounts(
        total=len(sessions),
        held=held,
        cancelled=cancelled,
        missed=missed,
        upcoming=upcoming,
        rescheduled=rescheduled,
        moves=moves,
        held_rate=_rate(held, settled),
        cancelled_rate=_rate(cancelled, settled),
        missed_rate=_rate(missed, settled),
        rescheduled_rate=_rate(rescheduled, len(sessions)),
    )


def _journal_completion(sessions: int, expected: Sequence[ExpectedEntry]) -> JournalCompletion:
    """The counts of :func:`~ementoring.access.expected_entries`, per role and overall."""
    counts = {role: [0, 0] for role in AuthorRole}  # expected, written
    for entry in expected:
        counts[entry.author_role][0] += 1
        counts[entry.author_role][1] += entry.written
    (mentors, mentors_wrote), (mentees, mentees_wrote) = (
        counts[AuthorRole.MENTOR],
        counts[AuthorRole.MENTEE],
    )
    return JournalCompletion(
        sessions=sessions,
        expected=mentors + mentees,
        written=mentors_wrote + mentees_wrote,
        rate=_rate(mentors_wrote + mentees_wrote, mentors + mentees),
        mentor_rate=_rate(mentors_wrote, mentors),
        mentee_rate=_rate(mentees_wrote, mentees),
    )


def _review_latency(known: Mapping[str, Sequence[RedactedEntry]]) -> ReviewLatency:
    latencies: list[timedelta] = []
    waiting = 0
    oldest: datetime | None = None
    for entries in known.values():
        for entry in entries:
            if not entry.visibility.coordinators_read:
                continue
            if entry.first_reviewed_at is not None:
                latencies.append(entry.first_reviewed_at - entry.written_at)
            else:
                waiting += 1
                if oldest is None or entry.written_at < oldest:
                    oldest = entry.written_at
    return ReviewLatency(summary=_summary(latencies), waiting=waiting, oldest_waiting_since=oldest)


def _goal_coverage(
    goals: Mapping[str, Sequence[_HeldGoal]],
    readable: Mapping[str, Sequence[JournalEntry]],
) -> GoalCoverage:
    held: dict[Topic, int] = {}
    covered: dict[Topic, int] = {}
    spelling: dict[Topic, Topic] = {}
    total = done = 0
    for pair_id, wanted in goals.items():
        if not wanted:
            continue
        # Covered as access.coverage says: a current entry the viewer reads discussed it
        # (topics compare by key, so the set of discussed keys answers it), or one is
        # linked to the goal as evidence.
        entries = readable.get(pair_id, ())
        discussed = {t.key for e in entries for t in e.discussed}
        ids = {e.id for e in entries}
        # One row per topic per pair: a pair holding a topic twice holds it once.
        by_topic: dict[Topic, bool] = {}
        for topic, linked in wanted:
            is_covered = not ids.isdisjoint(linked) or (
                topic is not None and topic.key in discussed
            )
            if topic is None:
                total += 1
                done += is_covered
            else:
                by_topic[topic] = by_topic.get(topic, False) or is_covered
        for topic, is_covered in by_topic.items():
            spelling.setdefault(topic, topic)
            held[topic] = held.get(topic, 0) + 1
            covered[topic] = covered.get(topic, 0) + is_covered
    rows = tuple(
        GoalRow(topic=spelling[topic], pairs=held[topic], covered=covered[topic])
        for topic in sorted(held, key=lambda t: (-held[t], t.key))
    )
    total += sum(held.values())
    done += sum(covered.values())
    return GoalCoverage(goals=total, covered=done, rate=_rate(done, total), rows=rows)
