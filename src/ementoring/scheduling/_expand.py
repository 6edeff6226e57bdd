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
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from ementoring.errors import AmbiguousTimeError, ExpansionLimitError, NonexistentTimeError
from ementoring.scheduling._bounds import (
    DAY_US,
    local_from_us,
    local_us,
    midnight_us,
    timedelta_us,
    us,
)
from ementoring.scheduling._intervals import Interval
from ementoring.scheduling._windows import RecurringWindow, WeeklyWindow, span_offsets
from ementoring.timezones import Policy, to_instant, transitions, zone

__all__ = [
    "DEFAULT_MAX_OCCURRENCES",
    "DEFAULT_MAX_SLOTS",
    "LocalClock",
    "LocalSpan",
    "expand",
    "local_dates",
]

DEFAULT_MAX_OCCURRENCES = 10_000
"""How many occurrences one person's expansion may produce in one call."""

DEFAULT_MAX_SLOTS = 10_000
"""How many slots one ``find_slots`` call may enumerate."""

LocalSpan = tuple[int, int]
"""A local ``[start, end)`` read on one person's clock, in microseconds (see ``_bounds``)."""

_DAY = timedelta(days=1)
# Readings up to two days before the range can start an occurrence that reaches
# into it (an occurrence lasts under 48 hours); offsets add at most 26 hours more.
_MARGIN_BEFORE = timedelta(days=5)
_MARGIN_AFTER = timedelta(days=6)


class LocalClock:
    """Converts one zone's wall-clock readings to UTC instants over a bounded range.

    Readings and instants are microsecond counts (see ``_bounds``). The result
    is exactly ``to_instant(reading, zone, policy=policy)``.
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
        self._offsets: list[int] = [timedelta_us(first)]
        self._lows: list[int] = []
        self._highs: list[int] = []
        for change in changes:
            before, after = local_us(change.local_before), local_us(change.local_after)
            # Gap: readings [before, after) never happen. Fold: [after, before) happen twice.
            self._lows.append(min(before, after))
            self._highs.append(max(before, after))
            self._offsets.append(timedelta_us(change.offset_after))
        # Special ranges are ordered and disjoint in every real zone; if one day
        # they are not, convert everything the exact way rather than guess.
        self._slow_everywhere = any(
            self._lows[i] < self._highs[i - 1] for i in range(1, len(self._lows))
        )
        # Outside the range the transitions are unknown: readings there go the exact way.
        self._first_reading = us(start) + self._offsets[0]
        self._last_reading = us(end) + self._offsets[-1]

    @property
    def readings(self) -> tuple[int, int]:
        """The readings this clock converts with known offsets: ``[first, last)``."""
        return self._first_reading, self._last_reading

    def _exact(self, reading: int) -> int:
        return us(to_instant(local_from_us(reading), self._key, policy=self._policy))

    def instant(self, reading: int) -> int:
        """The instant of a local reading, under the clock's policy."""
        index = bisect_right(self._lows, reading)
        if (
            self._slow_everywhere
            or not self._first_reading <= reading < self._last_reading
            or (index and reading < self._highs[index - 1])
        ):
            return self._exact(reading)
        return reading - self._offsets[index]

    def exists(self, reading: int) -> bool:
        """Whether the clock shows this reading at least once (it is not skipped by a gap)."""
        if self._slow_everywhere or not self._first_reading <= reading < self._last_reading:
            try:
                to_instant(local_from_us(reading), self._key, policy="raise")
            except NonexistentTimeError:
                return False
            except AmbiguousTimeError:
                return True
            return True
        index = bisect_right(self._lows, reading)
        # Inside a special range that a forward change opened: a gap.
        return not (
            index
            and reading < self._highs[index - 1]
            and self._offsets[index] > self._offsets[index - 1]
        )

    def convert(self, spans: list[LocalSpan]) -> list[tuple[int, int]]:
        """Instants ``(start, end)`` of local spans inside the range, dropping empty ones.

        A reading outside every gap and fold has one instant, ``reading - offset``;
        only readings inside one go the exact way.
        """
        lows, highs, offsets = self._lows, self._highs, self._offsets
        if self._slow_everywhere:
            pairs = [(self._exact(a), self._exact(b)) for a, b in spans]
            return [(a, b) for a, b in pairs if a < b]
        exact = self._exact
        result: list[tuple[int, int]] = []
        append = result.append
        if not lows:
            # No clock change anywhere near: one offset for everything.
            offset = offsets[0]
            return [(a - offset, b - offset) for a, b in spans]
        for local_start, local_end in spans:
            index = bisect_right(lows, local_start)
            if index and local_start < highs[index - 1]:
                start = exact(local_start)
            else:
                start = local_start - offsets[index]
            index = bisect_right(lows, local_end)
            if index and local_end < highs[index - 1]:
                end = exact(local_end)
            else:
                end = local_end - offsets[index]
            if start < end:
                append((start, end))
        return result


