"""Action items (homework): open, then done or dropped, by a transition table."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    date_value,
    identifier,
    non_blank,
    optional_aware,
    optional_utc,
    require_type,
    text,
    utc,
)
from ementoring.errors import InvalidTransitionError, ValidationError
from ementoring.timezones import require_aware

__all__ = [
    "ACTION_TRANSITIONS",
    "MAX_DESCRIPTION",
    "ActionItem",
    "ActionStatus",
    "done",
    "drop",
]

MAX_DESCRIPTION = 2_000
"""The longest action-item description or drop reason accepted, in characters."""


class ActionStatus(Choice):
    """Where an action item stands."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


ACTION_TRANSITIONS: Mapping[tuple[ActionStatus, str], ActionStatus] = MappingProxyType(
    {
        (ActionStatus.OPEN, "mark done"): ActionStatus.DONE,
        (ActionStatus.OPEN, "drop"): ActionStatus.DROPPED,
    }
)
"""``(state, action) -> new state``; any pair not listed raises ``InvalidTransitionError``."""


def _status(value: ActionStatus | str) -> ActionStatus:
    return coerce_enum(ActionStatus, value, "status")


def _optional_date(instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        date_value(instance, field, value)


@attrs.frozen
class ActionItem:
    """A task agreed in the pair, such as research the mentor gives as homework.

    Args:
        id: The item's id, unique in its journal.
        mentorship_id: The mentorship it belongs to.
        description: What to do (not blank, at most ``MAX_DESCRIPTION`` characters).
        assigned_to: Who does it (a member of the pair).
        assigned_by: Who asked for it (a member of the pair).
        created_at: When it was agreed (aware).
        due_on: The calendar day, in the program's zone, it is due by, if any.
        status: ``"open"`` (default), ``"done"`` or ``"dropped"``; change it
            with :func:`done` or :func:`drop`.
        closed_at: When it was done or dropped.
        drop_reason: Why it was dropped.

    >>> from datetime import date, datetime, UTC
    >>> item = ActionItem("a1", "m1", "Research three Toronto HR associations",
    ...     assigned_to="olga", assigned_by="david",
    ...     created_at=datetime(2026, 3, 10, 18, 0, tzinfo=UTC), due_on=date(2026, 3, 17))
    >>> done(item, datetime(2026, 3, 15, 12, 0, tzinfo=UTC)).status
    <ActionStatus.DONE: 'done'>
    """

    id: str = attrs.field(validator=identifier)
    mentorship_id: str = attrs.field(validator=identifier)
    description: str = attrs.field(validator=[text(max_length=MAX_DESCRIPTION), non_blank])
    assigned_to: str = attrs.field(kw_only=True, validator=identifier)
    assigned_by: str = attrs.field(kw_only=True, validator=identifier)
    created_at: datetime = attrs.field(kw_only=True, converter=utc, validator=aware)
    due_on: date | None = attrs.field(kw_only=True, default=None, validator=_optional_date)
    status: ActionStatus = attrs.field(kw_only=True, default=ActionStatus.OPEN, converter=_status)
    closed_at: datetime | None = attrs.field(
        kw_only=True, default=None, converter=optional_utc, validator=optional_aware
    )
    drop_reason: str = attrs.field(
        kw_only=True, default="", validator=text(max_length=MAX_DESCRIPTION)
    )

    def __attrs_post_init__(self) -> None:
        is_open = self.status is ActionStatus.OPEN
        if is_open != (self.closed_at is None):
            raise ValidationError(
                "closed_at",
                self.closed_at,
                f"must be set exactly when status is not open (status is {self.status.value!r})",
            )
        if self.closed_at is not None and self.closed_at < self.created_at:
            raise ValidationError(
                "closed_at",
                self.closed_at,
                f"must not be before created_at {self.created_at.isoformat()}",
            )
        if (self.status is ActionStatus.DROPPED) != bool(self.drop_reason.strip()):
            raise ValidationError(
                "drop_reason", self.drop_reason, "must be given exactly when status is 'dropped'"
            )


def _transition(item: ActionItem, action: str, at: datetime, **changes: Any) -> ActionItem:
    require_type(item, ActionItem, "item", "an ActionItem")
    target = ACTION_TRANSITIONS.get((item.status, action))
    if target is None:
        raise InvalidTransitionError(item.status.value, action, f"action item {item.id!r}")
    at = require_aware(at, "at")
    if at < item.created_at:
        raise ValidationError(
            "at", at, f"must not be before created_at {item.created_at.isoformat()}"
        )
    return attrs.evolve(item, status=target, closed_at=at, **changes)


def done(item: ActionItem, at: datetime) -> ActionItem:
    """Return the item marked done at ``at``.

    Raises:
        InvalidTransitionError: The item is not open.
        ValidationError: ``at`` is before the item was created.

    >>> from datetime import datetime, UTC
    >>> item = ActionItem("a1", "m1", "Update LinkedIn headline", assigned_to="olga",
    ...     assigned_by="david", created_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> finished = done(item, datetime(2026, 3, 12, tzinfo=UTC))
    >>> done(finished, datetime(2026, 3, 13, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTransitionError: cannot mark done from state 'done': action item 'a1'
    """
    return _transition(item, "mark done", at)


def drop(item: ActionItem, at: datetime, reason: str) -> ActionItem:
    """Return the item dropped at ``at`` for ``reason`` (not blank).

    Raises:
        InvalidTransitionError: The item is not open.
        ValidationError: A blank reason, or ``at`` before the item was created.

    >>> from datetime import datetime, UTC
    >>> item = ActionItem("a2", "m1", "Read the Ontario ESA summary", assigned_to="olga",
    ...     assigned_by="david", created_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> drop(item, datetime(2026, 3, 20, tzinfo=UTC), "covered in the meeting instead").drop_reason
    'covered in the meeting instead'
    """
    require_type(item, ActionItem, "item", "an ActionItem")
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationError("reason", reason, "must be a non-blank string")
    return _transition(item, "drop", at, drop_reason=reason)
