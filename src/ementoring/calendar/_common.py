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
    "FIRST_YEAR",
    "LAST_YEAR",
    "check_instant",
    "check_interval",
    "check_uid_domain",
    "icalendar",
    "items",
]

FIRST_YEAR, LAST_YEAR = 1900, 9998
"""Instants written or read lie in these years (iCalendar writes four digits,
and a few days of margin around them must still be representable)."""

_DOMAIN = re.compile(
    r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def icalendar() -> ModuleType:
    """The ``icalendar`` module, or :class:`MissingExtraError` naming the extra."""
    return require("icalendar", "calendar")


def check_instant(value: Any, field: str) -> datetime:
    """An aware instant in the supported years, in UTC, to the whole second."""
    instant = require_aware(value, field)
    if not FIRST_YEAR <= instant.year <= LAST_YEAR:
        raise ValidationError(
            field, value, f"must lie between the years {FIRST_YEAR} and {LAST_YEAR}"
        )
    # iCalendar DATE-TIME values have whole seconds.
    return instant.replace(microsecond=0)


def check_interval(value: Any, field: str) -> Interval:
    """An :class:`Interval` in the supported years."""
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


def items(value: Any, field: str, kind: type, expected: str) -> tuple[Any, ...]:
    """A tuple of ``kind`` from any iterable (not a string or mapping), naming ``field[i]``."""
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, expected)
    result = tuple(value)
    for index, item in enumerate(result):
        if not isinstance(item, kind):
            raise InvalidTypeError(f"{field}[{index}]", item, f"a {kind.__name__}")
    return result


def unique_ids(values: Iterable[Any], field: str) -> None:
    """Raise :class:`DuplicateIdError` naming the first ``id`` given twice."""
    seen: set[str] = set()
    for value in values:
        if value.id in seen:
            raise DuplicateIdError(field, value.id, "given twice")
        seen.add(value.id)
