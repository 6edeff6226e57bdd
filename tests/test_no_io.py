"""The library does no I/O: a syntax-tree check for calls over every module of the package.

Which modules the library may import is the import-linter contract ``no-io``
(pyproject.toml, run by ``make imports`` and tests/test_architecture.py); this
test catches what an import list cannot: calls of ``open``, ``print``,
``input``, ``eval``, ``exec`` and the clock methods, and proves it can fail by
running on deliberately bad snippets. It reads our own source, not
``sys.modules``: importing a dependency can pull in ``logging`` and ``socket``
(through ``importlib.metadata``), which is not our doing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ementoring

BANNED_CALLS = frozenset({"open", "print", "input", "eval", "exec", "breakpoint", "__import__"})
# Methods that read the clock: datetime.now(), datetime.utcnow(), date.today().
CLOCK_METHODS = frozenset({"now", "utcnow", "today"})
PACKAGE_DIR = Path(ementoring.__file__).parent
# Per-module exceptions: module path -> endings of the problems it may have.
# ``python -m ementoring`` is the one writer to the terminal.
ALLOWED: dict[str, tuple[str, ...]] = {
    "__main__.py": ("call print()",),
}


def find_io(source: str, filename: str = "<snippet>") -> list[str]:
    """Every banned call in a module's source, as ``file:line: what``."""
    problems: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in BANNED_CALLS:
                problems.append(f"{filename}:{node.lineno}: call {func.id}()")
            elif isinstance(func, ast.Attribute) and func.attr in CLOCK_METHODS:
                problems.append(f"{filename}:{node.lineno}: call .{func.attr}()")
    return problems


def library_modules() -> list[Path]:
    return sorted(path for path in PACKAGE_DIR.rglob("*.py"))


def test_finds_the_package() -> None:
    """The walk sees the whole package, so an empty walk cannot pass silently."""
    names = {path.relative_to(PACKAGE_DIR).as_posix() for path in library_modules()}
    assert {"errors.py", "timezones/__init__.py", "scheduling/_intervals.py"} <= names


@pytest.mark.parametrize(
    "path", library_modules(), ids=lambda p: p.relative_to(PACKAGE_DIR).as_posix()
)
def test_module_does_no_io(path: Path) -> None:
    """No module of the library imports an I/O module or calls print, open, the clock..."""
    allowed = ALLOWED.get(path.relative_to(PACKAGE_DIR).as_posix(), ())
    problems = find_io(path.read_text(encoding="utf-8"), str(path))
    assert [problem for problem in problems if not problem.endswith(allowed)] == []


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("print('hello')", "call print()"),
        ("open('f').read()", "call open()"),
        ("input()", "call input()"),
        ("eval('1')", "call eval()"),
        ("exec('x = 1')", "call exec()"),
        ("__import__('socket')", "call __import__()"),
        ("from datetime import datetime\ndatetime.now()", "call .now()"),
        ("import datetime\ndatetime.datetime.utcnow()", "call .utcnow()"),
        ("from datetime import date\ndate.today()", "call .today()"),
    ],
)
def test_detects_bad_snippets(snippet: str, expected: str) -> None:
    """The check fails on each deliberately bad snippet."""
    problems = find_io(snippet)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    "snippet",
    [
        "from datetime import time\nstart = time(9, 0)",
        "import json\njson.dumps({})",
        "from . import os_helpers",
        "value.print_width",
        "from ementoring.timezones import to_instant",
    ],
)
def test_allows_good_snippets(snippet: str) -> None:
    """datetime.time, json, relative imports and look-alike names are fine."""
    assert find_io(snippet) == []
