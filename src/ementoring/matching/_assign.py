"""solve: score every pair once, solve each connected part, settle ties, assemble the result."""

from __future__ import annotations

import importlib
import math
from collections import deque
from collections.abc import Mapping, Sequence
from heapq import heappush, heapreplace
from types import MappingProxyType
from typing import Literal

from ementoring._extras import require
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.matching._explain import explanation_text
from ementoring.matching._fingerprint import fingerprint
from ementoring.matching._gains import IntegerGains
from ementoring.matching._models import MatchingProblem
from ementoring.matching._result import (
    Certificate,
    MatchingResult,
    Objective,
    Unmatched,
    UnmatchedReason,
    check_objective,
    trusted_match,
    trusted_unmatched,
)
from ementoring.matching._scorer import PairScorer, ScoredPairs
from ementoring.matching._solvers import (
    Component,
    PairUnits,
    Solution,
    settle_ties,
    solve_ortools,
    solve_python,
    solve_scipy,
)

__all__ = ["BACKENDS", "Backend", "solve"]

Backend = Literal["auto", "ortools", "python", "scipy"]
BACKENDS: tuple[Backend, ...] = ("auto", "ortools", "python", "scipy")

# "auto" hands a part to OR-tools or scipy from this many allowed pairs. Their
# fixed costs (arrays, library calls) make them slower on tiny parts; scipy
# was measured faster from a few hundred pairs (100 mentees x 20 mentors of 5
# seats, 2,000 pairs: 1.9 ms against 4.5 ms), and below 1,000 pairs Python
# takes a few milliseconds at most.
_FAST_MIN_PAIRS = 1_000

# The optional back-ends: the module each needs, and the extra that installs it.
_EXTRAS = {
    "ortools": ("ortools.graph.python.min_cost_flow", "ortools"),
    "scipy": ("scipy.sparse.csgraph", "fast"),
}
_SOLVERS = {"ortools": solve_ortools, "scipy": solve_scipy}


def _available(backend: str) -> bool:
    module, _ = _EXTRAS[backend]
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def _fast_backend(backend: Backend) -> str | None:
    """The optional back-end to use, or ``None`` for pure Python alone.

    Raises:
        ValidationError: An unknown back-end.
        MissingExtraError: The back-end asked for is not installed.
    """
    if not isinstance(backend, str):
        raise InvalidTypeError("backend", backend, "'auto', 'ortools', 'python' or 'scipy'")
    if backend not in BACKENDS:
        raise ValidationError("backend", backend, "must be 'auto', 'ortools', 'python' or 'scipy'")
    if backend == "python":
        return None
    if backend == "auto":
        # OR-tools first: its min-cost flow keeps capacities as arcs, where
        # scipy expands every seat (measured in benchmarks/bench_matching.py).
        return next((name for name in ("ortools", "scipy") if _available(name)), None)
    module, extra = _EXTRAS[backend]
    require(module, extra, f"backend={backend!r}")
    return backend


def _components(scored: ScoredPairs, gains: IntegerGains) -> list[Component]:
    scorer = scored.scorer
    mentee_room, mentor_room = scorer.mentee_room, scorer.mentor_room
    part = scored.mentor_parts()
    everyone_has_room = all(room > 0 for room in mentor_room)
    # Each mentee's usable mentors (with a free seat) and their score units.
    usable: list[tuple[Sequence[int], Sequence[int]]] = []
    groups: dict[int, list[int]] = {}
    for i, row in enumerate(scored.rows):
        mentors: Sequence[int] = row.mentors
        units: Sequence[int] = row.units
        if mentee_room[i] <= 0:
            mentors = units = ()
        elif not everyone_has_room:
            keep = [t for t, j in enumerate(mentors) if mentor_room[j] > 0]
            mentors, units = [mentors[t] for t in keep], [units[t] for t in keep]
        usable.append((mentors, units))
        if mentors:
            groups.setdefault(part[mentors[0]], []).append(i)
    members: dict[int, list[int]] = {}  # each part's mentors, ascending
    for j, root in enumerate(part):
        if root in groups:
            members.setdefault(root, []).append(j)
    components = []
    for root, mentees in groups.items():  # in order of their first mentee: deterministic
        part_mentors = members[root]
        local = {j: k for k, j in enumerate(part_mentors)}
        renumber = None if part_mentors[-1] == len(part_mentors) - 1 else local  # else the identity
        mentor_lists: list[Sequence[int]]
        if renumber is None:
            mentor_lists = [usable[i][0] for i in mentees]
        else:
            mentor_lists = [[renumber[j] for j in usable[i][0]] for i in mentees]
        components.append(
            Component(
                mentees,
                part_mentors,
                [mentee_room[i] for i in mentees],
                [mentor_room[j] for j in part_mentors],
                bonus=gains.bonus,
                price_step=gains.tie_unit,
                pair_units=PairUnits(
                    mentor_lists,
                    [usable[i][1] for i in mentees],
                    [scorer.mentee_keys[i] for i in mentees],
                    [scorer.mentor_keys[j] for j in part_mentors],
                    gains.tie_unit,
                ),
            )
        )
    return components


