"""Meetable weeks and regular slots: their laws against week-by-week find_overlap, and examples."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import (
    AmbiguousTimeError,
    ExpansionLimitError,
    InvalidTypeError,
    NonexistentTimeError,
    ValidationError,
)
from ementoring.scheduling import (
    MAX_REGULAR_CHECKS,
    Availability,
    Booking,
    Interval,
    LocalStretch,
    MeetableWeeks,
    RegularSlot,
    SkipDate,
    Weekday,
    find_overlap,
    find_slots,
    meetable_weeks,
    regular_slots,
)
from ementoring.testing import availabilities
from ementoring.testing import weeks_near_transitions as local_weeks
from ementoring.timezones import to_instant, to_local
from tests.scheduling import by_week
from tests.scheduling.strategies import examples

HOUR = timedelta(hours=1)
SPRING = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))


@st.composite
def people_and_span(
    draw: st.DrawFn, *, most: int = 3, longest_weeks: int = 3
) -> tuple[dict[str, Availability], Interval]:
    """A few people and a span of whole and partial weeks that starts near a clock change."""
    start = draw(local_weeks()).start
    length = timedelta(weeks=draw(st.integers(0, longest_weeks)), hours=draw(st.integers(1, 167)))
    within = Interval(start, start + length)
    count = draw(st.integers(1, most))
    people = {f"p{i}": draw(availabilities(within=within)) for i in range(count)}
    return people, within


meetings = st.sampled_from([timedelta(minutes=15), timedelta(minutes=45), HOUR, 2 * HOUR])


class TestMeetableWeeks:
    @examples(60)
    @given(people_and_span(), meetings)
    def test_equals_find_overlap_week_by_week(
        self, case: tuple[dict[str, Availability], Interval], meeting: timedelta
    ) -> None:
        """A week counts exactly when find_overlap over it, with min_duration, is not empty."""
        people, within = case
        found = meetable_weeks(people, within, meeting=meeting)
        assert list(found.meetable) == list(by_week.weeks_brute(people, within, meeting).values())
        assert found.weeks[0].start == within.start
        assert found.weeks[-1].end == within.end
        assert 0.0 <= found.share <= 1.0
        assert found.share == found.count / len(found.weeks)

    @examples(30)
    @given(people_and_span(most=2), meetings, meetings)
    def test_a_longer_meeting_never_fits_more_weeks(
        self, case: tuple[dict[str, Availability], Interval], a: timedelta, b: timedelta
    ) -> None:
        """Monotone in the meeting length, week by week."""
        people, within = case
        short, long = sorted((a, b))
        fits_short = meetable_weeks(people, within, meeting=short).meetable
        fits_long = meetable_weeks(people, within, meeting=long).meetable
        assert all(s or not lo for s, lo in zip(fits_short, fits_long, strict=True))

    @examples(60)
    @given(people_and_span(most=2), meetings)
    def test_the_quarter_hour_filter_never_drops_a_meetable_pair(
        self, case: tuple[dict[str, Availability], Interval], meeting: timedelta
    ) -> None:
        """may_meet is False only when no week of the span is meetable (the bulk scorer's shortcut)."""
        from ementoring._microseconds import timedelta_us, us
        from ementoring.scheduling._free import may_meet, week_mask

        people, within = case
        first, *rest = people.values()
        second = rest[0] if rest else first
        start, length = us(within.start), timedelta_us(meeting)
        masks = [week_mask(p._free_bounds(within, [], 10_000), start) for p in (first, second)]
        found = meetable_weeks({"a": first, "b": second}, within, meeting=meeting)
        assert may_meet(masks[0], masks[1], length) or found.count == 0

    def test_the_issue_story_in_words(self) -> None:
        """An hour every Tuesday until Toronto's 8 March change, none after: said in words."""
        people = {
            "mentor": Availability("America/Toronto", weekly=["TU 12:00-13:00"]),
            "mentee": Availability("Europe/Moscow", weekly=["TU 20:00-22:00", "TH 20:00-20:45"]),
        }
        found = meetable_weeks(people, SPRING)
        assert found.meetable == (True,) * 5 + (False,) * 5
        assert found.text() == "a 1-hour slot in 5 of 10 weeks; none after the 8 March clock change"
        both = meetable_weeks(people, SPRING, meeting=timedelta(minutes=45))
        assert (
            both.text() == "a 45-minute slot in 5 of 10 weeks; none after the 8 March clock change"
        )

    def test_texts_for_all_none_and_gaps(self) -> None:
        """Every week, no week, and weeks missing in the middle are each said plainly."""
        toronto = Availability("America/Toronto", weekly=["MO-FR 12:00-14:00"])
        assert meetable_weeks({"a": toronto}, SPRING).text() == "a 1-hour slot in 10 of 10 weeks"
        assert (
            meetable_weeks({"a": toronto}, SPRING, meeting=3 * HOUR).text()
            == "no 3-hour slot in any of the 10 weeks"
        )
        away = Availability(
            "America/Toronto",
            weekly=["TU 12:00-14:00"],
            exceptions=[_skip(2026, 2, 10), _skip(2026, 2, 24)],
        )
        assert (
            meetable_weeks({"a": away}, SPRING).text()
            == "a 1-hour slot in 8 of 10 weeks; none in the weeks of 9 February and 23 February"
        )
        later = Availability("America/Toronto", weekly=["TU 12:00-14:00"], exceptions=[
            _skip(2026, 3, d) for d in (24, 31)] + [_skip(2026, 4, 7)])  # fmt: skip
        assert (
            meetable_weeks({"a": later}, SPRING).text()
            == "a 1-hour slot in 7 of 10 weeks; none from the week of 23 March"
        )

    def test_bad_input(self) -> None:
        """A meeting that is not a positive timedelta, or a bad span, is refused by name."""
        people = {"a": Availability("UTC", weekly=["MO 09:00-10:00"])}
        with pytest.raises(InvalidTypeError, match="meeting"):
            meetable_weeks(people, SPRING, meeting=60)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="meeting"):
            meetable_weeks(people, SPRING, meeting=timedelta(0))
        with pytest.raises(ValidationError, match="within"):
            meetable_weeks(people, "spring")  # type: ignore[arg-type]
        ages = Interval(datetime(1901, 1, 1, tzinfo=UTC), datetime(2199, 1, 1, tzinfo=UTC))
        with pytest.raises(ExpansionLimitError, match="weeks"):
            meetable_weeks({"a": Availability("UTC")}, ages)


