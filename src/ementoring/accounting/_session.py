"""Sessions: the model and its history, and views over many sessions (bookings, as of)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._validate import (
    aware,
    check_unique,
    coerce_enum,
    identifier,
    items_of,
    optional_identifier,
    require_type,
    string_tuple,
    strings,
    text,
    utc,
)
from ementoring.accounting._session_lifecycle import (
    SESSION_TRANSITIONS,
    Answer,
    SessionAction,
    SessionStatus,
)
from ementoring.display import SessionChange
from ementoring.errors import ValidationError
from ementoring.scheduling import Booking, Interval
from ementoring.timezones import require_aware

__all__ = [
    "Session",
    "SessionEvent",
    "session_bookings",
    "session_change",
    "sessions_as_of",
]

_ZERO = timedelta(0)
_OCCUPYING = frozenset({SessionStatus.PROPOSED, SessionStatus.CONFIRMED, SessionStatus.COMPLETED})


def _status(value: SessionStatus | str) -> SessionStatus:
    return coerce_enum(SessionStatus, value, "status")


def _from_status(value: SessionStatus | str) -> SessionStatus:
    return coerce_enum(SessionStatus, value, "from_status")


def _to_status(value: SessionStatus | str) -> SessionStatus:
    return coerce_enum(SessionStatus, value, "to_status")


def _action(value: SessionAction | str) -> SessionAction:
    return coerce_enum(SessionAction, value, "action")


def _answer(value: Answer | str | None) -> Answer | None:
    return None if value is None else coerce_enum(Answer, value, "answer")


def _interval(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Interval):
        raise ValidationError(field.name, value, "expected an Interval")


def _optional_interval(instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _interval(instance, field, value)


def _sorted_ids(value: Iterable[str]) -> tuple[str, ...]:
    items = string_tuple(value)
    if not isinstance(items, tuple):
        return items
    try:
        return tuple(sorted(items))
    except TypeError:  # mixed types: left for the validator to name
        return items


def _mentorship_ids(value: str | Iterable[str]) -> tuple[str, ...]:
    # One mentorship may be given as its id alone: Session("s1", "m1", ...).
    return _sorted_ids((value,) if isinstance(value, str) else value)


def _unique_ids(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    strings(_instance, field, value)
    for index, item in enumerate(value):
        if not item or item != item.strip():
            raise ValidationError(
                f"{field.name}[{index}]", item, "must be a non-empty id without surrounding spaces"
            )
    check_unique(value, key=str, field=field.name)


@attrs.frozen(kw_only=True)
class SessionEvent:
    """One step of a session's history: who did what, when, and from which state.

    ``interval`` is the planned time when the step happened; ``new_interval``
    the time it moved to (reschedules), ``actual`` the real time (completions),
    ``absent`` who did not come (no-shows), ``answer`` what ``by`` answered
    (replies: accepted, declined or tentative; ``None`` for every other step).
    """

    action: SessionAction = attrs.field(converter=_action)
    at: datetime = attrs.field(converter=utc, validator=aware)
    by: str | None = attrs.field(default=None, validator=optional_identifier)
    from_status: SessionStatus = attrs.field(converter=_from_status)
    to_status: SessionStatus = attrs.field(converter=_to_status)
    interval: Interval = attrs.field(validator=_interval)
    new_interval: Interval | None = attrs.field(default=None, validator=_optional_interval)
    actual: Interval | None = attrs.field(default=None, validator=_optional_interval)
    absent: tuple[str, ...] = attrs.field(default=(), converter=_sorted_ids, validator=_unique_ids)
    reason: str = attrs.field(default="", validator=text(max_length=2_000))
    answer: Answer | None = attrs.field(default=None, converter=_answer)

    def __attrs_post_init__(self) -> None:
        if self.action is not SessionAction.REPLY:
            if self.answer is not None:
                raise ValidationError("answer", self.answer, "only a reply has an answer")
            return
        if self.by is None:
            raise ValidationError("by", None, "a reply names who answered")
        if self.answer is None or self.answer is Answer.NO_ANSWER:
            raise ValidationError(
                "answer", self.answer, "a reply is accepted, declined or tentative"
            )


def _events(value: Iterable[SessionEvent]) -> tuple[SessionEvent, ...]:
    # Each item's type is checked, naming its position, in __attrs_post_init__.
    return items_of(value, object, "history", "an iterable of SessionEvent")


@attrs.frozen
class Session:
    """A planned meeting of a mentorship's participants, with its whole history.

    Build it with the planned ``interval``; it starts ``proposed``. Change it
    only through :func:`confirm`, :func:`reschedule`, :func:`cancel`,
    :func:`complete` and :func:`mark_no_show`, which return new sessions and
    append to ``history`` (see :data:`SESSION_TRANSITIONS`).

    Args:
        id: The session's id.
        mentorship_ids: The mentorship it serves, or the mentorships (of one
            program) it serves together: a mentor meeting two mentees, two
            pairs sharing a mock interview. An id or a collection of ids
            (unique; kept sorted). The session counts once for each of them.
        interval: The planned time (the latest one after reschedules).
        participants: Mentor, mentee and any guests (at least two, unique;
            kept sorted).
        status: The current status; must match the last event of ``history``
            (``proposed`` when there is none).
        history: Every step, oldest first (for rebuilding a stored session).
        actual: The real time of a completed session, when it differed from the plan.
        absent: Who did not come (see :func:`mark_no_show`).
        proposed_at: When the session was first proposed (aware; required):
            not after the first event of ``history``. :meth:`as_of` needs it to
            tell that a session did not exist yet. A stored session without it
            is read with :data:`~ementoring.timezones.EARLIEST`, so it counts as
            existing before its history.

    Raises:
        ValidationError: For a bad field or a history that does not follow
            :data:`SESSION_TRANSITIONS`, naming the field.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Booking, Interval
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> s = Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=datetime(2026, 3, 3, tzinfo=UTC))
    >>> s.status.value, s.participants
    ('proposed', ('ivan', 'olga'))
    """

    id: str = attrs.field(validator=identifier)
    mentorship_ids: tuple[str, ...] = attrs.field(converter=_mentorship_ids, validator=_unique_ids)
    interval: Interval = attrs.field(validator=_interval)
    participants: tuple[str, ...] = attrs.field(converter=_sorted_ids, validator=_unique_ids)
    status: SessionStatus = attrs.field(
        kw_only=True, default=SessionStatus.PROPOSED, converter=_status
    )
    history: tuple[SessionEvent, ...] = attrs.field(kw_only=True, default=(), converter=_events)
    actual: Interval | None = attrs.field(kw_only=True, default=None, validator=_optional_interval)
    absent: tuple[str, ...] = attrs.field(
        kw_only=True, default=(), converter=_sorted_ids, validator=_unique_ids
    )
    proposed_at: datetime = attrs.field(kw_only=True, converter=utc, validator=aware)

    def __attrs_post_init__(self) -> None:
        if not self.mentorship_ids:
            raise ValidationError("mentorship_ids", self.mentorship_ids, "needs a mentorship")
        if len(self.participants) < 2:
            raise ValidationError("participants", self.participants, "needs at least two people")
        strangers = [p for p in self.absent if p not in self.participants]
        if strangers:
            raise ValidationError("absent", self.absent, f"not participants: {strangers}")
        state = SessionStatus.PROPOSED
        planned = None
        for index, event in enumerate(self.history):
            field = f"history[{index}]"
            if not isinstance(event, SessionEvent):
                raise ValidationError(field, event, "expected a SessionEvent")
            if index and event.at < self.history[index - 1].at:
                raise ValidationError(
                    f"{field}.at", event.at, "must not be before the previous event"
                )
            if event.from_status is not state:
                raise ValidationError(f"{field}.from_status", event.from_status, f"must be {state}")
            target = SESSION_TRANSITIONS.get((state, event.action))
            if target is not event.to_status:
                raise ValidationError(
                    f"{field}.to_status",
                    event.to_status,
                    f"{event.action} from {state} "
                    + (f"leads to {target}" if target else "is not allowed"),
                )
            if event.action is SessionAction.REPLY and event.by not in self.participants:
                raise ValidationError(f"{field}.by", event.by, "only a participant replies")
            if event.action is SessionAction.RESCHEDULE:
                if event.new_interval is None:
                    raise ValidationError(
                        f"{field}.new_interval", None, "required for a reschedule"
                    )
                planned = event.new_interval
            state = event.to_status
        if self.status is not state:
            raise ValidationError(
                "status",
                self.status,
                f"must be {state.value}: the status follows from the history (proposed when empty)",
            )
        if planned is not None and self.interval != planned:
            raise ValidationError(
                "interval", self.interval, "must be the last rescheduled time in the history"
            )
        if self.actual is not None and self.status is not SessionStatus.COMPLETED:
            raise ValidationError("actual", self.actual, "only for a completed session")
        if self.history and self.history[0].at < self.proposed_at:
            raise ValidationError(
                "proposed_at",
                self.proposed_at,
                f"must not be after the first event {self.history[0].at.isoformat()}",
            )

    def as_of(self, at: datetime) -> Session | None:
        """The session as it stood at ``at``, or ``None`` if it was not proposed yet.

        Events after ``at`` are undone: the status, the planned time (each
        event records the time planned when it happened), ``actual`` and
        ``absent`` are those of the events up to ``at`` (inclusive). With
        nothing to undo the session itself is returned. This is the one
        truncation every report uses for sessions (see docs/design.md).

        Raises:
            NaiveDatetimeError: ``at`` has no UTC offset.
            ValidationError: ``at`` is not a datetime.

        >>> from datetime import UTC, datetime
        >>> from ementoring.accounting import complete, confirm
        >>> from ementoring.scheduling import Interval
        >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
        >>> s = Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
        >>> s = complete(confirm(s, by="ivan", at=datetime(2026, 3, 2, tzinfo=UTC)),
        ...              at=datetime(2026, 3, 10, 18, tzinfo=UTC))
        >>> s.as_of(datetime(2026, 3, 5, tzinfo=UTC)).status.value
        'confirmed'
        >>> s.as_of(datetime(2026, 2, 28, tzinfo=UTC)) is None
        True
        """
        return self._as_of(require_aware(at, "at"))

    def _as_of(self, at: datetime) -> Session | None:
        """:meth:`as_of` for an instant already checked (aware, UTC)."""
        if at < self.proposed_at:
            return None
        if not self.history or self.history[-1].at <= at:
            return self  # the common case in a report on today: nothing to undo
        # Events never run backwards, so the ones kept are a prefix.
        kept = bisect.bisect_right(self.history, at, key=lambda event: event.at)
        if kept == len(self.history):
            return self
        events = self.history[:kept]
        actual = None
        absent: set[str] = set()
        for event in events:
            if event.action is SessionAction.COMPLETE:
                actual = event.actual
            elif event.action is SessionAction.MARK_NO_SHOW:
                absent.update(event.absent)
        # A prefix of a valid history is valid: built without replaying the checks,
        # which would cost more than the truncation in a report over many sessions.
        then = object.__new__(Session)
        for field in attrs.fields(Session):
            object.__setattr__(then, field.name, getattr(self, field.name))
        object.__setattr__(then, "interval", self.history[kept].interval)
        object.__setattr__(
            then, "status", events[-1].to_status if events else SessionStatus.PROPOSED
        )
        object.__setattr__(then, "history", events)
        object.__setattr__(then, "actual", actual)
        object.__setattr__(then, "absent", tuple(sorted(absent)))
        return then

    def serves(self, mentorship_id: str) -> bool:
        """Whether the session is for this mentorship (one of its ``mentorship_ids``).

        >>> from datetime import UTC, datetime
        >>> from ementoring.scheduling import Interval
        >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
        >>> group = Session("s1", ["m2", "m1"], slot, ["anna", "olga", "ivan"],
        ...                 proposed_at=datetime(2026, 3, 3, tzinfo=UTC))
        >>> group.mentorship_ids, group.serves("m2"), group.serves("m3")
        (('m1', 'm2'), True, False)
        """
        return mentorship_id in self.mentorship_ids

    @property
    def replies(self) -> Mapping[str, Answer]:
        """Each participant's answer to the current time, guests included, by id.

        Read from ``history``: a :func:`reply` sets its author's answer; a
        :func:`confirm` by a participant is their acceptance; a new time
        (:func:`reschedule`) puts everyone back to ``no_answer`` but its
        proposer, who accepts it. A session stored without replies reads as
        before them: whoever confirmed or proposed the current time accepted,
        nobody else answered. Through :meth:`as_of`, a reply made later does not show.

        >>> from datetime import UTC, datetime
        >>> from ementoring.accounting import confirm, reply
        >>> from ementoring.scheduling import Interval
        >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
        >>> s = Session("s1", "m1", slot, ["olga", "ivan", "yael"],
        ...             proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
        >>> s = confirm(s, by="ivan", at=datetime(2026, 3, 2, tzinfo=UTC))
        >>> s = reply(s, by="yael", answer="tentative", at=datetime(2026, 3, 3, tzinfo=UTC))
        >>> {person: answer.value for person, answer in s.replies.items()}
        {'ivan': 'accepted', 'olga': 'no_answer', 'yael': 'tentative'}
        """
        nobody = dict.fromkeys(self.participants, Answer.NO_ANSWER)
        answers = dict(nobody)
        for event in self.history:
            if event.action is SessionAction.RESCHEDULE:
                answers = dict(nobody)
            if event.by not in answers:
                continue  # a coordinator's step, or one nobody signed
            if event.action is SessionAction.REPLY:
                assert event.answer is not None  # checked by SessionEvent
                answers[event.by] = event.answer
            elif event.action in (SessionAction.RESCHEDULE, SessionAction.CONFIRM):
                answers[event.by] = Answer.ACCEPTED
        return MappingProxyType(answers)

    @property
    def held(self) -> Interval:
        """The time the session took: ``actual`` when recorded, else the plan."""
        return self.actual if self.actual is not None else self.interval

    @property
    def present(self) -> tuple[str, ...]:
        """The participants not marked absent."""
        return tuple(p for p in self.participants if p not in self.absent)

    @property
    def earlier_intervals(self) -> tuple[Interval, ...]:
        """Every time the session was planned for before its current one, oldest first."""
        return tuple(e.interval for e in self.history if e.action is SessionAction.RESCHEDULE)

    @property
    def reschedules(self) -> int:
        """How many times the session moved."""
        return sum(1 for e in self.history if e.action is SessionAction.RESCHEDULE)

    @property
    def occupies_time(self) -> bool:
        """Whether the session holds its time: proposed, confirmed or completed.

        A cancelled session frees its time, and a no-show's time is past.
        """
        return self.status in _OCCUPYING

    def booking(
        self, *, buffer_before: timedelta = _ZERO, buffer_after: timedelta = _ZERO
    ) -> Booking:
        """The session as a scheduling :class:`~ementoring.scheduling.Booking`.

        The booking has the session's id, its time (``held``: the real time of a
        completed session, else the plan) and every participant, so that
        ``find_slots(..., bookings=[s.booking() for s in sessions],
        ignore_booking=moved.id)`` offers new times for ``moved``. It is made
        whatever the status: leave out sessions that no longer hold their time
        (see :attr:`occupies_time` and :func:`session_bookings`).

        Args:
            buffer_before: Time blocked before the start (preparation).
            buffer_after: Time blocked after the end (writing the journal).

        Raises:
            ValidationError: A buffer that is not a timedelta of zero or more.

        >>> from datetime import UTC, datetime, timedelta
        >>> from ementoring.scheduling import Interval
        >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
        >>> s = Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=datetime(2026, 3, 3, tzinfo=UTC))
        >>> b = s.booking(buffer_after=timedelta(minutes=15))
        >>> b.id, b.participants, b.blocked.end.time()
        ('s1', ('ivan', 'olga'), datetime.time(17, 15))
        """
        return Booking(
            self.id,
            self.held,
            self.participants,
            buffer_before=buffer_before,
            buffer_after=buffer_after,
        )


def _each_session(sessions: Iterable[Session]) -> Iterator[Session]:
    """The sessions given, each checked to be one (named ``sessions[i]`` if not)."""
    yield from items_of(sessions, Session, "sessions", "a collection of Session", each="a Session")


def session_bookings(
    sessions: Iterable[Session],
    *,
    buffer_before: timedelta = _ZERO,
    buffer_after: timedelta = _ZERO,
) -> tuple[Booking, ...]:
    """The bookings of the sessions that hold their time (cancelled and no-shows left out).

    Args:
        sessions: Sessions of any mentorships and statuses (everyone's, if you like:
            scheduling ignores participants it is not scheduling).
        buffer_before: Time blocked before each session.
        buffer_after: Time blocked after each session.

    Returns:
        One :meth:`Session.booking` per proposed, confirmed or completed
        session, in the order given.

    Raises:
        ValidationError: Something that is not a Session, or a bad buffer.

    >>> from datetime import UTC, datetime
    >>> from ementoring.accounting import mark_no_show
    >>> from ementoring.scheduling import Interval
    >>> def at(day): return Interval(datetime(2026, 3, day, 16, tzinfo=UTC),
    ...                              datetime(2026, 3, day, 17, tzinfo=UTC))
    >>> def call(id, day): return Session(id, "m1", at(day), ["olga", "ivan"],
    ...                                   proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
    >>> gone = mark_no_show(call("s0", 3), absent=["ivan"], at=datetime(2026, 3, 3, 17, tzinfo=UTC))
    >>> [b.id for b in session_bookings([gone, call("s1", 10)])]
    ['s1']
    """
    bookings: list[Booking] = []
    for session in _each_session(sessions):
        if session.occupies_time:
            bookings.append(session.booking(buffer_before=buffer_before, buffer_after=buffer_after))
    return tuple(bookings)


def sessions_as_of(sessions: Iterable[Session], at: datetime) -> tuple[Session, ...]:
    """Every session as it stood at ``at`` (see :meth:`Session.as_of`), those not proposed yet left out.

    The order given is kept.

    Raises:
        ValidationError: An item is not a ``Session`` (named ``sessions[i]``), or ``at``
            is not a datetime.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Interval
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> early = Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> later = Session("s2", "m1", slot, ["olga", "ivan"], proposed_at=datetime(2026, 3, 9, tzinfo=UTC))
    >>> [s.id for s in sessions_as_of([early, later], datetime(2026, 3, 8, tzinfo=UTC))]
    ['s1']
    """
    at = require_aware(at, "at")
    found = []
    for session in _each_session(sessions):
        then = session._as_of(at)
        if then is not None:
            found.append(then)
    return tuple(found)


def session_change(session: Session) -> SessionChange | None:
    """What a session's state tells its people: ``booked``, ``moved``, ``confirmed`` or ``cancelled``.

    The one mapping from a session's state to what a message about it says
    (:func:`~ementoring.display.session_change_text` writes it): a proposed
    session is ``booked``, or ``moved`` once it has been rescheduled; a
    confirmed one ``confirmed``; a cancelled one ``cancelled``. A held or
    missed session has nothing left to act on: ``None``. Invitations and
    reminders both read it.

    Raises:
        InvalidTypeError: ``session`` is not a :class:`Session`.

    >>> from datetime import UTC, datetime
    >>> from ementoring.accounting import confirm, reschedule
    >>> from ementoring.scheduling import Interval
    >>> def at(day): return Interval(datetime(2026, 3, day, 16, tzinfo=UTC),
    ...                              datetime(2026, 3, day, 17, tzinfo=UTC))
    >>> s = Session("s1", "m1", at(10), ["olga", "ivan"], proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
    >>> moved = reschedule(s, at(12), by="ivan", at=datetime(2026, 3, 2, tzinfo=UTC), reason="clash")
    >>> agreed = confirm(moved, by="olga", at=datetime(2026, 3, 3, tzinfo=UTC))
    >>> session_change(s), session_change(moved), session_change(agreed)
    ('booked', 'moved', 'confirmed')
    """
    require_type(session, Session, "session", "a Session")
    status = session.status
    if status is SessionStatus.CANCELLED:
        return "cancelled"
    if status is SessionStatus.CONFIRMED:
        return "confirmed"
    if status is SessionStatus.PROPOSED:
        return "moved" if session.reschedules else "booked"
    return None  # completed or missed: nothing to act on
