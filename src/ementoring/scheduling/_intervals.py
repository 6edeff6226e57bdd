"""Half-open UTC intervals and immutable, always-merged sets of them."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any, overload

import attrs

from ementoring._validate import items_of, require_duration
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.timezones import require_aware

__all__ = ["Interval", "IntervalSet"]


def _start(value: datetime) -> datetime:
    return require_aware(value, "start")


def _end(value: datetime) -> datetime:
    return require_aware(value, "end")


@attrs.frozen(order=True)
class Interval:
    """A half-open span of time ``[start, end)`` between two instants, stored in UTC.

    Args:
        start: Aware datetime, the first instant inside.
        end: Aware datetime, the first instant after; must be after ``start``.

    Raises:
        NaiveDatetimeError: For a naive ``start`` or ``end``.
        ValidationError: When ``end`` is not after ``start``.

    >>> from datetime import datetime, UTC
    >>> meeting = Interval(datetime(2026, 3, 10, 16, 0, tzinfo=UTC),
    ...                    datetime(2026, 3, 10, 17, 0, tzinfo=UTC))
    >>> meeting.duration
    datetime.timedelta(seconds=3600)
    >>> datetime(2026, 3, 10, 16, 30, tzinfo=UTC) in meeting
    True
    >>> meeting.end in meeting  # half-open
    False
    """

    start: datetime = attrs.field(converter=_start)
    end: datetime = attrs.field(converter=_end)

    def __attrs_post_init__(self) -> None:
        if not self.start < self.end:
            raise ValidationError("end", self.end, f"must be after start {self.start.isoformat()}")

    @classmethod
    def _trusted(cls, start: datetime, end: datetime) -> Interval:
        """Build without validation, for UTC bounds already known to be ordered."""
        interval = object.__new__(cls)
        object.__setattr__(interval, "start", start)
        object.__setattr__(interval, "end", end)
        return interval

    @property
    def duration(self) -> timedelta:
        """The length of the interval (exact elapsed time, computed in UTC)."""
        return self.end - self.start

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Interval):
            return self.start <= item.start and item.end <= self.end
        if isinstance(item, datetime):
            instant = require_aware(item, "instant")
            return self.start <= instant < self.end
        return False

    def overlaps(self, other: Interval) -> bool:
        """Tell whether the two intervals share at least one instant.

        Touching intervals (one ends where the other starts) do not overlap.
        """
        _check_interval(other, "other")
        return self.start < other.end and other.start < self.end

    def intersection(self, other: Interval) -> Interval | None:
        """The common part of two intervals, or ``None`` when they do not overlap."""
        _check_interval(other, "other")
        start = max(self.start, other.start)
        end = min(self.end, other.end)
        return Interval._trusted(start, end) if start < end else None

    def __repr__(self) -> str:
        return f"Interval({self.start.isoformat()!r} -> {self.end.isoformat()!r})"


def _check_interval(value: object, field: str) -> None:
    if not isinstance(value, Interval):
        raise InvalidTypeError(field, value, "an Interval")


def _coalesce(sorted_intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Merge overlapping and touching intervals of a start-sorted sequence."""
    merged: list[Interval] = []
    current_start: datetime | None = None
    current_end: datetime | None = None
    for interval in sorted_intervals:
        if current_end is not None and interval.start <= current_end:
            if interval.end > current_end:
                current_end = interval.end
            continue
        if current_start is not None and current_end is not None:
            merged.append(Interval._trusted(current_start, current_end))
        current_start, current_end = interval.start, interval.end
    if current_start is not None and current_end is not None:
        merged.append(Interval._trusted(current_start, current_end))
    return tuple(merged)


def _to_intervals(values: Iterable[Any]) -> tuple[Interval, ...]:
    if isinstance(values, IntervalSet):
        return values.intervals
    items = list(
        items_of(values, Interval, "intervals", "an iterable of Interval", each="an Interval")
    )
    items.sort()
    return _coalesce(items)


