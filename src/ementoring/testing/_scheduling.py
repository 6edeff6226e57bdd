"""Scheduling's models: intervals, weekly windows and availabilities near clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import strategies as st

from ementoring.errors import InvalidTypeError, ValidationError
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
from ementoring.testing._options import check_count, check_flag, check_optional_zone, check_positive
from ementoring.testing._timezones import DEFAULT_MAX, DEFAULT_MIN, instants, zones
from ementoring.timezones import LATEST, require_aware


def intervals(
    *,
    min_value: datetime = DEFAULT_MIN,
    max_value: datetime = DEFAULT_MAX,
    max_duration: timedelta = timedelta(days=2),
    around_transitions: bool = True,
) -> st.SearchStrategy[Interval]:
    """Intervals of whole seconds starting between the bounds, up to ``max_duration`` long.

    >>> from hypothesis import given
    >>> @given(intervals(max_duration=timedelta(hours=3)))
    ... def test_short(interval):
    ...     assert timedelta(0) < interval.duration <= timedelta(hours=3)
    >>> test_short()
    """
    check_positive(max_duration, "max_duration")
    latest = require_aware(max_value, "max_value")
    if max_duration >= LATEST - latest:
        raise ValidationError(
            "max_duration", max_duration, "reaches past the supported range from max_value"
        )
    starts = instants(
        min_value=min_value, max_value=max_value, around_transitions=around_transitions
    ).map(lambda instant: instant.replace(microsecond=0))
    lengths = st.integers(1, int(max_duration.total_seconds())).map(
        lambda seconds: timedelta(seconds=seconds)
    )
    return st.builds(lambda start, length: Interval(start, start + length), starts, lengths)


def interval_sets(
    *,
    min_value: datetime = DEFAULT_MIN,
    max_value: datetime = DEFAULT_MAX,
    max_duration: timedelta = timedelta(days=2),
    max_size: int = 8,
) -> st.SearchStrategy[IntervalSet]:
    """Interval sets of up to ``max_size`` intervals before merging."""
    check_count(max_size, "max_size")
    pieces = intervals(
        min_value=min_value,
        max_value=max_value,
        max_duration=max_duration,
        around_transitions=False,
    )
    return st.lists(pieces, max_size=max_size).map(IntervalSet)


def _clock(step_minutes: int, steps: int) -> time:
    minutes = step_minutes * steps
    return time(minutes // 60, minutes % 60)


def weekly_windows(*, step: timedelta = timedelta(minutes=15)) -> st.SearchStrategy[WeeklyWindow]:
    """Weekly windows on a grid of ``step``: some end at 24:00, some cross midnight.

    Raises:
        ValidationError: ``step`` is not a whole number of minutes dividing a day.
    """
    minutes, rest = divmod(step.total_seconds(), 60) if isinstance(step, timedelta) else (0, 1)
    if rest or minutes <= 0 or (24 * 60) % minutes:
        raise ValidationError("step", step, "must be whole minutes that divide a day")
    per_day = int(24 * 60 // minutes)
    return st.builds(
        lambda days, start, end: WeeklyWindow(
            days, _clock(int(minutes), start), _clock(int(minutes), end)
        ),
        st.sets(st.sampled_from(list(Weekday)), min_size=1, max_size=7),
        st.integers(0, per_day - 1),
        st.integers(0, per_day - 1),
    )


#: Local dates on or near which some story zone changes its clocks.
_TRANSITION_DATES = (
    date(2026, 3, 8),  # North America springs forward
    date(2026, 3, 27),  # Israel
    date(2026, 3, 29),  # Europe
    date(2026, 4, 5),  # Sydney, Lord Howe, Santiago, Chatham fall back
    date(2026, 9, 6),  # Santiago springs forward
    date(2026, 10, 4),  # Sydney, Lord Howe spring forward
    date(2026, 10, 25),  # Europe, Israel fall back
    date(2026, 11, 1),  # North America falls back
    date(2026, 6, 15),  # an ordinary week
)


def weeks_near_transitions() -> st.SearchStrategy[Interval]:
    """One to four days of UTC time starting within three days of a 2026 clock change."""

    @st.composite
    def build(draw: st.DrawFn) -> Interval:
        anchor = draw(st.sampled_from(_TRANSITION_DATES))
        start = datetime.combine(anchor, time(0), tzinfo=UTC) + timedelta(
            hours=draw(st.integers(-72, 48))
        )
        return Interval(start, start + timedelta(hours=draw(st.integers(24, 96))))

    return build()


@st.composite
def _exceptions_near(draw: st.DrawFn, within: Interval) -> tuple[DateException, ...]:
    first = within.start.date() - timedelta(days=1)
    dates = [first + timedelta(days=k) for k in range((within.end.date() - first).days + 2)]
    result: list[DateException] = []
    for day in draw(st.lists(st.sampled_from(dates), unique=True, max_size=3)):
        if draw(st.booleans()):
            result.append(SkipDate(day))
        else:
            windows = draw(st.lists(st.tuples(st.integers(0, 95), st.integers(0, 95)), max_size=2))
            result.append(ReplaceDate(day, [(_clock(15, a), _clock(15, b)) for a, b in windows]))
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


def availabilities(
    *,
    within: Interval | None = None,
    zone_key: str | None = None,
    policy: str | None = None,
    with_exceptions: bool = True,
    max_windows: int = 3,
) -> st.SearchStrategy[Availability]:
    """Availabilities with weekly windows, a preferred window and exceptions near ``within``.

    Args:
        within: Put date exceptions and busy ranges on and around these dates
            (default: a few days around one of 2026's clock changes).
        zone_key: The person's zone (default: drawn with :func:`zones`).
        policy: ``"wall_clock"`` or ``"rfc5545"`` (default: either).
        with_exceptions: Add skipped and replaced dates and busy ranges.
        max_windows: At most this many weekly windows (at least one).

    >>> from hypothesis import given
    >>> from ementoring.scheduling import Interval
    >>> week = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC))
    >>> @given(availabilities(within=week, zone_key="Asia/Kathmandu"))
    ... def test_free_time_lies_in_the_week(person):
    ...     assert all(free in week for free in person.intervals(week))
    >>> test_free_time_lies_in_the_week()
    """
    check_count(max_windows, "max_windows", minimum=1)
    if within is not None and not isinstance(within, Interval):
        raise InvalidTypeError("within", within, "an Interval or None")
    check_optional_zone(zone_key, "zone_key")
    check_flag(with_exceptions, "with_exceptions")
    if policy is not None and policy not in ("wall_clock", "rfc5545"):
        raise ValidationError("policy", policy, "must be 'wall_clock' or 'rfc5545'")
    ranges = st.just(within) if within is not None else weeks_near_transitions()

    @st.composite
    def build(draw: st.DrawFn) -> Availability:
        around = draw(ranges)
        return Availability(
            draw(zones(story_only=True)) if zone_key is None else zone_key,
            weekly=draw(st.lists(weekly_windows(), min_size=1, max_size=max_windows)),
            exceptions=draw(_exceptions_near(around)) if with_exceptions else (),
            preferred=draw(st.lists(weekly_windows(), max_size=1)),
            policy=draw(st.sampled_from(["wall_clock", "rfc5545"])) if policy is None else policy,  # type: ignore[arg-type]
        )

    return build()
