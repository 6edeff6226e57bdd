"""render_week, preferred windows, and recurring rules against weekly windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, reject
from hypothesis import strategies as st

from ementoring.errors import ExpansionLimitError, ValidationError
from ementoring.scheduling import (
    Availability,
    Interval,
    IntervalSet,
    RecurringWindow,
    WeeklyWindow,
    find_overlap,
    render_week,
)
from ementoring.testing import availabilities, weekly_windows
from ementoring.testing import weeks_near_transitions as local_weeks
from ementoring.timezones import to_instant
from tests.scheduling.strategies import examples


def chart_rows(chart: str) -> dict[str, list[str]]:
    """Label -> seven strings of 24 cells, read back from a chart."""
    rows = {}
    width = 7 * 24 + 6  # seven days of 24 hours, one space between days
    for line in chart.splitlines()[3:]:
        if line.startswith(("# ", "Note: ")):
            continue
        label, body = line[:-width], line[-width:]
        rows[label.strip()] = [body[d * 25 : d * 25 + 24] for d in range(7)]
    return rows


class TestRenderWeek:
    @examples(25)
    @given(
        st.data(),
        st.sampled_from(["UTC", "America/Toronto", "Asia/Kathmandu", "Australia/Lord_Howe"]),
    )
    def test_cells_agree_with_intervals(self, data: st.DataObject, zone: str) -> None:
        """Each cell is '#' when the local hour is all free, '.' when none, '+' otherwise."""
        within = data.draw(local_weeks())
        week_of = within.start.date()
        people = {
            "a": data.draw(availabilities(within=within)),
            "b": data.draw(availabilities(within=within)),
        }
        chart = render_week(people, week_of, zone)
        rows = chart_rows(chart)
        assert list(rows) == ["a", "b", "(overlap)"]
        monday = week_of - timedelta(days=week_of.weekday())
        first = to_instant(datetime.combine(monday, time(0)), zone, policy="wall_clock")
        last = to_instant(
            datetime.combine(monday + timedelta(days=7), time(0)), zone, policy="wall_clock"
        )
        week = Interval(first, last)
        sets = {
            "a": people["a"].intervals(week),
            "b": people["b"].intervals(week),
            "(overlap)": find_overlap(people, week),
        }
        for label, free in sets.items():
            for day in range(7):
                for hour in range(24):
                    reading = datetime.combine(monday + timedelta(days=day), time(0))
                    start = to_instant(reading + timedelta(hours=hour), zone, policy="wall_clock")
                    end = to_instant(reading + timedelta(hours=hour + 1), zone, policy="wall_clock")
                    cell = rows[label][day][hour]
                    if start == end:
                        assert cell == " "
                        continue
                    covered = free.clip(Interval(start, end)).total()
                    expected = "#" if covered == end - start else "+" if covered else "."
                    assert cell == expected

    def test_skipped_hour_is_blank_and_noted(self) -> None:
        """Spring-forward Sunday shows a blank 02:00 column and a note naming the change."""
        chart = render_week(
            {"p": Availability("America/Toronto", weekly=["SU 00:00-24:00"])},
            date(2026, 3, 8),
            "America/Toronto",
        )
        sunday = chart_rows(chart)["p"][6]
        assert sunday == "## " + "#" * 21
        assert chart.splitlines()[-1] == (
            "Note: on 2026-03-08 clocks go forward from 02:00 to 03:00 (UTC-05:00 to UTC-04:00)"
        )

    def test_rows_sorted_whatever_the_mapping_order(self) -> None:
        """The chart does not depend on the order of the mapping."""
        a = Availability("UTC", weekly=["MO 09:00-10:00"])
        b = Availability("Europe/Moscow", weekly=["MO 12:00-14:00"])
        day = date(2026, 6, 10)
        assert render_week({"b": b, "a": a}, day, "UTC") == render_week(
            {"a": a, "b": b}, day, "UTC"
        )


class TestPreferred:
    def test_preferred_never_adds_time(self) -> None:
        """A preferred window outside availability gives nothing; inside, its overlap."""
        person = Availability(
            "Asia/Kathmandu",
            weekly=["MO-FR 09:00-12:00"],
            preferred=["MO 11:00-13:00", "SA 10:00-11:00"],
        )
        week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        assert list(person.preferred_intervals(week)) == [
            Interval(
                datetime(2026, 3, 9, 5, 15, tzinfo=UTC), datetime(2026, 3, 9, 6, 15, tzinfo=UTC)
            )
        ]

    def test_no_preferences(self) -> None:
        """Without preferred windows the preferred set is empty."""
        person = Availability("UTC", weekly=["MO 09:00-10:00"])
        week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        assert person.preferred_intervals(week) == IntervalSet()


class TestRecurringMatchesWeekly:
    @examples(40)
    @given(
        weekly_windows(),
        local_weeks(),
        st.sampled_from(
            ["America/Toronto", "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Berlin"]
        ),
        st.sampled_from(["wall_clock", "rfc5545"]),
    )
    def test_weekly_rrule_equals_weekly_window(
        self, window: WeeklyWindow, within: Interval, zone: str, policy: str
    ) -> None:
        """``FREQ=WEEKLY;BYDAY=...`` from an earlier date expands exactly like the weekly window."""
        days = ",".join(d.value for d in window.days)
        start = within.start.astimezone(ZoneInfo(zone)).date() - timedelta(days=14)
        rule = RecurringWindow(
            f"FREQ=WEEKLY;BYDAY={days}", window.start, window.end, starting=start
        )
        weekly = Availability(zone, weekly=[window], policy=policy)  # type: ignore[arg-type]
        recurring = Availability(zone, recurring=[rule], policy=policy)  # type: ignore[arg-type]
        assert recurring.intervals(within) == weekly.intervals(within)


class TestRecurringSkipAhead:
    @examples(60)
    @given(
        st.sampled_from(["WEEKLY", "DAILY", "HOURLY", "MONTHLY"]),
        st.integers(1, 3),
        st.sets(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), max_size=3),
        st.sets(st.integers(0, 23), max_size=2),
        st.booleans(),
        st.integers(0, 900),
        st.integers(0, 95),
    )
    def test_same_occurrences_as_walking_from_the_start(
        self,
        freq: str,
        interval: int,
        byday: set[str],
        byhour: set[int],
        until: bool,
        days_before: int,
        quarter: int,
    ) -> None:
        """Starting the walk a whole number of periods later changes no occurrence."""
        low = datetime(2026, 3, 9) + timedelta(minutes=15 * quarter)
        high = low + timedelta(days=9)
        starting = low.date() - timedelta(days=days_before)
        text = f"FREQ={freq};INTERVAL={interval}"
        if byday:
            text += ";BYDAY=" + ",".join(sorted(byday))
        if byhour:
            text += ";BYHOUR=" + ",".join(str(h) for h in sorted(byhour))
        if until:
            text += ";UNTIL=20260314T120000"
        try:
            rule = RecurringWindow(text, time(7, 45), time(8, 15), starting=starting)
        except ValidationError as error:
            # dateutil refuses a rule that can never match (e.g. HOURLY;INTERVAL=2;BYHOUR=1).
            if "empty set" not in str(error):
                raise
            reject()
        walked = []
        for start in rrulestr(text, dtstart=datetime.combine(starting, time(7, 45))):
            if start >= high:
                break
            if start >= low:
                walked.append(start)
        assert rule.local_starts(low, high, limit=10**7) == walked

    def test_old_daily_rule_stays_under_the_cap(self) -> None:
        """A daily rule from 1990 expands a 2026 week without walking 36 years."""
        rule = RecurringWindow("FREQ=DAILY", "09:00", "10:00", starting=date(1990, 1, 1))
        person = Availability("Europe/Berlin", recurring=[rule])
        week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        assert person.intervals(week, max_occurrences=50).total() == timedelta(hours=7)
        counted = RecurringWindow(
            "FREQ=DAILY;COUNT=100000", "09:00", "10:00", starting=date(1990, 1, 1)
        )
        with pytest.raises(ExpansionLimitError):
            Availability("Europe/Berlin", recurring=[counted]).intervals(week)
