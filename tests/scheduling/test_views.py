"""render_week, preferred windows, and recurring rules against weekly windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from ementoring.scheduling import (
    Availability,
    Interval,
    IntervalSet,
    RecurringWindow,
    WeeklyWindow,
    find_overlap,
    render_week,
)
from ementoring.timezones import to_instant
from tests.scheduling.strategies import availabilities, examples, local_weeks, weekly_windows


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
        people = {"a": data.draw(availabilities(within)), "b": data.draw(availabilities(within))}
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
            "Note: on 2026-03-08 clocks went from 02:00 to 03:00 (UTC-05:00 to UTC-04:00)"
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