def _deferred_acceptance(scored: ScoredPairs) -> list[tuple[int, int]]:
    """Mentee-proposing deferred acceptance; preferences by score, ties by the tie hash."""
    scorer = scored.scorer
    ids = scorer.mentee_ids
    proposals: list[list[int]] = []
    priority: dict[tuple[int, int], tuple[int, int, int]] = {}
    for i, candidates in enumerate(scored.allowed):
        ties = {c[0]: scorer.tie(i, c[0]) for c in candidates}
        ranked = sorted(candidates, key=lambda c: (-c[2], -ties[c[0]], c[0]))
        proposals.append([c[0] for c in ranked if scorer.mentor_room[c[0]] > 0])
        for j, _, u, _ in candidates:
            priority[i, j] = (u, ties[j], -i)
    held: list[list[tuple[tuple[int, int, int], int]]] = [[] for _ in scorer.mentors]
    partners = [0] * len(ids)
    next_choice = [0] * len(ids)
    queue = deque(i for i in range(len(ids)) if scorer.mentee_room[i] > 0 and proposals[i])
    while queue:
        i = queue.popleft()
        while partners[i] < scorer.mentee_room[i] and next_choice[i] < len(proposals[i]):
            j = proposals[i][next_choice[i]]
            next_choice[i] += 1
            rank = priority[i, j]
            seats = held[j]
            if len(seats) < scorer.mentor_room[j]:
                heappush(seats, (rank, i))
                partners[i] += 1
            elif seats[0][0] < rank:
                _, rejected = heapreplace(seats, (rank, i))
                partners[i] += 1
                partners[rejected] -= 1
                queue.append(rejected)
    return sorted((i, j) for j, seats in enumerate(held) for _, i in seats)


def solve(
    problem: MatchingProblem,
    *,
    objective: Objective | str = Objective.MOST_MATCHED,
    backend: Backend = "auto",
) -> MatchingResult:
    """Assign mentees to mentors, provably optimally, and say why for everyone.

    Args:
        problem: The mentors, mentees, criteria and hard rules.
        objective: ``"most_matched"`` (the most pairs, then the greatest total
            score), ``"total_score"`` (the greatest total score), or
            ``"stable"`` (mentee-proposing deferred acceptance).
        backend: ``"python"``, ``"ortools"`` (Google OR-tools' min-cost
            flow, the optional ``ortools`` extra), ``"scipy"`` (the optional
            ``fast`` extra) or ``"auto"`` (OR-tools, else scipy, when
            installed, for parts of a thousand allowed pairs or more; Python
            for the small ones, where it is quicker). Every back-end solves
            the same integer problem exactly (an outside solver's answer is
            certified in exact integers, falling back to Python if it cannot
            be), ends with the same tie order (score, then a hash of both
            ids, then the ids themselves) and computes the same canonical
            prices, so all return the same result.

    Returns:
        The matches, the unmatched mentees with reasons, spare seats, the total
        score and the optimality certificate.

    Raises:
        ValidationError: An unknown objective or back-end, or a criterion
            scoring a pair outside ``[0, 1]``.
        MissingExtraError: ``backend="ortools"`` or ``"scipy"`` without its extra.

    >>> from ementoring.matching import Mentee, Mentor, MatchingProblem, same_field
    >>> problem = MatchingProblem(
    ...     [Mentor("ana", fields=["HR"]), Mentor("ben", fields=["IT"])],
    ...     [Mentee("olga", fields=["hr"]), Mentee("ivan", fields=["IT"])],
    ...     [same_field(required=True)],
    ... )
    >>> [(m.mentor_id, m.mentee_id) for m in solve(problem).matches]
    [('ben', 'ivan'), ('ana', 'olga')]
    """
    goal = check_objective(objective)
    fast = _fast_backend(backend)
    scorer = PairScorer(problem)
    scored = ScoredPairs(scorer)
    chosen: list[tuple[int, int]]
    certificate = None
    if goal is Objective.STABLE:
        chosen = _deferred_acceptance(scored)
    else:
        gains = IntegerGains(scored.max_pairs(), goal)
        surplus = [0] * len(scorer.mentees)
        price = [0] * len(scorer.mentors)
        chosen = []
        for component in _components(scored, gains):
            solution: Solution | None = None
            pairs = component.pair_count()
            if fast is not None and (backend != "auto" or pairs >= _FAST_MIN_PAIRS):
                solution = _SOLVERS[fast](component)
            if solution is None:
                solution = solve_python(component)
            solution = settle_ties(component, solution)
            chosen.extend((component.mentees[i], component.mentors[j]) for i, j in solution.chosen)
            for i, value in enumerate(solution.mentee_dual):
                surplus[component.mentees[i]] = value
            for j, value in enumerate(solution.mentor_dual):
                price[component.mentors[j]] = value
        certificate = Certificate(
            mentee_surplus=dict(zip(scorer.mentee_ids, surplus, strict=True)),
            mentor_price=dict(zip(scorer.mentor_ids, price, strict=True)),
            tie_unit=gains.tie_unit,
            bonus=gains.bonus,
        )
    return _assemble(scored, goal, chosen, certificate)


