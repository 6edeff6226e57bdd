"""The tables readers see on docs/journey.md are the ones generated from the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from ementoring.journey import goal_lifecycle_table, offer_lifecycle_table

DOCS = Path(__file__).resolve().parents[2] / "docs" / "journey.md"


@pytest.mark.parametrize("table", [offer_lifecycle_table, goal_lifecycle_table])
def test_rendered_tables_in_the_docs_are_generated(table: object) -> None:
    """Each lifecycle table is on the page outside its code blocks, exactly as generated."""
    text = DOCS.read_text(encoding="utf-8")
    prose = text.split("```python")[0] + "".join(
        part.split("```", 1)[1] for part in text.split("```python")[1:]
    )
    assert callable(table)
    assert table() in prose
