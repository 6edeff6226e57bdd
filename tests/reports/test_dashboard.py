"""The plain-text dashboard: bars scaled to the largest count, every figure on the page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.accounting import HourLedger, Mentorship, Program
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.reports import ProgramAnalytics, program_analytics, render_dashboard
from ementoring.reports._dashboard import _span

from .strategies import Records, days, records

# A chart row: two spaces, the label, two spaces or more, the bar, the count ("n" or "n of m").
NOTE = re.compile(r"(\d+(?: of \d+)?)$")


def analyse(r: Records, today: date) -> ProgramAnalytics:
    return program_analytics(
        r.program, r.mentorships, r.sessions, r.ledger, r.journals, today=today, goals=r.goals
    )


def chart(page: str, heading: str) -> list[tuple[str, int, str]]:
    """The rows of the chart under ``heading``: (label, bar length, note)."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    rows = []
    for line in lines[start:]:
        note = NOTE.search(line)
        if not line.startswith("  ") or note is None:
            break
        # Labels here (statuses, paces, hour ranges, goal topics) hold no "#".
        rows.append((line[2:].split("  ")[0], line.count("#"), note[1]))
    return rows


class TestPage:
    @settings(max_examples=40, deadline=None)
    @given(records(), days(), st.integers(1, 60))
    def test_bars_scale_to_the_largest(self, r: Records, today: date, width: int) -> None:
        """The largest count fills ``width``; any count above zero shows; zero shows nothing."""
        figures = analyse(r, today)
        page = render_dashboard(figures, width=width)
        for heading, counts in (
            ("Pairs by status", list(figures.by_status.values())),
            ("Active and paused pairs by pace", list(figures.by_pace.values())),
            ("Hours per pair", [b.pairs for b in figures.hours.buckets]),
        ):
            rows = chart(page, heading)
            assert [note for _, _, note in rows] == [str(n) for n in counts]
            most = max(counts)
            for (_, length, _), count in zip(rows, counts, strict=True):
                assert length <= width
                assert (length == width) if count == most and most else True
                assert (length > 0) == (count > 0)

    @settings(max_examples=30, deadline=None)
    @given(records(), days())
    def test_every_figure_is_on_the_page(self, r: Records, today: date) -> None:
        """Sessions, first sessions, hours, journal, reviews, goals and quiet pairs each get a line."""
        figures = analyse(r, today)
        page = render_dashboard(figures)
        s = figures.sessions
        assert f"Sessions: {s.held} held" in page
        assert f"{s.missed} missed" in page
        assert f"{figures.journal.written} of {figures.journal.expected} " in page
        assert f"; {figures.reviews.waiting} waiting" in page
        assert f"Goals: {figures.goals.covered} of {figures.goals.goals} covered" in page
        assert f"Gone quiet: {len(figures.gone_quiet)}" in page
        assert page.startswith(f"Spring 2026 on {today.isoformat()}: {figures.pairs} pair")

    def test_goal_rows_limit(self) -> None:
        """Only the ``goal_rows`` most widely held goals are charted."""
        program = Program("p", "P", starts_on=date(2026, 3, 2), zone="UTC")
        pairs = [
            Mentorship(f"m{i}", "p", "anna", f"x{i}", started_on=date(2026, 3, 2)) for i in range(3)
        ]
        goals = {"m0": "A; B; C", "m1": "A; B", "m2": "A"}
        figures = program_analytics(
            program, pairs, [], HourLedger(), [], today=date(2026, 3, 9), goals=goals
        )
        page = render_dashboard(figures, goal_rows=2)
        assert [label for label, _, _ in chart(page, "Goals:")] == ["A", "B"]
        assert chart(render_dashboard(figures, goal_rows=0), "Goals:") == []


class TestWords:
    def test_spans(self) -> None:
        """Days first, then hours and minutes, rounded to the minute before splitting."""
        assert _span(timedelta(minutes=45)) == "45 minutes"
        assert _span(timedelta(days=1)) == "1 day"
        assert _span(timedelta(days=4, hours=10)) == "4 days 10 hours"
        assert _span(timedelta(days=1, hours=23, minutes=59, seconds=40)) == "2 days"
        assert _span(timedelta(0)) == "0 hours"


class TestInputs:
    def test_bad_arguments(self) -> None:
        """Not analytics, or a width or row count of the wrong type or out of range."""
        program = Program("p", "P", starts_on=date(2026, 3, 2), zone="UTC")
        figures = program_analytics(program, [], [], HourLedger(), [], today=date(2026, 3, 9))
        with pytest.raises(InvalidTypeError, match="analytics"):
            render_dashboard(attrs.asdict(figures))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="width"):
            render_dashboard(figures, width=2.5)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="width"):
            render_dashboard(figures, width=0)
        with pytest.raises(ValidationError, match="goal_rows"):
            render_dashboard(figures, goal_rows=-1)
        with pytest.raises(InvalidTypeError, match="goal_rows"):
            render_dashboard(figures, goal_rows=True)
