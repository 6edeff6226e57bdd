"""What real calendar programs export, each quirk in a few lines written here.

The fixtures are our own minimal texts; each comment names the program whose
exports show the quirk. ``benchmarks/calendar_corpus.py`` runs real files.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.calendar import busy_from_ics, import_busy
from ementoring.errors import InvalidCalendarError
from ementoring.scheduling import Interval, IntervalSet
from tests.calendar.test_busy import cal, ev

YEARS = Interval(datetime(2000, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))


def starts(text: str, zone: str = "UTC") -> list[str]:
    """The start of each busy block, in UTC."""
    found = busy_from_ics(text, within=YEARS, zone=zone)
    return [f"{b.interval.start:%Y-%m-%d %H:%M}" for b in found]


LOTUS_RULE = "FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=-1SU;BYMONTH=10"


def lotus_zone(standard_rule: str = LOTUS_RULE) -> list[str]:
    """Lotus Notes 6 to 9 name the zone "Eastern" and give the time of each change."""
    return [
        "BEGIN:VTIMEZONE",
        "TZID:Eastern",
        "BEGIN:STANDARD",
        "DTSTART:19501029T020000",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        f"RRULE:{standard_rule}",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19500402T020000",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        "RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=1SU;BYMONTH=4",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]


class TestLotusNotesZones:
    def test_time_of_change_in_observance_rules_is_read(self) -> None:
        """BYHOUR, BYMINUTE and BYSECOND in a VTIMEZONE rule are valid (RFC 5545 3.6.5)."""
        zoned = 'TZID="Eastern"'
        text = cal(
            *lotus_zone(),
            *ev(f"DTSTART;{zoned}:20210320T090000", f"DTEND;{zoned}:20210320T100000"),
            *ev(f"DTSTART;{zoned}:20210415T090000", f"DTEND;{zoned}:20210415T100000", uid="u2"),
        )
        # The file's rules (DST from the first Sunday of April): 20 March is still EST.
        assert starts(text) == ["2021-03-20 14:00", "2021-04-15 13:00"]

    @pytest.mark.parametrize(
        ("rule", "reason"),
        [
            ("FREQ=YEARLY;BYSECOND=61;BYDAY=-1SU;BYMONTH=10", "BYSECOND values must be 0 to 59"),
            ("FREQ=YEARLY;BYSECOND=60;BYDAY=-1SU;BYMONTH=10", "BYSECOND values must be 0 to 59"),
            ("FREQ=YEARLY;BYHOUR=24;BYDAY=-1SU;BYMONTH=10", "BYHOUR values must be 0 to 23"),
            ("FREQ=YEARLY;BYMINUTE=x;BYDAY=-1SU;BYMONTH=10", "BYMINUTE values must be 0 to 59"),
            (
                "FREQ=YEARLY;BYHOUR=1,2,3,4,5;BYMINUTE=0,30;BYSECOND=0,1;BYDAY=-1SU;BYMONTH=10",
                "more than 12 times of day",
            ),
        ],
    )
    def test_times_of_change_stay_bounded(self, rule: str, reason: str) -> None:
        """Values out of range, or more than 12 times of day, are refused before parsing."""
        text = cal(*lotus_zone(rule))
        with pytest.raises(InvalidCalendarError, match=reason) as caught:
            busy_from_ics(text, within=YEARS, zone="UTC")
        assert caught.value.field == "STANDARD.RRULE"

    @pytest.mark.parametrize("part", ["INTERVAL=²", "BYHOUR=" + "1" * 5_000])
    def test_digits_int_cannot_read_damage_only_their_zone(self, part: str) -> None:
        """'²' (a digit to isdigit, not to int) or thousands of digits: an invalid zone rule."""
        rule = f"FREQ=YEARLY;{part};BYDAY=-1SU;BYMONTH=10"
        text = cal(*lotus_zone(rule), *ev("DTSTART:20210321T090000Z", "DTEND:20210321T100000Z"))
        found = import_busy(text, within=YEARS, zone="UTC")
        assert [f"{b.interval.start:%Y-%m-%d %H:%M}" for b in found.busy] == ["2021-03-21 09:00"]
        assert [(p.kind.value, p.component, p.property) for p in found.problems] == [
            ("invalid_rule", "STANDARD", "RRULE")
        ]


def uids_series(uid: str, start: str, end: str, rule: str) -> list[str]:
    return ev(f"DTSTART:{start}", f"DTEND:{end}", f"RRULE:{rule}", uid=uid)


# Thunderbird's test calendars hold several series under one UID (RFC 5545 3.8.4.7
# forbids it); these two are the issue's.
MONTHLY_FIRST = uids_series(
    "dup", "20090121T200000Z", "20090121T210000Z", "FREQ=MONTHLY;BYMONTHDAY=1"
)
MONTHLY_LAST = uids_series(
    "dup", "20090121T220000Z", "20090121T230000Z", "FREQ=MONTHLY;BYMONTHDAY=-1"
)
EARLY_2009 = Interval(datetime(2009, 1, 1, tzinfo=UTC), datetime(2009, 4, 1, tzinfo=UTC))


def early_2009(text: str) -> list[str]:
    found = busy_from_ics(text, within=EARLY_2009, zone="UTC")
    return [f"{b.interval.start:%m-%d %H:%M}" for b in found]


def override(recurrence_id: str, start: str, end: str, *lines: str) -> list[str]:
    return ev(
        f"RECURRENCE-ID:{recurrence_id}", f"DTSTART:{start}", f"DTEND:{end}", *lines, uid="dup"
    )


class TestDuplicateUids:
    def test_every_series_of_a_shared_uid_counts_in_either_order(self) -> None:
        """Two masters with one UID are two series; neither hides the other."""
        both = [
            "01-21 20:00", "01-21 22:00", "01-31 22:00", "02-01 20:00",
            "02-28 22:00", "03-01 20:00", "03-31 22:00",
        ]  # fmt: skip
        assert early_2009(cal(*MONTHLY_FIRST, *MONTHLY_LAST)) == both
        assert early_2009(cal(*MONTHLY_LAST, *MONTHLY_FIRST)) == both

    def test_an_override_of_a_shared_uid_cancels_nothing(self) -> None:
        """Which series an override of a shared UID replaces is unknown: it is an event alone."""
        cancelled = override(
            "20090201T200000Z", "20090201T200000Z", "20090201T210000Z", "STATUS:CANCELLED"
        )
        moved = override("20090131T220000Z", "20090130T080000Z", "20090130T090000Z")
        found = early_2009(cal(*MONTHLY_FIRST, *MONTHLY_LAST, *cancelled, *moved))
        assert "02-01 20:00" in found  # not cancelled
        assert "01-31 22:00" in found  # not moved away...
        assert "01-30 08:00" in found  # ...and busy where it was moved to

    def test_an_override_of_one_series_applies(self) -> None:
        """With one master per UID, overrides move and cancel as RFC 5545 says."""
        cancelled = override(
            "20090201T200000Z", "20090201T200000Z", "20090201T210000Z", "STATUS:CANCELLED"
        )
        assert early_2009(cal(*MONTHLY_FIRST, *cancelled)) == ["01-21 20:00", "03-01 20:00"]

    def test_two_overrides_of_one_occurrence_both_count(self) -> None:
        """Two overrides naming one occurrence (equal SEQUENCE) are kept apart, with it."""
        first = override("20090201T200000Z", "20090202T070000Z", "20090202T080000Z")
        second = override("20090201T200000Z", "20090203T070000Z", "20090203T080000Z")
        expected = ["01-21 20:00", "02-01 20:00", "02-02 07:00", "02-03 07:00", "03-01 20:00"]
        assert early_2009(cal(*MONTHLY_FIRST, *first, *second)) == expected
        assert early_2009(cal(*second, *MONTHLY_FIRST, *first)) == expected


# -- busy time does not depend on the order of the components ------------------------------

WEEKS = Interval(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC))
# Lines that make a component something other than a plain master.
NOT_A_MASTER = ("RECURRENCE-ID", "RDATE", "RRULE:FREQ=DAILY;FOO")


@st.composite
def components(draw: st.DrawFn) -> list[list[str]]:
    """Events of few UIDs (so some share one), overrides, UID-less events, free/busy, damage."""
    found: list[list[str]] = []
    day = datetime(2026, 3, 2, tzinfo=UTC)
    for _ in range(draw(st.integers(1, 7))):
        uid = draw(st.sampled_from(["a", "b", "c", None]))
        start = day + timedelta(days=draw(st.integers(0, 6)), hours=draw(st.integers(6, 20)))
        lines = [f"DTSTART:{start:%Y%m%dT%H%M%SZ}", f"DURATION:PT{draw(st.integers(1, 3))}H"]
        kind = draw(st.sampled_from(["master", "override", "damaged"]))
        if kind == "override":
            original = start - timedelta(days=draw(st.integers(0, 3)))
            lines.append(f"RECURRENCE-ID:{original:%Y%m%dT%H%M%SZ}")
            if draw(st.booleans()):
                lines.append("STATUS:CANCELLED")
        elif draw(st.booleans()):
            lines.append(f"RRULE:FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY']))};COUNT=4")
        if kind == "damaged":
            lines.append(draw(st.sampled_from(["RDATE:20131210Z", "RRULE:FREQ=DAILY;FOO=1"])))
        if draw(st.booleans()):
            lines.append(f"SEQUENCE:{draw(st.integers(0, 2))}")
        found.append(ev(*lines, uid=uid) if uid else ["BEGIN:VEVENT", *lines, "END:VEVENT"])
    if draw(st.booleans()):
        found.append(["BEGIN:VFREEBUSY", "FREEBUSY:20260305T100000Z/PT1H", "END:VFREEBUSY"])
    return found


def joined(parts: list[list[str]]) -> str:
    return cal(*(line for part in parts for line in part))


class TestOrderDoesNotMatter:
    @given(components(), st.randoms(use_true_random=False))
    def test_law_busy_time_and_problems_ignore_component_order(
        self, parts: list[list[str]], shuffle: random.Random
    ) -> None:
        """Reordering a calendar's components changes neither its busy times nor its problems."""
        reordered = list(parts)
        shuffle.shuffle(reordered)
        first = import_busy(joined(parts), within=WEEKS, zone="UTC")
        assert import_busy(joined(reordered), within=WEEKS, zone="UTC") == first

    @given(components())
    def test_law_every_series_of_a_shared_uid_counts_in_full(self, parts: list[list[str]]) -> None:
        """A master whose UID another master shares counts at least as much as alone."""
        whole = IntervalSet(
            b.interval for b in import_busy(joined(parts), within=WEEKS, zone="UTC").busy
        )
        masters = [p for p in parts if not any(line.startswith(NOT_A_MASTER) for line in p)]
        uids = [next((line for line in p if line.startswith("UID:")), None) for p in masters]
        for part, uid in zip(masters, uids, strict=True):
            if uid is not None and uids.count(uid) < 2:
                continue
            alone = import_busy(cal(*part), within=WEEKS, zone="UTC").busy
            assert IntervalSet(b.interval for b in alone) - whole == IntervalSet([])


