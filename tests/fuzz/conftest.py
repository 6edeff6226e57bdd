"""Print what the fuzz suite did: calls tried and problems found."""

from __future__ import annotations

import pytest

from .judge import TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line after the run, the figures ``make fuzz`` reports."""
    if TALLY.calls:
        terminalreporter.write_line(
            f"fuzz: {TALLY.calls:,} calls tried, {len(TALLY.problems)} problems found"
        )
        for summary in TALLY.summaries.values():
            terminalreporter.write_line("  - " + summary[:300])
