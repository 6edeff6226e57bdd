"""Busy times in from iCalendar text, against recurring-ical-events run directly."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ementoring.calendar import MAX_CALENDAR_SIZE, busy_from_ics
from ementoring.errors import ExpansionLimitError, InvalidCalendarError, ValidationError
from ementoring.scheduling import Availability, Interval, IntervalSet, find_slots
from ementoring.testing import zones

MARCH = Interval(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
H = timedelta(hours=1)


def cal(*lines: str) -> str:
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", *lines, "END:VCALENDAR", ""]
    )


def ev(*lines: str, uid: str = "u1") -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", *lines, "END:VEVENT"]


def spans(
    text: str | bytes, zone: str = "America/Toronto", **options: object
) -> list[tuple[str, str]]:
    found = busy_from_ics(text, within=options.pop("within", MARCH), zone=zone, **options)  # type: ignore[arg-type]
    return [(f"{b.interval.start:%m-%d %H:%M}", f"{b.interval.end:%m-%d %H:%M}") for b in found]


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


OUTLOOK_ZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Eastern Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
]


def custom_zone(offset: str) -> list[str]:
    return [
        "BEGIN:VTIMEZONE",
        "TZID:Office clock",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


class TestEvents:
    def test_dtend_and_duration(self) -> None:
        """An event ends at DTEND or after DURATION."""
        text = cal(
            *ev("DTSTART:20260310T160000Z", "DTEND:20260310T170000Z"),
            *ev("DTSTART:20260311T160000Z", "DURATION:PT90M", uid="u2"),
        )
        assert spans(text) == [("03-10 16:00", "03-10 17:00"), ("03-11 16:00", "03-11 17:30")]

    def test_all_day_events_are_whole_local_days_or_ignored(self) -> None:
        """DATE values cover whole days on the owner's clock; all_day='ignore' skips them."""
        text = cal(*ev("DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260312"))
        assert spans(text) == [("03-10 04:00", "03-12 04:00")]
        assert spans(text, zone="Europe/Moscow") == [("03-09 21:00", "03-11 21:00")]
        assert spans(text, all_day="ignore") == []

    def test_floating_times_are_read_on_the_owners_clock(self) -> None:
        """A time without zone is the owner's wall clock; a gap reading follows RFC 5545."""
        text = cal(*ev("DTSTART:20260315T090000", "DURATION:PT30M"))
        assert spans(text) == [("03-15 13:00", "03-15 13:30")]
        assert spans(text, zone="Asia/Tokyo") == [("03-15 00:00", "03-15 00:30")]
        gap = cal(*ev("DTSTART:20260308T023000", "DTEND:20260308T040000"))
        # 02:30 does not exist that night; RFC 5545 reads it with the offset before (07:30Z).
        assert spans(gap) == [("03-08 07:30", "03-08 08:00")]

    def test_recurrence_with_exdate_and_overrides(self) -> None:
        """RRULE, EXDATE, a moved occurrence and a cancelled one, all from recurring-ical-events."""
        zoned = "TZID=America/Toronto"
        text = cal(
            *ev(
                f"DTSTART;{zoned}:20260302T090000",
                f"DTEND;{zoned}:20260302T100000",
                "RRULE:FREQ=DAILY;COUNT=5",
                f"EXDATE;{zoned}:20260303T090000",
                f"RDATE;{zoned}:20260320T090000",
            ),
            *ev(
                f"RECURRENCE-ID;{zoned}:20260304T090000",
                f"DTSTART;{zoned}:20260304T150000",
                f"DTEND;{zoned}:20260304T160000",
            ),
            *ev(
                f"RECURRENCE-ID;{zoned}:20260305T090000",
                f"DTSTART;{zoned}:20260305T090000",
                f"DTEND;{zoned}:20260305T100000",
                "STATUS:CANCELLED",
            ),
        )
        assert spans(text) == [
            ("03-02 14:00", "03-02 15:00"),
            ("03-04 20:00", "03-04 21:00"),
            ("03-06 14:00", "03-06 15:00"),
            ("03-20 13:00", "03-20 14:00"),
        ]

    def test_transparent_and_cancelled_are_not_busy(self) -> None:
        """TRANSP:TRANSPARENT (free) and STATUS:CANCELLED events block nothing."""
        text = cal(
            *ev("DTSTART:20260310T160000Z", "DTEND:20260310T170000Z", "TRANSP:TRANSPARENT"),
            *ev("DTSTART:20260311T160000Z", "DTEND:20260311T170000Z", "STATUS:CANCELLED", uid="u2"),
        )
        assert spans(text) == []

    def test_merged_sorted_and_clipped(self) -> None:
        """Overlapping and touching events merge; the result is clipped to within."""
        text = cal(
            *ev("DTSTART:20260310T160000Z", "DTEND:20260310T170000Z"),
            *ev("DTSTART:20260310T163000Z", "DTEND:20260310T180000Z", uid="u2"),
            *ev("DTSTART:20260310T180000Z", "DTEND:20260310T183000Z", uid="u3"),
            *ev("DTSTART:20260228T230000Z", "DTEND:20260301T010000Z", uid="u4"),
        )
        assert spans(text) == [("03-01 00:00", "03-01 01:00"), ("03-10 16:00", "03-10 18:30")]


