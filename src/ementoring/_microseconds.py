"""Instants, wall-clock readings and durations as whole microseconds: the fast paths' integers.

Expansion, overlap and the time-zone kernel's :class:`~ementoring.timezones.LocalClock`
work on integers: an instant is the microseconds since 1970-01-01 00:00 UTC, a
wall-clock reading the microseconds since 1970-01-01 00:00 on its clock. Integer
sweeps are several times faster than comparing and building ``datetime`` objects;
results become ``datetime`` objects only once, at the end.

>>> from datetime import UTC, datetime
>>> us(datetime(1970, 1, 2, tzinfo=UTC)) == local_us(datetime(1970, 1, 2)) == DAY_US
True
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

__all__ = [
    "DAY_US",
    "instant_from_us",
    "local_from_us",
    "local_us",
    "midnight_us",
    "timedelta_us",
    "us",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MICROSECOND = timedelta(microseconds=1)

DAY_US = 86_400_000_000
"""A day of 24 hours, in microseconds."""


def us(instant: datetime) -> int:
    """Microseconds since the epoch of an aware instant."""
    return (instant - _EPOCH) // _MICROSECOND


def local_us(reading: datetime) -> int:
    """Microseconds since 1970-01-01 00:00 of a naive wall-clock reading."""
    return (reading - _NAIVE_EPOCH) // _MICROSECOND


def timedelta_us(value: timedelta) -> int:
    """A duration in microseconds."""
    return value // _MICROSECOND


def midnight_us(day: date) -> int:
    """The reading of a date's local midnight, in microseconds."""
    return (day.toordinal() - _EPOCH_ORDINAL) * DAY_US


def instant_from_us(value: int) -> datetime:
    """The aware UTC instant of a microsecond count."""
    return _EPOCH + timedelta(microseconds=value)


def local_from_us(value: int) -> datetime:
    """The naive reading of a microsecond count."""
    return _NAIVE_EPOCH + timedelta(microseconds=value)
