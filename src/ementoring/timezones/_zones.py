"""Zones and aware instants: which zone keys are valid, which datetimes are instants."""

from __future__ import annotations

import difflib
import re
import zoneinfo
from datetime import UTC, datetime
from functools import cache
from typing import TypeAlias

from ementoring.errors import (
    InvalidTypeError,
    NaiveDatetimeError,
    UnknownTimeZoneError,
    ValidationError,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "MAX_DURATION",
    "MAX_ZONE_KEY_LENGTH",
    "MAX_ZONE_KEY_PARTS",
    "UTC",
    "ZONE_KEY_PATTERN",
    "ZoneLike",
    "check_range",
    "is_aware",
    "optional_zone_key",
    "require_aware",
    "zone",
    "zone_key",
]

UTC = UTC
"""The UTC zone (the standard library's ``datetime.UTC``): every instant ementoring returns carries it."""

ZoneLike: TypeAlias = "str | zoneinfo.ZoneInfo"
"""An IANA key such as ``"America/Toronto"``, or a ``ZoneInfo``."""

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
"""The earliest instant the library accepts (inclusive).

Instants are checked against :data:`EARLIEST` and :data:`LATEST` wherever they
come in, so the date arithmetic behind schedules, projections and reminders
(weeks and years added to an instant) can never leave the range a ``datetime``
holds: an instant outside is refused with a ``ValidationError``, never an
``OverflowError``.
"""

LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""The end of the supported range (exclusive): instants must be before it."""

MAX_DURATION = LATEST - EARLIEST
"""The longest duration the library accepts, either way: the span of supported instants (300 years).

Every duration that comes in (a meeting, a step, a buffer, a tolerance, a
target...) is checked against it, so a supported instant plus or minus a few
supported durations stays far inside what a ``datetime`` holds: an extreme
``timedelta`` such as ``timedelta.max`` is refused with a ``ValidationError``
naming the field, never an ``OverflowError`` somewhere later.
"""

MAX_ZONE_KEY_LENGTH = 64
"""The longest zone key looked up (the longest IANA key has 32 characters).

A longer key is refused before it reaches the import machinery or the
suggestion search, whose work grows with the key.
"""

# An IANA key is one or more path components of letters, digits, "_", "+", "-".
ZONE_KEY_PATTERN = r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*"
"""What an IANA key looks like before it is looked up: parts of letters, digits, ``_+-``.

