"""What is due for a pair and its coordinators, computed without side effects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

import attrs

from ementoring._validate import (
    Choice,
    aware,
    check_unique,
    coerce_enum,
    identifier,
    items_of,
    require_duration,
    require_type,
    utc,
)
from ementoring.access import (
    Actor,
    Role,
    acts_for,
    member_role,
    review_queue,
    visible_entries,
)
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    MentorshipStatus,
    Pace,
    Program,
    ProgressReport,
    Session,
    SessionStatus,
    progress,
    sessions_as_of,
)
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.journal import ActionStatus, AuthorRole, Journal
from ementoring.reminders._params import (
    ActionItemParams,
    NoSessionParams,
    PaceParams,
    Params,
    ReviewParams,
    SessionParams,
)
from ementoring.timezones import EARLIEST, ZoneLike, require_aware, zone_key

__all__ = ["MAX_AGE", "REVIEW_AFTER", "Reminder", "ReminderKind", "reminders"]

REVIEW_AFTER = timedelta(days=7)
"""How long an entry may wait for a coordinator's review before a reminder."""

MAX_AGE = timedelta(days=14)
"""Reminders due longer ago than this are no longer produced (``reminders(max_age=...)``)."""

# A pair with nothing scheduled is nudged again each week: each nudge is a new
# reminder (a new key), so a platform sends one a week and none grows old.
_NUDGE_EVERY = timedelta(weeks=1)

_UPCOMING = (SessionStatus.PROPOSED, SessionStatus.CONFIRMED)
_OFF_PACE = (Pace.BEHIND, Pace.AT_RISK)


class ReminderKind(Choice):
    """What a reminder is about."""

    AGENDA_DUE = "agenda_due"
    JOURNAL_DUE = "journal_due"
    NO_NEXT_SESSION = "no_next_session"
    BEHIND_PACE = "behind_pace"
    REVIEW_PENDING = "review_pending"
    ACTION_ITEM_OVERDUE = "action_item_overdue"


PARAMS: Mapping[ReminderKind, type[Params]] = {
    ReminderKind.AGENDA_DUE: SessionParams,
    ReminderKind.JOURNAL_DUE: SessionParams,
    ReminderKind.NO_NEXT_SESSION: NoSessionParams,
    ReminderKind.BEHIND_PACE: PaceParams,
    ReminderKind.REVIEW_PENDING: ReviewParams,
    ReminderKind.ACTION_ITEM_OVERDUE: ActionItemParams,
}
"""The class of ``params`` each kind carries: one table, checked by every :class:`Reminder`."""


def _kind(value: ReminderKind | str) -> ReminderKind:
    return coerce_enum(ReminderKind, value, "kind")


def _program_zone(value: ZoneLike) -> str:
    return zone_key(value, "program_zone")


def _escape(part: str) -> str:
    # "/" separates the parts of a key; escaping it (and "%") keeps keys one-to-one.
    return part.replace("%", "%25").replace("/", "%2F")


@attrs.frozen(kw_only=True)
class Reminder:
    """Something due, for one person: data a platform sends once, by its ``key``.

    Args:
        kind: What it is about (:class:`ReminderKind`).
        recipient_id: Who should act.
        about_id: The session, mentorship, entry or action item concerned.
        due_at: When it was or is due (aware, UTC).
        program_zone: The program's zone: the clock a message is written on
            for a reader whose own zone is not known.
        params: The facts a message is written from; its class is fixed by
            ``kind`` (:class:`SessionParams` for ``agenda_due`` and
            ``journal_due``, :class:`NoSessionParams`, :class:`PaceParams`,
            :class:`ReviewParams`, :class:`ActionItemParams`).

    Raises:
        InvalidTypeError: ``params`` is not the class ``kind`` takes.
        ValidationError: A field is invalid.

    :func:`~ementoring.reminders.render` writes the message, in a language, on
    the reader's clock.
    """

    kind: ReminderKind = attrs.field(converter=_kind)
    recipient_id: str = attrs.field(validator=identifier)
    about_id: str = attrs.field(validator=identifier)
    due_at: datetime = attrs.field(converter=utc, validator=aware)
    program_zone: str = attrs.field(converter=_program_zone)
    params: Params

    def __attrs_post_init__(self) -> None:
        expected = PARAMS[self.kind]
        if type(self.params) is not expected:
            raise InvalidTypeError("params", self.params, f"{expected.__name__} for {self.kind}")

    @property
    def key(self) -> str:
        """The same on every call for the same reminder, and never shared by two.

        Made of the kind, recipient, subject and due time (``/`` and ``%`` in
        ids are escaped), so a platform can use it as an idempotency key:

        >>> from datetime import UTC, datetime
        >>> from ementoring.reminders import NoSessionParams
        >>> Reminder(kind="no_next_session", recipient_id="olga", about_id="m/1",
        ...          due_at=datetime(2026, 3, 3, 23, 0, tzinfo=UTC), program_zone="UTC",
        ...          params=NoSessionParams(partner_id="david", last_session_end=None)).key
        'no_next_session/olga/m%2F1/2026-03-03T23:00:00Z'
        """
        due = self.due_at.isoformat().replace("+00:00", "Z")
        return f"{self.kind.value}/{_escape(self.recipient_id)}/{_escape(self.about_id)}/{due}"

    @property
    def sort_key(self) -> tuple[datetime, str, str, str]:
        """Earliest due first, then kind, recipient and subject: a total, stable order."""
        return (self.due_at, self.kind.value, self.recipient_id, self.about_id)


