"""What each kind of reminder carries: the facts a message is written from, as typed fields.

A platform can build its own message (or a push notification's title, or an
e-mail's subject) from these without parsing text; :func:`~ementoring.reminders.render`
writes the library's own message from them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TypeAlias

import attrs

from ementoring._validate import (
    aware,
    check_unique,
    coerce_enum,
    date_value,
    duration,
    identifier,
    non_blank,
    optional_aware,
    optional_utc,
    require_identifier,
    require_type,
    string_tuple,
    strings,
    text,
    utc,
    whole_number,
)
from ementoring.accounting import Pace
from ementoring.display import MAX_COUNT, SESSION_CHANGES, SessionChange
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.journal import MAX_DESCRIPTION, AuthorRole
from ementoring.journey import MAX_OCCASION, Survey

__all__ = [
    "ActionItemParams",
    "ChangeParams",
    "NoSessionParams",
    "PaceParams",
    "Params",
    "ReplyParams",
    "ReviewParams",
    "SessionParams",
    "SurveyParams",
]


def _count(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field.name, value, "a whole number")
    if not 0 <= value <= MAX_COUNT:
        raise ValidationError(field.name, value, f"must be between 0 and {MAX_COUNT:,}")


def _optional_count(instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _count(instance, field, value)


def _people(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: one or more person ids, each once (their order is kept: it is how they are named)."""
    strings(_instance, field, value)
    if not value:
        raise ValidationError(field.name, value, "must name at least one person")
    for index, item in enumerate(value):
        require_identifier(item, f"{field.name}[{index}]")
    check_unique(value, key=str, field=field.name)


def _check_span(instance: Any, start: str, end: str) -> None:
    """The session's end is not before its start (both fields of ``instance``, named)."""
    first, last = getattr(instance, start), getattr(instance, end)
    if last < first:
        raise ValidationError(end, last, f"must not be before {start} {first.isoformat()}")


def _change(value: Any) -> SessionChange:
    if not isinstance(value, str) or value not in SESSION_CHANGES:
        raise ValidationError("change", value, f"must be one of {', '.join(SESSION_CHANGES)}")
    return value  # one of SESSION_CHANGES, checked above


def _pace(value: Pace | str) -> Pace:
    return coerce_enum(Pace, value, "pace")


def _role(value: AuthorRole | str) -> AuthorRole:
    return coerce_enum(AuthorRole, value, "author_role")


@attrs.frozen(kw_only=True)
class SessionParams:
    """``agenda_due`` and ``journal_due``: the session and everyone else in it.

    Attributes:
        session_start, session_end: The session's time (held time for
            ``journal_due``, planned time for ``agenda_due``), aware, UTC.
        partner_ids: Everyone else invited to the session, guests included, in
            the session's order: at a group session every partner is named, not one.
    """

    session_start: datetime = attrs.field(converter=utc, validator=aware)
    session_end: datetime = attrs.field(converter=utc, validator=aware)
    partner_ids: tuple[str, ...] = attrs.field(converter=string_tuple, validator=_people)

    def __attrs_post_init__(self) -> None:
        _check_span(self, "session_start", "session_end")


@attrs.frozen(kw_only=True)
class NoSessionParams:
    """``no_next_session``: who to meet, and when they last met.

    Attributes:
        partner_id: The other member of the pair.
        last_session_end: When their last completed session ended (``None``: never met).
    """

    partner_id: str = attrs.field(validator=identifier)
    last_session_end: datetime | None = attrs.field(
        converter=optional_utc, validator=optional_aware
    )


@attrs.frozen(kw_only=True)
class PaceParams:
    """``behind_pace``: the figures of :func:`~ementoring.accounting.progress` behind it.

    Attributes:
        pace: ``behind`` or ``at_risk``.
        logged, target, expected_by_now: Pair time logged, the program's target,
            and the straight line's value today.
        sessions_completed: Completed sessions so far.
        days_since_last_session: Whole days since the last completed session
            (``None``: none yet).
    """

    pace: Pace = attrs.field(converter=_pace)
    logged: timedelta = attrs.field(validator=duration())
    target: timedelta = attrs.field(validator=duration())
    expected_by_now: timedelta = attrs.field(validator=duration())
    sessions_completed: int = attrs.field(validator=_count)
    days_since_last_session: int | None = attrs.field(validator=_optional_count)


