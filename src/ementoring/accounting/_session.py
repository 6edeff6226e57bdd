"""Sessions and their lifecycle; the transition table here is the single source of the rules."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs

from ementoring._validate import (
    Choice,
    aware,
    check_unique,
    coerce_enum,
    identifier,
    items_of,
    optional_aware,
    optional_identifier,
    optional_utc,
    string_tuple,
    strings,
    text,
    utc,
)
from ementoring.accounting._program import Program
from ementoring.errors import InvalidTransitionError, RescheduleRequiredError, ValidationError
from ementoring.scheduling import Booking, Interval
from ementoring.timezones import require_aware

__all__ = [
    "TRANSITIONS",
    "Session",
    "SessionAction",
    "SessionEvent",
    "SessionStatus",
    "cancel",
    "complete",
    "confirm",
    "lifecycle_table",
    "mark_no_show",
    "reschedule",
    "session_bookings",
    "sessions_as_of",
]


class SessionStatus(Choice):
    """Where a session stands."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class SessionAction(Choice):
    """What can be done to a session (one function each)."""

    CONFIRM = "confirm"
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"
    COMPLETE = "complete"
    MARK_NO_SHOW = "mark_no_show"


_S = SessionStatus
_A = SessionAction
_ZERO = timedelta(0)

TRANSITIONS: Mapping[tuple[SessionStatus, SessionAction], SessionStatus] = {
    (_S.PROPOSED, _A.CONFIRM): _S.CONFIRMED,
    (_S.PROPOSED, _A.RESCHEDULE): _S.PROPOSED,
    (_S.PROPOSED, _A.CANCEL): _S.CANCELLED,
    (_S.PROPOSED, _A.COMPLETE): _S.COMPLETED,
    (_S.PROPOSED, _A.MARK_NO_SHOW): _S.NO_SHOW,
    # A new time is a new proposal: the other side confirms it again.
    (_S.CONFIRMED, _A.RESCHEDULE): _S.PROPOSED,
    (_S.CONFIRMED, _A.CANCEL): _S.CANCELLED,
    (_S.CONFIRMED, _A.COMPLETE): _S.COMPLETED,
    (_S.CONFIRMED, _A.MARK_NO_SHOW): _S.NO_SHOW,
    # A guest who did not join a call that happened: recorded, still completed.
    (_S.COMPLETED, _A.MARK_NO_SHOW): _S.COMPLETED,
}
"""``(status, action) -> new status``. Every pair missing here raises
:class:`~ementoring.errors.InvalidTransitionError`. ``cancel`` with a new time
is recorded as a ``reschedule`` (its row applies)."""


_OCCUPYING = frozenset({_S.PROPOSED, _S.CONFIRMED, _S.COMPLETED})


