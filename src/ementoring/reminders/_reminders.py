"""What is due for a pair and its coordinators, computed without side effects."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from ementoring._validate import (
    aware,
    check_unique,
    coerce_enum,
    identifier,
    non_blank,
    text,
    utc,
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
)
from ementoring.errors import ValidationError
from ementoring.journal import ActionStatus, Journal, current_versions, review_queue
from ementoring.reminders._english import day_text, hours_text, shorten, when_text
from ementoring.timezones import require_aware

__all__ = ["REVIEW_AFTER", "Reminder", "ReminderKind", "reminders"]

REVIEW_AFTER = timedelta(days=7)
"""How long an entry may wait for a coordinator's review before a reminder."""

_UPCOMING = (SessionStatus.PROPOSED, SessionStatus.CONFIRMED)
_OFF_PACE = (Pace.BEHIND, Pace.AT_RISK)


class ReminderKind(enum.StrEnum):
    """What a reminder is about."""

    AGENDA_DUE = "agenda_due"
    JOURNAL_DUE = "journal_due"
    NO_NEXT_SESSION = "no_next_session"
    BEHIND_PACE = "behind_pace"
    REVIEW_PENDING = "review_pending"
    ACTION_ITEM_OVERDUE = "action_item_overdue"


def _kind(value: ReminderKind | str) -> ReminderKind:
    return coerce_enum(ReminderKind, value, "kind")


@attrs.frozen
class Reminder:
    """Something due, for one person, with a message an app can show as it is.

    Args:
        kind: What it is about (:class:`ReminderKind`).
        recipient_id: Who should act.
        about_id: The session, mentorship, entry or action item concerned.
        due_at: When it was or is due (aware, UTC).
        message: One or two plain-English sentences; times are given on the
            program's clock, with its zone.
    """

    kind: ReminderKind = attrs.field(converter=_kind)
    recipient_id: str = attrs.field(validator=identifier)
    about_id: str = attrs.field(validator=identifier)
    due_at: datetime = attrs.field(converter=utc, validator=aware)
    message: str = attrs.field(validator=[text(max_length=2_000), non_blank])

    @property
    def sort_key(self) -> tuple[datetime, str, str, str]:
        """Earliest due first, then kind, recipient and subject: a total, stable order."""
        return (self.due_at, self.kind.value, self.recipient_id, self.about_id)


def _check_inputs(
    program: Program, mentorship: Mentorship, journal: Journal, sessions: tuple[Session, ...]
) -> None:
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
    for index, session in enumerate(sessions):
        if not isinstance(session, Session):
            raise ValidationError(f"sessions[{index}]", session, "expected a Session")
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
        due = start - program.agenda_lead
        found.append(
            Reminder(
                ReminderKind.AGENDA_DUE,
                mentorship.mentee_id,
                session.id,
                due,
                f"Please send the agenda for your session on {when_text(start, program.zone)}. "
                f"It was due by {when_text(due, program.zone)}.",
            )
        )
    return found


def _journal_due(
    program: Program,
    mentorship: Mentorship,
    sessions: Iterable[Session],
    journal: Journal,
    now: datetime,
) -> list[Reminder]:
    written = {(e.session_id, e.author_id) for e in current_versions(journal.entries, as_of=now)}
    found = []
    for session in sessions:
        if session.status is not SessionStatus.COMPLETED:
            continue
        due = session.held.end + program.journal_due
        if now < due:
            continue
        for member in (mentorship.mentor_id, mentorship.mentee_id):
            if member in session.present and (session.id, member) not in written:
                found.append(
                    Reminder(
                        ReminderKind.JOURNAL_DUE,
                        member,
                        session.id,
                        due,
                        "Please write your learning-journal entry for the session on "
                        f"{when_text(session.held.start, program.zone)}: what you discussed, "
                        f"future topics, time spent and observations. "
                        f"It was due by {when_text(due, program.zone)}.",
                    )
                )
    return found


def _no_next_session(
    program: Program, mentorship: Mentorship, sessions: Iterable[Session], now: datetime
) -> list[Reminder]:
    if mentorship.status is not MentorshipStatus.ACTIVE:
        return []
    since = program.midnight(mentorship.started_on)
    if now < since:
        return []
    for session in sessions:
        if session.status in _UPCOMING and session.interval.end > now:
            return []
        if session.status is SessionStatus.COMPLETED and since < session.held.end <= now:
            since = session.held.end
    return [
        Reminder(
            ReminderKind.NO_NEXT_SESSION,
            member,
            mentorship.id,
            since,
            "No next session is scheduled. Propose a time to meet again "
            "and confirm it with your partner.",
        )
        for member in (mentorship.mentor_id, mentorship.mentee_id)
    ]


def _pace_message(report: ProgressReport) -> str:
    logged, target = hours_text(report.logged), hours_text(report.target)
    if report.pace is Pace.AT_RISK:
        quiet = (
            f" There has been no session for {report.days_since_last_session} days."
            if report.days_since_last_session is not None
            else ""
        )
        return (
            f"Your mentorship is at risk of not reaching its {target}: "
            f"{logged} logged so far.{quiet} Plan your next sessions soon."
        )
    return (
        f"Your mentorship is behind pace: {logged} of {target} logged, about "
        f"{hours_text(report.expected_by_now)} expected by now. "
        "Consider a longer or an extra session."
    )


def _behind_pace(
    program: Program,
    mentorship: Mentorship,
    sessions: tuple[Session, ...],
    ledger: HourLedger,
    now: datetime,
) -> list[Reminder]:
    if mentorship.status is not MentorshipStatus.ACTIVE:
        return []
    today = program.local_date(now)
    report = progress(program, mentorship, ledger, sessions, today=today)
    if report.pace not in _OFF_PACE:
        return []
    message = _pace_message(report)
    return [
        Reminder(ReminderKind.BEHIND_PACE, member, mentorship.id, program.midnight(today), message)
        for member in (mentorship.mentor_id, mentorship.mentee_id)
    ]