@attrs.frozen(kw_only=True)
class ReviewParams:
    """``review_pending``: the entry waiting for a coordinator.

    Attributes:
        author_id, author_role: Who wrote it, as mentor or mentee.
        written_at: When it was written.
        waited_days: Whole days it has waited, at the ``now`` asked about.
    """

    author_id: str = attrs.field(validator=identifier)
    author_role: AuthorRole = attrs.field(converter=_role)
    written_at: datetime = attrs.field(converter=utc, validator=aware)
    waited_days: int = attrs.field(validator=_count)


@attrs.frozen(kw_only=True)
class ActionItemParams:
    """``action_item_overdue``: the item.

    Attributes:
        description: What was to be done.
        due_on: The day it was due, on the program's clock.
        assigned_by: Who asked for it.
    """

    description: str = attrs.field(validator=[text(max_length=MAX_DESCRIPTION), non_blank])
    due_on: date = attrs.field(validator=date_value)
    assigned_by: str = attrs.field(validator=identifier)


@attrs.frozen(kw_only=True)
class ReplyParams:
    """``reply_missing``: a session still to come, and who has not answered its time.

    Attributes:
        session_start, session_end: The session's planned time, aware, UTC.
        waiting_ids: Who has not answered (accepted, declined or tentative), in
            the session's order; the reader is never among them.
    """

    session_start: datetime = attrs.field(converter=utc, validator=aware)
    session_end: datetime = attrs.field(converter=utc, validator=aware)
    waiting_ids: tuple[str, ...] = attrs.field(converter=string_tuple, validator=_people)

    def __attrs_post_init__(self) -> None:
        _check_span(self, "session_start", "session_end")


@attrs.frozen(kw_only=True)
class ChangeParams:
    """``session_changed``: what happened to a session, as :func:`~ementoring.accounting.session_change` says.

    Attributes:
        change: ``booked``, ``moved``, ``confirmed`` or ``cancelled``.
        session_start, session_end: The session's time (for ``moved``, the new one).
        earlier_start, earlier_end: The time before a move; ``None`` for any other change.
        partner_ids: Everyone else invited, guests included, in the session's order.
    """

    change: SessionChange = attrs.field(converter=_change)
    session_start: datetime = attrs.field(converter=utc, validator=aware)
    session_end: datetime = attrs.field(converter=utc, validator=aware)
    earlier_start: datetime | None = attrs.field(
        default=None, converter=optional_utc, validator=optional_aware
    )
    earlier_end: datetime | None = attrs.field(
        default=None, converter=optional_utc, validator=optional_aware
    )
    partner_ids: tuple[str, ...] = attrs.field(converter=string_tuple, validator=_people)

    def __attrs_post_init__(self) -> None:
        _check_span(self, "session_start", "session_end")
        moved = self.change == "moved"
        for field in ("earlier_start", "earlier_end"):
            value = getattr(self, field)
            if moved and value is None:
                raise ValidationError(field, value, "a moved session needs its earlier time")
            if not moved and value is not None:
                raise ValidationError(
                    field, value, f"only a moved session has one, not {self.change!r}"
                )
        if moved:
            _check_span(self, "earlier_start", "earlier_end")


def _survey(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    require_type(value, Survey, field.name, "a Survey")


@attrs.frozen(kw_only=True)
class SurveyParams:
    """``survey_due`` and ``survey_overdue``: the survey asked, about which partner, by when.

    Attributes:
        survey: The survey of the program's plan (its title in each language).
        occasion: Which time it is asked of the recipient (1, 2, ...), as
            :func:`~ementoring.journey.due_surveys` counts.
        partner_id: The other member of the pair it is about.
        opens_at: When it was asked, aware, UTC.
        answer_by: When an answer is due (``opens_at`` plus the survey's
            ``answer_within``); past it the survey is overdue.
    """

    survey: Survey = attrs.field(validator=_survey)
    occasion: int = attrs.field(validator=whole_number(minimum=1, maximum=MAX_OCCASION))
    partner_id: str = attrs.field(validator=identifier)
    opens_at: datetime = attrs.field(converter=utc, validator=aware)
    answer_by: datetime = attrs.field(converter=utc, validator=aware)

    def __attrs_post_init__(self) -> None:
        _check_span(self, "opens_at", "answer_by")


Params: TypeAlias = (
    SessionParams
    | NoSessionParams
    | PaceParams
    | ReviewParams
    | ActionItemParams
    | ReplyParams
    | ChangeParams
    | SurveyParams
)
"""The facts of one reminder; which class goes with which kind is fixed by the kind."""
