"""Expansion of local windows into UTC intervals, exact and fast.

Converting a wall-clock reading to an instant is ``to_instant``'s job, and
its answer is the only correct one. It is also slow when called for every
occurrence of a year, so :class:`LocalClock` learns the zone's transitions over
the range once (``ementoring.timezones.transitions``, cached) and converts every
reading that no transition can affect with the segment's constant offset: a
reading outside every gap and fold has exactly one instant, ``reading - offset``.
Only readings inside a gap or a fold go to ``to_instant`` with the person's policy.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from ementoring.errors import ExpansionLimitError
from ementoring.scheduling._intervals import Interval, IntervalSet
from ementoring.scheduling._windows import RecurringWindow, WeeklyWindow, span_offsets
from ementoring.timezones import Policy, to_instant, transitions, zone

__all__ = ["DEFAULT_MAX_OCCURRENCES", "LocalClock", "LocalSpan", "expand", "to_set"]

DEFAULT_MAX_OCCURRENCES = 10_000
"""How many occurrences one person's expansion may produce in one call."""

LocalSpan = tuple[datetime, datetime]
"""A naive local ``[start, end)`` read on one person's clock."""

_DAY = timedelta(days=1)
# Readings up to two days before the range can start an occurrence that reaches
# into it (an occurrence lasts under 48 hours); offsets add at most 26 hours more.
_MARGIN_BEFORE = timedelta(days=5)
_MARGIN_AFTER = timedelta(days=6)


class LocalClock:
    """Converts one zone's wall-clock readings to UTC instants over a bounded range.

    Exactly ``to_instant(reading, zone, policy=policy)`` for every reading whose
    instant lies within ``[low, high)`` widened by a few days.
    """

    __slots__ = (
        "_first_reading",
        "_highs",
        "_key",
        "_last_reading",
        "_lows",
        "_offsets",
        "_policy",
        "_slow_everywhere",
    )

    def __init__(self, key: str, policy: Policy, low: datetime, high: datetime) -> None:
        self._key = key
        self._policy: Policy = policy
        start, end = low - _MARGIN_BEFORE, high + _MARGIN_AFTER
        changes = transitions(key, start, end)
        first = start.astimezone(zone(key)).utcoffset()
        assert first is not None  # a ZoneInfo always has an offset
        self._offsets: list[timedelta] = [first]
        self._lows: list[datetime] = []
        self._highs: list[datetime] = []
        for change in changes:
            before, after = change.local_before, change.local_after
            # Gap: readings [before, after) never happen. Fold: [after, before) happen twice.
            self._lows.append(min(before, after))
            self._highs.append(max(before, after))
            self._offsets.append(change.offset_after)
        # Special ranges are ordered and disjoint in every real zone; if one day
        # they are not, convert everything the exact way rather than guess.
        self._slow_everywhere = any(
            self._lows[i] < self._highs[i - 1] for i in range(1, len(self._lows))
        )
        # Outside the range the transitions are unknown: readings there go the exact way.
        self._first_reading = (start + first).replace(tzinfo=None)
        self._last_reading = (end + self._offsets[-1]).replace(tzinfo=None)

    def instant(self, reading: datetime) -> datetime:
        """The UTC instant of a naive local reading, under the clock's policy."""
        index = bisect_right(self._lows, reading)
        if (
            self._slow_everywhere
            or not self._first_reading <= reading < self._last_reading
            or (index and reading < self._highs[index - 1])
        ):
            return to_instant(reading, self._key, policy=self._policy)
        return (reading - self._offsets[index]).replace(tzinfo=UTC)

    def intervals(self, spans: Iterable[LocalSpan]) -> list[tuple[datetime, datetime]]:
        """UTC ``(start, end)`` of each local span, dropping spans that convert to nothing."""
        lows, highs, offsets = self._lows, self._highs, self._offsets
        exact = self._slow_everywhere
        key, policy = self._key, self._policy
        result: list[tuple[datetime, datetime]] = []
        append = result.append
        for local_start, local_end in spans:
            index = bisect_right(lows, local_start)
            if exact or (index and local_start < highs[index - 1]):
                start = to_instant(local_start, key, policy=policy)
            else:
                start = (local_start - offsets[index]).replace(tzinfo=UTC)
            index = bisect_right(lows, local_end)
            if exact or (index and local_end < highs[index - 1]):
                end = to_instant(local_end, key, policy=policy)
            else:
                end = (local_end - offsets[index]).replace(tzinfo=UTC)
            if start < end:
                append((start, end))
        return result


