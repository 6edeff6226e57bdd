"""import_busy: a lenient read skips damaged parts, lists them, and reads everything else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ementoring.calendar import (
    MAX_PROBLEMS,
    BusyImport,
    CalendarProblem,
    CalendarProblemKind,
    busy_from_ics,
    import_busy,
)
from ementoring.errors import ExpansionLimitError, InvalidCalendarError, InvalidTypeError
from tests.calendar.test_busy import MARCH, cal, calendars, damage, ev

CALL = ev("DTSTART:20260310T160000Z", "DTEND:20260310T170000Z", uid="call")
CALL_SPAN = ("03-10 16:00", "03-10 17:00")


def lenient(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The busy spans and (kind, field, uid) of each problem."""
    found = import_busy(text, within=MARCH, zone="UTC")
    spans = [
        (f"{b.interval.start:%m-%d %H:%M}", f"{b.interval.end:%m-%d %H:%M}") for b in found.busy
    ]
    return spans, [(p.kind.value, p.field, p.uid) for p in found.problems]


class TestSkippedParts:
    def test_a_bad_date_in_one_event(self) -> None:
        """Google: an RDATE of a birthday holds a stray Z (`RDATE:20131210Z`)."""
        birthday = ev(
            "DTSTART;VALUE=DATE:20131210", "RRULE:FREQ=YEARLY", "RDATE:20131210Z", uid="b"
        )
        text = cal(*CALL, *birthday)
        assert lenient(text) == ([CALL_SPAN], [("malformed", "VEVENT.RDATE", "b")])
        with pytest.raises(InvalidCalendarError) as caught:
            busy_from_ics(text, within=MARCH, zone="UTC")
        assert caught.value.field == "VEVENT.RDATE"

    def test_a_tzid_without_a_vtimezone(self) -> None:
        """Exchange: `TZID=Customized Time Zone` with no VTIMEZONE of that name."""
        zoned = 'TZID="Customized Time Zone"'
        meeting = ev(f"DTSTART;{zoned}:20260311T090000", f"DTEND;{zoned}:20260311T100000", uid="m")
        assert lenient(cal(*CALL, *meeting)) == (
            [CALL_SPAN],
            [("unknown_time_zone", "VEVENT.DTSTART", "m")],
        )

    def test_a_time_zone_the_guard_refuses_and_its_events(self) -> None:
        """A VTIMEZONE whose rule would walk without end is left out; so are its events."""
        zone = [
            "BEGIN:VTIMEZONE", "TZID:Office", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "RRULE:FREQ=SECONDLY", "END:STANDARD",
            "END:VTIMEZONE",
        ]  # fmt: skip
        meeting = ev("DTSTART;TZID=Office:20260311T090000", "DURATION:PT1H", uid="m")
        assert lenient(cal(*zone, *CALL, *meeting)) == (
            [CALL_SPAN],
            [
                ("invalid_rule", "STANDARD.RRULE", "Office"),
                ("unknown_time_zone", "VEVENT.DTSTART", "m"),
            ],
        )

    def test_components_the_parser_refuses_whole(self) -> None:
        """A bad period in a VFREEBUSY stops icalendar's parse; the rest is read one by one."""
        busy = ["BEGIN:VFREEBUSY", "UID:f", "FREEBUSY:20260309T160000Z/xx", "END:VFREEBUSY"]
        task = ["BEGIN:VTODO", "UID:t", "DUE:xx", "END:VTODO"]  # not read: not reported
        alarm = ["BEGIN:VALARM", "TRIGGER:xx", "ACTION:DISPLAY", "END:VALARM"]
        reminded = ev("DTSTART:20260312T160000Z", "DURATION:PT1H", *alarm, uid="r")
        text = cal("X-WR-CALNAME:Mine", *busy, *task, *CALL, *reminded)
        assert lenient(text) == (
            [CALL_SPAN, ("03-12 16:00", "03-12 17:00")],
            [("malformed", "VFREEBUSY.FREEBUSY", "f")],
        )
        with pytest.raises(InvalidCalendarError):
            busy_from_ics(text, within=MARCH, zone="UTC")

    def test_a_component_without_end(self) -> None:
        """A component cut off before its END is skipped; the calendar's other parts are read."""
        text = cal(*CALL, "BEGIN:VEVENT", "UID:cut", "DTSTART:20260312T160000Z")
        assert lenient(text) == ([CALL_SPAN], [("malformed", "VEVENT", "cut")])

    def test_an_unknown_x_wr_timezone_is_left_out(self) -> None:
        """The events are read as written (Google writes them in UTC)."""
        assert lenient(cal("X-WR-TIMEZONE:Mars/Olympus", *CALL)) == (
            [CALL_SPAN],
            [("unknown_time_zone", "VCALENDAR.X-WR-TIMEZONE", "")],
        )

    def test_inconsistent_and_missing_values(self) -> None:
        """DTEND before DTSTART, DTEND of another kind, no DTSTART, a bad rule."""
        text = cal(
            *CALL,
            *ev("DTSTART:20260311T090000Z", "DTEND:20260311T080000Z", uid="a"),
            *ev("DTSTART:20260311T090000Z", "DTEND;VALUE=DATE:20260312", uid="b"),
            *ev("DURATION:PT1H", uid="c"),
            *ev("DTSTART:20260311T090000Z", "RRULE:FREQ=DAILY;BYMONTH=13", uid="d"),
        )
        assert lenient(text) == (
            [CALL_SPAN],
            [
                ("inconsistent", "VEVENT.DTEND", "a"),
                ("inconsistent", "VEVENT.DTEND", "b"),
                ("missing_property", "VEVENT.DTSTART", "c"),
                ("invalid_rule", "VEVENT.RRULE", "d"),
            ],
        )

    @pytest.mark.parametrize(
        "line", ["RECURRENCE-ID:PT0H", "EXDATE:PT1H", "DTEND:PT1H", "EXDATE;TZID=Asia/Kolkata:2"]
    )
    def test_a_date_property_that_holds_a_duration(self, line: str) -> None:
        """icalendar reads `PT0H` as a duration and `2` as a time of day; neither is a date."""
        text = cal(*CALL, *ev("DTSTART:20260311T090000Z", "DURATION:PT1H", line, uid="d"))
        name = line.partition(":")[0].partition(";")[0]
        assert lenient(text) == ([CALL_SPAN], [("malformed", f"VEVENT.{name}", "d")])

    def test_a_calendar_of_another_scale(self) -> None:
        """CALSCALE other than GREGORIAN: that calendar is skipped, another in the text is read."""
        other = cal("CALSCALE:CHINESE", *ev("DTSTART:20260311T090000Z", "DURATION:PT1H"))
        assert lenient(other + cal(*CALL)) == (
            [CALL_SPAN],
            [("unreadable", "VCALENDAR.CALSCALE", "")],
        )


