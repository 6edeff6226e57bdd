"""Run Python in a fresh interpreter, optionally with some installed packages hidden.

pytest has already imported Hypothesis and most of ementoring by the time a test
runs, so first-import behaviour (circular imports, missing extras, what an
import pulls in) is only visible in a new process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# Every package of an optional extra or of the dev toolchain: hidden, the
# interpreter sees what `pip install ementoring` alone would give it.
EXTRAS = (
    "babel",
    "furo",
    "hypothesis",
    "icalendar",
    "myst_parser",
    "networkx",
    "numpy",
    "ortools",
    "recurring_ical_events",
    "scipy",
    "sphinx",
    "x_wr_timezone",
)


def hiding(*packages: str) -> str:
    """Python code that makes importing any of ``packages`` fail as if it were not installed."""
    return textwrap.dedent(
        f"""
        import importlib.abc, sys

        class _Hide(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name.split(".")[0] in {packages!r}:
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
                return None

        sys.meta_path.insert(0, _Hide())
        """
    )


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (then ``args`` as its sys.argv[1:]) in a new interpreter; it must succeed."""
    env = {**os.environ, "PYTHONTZPATH": ""}
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done
