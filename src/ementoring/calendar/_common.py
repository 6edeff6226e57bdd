"""What reading and writing share: the optional imports and the checks of common arguments."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from types import ModuleType
from typing import Any

from ementoring._extras import require
from ementoring.errors import DuplicateIdError, InvalidTypeError, ValidationError
from ementoring.scheduling import Interval
from ementoring.timezones import require_aware

__all__ = [
    "check_instant",
    "check_interval",
    "check_uid_domain",
    "icalendar",
]

_DOMAIN = re.compile(
    r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def icalendar() -> ModuleType:
    """The ``icalendar`` module, or :class:`MissingExtraError` naming the extra."""
    return require("icalendar", "calendar")


def check_instant(value: Any, field: str) -> datetime:
    """An aware instant in the supported range (``require_aware``), in UTC, to the whole second."""
    # iCalendar DATE-TIME values have whole seconds.
    return require_aware(value, field).replace(microsecond=0)


def check_interval(value: Any, field: str) -> Interval:
    """An :class:`Interval` (its instants are in the supported range, as every instant is)."""
    if not isinstance(value, Interval):
        raise InvalidTypeError(field, value, "an Interval")
    check_instant(value.start, f"{field}.start")
    check_instant(value.end, f"{field}.end")
    return value


def check_uid_domain(value: Any) -> str:
    """A domain name such as ``"mentoring.example.org"`` (the right side of every UID)."""
    if not isinstance(value, str):
        raise InvalidTypeError("uid_domain", value, "a domain name such as 'example.org'")
    if not _DOMAIN.fullmatch(value):
        raise ValidationError("uid_domain", value, "expected a domain name such as 'example.org'")
    return value


def unique_ids(values: Iterable[Any], field: str) -> None:
    """Raise :class:`DuplicateIdError` naming the first ``id`` given twice."""
    seen: set[str] = set()
    for value in values:
        if value.id in seen:
            raise DuplicateIdError(field, value.id, "given twice")
        seen.add(value.id)
