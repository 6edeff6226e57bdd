"""Matching against Google OR-tools' min-cost flow on the whole graph, end to end.

Both sides start from the same mentor and mentee objects and score the pairs
(ours through ``solve``; the baseline through our scoring, then one
``SimpleMinCostFlow`` over every pair, most pairs first, then the greatest
total of integer score units, as a team using OR-tools directly would).
Ours: ``solve(problem)`` with ``backend="auto"`` (OR-tools per connected part
when installed), certified, ties settled, every mentee's reason ready.

Workloads (full sizes; quick mode shrinks them):
(d) connected sparse: mentors list two of ``m / 10`` fields, each mentee one,
    so about 20 mentors are allowed per mentee and the graph is one part;
(e) split by field: the same sizes, one field per mentor (100 parts);
(f) dense: every pair allowed, four criteria.
Each case checks that both found the same number of pairs and the same
total of score units (ours verifies too).
"""

from __future__ import annotations

from _harness import Case
from bench_matching import criteria, people
from ementoring.matching import MatchingProblem, MatchingResult, Mentee, Mentor, solve, verify
from ementoring.matching._scorer import PairScorer, ScoredPairs


def ortools_whole(mentors: list[Mentor], mentees: list[Mentee], required: bool):  # type: ignore[no-untyped-def]
    """Objects to pairs with OR-tools on the whole graph: (pairs, total score units)."""
    import numpy as np
    from ortools.graph.python import min_cost_flow

    def run() -> tuple[int, int]:
        scored = ScoredPairs(PairScorer(MatchingProblem(mentors, mentees, criteria(required))))
        rows = scored.rows
        n, m = len(rows), len(scored.scorer.mentors)
        counts = np.fromiter(map(len, (r.mentors for r in rows)), dtype=np.int64, count=n)
        tails = np.repeat(np.arange(n, dtype=np.int64), counts)
        heads = np.fromiter((j for r in rows for j in r.mentors), dtype=np.int64) + n
        units = np.fromiter((u for r in rows for u in r.units), dtype=np.int64)
        flow = min_cost_flow.SimpleMinCostFlow()
        pairs = flow.add_arcs_with_capacity_and_unit_cost(
            tails, heads, np.ones(len(units), dtype=np.int64), -units
        )
        source, sink = n + m, n + m + 1
        flow.add_arcs_with_capacity_and_unit_cost(
            np.full(n, source),
            np.arange(n),
            np.ones(n, dtype=np.int64),
            np.zeros(n, dtype=np.int64),
        )
        rooms = np.asarray(scored.scorer.mentor_room, dtype=np.int64)
        flow.add_arcs_with_capacity_and_unit_cost(
            np.arange(n, n + m), np.full(m, sink), rooms, np.zeros(m, dtype=np.int64)
        )
        flow.set_node_supply(source, n)
        flow.set_node_supply(sink, -n)
        assert flow.solve_max_flow_with_min_cost() == flow.OPTIMAL
        chosen = flow.flows(pairs)
        return int(chosen.sum()), int((chosen * units).sum())

    return run


def ours(mentors: list[Mentor], mentees: list[Mentee], required: bool):  # type: ignore[no-untyped-def]
    def run() -> MatchingResult:
        return solve(MatchingProblem(mentors, mentees, criteria(required)))

    return run


def check(problem: MatchingProblem):  # type: ignore[no-untyped-def]
    def compare(result: object, theirs: object) -> None:
        assert isinstance(result, MatchingResult)
        verify(problem, result)
        units = sum(round(m.score * 1_000_000) for m in result.matches)
        assert (len(result.matches), units) == theirs, ((len(result.matches), units), theirs)

    return compare


def cases(quick: bool) -> list[Case]:
    try:
        import ortools  # noqa: F401
    except ImportError:
        return []
    result = []
    n, m = (400, 80) if quick else (50_000, 10_000)
    dense_n, dense_m = (100, 20) if quick else (2_000, 400)
    workloads = [
        ("(d) connected sparse", n, m, m // 10, 2, True),
        ("(e) split by field", n, m, m // 20, 1, True),
        ("(f) dense, all pairs allowed", dense_n, dense_m, 1, 1, False),
    ]
    for label, mentees, mentors, fields, per_mentor, required in workloads:
        mentor_list, mentee_list = people(mentees, mentors, 5, fields, 4, per_mentor)
        problem = MatchingProblem(mentor_list, mentee_list, criteria(required))
        result.append(
            Case(
                workload=f"{label} {mentees:,} x {mentors:,} cap 5, end to end, auto",
                ours=ours(mentor_list, mentee_list, required),
                baseline=ortools_whole(mentor_list, mentee_list, required),
                baseline_name="OR-tools whole graph (scoring+flow)",
                target=">= 1.0x",
                repeat=3 if quick else 1,
                check=check(problem),
            )
        )
    return result
