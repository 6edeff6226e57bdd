"""The time-zone kernel: wall-clock conversion and transition search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from _harness import Case
from ementoring.timezones import _transitions as timezones
from ementoring.timezones import to_instant, transitions, zone


def _attach_and_convert(locals_: list[datetime], key: str) -> list[datetime]:
    # The textbook way: attach the zone and convert. Wrong in gaps (it gives the
    # RFC 5545 reading), but it is the usual cost to compare with.
    tz = zone(key)
    return [dt.replace(tzinfo=tz).astimezone(UTC) for dt in locals_]


def _uncached_transitions(key: str, years: int) -> object:
    timezones._cached_transitions.cache_clear()
    start = datetime(2000, 1, 1, tzinfo=UTC)
    return transitions(key, start, start.replace(year=2000 + years))


def cases(quick: bool) -> list[Case]:
    count = 2_000 if quick else 50_000
    start = datetime(2026, 1, 1, 12, 0)
    locals_ = [start + timedelta(hours=7 * i) for i in range(count)]
    key = "America/Toronto"
    years = 2 if quick else 50
    return [
        Case(
            workload=f"to_instant wall_clock, {count:,} local times",
            ours=lambda: [to_instant(dt, key, policy="wall_clock") for dt in locals_],
            baseline=lambda: _attach_and_convert(locals_, key),
            baseline_name="replace(tzinfo).astimezone",
        ),
        Case(
            workload=f"transitions over {years} years, uncached",
            ours=lambda: _uncached_transitions(key, years),
        ),
    ]
