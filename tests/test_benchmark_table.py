"""The quick benchmark table that `make test` prints judges nothing.

Targets are set for the full sizes; beside a quick run's small sizes on a busy
machine, "32x" next to ">= 50x" would read like a failure in a green run.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).parent.parent / "benchmarks" / "run.py"


def test_quick_run_shows_no_targets(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick table has no target column and says plainly that quick sizes are not judged."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # run.py adds benchmarks/ to it
    spec = importlib.util.spec_from_file_location("benchmarks_run", RUN)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--quick", "--only", "timezones"]) == 0
    table = capsys.readouterr().out
    header = next(line for line in table.splitlines() if line.startswith("area"))
    assert "target" not in header.split()
    assert "not judged against any target" in table
    assert "timezones" in table  # the benchmarks did run
