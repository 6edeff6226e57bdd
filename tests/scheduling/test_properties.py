"""The laws of overlap and slots, on random zones and windows around clock changes."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from ementoring.scheduling import (
    Availability,
    Booking,
    Busy,
    Interval,
    IntervalSet,
    find_overlap,
    find_slots,
    weekly_overlap,
)
from ementoring.testing import availabilities, zones
from ementoring.testing import weeks_near_transitions as local_weeks
from tests.scheduling import brute
from tests.scheduling.strategies import examples


@st.composite
def people_and_week(
    draw: st.DrawFn, *, most: int = 3, policy: str = "wall_clock"
) -> tuple[dict[str, Availability], Interval]:
    within = draw(local_weeks())
    count = draw(st.integers(1, most))
    people = {f"p{i}": draw(availabilities(within=within, policy=policy)) for i in range(count)}
    return people, within


class TestOverlapLaws:
    @examples(60)
    @given(people_and_week())
    def test_inside_every_participant(self, case: tuple[dict[str, Availability], Interval]) -> None:
        """The overlap lies inside each person's own availability and inside ``within``."""
        people, within = case
        common = find_overlap(people, within)
        for person in people.values():
            assert common - person.intervals(within) == IntervalSet()
        assert common - IntervalSet([within]) == IntervalSet()

    @examples(40)
    @given(people_and_week(), st.randoms(use_true_random=False))
    def test_order_independent(
        self, case: tuple[dict[str, Availability], Interval], rng: object
    ) -> None:
        """Shuffling the participants does not change the overlap."""
        people, within = case
        keys = list(people)
        rng.shuffle(keys)  # type: ignore[attr-defined]
        assert find_overlap({k: people[k] for k in keys}, within) == find_overlap(people, within)

    @examples(40)
    @given(people_and_week(most=1))
    def test_idempotent(self, case: tuple[dict[str, Availability], Interval]) -> None:
        """A person meeting themself gets exactly their own availability."""
        people, within = case
        (person,) = people.values()
        assert find_overlap({"a": person, "b": person}, within) == person.intervals(within)
        assert find_overlap({"a": person}, within) == person.intervals(within)

    @examples(40)
    @given(people_and_week(most=2), st.data())
    def test_busy_never_adds(
        self, case: tuple[dict[str, Availability], Interval], data: st.DataObject
    ) -> None:
        """Adding a busy interval or a booking can only remove time."""
        people, within = case
        before = find_overlap(people, within)
        start = within.start + timedelta(minutes=15 * data.draw(st.integers(0, 200)))
        busy = Interval(start, start + timedelta(minutes=15 * data.draw(st.integers(1, 20))))
        first = next(iter(people))
        busier = dict(people)
        person = people[first]
        busier[first] = Availability(
            person.zone,
            weekly=person.weekly,
            exceptions=(*person.exceptions, Busy(busy)),
            policy=person.policy,
        )
        after = find_overlap(busier, within)
        assert after - before == IntervalSet()
        booked = find_overlap(people, within, bookings=[Booking("b", busy, [first])])
        assert booked == before - IntervalSet([busy])
        assert after == booked

    @examples(30)
    @given(people_and_week(most=2))
    def test_weekly_overlap_scales_total(
        self, case: tuple[dict[str, Availability], Interval]
    ) -> None:
        """weekly_overlap is the common total per week of ``within``."""
        people, within = case
        a = next(iter(people.values()))
        b = list(people.values())[-1]
        total = (a.intervals(within) & b.intervals(within)).total()
        per_week = weekly_overlap(a, b, within)
        exact = total * (timedelta(weeks=1) / within.duration)
        assert per_week.microseconds == 0
        # Nearest whole second, halves up: exact - 1/2 s < per_week <= exact + 1/2 s.
        half = timedelta(milliseconds=500)
        assert exact - half < per_week <= exact + half + timedelta(microseconds=1)
        assert weekly_overlap(a, b, within) == weekly_overlap(b, a, within)

    @examples(40)
    @given(people_and_week(), st.data())
    def test_bookings_of_outsiders_are_ignored(
        self, case: tuple[dict[str, Availability], Interval], data: st.DataObject
    ) -> None:
        """A booking blocks the people in it being scheduled: naming others changes nothing."""
        people, within = case
        ids = sorted(people)
        outsiders = ["coach", "other-mentee"]
        bookings = []
        for index in range(data.draw(st.integers(1, 4))):
            start = within.start + timedelta(minutes=15 * data.draw(st.integers(0, 600)))
            names = data.draw(st.lists(st.sampled_from(ids + outsiders), min_size=1, unique=True))
            bookings.append(
                Booking(f"b{index}", Interval(start, start + timedelta(hours=1)), names)
            )
        ignore = data.draw(st.sampled_from([None, *[b.id for b in bookings]]))
        # The same bookings cut down to the people being scheduled (none left: dropped).
        inside = [
            Booking(b.id, b.interval, [p for p in b.participants if p in people])
            for b in bookings
            if any(p in people for p in b.participants) and b.id != ignore
        ]
        expected = find_overlap(people, within, bookings=inside)
        assert find_overlap(people, within, bookings=bookings, ignore_booking=ignore) == expected


