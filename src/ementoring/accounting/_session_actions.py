"""What can be done to a session: confirm, reschedule, cancel, complete, mark a no-show, reply.

Each action checks its move against :data:`SESSION_TRANSITIONS` and returns a new
session with one more event in its history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from ementoring._validate import coerce_enum, items_of, require_flag
from ementoring.accounting._program import Program
from ementoring.accounting._session import Session, SessionEvent
from ementoring.accounting._session_lifecycle import (
    SESSION_TRANSITIONS,
    Answer,
    SessionAction,
    SessionStatus,
)
from ementoring.errors import InvalidTransitionError, RescheduleRequiredError, ValidationError
from ementoring.scheduling import Interval
from ementoring.timezones import require_aware

__all__ = [
    "cancel",
    "complete",
    "confirm",
    "mark_no_show",
    "reply",
    "reschedule",
]


def _check_move(
    session: Session, action: SessionAction, at: datetime, by: str | None
) -> tuple[SessionStatus, datetime, str | None]:
    """Check the move against the table, the clock and the actor; nothing is changed."""
    if not isinstance(session, Session):
        raise ValidationError("session", session, "expected a Session")
    target = SESSION_TRANSITIONS.get((session.status, action))
    if target is None:
        raise InvalidTransitionError(session.status.value, action.value)
    at = require_aware(at, "at")
    if session.history and at < session.history[-1].at:
        raise ValidationError(
            "at",
            at,
            f"must not be before the session's last change {session.history[-1].at.isoformat()}",
        )
    if at < session.proposed_at:
        raise ValidationError(
            "at",
            at,
            f"must not be before the session was proposed {session.proposed_at.isoformat()}",
        )
    if by is not None and (not isinstance(by, str) or not by or by != by.strip()):
        raise ValidationError("by", by, "must be a non-empty id without surrounding spaces")
    return target, at, by


def _checked_reason(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError("reason", value, "must be a string")
    if len(value) > 2_000:
        raise ValidationError("reason", f"<{len(value)} characters>", "must be at most 2,000")
    return value


def _with_event(session: Session, event: SessionEvent, **changes: Any) -> Session:
    return attrs.evolve(
        session, status=event.to_status, history=(*session.history, event), **changes
    )


def confirm(session: Session, *, by: str, at: datetime) -> Session:
    """Confirm a proposed session.

    Confirming is a status change and, when ``by`` is a participant, their
    acceptance too: ``session.replies[by]`` is then ``accepted``, as after
    :func:`reply`. A reply alone never confirms; a coordinator who is not a
    participant may confirm, and answers for nobody.

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
    >>> booked = datetime(2026, 3, 1, tzinfo=UTC)
    >>> s = confirm(Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=booked), by="ivan",
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
    target, at, _ = _check_move(session, SessionAction.CONFIRM, at, by)
    event = SessionEvent(
        action=SessionAction.CONFIRM,
        at=at,
        by=by,
        from_status=session.status,
        to_status=target,
        interval=session.interval,
    )
    return _with_event(session, event)


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
    >>> booked = datetime(2026, 3, 1, tzinfo=UTC)
    >>> s = Session("s1", "m1", slot(10), ["olga", "ivan"], proposed_at=booked)
    >>> s = reschedule(s, slot(12), by="olga",
    ...                at=datetime(2026, 3, 9, tzinfo=UTC), reason="work trip")
    >>> s.interval == slot(12), s.earlier_intervals == (slot(10),)
    (True, True)
    """
    if by is None:
        raise ValidationError("by", by, "must name who moved the session")
    target, at, _ = _check_move(session, SessionAction.RESCHEDULE, at, by)
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
        reason=_checked_reason(reason),
    )
    return _with_event(session, event, interval=new_interval)


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
    >>> booked = datetime(2026, 3, 1, tzinfo=UTC)
    >>> s = Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=booked)
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
    require_flag(final, "final")
    if by is None:
        raise ValidationError("by", by, "must name who cancelled")
    target, at, _ = _check_move(session, SessionAction.CANCEL, at, by)
    if new_interval is not None:
        if final:
            raise ValidationError("new_interval", new_interval, "cannot be given with final=True")
        # Allowed from the same states as cancel (see SESSION_TRANSITIONS): a move, not a
        # cancellation.
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
        reason=_checked_reason(reason),
    )
    return _with_event(session, event)


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
    >>> booked = datetime(2026, 3, 1, tzinfo=UTC)
    >>> real = Interval(datetime(2026, 3, 10, 16, 10, tzinfo=UTC), datetime(2026, 3, 10, 17, 30, tzinfo=UTC))
    >>> s = complete(Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=booked),
    ...              at=datetime(2026, 3, 10, 18, tzinfo=UTC), actual=real)
    >>> s.status.value, s.held.duration
    ('completed', datetime.timedelta(seconds=4800))
    """
    target, at, by = _check_move(session, SessionAction.COMPLETE, at, by)
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
    return _with_event(session, event, actual=actual)


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
    >>> booked = datetime(2026, 3, 1, tzinfo=UTC)
    >>> s = Session("s1", "m1", slot, ["olga", "ivan"], proposed_at=booked)
    >>> s = mark_no_show(s, absent=["ivan"],
    ...                  at=datetime(2026, 3, 10, 16, 30, tzinfo=UTC))
    >>> s.status.value, s.absent
    ('no_show', ('ivan',))
    """
    target, at, by = _check_move(session, SessionAction.MARK_NO_SHOW, at, by)
    names = tuple(sorted(set(items_of(absent, str, "absent", "a collection of ids", each="an id"))))
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
    return _with_event(session, event, absent=everyone_absent)


def reply(session: Session, *, by: str, answer: Answer | str, at: datetime) -> Session:
    """Record one participant's answer to the session's current time.

    Every participant answers for themselves, guests included; the answer is
    appended to ``history`` (who, what, when) and read back through
    ``Session.replies``. The last answer counts; a new time (:func:`reschedule`)
    asks everyone again. A reply changes no status: accepting does not confirm
    (see :func:`confirm`) and declining does not cancel, since the program
    decides whether the session goes ahead without someone.

    Args:
        session: A ``proposed`` or ``confirmed`` session.
        by: The participant who answers.
        answer: ``"accepted"``, ``"declined"`` or ``"tentative"`` (an :class:`Answer`).
        at: When (aware, not before the session's last change).

    Returns:
        The session with the answer recorded.

    Raises:
        InvalidTransitionError: It is completed, cancelled or a no-show.
        ValidationError: ``by`` is not a participant, ``answer`` is not an
            answer (``no_answer`` is where everyone starts, not a reply), or a bad ``at``.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Interval
    >>> slot = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
    >>> s = Session("s1", ["m1", "m2"], slot, ["anna", "olga", "boris", "yael"],
    ...             proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
    >>> s = reply(s, by="yael", answer="declined", at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> s.status.value, s.replies["yael"].value, s.history[-1].by
    ('proposed', 'declined', 'yael')
    >>> reply(s, by="zoe", answer="accepted", at=datetime(2026, 3, 3, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: by: only a participant of the session replies (got 'zoe')
    """
    target, at, _ = _check_move(session, SessionAction.REPLY, at, by)
    if by not in session.participants:
        raise ValidationError("by", by, "only a participant of the session replies")
    chosen = coerce_enum(Answer, answer, "answer")
    if chosen is Answer.NO_ANSWER:
        raise ValidationError("answer", answer, "a reply is accepted, declined or tentative")
    event = SessionEvent(
        action=SessionAction.REPLY,
        at=at,
        by=by,
        from_status=session.status,
        to_status=target,
        interval=session.interval,
        answer=chosen,
    )
    return _with_event(session, event)
