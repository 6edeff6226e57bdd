"""One answer everywhere: the total tie order, honoured by every back-end."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.errors import InvalidTypeError, MissingExtraError, ValidationError
from ementoring.matching import (
    Criterion,
    MatchingProblem,
    Mentee,
    Mentor,
    greedy_fill,
    recommend_all,
    solve,
    verify,
)
from ementoring.matching._gains import tie_hash
from ementoring.matching._solvers import (
    Component,
    Solution,
    settle_ties,
    solve_ortools,
    solve_python,
    solve_scipy,
)
from tests.matching.test_solve import components

SOLVERS: dict[str, tuple[str, Callable[[Component], Solution | None]]] = {
    "python": ("ementoring", solve_python),
    "scipy": ("scipy", solve_scipy),
    "ortools": ("ortools", solve_ortools),
}


def lexicographic_optimum(component: Component) -> list[tuple[int, int]]:
    """By exhaustive search: the greatest total gain, then the first differing pair held."""
    pairs = sorted((i, j) for i, edges in enumerate(component.adjacency) for j, _ in edges)
    gain = {(i, j): g for i, edges in enumerate(component.adjacency) for j, g in edges}
    best: tuple[int, tuple[bool, ...]] | None = None
    best_set: list[tuple[int, int]] = []
    for size in range(len(pairs) + 1):
        for subset in itertools.combinations(pairs, size):
            mentee_load = [0] * len(component.mentee_room)
            mentor_load = [0] * len(component.mentor_room)
            for i, j in subset:
                mentee_load[i] += 1
                mentor_load[j] += 1
            if any(a > b for a, b in zip(mentee_load, component.mentee_room, strict=True)):
                continue
            if any(a > b for a, b in zip(mentor_load, component.mentor_room, strict=True)):
                continue
            chosen = set(subset)
            key = (sum(gain[p] for p in subset), tuple(p in chosen for p in pairs))
            if best is None or key > best:
                best, best_set = key, list(subset)
    return sorted(best_set)


def small_components() -> st.SearchStrategy[Component]:
    return components().filter(lambda c: sum(map(len, c.adjacency)) <= 12)


def assert_settled_exhaustively(component: Component, found: Solution) -> None:
    """Settled, ``found`` is the exhaustive choice, with Python's canonical duals."""
    settled = settle_ties(component, found)
    assert settled.chosen == lexicographic_optimum(component)
    reference = solve_python(component)
    assert (settled.mentee_dual, settled.mentor_dual) == (
        reference.mentee_dual,
        reference.mentor_dual,
    )


class TestSettleTies:
    @pytest.mark.parametrize("name", sorted(SOLVERS))
    @settings(max_examples=120, deadline=None)
    @given(small_components())
    def test_every_solver_ends_on_the_lexicographic_optimum(
        self, name: str, component: Component
    ) -> None:
        """Gains with few levels (ties everywhere): every solver, settled, gives the exhaustive choice."""
        module, solver = SOLVERS[name]
        pytest.importorskip(module)
        found = solver(component)
        if found is None:  # the outside solvers may decline; the caller then uses Python
            return
        assert_settled_exhaustively(component, found)

    @pytest.mark.parametrize("name", ["python", "ortools"])
    @settings(max_examples=80, deadline=None)
    @given(components(mentee_room=2).filter(lambda c: sum(map(len, c.adjacency)) <= 11))
    def test_mentees_wanting_several_mentors(self, name: str, component: Component) -> None:
        """With mentee capacities above 1 the settled choice is still the exhaustive one.

        OR-tools takes such parts too (a mentee's capacity is their supply),
        and its answer, certified, carries Python's canonical duals.
        """
        module, solver = SOLVERS[name]
        pytest.importorskip(module)
        found = solver(component)
        assert found is not None  # exact costs on parts this small: always certified
        assert_settled_exhaustively(component, found)


def flat(value: float) -> Criterion:
    """Every pair scores ``value``: all ties, left to the hash and then the ids."""
    return Criterion("flat", lambda mentor, mentee: value)


def collision_problem(mentees: int, mentors: int, seats: int, seed: int) -> MatchingProblem:
    """Dense, every score from a handful of values: many tie-hash collisions among equal scores."""
    rnd = random.Random(seed)
    levels = (0.5, 0.75, 1.0)
    table = {(f"r{j}", f"e{i}"): rnd.choice(levels) for i in range(mentees) for j in range(mentors)}
    fit = Criterion("fit", lambda mentor, mentee: table[mentor.id, mentee.id])
    return MatchingProblem(
        [Mentor(f"r{j}", capacity=seats) for j in range(mentors)],
        [Mentee(f"e{i}") for i in range(mentees)],
        [fit],
    )