def _check_inputs(
    program: Program, mentorship: Mentorship, journal: Journal, sessions: tuple[Session, ...]
) -> None:
    require_type(program, Program, "program", "a Program")
    require_type(mentorship, Mentorship, "mentorship", "a Mentorship")
    require_type(journal, Journal, "journal", "a Journal")
    if mentorship.program_id != program.id:
        raise ValidationError(
            "mentorship",
            mentorship.id,
            f"belongs to program {mentorship.program_id!r}, not {program.id!r}",
        )
    if journal.mentorship_id != mentorship.id:
        raise ValidationError(
            "journal", journal.mentorship_id, f"is not the journal of mentorship {mentorship.id!r}"
        )
    check_unique(sessions, key=lambda s: s.id, field="sessions")


def _agenda_due(
    program: Program,
    mentorship: Mentorship,
    sessions: Iterable[Session],
    journal: Journal,
    now: datetime,
) -> list[Reminder]:
    found = []
    for session in sessions:
        start = session.interval.start
        if session.status not in _UPCOMING or not now < start <= now + program.agenda_lead:
            continue
        agenda = journal.agenda_for(session.id)
        if agenda is not None and agenda.sent_at is not None:
            continue
        found.append(
            Reminder(
                kind=ReminderKind.AGENDA_DUE,
                recipient_id=mentorship.mentee_id,
                about_id=session.id,
                # A lead reaching back before the supported range: due since its start.
                due_at=max(start - program.agenda_lead, EARLIEST),
                program_zone=program.zone,
                params=SessionParams(
                    session_start=start,
                    session_end=session.interval.end,
                    partner_id=mentorship.mentor_id,
                ),
            )
        )
    return found


def _journal_due(
    program: Program,
    sessions: Iterable[Session],
    written: set[str | None],
    member: str,
    partner: str,
    now: datetime,
) -> list[Reminder]:
    """The member's entries due: ``written`` holds the sessions their own entries are about."""
    found = []
    for session in sessions:
        if session.status is not SessionStatus.COMPLETED:
            continue
        due = session.held.end + program.journal_due
        if now < due or member not in session.present or session.id in written:
            continue
        found.append(
            Reminder(
                kind=ReminderKind.JOURNAL_DUE,
                recipient_id=member,
                about_id=session.id,
                due_at=due,
                program_zone=program.zone,
                params=SessionParams(
                    session_start=session.held.start,
                    session_end=session.held.end,
                    partner_id=partner,
                ),
            )
        )
    return found


def _no_next_session(
    program: Program,
    mentorship: Mentorship,
    sessions: Iterable[Session],
    member: str,
    partner: str,
    now: datetime,
) -> list[Reminder]:
    if mentorship.status is not MentorshipStatus.ACTIVE:
        return []
    since = program.midnight(mentorship.started_on)
    if now < since:
        return []
    last_end: datetime | None = None
    for session in sessions:
        if session.status in _UPCOMING and session.interval.end > now:
            return []
        if session.status is SessionStatus.COMPLETED and since < session.held.end <= now:
            since = last_end = session.held.end
    due = since + (now - since) // _NUDGE_EVERY * _NUDGE_EVERY
    return [
        Reminder(
            kind=ReminderKind.NO_NEXT_SESSION,
            recipient_id=member,
            about_id=mentorship.id,
            due_at=due,
            program_zone=program.zone,
            params=NoSessionParams(partner_id=partner, last_session_end=last_end),
        )
    ]