Keys are also at most :data:`MAX_ZONE_KEY_LENGTH` characters and four parts.
"""
_KEY_PATTERN = re.compile(ZONE_KEY_PATTERN)
# The deepest IANA keys have three parts ("America/Argentina/Buenos_Aires").
_MAX_KEY_SLASHES = 3
MAX_ZONE_KEY_PARTS = _MAX_KEY_SLASHES + 1
"""The most parts an IANA key has ("America/Argentina/Buenos_Aires" has three)."""


def zone(key: ZoneLike, field: str = "zone") -> zoneinfo.ZoneInfo:
    """Return the ``ZoneInfo`` for an IANA key, or the ``ZoneInfo`` given.

    Args:
        key: An IANA time-zone key (``"Europe/Moscow"``) or a ``ZoneInfo``.
        field: The name to give in an error message.

    Returns:
        The zone, loaded from the time-zone database.

    Raises:
        UnknownTimeZoneError: The key is malformed (``"../etc/passwd"``, ``""``)
            or not in the database; the message suggests close matches.

    >>> zone("Asia/Jerusalem")
    zoneinfo.ZoneInfo(key='Asia/Jerusalem')
    >>> zone("America/Toront")
    Traceback (most recent call last):
    ...
    ementoring.errors.UnknownTimeZoneError: zone: unknown time zone; did you mean 'America/Toronto' or ...? (got 'America/Toront')
    """
    if isinstance(key, zoneinfo.ZoneInfo):
        if key.key is None:
            raise UnknownTimeZoneError(
                field, key, "a ZoneInfo built from a file has no IANA key; use zone(key)"
            )
        return key
    if not isinstance(key, str):
        raise UnknownTimeZoneError(field, key, "expected an IANA key such as 'America/Toronto'")
    if len(key) > MAX_ZONE_KEY_LENGTH or key.count("/") > _MAX_KEY_SLASHES:
        raise UnknownTimeZoneError(
            field,
            key,
            f"malformed time-zone key (at most {MAX_ZONE_KEY_LENGTH} characters"
            f" and {_MAX_KEY_SLASHES + 1} parts)",
        )
    if not _KEY_PATTERN.fullmatch(key):
        raise UnknownTimeZoneError(field, key, "malformed time-zone key", suggestions=_suggest(key))
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimeZoneError(field, key, suggestions=_suggest(key)) from None


def zone_key(value: ZoneLike, field: str = "zone") -> str:
    """Return the IANA key of a zone, validating it: the converter of every zone field.

    Models store a zone as its key (a string compares, hashes and serialises
    plainly); ``attrs.field(converter=zone_key)`` names the field ``zone`` in
    its errors.

    >>> zone_key(zone("Europe/Moscow"))
    'Europe/Moscow'
    """
    key = zone(value, field).key
    assert key is not None  # zone() refuses keyless zones
    return key


def optional_zone_key(value: ZoneLike | None, field: str = "zone") -> str | None:
    """Return ``None`` for ``None``, else the validated IANA key, as :func:`zone_key` does.

    >>> optional_zone_key(None), optional_zone_key("Europe/Moscow")
    (None, 'Europe/Moscow')
    """
    return None if value is None else zone_key(value, field)


@cache
def _known_keys() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def _suggest(key: str) -> tuple[str, ...]:
    if not key:
        return ()
    known = _known_keys()
    folded = {k.casefold(): k for k in known}
    if key.casefold() in folded:
        return (folded[key.casefold()],)
    matches = difflib.get_close_matches(key.casefold(), list(folded), n=3, cutoff=0.75)
    return tuple(folded[m] for m in matches)


def is_aware(value: datetime) -> bool:
    """Tell whether a datetime carries a UTC offset.

    >>> is_aware(datetime(2026, 1, 1, tzinfo=UTC)), is_aware(datetime(2026, 1, 1))
    (True, False)

    Raises:
        InvalidTypeError: ``value`` is not a datetime.
    """
    if not isinstance(value, datetime):
        raise InvalidTypeError("value", value, "a datetime")
    return value.tzinfo is not None and value.tzinfo.utcoffset(value) is not None


def require_aware(value: datetime, field: str) -> datetime:
    """Return an aware datetime converted to UTC, refusing naive ones.

    Args:
        value: The datetime to check.
        field: The name to give in an error message.

    Returns:
        The same instant, with ``tzinfo=UTC``.

    Raises:
        NaiveDatetimeError: ``value`` has no UTC offset.
        InvalidTypeError: ``value`` is not a datetime at all.
        ValidationError: ``value`` lies outside [:data:`EARLIEST`, :data:`LATEST`).

    >>> require_aware(datetime(2026, 3, 10, 12, 0, tzinfo=zone("America/Toronto")), "at")
    datetime.datetime(2026, 3, 10, 16, 0, tzinfo=datetime.timezone.utc)
    >>> require_aware(datetime(2026, 3, 10, 12, 0), "at")
    Traceback (most recent call last):
    ...
    ementoring.errors.NaiveDatetimeError: at: a naive datetime ... (got datetime.datetime(2026, 3, 10, 12, 0))
    """
    if not isinstance(value, datetime):
        raise InvalidTypeError(field, value, "an aware datetime")
    if not is_aware(value):
        raise NaiveDatetimeError(field, value)
    try:
        instant = value if value.tzinfo is UTC else value.astimezone(UTC)
    except OverflowError:
        # Year 1 at a positive offset, or year 9999 at a negative one.
        instant = None
    return check_range(instant, field, value)


def check_range(instant: datetime | None, field: str, value: object) -> datetime:
    """Return a UTC instant if it lies in the supported range, else raise naming ``field``.

    Args:
        instant: The instant in UTC, or ``None`` when it could not even be computed.
        field: The name to give in an error message.
        value: What the caller gave (shown in the message).

    Raises:
        ValidationError: ``instant`` is ``None`` or outside [:data:`EARLIEST`, :data:`LATEST`).

    >>> check_range(datetime(2300, 1, 1, tzinfo=UTC), "at", "2300")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: at: must lie from 1900-01-01T00:00:00Z to before 2200-01-01T00:00:00Z (got '2300')
    """
    if instant is None or not EARLIEST <= instant < LATEST:
        raise ValidationError(
            field,
            value,
            f"must lie from {EARLIEST:%Y-%m-%dT%H:%M:%SZ} to before {LATEST:%Y-%m-%dT%H:%M:%SZ}",
        )
    return instant