class TestZones:
    def test_windows_zone_names(self) -> None:
        """Outlook's 'Eastern Standard Time' is America/Toronto's clock (DST from 8 March)."""
        zoned = 'TZID="Eastern Standard Time"'
        text = cal(
            *OUTLOOK_ZONE,
            *ev(
                f"DTSTART;{zoned}:20260306T090000",
                f"DTEND;{zoned}:20260306T100000",
                "RRULE:FREQ=WEEKLY;COUNT=2",
            ),
        )
        assert spans(text, zone="UTC") == [
            ("03-06 14:00", "03-06 15:00"),
            ("03-13 13:00", "03-13 14:00"),
        ]

    def test_custom_vtimezone_of_each_calendar_is_used(self) -> None:
        """Two calendars with one custom TZID and different rules each get their own zone."""
        zoned = "TZID=Office clock"
        event = ev(f"DTSTART;{zoned}:20260310T090000", f"DTEND;{zoned}:20260310T100000")
        assert spans(cal(*custom_zone("+0300"), *event), zone="UTC") == [
            ("03-10 06:00", "03-10 07:00")
        ]
        assert spans(cal(*custom_zone("+0500"), *event), zone="UTC") == [
            ("03-10 04:00", "03-10 05:00")
        ]

    def test_google_x_wr_timezone(self) -> None:
        """Google's UTC events with X-WR-TIMEZONE recur on the named clock across DST."""
        event = ev(
            "DTSTART:20260302T140000Z", "DTEND:20260302T150000Z", "RRULE:FREQ=WEEKLY;COUNT=2"
        )
        assert spans(cal("X-WR-TIMEZONE:America/Toronto", *event)) == [
            ("03-02 14:00", "03-02 15:00"),
            ("03-09 13:00", "03-09 14:00"),
        ]
        assert spans(cal(*event)) == [
            ("03-02 14:00", "03-02 15:00"),
            ("03-09 14:00", "03-09 15:00"),
        ]

    def test_globally_unique_tzid(self) -> None:
        """'/vendor/Europe/Berlin' (RFC 5545 3.2.19) is Europe/Berlin."""
        zoned = "TZID=/example.org/Europe/Berlin"
        text = cal(*ev(f"DTSTART;{zoned}:20260310T090000", f"DTEND;{zoned}:20260310T100000"))
        assert spans(text) == [("03-10 08:00", "03-10 09:00")]


class TestFreeBusyPeriods:
    def test_busy_types_count_and_free_does_not(self) -> None:
        """FBTYPE BUSY (the default), BUSY-TENTATIVE and BUSY-UNAVAILABLE are busy; FREE is not."""
        text = cal(
            "BEGIN:VFREEBUSY",
            "UID:f",
            "DTSTAMP:20260101T000000Z",
            "FREEBUSY:20260309T160000Z/20260309T170000Z",
            "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260310T160000Z/20260310T170000Z,"
            "20260311T160000Z/PT2H",
            "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20260312T160000Z/20260312T170000Z",
            "FREEBUSY;FBTYPE=FREE:20260313T160000Z/20260313T170000Z",
            "END:VFREEBUSY",
        )
        assert spans(text) == [
            ("03-09 16:00", "03-09 17:00"),
            ("03-10 16:00", "03-10 17:00"),
            ("03-11 16:00", "03-11 18:00"),
            ("03-12 16:00", "03-12 17:00"),
        ]


