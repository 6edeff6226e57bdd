"""solve, verify, blocking_pairs, recommend and recommend_all."""

from __future__ import annotations

import importlib
import math
from collections import deque
from collections.abc import Mapping, Sequence
from heapq import heappush, heapreplace
from types import MappingProxyType
from typing import Literal

from ementoring._extras import require
from ementoring.errors import InvalidTypeError, MatchingError, UnknownIdError, ValidationError
from ementoring.matching._gains import IntegerGains, tie_hash, units
from ementoring.matching._models import MatchingProblem, Pair
from ementoring.matching._pairs import Candidate
from ementoring.matching._result import (
    Certificate,
    MatchingResult,
    Objective,
    Recommendation,
    Unmatched,
    UnmatchedReason,
    _objective,
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

__all__ = ["blocking_pairs", "recommend", "recommend_all", "solve", "verify"]

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
    goal = _objective(objective)
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
        scored=scored,
    )
    scored.owner = result
    return result


def _fail(message: str) -> MatchingError:
    return MatchingError(message)


def _check_result(result: object) -> None:
    if not isinstance(result, MatchingResult):
        raise InvalidTypeError("result", result, "a MatchingResult")


def verify(problem: MatchingProblem, result: MatchingResult) -> None:
    """Check that a result is feasible for a problem and prove it optimal.

    Feasibility: every pair allowed (or pinned) and made at most once, every
    pinned pair present, capacities respected on both sides, scores, spare
    seats and the total as recomputed. Optimality, for ``"most_matched"`` and
    ``"total_score"``: the certificate's dual prices satisfy complementary
    slackness against the recomputed integer gains and the primal and dual
    objectives are equal, which proves no assignment is better. For
    ``"stable"``: no blocking pair.

    Raises:
        MatchingError: The first broken condition, naming the pair or person.

    >>> from ementoring.matching import Mentee, Mentor, MatchingProblem, same_field, solve
    >>> problem = MatchingProblem([Mentor("ana")], [Mentee("olga")], [same_field()])
    >>> verify(problem, solve(problem))  # silent when the proof holds
    """
    scorer = PairScorer(problem)
    _check_result(result)
    scored = ScoredPairs(scorer)
    goal = result.objective
    allowed = [{c[0]: c for c in candidates} for candidates in scored.allowed]
    pinned = {(i, j) for i, j in scorer.pinned}
    seen: set[tuple[int, int]] = set()
    mentee_count = [0] * len(scorer.mentees)
    mentor_count = [0] * len(scorer.mentors)
    free_mentee = [0] * len(scorer.mentees)
    free_mentor = [0] * len(scorer.mentors)
    previous: tuple[str, str] | None = None
    for match in result.matches:
        key = (match.mentee_id, match.mentor_id)
        if previous is not None and key <= previous:
            raise _fail(f"matches are not sorted by mentee then mentor at {key}")
        previous = key
        i = scorer.mentee_index.get(match.mentee_id)
        j = scorer.mentor_index.get(match.mentor_id)
        if i is None or j is None:
            raise _fail(f"match {match.mentor_id!r}-{match.mentee_id!r} names an unknown id")
        seen.add((i, j))
        mentee_count[i] += 1
        mentor_count[j] += 1
        if (i, j) in pinned:
            if not match.pinned:
                raise _fail(f"pinned pair {match.mentor_id!r}-{match.mentee_id!r} not marked")
            continue
        if match.pinned:
            raise _fail(f"pair {match.mentor_id!r}-{match.mentee_id!r} is marked but not pinned")
        candidate = allowed[i].get(j)
        if candidate is None:
            raise _fail(f"pair {match.mentor_id!r}-{match.mentee_id!r} is not allowed")
        free_mentee[i] += 1
        free_mentor[j] += 1
        if not math.isclose(candidate[1], match.score, rel_tol=0, abs_tol=1e-12):
            raise _fail(f"pair {match.mentor_id!r}-{match.mentee_id!r} has a wrong score")
    for i, j in pinned:
        if (i, j) not in seen:
            raise _fail(f"pinned pair {scorer.mentor_ids[j]!r}-{scorer.mentee_ids[i]!r} is missing")
    for i, mentee in enumerate(scorer.mentees):
        if mentee_count[i] > mentee.capacity:
            raise _fail(f"mentee {mentee.id!r} has more mentors than their capacity")
    for j, mentor in enumerate(scorer.mentors):
        if mentor_count[j] > mentor.capacity:
            raise _fail(f"mentor {mentor.id!r} is over capacity")
        if result.spare_capacity.get(mentor.id) != mentor.capacity - mentor_count[j]:
            raise _fail(f"spare capacity of mentor {mentor.id!r} is wrong")
    if not math.isclose(
        result.total_score, math.fsum(m.score for m in result.matches), abs_tol=1e-9
    ):
        raise _fail("total_score is not the sum of the matches' scores")
    if goal is Objective.STABLE:
        blocking = blocking_pairs(problem, result)
        if blocking:
            raise _fail(f"not stable: {blocking[0][0]!r} and {blocking[0][1]!r} block")
        return
    _verify_duals(scorer, scored, result, seen - pinned, free_mentee, free_mentor)