def _skip(year: int, month: int, day: int) -> SkipDate:
    return SkipDate(date(year, month, day))


def brute_regular(
    people: dict[str, Availability],
    within: Interval,
    duration: timedelta,
    zone: str,
    step: timedelta,
    bookings: tuple[Booking, ...] = (),
) -> set[tuple[Weekday, time]]:
    """Every (weekday, local time) on the grid, checked date by date with to_instant and find_overlap."""
    free = find_overlap(people, within, bookings=bookings)
    first, last = to_local(within.start, zone).date(), to_local(within.end, zone).date()
    days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    found = set()
    for weekday in range(7):
        dates = [d for d in days if d.weekday() == weekday]
        minute = timedelta(0)
        while minute < timedelta(days=1):
            reading = time(minute.seconds // 3600, minute.seconds // 60 % 60)
            meetings = 0
            for day in dates:
                try:
                    start = to_instant(datetime.combine(day, reading), zone, policy="raise")
                except NonexistentTimeError:
                    break
                except AmbiguousTimeError:  # the first pass
                    start = to_instant(datetime.combine(day, reading), zone, policy="wall_clock")
                meeting = Interval(start, start + duration)
                if meeting.start < within.start or meeting.end > within.end:
                    continue
                if meeting not in free:
                    break
                meetings += 1
            else:
                if meetings:
                    found.add((list(Weekday)[weekday], reading))
            minute += step
    return found


class TestRegularSlots:
    @examples(25)
    @given(people_and_span(most=2, longest_weeks=2), st.sampled_from(["UTC", "America/Toronto",
           "Europe/Moscow", "Asia/Kathmandu", "Australia/Lord_Howe"]), meetings)  # fmt: skip
    def test_equals_the_grid_checked_date_by_date(
        self, case: tuple[dict[str, Availability], Interval], zone: str, duration: timedelta
    ) -> None:
        """Exactly the grid times free on every such day of the span, each day's time existing."""
        people, within = case
        step = timedelta(hours=1)
        slots = regular_slots(people, within, duration, zone=zone, step=step)
        assert {(s.weekday, s.start) for s in slots} == brute_regular(
            people, within, duration, zone, step
        )

    @examples(25)
    @given(people_and_span(most=3, longest_weeks=2), meetings)
    def test_every_meeting_is_free_at_the_same_local_time(
        self, case: tuple[dict[str, Availability], Interval], duration: timedelta
    ) -> None:
        """Each week's meeting lies in everybody's common free time, at the slot's local time."""
        people, within = case
        free = find_overlap(people, within)
        for slot in regular_slots(people, within, duration, zone="America/Toronto"):
            assert slot.occurrences
            for meeting in slot.occurrences:
                assert meeting in free
                assert meeting.duration == duration
                local = to_local(meeting.start, "America/Toronto")
                assert (local.weekday(), local.time()) == (slot.weekday.number, slot.start)
            for person, stretches in slot.local.items():
                assert sum(s.weeks for s in stretches) == len(slot.occurrences)
                for before, after in itertools.pairwise(stretches):
                    reading = (before.weekday, before.start, before.end)
                    assert reading != (after.weekday, after.start, after.end), person

    @examples(25)
    @given(people_and_span(most=2, longest_weeks=2), st.data())
    def test_bookings_block_as_find_overlap_says(
        self, case: tuple[dict[str, Availability], Interval], data: st.DataObject
    ) -> None:
        """With bookings (some naming strangers, some with buffers), exactly the grid times free in
        find_overlap with the same bookings; never a slot that was not regular without them."""
        people, within = case
        step = timedelta(hours=1)
        bookings = tuple(
            Booking(
                f"b{index}",
                Interval(start, start + data.draw(meetings)),
                data.draw(
                    st.lists(st.sampled_from([*people, "stranger"]), min_size=1, unique=True)
                ),
                buffer_after=data.draw(st.sampled_from([timedelta(0), timedelta(minutes=15)])),
            )
            for index, start in enumerate(
                data.draw(
                    st.lists(
                        st.integers(0, int(within.duration / timedelta(minutes=15))).map(
                            lambda q: within.start + q * timedelta(minutes=15)
                        ),
                        max_size=3,
                    )
                )
            )
        )
        booked = regular_slots(people, within, HOUR, zone="Europe/Moscow", step=step,
                               bookings=bookings)  # fmt: skip
        found = {(s.weekday, s.start) for s in booked}
        assert found == brute_regular(people, within, HOUR, "Europe/Moscow", step, bookings)
        free = {
            (s.weekday, s.start)
            for s in regular_slots(people, within, HOUR, zone="Europe/Moscow", step=step)
        }
        assert found <= free

    @examples(25)
    @given(people_and_span(most=3, longest_weeks=2), st.sampled_from(["UTC", "America/Toronto"]))
    def test_preferred_by_and_the_order(
        self, case: tuple[dict[str, Availability], Interval], zone: str
    ) -> None:
        """preferred_by is who find_slots says prefers each of the slot's meetings; the slots most
        people prefer come first, then by weekday and time."""
        people, within = case
        slots = regular_slots(people, within, HOUR, zone=zone, step=HOUR)
        for slot in slots:
            each = [
                find_slots(people, meeting, duration=HOUR, step=HOUR, align_zone=zone)
                for meeting in slot.occurrences
            ]
            assert all(len(found) == 1 for found in each)
            assert slot.preferred_by == frozenset.intersection(
                *(found[0].preferred_by for found in each)
            )
        order = [(-len(s.preferred_by), s.weekday.number, s.start) for s in slots]
        assert order == sorted(order)
        assert len(set(order)) == len(order)

    def test_a_one_off_session_and_what_people_prefer(self) -> None:
        """The issue's team: a session on one Thursday takes TH 13:00 out of the regular times;
        the time both prefer comes first, then the ones one of them prefers."""
        people = {
            "anna": Availability(
                "America/Toronto", weekly=["TU,TH 11:00-14:00"], preferred=["TH 12:00-13:00"]
            ),
            "natalia": Availability(
                "Europe/Moscow", weekly=["MO-FR 18:00-22:00"], preferred=["TU,TH 19:00-21:00"]
            ),
        }
        april = Interval(datetime(2026, 3, 9, 4, tzinfo=UTC), datetime(2026, 4, 6, 4, tzinfo=UTC))
        start = to_instant(datetime(2026, 3, 19, 13), "America/Toronto")
        session = Booking("s7", Interval(start, start + HOUR), ["anna", "natalia", "dana"])

        def shown(bookings: list[Booking]) -> list[tuple[str, str, list[str]]]:
            slots = regular_slots(people, april, HOUR, zone="America/Toronto", step=HOUR,
                                  bookings=bookings)  # fmt: skip
            return [(str(s.weekday), f"{s.start:%H:%M}", sorted(s.preferred_by)) for s in slots]

        assert shown([]) == [
            ("TH", "12:00", ["anna", "natalia"]),
            ("TU", "12:00", ["natalia"]),
            ("TU", "13:00", ["natalia"]),
            ("TH", "13:00", ["natalia"]),
            ("TU", "11:00", []),
            ("TH", "11:00", []),
        ]
        assert shown([session]) == [
            ("TH", "12:00", ["anna", "natalia"]),
            ("TU", "12:00", ["natalia"]),
            ("TU", "13:00", ["natalia"]),
            ("TU", "11:00", []),
            ("TH", "11:00", []),
        ]
        # Someone else's session blocks nobody here; a buffer after it reaches the next hour.
        others = Booking("s8", session.interval, ["olga", "ivan"])
        assert shown([others]) == shown([])
        before = Booking("s9", Interval(start - HOUR, start - HOUR / 2), ["anna"],
                         buffer_after=HOUR / 2)  # fmt: skip
        assert ("TH", "12:00", ["anna", "natalia"]) not in shown([before])

    def test_one_slot_across_toronto_change(self) -> None:
        """Tuesday 12:00 in Toronto is 20:00 then 19:00 in St. Petersburg: one regular slot."""
        people = {
            "anna": Availability("America/Toronto", weekly=["TU 12:00-13:00"]),
            "natalia": Availability("Europe/Moscow", weekly=["TU 19:00-21:00"]),
        }
        [slot] = regular_slots(people, SPRING, HOUR, zone="America/Toronto")
        assert (slot.weekday, slot.start, len(slot.occurrences)) == (Weekday.TU, time(12), 10)
        readings = [(s.start, s.weeks) for s in slot.local["natalia"]]
        assert readings == [(time(20), 5), (time(19), 5)]
        assert slot.text() == (
            "every TU 12:00 America/Toronto, 10 weeks (natalia: TU 20:00, then TU 19:00 from 10 March)"
        )
        # On St. Petersburg's clock the same pair has no regular hour: 20:00 then 19:00.
        assert regular_slots(people, SPRING, HOUR, zone="Europe/Moscow") == ()

    def test_a_skipped_time_is_not_regular(self) -> None:
        """Sunday 02:00 does not exist in Toronto on 8 March, so it is no weekly time."""
        people = {"a": Availability("UTC", weekly=["SU 00:00-24:00"])}
        slots = regular_slots(people, SPRING, HOUR, zone="America/Toronto", step=HOUR)
        starts = {s.start for s in slots}
        assert time(2) not in starts
        assert time(3) in starts

    def test_bad_input_and_bounded_work(self) -> None:
        """Steps under a minute, bad durations and zones are refused; huge grids hit the cap."""
        people = {"a": Availability("UTC", weekly=["MO 09:00-10:00"])}
        with pytest.raises(ValidationError, match="step"):
            regular_slots(people, SPRING, HOUR, zone="UTC", step=timedelta(seconds=30))
        with pytest.raises(InvalidTypeError, match="step"):
            regular_slots(people, SPRING, HOUR, zone="UTC", step=30)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="duration"):
            regular_slots(people, SPRING, "1h", zone="UTC")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="zone"):
            regular_slots(people, SPRING, HOUR, zone="Mars/Olympus")
        decades = Interval(datetime(2026, 1, 1, tzinfo=UTC), datetime(2126, 1, 1, tzinfo=UTC))
        with pytest.raises(ExpansionLimitError, match=f"{MAX_REGULAR_CHECKS:,}"):
            regular_slots(people, decades, HOUR, zone="UTC", step=timedelta(minutes=1))
        ages = Interval(datetime(1901, 1, 1, tzinfo=UTC), datetime(2199, 1, 1, tzinfo=UTC))
        with pytest.raises(ExpansionLimitError, match=f"{MAX_REGULAR_CHECKS:,}"):
            regular_slots({"a": Availability("UTC")}, ages, HOUR, zone="UTC", step=HOUR)


