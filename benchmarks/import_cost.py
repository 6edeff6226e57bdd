"""What ``import hypothesis`` costs in an environment where ementoring is installed.

    PYTHONTZPATH= python benchmarks/import_cost.py            # 20 runs of each case
    PYTHONTZPATH= python benchmarks/import_cost.py --runs 50

Hypothesis runs every installed ``"hypothesis"`` entry point while it is being
imported; ementoring's imports ``ementoring.testing`` and every model it
registers. Two cases, each in fresh interpreters, alternating so that the load
of the machine falls on both alike:

- ``with``: as installed, ementoring's entry point runs;
- ``without``: ``HYPOTHESIS_NO_PLUGINS=1``, no entry point runs.

For each case it prints the median and the fastest wall time of
``python -c "import hypothesis"``, the median cumulative time of the
``hypothesis`` line of ``python -X importtime``, and how many modules are loaded.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import statistics
import subprocess
import sys
import time

CODE = "import sys, hypothesis; print(len(sys.modules))"


def run(plugins: bool, *, importtime: bool) -> tuple[float, int, float | None]:
    """One fresh interpreter: wall seconds, modules loaded, hypothesis' cumulative import seconds."""
    env = {**os.environ, "PYTHONTZPATH": ""}
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    if not plugins:
        env["HYPOTHESIS_NO_PLUGINS"] = "1"
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-c", CODE]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - start
    cumulative = None
    for line in done.stderr.splitlines():
        parts = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] == "hypothesis":
            cumulative = int(parts[1]) / 1e6
    return wall, int(done.stdout.strip()), cumulative


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    hooks = [e.value for e in importlib.metadata.entry_points(group="hypothesis")]
    print(f"Python {sys.version.split()[0]}, Hypothesis {importlib.metadata.version('hypothesis')}")
    print(f"installed 'hypothesis' entry points: {hooks}")
    cases = {"with": True, "without": False}
    for plugins in cases.values():  # warm the bytecode caches
        run(plugins, importtime=False)
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cumulative: dict[str, list[float]] = {name: [] for name in cases}
    modules: dict[str, int] = {}
    for _ in range(runs):
        for name, plugins in cases.items():
            wall, modules[name], _ = run(plugins, importtime=False)
            walls[name].append(wall)
            _, _, seconds = run(plugins, importtime=True)
            if seconds is not None:
                cumulative[name].append(seconds)
    print(f"{runs} runs each   median wall   fastest wall   importtime 'hypothesis'   modules")
    for name in cases:
        print(
            f"{name:<15} {statistics.median(walls[name]) * 1000:>8.0f} ms"
            f" {min(walls[name]) * 1000:>11.0f} ms"
            f" {statistics.median(cumulative[name]) * 1000:>20.0f} ms"
            f" {modules[name]:>11}"
        )


if __name__ == "__main__":
    main()
