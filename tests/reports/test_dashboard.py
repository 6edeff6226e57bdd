"""The plain-text dashboard: bars scaled to the largest count, every figure on the page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import HourLedger, Mentorship, Program
from ementoring.errors import InvalidTypeError, PermissionDeniedError, ValidationError
from ementoring.journey import goals_from_topics
from ementoring.reports import ProgramAnalytics, program_analytics, render_dashboard
from ementoring.reports._dashboard import _span

from .strategies import CORA, Records, analyse, days, records

# A chart row: two spaces, the label, two spaces or more, the bar, the count ("n" or "n of m").
NOTE = re.compile(r"(\d+(?: of \d+)?)$")


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
        page = render_dashboard(figures, viewer=CORA, width=width)
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
        page = render_dashboard(figures, viewer=CORA)
        s = figures.sessions
        assert f"Sessions: {s.held} held" in page
        assert f"{s.missed} missed" in page
        assert f"{figures.journal.written} of {figures.journal.expected} " in page
        assert f"; {figures.reviews.waiting} waiting" in page
        assert figures.goals is not None
        assert f"Goals: {figures.goals.covered} of {figures.goals.goals} covered" in page
        assert f"Gone quiet: {len(figures.gone_quiet)}" in page
        assert page.startswith(f"Spring 2026 on {today.isoformat()}: {figures.pairs} pair")

    def test_goal_rows_limit(self) -> None:
        """Only the ``goal_rows`` most widely held goals are charted."""
        program = Program("p", "P", starts_on=date(2026, 3, 2), zone="UTC")
        pairs = [
            Mentorship(f"m{i}", "p", "anna", f"x{i}", started_on=date(2026, 3, 2)) for i in range(3)
        ]
        goals = goals_from_topics(
            pairs, {"m0": "A; B; C", "m1": "A; B", "m2": "A"}, at=program.midnight(date(2026, 3, 2))
        )
        figures = program_analytics(
            program, pairs, [], HourLedger(), [], viewer=CORA, today=date(2026, 3, 9), goals=goals
        )
        page = render_dashboard(figures, viewer=CORA, goal_rows=2)
        assert [label for label, _, _ in chart(page, "Goals:")] == ["A", "B"]
        assert chart(render_dashboard(figures, viewer=CORA, goal_rows=0), "Goals:") == []


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
        figures = program_analytics(
            program, [], [], HourLedger(), [], viewer=CORA, today=date(2026, 3, 9)
        )
        with pytest.raises(InvalidTypeError, match="analytics"):
            render_dashboard(attrs.asdict(figures), viewer=CORA)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="width"):
            render_dashboard(figures, viewer=CORA, width=2.5)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="width"):
            render_dashboard(figures, viewer=CORA, width=0)
        with pytest.raises(ValidationError, match="goal_rows"):
            render_dashboard(figures, viewer=CORA, goal_rows=-1)
        with pytest.raises(InvalidTypeError, match="goal_rows"):
            render_dashboard(figures, viewer=CORA, goal_rows=True)


class TestForItsViewer:
    program = Program("p", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
    pairs = (Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2)),)

    def figures(self, viewer: Actor, **when: Any) -> ProgramAnalytics:
        goals = goals_from_topics(
            self.pairs, {"m1": "A"}, at=self.program.midnight(date(2026, 3, 2))
        )
        return program_analytics(
            self.program, self.pairs, [], HourLedger(), [], viewer=viewer, goals=goals, **when
        )

    @pytest.mark.parametrize(
        "other",
        [
            Actor("root", roles=["admin"], program_ids=["p"]),
            Actor("dora", roles=["coordinator"], program_ids=["p"]),
            Actor("cora", roles=["coordinator", "admin"], program_ids=["p"]),
        ],
    )
    def test_drawn_only_for_the_viewer_it_was_computed_for(self, other: Actor) -> None:
        """A coordinator's page is not shown to an admin, nor to another coordinator."""
        figures = self.figures(CORA, today=date(2026, 3, 9))
        with pytest.raises(PermissionDeniedError) as caught:
            render_dashboard(figures, viewer=other)
        assert str(caught.value) == (
            f"figures computed for actor 'cora' may not be shown to actor {other.id!r}"
        )

    def test_an_admins_page_shows_no_goals(self) -> None:
        """Goal coverage needs topics, which an admin never reads: the line says it is not shown."""
        root = Actor("root", roles=["admin"], program_ids=["p"])
        page = render_dashboard(self.figures(root, today=date(2026, 3, 9)), viewer=root)
        assert "Goals: not shown" in page
        assert "Goals: not shown" not in render_dashboard(
            self.figures(CORA, today=date(2026, 3, 9)), viewer=CORA
        )

    def test_the_heading_names_the_instant(self) -> None:
        """At the end of a day: the day alone; at an instant: the time on the program's clock."""
        day = render_dashboard(self.figures(CORA, today=date(2026, 3, 9)), viewer=CORA)
        assert day.startswith("Spring 2026 on 2026-03-09: 1 pair")
        end = self.program.end_of_day(date(2026, 3, 9))
        assert render_dashboard(self.figures(CORA, at=end), viewer=CORA) == day
        eight = self.program.midnight(date(2026, 3, 9)) + timedelta(hours=8)
        monday = render_dashboard(self.figures(CORA, at=eight), viewer=CORA)
        assert monday.startswith("Spring 2026 on 2026-03-09 at 08:00: 1 pair")