class TestErrorsAndLimits:
    @pytest.mark.parametrize(
        ("text", "field"),
        [
            ("garbage", "VCALENDAR"),
            ("", "VCALENDAR"),
            ("BEGIN:VEVENT\r\nEND:VEVENT\r\n", "VEVENT"),
            (cal(*ev("DTSTART:2026-03-10", "DTEND:20260310T100000Z")), "VEVENT.DTSTART"),
            (cal(*ev("DTSTART;TZID=Nowhere:20260310T090000", "DURATION:PT1H")), "VEVENT.DTSTART"),
            (cal(*ev("DTSTART:20260310T090000Z", "DTEND:20260310T080000Z")), "VEVENT.DTEND"),
            (cal(*ev("DTSTART:20260310T090000Z", "RRULE:FREQ=SOMETIMES")), "VEVENT.RRULE"),
            (cal(*ev("DTSTART:20260310T090000Z", "RRULE:FREQ=DAILY;INTERVAL=0")), "VEVENT.RRULE"),
            (cal(*ev("DTSTART:20260310T090000Z", "RRULE:FREQ=DAILY;BYMONTH=13")), "VEVENT.RRULE"),
            (cal(*ev("DURATION:PT1H")), "VEVENT.DTSTART"),
            (cal("X-WR-TIMEZONE:Mars/Olympus"), "VCALENDAR.X-WR-TIMEZONE"),
            (cal("BEGIN:VFREEBUSY", "FREEBUSY:xx", "END:VFREEBUSY"), "VFREEBUSY.FREEBUSY"),
            (
                cal(
                    "BEGIN:VTIMEZONE",
                    "TZID:x",
                    "BEGIN:STANDARD",
                    "TZOFFSETFROM:+99x",
                    "END:STANDARD",
                    "END:VTIMEZONE",
                ),
                "STANDARD.TZOFFSETFROM",
            ),
            (b"BEGIN:VCALENDAR\r\n\xff\xfe\r\nEND:VCALENDAR\r\n", "VCALENDAR"),
        ],
    )
    def test_malformed_text_names_component_and_property(
        self, text: str | bytes, field: str
    ) -> None:
        """Malformed text is an InvalidCalendarError naming where, never a parser's exception."""
        with pytest.raises(InvalidCalendarError) as caught:
            busy_from_ics(text, within=MARCH, zone="UTC")
        assert caught.value.field == field

    @pytest.mark.parametrize(
        "rule",
        [
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
            "FREQ=MONTHLY;INTERVAL=12;BYMONTH=2",
            "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=31",
        ],
    )
    def test_rules_that_never_recur_leave_dtstart_quickly(self, rule: str) -> None:
        """dateutil would walk these to the year 9999; they yield DTSTART only (a Tuesday)."""
        text = cal(*ev("DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", f"RRULE:{rule}"))
        assert spans(text) == [("03-10 09:00", "03-10 10:00")]

    @pytest.mark.parametrize(
        ("rule", "reason"),
        [
            ("FREQ=SECONDLY", "FREQ=YEARLY"),
            ("FREQ=HOURLY", "FREQ=YEARLY"),
            ("FREQ=YEARLY;BYSETPOS=1;BYMONTH=3", "may use only"),
            ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "no day matches"),
            ("FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12,1", "more than 12 values"),
        ],
    )
    def test_time_zone_rules_that_would_walk_without_end(self, rule: str, reason: str) -> None:
        """A VTIMEZONE observance is walked on every lookup: only yearly, small, real rules."""
        zone = [line.replace("FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", rule) for line in OUTLOOK_ZONE]
        zone = [line.replace("Eastern Standard Time", "Office") for line in zone]
        text = cal(*zone, *ev("DTSTART;TZID=Office:20260310T090000", "DURATION:PT1H"))
        with pytest.raises(InvalidCalendarError, match=reason) as caught:
            busy_from_ics(text, within=MARCH, zone="UTC")
        assert caught.value.field == "STANDARD.RRULE"

    def test_counts_of_zones_and_day_patterns_are_capped(self) -> None:
        """At most 100 VTIMEZONEs and 500 different day patterns: each costs a bounded walk."""
        zones = custom_zone("+0100") * 101
        with pytest.raises(InvalidCalendarError, match="more than 100 time zones"):
            busy_from_ics(cal(*zones), within=MARCH, zone="UTC")
        events = [
            line
            for day in range(1, 502)
            for line in ev("DTSTART:20260310T090000Z", "DURATION:PT1H",
                           f"RRULE:FREQ=DAILY;COUNT=2;BYYEARDAY={day if day <= 366 else 366 - day}",
                           uid=f"u{day}")
        ]  # fmt: skip
        with pytest.raises(InvalidCalendarError, match="more than 500 different day patterns"):
            busy_from_ics(cal(*events), within=MARCH, zone="UTC")

    def test_occurrence_and_walk_limits(self) -> None:
        """Past max_occurrences, or a rule that would walk far more, is ExpansionLimitError."""
        daily = cal(*ev("DTSTART:20260301T090000Z", "DTEND:20260301T100000Z", "RRULE:FREQ=DAILY"))
        assert len(spans(daily, max_occurrences=40)) == 31
        with pytest.raises(ExpansionLimitError):
            busy_from_ics(daily, within=MARCH, zone="UTC", max_occurrences=20)
        secondly = cal(*ev("DTSTART:20260301T090000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY"))
        with pytest.raises(ExpansionLimitError) as caught:
            busy_from_ics(secondly, within=MARCH, zone="UTC")
        assert caught.value.field == "VEVENT.RRULE"

    def test_size_and_arguments(self) -> None:
        """Text over MAX_CALENDAR_SIZE and bad arguments are ValidationErrors naming the field."""
        with pytest.raises(ValidationError) as caught:
            busy_from_ics("x" * (MAX_CALENDAR_SIZE + 1), within=MARCH, zone="UTC")
        assert caught.value.field == "text"
        cases: list[tuple[dict[str, object], str]] = [
            ({"within": "March"}, "within"),
            ({"zone": "Mars"}, "zone"),
            ({"all_day": "maybe"}, "all_day"),
            ({"max_occurrences": 0}, "max_occurrences"),
        ]
        for bad, field in cases:
            arguments: dict[str, object] = {"within": MARCH, "zone": "UTC", **bad}
            with pytest.raises(ValidationError) as caught:
                busy_from_ics(cal(), **arguments)  # type: ignore[arg-type]
            assert caught.value.field == field
        with pytest.raises(ValidationError):
            busy_from_ics(5, within=MARCH, zone="UTC")  # type: ignore[arg-type]

    def test_bytes_bom_and_several_calendars(self) -> None:
        """UTF-8 bytes with a byte-order mark, and two VCALENDARs in one text, are read."""
        one = cal(*ev("DTSTART:20260310T160000Z", "DTEND:20260310T170000Z"))
        two = cal(*ev("DTSTART:20260311T160000Z", "DTEND:20260311T170000Z", uid="u2"))
        assert len(spans(b"\xef\xbb\xbf" + (one + two).encode())) == 2