class TestModesAndLimits:
    def test_strict_raises_what_busy_from_ics_raises(self) -> None:
        """import_busy(strict=True) is busy_from_ics with a result object."""
        text = cal(*CALL, *ev("DTSTART:20260311T090000Z", "RRULE:FREQ=DAILY;FOO=1", uid="x"))
        with pytest.raises(InvalidCalendarError) as strict:
            import_busy(text, within=MARCH, zone="UTC", strict=True)
        with pytest.raises(InvalidCalendarError) as plain:
            busy_from_ics(text, within=MARCH, zone="UTC")
        assert str(strict.value) == str(plain.value)
        good = cal(*CALL)
        assert import_busy(good, within=MARCH, zone="UTC", strict=True) == BusyImport(
            busy=busy_from_ics(good, within=MARCH, zone="UTC")
        )
        with pytest.raises(InvalidTypeError):
            import_busy(good, within=MARCH, zone="UTC", strict="yes")  # type: ignore[arg-type]

    def test_a_clean_read_is_complete(self) -> None:
        """No problems: complete, and the busy times busy_from_ics gives."""
        found = import_busy(cal(*CALL), within=MARCH, zone="UTC")
        assert found.complete
        assert found.busy == busy_from_ics(cal(*CALL), within=MARCH, zone="UTC")

    def test_problems_are_capped_and_counted(self) -> None:
        """A thousand bad events: MAX_PROBLEMS listed (the first in a fixed order), all counted."""
        bad = [
            line
            for n in range(1_000)
            for line in ev("DTSTART:20260311T090000Z", "RDATE:xx", uid=f"u{n:04}")
        ]
        found = import_busy(cal(*CALL, *bad), within=MARCH, zone="UTC")
        assert len(found.problems) == MAX_PROBLEMS
        assert found.unlisted == 1_000 - MAX_PROBLEMS
        assert [p.uid for p in found.problems] == [f"u{n:04}" for n in range(MAX_PROBLEMS)]
        assert not found.complete
        assert [f"{b.interval.start:%d %H}" for b in found.busy] == ["10 16"]

    def test_limits_raise_in_both_modes(self) -> None:
        """Too many occurrences is not a damaged part: it raises, lenient or not."""
        daily = cal(*ev("DTSTART:20260301T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY"))
        with pytest.raises(ExpansionLimitError):
            import_busy(daily, within=MARCH, zone="UTC", max_occurrences=20)
        with pytest.raises(InvalidCalendarError, match="no complete VCALENDAR"):
            import_busy("garbage", within=MARCH, zone="UTC")


