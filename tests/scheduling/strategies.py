"""Scheduling strategies for our own tests only: minute-grid intervals near one base instant.

Everything users need lives in the public ``ementoring.testing``; the tests import it from there.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import settings
from hypothesis import strategies as st

from ementoring.scheduling import (
    Interval,
    IntervalSet,
)

BASE = datetime(2026, 3, 2, tzinfo=UTC)


def examples(count: int) -> settings:
    """Settings for an expensive property: ``count`` examples under the default
    profile (100), scaled up with the profile (``HYPOTHESIS_PROFILE=thorough``)."""
    profile = settings.default
    scale = 100 if profile is None else profile.max_examples
    return settings(max_examples=max(1, count * scale // 100))


@st.composite
def minute_intervals(draw: st.DrawFn, *, span: int = 600, longest: int = 90) -> Interval:
    """An interval of whole minutes within ``span`` minutes after :data:`BASE`."""
    start = draw(st.integers(0, span - 1))
    length = draw(st.integers(1, longest))
    return Interval(BASE + timedelta(minutes=start), BASE + timedelta(minutes=start + length))


def interval_sets(*, span: int = 600, max_size: int = 8) -> st.SearchStrategy[IntervalSet]:
    """An :class:`IntervalSet` of whole-minute intervals near :data:`BASE`."""
    return st.lists(minute_intervals(span=span), max_size=max_size).map(IntervalSet)