def _verify_duals(
    scorer: PairScorer,
    scored: ScoredPairs,
    result: MatchingResult,
    chosen: set[tuple[int, int]],
    mentee_count: list[int],
    mentor_count: list[int],
) -> None:
    certificate = result.certificate
    if certificate is None:
        raise _fail("an optimised result needs its certificate")
    gains = IntegerGains(scored.max_pairs(), result.objective)
    if (gains.tie_unit, gains.bonus) != (certificate.tie_unit, certificate.bonus):
        raise _fail("the certificate was made for different weights")
    try:
        u = [certificate.mentee_surplus[m] for m in scorer.mentee_ids]
        v = [certificate.mentor_price[m] for m in scorer.mentor_ids]
    except KeyError as missing:
        raise _fail(f"the certificate has no price for {missing.args[0]!r}") from None
    primal = dual = 0
    for i, value in enumerate(u):
        room = scorer.mentee_room[i]
        if not isinstance(value, int) or value < 0:
            raise _fail(f"surplus of mentee {scorer.mentee_ids[i]!r} must be an integer >= 0")
        if value > 0 and mentee_count[i] < room:
            raise _fail(f"mentee {scorer.mentee_ids[i]!r} has surplus but a free place")
        dual += max(room, 0) * value
    for j, value in enumerate(v):
        room = scorer.mentor_room[j]
        if not isinstance(value, int) or value < 0:
            raise _fail(f"price of mentor {scorer.mentor_ids[j]!r} must be an integer >= 0")
        if value > 0 and mentor_count[j] < room:
            raise _fail(f"mentor {scorer.mentor_ids[j]!r} has a price but a free seat")
        dual += max(room, 0) * value
    for i, candidates in enumerate(scored.allowed):
        mentee_id = scorer.mentee_ids[i]
        for j, _, score_units, _ in candidates:
            if scorer.mentor_room[j] <= 0:
                continue
            # From the ids, as a reader of the result would: not the solver's keys.
            gain = gains.gain(score_units, tie_hash(mentee_id, scorer.mentor_ids[j]))
            slack = u[i] + v[j] - gain
            if (i, j) in chosen:
                primal += gain
                dual -= slack  # the pair's own dual variable, max(0, -slack)
                if slack > 0:
                    raise _fail(
                        f"chosen pair {scorer.mentor_ids[j]!r}-{mentee_id!r} is priced above its gain"
                    )
            elif slack < 0:
                raise _fail(f"pair {scorer.mentor_ids[j]!r}-{mentee_id!r} would improve the result")
    if primal != dual:
        raise _fail(f"primal {primal} and dual {dual} objectives differ")


