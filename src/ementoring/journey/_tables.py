"""A lifecycle's transition table as Markdown, for the docs to draw from the rules themselves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from ementoring._validate import Choice

__all__ = ["markdown_table"]

S = TypeVar("S", bound=Choice)
A = TypeVar("A", bound=Choice)


def markdown_table(
    transitions: Mapping[tuple[S, A], S],
    statuses: Iterable[S],
    actions: Iterable[A],
) -> str:
    """Rows: the current status; columns: the action; cells: the new status, ``-`` when refused."""
    columns = tuple(actions)
    rows = [
        "| status \\ action | " + " | ".join(a.value for a in columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for status in statuses:
        cells = [
            target.value if (target := transitions.get((status, action))) else "-"
            for action in columns
        ]
        rows.append(f"| {status.value} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
