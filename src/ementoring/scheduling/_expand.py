"""Expansion of local windows into spans of wall-clock readings, one person at a time.

The spans are read on the person's clock; ``ementoring.timezones.LocalClock``
turns them into instants, with ``to_instant``'s answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from ementoring._microseconds import DAY_US, local_us, midnight_us, timedelta_us
from ementoring.errors import ExpansionLimitError
from ementoring.scheduling._intervals import Interval
from ementoring.scheduling._recurring import RecurringWindow
from ementoring.scheduling._windows import WeeklyWindow, span_offsets
from ementoring.timezones import Policy, zone

__all__ = [
    "DEFAULT_MAX_OCCURRENCES",
    "DEFAULT_MAX_SLOTS",
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