def _pace_params(report: ProgressReport) -> PaceParams:
    return PaceParams(
        pace=report.pace,
        logged=report.logged,
        target=report.target,
        expected_by_now=report.expected_by_now,
        sessions_completed=report.sessions_completed,
        days_since_last_session=report.days_since_last_session,
    )


def _behind_pace(
    program: Program,
    mentorship: Mentorship,
    sessions: tuple[Session, ...],
    ledger: HourLedger,
    member: str,
    now: datetime,
) -> list[Reminder]:
    if mentorship.status is not MentorshipStatus.ACTIVE:
        return []
    report = progress(program, mentorship, ledger, sessions, at=now)
    if report.pace not in _OFF_PACE:
        return []
    return [
        Reminder(
            kind=ReminderKind.BEHIND_PACE,
            recipient_id=member,
            about_id=mentorship.id,
            due_at=program.midnight(report.today),
            program_zone=program.zone,
            params=_pace_params(report),
        )
    ]


def _review_pending(
    program: Program,
    mentorship: Mentorship,
    journal: Journal,
    coordinator: Actor,
    review_after: timedelta,
    now: datetime,
) -> list[Reminder]:
    found = []
    for queued in review_queue(journal, mentorship, program, viewer=coordinator, at=now):
        if queued.age < review_after:
            continue
        entry = queued.entry
        found.append(
            Reminder(
                kind=ReminderKind.REVIEW_PENDING,
                recipient_id=coordinator.id,
                about_id=entry.id,
                due_at=entry.written_at + review_after,
                program_zone=program.zone,
                params=ReviewParams(
                    author_id=entry.author_id,
                    author_role=entry.author_role,
                    written_at=entry.written_at,
                    waited_days=queued.age.days,
                ),
            )
        )
    return found


def _action_items_overdue(
    program: Program, journal: Journal, member: str, now: datetime
) -> list[Reminder]:
    found = []
    for item in journal.action_items:
        if item.status is not ActionStatus.OPEN or item.due_on is None:
            continue
        if item.assigned_to != member:
            continue
        due = program.midnight(item.due_on + timedelta(days=1))  # the end of the due day
        if now < due:
            continue
        found.append(
            Reminder(
                kind=ReminderKind.ACTION_ITEM_OVERDUE,
                recipient_id=item.assigned_to,
                about_id=item.id,
                due_at=due,
                program_zone=program.zone,
                params=ActionItemParams(
                    description=item.description,
                    due_on=item.due_on,
                    assigned_by=item.assigned_by,
                ),
            )
        )
    return found