def _assemble(
    scored: ScoredPairs,
    goal: Objective,
    chosen: list[tuple[int, int]],
    certificate: Certificate | None,
) -> MatchingResult:
    scorer = scored.scorer
    names = scorer.names
    mentor_ids, mentee_ids = scorer.mentor_ids, scorer.mentee_ids
    # Indices follow id order (PairScorer sorts by id), so sorting the index pairs
    # sorts the matches by mentee id, then mentor id.
    pinned = {(i, j): (score, breakdown) for i, j, score, breakdown in scored.pinned}
    pairs = sorted([*chosen, *pinned])
    rows = scored.rows
    # Matches with the same criterion values share one read-only breakdown: a
    # large result has far fewer distinct breakdowns than pairs, and fewer new
    # objects mean fewer garbage-collection passes over the scored pairs.
    views: dict[tuple[float, ...], Mapping[str, float]] = {}
    matches = []
    for i, j in pairs:
        fixed = pinned.get((i, j))
        score, values = rows[i].values_of(j) if fixed is None else fixed
        view = views.get(values)
        if view is None:
            view = views[values] = MappingProxyType(dict(zip(names, values, strict=True)))
        matches.append(trusted_match(mentor_ids[j], mentee_ids[i], score, view, fixed is not None))
    load = [0] * len(scorer.mentors)
    count = [0] * len(scorer.mentees)
    for i, j in pairs:
        load[j] += 1
        count[i] += 1
    short = [i for i, mentee in enumerate(scorer.mentees) if count[i] < mentee.capacity]
    unmatched: dict[str, Unmatched] = {}
    if short:
        holders: dict[int, list[str]] = {}
        mine: dict[int, set[int]] = {i: set() for i in short}
        for i, j in pairs:
            holders.setdefault(j, []).append(mentee_ids[i])
            if i in mine:
                mine[i].add(j)
        for i in short:
            others = [j for j in rows[i].mentors if j not in mine[i]]
            if others:
                unmatched[mentee_ids[i]] = trusted_unmatched(
                    UnmatchedReason.MENTORS_FULL,
                    {mentor_ids[j]: tuple(holders.get(j, ())) for j in others},
                )
            else:
                unmatched[mentee_ids[i]] = trusted_unmatched(
                    UnmatchedReason.NO_ALLOWED_MENTOR, scorer.exclusions(i)
                )
    spare = {m.id: m.capacity - load[j] for j, m in enumerate(scorer.mentors)}
    result = MatchingResult(
        objective=goal,
        matches=tuple(matches),
        unmatched=unmatched,
        spare_capacity=spare,
        total_score=math.fsum(m.score for m in matches),
        certificate=certificate,
        problem_fingerprint=fingerprint(scorer.problem),
        scored=scored,
        explainer=explanation_text,
    )
    scored.owner = result
    return result
