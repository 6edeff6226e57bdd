"""Interval sets as flat lists of integer microseconds: the fast inner representation.

Expansion and overlap work on ``[start0, end0, start1, end1, ...]`` lists of
microseconds since 1970-01-01 (UTC instants, or naive wall-clock readings, see
``ementoring._microseconds``), sorted and merged like an :class:`IntervalSet`;
results become :class:`Interval` objects only once, at the end.
"""

from __future__ import annotations

from collections.abc import Sequence

from ementoring._microseconds import instant_from_us
from ementoring.scheduling._intervals import Interval, IntervalSet

__all__ = ["Bounds", "from_bounds", "intersect", "merge", "overlap_us", "subtract"]

Bounds = list[int]
"""Sorted, merged ``[start, end, start, end, ...]`` in microseconds."""


def merge(pairs: list[tuple[int, int]]) -> Bounds:
    """Bounds from unsorted ``(start, end)`` pairs with ``start < end``."""
    if not pairs:
        return []
    pairs.sort()
    result: Bounds = []
    current_start, current_end = pairs[0]
    for start, end in pairs:
        if start <= current_end:
            if end > current_end:
                current_end = end
        else:
            result.append(current_start)
            result.append(current_end)
            current_start, current_end = start, end
    result.append(current_start)
    result.append(current_end)
    return result


def intersect(a: Sequence[int], b: Sequence[int]) -> Bounds:
    """The common part of two bounds lists (a linear sweep)."""
    result: Bounds = []
    i = j = 0
    len_a, len_b = len(a), len(b)
    while i < len_a and j < len_b:
        start = a[i] if a[i] > b[j] else b[j]
        end_a, end_b = a[i + 1], b[j + 1]
        end = end_a if end_a < end_b else end_b
        if start < end:
            result.append(start)
            result.append(end)
        if end_a < end_b:
            i += 2
        else:
            j += 2
    return result


def overlap_us(a: Sequence[int], b: Sequence[int]) -> int:
    """The total length of the common part of two bounds lists, in microseconds."""
    total = 0
    i = j = 0
    len_a, len_b = len(a), len(b)
    while i < len_a and j < len_b:
        start = a[i] if a[i] > b[j] else b[j]
        end_a, end_b = a[i + 1], b[j + 1]
        end = end_a if end_a < end_b else end_b
        if start < end:
            total += end - start
        if end_a < end_b:
            i += 2
        else:
            j += 2
    return total


def subtract(a: Bounds, b: Bounds) -> Bounds:
    """The part of ``a`` outside ``b`` (a linear sweep)."""
    if not b:
        return a
    result: Bounds = []
    j = 0
    len_b = len(b)
    for i in range(0, len(a), 2):
        start, end = a[i], a[i + 1]
        while j < len_b and b[j + 1] <= start:
            j += 2
        k = j
        while k < len_b and b[k] < end:
            if b[k] > start:
                result.append(start)
                result.append(b[k])
            if b[k + 1] > start:
                start = b[k + 1]
            if start >= end:
                break
            k += 2
        if start < end:
            result.append(start)
            result.append(end)
    return result


def from_bounds(bounds: Sequence[int]) -> IntervalSet:
    """An :class:`IntervalSet` of UTC instants from bounds."""
    trusted = Interval._trusted
    return IntervalSet._trusted(
        tuple(
            trusted(instant_from_us(bounds[i]), instant_from_us(bounds[i + 1]))
            for i in range(0, len(bounds), 2)
        )
    )