class TestWithScheduling:
    def test_an_import_removes_slots(self) -> None:
        """The result plugs into Availability(exceptions=...) and find_slots finds fewer slots."""
        mentor = Availability("America/Toronto", weekly=["TU,TH 18:00-20:00"])
        mentee = Availability("Europe/Moscow", weekly=["MO-FR 00:00-24:00"])
        export = cal(
            *ev(
                "DTSTART;TZID=America/Toronto:20260310T180000",
                "DURATION:PT1H",
                "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4",
            )
        )
        busy = busy_from_ics(export, within=MARCH, zone="America/Toronto")
        before = find_slots({"olga": mentor, "ivan": mentee}, within=MARCH, duration=H)
        mentor_busy = Availability("America/Toronto", weekly=["TU,TH 18:00-20:00"], exceptions=busy)
        after = find_slots({"olga": mentor_busy, "ivan": mentee}, within=MARCH, duration=H)
        assert len(after) < len(before)
        assert all(not any(s.interval.overlaps(b.interval) for b in busy) for s in after)


# -- generated calendars, against recurring-ical-events run directly ---------------------------


@st.composite
def calendars(draw: st.DrawFn) -> str:
    """Random zoned events, some recurring with EXDATEs and moved or cancelled occurrences."""
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//t//EN")
    calendar.add("VERSION", "2.0")
    for index in range(draw(st.integers(0, 6))):
        tz = ZoneInfo(draw(zones()))
        start = draw(st.datetimes(datetime(2026, 2, 20), datetime(2026, 4, 5))).replace(
            second=0, microsecond=0, tzinfo=tz
        )
        length = timedelta(minutes=draw(st.integers(15, 600)))
        event = icalendar.Event()
        uid = f"e{index}"
        event.add("UID", uid)
        event.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=UTC))
        event.add("DTSTART", start)
        event.add("DTEND", start + length)
        if draw(st.booleans()):
            event.add("TRANSP", draw(st.sampled_from(["OPAQUE", "TRANSPARENT"])))
        if draw(st.booleans()):
            event.add("STATUS", draw(st.sampled_from(["CONFIRMED", "TENTATIVE", "CANCELLED"])))
        calendar.add_component(event)
        if not draw(st.booleans()):
            continue
        frequency = draw(st.sampled_from(["DAILY", "WEEKLY"]))
        count = draw(st.integers(2, 12))
        event.add("RRULE", {"FREQ": frequency, "COUNT": count})
        step = timedelta(days=1 if frequency == "DAILY" else 7)
        if draw(st.booleans()):
            event.add("EXDATE", start + step * draw(st.integers(1, count - 1)))
        if draw(st.booleans()):
            original = start + step * draw(st.integers(1, count - 1))
            moved = icalendar.Event()
            moved.add("UID", uid)
            moved.add("DTSTAMP", datetime(2026, 1, 1, tzinfo=UTC))
            moved.add("RECURRENCE-ID", original)
            moved_start = original + timedelta(minutes=draw(st.integers(-600, 600)))
            moved.add("DTSTART", moved_start)
            moved.add("DTEND", moved_start + length)
            if draw(st.booleans()):
                moved.add("STATUS", "CANCELLED")
            calendar.add_component(moved)
    if draw(st.booleans()):
        # Their own VTIMEZONEs too (read, and damaged by the fuzz below).
        calendar.add_missing_timezones(first_date=date(2026, 1, 1), last_date=date(2027, 1, 1))
    text: str = calendar.to_ical().decode()
    return text