def blocking_pairs(problem: MatchingProblem, result: MatchingResult) -> tuple[Pair, ...]:
    """Return the pairs who would both rather be together than with a current partner.

    A mentee prefers an allowed mentor if they have a free place or the pair
    scores higher (in millionths) than their worst current pair that is not
    pinned (pinned pairs cannot be given up); the mentor likewise. Sorted by
    mentee id, then mentor id.

    Returns:
        ``(mentor_id, mentee_id)`` pairs; empty when the result is stable.

    Raises:
        UnknownIdError: The result names someone not in the problem.

    >>> from ementoring.matching import Mentee, Mentor, MatchingProblem, topic_fit, solve
    >>> problem = MatchingProblem([Mentor("ana", offers=["cv"])],
    ...                           [Mentee("olga", goals=["cv"])], [topic_fit()])
    >>> blocking_pairs(problem, solve(problem, objective="stable"))
    ()
    """
    scorer = PairScorer(problem)
    _check_result(result)
    scored = ScoredPairs(scorer)
    worst_mentee: dict[int, int] = {}
    worst_mentor: dict[int, int] = {}
    mentee_count = [0] * len(scorer.mentees)
    mentor_count = [0] * len(scorer.mentors)
    matched: set[tuple[int, int]] = set()
    for match in result.matches:
        i = scorer.mentee_index.get(match.mentee_id)
        j = scorer.mentor_index.get(match.mentor_id)
        if i is None:
            raise UnknownIdError("result.matches", match.mentee_id, "unknown mentee id")
        if j is None:
            raise UnknownIdError("result.matches", match.mentor_id, "unknown mentor id")
        if not match.pinned:  # a pinned partner cannot be given up
            score_units = units(match.score)
            worst_mentee[i] = min(worst_mentee.get(i, score_units), score_units)
            worst_mentor[j] = min(worst_mentor.get(j, score_units), score_units)
        mentee_count[i] += 1
        mentor_count[j] += 1
        matched.add((i, j))
    found: list[tuple[int, int]] = []
    for i, candidates in enumerate(scored.allowed):
        mentee = scorer.mentees[i]
        for j, _, score_units, _ in candidates:
            if (i, j) in matched:
                continue
            mentee_wants = mentee_count[i] < mentee.capacity or score_units > worst_mentee.get(
                i, math.inf
            )
            mentor_wants = mentor_count[j] < scorer.mentors[j].capacity or (
                score_units > worst_mentor.get(j, math.inf)
            )
            if mentee_wants and mentor_wants:
                found.append((i, j))
    found.sort()
    return tuple((scorer.mentor_ids[j], scorer.mentee_ids[i]) for i, j in found)


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValidationError("k", k, "must be a whole number, 1 or more")


def _ranked(scorer: PairScorer, i: int) -> list[Candidate]:
    candidates = [c for c in scorer.allowed(i) if scorer.mentor_room[c[0]] > 0]
    candidates.sort(key=lambda c: (-c[2], scorer.mentor_ids[c[0]]))
    return candidates


def _recommendation(scorer: PairScorer, candidate: Candidate) -> Recommendation:
    j, score, _, breakdown = candidate
    return Recommendation(
        scorer.mentor_ids[j], score, dict(zip(scorer.names, breakdown, strict=True))
    )