@attrs.frozen(repr=False)
class IntervalSet:
    """An immutable set of instants, kept as sorted, merged, half-open intervals.

    Built from any iterable of :class:`Interval`; overlapping and touching
    intervals merge (``[a, b) + [b, c) = [a, c)``). Operators ``|`` (union),
    ``&`` (intersection) and ``-`` (difference) are linear sweeps.

    >>> from datetime import datetime, UTC
    >>> def at(hour): return datetime(2026, 3, 10, hour, tzinfo=UTC)
    >>> free = IntervalSet([Interval(at(9), at(12)), Interval(at(12), at(13))])
    >>> free
    IntervalSet([Interval('2026-03-10T09:00:00+00:00' -> '2026-03-10T13:00:00+00:00')])
    >>> busy = IntervalSet([Interval(at(10), at(11))])
    >>> [(i.start.hour, i.end.hour) for i in free - busy]
    [(9, 10), (11, 13)]
    >>> (free - busy).total()
    datetime.timedelta(seconds=10800)
    """

    intervals: tuple[Interval, ...] = attrs.field(converter=_to_intervals, factory=tuple)

    @classmethod
    def _trusted(cls, intervals: tuple[Interval, ...]) -> IntervalSet:
        """Wrap intervals already sorted, merged and disjoint."""
        result = object.__new__(cls)
        object.__setattr__(result, "intervals", intervals)
        return result

    def __iter__(self) -> Iterator[Interval]:
        return iter(self.intervals)

    def __len__(self) -> int:
        return len(self.intervals)

    def __bool__(self) -> bool:
        return bool(self.intervals)

    @overload
    def __getitem__(self, index: int) -> Interval: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Interval, ...]: ...
    def __getitem__(self, index: int | slice) -> Interval | tuple[Interval, ...]:
        if not isinstance(index, int | slice):
            raise InvalidTypeError("index", index, "a whole number or a slice")
        return self.intervals[index]

    def __repr__(self) -> str:
        return f"IntervalSet({list(self.intervals)!r})"

    def __contains__(self, item: object) -> bool:
        if isinstance(item, datetime):
            instant = require_aware(item, "instant")
            index = bisect_right(self.intervals, instant, key=lambda i: i.start) - 1
            return index >= 0 and instant < self.intervals[index].end
        if isinstance(item, Interval):
            index = bisect_right(self.intervals, item.start, key=lambda i: i.start) - 1
            return index >= 0 and item.end <= self.intervals[index].end
        return False

    def __or__(self, other: IntervalSet) -> IntervalSet:
        if not isinstance(other, IntervalSet):
            return NotImplemented
        return IntervalSet._trusted(_coalesce(heapq.merge(self.intervals, other.intervals)))

    def __and__(self, other: IntervalSet) -> IntervalSet:
        if not isinstance(other, IntervalSet):
            return NotImplemented
        ours, theirs = self.intervals, other.intervals
        result: list[Interval] = []
        i = j = 0
        while i < len(ours) and j < len(theirs):
            a, b = ours[i], theirs[j]
            start = a.start if a.start > b.start else b.start
            end = a.end if a.end < b.end else b.end
            if start < end:
                result.append(Interval._trusted(start, end))
            if a.end < b.end:
                i += 1
            else:
                j += 1
        return IntervalSet._trusted(tuple(result))

    def __sub__(self, other: IntervalSet) -> IntervalSet:
        if not isinstance(other, IntervalSet):
            return NotImplemented
        cuts = other.intervals
        result: list[Interval] = []
        j = 0
        for interval in self.intervals:
            start, end = interval.start, interval.end
            while j < len(cuts) and cuts[j].end <= start:
                j += 1
            k = j
            while k < len(cuts) and cuts[k].start < end:
                if cuts[k].start > start:
                    result.append(Interval._trusted(start, cuts[k].start))
                if cuts[k].end > start:
                    start = cuts[k].end
                if start >= end:
                    break
                k += 1
            if start < end:
                result.append(Interval._trusted(start, end))
        return IntervalSet._trusted(tuple(result))

    def clip(self, interval: Interval) -> IntervalSet:
        """The part of this set inside ``interval``."""
        _check_interval(interval, "interval")
        return self & IntervalSet._trusted((interval,))

    def total(self) -> timedelta:
        """The summed length of all intervals."""
        return sum((i.duration for i in self.intervals), timedelta(0))

    def at_least(self, duration: timedelta) -> IntervalSet:
        """Drop intervals shorter than ``duration``; one exactly that long stays.

        Raises:
            ValidationError: For a negative ``duration``.
        """
        duration = require_duration(duration, "duration")
        return IntervalSet._trusted(tuple(i for i in self.intervals if i.duration >= duration))
