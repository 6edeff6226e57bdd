"""Calendars: a year of a busy person's calendar read into busy times.

Ours (``busy_from_ics``) against recurring-ical-events alone on the same text:
parse with icalendar, expand with ``recurring_ical_events.of(...).between``, read
each occurrence's start and end. The ratio is the overhead above the parser and
expander: checking, the zones of custom TZIDs, the walk bounds, conversion to
UTC, merging and clipping.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from _harness import Case
from ementoring.calendar import busy_from_ics
from ementoring.scheduling import Interval, IntervalSet

YEAR = Interval(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
ZONES = ("America/Toronto", "Europe/Moscow", "Asia/Jerusalem", "Europe/Berlin")


def busy_calendar(singles: int, weekly: int) -> str:
    """Single events spread over the year and weekly series with EXDATEs and moved occurrences."""
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//bench//EN")
    calendar.add("VERSION", "2.0")
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    for index in range(singles):
        tz = ZoneInfo(ZONES[index % len(ZONES)])
        start = datetime(2026, 1, 1, 8, tzinfo=tz) + timedelta(hours=(index * 37) % 8_700)
        event = icalendar.Event()
        event.add("UID", f"single-{index}")
        event.add("DTSTAMP", stamp)
        event.add("DTSTART", start)
        event.add("DTEND", start + timedelta(minutes=30 + index % 4 * 30))
        calendar.add_component(event)
    for index in range(weekly):
        tz = ZoneInfo(ZONES[index % len(ZONES)])
        start = datetime(2026, 1, 5 + index % 5, 9 + index % 9, tzinfo=tz)
        series = icalendar.Event()
        series.add("UID", f"weekly-{index}")
        series.add("DTSTAMP", stamp)
        series.add("DTSTART", start)
        series.add("DTEND", start + timedelta(hours=1))
        series.add("RRULE", {"FREQ": "WEEKLY"})
        series.add("EXDATE", [start + timedelta(weeks=w) for w in (3, 17, 30)])
        calendar.add_component(series)
        moved = icalendar.Event()
        moved.add("UID", f"weekly-{index}")
        moved.add("DTSTAMP", stamp)
        moved.add("RECURRENCE-ID", start + timedelta(weeks=10))
        moved.add("DTSTART", start + timedelta(weeks=10, hours=2))
        moved.add("DTEND", start + timedelta(weeks=10, hours=3))
        calendar.add_component(moved)
    text: str = calendar.to_ical().decode()
    return text


def recurring_ical_events_alone(text: str) -> list[tuple[datetime, datetime]]:
    calendar = icalendar.Calendar.from_ical(text)
    return [
        (event["DTSTART"].dt, event["DTEND"].dt)
        for event in recurring_ical_events.of(calendar).between(YEAR.start, YEAR.end)
    ]


def check(ours: object, theirs: object) -> None:
    assert isinstance(ours, tuple)
    assert isinstance(theirs, list)
    expected = IntervalSet(
        Interval(start.astimezone(UTC), end.astimezone(UTC)) for start, end in theirs
    ).clip(YEAR)
    assert IntervalSet(b.interval for b in ours) == expected


def cases(quick: bool) -> list[Case]:
    singles, weekly = (200, 10) if quick else (2_000, 100)
    text = busy_calendar(singles, weekly)
    return [
        Case(
            workload=f"busy_from_ics, a year: {singles:,} events + {weekly} weekly series"
            f" ({len(text) // 1_000:,} kB)",
            ours=lambda: busy_from_ics(text, within=YEAR, zone="America/Toronto"),
            baseline=lambda: recurring_ical_events_alone(text),
            baseline_name="icalendar + recurring-ical-events",
            target="ratio near 1 (overhead above the parser small)",
            check=check,
        ),
    ]
