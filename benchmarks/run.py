"""Run every benchmark of the project and print one table.

    python benchmarks/run.py            # full sizes (minutes)
    python benchmarks/run.py --quick    # small sizes, seconds; `make test` runs this
    python benchmarks/run.py --json out.json
    python benchmarks/run.py --only scheduling

Each ``bench_*.py`` beside this file declares its workloads (see ``_harness.py``).
Times are reported, never asserted.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _harness import Timing, time_case  # noqa: E402


def _format_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _format_ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}x" if value >= 10 else f"{value:.2g}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--only", metavar="NAME", help="only bench_NAME.py")
    args = parser.parse_args(argv)

    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if args.only:
        modules = [m for m in modules if m == f"bench_{args.only}"]
    timings: list[tuple[str, Timing]] = []
    for name in modules:
        module = importlib.import_module(name)
        for case in module.cases(args.quick):
            timing = time_case(case)
            timings.append((name.removeprefix("bench_"), timing))
            print(f"  ran {name}: {case.workload}", file=sys.stderr, flush=True)

    # Targets are set for the full sizes; a quick run's small sizes (in `make test`,
    # on a busy machine) say nothing about them, so it shows no target column.
    headers: tuple[str, ...] = ("area", "workload", "ours", "baseline", "baseline time", "ratio")
    rows: list[tuple[str, ...]] = [
        (
            area,
            t.workload,
            _format_seconds(t.ours),
            t.baseline_name or "-",
            _format_seconds(t.baseline),
            _format_ratio(t.ratio),
        )
        for area, t in timings
    ]
    if not args.quick:
        headers += ("target",)
        rows = [(*row, t.target or "-") for row, (_, t) in zip(rows, timings, strict=True)]
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    mode = "quick" if args.quick else "full"
    print(f"ementoring benchmarks ({mode} sizes, Python {platform.python_version()})")
    if args.quick:
        print(
            "Quick sizes only check that every benchmark still runs; their times are not"
            " judged against any target (run `python benchmarks/run.py` for the full sizes)."
        )
    for row in [headers, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)))
    if args.json:
        data = [
            {
                "area": area,
                "workload": t.workload,
                "ours_seconds": t.ours,
                "baseline": t.baseline_name or None,
                "baseline_seconds": t.baseline,
                "ratio": t.ratio,
                # Targets are for the full sizes only.
                "target": None if args.quick else t.target or None,
            }
            for area, t in timings
        ]
        Path(args.json).write_text(json.dumps({"mode": mode, "results": data}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
