"""The house keeps its shape: the import-linter contracts hold, cover every room, and can fail.

``make imports`` runs the same contracts (``[tool.importlinter]`` in
pyproject.toml); here they also run on copies of the package with one
deliberate violation each, so a contract that could never fail would show.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import ementoring

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(ementoring.__file__).resolve().parent
CONFIG = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def contracts() -> list[dict[str, object]]:
    with CONFIG.open("rb") as file:
        config = tomllib.load(file)
    found: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return found


def layered_rooms() -> set[str]:
    (layers,) = (c["layers"] for c in contracts() if c["type"] == "layers")
    assert isinstance(layers, list)
    return {room.strip() for layer in layers for room in layer.replace(":", "|").split("|")}


def run_contracts(source: Path) -> subprocess.CompletedProcess[str]:
    """Run every contract on the package found in ``source`` (a directory holding ``ementoring``)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(CONFIG)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(source), "PATH": str(LINT_IMPORTS.parent)},
        check=False,
        timeout=300,
    )


def test_every_room_has_a_layer() -> None:
    """Each module and package at the top of ementoring is in the layers contract (a new room joins on its first day)."""
    rooms = {
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert rooms - layered_rooms() == set()
    assert layered_rooms() - rooms == set(), "a layer names a room that does not exist"


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is in the dev extra")
def test_the_package_keeps_every_contract() -> None:
    """The real package keeps every contract."""
    result = run_contracts(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


# One planted violation per contract: (module file, line to add, contract that must break).
VIOLATIONS = [
    pytest.param(
        "scheduling/_overlap.py",
        "from ementoring.reports import program_analytics",
        "Layers: every room imports only the rooms below it",
        id="layers: scheduling imports reports",
    ),
    pytest.param(
        "accounting/_program.py",
        "from ementoring.matching import solve",
        "Layers: every room imports only the rooms below it",
        id="layers: siblings accounting and matching",
    ),
    pytest.param(
        "reports/_dashboard.py",
        "from ementoring.journal._entries import JournalEntry",
        "No package imports another package's private modules",
        id="private: reports reaches into journal._entries",
    ),
    pytest.param(
        "matching/_models.py",
        "def _later():\n    from ementoring.matching._assign import solve",
        "No import cycle between sibling modules, lazy imports included",
        id="acyclic: a lazy import inside a function",
    ),
    pytest.param(
        "journal/_topics.py",
        "import os",
        "No I/O: the library imports no module that reaches outside the process",
        id="no-io: os in the journal",
    ),
]


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is in the dev extra")
@pytest.mark.parametrize(("module", "line", "contract"), VIOLATIONS)
def test_a_planted_violation_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    """A copy of the package with one bad import breaks the contract written against it."""
    copy = tmp_path / "ementoring"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + line + "\n", encoding="utf-8")
    result = run_contracts(tmp_path)
    assert result.returncode != 0
    assert f"{contract} BROKEN" in result.stdout, result.stdout