class TestAgainstMinuteScan:
    @examples(40)
    @given(people_and_week(most=2))
    def test_wall_clock(self, case: tuple[dict[str, Availability], Interval]) -> None:
        """find_overlap equals a minute-by-minute scan of the wall-clock semantics."""
        people, within = case
        expected = brute.overlap_minutes(people, within)
        assert brute.to_minutes(find_overlap(people, within)) == expected

    @examples(25)
    @given(people_and_week(most=2, policy="rfc5545"))
    def test_rfc5545(self, case: tuple[dict[str, Availability], Interval]) -> None:
        """Under ``rfc5545`` too (endpoints read with fold=0)."""
        people, within = case
        expected = brute.overlap_minutes(people, within)
        assert brute.to_minutes(find_overlap(people, within)) == expected

    @examples(25)
    @given(people_and_week(most=2), st.data())
    def test_options(
        self, case: tuple[dict[str, Availability], Interval], data: st.DataObject
    ) -> None:
        """Bookings (some naming outsiders) with buffers, ignore_booking, now, min_notice
        and min_duration agree too."""
        people, within = case
        ids = sorted(people)
        bookings = []
        for index in range(data.draw(st.integers(0, 3))):
            start = within.start + timedelta(minutes=15 * data.draw(st.integers(0, 300)))
            bookings.append(
                Booking(
                    f"b{index}",
                    Interval(start, start + timedelta(minutes=30)),
                    # "coach" is nobody being scheduled: ignored by both sides.
                    data.draw(st.lists(st.sampled_from([*ids, "coach"]), min_size=1, unique=True)),
                    buffer_before=timedelta(minutes=data.draw(st.sampled_from([0, 10, 15]))),
                    buffer_after=timedelta(minutes=data.draw(st.sampled_from([0, 5, 30]))),
                )
            )
        ignore = data.draw(st.sampled_from([None, *[b.id for b in bookings]]))
        now = within.start + timedelta(minutes=data.draw(st.integers(-60, 3000)))
        options = {
            "bookings": bookings,
            "ignore_booking": ignore,
            "now": now,
            "min_notice": timedelta(minutes=data.draw(st.sampled_from([0, 45, 120]))),
            "min_duration": timedelta(minutes=data.draw(st.sampled_from([0, 30, 60, 61]))),
        }
        expected = brute.overlap_minutes(people, within, **options)  # type: ignore[arg-type]
        actual = find_overlap(people, within, **options)  # type: ignore[arg-type]
        assert brute.to_minutes(actual) == expected


class TestSlotLaws:
    @examples(50)
    @given(
        people_and_week(most=2),
        st.sampled_from([15, 30, 45, 60, 25]),
        st.sampled_from([15, 30, 60, 90]),
        st.one_of(st.none(), zones(story_only=True)),
    )
    def test_inside_overlap_and_on_grid(
        self,
        case: tuple[dict[str, Availability], Interval],
        step_minutes: int,
        duration_minutes: int,
        align_zone: str | None,
    ) -> None:
        """Every slot lies inside the overlap and starts on the local grid; none is missed."""
        people, within = case
        step, duration = timedelta(minutes=step_minutes), timedelta(minutes=duration_minutes)
        slots = find_slots(people, within, duration=duration, step=step, align_zone=align_zone)
        common = find_overlap(people, within)
        tz = ZoneInfo(align_zone or next(iter(people.values())).zone)

        def on_grid(instant_minute: object) -> bool:
            local = instant_minute.astimezone(tz)  # type: ignore[attr-defined]
            since_midnight = timedelta(hours=local.hour, minutes=local.minute)
            return since_midnight % step == timedelta(0)

        for slot in slots:
            assert slot.end - slot.start == duration
            assert slot.interval in common
            assert on_grid(slot.start)
            for person, (local_start, local_end) in slot.local.items():
                # PEP 495: an aware time in a fold never equals one in another zone,
                # so compare instants in UTC.
                assert local_start.astimezone(UTC) == slot.start
                assert local_end.astimezone(UTC) == slot.end
                assert (
                    local_start.utcoffset()
                    == slot.start.astimezone(ZoneInfo(people[person].zone)).utcoffset()
                )
        # Completeness: every grid minute whose meeting fits is offered, once, in order.
        expected = [
            minute
            for minute in sorted(brute.to_minutes(common))
            if on_grid(minute) and Interval(minute, minute + duration) in common
        ]
        assert [s.start for s in slots] == expected
        assert all(s.start.tzinfo is UTC for s in slots)

    @examples(30)
    @given(people_and_week(most=3), st.integers(0, 5))
    def test_comfort_is_a_reordering(
        self, case: tuple[dict[str, Availability], Interval], limit: int
    ) -> None:
        """Comfort order holds the same slots, most preferred first, then by time."""
        people, within = case
        duration = timedelta(minutes=30)
        by_time = find_slots(people, within, duration=duration)
        by_comfort = find_slots(people, within, duration=duration, order="comfort")
        assert sorted(by_comfort, key=lambda s: s.start) == list(by_time)
        keys = [(-len(s.preferred_by), s.start) for s in by_comfort]
        assert keys == sorted(keys)
        for slot in by_comfort:
            for person in people:
                prefers = slot.interval in people[person].preferred_intervals(within)
                assert (person in slot.preferred_by) == prefers
        assert find_slots(people, within, duration=duration, limit=limit) == by_time[:limit]
        limited = find_slots(people, within, duration=duration, order="comfort", limit=limit)
        assert limited == by_comfort[:limit]
