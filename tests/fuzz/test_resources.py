"""Each resource attack in a subprocess under CPU and memory limits: quick, with a typed end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .attacks import ALLOWED_MEMORY, ALLOWED_SECONDS, ATTACKS, CPU_SECONDS

_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_bounded(name: str) -> None:
    """The attack ends with a result or an EmentoringError, within the time and memory allowed."""
    environment = {
        **os.environ,
        "PYTHONTZPATH": "",
        # One BLAS thread: the limit is on the attack, not on idle thread stacks.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    finished = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.attacks", name],
        cwd=_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=CPU_SECONDS * 4,
        check=False,
    )
    assert finished.returncode == 0, (
        f"{name}: exit {finished.returncode}\n{finished.stderr[-2000:]}"
    )
    report = json.loads(finished.stdout.strip().splitlines()[-1])
    print(f"{name}: {report}")
    assert not report["outcome"].startswith("BARE"), f"{name}: {report}"
    assert report["cpu_seconds"] < ALLOWED_SECONDS, f"{name}: {report}"
    assert report["peak_bytes"] < ALLOWED_MEMORY, f"{name}: {report}"