def local_dates(clock_zone: str, within: Interval) -> tuple[date, date]:
    """The first and last local start dates whose occurrences can reach ``within``."""
    tz = zone(clock_zone)
    first = within.start.astimezone(tz).date() - 2 * _DAY
    last = within.end.astimezone(tz).date() + _DAY
    return first, last


def _too_many(first: date, last: date, limit: int) -> ExpansionLimitError:
    return ExpansionLimitError(
        "within",
        f"{first.isoformat()}..{last.isoformat()}",
        f"expanding the windows would produce more than {limit:,} occurrences; narrow the range",
    )


def expand(
    *,
    weekly: Sequence[WeeklyWindow],
    recurring: Sequence[RecurringWindow],
    skipped: frozenset[date] | set[date],
    replaced: dict[date, tuple[tuple[time, time], ...]],
    first: date,
    last: date,
    limit: int,
    zone: str,
    policy: Policy,
) -> list[LocalSpan]:
    """Local spans of every occurrence starting on a local date in ``[first, last]``.

    Skipped dates drop the occurrences that start on them; replaced dates use
    their own windows instead of the weekly and recurring ones. ``zone`` and
    ``policy`` decide a recurring rule's ``UNTIL`` written in UTC.

    Raises:
        ExpansionLimitError: More than ``limit`` occurrences in total.
    """
    by_weekday: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for window in weekly:
        begin, finish = span_offsets(window.start, window.end)
        for day in window.days:
            by_weekday[day.number].append((timedelta_us(begin), timedelta_us(finish)))
    days = (last - first).days + 1
    per_week = sum(len(entries) for entries in by_weekday)
    if per_week and days * per_week > 7 * limit + 7 * per_week:
        raise _too_many(first, last, limit)
    spans: list[LocalSpan] = []
    append = spans.append
    midnight = midnight_us(first)
    weekday = first.weekday()
    # Dates with exceptions, as midnight readings, so the loop compares integers.
    special = {midnight_us(d) for d in (*skipped, *replaced)}
    for index in range(days):
        if midnight in special:
            for start, end in replaced.get(first + timedelta(days=index), ()):
                begin, finish = span_offsets(start, end)
                append((midnight + timedelta_us(begin), midnight + timedelta_us(finish)))
        else:
            for begin_us, finish_us in by_weekday[weekday]:
                append((midnight + begin_us, midnight + finish_us))
        midnight += DAY_US
        weekday = (weekday + 1) % 7
    low = datetime.combine(first, time(0))
    high = datetime.combine(last, time(0)) + _DAY
    for rule in recurring:
        length = timedelta_us(rule.duration)
        # The cap is per person: each rule may walk only what the others left.
        remaining = limit - len(spans)
        if remaining < 1:
            raise _too_many(first, last, limit)
        for local_start in rule.local_starts(low, high, limit=remaining, zone=zone, policy=policy):
            start_date = local_start.date()
            if start_date in skipped or start_date in replaced:
                continue
            reading = local_us(local_start)
            append((reading, reading + length))
    if len(spans) > limit:
        raise _too_many(first, last, limit)
    return spans
