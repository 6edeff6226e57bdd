"""A zone's changes of UTC offset, found exactly to the second."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Literal

import attrs

from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.timezones import _zones
from ementoring.timezones._zones import ZoneLike, require_aware

__all__ = ["Transition", "bisect_change", "transitions"]

# In the tz database an offset never changes and changes back within less than
# about a week (the shortest such round trip is 601,200 s), so sampling once a
# day sees every change; each one seen is then pinned to the second by
# bisection. tests/test_timezones.py checks this against the raw data.
_SCAN_STEP = timedelta(days=1)
_ONE_SECOND = timedelta(seconds=1)


_DAY = timedelta(days=1)


def _instant(value: datetime) -> datetime:
    return require_aware(value, "at")


def _utc_offset(_instance: object, field: attrs.Attribute[timedelta], value: object) -> None:
    """Validator: what a ``tzinfo`` may return as a UTC offset, strictly within a day."""
    if not isinstance(value, timedelta):
        raise InvalidTypeError(field.name, value, "a UTC offset (a timedelta)")
    if not -_DAY < value < _DAY:
        raise ValidationError(field.name, value, "must be a UTC offset, strictly within a day")


@attrs.frozen(kw_only=True)
class Transition:
    """A change of a zone's UTC offset at one instant.

    Attributes:
        at: The instant (UTC) from which ``offset_after`` applies.
        offset_before: The UTC offset just before ``at``.
        offset_after: The UTC offset from ``at`` on.

    >>> from datetime import UTC
    >>> t = transitions("America/Toronto", datetime(2026, 3, 1, tzinfo=UTC),
    ...                 datetime(2026, 4, 1, tzinfo=UTC))[0]
    >>> t.at, t.kind, t.shift
    (datetime.datetime(2026, 3, 8, 7, 0, tzinfo=datetime.timezone.utc), 'gap', datetime.timedelta(seconds=3600))
    """

    at: datetime = attrs.field(converter=_instant)
    offset_before: timedelta = attrs.field(validator=_utc_offset)
    offset_after: timedelta = attrs.field(validator=_utc_offset)

    @property
    def shift(self) -> timedelta:
        """How far the wall clock moved: positive for a gap (spring forward)."""
        return self.offset_after - self.offset_before

    @property
    def kind(self) -> Literal["gap", "fold"]:
        """``"gap"`` when local times were skipped, ``"fold"`` when repeated."""
        return "gap" if self.shift > timedelta(0) else "fold"

    @property
    def local_before(self) -> datetime:
        """The naive wall-clock reading at which the change happens, on the old offset."""
        return (self.at + self.offset_before).replace(tzinfo=None)

    @property
    def local_after(self) -> datetime:
        """The naive wall-clock reading just after the change, on the new offset."""
        return (self.at + self.offset_after).replace(tzinfo=None)

    def describe(self) -> str:
        """Say the change in words.

        >>> from datetime import UTC
        >>> t = transitions("Asia/Jerusalem", datetime(2026, 3, 1, tzinfo=UTC),
        ...                 datetime(2026, 4, 1, tzinfo=UTC))[0]
        >>> t.describe()
        'on 2026-03-27 clocks go forward from 02:00 to 03:00 (UTC+02:00 to UTC+03:00)'

        When the reading jumps to another date, both readings carry their date
        (Samoa skipped 30 December 2011):

        >>> apia = transitions("Pacific/Apia", datetime(2011, 12, 29, tzinfo=UTC),
        ...                    datetime(2012, 1, 1, tzinfo=UTC))[0]
        >>> apia.describe()
        'clocks go forward from 2011-12-30 00:00 to 2011-12-31 00:00 (UTC-10:00 to UTC+14:00)'
        """
        verb = "go forward" if self.kind == "gap" else "go back"
        offsets = (
            f"(UTC{_format_offset(self.offset_before)} to UTC{_format_offset(self.offset_after)})"
        )
        before, after = self.local_before, self.local_after
        if before.date() != after.date():
            # A jump across midnight (a whole day at Apia in 2011): the times
            # alone would read "from 00:00 to 00:00", so both readings get a date.
            return f"clocks {verb} from {before:%Y-%m-%d %H:%M} to {after:%Y-%m-%d %H:%M} {offsets}"
        return f"on {before:%Y-%m-%d} clocks {verb} from {before:%H:%M} to {after:%H:%M} {offsets}"


def _format_offset(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return text + (f":{seconds:02d}" if seconds else "")


def _offset(tz: tzinfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(tz).utcoffset()
    assert offset is not None
    return offset


def bisect_change(tz: tzinfo, low: datetime, high: datetime) -> datetime:
    """The first second in ``(low, high]`` whose offset differs from ``low``'s."""
    before = _offset(tz, low)
    while high - low > _ONE_SECOND:
        middle = low + (high - low) // 2
        middle -= timedelta(microseconds=middle.microsecond)
        if middle <= low:
            middle = low + _ONE_SECOND
        if _offset(tz, middle) == before:
            low = middle
        else:
            high = middle
    return high


def _iter_transitions(tz: tzinfo, start: datetime, end: datetime) -> Iterator[Transition]:
    # Begin one second early so that a change exactly at ``start`` is seen.
    cursor = start - _ONE_SECOND
    current = _offset(tz, cursor)
    while cursor < end:
        step_end = min(cursor + _SCAN_STEP, end)
        probe = _offset(tz, step_end)
        if probe == current:
            cursor = step_end
            continue
        at = bisect_change(tz, cursor, step_end)
        after = _offset(tz, at)
        if at < end:
            yield Transition(at=at, offset_before=current, offset_after=after)
        cursor, current = at, after


def transitions(zone: ZoneLike, start: datetime, end: datetime) -> tuple[Transition, ...]:
    """Every change of a zone's UTC offset in ``[start, end)``, exact to the second.

    Args:
        zone: The zone (key or ``ZoneInfo``).
        start: Aware start of the range (inclusive).
        end: Aware end of the range (exclusive).

    Returns:
        The transitions in time order (empty for a zone without changes then).

    Raises:
        UnknownTimeZoneError: For a bad zone.
        NaiveDatetimeError: For a naive ``start`` or ``end``.
        ValidationError: When ``end`` is before ``start``.

    >>> from datetime import UTC
    >>> for t in transitions("Europe/Berlin", datetime(2026, 1, 1, tzinfo=UTC),
    ...                      datetime(2027, 1, 1, tzinfo=UTC)):
    ...     print(t.at.isoformat(), t.kind)
    2026-03-29T01:00:00+00:00 gap
    2026-10-25T01:00:00+00:00 fold
    >>> transitions("Europe/Moscow", datetime(2026, 1, 1, tzinfo=UTC),
    ...             datetime(2027, 1, 1, tzinfo=UTC))
    ()
    """
    tz = _zones.zone(zone)
    start = require_aware(start, "start")
    end = require_aware(end, "end")
    if end < start:
        raise ValidationError("end", end, f"must not be before start {start.isoformat()}")
    return _cached_transitions(tz, start, end)


@lru_cache(maxsize=4096)
def _cached_transitions(
    tz: zoneinfo.ZoneInfo, start: datetime, end: datetime
) -> tuple[Transition, ...]:
    return tuple(_iter_transitions(tz, start, end))