_SLOT: dict[str, Any] = {
    "zone": "UTC", "weekday": Weekday.TU, "start": time(9), "duration": HOUR, "occurrences": (),
    "local": {},
}  # fmt: skip
_STRETCH: dict[str, Any] = {
    "weekday": Weekday.TU, "start": time(9), "end": time(10), "first": SPRING.start,
    "last": SPRING.end, "weeks": 1,
}  # fmt: skip
_WEEKS: dict[str, Any] = {"meeting": HOUR, "weeks": (SPRING,), "meetable": (True,)}


class TestResultTypes:
    @pytest.mark.parametrize(
        ("cls", "fields", "field"),
        [
            (MeetableWeeks, _WEEKS | {"meetable": ("yes",)}, "meetable"),
            (MeetableWeeks, _WEEKS | {"meetable": (True, False)}, "meetable"),
            (MeetableWeeks, _WEEKS | {"meeting": 0}, "meeting"),
            (MeetableWeeks, _WEEKS | {"changes": [1]}, "changes"),
            (RegularSlot, _SLOT | {"weekday": "TU"}, "weekday"),
            (RegularSlot, _SLOT | {"local": [1]}, "local"),
            (RegularSlot, _SLOT | {"local": {"a": (1,)}}, "local"),
            (RegularSlot, _SLOT | {"preferred_by": ["nobody"]}, "preferred_by"),
            (LocalStretch, _STRETCH | {"first": datetime(2026, 3, 3)}, "first"),
            (LocalStretch, _STRETCH | {"weeks": 0}, "weeks"),
        ],
    )
    def test_bad_fields_are_named(self, cls: type, fields: dict[str, Any], field: str) -> None:
        """The result types check what they hold: a typed error naming the field."""
        cls(**(_WEEKS if cls is MeetableWeeks else _SLOT if cls is RegularSlot else _STRETCH))
        with pytest.raises(ValidationError, match=field):
            cls(**fields)