def lifecycle_table() -> str:
    """The session lifecycle as a Markdown table, generated from :data:`TRANSITIONS`.

    Rows are the current status, columns the action, cells the new status
    (``-``: not allowed, raises ``InvalidTransitionError``).

    >>> print(lifecycle_table())
    | status \\ action | confirm | reschedule | cancel | complete | mark_no_show |
    |---|---|---|---|---|---|
    | proposed | confirmed | proposed | cancelled | completed | no_show |
    | confirmed | - | proposed | cancelled | completed | no_show |
    | completed | - | - | - | - | completed |
    | cancelled | - | - | - | - | - |
    | no_show | - | - | - | - | - |
    """
    header = "| status \\ action | " + " | ".join(a.value for a in SessionAction) + " |"
    rule = "|---" * (len(SessionAction) + 1) + "|"
    rows = [header, rule]
    for status in SessionStatus:
        cells = [
            target.value if (target := TRANSITIONS.get((status, action))) else "-"
            for action in SessionAction
        ]
        rows.append(f"| {status.value} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _status(value: SessionStatus | str) -> SessionStatus:
    return coerce_enum(SessionStatus, value, "status")


def _from_status(value: SessionStatus | str) -> SessionStatus:
    return coerce_enum(SessionStatus, value, "from_status")


def _to_status(value: SessionStatus | str) -> SessionStatus:
    return coerce_enum(SessionStatus, value, "to_status")


def _action(value: SessionAction | str) -> SessionAction:
    return coerce_enum(SessionAction, value, "action")


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


def _ids(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
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
    ``absent`` who did not come (no-shows).
    """

    action: SessionAction = attrs.field(converter=_action)
    at: datetime = attrs.field(converter=utc, validator=aware)
    by: str | None = attrs.field(default=None, validator=optional_identifier)
    from_status: SessionStatus = attrs.field(converter=_from_status)
    to_status: SessionStatus = attrs.field(converter=_to_status)
    interval: Interval = attrs.field(validator=_interval)
    new_interval: Interval | None = attrs.field(default=None, validator=_optional_interval)
    actual: Interval | None = attrs.field(default=None, validator=_optional_interval)
    absent: tuple[str, ...] = attrs.field(default=(), converter=_sorted_ids, validator=_ids)
    reason: str = attrs.field(default="", validator=text(max_length=2_000))


def _events(value: Iterable[SessionEvent]) -> tuple[SessionEvent, ...]:
    # Each item's type is checked, naming its position, in __attrs_post_init__.
    return items_of(value, object, "history", "an iterable of SessionEvent")


@attrs.frozen
class Session:
    """A planned meeting of a mentorship's participants, with its whole history.

    Build it with the planned ``interval``; it starts ``proposed``. Change it
    only through :func:`confirm`, :func:`reschedule`, :func:`cancel`,
    :func:`complete` and :func:`mark_no_show`, which return new sessions and
    append to ``history`` (see :data:`TRANSITIONS`).

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
        proposed_at: When the session was first proposed (aware); ``None``
            when unknown, and then it counts as existing before its history.
            Not after the first event of ``history``. :meth:`as_of` needs it to
            tell that a session did not exist yet.

    Raises:
        ValidationError: For a bad field or a history that does not follow
            :data:`TRANSITIONS`, naming the field.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Booking, Interval
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> s = Session("s1", "m1", slot, ["olga", "ivan"])
    >>> s.status.value, s.participants
    ('proposed', ('ivan', 'olga'))
    """

    id: str = attrs.field(validator=identifier)
    mentorship_ids: tuple[str, ...] = attrs.field(converter=_mentorship_ids, validator=_ids)
    interval: Interval = attrs.field(validator=_interval)
    participants: tuple[str, ...] = attrs.field(converter=_sorted_ids, validator=_ids)
    status: SessionStatus = attrs.field(
        kw_only=True, default=SessionStatus.PROPOSED, converter=_status
    )
    history: tuple[SessionEvent, ...] = attrs.field(kw_only=True, default=(), converter=_events)
    actual: Interval | None = attrs.field(kw_only=True, default=None, validator=_optional_interval)
    absent: tuple[str, ...] = attrs.field(
        kw_only=True, default=(), converter=_sorted_ids, validator=_ids
    )
    proposed_at: datetime | None = attrs.field(
        kw_only=True, default=None, converter=optional_utc, validator=optional_aware
    )

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
            target = TRANSITIONS.get((state, event.action))
            if target is not event.to_status:
                raise ValidationError(
                    f"{field}.to_status",
                    event.to_status,
                    f"{event.action} from {state} "
                    + (f"leads to {target}" if target else "is not allowed"),
                )
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
        if self.proposed_at is not None and self.history and self.history[0].at < self.proposed_at:
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
        if self.proposed_at is not None and at < self.proposed_at:
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
        >>> group = Session("s1", ["m2", "m1"], slot, ["anna", "olga", "ivan"])
        >>> group.mentorship_ids, group.serves("m2"), group.serves("m3")
        (('m1', 'm2'), True, False)
        """
        return mentorship_id in self.mentorship_ids

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
        >>> b = Session("s1", "m1", slot, ["olga", "ivan"]).booking(buffer_after=timedelta(minutes=15))
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
    if isinstance(sessions, str | bytes) or not isinstance(sessions, Iterable):
        raise ValidationError("sessions", sessions, "expected a collection of Session")
    for index, session in enumerate(sessions):
        if not isinstance(session, Session):
            raise ValidationError(f"sessions[{index}]", session, "expected a Session")
        yield session


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
    >>> from ementoring.scheduling import Interval
    >>> def at(day): return Interval(datetime(2026, 3, day, 16, tzinfo=UTC),
    ...                              datetime(2026, 3, day, 17, tzinfo=UTC))
    >>> gone = mark_no_show(Session("s0", "m1", at(3), ["olga", "ivan"]), absent=["ivan"],
    ...                     at=datetime(2026, 3, 3, 17, tzinfo=UTC))
    >>> [b.id for b in session_bookings([gone, Session("s1", "m1", at(10), ["olga", "ivan"])])]
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
    >>> later = Session("s2", "m1", slot, ["olga", "ivan"], proposed_at=datetime(2026, 3, 9, tzinfo=UTC))
    >>> [s.id for s in sessions_as_of([Session("s1", "m1", slot, ["olga", "ivan"]), later],
    ...                               datetime(2026, 3, 8, tzinfo=UTC))]
    ['s1']
    """
    at = require_aware(at, "at")
    found = []
    for session in _each_session(sessions):
        then = session._as_of(at)
        if then is not None:
            found.append(then)
    return tuple(found)


def _step(
    session: Session, action: SessionAction, at: datetime, by: str | None
) -> tuple[SessionStatus, datetime, str | None]:
    """Check the move against the table, the clock and the actor; nothing is changed."""
    if not isinstance(session, Session):
        raise ValidationError("session", session, "expected a Session")
    target = TRANSITIONS.get((session.status, action))
    if target is None:
        raise InvalidTransitionError(session.status.value, action.value)
    at = require_aware(at, "at")
    if session.history and at < session.history[-1].at:
        raise ValidationError(
            "at",
            at,
            f"must not be before the session's last change {session.history[-1].at.isoformat()}",
        )
    if session.proposed_at is not None and at < session.proposed_at:
        raise ValidationError(
            "at",
            at,
            f"must not be before the session was proposed {session.proposed_at.isoformat()}",
        )
    if by is not None and (not isinstance(by, str) or not by or by != by.strip()):
        raise ValidationError("by", by, "must be a non-empty id without surrounding spaces")
    return target, at, by


def _reason(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError("reason", value, "must be a string")
    if len(value) > 2_000:
        raise ValidationError("reason", f"<{len(value)} characters>", "must be at most 2,000")
    return value


def _append(session: Session, event: SessionEvent, **changes: Any) -> Session:
    return attrs.evolve(
        session, status=event.to_status, history=(*session.history, event), **changes
    )


def confirm(session: Session, *, by: str, at: datetime) -> Session:
    """Confirm a proposed session.

    Args:
        session: A ``proposed`` session.
        by: Who confirmed.
        at: When (aware, not before the session's last change).

    Returns:
        The ``confirmed`` session.

    Raises:
        InvalidTransitionError: It is not ``proposed``.
        ValidationError: For a bad ``by`` or ``at``.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Booking, Interval
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> s = confirm(Session("s1", "m1", slot, ["olga", "ivan"]), by="ivan",
    ...             at=datetime(2026, 3, 9, tzinfo=UTC))
    >>> s.status.value, s.history[-1].by
    ('confirmed', 'ivan')
    >>> confirm(s, by="ivan", at=datetime(2026, 3, 9, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTransitionError: cannot confirm from state 'confirmed'
    """
    if by is None:
        raise ValidationError("by", by, "must name who confirmed")
    target, at, _ = _step(session, SessionAction.CONFIRM, at, by)
    event = SessionEvent(
        action=SessionAction.CONFIRM,
        at=at,
        by=by,
        from_status=session.status,
        to_status=target,
        interval=session.interval,
    )
    return _append(session, event)


def reschedule(
    session: Session,
    new_interval: Interval,
    *,
    by: str,
    at: datetime,
    reason: str,
) -> Session:
    """Move a proposed or confirmed session to a new time; it becomes ``proposed`` again.

    Every earlier time stays in ``history`` (see ``Session.earlier_intervals``).

    Args:
        session: A ``proposed`` or ``confirmed`` session.
        new_interval: The new time (must differ from the current one).
        by: Who moved it.
        at: When (aware, not before the session's last change).
        reason: Why.

    Raises:
        InvalidTransitionError: It is completed, cancelled or a no-show.
        ValidationError: For a bad or unchanged ``new_interval``, ``by`` or ``at``.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Booking, Interval
    >>> def slot(day): return Interval(datetime(2026, 3, day, 16, tzinfo=UTC),
    ...                                datetime(2026, 3, day, 17, tzinfo=UTC))
    >>> s = reschedule(Session("s1", "m1", slot(10), ["olga", "ivan"]), slot(12), by="olga",
    ...                at=datetime(2026, 3, 9, tzinfo=UTC), reason="work trip")
    >>> s.interval == slot(12), s.earlier_intervals == (slot(10),)
    (True, True)
    """
    if by is None:
        raise ValidationError("by", by, "must name who moved the session")
    target, at, _ = _step(session, SessionAction.RESCHEDULE, at, by)
    if not isinstance(new_interval, Interval):
        raise ValidationError("new_interval", new_interval, "expected an Interval")
    if new_interval == session.interval:
        raise ValidationError("new_interval", new_interval, "is the session's current time")
    event = SessionEvent(
        action=SessionAction.RESCHEDULE,
        at=at,
        by=by,
        from_status=session.status,
        to_status=target,
        interval=session.interval,
        new_interval=new_interval,
        reason=_reason(reason),
    )
    return _append(session, event, interval=new_interval)


def cancel(
    session: Session,
    *,
    program: Program,
    by: str,
    at: datetime,
    reason: str,
    new_interval: Interval | None = None,
    final: bool = False,
) -> Session:
    """Cancel a session, or move it when a new time is given.

    "Always suggest a new time rather than deferring": when the program's
    ``require_new_time_on_cancel`` is on, a cancellation must carry a
    ``new_interval`` (and is then recorded as a reschedule) unless it is
    ``final`` (the mentorship is ending).

    Args:
        session: A ``proposed`` or ``confirmed`` session.
        program: The session's program; its ``require_new_time_on_cancel`` applies.
        by: Who cancelled.
        at: When (aware, not before the session's last change).
        reason: Why.
        new_interval: The new time proposed; makes this a reschedule.
        final: Cancel for good (no new time may be given then).

    Returns:
        The ``cancelled`` session, or the rescheduled (``proposed``) one.

    Raises:
        InvalidTransitionError: It is completed, cancelled or a no-show.
        RescheduleRequiredError: No ``new_interval``, not ``final``, and the
            program requires a new time.
        ValidationError: ``final`` together with ``new_interval``, or a bad input.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.scheduling import Booking, Interval
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> s = Session("s1", "m1", slot, ["olga", "ivan"])
    >>> at = datetime(2026, 3, 9, tzinfo=UTC)
    >>> cancel(s, program=program, by="olga", at=at, reason="ill")
    Traceback (most recent call last):
    ...
    ementoring.errors.RescheduleRequiredError: new_interval: this program asks for a new time when a session is cancelled ("always suggest a new time rather than deferring"); give new_interval, or final=True if the mentorship is ending (got None)
    >>> cancel(s, program=program, by="olga", at=at, reason="mentorship ends", final=True).status.value
    'cancelled'
    """
    if not isinstance(program, Program):
        raise ValidationError("program", program, "expected a Program")
    if not isinstance(final, bool):
        raise ValidationError("final", final, "must be True or False")
    if by is None:
        raise ValidationError("by", by, "must name who cancelled")
    target, at, _ = _step(session, SessionAction.CANCEL, at, by)
    if new_interval is not None:
        if final:
            raise ValidationError("new_interval", new_interval, "cannot be given with final=True")
        # Allowed from the same states as cancel (see TRANSITIONS): a move, not a cancellation.
        return reschedule(session, new_interval, by=by, at=at, reason=reason)
    if not final and program.require_new_time_on_cancel:
        raise RescheduleRequiredError(
            "new_interval",
            None,
            "this program asks for a new time when a session is cancelled"
            ' ("always suggest a new time rather than deferring");'
            " give new_interval, or final=True if the mentorship is ending",
        )
    event = SessionEvent(
        action=SessionAction.CANCEL,
        at=at,
        by=by,
        from_status=session.status,
        to_status=target,
        interval=session.interval,
        reason=_reason(reason),
    )
    return _append(session, event)


def complete(
    session: Session, *, at: datetime, actual: Interval | None = None, by: str | None = None
) -> Session:
    """Record that a proposed or confirmed session took place.

    Args:
        session: A ``proposed`` or ``confirmed`` session.
        at: When it was recorded (aware; not before the session began, nor
            before its last change).
        actual: The real time, when it differed from the plan.
        by: Who recorded it (optional).

    Raises:
        InvalidTransitionError: It is already completed, cancelled or a no-show.
        ValidationError: ``at`` before the session began, or a bad input.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Booking, Interval
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> real = Interval(datetime(2026, 3, 10, 16, 10, tzinfo=UTC), datetime(2026, 3, 10, 17, 30, tzinfo=UTC))
    >>> s = complete(Session("s1", "m1", slot, ["olga", "ivan"]),
    ...              at=datetime(2026, 3, 10, 18, tzinfo=UTC), actual=real)
    >>> s.status.value, s.held.duration
    ('completed', datetime.timedelta(seconds=4800))
    """
    target, at, by = _step(session, SessionAction.COMPLETE, at, by)
    if actual is not None and not isinstance(actual, Interval):
        raise ValidationError("actual", actual, "expected an Interval")
    began = (actual or session.interval).start
    if at < began:
        raise ValidationError("at", at, f"must not be before the session began {began.isoformat()}")
    event = SessionEvent(
        action=SessionAction.COMPLETE,
        at=at,
        by=by,
        from_status=session.status,
        to_status=target,
        interval=session.interval,
        actual=actual,
    )
    return _append(session, event, actual=actual)


def mark_no_show(
    session: Session, *, absent: Iterable[str], at: datetime, by: str | None = None
) -> Session:
    """Record who did not come.

    From ``proposed`` or ``confirmed`` the session becomes ``no_show`` (it did
    not take place). On a ``completed`` session (say a guest never joined a
    three-way call) the absence is recorded and it stays ``completed``; at
    least two people must then remain present.

    Args:
        session: The session.
        absent: Ids of the participants who did not come (at least one).
        at: When it was recorded (aware; not before the session began, nor
            before its last change).
        by: Who recorded it (optional).

    Raises:
        InvalidTransitionError: The session is cancelled or already a no-show.
        ValidationError: ``absent`` empty, naming a non-participant or someone
            already marked, leaving fewer than two at a completed session, or a bad ``at``.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Booking, Interval
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> s = mark_no_show(Session("s1", "m1", slot, ["olga", "ivan"]), absent=["ivan"],
    ...                  at=datetime(2026, 3, 10, 16, 30, tzinfo=UTC))
    >>> s.status.value, s.absent
    ('no_show', ('ivan',))
    """
    target, at, by = _step(session, SessionAction.MARK_NO_SHOW, at, by)
    if isinstance(absent, str):
        raise ValidationError("absent", absent, "must be a collection of ids, not a string")
    try:
        names = tuple(sorted(set(absent)))
    except TypeError:
        raise ValidationError("absent", absent, "must be a collection of ids") from None
    if not names:
        raise ValidationError("absent", names, "must name at least one participant")
    strangers = [p for p in names if p not in session.participants]
    if strangers:
        raise ValidationError("absent", names, f"not participants of the session: {strangers}")
    again = [p for p in names if p in session.absent]
    if again:
        raise ValidationError("absent", names, f"already marked absent: {again}")
    everyone_absent = tuple(sorted({*session.absent, *names}))
    if (
        session.status is SessionStatus.COMPLETED
        and len(session.participants) - len(everyone_absent) < 2
    ):
        raise ValidationError(
            "absent", names, "a completed session needs at least two people present"
        )
    began = session.held.start
    if at < began:
        raise ValidationError("at", at, f"must not be before the session began {began.isoformat()}")
    event = SessionEvent(
        action=SessionAction.MARK_NO_SHOW,
        at=at,
        by=by,
        from_status=session.status,
        to_status=target,
        interval=session.interval,
        absent=names,
    )
    return _append(session, event, absent=everyone_absent)
