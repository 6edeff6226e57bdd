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
    coerce_enum,
    date_value,
    duration,
    identifier,
    non_blank,
    optional_aware,
    optional_utc,
    text,
    utc,
)
from ementoring.accounting import Pace
from ementoring.display import MAX_COUNT
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.journal import MAX_DESCRIPTION, AuthorRole

__all__ = [
    "ActionItemParams",
    "NoSessionParams",
    "PaceParams",
    "Params",
    "ReviewParams",
    "SessionParams",
]


def _count(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field.name, value, "a whole number")
    if not 0 <= value <= MAX_COUNT:
        raise ValidationError(field.name, value, f"must be between 0 and {MAX_COUNT:,}")


def _optional_count(instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _count(instance, field, value)


def _pace(value: Pace | str) -> Pace:
    return coerce_enum(Pace, value, "pace")


def _role(value: AuthorRole | str) -> AuthorRole:
    return coerce_enum(AuthorRole, value, "author_role")


@attrs.frozen(kw_only=True)
class SessionParams:
    """``agenda_due`` and ``journal_due``: the session and the partner it is with.

    Attributes:
        session_start, session_end: The session's time (held time for
            ``journal_due``, planned time for ``agenda_due``), aware, UTC.
        partner_id: The other member of the pair.
    """

    session_start: datetime = attrs.field(converter=utc, validator=aware)
    session_end: datetime = attrs.field(converter=utc, validator=aware)
    partner_id: str = attrs.field(validator=identifier)

    def __attrs_post_init__(self) -> None:
        for field, value in (
            ("session_start", self.session_start),
            ("session_end", self.session_end),
        ):
            if value is None:
                raise InvalidTypeError(field, value, "an aware datetime")
        if self.session_end < self.session_start:
            raise ValidationError(
                "session_end",
                self.session_end,
                f"must not be before session_start {self.session_start.isoformat()}",
            )


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


Params: TypeAlias = SessionParams | NoSessionParams | PaceParams | ReviewParams | ActionItemParams
"""The facts of one reminder; which class goes with which kind is fixed by the kind."""
