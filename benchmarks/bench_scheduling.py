"""Scheduling: a year of availability for 2, 3 and 10 people, beside a minute-by-minute scan.

Workload (the issue's): 52 weeks; each person in their own zone with 5 weekly
windows, 12 skipped dates and 60 busy blocks (half UTC, half local). The
baseline reads every minute of the year on each person's clock and looks it
up in a per-date table of free local minutes (the wall-clock rule: the highest
reading so far decides), so it shares no code with the library. ``check``
compares both results minute for minute.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from _harness import Case
from ementoring.scheduling import (
    Availability,
    Busy,
    BusyLocal,
    Interval,
    IntervalSet,
    ReplaceDate,
    SkipDate,
    Weekday,
    WeeklyWindow,
    find_overlap,
    find_slots,
)
from ementoring.timezones import _transitions as timezones

ZONES = (
    "America/Toronto",
    "Europe/Moscow",
    "Asia/Jerusalem",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kathmandu",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/Vancouver",
)
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


def _person(rng: random.Random, key: str, within: Interval) -> Availability:
    days = list(Weekday)
    windows = []
    # One window covers 11:00-17:00 UTC on weekdays, read on the person's clock in
    # January, so that even ten people share time and every person is expanded
    # (find_overlap stops early once the common time is empty).
    offset = within.start.astimezone(ZoneInfo(key)).utcoffset()
    assert offset is not None
    shared = int((timedelta(hours=11) + offset) / timedelta(minutes=15)) % 96 * 15
    for index in range(5):
        chosen = rng.sample(days, rng.randint(1, 5)) if index else days[:5]
        start = rng.randrange(0, 96) * 15 if index else shared
        length = rng.randrange(4, 24) * 15 if index else 6 * 60
        windows.append(
            WeeklyWindow(
                chosen,
                time(start // 60, start % 60),
                time(((start + length) // 60) % 24, (start + length) % 60),
            )
        )
    span_days = (within.end - within.start).days
    first_day = within.start.date()
    skipped = rng.sample(range(span_days), 12)
    exceptions: list[SkipDate | ReplaceDate | Busy | BusyLocal] = [
        SkipDate(first_day + timedelta(days=d)) for d in sorted(skipped)
    ]
    for index in range(60):
        busy_offset = timedelta(minutes=15 * rng.randrange(0, span_days * 96))
        busy_length = timedelta(minutes=15 * rng.randint(2, 8))
        if index % 2:
            busy_start = within.start + busy_offset
            exceptions.append(Busy(Interval(busy_start, busy_start + busy_length)))
        else:
            local = datetime.combine(first_day, time(0)) + busy_offset
            exceptions.append(BusyLocal(local, local + busy_length))
    return Availability(key, weekly=windows, exceptions=exceptions)


def _people(count: int, within: Interval, seed: int) -> dict[str, Availability]:
    rng = random.Random(seed)
    return {f"p{i}": _person(rng, ZONES[i % len(ZONES)], within) for i in range(count)}


def _offsets(start: time, end: time) -> tuple[int, int]:
    begin = start.hour * 60 + start.minute
    finish = end.hour * 60 + end.minute
    return begin, finish + 1440 if finish <= begin else finish


def _free_local_minutes(person: Availability, first: date, last: date) -> dict[date, bytearray]:
    """Per local date, 1 for each minute of the day the person's clock is in a window."""
    skipped = {e.date for e in person.exceptions if isinstance(e, SkipDate)}
    table = {first + timedelta(days=k): bytearray(1440) for k in range((last - first).days + 3)}
    day = first
    while day <= last:
        if day not in skipped:
            for window in person.weekly:
                if any(d.number == day.weekday() for d in window.days):
                    begin, finish = _offsets(window.start, window.end)
                    for minute in range(begin, finish):
                        table[day + timedelta(days=minute // 1440)][minute % 1440] = 1
        day += DAY
    for busy in person.exceptions:
        if isinstance(busy, BusyLocal):
            reading = busy.start
            while reading < busy.end:
                if reading.date() in table:
                    table[reading.date()][reading.hour * 60 + reading.minute] = 0
                reading += MINUTE
    return table


def minute_baseline(people: Mapping[str, Availability], within: Interval) -> IntervalSet:
    """The common free time, minute by minute, read on every person's clock."""
    count = (within.end - within.start) // MINUTE
    common = bytearray(b"\x01") * count
    for person in people.values():
        tz = ZoneInfo(person.zone)
        first = within.start.astimezone(tz).date() - 2 * DAY
        last = within.end.astimezone(tz).date() + DAY
        table = _free_local_minutes(person, first, last)
        for busy in person.exceptions:
            if isinstance(busy, Busy):
                low = max(0, (busy.interval.start - within.start) // MINUTE)
                high = min(count, (busy.interval.end - within.start) // MINUTE)
                common[low:high] = bytes(max(0, high - low))
        highest = (within.start - DAY).astimezone(tz).replace(tzinfo=None)
        instant = within.start - DAY
        index = -1440
        while index < count:
            reading = instant.astimezone(tz).replace(tzinfo=None)
            if reading > highest:
                highest = reading
            if index >= 0 and not table[highest.date()][highest.hour * 60 + highest.minute]:
                common[index] = 0
            instant += MINUTE
            index += 1
    pieces = []
    index = 0
    while index < count:
        if common[index]:
            end = index
            while end < count and common[end]:
                end += 1
            pieces.append(Interval(within.start + index * MINUTE, within.start + end * MINUTE))
            index = end
        else:
            index += 1
    return IntervalSet(pieces)


def _same(ours: object, baseline: object) -> None:
    if ours != baseline:
        raise AssertionError(f"find_overlap and the minute scan disagree: {ours!r} != {baseline!r}")


def _cold(people: Mapping[str, Availability], within: Interval) -> IntervalSet:
    # The zone-transition search is cached by range; clear it to time a first call.
    timezones._cached_transitions.cache_clear()
    return find_overlap(people, within)


def cases(quick: bool) -> list[Case]:
    weeks = 2 if quick else 52
    start = datetime(2026, 1, 5, tzinfo=UTC)
    within = Interval(start, start + timedelta(weeks=weeks))
    result = []
    for count, target in ((2, ""), (3, "< 15 ms, >= 100x"), (10, "< 50 ms")):
        people = _people(count, within, seed=count)
        result.append(
            Case(
                workload=f"find_overlap, {count} people, {weeks} weeks",
                ours=functools.partial(find_overlap, people, within),
                baseline=functools.partial(minute_baseline, people, within),
                baseline_name="minute-by-minute scan",
                target=target if not quick else "",
                repeat=5,
                check=_same,
            )
        )
    people = _people(3, within, seed=3)
    result.append(
        Case(
            workload=f"find_overlap, 3 people, {weeks} weeks, transition cache cleared",
            ours=functools.partial(_cold, people, within),
            repeat=5,
        )
    )
    result.append(
        Case(
            workload=f"find_slots 1 h on the half hour, comfort order, 3 people, {weeks} weeks",
            ours=functools.partial(
                find_slots, people, within, duration=timedelta(hours=1), order="comfort"
            ),
            repeat=5,
        )
    )
    return result