def direct(text: str, within: Interval) -> IntervalSet:
    """What recurring-ical-events alone says, skipping free and cancelled events."""
    calendar: Any = icalendar.Calendar.from_ical(text)
    margin = timedelta(days=2)
    found = []
    for event in recurring_ical_events.of(calendar).between(
        within.start - margin, within.end + margin
    ):
        if (
            str(event.get("TRANSP", "")) == "TRANSPARENT"
            or str(event.get("STATUS", "")) == "CANCELLED"
        ):
            continue
        start, end = event["DTSTART"].dt.astimezone(UTC), event["DTEND"].dt.astimezone(UTC)
        if start < end:
            found.append(Interval(start, end))
    return IntervalSet(found).clip(within)


def damage(text: str, data: st.DataObject) -> str:
    """The text with a few lines dropped, added, cut, swapped or replaced by odd properties."""
    lines = text.split("\r\n")
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(lines)))
        action = data.draw(st.sampled_from(["drop", "junk", "cut", "property", "swap"]))
        if action == "drop" and where < len(lines):
            del lines[where]
        elif action == "junk":
            lines.insert(where, data.draw(st.text(max_size=30)))
        elif action == "cut" and where < len(lines):
            line = lines[where]
            lines[where] = line[: data.draw(st.integers(0, len(line)))]
        elif action == "property":
            name = data.draw(
                st.sampled_from(
                    [
                        "DTSTART",
                        "DTEND",
                        "DURATION",
                        "RRULE",
                        "EXDATE",
                        "RDATE",
                        "RECURRENCE-ID",
                        "BEGIN",
                        "END",
                        "FREEBUSY",
                        "TZID",
                        "DTSTART;TZID=Nowhere",
                        "DTSTART;VALUE=DATE",
                        "X-WR-TIMEZONE",
                        "TRANSP",
                        "STATUS",
                    ]
                )
            )
            value = data.draw(
                st.one_of(
                    st.text(max_size=20),
                    st.sampled_from(
                        [
                            "VEVENT",
                            "VCALENDAR",
                            "VTIMEZONE",
                            "20260310T090000Z",
                            "20260310",
                            "FREQ=DAILY;COUNT=3",
                            "PT1H",
                            "-PT1H",
                            "FREQ=WEEKLY;UNTIL=20260301",
                            "19000101T000000",
                        ]
                    ),
                )
            )
            lines.insert(where, f"{name}:{value}")
        elif action == "swap" and len(lines) > 1:
            other = data.draw(st.integers(0, len(lines) - 1))
            if where < len(lines):
                lines[where], lines[other] = lines[other], lines[where]
    return "\r\n".join(lines)


class TestAgainstRecurringIcalEvents:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(calendars(), st.integers(0, 40), st.integers(1, 40))
    def test_law_equals_a_direct_expansion(self, text: str, skip: int, days: int) -> None:
        """busy_from_ics equals recurring-ical-events' own expansion, merged and clipped."""
        start = datetime(2026, 2, 20, tzinfo=UTC) + timedelta(days=skip)
        within = Interval(start, start + timedelta(days=days))
        got = busy_from_ics(text, within=within, zone="UTC")
        assert IntervalSet(b.interval for b in got) == direct(text, within)
        assert list(got) == sorted(got, key=lambda b: b.interval.start)

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(calendars(), st.data())
    def test_fuzz_malformed_text_raises_only_invalid_calendar_error(
        self, text: str, data: st.DataObject
    ) -> None:
        """Damaged calendars either read or raise InvalidCalendarError; nothing else escapes."""
        with contextlib.suppress(InvalidCalendarError):
            busy_from_ics(damage(text, data), within=MARCH, zone="America/Toronto")