def recommend(
    problem: MatchingProblem, mentee_id: str, *, k: int = 5
) -> tuple[Recommendation, ...]:
    """Return the best allowed mentors with a free seat for one mentee, for self-matching.

    Ranked by score (in millionths), then mentor id. Seats taken by pinned
    pairs are not free; mentors already pinned to this mentee are left out.

    Raises:
        UnknownIdError: No such mentee.
        ValidationError: ``k`` is not a whole number of at least 1.

    >>> from ementoring.matching import Mentee, Mentor, MatchingProblem, topic_fit
    >>> problem = MatchingProblem(
    ...     [Mentor("ana", offers=["cv"]), Mentor("ben", offers=["cv", "visa"])],
    ...     [Mentee("olga", goals=["cv", "visa"])], [topic_fit()])
    >>> [(r.mentor_id, r.score) for r in recommend(problem, "olga")]
    [('ben', 1.0), ('ana', 0.5)]
    """
    _check_k(k)
    scorer = PairScorer(problem)
    if not isinstance(mentee_id, str):
        raise InvalidTypeError("mentee_id", mentee_id, "a mentee id (text)")
    i = scorer.mentee_index.get(mentee_id)
    if i is None:
        raise UnknownIdError("mentee_id", mentee_id, "unknown mentee id")
    return tuple(_recommendation(scorer, c) for c in _ranked(scorer, i)[:k])


def recommend_all(
    problem: MatchingProblem, *, k: int = 5, fair_exposure: bool = True
) -> Mapping[str, tuple[Recommendation, ...]]:
    """Recommend mentors to every mentee at once.

    With ``fair_exposure`` (the default), the first recommendation of each
    list is the mentee's seat in an optimal ``"most_matched"`` assignment of
    the free seats, one per mentee (equally good ones ordered as :func:`solve`
    orders them), so no mentor is anyone's top pick more
    often than they have free seats; the rest of the list follows by score.
    A mentee who gets no seat in that assignment gets an empty list: every
    mentor allowed for them is already promised as a top pick. Without it,
    each list is :func:`recommend`'s.

    Returns:
        Mentee id to their recommendations, for every mentee who wants a mentor.

    >>> from ementoring.matching import Mentee, Mentor, MatchingProblem, topic_fit
    >>> problem = MatchingProblem(
    ...     [Mentor("star", offers=["cv", "visa"]), Mentor("ana", offers=["cv"])],
    ...     [Mentee("olga", goals=["cv", "visa"]), Mentee("ivan", goals=["cv", "visa"])],
    ...     [topic_fit()])
    >>> {m: [r.mentor_id for r in recs] for m, recs in recommend_all(problem).items()}
    {'ivan': ['star', 'ana'], 'olga': ['ana', 'star']}
    """
    _check_k(k)
    scorer = PairScorer(problem)
    if not isinstance(fair_exposure, bool):
        raise InvalidTypeError("fair_exposure", fair_exposure, "True or False")
    wanting = [i for i, room in enumerate(scorer.mentee_room) if room > 0]
    ranked = {i: _ranked(scorer, i) for i in wanting}
    if not fair_exposure:
        return {
            scorer.mentee_ids[i]: tuple(_recommendation(scorer, c) for c in ranked[i][:k])
            for i in wanting
        }
    mentors = sorted({c[0] for i in wanting for c in ranked[i]})
    local = {j: n for n, j in enumerate(mentors)}
    gains = IntegerGains(len(wanting), Objective.MOST_MATCHED)
    component = Component(
        wanting,
        mentors,
        [1] * len(wanting),
        [scorer.mentor_room[j] for j in mentors],
        [
            [(local[c[0]], gains.gain(c[2], scorer.tie(i, c[0]))) for c in ranked[i]]
            for i in wanting
        ],
        price_step=gains.tie_unit,
    )
    # The same total tie order as solve(): score, tie hash, then ids.
    top = {
        wanting[a]: mentors[b] for a, b in settle_ties(component, solve_python(component)).chosen
    }
    lists: dict[str, tuple[Recommendation, ...]] = {}
    for i in wanting:
        if i not in top:
            lists[scorer.mentee_ids[i]] = ()
            continue
        first = next(c for c in ranked[i] if c[0] == top[i])
        rest = [c for c in ranked[i] if c[0] != top[i]][: k - 1]
        lists[scorer.mentee_ids[i]] = tuple(_recommendation(scorer, c) for c in [first, *rest])
    return dict(sorted(lists.items()))
