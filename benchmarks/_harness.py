"""What a benchmark module declares, and how it is timed.

Each ``benchmarks/bench_*.py`` defines ``cases(quick: bool) -> list[Case]``.
``run.py`` times every case's ``ours`` and ``baseline`` (best of ``repeat``
runs after one warm-up, with the objects alive before them frozen out of the
garbage collector; ``ours`` both before and after a baseline) and prints one
table. Nothing here asserts a time.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """One workload timed against its side-by-side baseline.

    ``ours`` and ``baseline`` take no arguments: build the inputs in ``cases``
    (or in a ``setup`` closure) so only the work itself is timed. ``check``,
    when given, receives both results and raises if they disagree, so a fast
    wrong answer cannot pass unnoticed.
    """

    workload: str
    ours: Callable[[], object]
    baseline: Callable[[], object] | None = None
    baseline_name: str = ""
    target: str = ""
    repeat: int = 3
    check: Callable[[object, object], None] | None = None


@dataclass(frozen=True)
class Timing:
    workload: str
    ours: float
    baseline: float | None
    baseline_name: str
    target: str

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.ours == 0:
            return None
        return self.baseline / self.ours


def best_of(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The best time of ``repeat`` runs after a warm-up, and the warm-up's result.

    Everything alive before the runs (every case's inputs, such as a
    networkx graph of 160,000 edges) is frozen out of the garbage collector
    meanwhile (``gc.freeze``), so its size does not slow the collections a
    run triggers; the collection of what the run itself allocates still
    counts, as it would in a caller's process.
    """
    result = func()  # warm-up, and the result to check
    best = float("inf")
    gc.collect()
    gc.freeze()
    try:
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            func()
            best = min(best, time.perf_counter() - started)
    finally:
        gc.unfreeze()
    return best, result


def time_case(case: Case) -> Timing:
    ours, our_result = best_of(case.ours, case.repeat)
    baseline: float | None = None
    if case.baseline is not None:
        # The baseline is the slow side: one timed run is enough.
        baseline, baseline_result = best_of(case.baseline, 1)
        if case.check is not None:
            case.check(our_result, baseline_result)
        # This machine's speed drifts by up to half over tens of seconds, so
        # ours is timed on both sides of a long baseline, and the best kept.
        ours = min(ours, best_of(case.ours, case.repeat)[0])
    return Timing(case.workload, ours, baseline, case.baseline_name, case.target)
