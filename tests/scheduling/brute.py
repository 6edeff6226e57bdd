"""A minute-by-minute model of the scheduling semantics, written independently.

It never calls ``to_instant`` or the library's expansion. Under ``wall_clock``
a minute belongs to a local occurrence ``[S, E)`` when the highest reading the
person's clock has shown so far lies in ``[S, E)``: that is "from the first
moment the clock reads S (or later) to the first moment it reads E (or later)"
stated per minute. Under ``rfc5545`` the endpoints are read with ``fold=0``,
the standard library's PEP 495 rule, which is RFC 5545's.

It is also the benchmark's baseline (``benchmarks/bench_scheduling.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ementoring.scheduling import (
    Availability,
    Booking,
    Busy,
    BusyLocal,
    Interval,
    IntervalSet,
    ReplaceDate,
    SkipDate,
)

MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


def _offsets(start: time, end: time) -> tuple[timedelta, timedelta]:
    begin = timedelta(hours=start.hour, minutes=start.minute)
    finish = timedelta(hours=end.hour, minutes=end.minute)
    if finish <= begin:
        finish += DAY
    return begin, finish


def local_occurrences(person: Availability, day: date) -> list[tuple[datetime, datetime]]:
    """The local ``[S, E)`` spans starting on ``day`` (weekly windows and date exceptions)."""
    midnight = datetime.combine(day, time(0))
    for exception in person.exceptions:
        if isinstance(exception, SkipDate) and exception.date == day:
            return []
        if isinstance(exception, ReplaceDate) and exception.date == day:
            spans = [_offsets(a, b) for a, b in exception.windows]
            return [(midnight + a, midnight + b) for a, b in spans]
    result = []
    for window in person.weekly:
        if day.weekday() in {d.number for d in window.days}:
            begin, finish = _offsets(window.start, window.end)
            result.append((midnight + begin, midnight + finish))
    return result


def _fold0(reading: datetime, tz: ZoneInfo) -> datetime:
    return reading.replace(tzinfo=tz, fold=0).astimezone(UTC)


def free_minutes(
    person: Availability, within: Interval, blocked: Iterable[Interval] = ()
) -> set[datetime]:
    """Every minute (its start instant) inside ``within`` at which the person is free."""
    assert not person.recurring, "the model covers weekly windows and date exceptions"
    tz = ZoneInfo(person.zone)
    busy_utc = [b.interval for b in person.exceptions if isinstance(b, Busy)]
    busy_utc.extend(blocked)
    busy_local = [(b.start, b.end) for b in person.exceptions if isinstance(b, BusyLocal)]
    cache: dict[date, list[tuple[datetime, datetime]]] = {}

    def spans_for(day: date) -> list[tuple[datetime, datetime]]:
        if day not in cache:
            cache[day] = local_occurrences(person, day)
        return cache[day]

    free: set[datetime] = set()
    if person.policy == "rfc5545":
        first = within.start.astimezone(tz).date() - 2 * DAY
        last = within.end.astimezone(tz).date() + DAY
        spans: list[tuple[datetime, datetime]] = []
        day = first
        while day <= last:
            spans.extend(spans_for(day))
            day += DAY
        utc_spans = [(_fold0(s, tz), _fold0(e, tz)) for s, e in spans]
        utc_busy = [(_fold0(s, tz), _fold0(e, tz)) for s, e in busy_local]
        minute = within.start
        while minute < within.end:
            if (
                any(s <= minute < e for s, e in utc_spans)
                and not any(s <= minute < e for s, e in utc_busy)
                and not any(minute in b for b in busy_utc)
            ):
                free.add(minute)
            minute += MINUTE
        return free
    # wall_clock: track the highest reading shown so far, from two days before.
    minute = within.start - 2 * DAY
    highest = (minute.astimezone(tz)).replace(tzinfo=None)
    while minute < within.end:
        reading = minute.astimezone(tz).replace(tzinfo=None)
        highest = max(highest, reading)
        if minute >= within.start:
            today = highest.date()
            inside = any(s <= highest < e for d in (today, today - DAY) for s, e in spans_for(d))
            if (
                inside
                and not any(s <= highest < e for s, e in busy_local)
                and not any(minute in b for b in busy_utc)
            ):
                free.add(minute)
        minute += MINUTE
    return free


def overlap_minutes(
    people: Mapping[str, Availability],
    within: Interval,
    *,
    bookings: Iterable[Booking] = (),
    ignore_booking: str | None = None,
    now: datetime | None = None,
    min_notice: timedelta = timedelta(0),
    min_duration: timedelta = timedelta(0),
) -> set[datetime]:
    """The minutes :func:`ementoring.scheduling.find_overlap` should return."""
    common: set[datetime] | None = None
    for person_id, person in people.items():
        blocked = [
            Interval(b.interval.start - b.buffer_before, b.interval.end + b.buffer_after)
            for b in bookings
            if person_id in b.participants and b.id != ignore_booking
        ]
        minutes = free_minutes(person, within, blocked)
        common = minutes if common is None else common & minutes
    assert common is not None
    if now is not None:
        common = {m for m in common if m >= now + min_notice}
    runs = runs_of(common)
    return {m for run in runs if len(run) * MINUTE >= min_duration for m in run}


def runs_of(minutes: set[datetime]) -> list[list[datetime]]:
    """Consecutive minutes grouped into runs, in time order."""
    runs: list[list[datetime]] = []
    for minute in sorted(minutes):
        if runs and runs[-1][-1] + MINUTE == minute:
            runs[-1].append(minute)
        else:
            runs.append([minute])
    return runs


def to_minutes(value: IntervalSet) -> set[datetime]:
    """Every minute start inside a set whose bounds are whole minutes."""
    result: set[datetime] = set()
    for interval in value:
        assert interval.start.second == 0
        assert interval.end.second == 0
        minute = interval.start
        while minute < interval.end:
            result.add(minute)
            minute += MINUTE
    return result