def _review_pending(
    program: Program,
    journal: Journal,
    coordinators: Iterable[str],
    review_after: timedelta,
    now: datetime,
) -> list[Reminder]:
    found = []
    for coordinator in sorted(set(coordinators)):
        for queued in review_queue(
            journal.entries, journal.reviews, coordinator=coordinator, now=now
        ):
            if queued.age < review_after:
                continue
            entry = queued.entry
            found.append(
                Reminder(
                    ReminderKind.REVIEW_PENDING,
                    coordinator,
                    entry.id,
                    entry.written_at + review_after,
                    f"A journal entry by {entry.author_id} ({entry.author_role.value}), written on "
                    f"{when_text(entry.written_at, program.zone)}, has waited "
                    f"{queued.age.days} days for a review.",
                )
            )
    return found


def _action_items_overdue(program: Program, journal: Journal, now: datetime) -> list[Reminder]:
    found = []
    for item in journal.action_items:
        if item.status is not ActionStatus.OPEN or item.due_on is None:
            continue
        due = program.midnight(item.due_on + timedelta(days=1))  # the end of the due day
        if now < due:
            continue
        found.append(
            Reminder(
                ReminderKind.ACTION_ITEM_OVERDUE,
                item.assigned_to,
                item.id,
                due,
                f'The action item "{shorten(item.description)}" was due on '
                f"{day_text(item.due_on)}. Mark it done, or drop it with a reason.",
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
    now: datetime,
    coordinators: Iterable[str] = (),
    review_after: timedelta = REVIEW_AFTER,
) -> tuple[Reminder, ...]:
    """Everything due for one mentorship at ``now``: a pure function; the app delivers them.

    Kinds, each fired once its deadline has passed:

    * ``agenda_due`` (to the mentee, who sets the agenda): a proposed or
      confirmed session starts within the program's ``agenda_lead`` and its
      agenda has not been sent.
    * ``journal_due`` (to the mentor and the mentee, each): a completed
      session they attended, ``journal_due`` after it ended, without their entry.
    * ``no_next_session`` (to both): an active mentorship with no proposed or
      confirmed session still to come; due since the last completed session
      (or the mentorship's start).
    * ``behind_pace`` (to both): an active mentorship whose
      :func:`~ementoring.accounting.progress` pace is ``behind`` or ``at_risk``.
    * ``review_pending`` (to each of ``coordinators``): an entry visible to
      coordinators and unreviewed for ``review_after`` (7 days).
    * ``action_item_overdue`` (to whoever it is assigned to): an open item
      past the end of its due day, on the program's clock.

    Args:
        program: The mentorship's program (zone, ``agenda_lead``, ``journal_due``).
        mentorship: The pair.
        sessions: The pair's sessions (other mentorships' sessions are ignored).
        journal: The pair's journal.
        ledger: The hour ledger (for pace).
        now: The moment to judge at (aware).
        coordinators: The program's coordinators' ids (``Program`` does not
            list them); without them no ``review_pending`` reminder is made.
        review_after: How long an entry may wait for a review.

    Returns:
        The reminders, earliest due first, then by kind, recipient and subject.

    Raises:
        ValidationError: The mentorship is not the program's, the journal not the
            mentorship's, a session is not a ``Session`` or two share an id.
        NaiveDatetimeError: ``now`` has no UTC offset.

    >>> from datetime import date, datetime, timedelta, UTC
    >>> from ementoring.accounting import HourLedger, Mentorship, Program, Session, complete
    >>> from ementoring.journal import Journal
    >>> from ementoring.scheduling import Interval
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> first = datetime(2026, 3, 3, 22, 0, tzinfo=UTC)
    >>> s1 = complete(Session("s1", "m1", Interval(first, first + timedelta(hours=1)),
    ...                       ["david", "olga"]), at=first + timedelta(hours=1))
    >>> for r in reminders(program, pair, [s1], Journal.for_mentorship(pair), HourLedger(),
    ...                    now=datetime(2026, 3, 6, 12, 0, tzinfo=UTC)):
    ...     print(r.kind.value, r.recipient_id, "-", r.message)
    no_next_session david - No next session is scheduled. Propose a time to meet again and confirm it with your partner.
    no_next_session olga - No next session is scheduled. Propose a time to meet again and confirm it with your partner.
    journal_due david - Please write your learning-journal entry for the session on Tuesday 3 March 2026 at 17:00 (America/Toronto): what you discussed, future topics, time spent and observations. It was due by Thursday 5 March 2026 at 18:00 (America/Toronto).
    journal_due olga - Please write your learning-journal entry for the session on Tuesday 3 March 2026 at 17:00 (America/Toronto): what you discussed, future topics, time spent and observations. It was due by Thursday 5 March 2026 at 18:00 (America/Toronto).
    """
    now = require_aware(now, "now")
    given = tuple(sessions)
    _check_inputs(program, mentorship, journal, given)
    ours = tuple(s for s in given if s.mentorship_id == mentorship.id)
    found = [
        *_agenda_due(program, mentorship, ours, journal, now),
        *_journal_due(program, mentorship, ours, journal, now),
        *_no_next_session(program, mentorship, ours, now),
        *_behind_pace(program, mentorship, ours, ledger, now),
        *_review_pending(program, journal, coordinators, review_after, now),
        *_action_items_overdue(program, journal, now),
    ]
    return tuple(sorted(found, key=lambda r: r.sort_key))