def colliding_mentees(count: int) -> list[list[str]]:
    """Groups of mentee ids whose tie hashes with mentors "x" and "y" differ by the same amount.

    Two mentees a, b of one group make swapping mentors x and y an exact tie:
    ``tie(a, x) + tie(b, y) == tie(a, y) + tie(b, x)``.
    """
    groups: dict[int, list[str]] = {}
    for k in range(100_000):
        mentee = f"e{k}"
        groups.setdefault(tie_hash(mentee, "x") - tie_hash(mentee, "y"), []).append(mentee)
        found = [group for group in groups.values() if len(group) > 1]
        if len(found) >= count:
            return found
    raise AssertionError("no collisions found")  # pragma: no cover


class TestBackendsAgree:
    @pytest.mark.parametrize("backend", ["python", "scipy", "ortools"])
    def test_exact_hash_collision(self, backend: str) -> None:
        """Two optima worth exactly the same: every back-end keeps the one holding the first pair."""
        if backend != "python":
            pytest.importorskip(backend)
        (a, b), *_ = [sorted(g[:2]) for g in colliding_mentees(1)]
        problem = MatchingProblem([Mentor("y"), Mentor("x")], [Mentee(b), Mentee(a)], [flat(0.5)])
        result = solve(problem, backend=backend)  # type: ignore[arg-type]
        verify(problem, result)
        # (a, x) is the first pair by mentee id, then mentor id.
        assert {(m.mentee_id, m.mentor_id) for m in result.matches} == {(a, "x"), (b, "y")}

    def test_recommend_all_keeps_the_same_order(self) -> None:
        """Fair exposure's top picks follow solve()'s order on an exact hash collision."""
        (a, b), *_ = [sorted(g[:2]) for g in colliding_mentees(1)]
        problem = MatchingProblem([Mentor("y"), Mentor("x")], [Mentee(b), Mentee(a)], [flat(0.5)])
        tops = {mentee: recs[0].mentor_id for mentee, recs in recommend_all(problem).items()}
        assert tops == {a: "x", b: "y"}
        assert tops == {m.mentee_id: m.mentor_id for m in solve(problem).matches}

    @pytest.mark.parametrize("objective", ["most_matched", "total_score"])
    def test_dense_first_try_refused(self, objective: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """A dense part whose quick first OR-tools answer is wrong is solved again, exactly."""
        pytest.importorskip("ortools")
        import ementoring.matching._solvers._ortools as solver

        calls: list[int] = []
        original = solver._ortools_chosen

        def counted(*arguments: object) -> object:
            calls.append(1)
            return original(*arguments)  # type: ignore[arg-type]

        # A first step of 0: OR-tools sees the tie hashes alone, and picks badly.
        monkeypatch.setattr(solver, "_DENSE_FIRST_STEP", 0)
        monkeypatch.setattr(solver, "_ortools_chosen", counted)
        problem = collision_problem(60, 8, 4, seed=3)
        found = solve(problem, objective=objective, backend="ortools")
        assert len(calls) == 2  # refused, then solved with the exact step
        assert found == solve(problem, objective=objective, backend="python")
        verify(problem, found)

    @pytest.mark.parametrize("objective", ["most_matched", "total_score"])
    def test_many_collisions(self, objective: str) -> None:
        """Forty colliding groups sharing two mentors of many seats: one result on every back-end."""
        mentees = sorted({m for group in colliding_mentees(40) for m in group})
        problem = MatchingProblem(
            [Mentor("x", capacity=len(mentees) // 3), Mentor("y", capacity=len(mentees) // 3)],
            [Mentee(m) for m in mentees],
            [flat(0.5)],
        )
        reference = solve(problem, objective=objective, backend="python")
        verify(problem, reference)
        for backend in ("scipy", "ortools"):
            pytest.importorskip(backend)
            assert solve(problem, objective=objective, backend=backend) == reference

    @pytest.mark.parametrize("objective", ["most_matched", "total_score"])
    @pytest.mark.parametrize("seed", range(3))
    def test_collision_heavy(self, objective: str, seed: int) -> None:
        """300 x 60 dense with three score levels: every back-end returns the very same result."""
        problem = collision_problem(300, 60, 2, seed)
        reference = solve(problem, objective=objective, backend="python")
        verify(problem, reference)
        for backend in ("scipy", "ortools"):
            pytest.importorskip(backend)
            assert solve(problem, objective=objective, backend=backend) == reference

    @settings(max_examples=25, deadline=None)
    @given(st.integers(2, 30), st.integers(1, 8), st.integers(1, 3), st.randoms())
    def test_flat_scores_and_input_order(
        self, mentees: int, mentors: int, seats: int, rnd: random.Random
    ) -> None:
        """All scores equal and the people shuffled: one result on every back-end and order."""
        problem = MatchingProblem(
            [Mentor(f"r{j}", capacity=seats) for j in range(mentors)],
            [Mentee(f"e{i}") for i in range(mentees)],
            [flat(0.5)],
        )
        reference = solve(problem, backend="python")
        shuffled_mentors, shuffled_mentees = list(problem.mentors), list(problem.mentees)
        rnd.shuffle(shuffled_mentors)
        rnd.shuffle(shuffled_mentees)
        shuffled = MatchingProblem(shuffled_mentors, shuffled_mentees, problem.criteria)
        for backend in ("python", "scipy", "ortools"):
            if backend != "python":
                pytest.importorskip(backend)
            assert solve(shuffled, backend=backend) == reference

    def test_auto_prefers_ortools(self) -> None:
        """With OR-tools installed, auto gives what OR-tools gives (and what Python gives)."""
        pytest.importorskip("ortools")
        problem = collision_problem(120, 30, 4, 7)
        assert (
            solve(problem) == solve(problem, backend="ortools") == solve(problem, backend="python")
        )

    def test_unknown_backend(self) -> None:
        """An unknown back-end is a ValidationError naming the choices."""
        problem = collision_problem(2, 2, 1, 0)
        with pytest.raises(ValidationError, match="ortools"):
            solve(problem, backend="gurobi")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="backend"):
            solve(problem, backend=None)  # type: ignore[arg-type]

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Asking for a back-end whose extra is missing names the pip command."""
        import sys

        # A None entry makes the import fail, as if OR-tools were not installed.
        monkeypatch.setitem(sys.modules, "ortools.graph.python.min_cost_flow", None)
        problem = collision_problem(2, 2, 1, 0)
        with pytest.raises(MissingExtraError, match=r"ementoring\[ortools\]"):
            solve(problem, backend="ortools")


class TestGreedyScale:
    def test_rounding_twins_tie(self) -> None:
        """7/12 computed two ways is one score: the tie goes to the lower mentee id."""
        # 0.5833333333333333 and 0.5833333333333334: equal in millionths.
        first, second = 7 / 12, 0.25 + 1 / 3
        assert first != second
        table = {("r", "a"): second, ("r", "b"): first}
        fit = Criterion("fit", lambda mentor, mentee: table[mentor.id, mentee.id])
        problem = MatchingProblem([Mentor("r")], [Mentee("b"), Mentee("a")], [fit])
        (match,) = greedy_fill(problem)
        assert match.mentee_id == "a"
        assert match.score == second


class TestVectorisedGains:
    @given(st.lists(st.tuples(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1)), min_size=1))
    def test_tie_bits_match_the_exact_product(self, keys: list[tuple[int, int]]) -> None:
        """The uint64 arithmetic gives bits 64 to 79 of each exact 128-bit product."""
        np = pytest.importorskip("numpy")
        from ementoring.matching._gains import pair_hash
        from ementoring.matching._solvers._arrays import tie_bits

        a = np.asarray([x for x, _ in keys], dtype=np.uint64)
        b = np.asarray([y for _, y in keys], dtype=np.uint64)
        index = np.arange(len(keys))
        found = tie_bits(a, index, b, index[::-1]) + 1
        assert found.tolist() == [
            pair_hash(x, y) for x, (_, y) in zip(a.tolist(), keys[::-1], strict=True)
        ]

    @settings(max_examples=50)
    @given(
        st.lists(st.lists(st.integers(0, 10**6), min_size=1, max_size=4), min_size=1, max_size=5),
        st.integers(0, 2**64 - 1),
        st.sampled_from([0, 10**20]),
    )
    def test_array_gains_are_the_python_gains(
        self, units: list[list[int]], seed: int, bonus: int
    ) -> None:
        """PairUnits.relative (arrays) and PairUnits.gains (Python integers) agree pair by pair."""
        np = pytest.importorskip("numpy")
        from ementoring.matching._solvers import PairUnits

        rnd = random.Random(seed)
        mentors = [rnd.sample(range(4), len(row)) for row in units]
        scores = PairUnits(
            mentors,
            units,
            [rnd.getrandbits(64) for _ in units],
            [rnd.getrandbits(64) for _ in range(4)],
            65537 * 50,
        )
        mentee = np.repeat(np.arange(len(units)), [len(row) for row in units])
        mentor = np.asarray([j for row in mentors for j in row], dtype=np.int64)
        expected = [g - bonus for row in scores.gains(bonus) for g in row]
        units_array = scores.units_array(len(mentee))
        assert scores.relative(units_array, mentee, mentor).tolist() == expected
