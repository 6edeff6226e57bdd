"""Mentorships: a mentor and a mentee in a program, their status, closure and extensions."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    date_value,
    identifier,
    items_of,
    string_tuple,
    strings,
    text,
    utc,
    whole_number,
)
from ementoring.accounting._program import MAX_WEEKS, Program
from ementoring.errors import InvalidTransitionError, InvalidTypeError, ValidationError
from ementoring.timezones import require_aware

__all__ = [
    "MENTORSHIP_TRANSITIONS",
    "ClosureReason",
    "Mentorship",
    "MentorshipAction",
    "MentorshipEvent",
    "MentorshipStatus",
    "close_mentorship",
    "extend",
    "pause_mentorship",
    "resume_mentorship",
]


class MentorshipStatus(Choice):
    """Where a mentorship stands."""

    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CLOSED_EARLY = "closed_early"


class ClosureReason(Choice):
    """Why a mentorship closed early (``other`` needs a note)."""

    GOALS_MET = "goals_met"
    LACK_OF_CONTACT = "lack_of_contact"
    NEEDS_CHANGED = "needs_changed"
    OTHER = "other"


class MentorshipAction(Choice):
    """What can happen to a mentorship."""

    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    COMPLETE = "complete"
    CLOSE_EARLY = "close_early"


MENTORSHIP_TRANSITIONS: Mapping[tuple[MentorshipStatus, MentorshipAction], MentorshipStatus] = {
    (MentorshipStatus.ACTIVE, MentorshipAction.PAUSE): MentorshipStatus.PAUSED,
    (MentorshipStatus.ACTIVE, MentorshipAction.EXTEND): MentorshipStatus.ACTIVE,
    (MentorshipStatus.ACTIVE, MentorshipAction.COMPLETE): MentorshipStatus.COMPLETED,
    (MentorshipStatus.ACTIVE, MentorshipAction.CLOSE_EARLY): MentorshipStatus.CLOSED_EARLY,
    (MentorshipStatus.PAUSED, MentorshipAction.RESUME): MentorshipStatus.ACTIVE,
    (MentorshipStatus.PAUSED, MentorshipAction.EXTEND): MentorshipStatus.PAUSED,
    (MentorshipStatus.PAUSED, MentorshipAction.COMPLETE): MentorshipStatus.COMPLETED,
    (MentorshipStatus.PAUSED, MentorshipAction.CLOSE_EARLY): MentorshipStatus.CLOSED_EARLY,
}
"""``(status, action) -> new status``; a pair missing from the table is not allowed."""


def _status(value: MentorshipStatus | str) -> MentorshipStatus:
    return coerce_enum(MentorshipStatus, value, "status")


def _optional_reason(value: ClosureReason | str | None) -> ClosureReason | None:
    return None if value is None else coerce_enum(ClosureReason, value, "closure_reason")


def _action(value: MentorshipAction | str) -> MentorshipAction:
    return coerce_enum(MentorshipAction, value, "action")


_weeks = whole_number(maximum=MAX_WEEKS)


@attrs.frozen(kw_only=True)
class MentorshipEvent:
    """One recorded change of a mentorship: what, who and when.

    ``weeks`` and ``agreed_by`` are set for an extension, ``reason`` and
    ``note`` for an early closure.
    """

    action: MentorshipAction = attrs.field(converter=_action)
    at: datetime = attrs.field(converter=utc, validator=aware)
    by: tuple[str, ...] = attrs.field(converter=string_tuple, validator=strings)
    weeks: int = attrs.field(default=0, validator=_weeks)
    reason: ClosureReason | None = attrs.field(default=None, converter=_optional_reason)
    note: str = attrs.field(default="", validator=text(max_length=2_000))


def _events(value: Iterable[MentorshipEvent]) -> tuple[MentorshipEvent, ...]:
    # Each item's type is checked, naming its position, in __attrs_post_init__.
    return items_of(value, object, "history", "an iterable of MentorshipEvent")


@attrs.frozen
class Mentorship:
    """A mentor and a mentee paired in a program.

    Args:
        id: The mentorship's id.
        program_id: The program it belongs to.
        mentor_id: The mentor's participant id.
        mentee_id: The mentee's participant id (not the mentor's).
        started_on: The date the pair started (the pace line starts here).
        status: ``active`` (default), ``paused``, ``completed`` or ``closed_early``.
        closure_reason: Required for ``closed_early``, refused otherwise.
        closure_note: Text; required when the reason is ``other``.
        extension_weeks: Weeks added by agreed extensions.
        history: Every change, oldest first; times never run backwards.

    Raises:
        ValidationError: For a bad field, naming it.

    >>> from datetime import date
    >>> m = Mentorship("m1", "spring-2026", "olga", "ivan", started_on=date(2026, 3, 2))
    >>> m.status
    <MentorshipStatus.ACTIVE: 'active'>
    >>> Mentorship("m1", "spring-2026", "olga", "ivan", started_on=date(2026, 3, 2),
    ...            status="closed_early")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: closure_reason: required when the status is closed_early (got None)
    """

    id: str = attrs.field(validator=identifier)
    program_id: str = attrs.field(validator=identifier)
    mentor_id: str = attrs.field(validator=identifier)
    mentee_id: str = attrs.field(validator=identifier)
    started_on: date = attrs.field(kw_only=True, validator=date_value)
    status: MentorshipStatus = attrs.field(
        kw_only=True, default=MentorshipStatus.ACTIVE, converter=_status
    )
    closure_reason: ClosureReason | None = attrs.field(
        kw_only=True, default=None, converter=_optional_reason
    )
    closure_note: str = attrs.field(kw_only=True, default="", validator=text(max_length=2_000))
    extension_weeks: int = attrs.field(kw_only=True, default=0, validator=_weeks)
    history: tuple[MentorshipEvent, ...] = attrs.field(kw_only=True, default=(), converter=_events)

    def __attrs_post_init__(self) -> None:
        if self.mentee_id == self.mentor_id:
            raise ValidationError("mentee_id", self.mentee_id, "must differ from mentor_id")
        if self.status is MentorshipStatus.CLOSED_EARLY:
            if self.closure_reason is None:
                raise ValidationError(
                    "closure_reason", None, "required when the status is closed_early"
                )
            if self.closure_reason is ClosureReason.OTHER and not self.closure_note.strip():
                raise ValidationError(
                    "closure_note", self.closure_note, "required when the reason is 'other'"
                )
        elif self.closure_reason is not None:
            raise ValidationError(
                "closure_reason", self.closure_reason, "only for a mentorship closed early"
            )
        for index, event in enumerate(self.history):
            if not isinstance(event, MentorshipEvent):
                raise ValidationError(f"history[{index}]", event, "expected a MentorshipEvent")
            if index and event.at < self.history[index - 1].at:
                raise ValidationError(
                    f"history[{index}].at", event.at, "must not be before the previous event"
                )

    @property
    def participant_ids(self) -> tuple[str, str]:
        """The mentor's and the mentee's ids."""
        return (self.mentor_id, self.mentee_id)

    def as_of(self, at: datetime) -> Mentorship:
        """The mentorship as it stood at ``at``: changes recorded after it undone.

        The status, extension and closure are replayed from ``active`` through
        the events up to ``at`` (inclusive), with :data:`MENTORSHIP_TRANSITIONS`;
        weeks of extension not in ``history`` (given at construction) count
        from the start. A mentorship records no creation time, so it exists at
        every moment (reports treat the days before ``started_on`` as not
        started). With nothing to undo the mentorship itself is returned.

        Raises:
            NaiveDatetimeError: ``at`` has no UTC offset.
            ValidationError: ``at`` is not a datetime.

        >>> from datetime import UTC, date, datetime
        >>> m = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))
        >>> m = close_mentorship(m, by="anna", at=datetime(2026, 4, 1, tzinfo=UTC), reason="goals_met")
        >>> m.as_of(datetime(2026, 3, 31, tzinfo=UTC)).status.value
        'active'
        """
        at = require_aware(at, "at")
        # Events never run backwards, so the ones kept are a prefix.
        kept = bisect.bisect_right(self.history, at, key=lambda event: event.at)
        if kept == len(self.history):
            return self
        events = self.history[:kept]
        status = MentorshipStatus.ACTIVE
        closing: MentorshipEvent | None = None
        for event in events:
            status = MENTORSHIP_TRANSITIONS.get((status, event.action), status)
            if event.action in (MentorshipAction.COMPLETE, MentorshipAction.CLOSE_EARLY):
                closing = event
        extension_in_history = sum(
            e.weeks for e in self.history if e.action is MentorshipAction.EXTEND
        )
        return attrs.evolve(
            self,
            status=status,
            closure_reason=None if closing is None else closing.reason,
            closure_note="" if closing is None else closing.note,
            extension_weeks=max(self.extension_weeks - extension_in_history, 0)
            + sum(e.weeks for e in events if e.action is MentorshipAction.EXTEND),
            history=events,
        )


def _check_move(
    mentorship: Mentorship, action: MentorshipAction, at: datetime
) -> tuple[MentorshipStatus, datetime]:
    """Check that ``action`` is allowed now and that time does not run backwards."""
    if not isinstance(mentorship, Mentorship):
        raise ValidationError("mentorship", mentorship, "expected a Mentorship")
    target = MENTORSHIP_TRANSITIONS.get((mentorship.status, action))
    if target is None:
        raise InvalidTransitionError(mentorship.status.value, action.value)
    at = require_aware(at, "at")
    if mentorship.history and at < mentorship.history[-1].at:
        raise ValidationError(
            "at", at, f"must not be before the last change {mentorship.history[-1].at.isoformat()}"
        )
    return target, at


def _sole_actor(by: str) -> tuple[str]:
    if not isinstance(by, str) or not by or by != by.strip():
        raise ValidationError("by", by, "must be a non-empty string without surrounding spaces")
    return (by,)


def extend(
    mentorship: Mentorship,
    weeks: int,
    agreed_by: Iterable[str],
    at: datetime,
    *,
    program: Program,
) -> Mentorship:
    """Extend a mentorship by ``weeks``, agreed by both the mentor and the mentee.

    Args:
        mentorship: An active or paused mentorship.
        weeks: Weeks to add (at least 1).
        agreed_by: Ids of those who agreed; must hold the mentor and the mentee.
        at: When they agreed (aware).
        program: The mentorship's program, whose ``max_extension_weeks`` caps
            the total extension.

    Returns:
        A new mentorship with ``extension_weeks`` raised and the agreement in ``history``.

    Raises:
        InvalidTransitionError: The mentorship is completed or closed.
        ValidationError: One side did not agree, ``weeks`` is not positive, the
            cap would be passed, or ``program`` is not the mentorship's.

    >>> from datetime import UTC, date, datetime
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto",
    ...                   max_extension_weeks=4)
    >>> m = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))
    >>> at = datetime(2026, 5, 1, 12, tzinfo=UTC)
    >>> extend(m, 3, {"ivan", "olga"}, at, program=program).extension_weeks
    3
    >>> extend(m, 3, {"olga"}, at, program=program)
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: agreed_by: needs both the mentor and the mentee; missing 'ivan' (got ('olga',))
    """
    target, at = _check_move(mentorship, MentorshipAction.EXTEND, at)
    if not isinstance(program, Program):
        raise ValidationError("program", program, "expected a Program")
    if program.id != mentorship.program_id:
        raise ValidationError("program", program.id, f"must be {mentorship.program_id!r}")
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise InvalidTypeError("weeks", weeks, "a whole number of weeks")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError("weeks", weeks, f"must be from 1 to {MAX_WEEKS}")
    agreed = tuple(
        sorted(set(items_of(agreed_by, str, "agreed_by", "a collection of ids", each="an id")))
    )
    missing = [p for p in mentorship.participant_ids if p not in agreed]
    if missing:
        raise ValidationError(
            "agreed_by",
            agreed,
            "needs both the mentor and the mentee; missing " + ", ".join(map(repr, missing)),
        )
    total = mentorship.extension_weeks + weeks
    cap = MAX_WEEKS if program.max_extension_weeks is None else program.max_extension_weeks
    if total > cap:
        raise ValidationError(
            "weeks",
            weeks,
            f"would extend by {total} weeks in all; the program allows at most {cap}",
        )
    event = MentorshipEvent(action=MentorshipAction.EXTEND, at=at, by=agreed, weeks=weeks)
    return attrs.evolve(
        mentorship,
        status=target,
        extension_weeks=total,
        history=(*mentorship.history, event),
    )


def pause_mentorship(mentorship: Mentorship, *, by: str, at: datetime) -> Mentorship:
    """Pause an active mentorship.

    Raises:
        InvalidTransitionError: It is not active.

    >>> from datetime import UTC, date, datetime
    >>> m = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))
    >>> pause_mentorship(m, by="olga", at=datetime(2026, 4, 1, tzinfo=UTC)).status.value
    'paused'
    """
    target, at = _check_move(mentorship, MentorshipAction.PAUSE, at)
    event = MentorshipEvent(action=MentorshipAction.PAUSE, at=at, by=_sole_actor(by))
    return attrs.evolve(mentorship, status=target, history=(*mentorship.history, event))


def resume_mentorship(mentorship: Mentorship, *, by: str, at: datetime) -> Mentorship:
    """Resume a paused mentorship.

    Raises:
        InvalidTransitionError: It is not paused.

    >>> from datetime import UTC, date, datetime
    >>> m = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))
    >>> resume_mentorship(m, by="olga", at=datetime(2026, 4, 1, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTransitionError: cannot resume from state 'active'
    """
    target, at = _check_move(mentorship, MentorshipAction.RESUME, at)
    event = MentorshipEvent(action=MentorshipAction.RESUME, at=at, by=_sole_actor(by))
    return attrs.evolve(mentorship, status=target, history=(*mentorship.history, event))


def close_mentorship(
    mentorship: Mentorship,
    *,
    by: str,
    at: datetime,
    reason: ClosureReason | str | None = None,
    note: str = "",
) -> Mentorship:
    """Close a mentorship: ``completed`` without a reason, ``closed_early`` with one.

    Args:
        mentorship: An active or paused mentorship.
        by: Who closed it.
        at: When (aware).
        reason: ``None`` for a completed mentorship; otherwise ``goals_met``,
            ``lack_of_contact``, ``needs_changed`` or ``other`` (with a ``note``).
        note: Free text; required with ``other``.

    Raises:
        InvalidTransitionError: It is already completed or closed.
        ValidationError: For a bad reason, or ``other`` without a note.

    >>> from datetime import UTC, date, datetime
    >>> m = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))
    >>> at = datetime(2026, 4, 1, tzinfo=UTC)
    >>> close_mentorship(m, by="coordinator", at=at, reason="needs_changed").status.value
    'closed_early'
    >>> close_mentorship(m, by="coordinator", at=at).status.value
    'completed'
    """
    action = MentorshipAction.COMPLETE if reason is None else MentorshipAction.CLOSE_EARLY
    target, at = _check_move(mentorship, action, at)
    reason_value = _optional_reason(reason)
    event = MentorshipEvent(
        action=action, at=at, by=_sole_actor(by), reason=reason_value, note=note
    )
    return attrs.evolve(
        mentorship,
        status=target,
        closure_reason=reason_value,
        closure_note=note,
        history=(*mentorship.history, event),
    )
