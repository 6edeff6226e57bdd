"""The documentation's lifecycle table is the one generated from SESSION_TRANSITIONS."""

from __future__ import annotations

from pathlib import Path

from ementoring.accounting import session_lifecycle_table

DOCS = Path(__file__).resolve().parents[2] / "docs" / "accounting.md"


def test_rendered_table_in_the_docs_is_generated() -> None:
    """The Markdown table readers see is exactly session_lifecycle_table(), outside code blocks."""
    text = DOCS.read_text(encoding="utf-8")
    prose = text.split("```python")[0] + "".join(
        part.split("```", 1)[1] for part in text.split("```python")[1:]
    )
    assert session_lifecycle_table() in prose
