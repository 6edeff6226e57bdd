"""Hypothesis strategies for scheduling models (to move to ``ementoring.testing`` later)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import settings
from hypothesis import strategies as st

from ementoring.scheduling import (
    Availability,
    Busy,
    BusyLocal,
    DateException,
    Interval,
    IntervalSet,
    ReplaceDate,
    SkipDate,
    Weekday,
    WeeklyWindow,
)

#: Zones with every kind of trouble: both hemispheres' DST, no DST, half-hour and
#: 45-minute offsets (one with DST), a 30-minute DST, both sides of the dateline.
ZONES = (
    "UTC",
    "America/Toronto",
    "Europe/Berlin",
    "Europe/Moscow",
    "Asia/Jerusalem",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "America/Santiago",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
)

#: Local dates on or near which some zone above changes its clocks.
TRANSITION_DATES = (
    date(2026, 3, 8),  # North America springs forward
    date(2026, 3, 27),  # Israel
    date(2026, 3, 29),  # Europe
    date(2026, 4, 5),  # Sydney, Lord Howe, Santiago, Chatham fall back
    date(2026, 9, 6),  # Santiago springs forward
    date(2026, 9, 27),  # Chatham
    date(2026, 10, 4),  # Sydney, Lord Howe spring forward
    date(2026, 10, 25),  # Europe, Israel fall back
    date(2026, 11, 1),  # North America falls back
    date(2026, 6, 15),  # an ordinary week
)

BASE = datetime(2026, 3, 2, tzinfo=UTC)


def examples(count: int) -> settings:
    """Settings for an expensive property: ``count`` examples under the default
    profile (100), scaled up with the profile (``HYPOTHESIS_PROFILE=thorough``)."""
    profile = settings.default
    scale = 100 if profile is None else profile.max_examples
    return settings(max_examples=max(1, count * scale // 100))


def zones() -> st.SearchStrategy[str]:
    """One of :data:`ZONES`."""
    return st.sampled_from(ZONES)


@st.composite
def minute_intervals(draw: st.DrawFn, *, span: int = 600, longest: int = 90) -> Interval:
    """An interval of whole minutes within ``span`` minutes after :data:`BASE`."""
    start = draw(st.integers(0, span - 1))
    length = draw(st.integers(1, longest))
    return Interval(BASE + timedelta(minutes=start), BASE + timedelta(minutes=start + length))


def interval_sets(*, span: int = 600, max_size: int = 8) -> st.SearchStrategy[IntervalSet]:
    """An :class:`IntervalSet` of whole-minute intervals near :data:`BASE`."""
    return st.lists(minute_intervals(span=span), max_size=max_size).map(IntervalSet)


def _quarter_time(quarters: int) -> time:
    return time(quarters // 4, 15 * (quarters % 4))


@st.composite
def weekly_windows(draw: st.DrawFn) -> WeeklyWindow:
    """A weekly window on quarter hours; some end at 24:00, some cross midnight."""
    days = draw(st.sets(st.sampled_from(list(Weekday)), min_size=1, max_size=7))
    start = draw(st.integers(0, 95))
    end = draw(st.integers(0, 95))
    return WeeklyWindow(days, _quarter_time(start), _quarter_time(end))


@st.composite
def local_weeks(draw: st.DrawFn) -> Interval:
    """A range of one to four days starting near a clock change (UTC, whole hours)."""
    anchor = draw(st.sampled_from(TRANSITION_DATES))
    start = datetime.combine(anchor, time(0), tzinfo=UTC) + timedelta(
        hours=draw(st.integers(-72, 48))
    )
    return Interval(start, start + timedelta(hours=draw(st.integers(24, 96))))


@st.composite
def exceptions_near(draw: st.DrawFn, within: Interval) -> tuple[DateException, ...]:
    """Date exceptions and busy ranges on and around the dates of ``within``."""
    first = within.start.date() - timedelta(days=1)
    dates = [first + timedelta(days=k) for k in range((within.end.date() - first).days + 2)]
    chosen = draw(st.lists(st.sampled_from(dates), unique=True, max_size=3))
    result: list[DateException] = []
    for day in chosen:
        if draw(st.booleans()):
            result.append(SkipDate(day))
        else:
            windows = draw(st.lists(st.tuples(st.integers(0, 95), st.integers(0, 95)), max_size=2))
            result.append(
                ReplaceDate(day, [(_quarter_time(a), _quarter_time(b)) for a, b in windows])
            )
    for _ in range(draw(st.integers(0, 2))):
        day = draw(st.sampled_from(dates))
        start = datetime.combine(day, time(0)) + timedelta(minutes=15 * draw(st.integers(0, 95)))
        result.append(BusyLocal(start, start + timedelta(minutes=15 * draw(st.integers(1, 16)))))
    for _ in range(draw(st.integers(0, 2))):
        start = within.start + timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 4)))
        result.append(
            Busy(Interval(start, start + timedelta(minutes=15 * draw(st.integers(1, 16)))))
        )
    return tuple(result)


@st.composite
def availabilities(
    draw: st.DrawFn,
    within: Interval,
    *,
    zone: str | None = None,
    policy: str = "wall_clock",
    with_exceptions: bool = True,
) -> Availability:
    """A random availability (random zone unless given) with windows and exceptions."""
    return Availability(
        draw(zones()) if zone is None else zone,
        weekly=draw(st.lists(weekly_windows(), min_size=1, max_size=3)),
        exceptions=draw(exceptions_near(within)) if with_exceptions else (),
        preferred=draw(st.lists(weekly_windows(), max_size=1)),
        policy=policy,  # type: ignore[arg-type]  # a Policy literal, checked at run time
    )
