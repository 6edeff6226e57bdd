"""Hour entries: time one person spent on a mentorship; a meeting is checked against its session."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    date_value,
    duration,
    identifier,
    items_of,
    optional_identifier,
    text,
    utc,
)
from ementoring.accounting._mentorship import Mentorship
from ementoring.accounting._program import Program
from ementoring.accounting._session import Session
from ementoring.accounting._session_lifecycle import SessionAction, SessionStatus
from ementoring.errors import ValidationError

__all__ = [
    "MAX_ENTRY_DURATION",
    "MEETING_SLACK",
    "EntryKind",
    "HourEntry",
    "entries_for_session",
]

MAX_ENTRY_DURATION = timedelta(hours=24)
"""The longest time one entry may hold."""

MEETING_SLACK = timedelta(minutes=30)
"""How much longer than its session a meeting entry may be (joining early, calling back)."""


class EntryKind(Choice):
    """What the time was spent on."""

    MEETING = "meeting"
    PREPARATION = "preparation"
    FOLLOW_UP = "follow_up"
    OTHER = "other"


def _entry_kind(value: EntryKind | str) -> EntryKind:
    return coerce_enum(EntryKind, value, "kind")


@attrs.frozen
class HourEntry:
    """Time one participant spent on a mentorship.

    Args:
        id: Unique in the ledger.
        mentorship_id: The mentorship.
        participant_id: Whose time it is.
        duration: More than zero, at most 24 hours.
        kind: ``meeting``, ``preparation``, ``follow_up`` or ``other``.
        session_id: The session a meeting (or its preparation) belongs to.
        occurred_on: The calendar day the time was spent, in the program's zone.
        recorded_at: When it was recorded (aware).
        recorded_by: Who recorded it.
        note: Free text.

    Raises:
        ValidationError: For a bad field, naming it.

    >>> from datetime import UTC, date, datetime, timedelta
    >>> HourEntry("e1", "m1", "olga", timedelta(0), "meeting", occurred_on=date(2026, 3, 10),
    ...           recorded_at=datetime(2026, 3, 10, 18, tzinfo=UTC), recorded_by="olga")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: duration: must be more than 0:00:00 (got datetime.timedelta(0))
    """

    id: str = attrs.field(validator=identifier)
    mentorship_id: str = attrs.field(validator=identifier)
    participant_id: str = attrs.field(validator=identifier)
    duration: timedelta = attrs.field(
        validator=duration(minimum=timedelta(0), exclusive_minimum=True, maximum=MAX_ENTRY_DURATION)
    )
    kind: EntryKind = attrs.field(converter=_entry_kind)
    session_id: str | None = attrs.field(kw_only=True, default=None, validator=optional_identifier)
    occurred_on: date = attrs.field(kw_only=True, validator=date_value)
    recorded_at: datetime = attrs.field(kw_only=True, converter=utc, validator=aware)
    recorded_by: str = attrs.field(kw_only=True, validator=identifier)
    note: str = attrs.field(kw_only=True, default="", validator=text(max_length=2_000))


def _check_against_session(
    entry: HourEntry, session: Session | None, *, limit: bool = True
) -> None:
    """Meeting entries tied to a session may not exceed it by more than MEETING_SLACK.

    With ``limit=False`` only a session given is checked to be the entry's
    (a correction that shortens an entry cannot break the limit).
    """
    if session is not None:
        if not isinstance(session, Session):
            raise ValidationError("session", session, "expected a Session")
        if entry.session_id != session.id:
            raise ValidationError(
                "session", session.id, f"is not the entry's session {entry.session_id!r}"
            )
        if not session.serves(entry.mentorship_id):
            raise ValidationError(
                "mentorship_id",
                entry.mentorship_id,
                f"the session is for {', '.join(map(repr, session.mentorship_ids))}",
            )
    if not limit or entry.kind is not EntryKind.MEETING or entry.session_id is None:
        return
    if session is None:
        raise ValidationError(
            "session", None, f"give session {entry.session_id!r} to check this meeting entry"
        )
    if session.status is not SessionStatus.COMPLETED:
        raise ValidationError(
            "session", session.status.value, "a meeting entry needs a completed session"
        )
    if entry.participant_id not in session.present:
        raise ValidationError(
            "participant_id", entry.participant_id, "was not present at the session"
        )
    if entry.duration > session.held.duration + MEETING_SLACK:
        raise ValidationError(
            "duration",
            entry.duration,
            f"is longer than its session ({session.held.duration}) plus {MEETING_SLACK}",
        )


def entries_for_session(
    session: Session, program: Program, *, mentorships: Iterable[Mentorship] = ()
) -> tuple[HourEntry, ...]:
    """The meeting entries a completed session suggests, one per participant present.

    Each lasts the held time (``actual`` if recorded), is dated on the
    program's clock, recorded when the session was completed, by the
    participant it is for; ids are ``"<session id>/<participant id>"``.
    The app shows them for confirmation and then records them.

    Each person's time goes to their own mentorship: for a session of one
    mentorship, that one (guests included); for a session of several (group
    mentoring), give ``mentorships`` and each person's entry goes to the
    session's mentorship they are a member of (a mentor of two of them: the
    first by id, so their hour counts once in their volunteer hours), a guest's
    to the session's first mentorship by id. Every mentorship then gets its
    members' entries and so the session's time once (see :func:`progress`).

    Args:
        session: A completed session.
        program: Its program (for the day on the program's clock).
        mentorships: The session's mentorships (others are ignored); required
            when it serves more than one, all of ``program``.

    Raises:
        ValidationError: The session is not completed, or held longer than 24
            hours; ``mentorships`` missing one of the session's, or of another program.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Session, complete
    >>> from ementoring.scheduling import Interval
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> slot = Interval(datetime(2026, 3, 11, 0, 30, tzinfo=UTC), datetime(2026, 3, 11, 1, 30, tzinfo=UTC))
    >>> booked = datetime(2026, 3, 1, tzinfo=UTC)
    >>> s = complete(Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=booked),
    ...              at=datetime(2026, 3, 11, 2, tzinfo=UTC))
    >>> [(e.id, e.participant_id, e.occurred_on.isoformat(), e.duration) for e in entries_for_session(s, program)]
    [('s1/ivan', 'ivan', '2026-03-10', datetime.timedelta(seconds=3600)), ('s1/olga', 'olga', '2026-03-10', datetime.timedelta(seconds=3600))]
    >>> pairs = [Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2)),
    ...          Mentorship("m2", "p", "anna", "ivan", started_on=date(2026, 3, 2))]
    >>> group = complete(Session("s2", ["m1", "m2"], slot, ["anna", "olga", "ivan"], proposed_at=booked),
    ...                  at=datetime(2026, 3, 11, 2, tzinfo=UTC))
    >>> [(e.participant_id, e.mentorship_id) for e in entries_for_session(group, program, mentorships=pairs)]
    [('anna', 'm1'), ('ivan', 'm2'), ('olga', 'm1')]
    """
    if not isinstance(session, Session):
        raise ValidationError("session", session, "expected a Session")
    if not isinstance(program, Program):
        raise ValidationError("program", program, "expected a Program")
    if session.status is not SessionStatus.COMPLETED:
        raise ValidationError(
            "session", session.status.value, "only a completed session suggests entries"
        )
    mentorship_of = _mentorship_of_participant(session, program, mentorships)
    completed_at = next(
        e.at for e in reversed(session.history) if e.action is SessionAction.COMPLETE
    )
    held = session.held
    occurred_on = program.local_date(held.start)
    return tuple(
        HourEntry(
            f"{session.id}/{participant}",
            mentorship_of(participant),
            participant,
            held.duration,
            EntryKind.MEETING,
            session_id=session.id,
            occurred_on=occurred_on,
            recorded_at=completed_at,
            recorded_by=participant,
        )
        for participant in session.present
    )


def _mentorship_of_participant(
    session: Session, program: Program, mentorships: Iterable[Mentorship]
) -> Callable[[str], str]:
    """Which of the session's mentorships each participant's time goes to."""
    members: dict[str, set[str]] = {}
    given = items_of(
        mentorships, Mentorship, "mentorships", "a collection of Mentorship", each="a Mentorship"
    )
    for index, mentorship in enumerate(given):
        if session.serves(mentorship.id):
            if mentorship.program_id != program.id:
                raise ValidationError(
                    f"mentorships[{index}].program_id",
                    mentorship.program_id,
                    f"a session's mentorships are all of the program {program.id!r}",
                )
            members[mentorship.id] = set(mentorship.participant_ids)
    first = session.mentorship_ids[0]
    if len(session.mentorship_ids) == 1:
        return lambda _participant: first
    missing = [m for m in session.mentorship_ids if m not in members]
    if missing:
        raise ValidationError(
            "mentorships",
            missing,
            "a session of several mentorships needs each of them, to put everyone's time"
            " on their own mentorship",
        )
    return lambda participant: next(
        (m for m in session.mentorship_ids if participant in members[m]), first
    )
