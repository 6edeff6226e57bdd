"""The library imports only what ``pyproject.toml`` makes its users install.

A module-level import of a package that is not a runtime dependency would
break ``pip install ementoring`` while every test passes (the test
environment installs the ``dev`` extra too). The optional ``fast`` extra
(scipy and its numpy), ``ortools`` and ``graph`` (networkx) may only be imported
inside functions, when asked for (or under ``if TYPE_CHECKING:``, which only
type checkers read).
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest

import ementoring

PACKAGE_DIR = Path(ementoring.__file__).parent
PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"
# Distribution name -> the top-level modules it provides.
PROVIDES = {
    "attrs": {"attr", "attrs"},
    "cattrs": {"cattrs"},
    "python-dateutil": {"dateutil"},
    "tzdata": {"tzdata"},
    "hypothesis": {"hypothesis"},
    "scipy": {"scipy", "numpy"},
    "Babel": {"babel"},
    "ortools": {"ortools", "numpy"},
    "networkx": {"networkx"},
}


def _names(requirements: list[str]) -> set[str]:
    found: set[str] = set()
    for requirement in requirements:
        name = requirement.split(";")[0].split("[")[0]
        for stop in "<>=!~ ":
            name = name.split(stop)[0]
        found |= PROVIDES[name.strip()]
    return found


def _declared() -> tuple[set[str], set[str]]:
    """Modules of the runtime dependencies, and of the extras a user opts into."""
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    extras = project["optional-dependencies"]
    opt_in = extras["testing"] + extras["fast"] + extras["i18n"] + extras["ortools"]
    return _names(project["dependencies"]), _names(opt_in + extras["graph"])


def module_level_imports(source: str, filename: str = "<snippet>") -> list[tuple[int, str]]:
    """Top-level module names imported outside any function, with their line."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue  # imported when called: the opt-in extras
            if isinstance(child, ast.If) and _type_checking(child.test):
                visit_all(child.orelse)  # the body is read by type checkers only, never run
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, a.name.split(".")[0]) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.lineno, child.module.split(".")[0]))
            visit(child)

    def visit_all(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            visit(ast.Module(body=[node], type_ignores=[]))

    visit(ast.parse(source, filename))
    return found


def _type_checking(test: ast.expr) -> bool:
    """Whether an ``if`` tests ``TYPE_CHECKING`` (or ``typing.TYPE_CHECKING``)."""
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING"
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def undeclared(source: str, filename: str, allowed: set[str]) -> list[str]:
    return [
        f"{filename}:{line}: import {name}"
        for line, name in module_level_imports(source, filename)
        if name not in allowed and name not in sys.stdlib_module_names and name != "ementoring"
    ]


def test_every_module_level_import_is_installed_for_users() -> None:
    """Each module imports, at load time, only the standard library, itself and its dependencies."""
    runtime, opt_in = _declared()
    problems = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        allowed = runtime | (
            {"hypothesis"} if path.relative_to(PACKAGE_DIR).parts[0] == "testing" else set()
        )
        problems += undeclared(path.read_text(), str(path.relative_to(PACKAGE_DIR)), allowed)
    assert problems == []
    assert {"numpy", "scipy", "hypothesis", "babel", "ortools", "networkx"} <= opt_in


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import networkx\n", ["m.py:1: import networkx"]),
        ("from scipy.sparse import coo_array\n", ["m.py:1: import scipy"]),
        ("if True:\n    import numpy as np\n", ["m.py:2: import numpy"]),
        ("class C:\n    import networkx\n", ["m.py:2: import networkx"]),
        (
            "if TYPE_CHECKING:\n    import numpy\nelse:\n    import scipy\n",
            ["m.py:4: import scipy"],
        ),
    ],
)
def test_the_check_finds_undeclared_imports(source: str, expected: list[str]) -> None:
    """The check can fail: module-level imports of packages users would not have."""
    assert undeclared(source, "m.py", {"attrs"}) == expected


@pytest.mark.parametrize(
    "source",
    [
        "import attrs\nimport heapq\nfrom ementoring import errors\n",
        "def solve():\n    import scipy\n",
        "from . import _models\n",
        "if TYPE_CHECKING:\n    import numpy as np\n",
        "if typing.TYPE_CHECKING:\n    from numpy.typing import NDArray\n",
    ],
)
def test_the_check_allows_what_users_have(source: str) -> None:
    """The standard library, our own modules, declared packages and imports inside functions pass."""
    assert undeclared(source, "m.py", {"attrs"}) == []
