"""Windows and their text form, and every bad input: a typed error naming the field."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from ementoring.errors import (
    DuplicateIdError,
    ExpansionLimitError,
    NaiveDatetimeError,
    UnknownIdError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.scheduling import (
    Availability,
    Booking,
    Busy,
    BusyLocal,
    Interval,
    IntervalSet,
    RecurringWindow,
    ReplaceDate,
    SkipDate,
    Weekday,
    WeeklyWindow,
    find_overlap,
    find_slots,
    render_week,
    weekly_overlap,
)
from ementoring.testing import weekly_windows

WEEK = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
HOUR = timedelta(hours=1)
PEOPLE = {
    "mentor": Availability("America/Toronto", weekly=["MO-FR 09:00-17:00"]),
    "mentee": Availability("Europe/Moscow", weekly=["MO-FR 15:00-22:00"]),
}


class TestWeeklyWindow:
    @pytest.mark.parametrize(
        ("text", "days", "start", "end", "crosses"),
        [
            ("MO-FR 09:00-17:00", "MO TU WE TH FR", time(9), time(17), False),
            ("TH 22:00-01:00", "TH", time(22), time(1), True),
            ("SA,SU 00:00-24:00", "SA SU", time(0), time(0), False),
            ("FR-MO 20:00-24:00", "MO FR SA SU", time(20), time(0), False),
            ("mo,we-fr 7:30-8:15", "MO WE TH FR", time(7, 30), time(8, 15), False),
            ("SU 10:00-10:00", "SU", time(10), time(10), True),
            ("TU 09:00:30-24:00", "TU", time(9, 0, 30), time(0), False),
        ],
    )  # fmt: skip
    def test_parse(self, text: str, days: str, start: time, end: time, crosses: bool) -> None:
        """Day lists, ranges (wrapping too), 24:00 and windows across midnight."""
        window = WeeklyWindow.parse(text)
        assert window.days == tuple(Weekday(d) for d in days.split())
        assert (window.start, window.end) == (start, end)
        assert window.crosses_midnight is crosses

    def test_durations(self) -> None:
        """The wall-clock length; ``end == start`` is a full day, 24:00 is midnight."""
        assert WeeklyWindow.parse("TH 22:00-01:00").duration == 3 * HOUR
        assert WeeklyWindow.parse("SA 00:00-24:00").duration == 24 * HOUR
        assert WeeklyWindow.parse("SA 10:00-10:00").duration == 24 * HOUR

    @given(weekly_windows())
    def test_text_round_trip(self, window: WeeklyWindow) -> None:
        """``parse(str(window))`` gives the window back."""
        assert WeeklyWindow.parse(str(window)) == window

    def test_days_accept_enum_and_strings(self) -> None:
        """Weekday values, their strings, and repeats all give one sorted tuple."""
        window = WeeklyWindow([Weekday.FR, "MO", "fr"], time(9), "10:00")
        assert window.days == (Weekday.MO, Weekday.FR)

    @pytest.mark.parametrize(
        "text",
        ["", "MO", "MO 9-17", "XX 09:00-10:00", "MO 25:00-26:00", "MO 09:60-10:00",
         "MO 24:00-01:00", "MO-FR09:00-17:00", "MO 09:00-17:00 extra"],
    )  # fmt: skip
    def test_bad_text_is_quoted(self, text: str) -> None:
        """Bad text raises a ValidationError whose message quotes it."""
        with pytest.raises(ValidationError) as error:
            WeeklyWindow.parse(text)
        assert error.value.field == "text"
        assert repr(text) in str(error.value)

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            (((), time(9), time(10)), "days"),
            ((("XX",), time(9), time(10)), "days[0]"),
            ((("MO",), time(9, tzinfo=UTC), time(10)), "start"),
            ((("MO",), time(9), "10h"), "end"),
            ((("MO",), 9, time(10)), "start"),
        ],
    )
    def test_bad_fields(self, args: tuple[object, ...], field: str) -> None:
        """Each bad field raises a ValidationError naming it."""
        with pytest.raises(ValidationError) as error:
            WeeklyWindow(*args)  # type: ignore[arg-type]
        assert error.value.field == field


class TestAvailabilityInputs:
    def test_unknown_zone(self) -> None:
        """An unknown zone raises UnknownTimeZoneError with suggestions."""
        with pytest.raises(UnknownTimeZoneError, match="America/Toronto"):
            Availability("America/Toront")

    def test_window_text_errors_name_the_position(self) -> None:
        """A bad window string names ``weekly[i]``."""
        with pytest.raises(ValidationError) as error:
            Availability("UTC", weekly=["MO 09:00-10:00", "nonsense"])
        assert error.value.field == "weekly[1]"

    def test_bare_string_is_not_a_collection(self) -> None:
        """``weekly="MO 09:00-10:00"`` (not in a list) is refused rather than read per letter."""
        with pytest.raises(ValidationError, match="weekly"):
            Availability("UTC", weekly="MO 09:00-10:00")

    def test_two_date_rules_for_one_date(self) -> None:
        """A SkipDate and a ReplaceDate for one date would lose one: refused."""
        with pytest.raises(DuplicateIdError, match=r"exceptions\[1\]"):
            Availability(
                "UTC",
                exceptions=[SkipDate(date(2026, 3, 9)), ReplaceDate(date(2026, 3, 9), [])],
            )

    def test_unknown_policy_and_exception(self) -> None:
        """An unknown policy or exception type is refused, naming the field."""
        with pytest.raises(ValidationError, match="policy"):
            Availability("UTC", policy="lenient")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match=r"exceptions\[0\]"):
            Availability("UTC", exceptions=[date(2026, 3, 9)])
        with pytest.raises(ValidationError, match=r"recurring\[0\]"):
            Availability("UTC", recurring=["FREQ=DAILY"])

    def test_naive_and_aware_mix_ups(self) -> None:
        """Busy takes a UTC Interval; BusyLocal takes naive local readings."""
        with pytest.raises(ValidationError, match="start"):
            BusyLocal(datetime(2026, 3, 9, 9, tzinfo=UTC), datetime(2026, 3, 9, 10))
        with pytest.raises(ValidationError, match="end"):
            BusyLocal(datetime(2026, 3, 9, 10), datetime(2026, 3, 9, 9))
        with pytest.raises(ValidationError, match="interval"):
            Busy((datetime(2026, 3, 9, 9), datetime(2026, 3, 9, 10)))  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError, match="start"):
            Interval(datetime(2026, 3, 9, 9), datetime(2026, 3, 9, 10, tzinfo=UTC))

    def test_dates_must_be_dates(self) -> None:
        """A datetime where a local date is expected is refused."""
        with pytest.raises(ValidationError, match="date"):
            SkipDate(datetime(2026, 3, 9))
        with pytest.raises(ValidationError, match=r"windows\[0\]"):
            ReplaceDate(date(2026, 3, 9), ["9-10"])

    def test_within_must_be_an_interval(self) -> None:
        """``within`` in the wrong order cannot even be built; a tuple is refused."""
        with pytest.raises(ValidationError, match="end: must be after start"):
            Interval(WEEK.end, WEEK.start)
        with pytest.raises(ValidationError, match="within"):
            PEOPLE["mentor"].intervals((WEEK.start, WEEK.end))  # type: ignore[arg-type]


class TestRecurringInputs:
    @pytest.mark.parametrize(
        "rule",
        ["", "FREQ=SOMETIMES", "BYDAY=TH", "FREQ=WEEKLY;BYDAY=XX",
         "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "FREQ=DAILY\nFREQ=WEEKLY"],
    )  # fmt: skip
    def test_bad_rules_are_quoted(self, rule: str) -> None:
        """A rule dateutil cannot read, or one with a DTSTART, names ``rrule`` and quotes it."""
        with pytest.raises(ValidationError) as error:
            RecurringWindow(rule, time(9), time(10), starting=date(2026, 3, 1))
        assert error.value.field == "rrule"
        assert error.value.value == rule

    def test_rrule_prefix_is_accepted(self) -> None:
        """``RRULE:FREQ=...`` and ``FREQ=...`` mean the same."""
        a = RecurringWindow("RRULE:FREQ=DAILY", time(9), time(10), starting=date(2026, 3, 1))
        b = RecurringWindow("FREQ=DAILY", time(9), time(10), starting=date(2026, 3, 1))
        low, high = datetime(2026, 3, 1), datetime(2026, 3, 5)
        assert a.local_starts(low, high) == b.local_starts(low, high)

    def test_expansion_limit(self) -> None:
        """A rule that would produce too many occurrences raises ExpansionLimitError."""
        every_minute = RecurringWindow(
            "FREQ=MINUTELY", time(0), time(0, 1), starting=date(2026, 3, 9)
        )
        person = Availability("UTC", recurring=[every_minute])
        with pytest.raises(ExpansionLimitError) as error:
            person.intervals(WEEK)
        assert error.value.field == "rrule"
        assert "10,000" in str(error.value)
        # A small range or a higher cap is fine.
        day = Interval(WEEK.start, WEEK.start + timedelta(hours=2))
        assert person.intervals(day).total() == 2 * HOUR
        assert person.intervals(WEEK, max_occurrences=20_000).total() == 7 * 24 * HOUR

    def test_weekly_expansion_is_capped_too(self) -> None:
        """Weekly windows over a huge range also hit the cap, before any work."""
        person = Availability("UTC", weekly=["MO-SU 09:00-10:00"])
        decades = Interval(datetime(2000, 1, 1, tzinfo=UTC), datetime(2060, 1, 1, tzinfo=UTC))
        with pytest.raises(ExpansionLimitError, match="within"):
            person.intervals(decades)
        with pytest.raises(ValidationError, match="max_occurrences"):
            person.intervals(WEEK, max_occurrences=0)


class TestOverlapInputs:
    def test_negative_durations(self) -> None:
        """Negative min_duration, min_notice or buffers are refused, naming the field."""
        with pytest.raises(ValidationError, match="min_duration"):
            find_overlap(PEOPLE, WEEK, min_duration=-HOUR)
        with pytest.raises(ValidationError, match="min_notice"):
            find_overlap(PEOPLE, WEEK, min_notice=-HOUR)
        with pytest.raises(ValidationError, match="buffer_before"):
            Booking("b", WEEK, ["mentor"], buffer_before=-HOUR)
        with pytest.raises(ValidationError, match="duration"):
            find_slots(PEOPLE, WEEK, duration=-HOUR)

    def test_zero_step_and_duration(self) -> None:
        """A step or duration of zero is refused."""
        with pytest.raises(ValidationError, match="step"):
            find_slots(PEOPLE, WEEK, duration=HOUR, step=timedelta(0))
        with pytest.raises(ValidationError, match="duration"):
            find_slots(PEOPLE, WEEK, duration=timedelta(0))

    def test_naive_now(self) -> None:
        """A naive ``now`` raises NaiveDatetimeError naming ``now``."""
        with pytest.raises(NaiveDatetimeError, match="now"):
            find_overlap(PEOPLE, WEEK, now=datetime(2026, 3, 9, 12))

    def test_bookings_naming_outsiders(self) -> None:
        """A booking blocks only the people being scheduled; one naming nobody here is ignored."""
        mentor_busy = Booking("b1", WEEK, ["mentor", "other-mentee"])
        elsewhere = Booking("b2", WEEK, ["other-mentor", "other-mentee"])
        assert find_overlap(PEOPLE, WEEK, bookings=[mentor_busy]) == IntervalSet()
        assert find_overlap(PEOPLE, WEEK, bookings=[elsewhere]) == find_overlap(PEOPLE, WEEK)
        # Moving the outsiders' booking is allowed: it is in the list.
        assert find_overlap(
            PEOPLE, WEEK, bookings=[mentor_busy, elsewhere], ignore_booking="b1"
        ) == find_overlap(PEOPLE, WEEK)

    def test_unknown_or_duplicate_booking_ids(self) -> None:
        """ignore_booking must name a booking; booking ids must be unique."""
        booking = Booking("b1", WEEK, ["mentor"])
        with pytest.raises(UnknownIdError, match="ignore_booking"):
            find_overlap(PEOPLE, WEEK, bookings=[booking], ignore_booking="b2")
        with pytest.raises(DuplicateIdError, match="bookings"):
            find_overlap(PEOPLE, WEEK, bookings=[booking, booking])

    def test_booking_participants(self) -> None:
        """Participants must be a non-empty collection of distinct ids."""
        with pytest.raises(ValidationError, match="participants"):
            Booking("b", WEEK, "mentor")
        with pytest.raises(ValidationError, match="participants"):
            Booking("b", WEEK, [])
        with pytest.raises(DuplicateIdError, match="participants"):
            Booking("b", WEEK, ["mentor", "mentor"])
        with pytest.raises(ValidationError, match="id"):
            Booking(" b", WEEK, ["mentor"])

    def test_bad_availabilities_and_options(self) -> None:
        """Empty or wrongly typed mappings, unknown order, bad limit, bad align zone."""
        with pytest.raises(ValidationError, match="availabilities"):
            find_overlap({}, WEEK)
        with pytest.raises(ValidationError, match="availabilities"):
            find_overlap({"a": "UTC"}, WEEK)  # type: ignore[dict-item]
        with pytest.raises(ValidationError, match="order"):
            find_slots(PEOPLE, WEEK, duration=HOUR, order="random")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="limit"):
            find_slots(PEOPLE, WEEK, duration=HOUR, limit=-1)
        with pytest.raises(UnknownTimeZoneError, match="align_zone"):
            find_slots(PEOPLE, WEEK, duration=HOUR, align_zone="Asia/Katmandu ")
        with pytest.raises(ValidationError, match="a"):
            weekly_overlap("UTC", PEOPLE["mentor"], WEEK)  # type: ignore[arg-type]
        with pytest.raises(UnknownTimeZoneError):
            render_week(PEOPLE, date(2026, 3, 9), "Mars/Olympus")
        with pytest.raises(ValidationError, match="week_of"):
            render_week(PEOPLE, datetime(2026, 3, 9, tzinfo=UTC), "UTC")


class TestWeeklyOverlapRounding:
    def test_whole_seconds_halves_up(self) -> None:
        """One common minute in eight days is 52.5 s a week: reported as 53 s."""
        a = Availability("UTC", weekly=["MO 10:00-10:01"])
        b = Availability("Europe/London", weekly=["MO 10:00-10:30"])  # GMT until 29 March
        eight_days = Interval(datetime(2026, 3, 10, tzinfo=UTC), datetime(2026, 3, 18, tzinfo=UTC))
        assert weekly_overlap(a, b, eight_days) == timedelta(seconds=53)
        eleven_days = Interval(datetime(2026, 3, 10, tzinfo=UTC), datetime(2026, 3, 21, tzinfo=UTC))
        # 60 s x 7 / 11 = 38.18 s: down to 38.
        assert weekly_overlap(a, b, eleven_days) == timedelta(seconds=38)


class TestOptions:
    def test_ignore_booking_unblocks_itself(self) -> None:
        """The booking being moved does not block; the others, with buffers, do."""
        meeting = Interval(
            datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("America/Toronto")),
            datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("America/Toronto")),
        )
        booking = Booking("b1", meeting, ["mentor"], buffer_after=timedelta(minutes=15))
        blocked = find_overlap(PEOPLE, WEEK, bookings=[booking])
        free = find_overlap(PEOPLE, WEEK, bookings=[booking], ignore_booking="b1")
        assert free == find_overlap(PEOPLE, WEEK)
        assert free.total() - blocked.total() == HOUR + timedelta(minutes=15)

    def test_now_and_notice(self) -> None:
        """Nothing starts before ``now + min_notice``; pieces may be cut, not dropped."""
        now = datetime(2026, 3, 10, 13, 30, tzinfo=UTC)
        result = find_overlap(PEOPLE, WEEK, now=now, min_notice=timedelta(hours=2))
        assert result[0].start == datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
        late = find_overlap(PEOPLE, WEEK, now=WEEK.end)
        assert not late

    def test_min_duration_keeps_exact_length(self) -> None:
        """A piece exactly ``min_duration`` long stays; a longer requirement drops it."""
        people = {"a": Availability("UTC", weekly=["MO 09:00-10:00"])}
        assert len(find_overlap(people, WEEK, min_duration=HOUR)) == 1
        assert len(find_overlap(people, WEEK, min_duration=HOUR + timedelta(seconds=1))) == 0


class TestExtremes:
    def test_within_near_the_ends_of_time(self) -> None:
        """A range at the ends of the supported range is refused with a ValidationError."""
        person = Availability("Pacific/Kiritimati", weekly=["MO 09:00-10:00"])
        early = Interval(datetime(1900, 1, 2, tzinfo=UTC), datetime(1900, 2, 1, tzinfo=UTC))
        late = Interval(datetime(2199, 12, 1, tzinfo=UTC), datetime(2199, 12, 31, tzinfo=UTC))
        for within in (early, late):
            with pytest.raises(ValidationError, match="within"):
                person.intervals(within)
            with pytest.raises(ValidationError, match="within"):
                find_overlap({"p": person}, within)

    def test_local_busy_far_away(self) -> None:
        """A local busy range reaching the ends of time only subtracts what lies in range."""
        busy = BusyLocal(datetime(1, 1, 1), datetime(9999, 12, 31))
        person = Availability("Pacific/Kiritimati", weekly=["MO 09:00-10:00"], exceptions=[busy])
        assert not person.intervals(WEEK)
        partly = BusyLocal(datetime(1, 1, 1), datetime(2026, 3, 16, 9, 30))
        person = Availability("UTC", weekly=["MO 09:00-10:00"], exceptions=[partly])
        assert list(person.intervals(Interval(WEEK.start, WEEK.end + timedelta(days=1)))) == [
            Interval(
                datetime(2026, 3, 16, 9, 30, tzinfo=UTC), datetime(2026, 3, 16, 10, tzinfo=UTC)
            )
        ]
