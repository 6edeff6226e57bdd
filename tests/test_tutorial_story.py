"""The tutorial page stays whole: its links resolve and every code block runs.

The examples themselves run as doctests (``docs/tutorial.md`` is collected by
``--doctest-glob=*.md``); these tests catch what a doctest run cannot see: a
link to a page that was renamed, and a ``python`` block that doctest skips
because it has no ``>>>`` prompt or reads its closing fence as output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TUTORIAL = Path(__file__).resolve().parent.parent / "docs" / "tutorial.md"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
FENCE = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _text() -> str:
    return TUTORIAL.read_text(encoding="utf-8")


def _relative_links(text: str) -> list[str]:
    return [target for target in LINK.findall(text) if "://" not in target]


def _python_blocks(text: str) -> list[str]:
    return FENCE.findall(text)


class TestLinks:
    def test_the_tutorial_links_to_every_capability_page(self) -> None:
        """Each step points to the page that covers it in depth."""
        links = set(_relative_links(_text()))
        for page in (
            "scheduling.md",
            "timezones.md",
            "matching.md",
            "accounting.md",
            "journal.md",
            "privacy.md",
        ):
            assert page in links

    @pytest.mark.parametrize("target", sorted(set(_relative_links(_text()))))
    def test_every_relative_link_resolves(self, target: str) -> None:
        """A renamed or missing page breaks the tutorial's links, and this test."""
        assert (TUTORIAL.parent / target).is_file(), target


class TestBlocks:
    def test_the_story_has_its_steps(self) -> None:
        """There are code blocks to run (a broken fence pattern would find none)."""
        assert len(_python_blocks(_text())) >= 20

    @pytest.mark.parametrize("index", range(len(_python_blocks(_text()))))
    def test_every_python_block_is_a_doctest(self, index: int) -> None:
        """Every block has a prompt and a blank line before its closing fence."""
        block = _python_blocks(_text())[index]
        assert block.lstrip().startswith(">>> "), block[:80]
        assert block.endswith("\n\n"), block[-80:]