class TestProblemValues:
    def test_values_are_excerpts_and_errors_match(self) -> None:
        """A problem's value is at most 200 characters; its error is what strict raises."""
        long = "RRULE:FREQ=DAILY;FOO=" + "1" * 500
        found = import_busy(cal(*ev("DTSTART:20260311T090000Z", long)), within=MARCH, zone="UTC")
        (problem,) = found.problems
        assert len(problem.value) == 200
        assert problem.error().field == problem.field == "VEVENT.RRULE"

    def test_hand_built_problems_are_checked(self) -> None:
        """Wrong types are refused naming the field."""
        with pytest.raises(InvalidTypeError, match="kind"):
            CalendarProblem(kind="malformed", component="VEVENT", property="", value="", message="")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="value"):
            CalendarProblem(
                kind=CalendarProblemKind.MALFORMED,
                component="VEVENT",
                property="",
                value=5,  # type: ignore[arg-type]
                message="",
            )
        with pytest.raises(InvalidTypeError, match="unlisted"):
            BusyImport(busy=(), unlisted=-1.5)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="problems"):
            BusyImport(busy=(), problems=("x",))  # type: ignore[arg-type]


# What a lenient read still raises: the text is not a calendar (no part of it can be skipped).
WHOLE_TEXT_REFUSALS = ("expected BEGIN:VCALENDAR at the top", "no complete VCALENDAR found")


class TestDamagedText:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(calendars(), st.data())
    def test_fuzz_lenient_reads_damaged_text_or_refuses_a_non_calendar(
        self, text: str, data: st.DataObject
    ) -> None:
        """Damaged calendars read with problems; only text that is no calendar raises."""
        broken = damage(text, data)
        refusal = None
        try:
            found = import_busy(broken, within=MARCH, zone="America/Toronto")
        except InvalidCalendarError as error:
            refusal = error.reason
        if refusal is not None:
            assert refusal in WHOLE_TEXT_REFUSALS
            return
        assert len(found.problems) <= MAX_PROBLEMS
        try:
            strict = busy_from_ics(broken, within=MARCH, zone="America/Toronto")
        except InvalidCalendarError:
            return
        assert found.busy == strict  # nothing to skip: the same reading
        assert found.complete
