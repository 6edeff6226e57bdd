"""Meetable weeks by their definition: find_overlap over each seven-day week, one at a time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from ementoring.scheduling import Availability, Interval, find_overlap


def weeks_brute(
    people: Mapping[str, Availability], within: Interval, meeting: timedelta
) -> dict[Interval, bool]:
    """Seven-day weeks from ``within.start``: does find_overlap(min_duration=meeting) find a block?

    It trusts ``find_overlap``, which ``brute``'s minute model checks.
    """
    flags = {}
    start = within.start
    while start < within.end:
        week = Interval(start, min(start + timedelta(weeks=1), within.end))
        flags[week] = bool(find_overlap(people, week, min_duration=meeting))
        start += timedelta(weeks=1)
    return flags
