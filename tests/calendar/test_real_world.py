"""What real calendar programs export, each quirk in a few lines written here.

The fixtures are our own minimal texts; each comment names the program whose
exports show the quirk. ``benchmarks/calendar_corpus.py`` runs real files.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ementoring.calendar import busy_from_ics
from ementoring.errors import InvalidCalendarError
from ementoring.scheduling import Interval
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
            ("FREQ=YEARLY;BYSECOND=61;BYDAY=-1SU;BYMONTH=10", "BYSECOND values lie in 0..60"),
            ("FREQ=YEARLY;BYHOUR=24;BYDAY=-1SU;BYMONTH=10", "BYHOUR values lie in 0..23"),
            ("FREQ=YEARLY;BYMINUTE=x;BYDAY=-1SU;BYMONTH=10", "BYMINUTE values lie in 0..59"),
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