def reminders(
    program: Program,
    mentorship: Mentorship,
    sessions: Iterable[Session],
    journal: Journal,
    ledger: HourLedger,
    *,
    viewer: Actor,
    at: datetime,
    review_after: timedelta = REVIEW_AFTER,
    max_age: timedelta | None = MAX_AGE,
) -> tuple[Reminder, ...]:
    """What is due at ``at`` for one person, the viewer, about one mentorship: a pure function.

    A reminder is for its recipient alone, so the viewer gets only their own,
    and only as far as their claims back it (see :mod:`ementoring.access`):
    a member of the pair (``member_role``) gets the pair's reminders, a
    coordinator of the program (``acts_for``) gets ``review_pending``, anyone
    else nothing. The only text a reminder quotes is the description of an
    action item assigned to the viewer; one drawn from entries reads only the
    viewer's own (``journal_due``) or those they may review
    (``review_pending``): an entry of the partner changes nothing here. The
    app calls it once per person and delivers what comes back.

    Only what existed at ``at`` counts: the mentorship, sessions, journal and
    ledger are first taken as they stood then (their ``as_of(at)``, records
    stamped exactly at ``at`` included), so a replay of a past moment gives the
    reminders of that moment.

    Kinds, each fired once its deadline has passed:

    * ``agenda_due`` (to the mentee, who sets the agenda): a proposed or
      confirmed session starts within the program's ``agenda_lead`` and its
      agenda has not been sent.
    * ``journal_due`` (to the mentor and the mentee, each): a completed
      session they attended, ``journal_due`` after it ended, without their entry.
    * ``no_next_session`` (to both): an active mentorship with no proposed or
      confirmed session still to come; due since the last completed session
      (or the mentorship's start), and again each week after that, each week's
      nudge a new reminder with its own key.
    * ``behind_pace`` (to both): an active mentorship whose
      :func:`~ementoring.accounting.progress` pace is ``behind`` or ``at_risk``;
      due at the start of today on the program's clock (one a day).
    * ``review_pending`` (to a coordinator of the program): an entry they may
      review, unreviewed for ``review_after`` (7 days).
    * ``action_item_overdue`` (to whoever it is assigned to): an open item
      past the end of its due day, on the program's clock.

    Each reminder's :attr:`~Reminder.key` is the same on every call, so a
    platform sends each once; :func:`~ementoring.reminders.render` writes it
    for its reader.

    Args:
        program: The mentorship's program (zone, ``agenda_lead``, ``journal_due``).
        mentorship: The pair.
        sessions: The pair's sessions (other mentorships' sessions are ignored).
        journal: The pair's journal.
        ledger: The hour ledger (for pace).
        viewer: Whose reminders: the mentor, the mentee or a coordinator.
        at: The moment to judge at (aware).
        review_after: How long an entry may wait for a review.
        max_age: Reminders due more than this before ``at`` are not produced
            (14 days; ``None`` for no limit): a journal entry for a session
            weeks ago is no longer worth asking for.

    Returns:
        The viewer's reminders, earliest due first, then by kind and subject.

    Raises:
        ValidationError: The mentorship is not the program's, the journal not the
            mentorship's, two sessions share an id, or ``max_age`` is negative.
        InvalidTypeError: An argument or a session of the wrong type, or
            ``max_age`` not a ``timedelta`` or ``None``.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import date, datetime, timedelta, UTC
    >>> from ementoring.accounting import HourLedger, Mentorship, Program, Session, complete
    >>> from ementoring.journal import Journal
    >>> from ementoring.reminders import render
    >>> from ementoring.scheduling import Interval
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> first = datetime(2026, 3, 3, 22, 0, tzinfo=UTC)
    >>> s1 = complete(Session("s1", "m1", Interval(first, first + timedelta(hours=1)),
    ...                       ["david", "olga"], proposed_at=first - timedelta(days=2)),
    ...               at=first + timedelta(hours=1))
    >>> olga = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
    >>> due = reminders(program, pair, [s1], Journal.for_mentorship(pair), HourLedger(),
    ...                 viewer=olga, at=datetime(2026, 3, 6, 12, 0, tzinfo=UTC))
    >>> for r in due:
    ...     print(r.key)
    no_next_session/olga/m1/2026-03-03T23:00:00Z
    journal_due/olga/s1/2026-03-05T23:00:00Z
    >>> due[-1].params.session_start
    datetime.datetime(2026, 3, 3, 22, 0, tzinfo=datetime.timezone.utc)
    >>> print(render(due[-1], names={"david": "David"}, zones={"olga": "Europe/Moscow"}))
    Please write your learning-journal entry for the session with David on Wed 4 Mar, 01:00 Moscow time: what you discussed, future topics, time spent and observations. It was due by Fri 6 Mar, 02:00 Moscow time.
    """
    at = require_aware(at, "at")
    require_type(viewer, Actor, "viewer", "an Actor")
    review_after = require_duration(review_after, "review_after")
    max_age = require_duration(max_age, "max_age", optional=True)
    given = items_of(sessions, Session, "sessions", "an iterable of Session", each="a Session")
    _check_inputs(program, mentorship, journal, given)
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    # As of means as of: judge the records as they stood at ``at``, nothing recorded later.
    mentorship = mentorship.as_of(at)
    journal = journal.as_of(at)
    ledger = ledger.as_of(at)
    ours = tuple(s for s in sessions_as_of(given, at) if s.serves(mentorship.id))
    found: list[Reminder] = []
    role = member_role(viewer, mentorship)
    if role is not None:
        me = viewer.id
        partner = mentorship.mentor_id if role is AuthorRole.MENTEE else mentorship.mentee_id
        # Their own entries only: the author reads them whatever the visibility.
        written = {
            e.session_id
            for e in visible_entries(viewer, journal, mentorship, program)
            if e.author_id == me
        }
        if role is AuthorRole.MENTEE:
            found += _agenda_due(program, mentorship, ours, journal, at)
        found += _journal_due(program, ours, written, me, partner, at)
        found += _no_next_session(program, mentorship, ours, me, partner, at)
        found += _behind_pace(program, mentorship, ours, ledger, me, at)
        found += _action_items_overdue(program, journal, me, at)
    if acts_for(viewer, Role.COORDINATOR, program):
        found += _review_pending(program, mentorship, journal, viewer, review_after, at)
    if max_age is not None:
        found = [r for r in found if at - r.due_at <= max_age]
    return tuple(sorted(found, key=lambda r: r.sort_key))
