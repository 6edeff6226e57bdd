"""Free time over a span: each question read from it gives what the public functions give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import ExpansionLimitError, InvalidTypeError, ValidationError
from ementoring.scheduling import (
    Availability,
    FreeBlocks,
    FreeTime,
    Interval,
    IntervalSet,
    find_overlap,
    has_regular_time,
    regular_slots,
)
from ementoring.testing import availabilities
from tests.scheduling import by_week
from tests.scheduling.strategies import BASE, examples, minute_intervals
from tests.scheduling.test_meetable import meetings, people_and_span

HOUR = timedelta(hours=1)
WEEK = Interval(BASE, BASE + timedelta(weeks=1))
ZONES = st.sampled_from(["UTC", "America/Toronto", "Europe/Moscow", "Asia/Kathmandu"])
# Busy time in and around the week, some of it reaching past its end.
BUSY = st.lists(minute_intervals(span=7 * 24 * 60 + 600, longest=600), max_size=6)


def free_times(
    people: dict[str, Availability], within: Interval
) -> tuple[FreeTime, list[FreeTime]]:
    """Every person's free time, and what they all share."""
    free = [person.free_time(within) for person in people.values()]
    return free[0].common(*free[1:]), free


class TestReadings:
    @examples(60)
    @given(people_and_span(most=3))
    def test_common_free_time_is_find_overlap(
        self, case: tuple[dict[str, Availability], Interval]
    ) -> None:
        """What a group's free times share is what find_overlap finds, in any order."""
        people, within = case
        common, free = free_times(people, within)
        assert common.intervals() == find_overlap(people, within)
        assert free[-1].common(*free[:-1]) == common
        for meeting in (HOUR, 2 * HOUR):
            assert common.at_least(meeting).intervals() == find_overlap(
                people, within, min_duration=meeting
            )

    @examples(60)
    @given(people_and_span(most=2), meetings)
    def test_a_pair_shares_the_weeks_of_its_common_free_time(
        self, case: tuple[dict[str, Availability], Interval], meeting: timedelta
    ) -> None:
        """FreeBlocks.weeks_with counts the weeks find_overlap over each week finds a block in."""
        people, within = case
        common, free = free_times(people, within)
        first, second = free[0], free[-1]
        counted = first.blocks(meeting).weeks_with(second.blocks(meeting))
        expected = by_week.weeks_brute(people, within, meeting)
        assert common.meetable(meeting) == tuple(expected.values())
        assert counted == sum(expected.values())
        assert second.blocks(meeting).weeks_with(first.blocks(meeting)) == counted
        assert first.blocks(meeting).weeks == len(expected)

    @examples(25)
    @given(people_and_span(most=2, longest_weeks=2), ZONES, meetings)
    def test_a_regular_time_is_what_regular_slots_finds(
        self, case: tuple[dict[str, Availability], Interval], zone: str, meeting: timedelta
    ) -> None:
        """has_regular_time holds exactly when regular_slots finds a slot."""
        people, within = case
        common, _ = free_times(people, within)
        step = timedelta(hours=1)
        found = regular_slots(people, within, meeting, zone=zone, step=step)
        assert has_regular_time(common, meeting, zone=zone, step=step) == bool(found)

    @examples(60)
    @given(availabilities(within=WEEK), BUSY)
    def test_busy_time_is_left_out(self, person: Availability, busy: list[Interval]) -> None:
        """free_time(busy=...) is intervals() minus the busy instants; FreeTime clips to its span."""
        free = person.free_time(WEEK, busy=busy)
        assert free.intervals() == person.intervals(WEEK) - IntervalSet(busy)
        assert FreeTime(WEEK, busy).intervals() == IntervalSet(busy).clip(WEEK)
        assert bool(free) == bool(free.intervals())


class TestBadInput:
    def test_spans_and_meetings_must_agree(self) -> None:
        """Free time over another span, or blocks for another meeting, are refused by name."""
        person = Availability("Europe/Moscow", weekly=["MO-FR 18:00-21:00"])
        other = Interval(WEEK.start, WEEK.end + timedelta(days=1))
        free = person.free_time(WEEK)
        with pytest.raises(ValidationError, match=r"others\[0\]"):
            free.common(person.free_time(other))
        with pytest.raises(InvalidTypeError, match=r"others\[1\]"):
            free.common(free, "free")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="other: must be made for the same span"):
            free.blocks(HOUR).weeks_with(free.blocks(2 * HOUR))
        with pytest.raises(InvalidTypeError, match="other"):
            free.blocks(HOUR).weeks_with(free)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="busy"):
            person.free_time(WEEK, busy="today")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="free"):
            FreeBlocks("free", HOUR)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="meeting"):
            free.meetable(timedelta(0))

    def test_the_weeks_compared_are_bounded(self) -> None:
        """Blocks over more than 10,000 weeks are refused: each comparison walks every week."""
        long = Interval(datetime(1910, 1, 1, tzinfo=UTC), datetime(2150, 1, 1, tzinfo=UTC))
        nobody = FreeTime(long)
        assert len(nobody.meetable(HOUR)) > 10_000
        with pytest.raises(ExpansionLimitError, match="more than 10,000 weeks"):
            nobody.blocks(HOUR)