class TestValuesOfTheWrongType:
    @pytest.mark.parametrize(
        "line",
        [
            "DTSTART;VALUE=DATE:20110804T120000",  # a date that holds a time
            "DTSTART;VALUE=DATE-TIME:20110804",  # a time that holds only a date
        ],
    )
    def test_a_value_unlike_its_declared_type_is_refused(self, line: str) -> None:
        """Read either way it could be off by a day: strict raises, lenient skips and says so."""
        text = cal(*ev(line, line.replace("DTSTART", "DTEND")))
        with pytest.raises(InvalidCalendarError, match="says VALUE=") as caught:
            busy_from_ics(text, within=YEARS, zone="UTC")
        assert caught.value.field == "VEVENT.DTSTART"
        found = import_busy(text, within=YEARS, zone="UTC")
        assert found.busy == ()
        assert [(p.kind.value, p.field, p.uid) for p in found.problems] == [
            ("wrong_value_type", "VEVENT.DTSTART", "u1")
        ]


def eastern(daylight_rule: str, standard_rule: str) -> list[str]:
    """Outlook's VTIMEZONE for "Eastern Standard Time", with the rules given."""
    return [
        "BEGIN:VTIMEZONE",
        "TZID:Eastern Standard Time",
        "BEGIN:STANDARD",
        "DTSTART:16010101T020000",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        f"RRULE:{standard_rule}",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010101T020000",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        f"RRULE:{daylight_rule}",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]


# The rules since 2007 (Outlook writes the zone's current rules) and those before.
SINCE_2007 = eastern("FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11")
BEFORE_2007 = eastern("FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10")
ON_20_MARCH_2006 = ev(
    'DTSTART;TZID="Eastern Standard Time":20060320T100000',
    'DTEND;TZID="Eastern Standard Time":20060320T110000',
)


class TestWindowsZonesDefinedInTheFile:
    def test_the_files_vtimezone_defines_a_windows_tzid(self) -> None:
        """RFC 5545 3.2.19: the calendar's VTIMEZONE is the definition, not the IANA zone."""
        # By America/New_York, 20 March 2006 was still EST (15:00Z); by the file it is EDT.
        assert starts(cal(*SINCE_2007, *ON_20_MARCH_2006)) == ["2006-03-20 14:00"]

    def test_each_calendar_gets_its_own_definition_in_one_process(self) -> None:
        """icalendar caches zones per TZID for the process; each calendar still gets its own."""
        for _ in range(2):
            assert starts(cal(*SINCE_2007, *ON_20_MARCH_2006)) == ["2006-03-20 14:00"]
            assert starts(cal(*BEFORE_2007, *ON_20_MARCH_2006)) == ["2006-03-20 15:00"]

    def test_without_a_vtimezone_the_windows_name_is_its_iana_zone(self) -> None:
        """Exchange sometimes leaves the VTIMEZONE out; the name still says the zone."""
        assert starts(cal(*ON_20_MARCH_2006)) == ["2006-03-20 15:00"]

    def test_two_different_definitions_of_one_tzid_are_ambiguous(self) -> None:
        """Which one the text means is unknown; the events using it are refused, in any order."""
        for text in (
            cal(*SINCE_2007, *BEFORE_2007, *ON_20_MARCH_2006),
            cal(*BEFORE_2007, *SINCE_2007, *ON_20_MARCH_2006),
        ):
            found = import_busy(text, within=YEARS, zone="UTC")
            assert [(p.kind.value, p.field) for p in found.problems] == [
                ("unusable_time_zone", "VEVENT.DTSTART")
            ]
        assert starts(cal(*SINCE_2007, *SINCE_2007, *ON_20_MARCH_2006)) == ["2006-03-20 14:00"]


class TestBadRulesNameTheRule:
    @pytest.mark.parametrize(
        "rule", ["FREQ=DAILY;FOO=1", "INTERVAL=2", "FREQ=FORTNIGHTLY", "FREQ=DAILY;BYDAY=XX"]
    )
    def test_the_error_shows_the_rule_not_the_calendar(self, rule: str) -> None:
        """The value of the error is the rule itself."""
        text = cal(*ev("DTSTART:20260310T090000Z", "DURATION:PT1H", f"RRULE:{rule}"))
        with pytest.raises(InvalidCalendarError) as caught:
            busy_from_ics(text, within=YEARS, zone="UTC")
        assert (caught.value.field, caught.value.value) == ("VEVENT.RRULE", rule)


class TestQuirksReadAsMeant:
    def test_a_broken_line_of_text_is_ignored(self) -> None:
        """Quoted-printable text continued without the leading space (ical.net's sample feeds)."""
        text = cal(
            *ev(
                "DTSTART:20260310T160000Z",
                "DTEND:20260310T170000Z",
                "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:<p>Normal=0D=0A",
                "rosoftInternetExplorer4</p>=0D=0A<br />",
            )
        )
        assert starts(text) == ["2026-03-10 16:00"]

    def test_a_broken_line_that_starts_like_a_date_still_counts(self) -> None:
        """A line that may have been DTEND cannot be ignored: the event's length is unknown."""
        text = cal(*ev("DTSTART:20260310T160000Z", "DTEND20260310T170000Z"))
        with pytest.raises(InvalidCalendarError) as caught:
            busy_from_ics(text, within=YEARS, zone="UTC")
        assert caught.value.field == "VEVENT"

    @pytest.mark.parametrize(
        ("start", "end"),
        [
            ("DTSTART:20150530T120000", "DTEND;TZID=Europe/Berlin:20150530T160000"),
            ("DTSTART;TZID=Europe/Berlin:20150530T120000", "DTEND:20150530T160000"),
        ],
    )
    def test_a_floating_end_or_start_beside_a_zoned_one(self, start: str, end: str) -> None:
        """ownCloud and Google write one of DTSTART and DTEND floating: both on the zoned clock."""
        found = busy_from_ics(cal(*ev(start, end)), within=YEARS, zone="Asia/Tokyo")
        assert [str(b.interval) for b in found] == [
            "Interval('2015-05-30T10:00:00+00:00' -> '2015-05-30T14:00:00+00:00')"
        ]