def to_set(pairs: list[tuple[datetime, datetime]]) -> IntervalSet:
    """A merged :class:`IntervalSet` from unsorted, valid UTC ``(start, end)`` pairs."""
    pairs.sort()
    merged: list[Interval] = []
    trusted = Interval._trusted
    if not pairs:
        return IntervalSet._trusted(())
    current_start, current_end = pairs[0]
    for start, end in pairs:
        if start <= current_end:
            if end > current_end:
                current_end = end
            continue
        merged.append(trusted(current_start, current_end))
        current_start, current_end = start, end
    merged.append(trusted(current_start, current_end))
    return IntervalSet._trusted(tuple(merged))


def local_dates(clock_zone: str, within: Interval) -> tuple[date, date]:
    """The first and last local start dates whose occurrences can reach ``within``."""
    tz = zone(clock_zone)
    first = within.start.astimezone(tz).date() - 2 * _DAY
    last = within.end.astimezone(tz).date() + _DAY
    return first, last


def expand(
    *,
    weekly: Sequence[WeeklyWindow],
    recurring: Sequence[RecurringWindow],
    skipped: frozenset[date] | set[date],
    replaced: dict[date, tuple[tuple[time, time], ...]],
    first: date,
    last: date,
    limit: int,
) -> list[LocalSpan]:
    """Local spans of every occurrence starting on a local date in ``[first, last]``.

    Skipped dates drop the occurrences that start on them; replaced dates use
    their own windows instead of the weekly and recurring ones.

    Raises:
        ExpansionLimitError: More than ``limit`` occurrences in total.
    """
    by_weekday: list[list[tuple[timedelta, timedelta]]] = [[] for _ in range(7)]
    for window in weekly:
        offsets = span_offsets(window.start, window.end)
        for day in window.days:
            by_weekday[day.number].append(offsets)
    spans: list[LocalSpan] = []
    append = spans.append
    midnight = datetime.combine(first, time(0))
    weekday = first.weekday()
    days = (last - first).days + 1
    per_week = sum(len(entries) for entries in by_weekday)
    if per_week and days * per_week > 7 * limit:
        raise ExpansionLimitError(
            "within",
            f"{first.isoformat()}..{last.isoformat()}",
            f"expanding the weekly windows would produce more than {limit:,} occurrences;"
            " narrow the range",
        )
    for _ in range(days):
        today = midnight.date()
        if today in replaced:
            for start, end in replaced[today]:
                begin, finish = span_offsets(start, end)
                append((midnight + begin, midnight + finish))
        elif today not in skipped:
            for begin, finish in by_weekday[weekday]:
                append((midnight + begin, midnight + finish))
        midnight += _DAY
        weekday = (weekday + 1) % 7
    low = datetime.combine(first, time(0))
    high = datetime.combine(last, time(0)) + _DAY
    for rule in recurring:
        length = rule.duration
        for local_start in rule.local_starts(low, high, limit=limit):
            start_date = local_start.date()
            if start_date in skipped or start_date in replaced:
                continue
            append((local_start, local_start + length))
    if len(spans) > limit:
        raise ExpansionLimitError(
            "within",
            f"{first.isoformat()}..{last.isoformat()}",
            f"expanding the windows would produce more than {limit:,} occurrences;"
            " narrow the range",
        )
    return spans
