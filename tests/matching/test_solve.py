"""Laws of solve and verify on small random problems, against brute force."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.errors import MatchingError
from ementoring.matching import MatchingProblem, MatchingResult, solve, verify
from ementoring.matching._gains import tie_hash
from ementoring.matching._solvers import Component, Solution, solve_python
from tests.matching.strategies import problems

Pair = tuple[str, str]


def allowed_pairs(problem: MatchingProblem) -> dict[Pair, float]:
    """Every allowed, not pinned, (mentor_id, mentee_id) pair and its score, computed plainly."""
    total = sum(c.weight for c in problem.criteria)
    found = {}
    for mentor in problem.mentors:
        for mentee in problem.mentees:
            pair = (mentor.id, mentee.id)
            if pair in problem.forbidden or pair in problem.pinned:
                continue
            scores = [(c, c.score(mentor, mentee)) for c in problem.criteria]
            if any(c.required and s == 0 for c, s in scores):
                continue
            score = sum(c.weight * s for c, s in scores) / total
            if score >= problem.min_score:
                found[pair] = score
    return found


def feasible_sets(problem: MatchingProblem) -> list[tuple[Pair, ...]]:
    """Every set of allowed pairs that fits the capacities left after the pinned pairs."""
    room = {m.id: m.capacity for m in problem.mentors} | {m.id: m.capacity for m in problem.mentees}
    for mentor_id, mentee_id in problem.pinned:
        room[mentor_id] -= 1
        room[mentee_id] -= 1
    pairs = sorted(allowed_pairs(problem))
    result = []
    for size in range(len(pairs) + 1):
        for subset in itertools.combinations(pairs, size):
            used: dict[str, int] = {}
            for mentor_id, mentee_id in subset:
                used[mentor_id] = used.get(mentor_id, 0) + 1
                used[mentee_id] = used.get(mentee_id, 0) + 1
            if all(count <= room[person] for person, count in used.items()):
                result.append(subset)
    return result


def free_pairs(result: MatchingResult) -> tuple[Pair, ...]:
    return tuple(sorted((m.mentor_id, m.mentee_id) for m in result.matches if not m.pinned))


def units(score: float) -> int:
    return round(score * 1_000_000)


def brute_force(
    problem: MatchingProblem, objective: str
) -> tuple[tuple[int, ...], set[tuple[Pair, ...]]]:
    """The best objective value and every feasible set reaching it, tie hash included."""
    scores = allowed_pairs(problem)
    best: tuple[int, ...] | None = None
    winners: set[tuple[Pair, ...]] = set()
    for subset in feasible_sets(problem):
        total = sum(units(scores[p]) for p in subset)
        ties = sum(tie_hash(p[1], p[0]) for p in subset)
        value = (len(subset), total, ties) if objective == "most_matched" else (total, ties)
        if best is None or value > best:
            best, winners = value, {subset}
        elif value == best:
            winners.add(subset)
    assert best is not None
    return best, winners


def value_of(problem: MatchingProblem, result: MatchingResult, objective: str) -> tuple[int, ...]:
    scores = allowed_pairs(problem)
    pairs = free_pairs(result)
    total = sum(units(scores[p]) for p in pairs)
    ties = sum(tie_hash(p[1], p[0]) for p in pairs)
    return (len(pairs), total, ties) if objective == "most_matched" else (total, ties)


class TestOptimality:
    @settings(max_examples=150)
    @given(problems(), st.sampled_from(["most_matched", "total_score"]))
    def test_equals_brute_force(self, problem: MatchingProblem, objective: str) -> None:
        """The solver's value equals the best of all feasible assignments; a unique best is returned."""
        result = solve(problem, objective=objective, backend="python")
        best, winners = brute_force(problem, objective)
        assert value_of(problem, result, objective) == best
        if len(winners) == 1:
            assert free_pairs(result) == next(iter(winners))

    @given(problems(), st.sampled_from(["most_matched", "total_score", "stable"]))
    def test_verify_passes(self, problem: MatchingProblem, objective: str) -> None:
        """verify accepts every result solve returns."""
        verify(problem, solve(problem, objective=objective))

    @given(problems())
    def test_most_matched_never_matches_fewer(self, problem: MatchingProblem) -> None:
        """most_matched makes at least as many pairs as total_score, which scores at least as much."""
        most = solve(problem, objective="most_matched")
        best = solve(problem, objective="total_score")
        assert len(most.matches) >= len(best.matches)
        assert best.total_score >= most.total_score - 1e-9

    @given(problems(), st.randoms(use_true_random=False))
    def test_shuffling_changes_nothing(self, problem: MatchingProblem, rnd: random.Random) -> None:
        """The result does not depend on the order of mentors, mentees or pinned pairs."""
        mentors, mentees, pinned = (
            list(problem.mentors),
            list(problem.mentees),
            list(problem.pinned),
        )
        rnd.shuffle(mentors)
        rnd.shuffle(mentees)
        rnd.shuffle(pinned)
        shuffled = MatchingProblem(
            mentors,
            mentees,
            problem.criteria,
            forbidden=problem.forbidden,
            pinned=pinned,
            min_score=problem.min_score,
        )
        for objective in ("most_matched", "total_score", "stable"):
            assert solve(shuffled, objective=objective) == solve(problem, objective=objective)


class TestFeasibility:
    @given(problems(), st.sampled_from(["most_matched", "total_score", "stable"]))
    def test_rules_hold(self, problem: MatchingProblem, objective: str) -> None:
        """Capacities, forbidden and pinned pairs hold, and the bookkeeping adds up."""
        result = solve(problem, objective=objective)
        pairs = [(m.mentor_id, m.mentee_id) for m in result.matches]
        assert len(set(pairs)) == len(pairs)
        assert not set(pairs) & set(problem.forbidden)
        assert set(problem.pinned) <= set(pairs)
        for mentor in problem.mentors:
            load = sum(1 for p in pairs if p[0] == mentor.id)
            assert load <= mentor.capacity
            assert result.spare_capacity[mentor.id] == mentor.capacity - load
        for mentee in problem.mentees:
            got = sum(1 for p in pairs if p[1] == mentee.id)
            assert got <= mentee.capacity
            assert (mentee.id in result.unmatched) == (got < mentee.capacity)
        keys = [(m.mentee_id, m.mentor_id) for m in result.matches]
        assert keys == sorted(keys)
        assert result.total_score == pytest.approx(sum(m.score for m in result.matches))

    @given(problems(), st.sampled_from(["most_matched", "total_score", "stable"]))
    def test_unmatched_reasons_are_true(self, problem: MatchingProblem, objective: str) -> None:
        """no_allowed_mentor means no allowed pair left; mentors_full names full mentors and their holders."""
        result = solve(problem, objective=objective)
        allowed = allowed_pairs(problem)
        for mentee_id, why in result.unmatched.items():
            mine = {m.mentor_id for m in result.matches if m.mentee_id == mentee_id}
            others = {r for (r, e) in allowed if e == mentee_id and r not in mine}
            if why.reason == "no_allowed_mentor":
                assert not others
            else:
                assert why.reason == "mentors_full"
                assert set(why.detail) == others
                for mentor_id, holders in why.detail.items():
                    assert result.spare_capacity[mentor_id] == 0
                    assert holders == tuple(
                        sorted(m.mentee_id for m in result.matches if m.mentor_id == mentor_id)
                    )


FAST_BACKENDS = [("scipy", "scipy"), ("ortools", "ortools")]


class TestBackends:
    @pytest.mark.parametrize(("backend", "module"), FAST_BACKENDS)
    @settings(max_examples=60)
    @given(
        problems(mentee_capacity=False, max_mentors=4, max_mentees=5),
        st.sampled_from(["most_matched", "total_score"]),
    )
    def test_fast_identical(
        self, backend: str, module: str, problem: MatchingProblem, objective: str
    ) -> None:
        """Each outside back-end returns the same result as pure Python, and it verifies."""
        pytest.importorskip(module)
        fast = solve(problem, objective=objective, backend=backend)  # type: ignore[arg-type]
        assert fast == solve(problem, objective=objective, backend="python")
        verify(problem, fast)

    @pytest.mark.parametrize(("backend", "module"), FAST_BACKENDS)
    @settings(max_examples=60)
    @given(
        problems(max_mentors=3, max_mentees=4),
        st.sampled_from(["most_matched", "total_score"]),
    )
    def test_fast_with_mentee_capacity(
        self, backend: str, module: str, problem: MatchingProblem, objective: str
    ) -> None:
        """Mentees wanting several mentors: OR-tools solves them, scipy leaves them to Python.

        Either way the same result as pure Python, and it verifies.
        """
        pytest.importorskip(module)
        fast = solve(problem, objective=objective, backend=backend)  # type: ignore[arg-type]
        assert fast == solve(problem, objective=objective, backend="python")
        verify(problem, fast)


class TestVerifyRejects:
    @given(problems(pins=False))
    def test_a_worse_result(self, problem: MatchingProblem) -> None:
        """Dropping a pair from an optimal result makes verify fail."""
        result = solve(problem)
        if not result.matches:
            return
        dropped = result.matches[0]
        spare = dict(result.spare_capacity)
        spare[dropped.mentor_id] += 1
        worse = MatchingResult(
            objective=result.objective,
            matches=result.matches[1:],
            unmatched=result.unmatched,
            spare_capacity=spare,
            total_score=sum(m.score for m in result.matches[1:]),
            certificate=result.certificate,
        )
        with pytest.raises(MatchingError):
            verify(problem, worse)

    @given(problems())
    def test_a_result_for_another_objective(self, problem: MatchingProblem) -> None:
        """A total_score result passes as most_matched only if it is also optimal for it."""
        result = solve(problem, objective="total_score")
        relabelled = MatchingResult(
            objective="most_matched",
            matches=result.matches,
            unmatched=result.unmatched,
            spare_capacity=result.spare_capacity,
            total_score=result.total_score,
            certificate=result.certificate,
        )
        with pytest.raises(MatchingError):
            verify(problem, relabelled)

    def test_missing_certificate(self) -> None:
        """An optimised result without its certificate proves nothing."""
        from ementoring.matching import Mentee, Mentor, same_field

        problem = MatchingProblem([Mentor("ana")], [Mentee("olga")], [same_field()])
        result = solve(problem)
        bare = MatchingResult(
            objective=result.objective,
            matches=result.matches,
            unmatched=result.unmatched,
            spare_capacity=result.spare_capacity,
            total_score=result.total_score,
        )
        with pytest.raises(MatchingError, match="certificate"):
            verify(problem, bare)


def medium_problem(seed: int, mentees: int, seats: int, wanting: int = 1) -> MatchingProblem:
    """A random problem of a few hundred pairs, with every kind of tie.

    Every third mentee wants ``wanting`` mentors.
    """
    from ementoring.matching import Mentee, Mentor
    from tests.matching.strategies import table_criterion

    rnd = random.Random(seed)
    mentors = [Mentor(f"r{k}", capacity=seats) for k in range(15)]
    people = [Mentee(f"e{k}", capacity=wanting if k % 3 == 0 else 1) for k in range(mentees)]
    table = {
        (r.id, e.id): rnd.choice((0.0, 0.0, 0.25, 0.5, 0.75, 1.0)) for r in mentors for e in people
    }
    return MatchingProblem(mentors, people, [table_criterion("fit", table, required=True)])


class TestBackendsMedium:
    @pytest.mark.parametrize("backend", ["scipy", "ortools"])
    @pytest.mark.parametrize("seed", range(4))
    @pytest.mark.parametrize(("mentees", "seats"), [(40, 4), (80, 4)])
    @pytest.mark.parametrize("objective", ["most_matched", "total_score"])
    @pytest.mark.parametrize("wanting", [1, 2])
    def test_identical_and_verified(
        self, backend: str, seed: int, mentees: int, seats: int, objective: str, wanting: int
    ) -> None:
        """With and without seats for everyone, each outside back-end and Python agree and verify.

        Also when every third mentee wants two mentors.
        """
        pytest.importorskip(backend)
        problem = medium_problem(seed, mentees, seats, wanting)
        fast = solve(problem, objective=objective, backend=backend)  # type: ignore[arg-type]
        verify(problem, fast)
        assert fast == solve(problem, objective=objective, backend="python")


class TestVerifyTampering:
    @pytest.mark.parametrize("seed", range(3))
    def test_zero_prices(self, seed: int) -> None:
        """Prices of zero cannot prove a result with competition for seats optimal."""
        import attrs

        problem = medium_problem(seed, 40, 2)
        result = solve(problem)
        assert result.certificate is not None
        zero = attrs.evolve(
            result.certificate,
            mentor_price=dict.fromkeys(result.certificate.mentor_price, 0),
            mentee_surplus=dict.fromkeys(result.certificate.mentee_surplus, 0),
        )
        with pytest.raises(MatchingError, match="would improve"):
            verify(problem, attrs.evolve(result, certificate=zero))

    @pytest.mark.parametrize("seed", range(3))
    def test_price_on_a_free_seat(self, seed: int) -> None:
        """A mentor with a free seat cannot have a price (complementary slackness)."""
        import attrs

        problem = medium_problem(seed, 20, 4)
        result = solve(problem)
        assert result.certificate is not None
        free = next(m for m, spare in sorted(result.spare_capacity.items()) if spare > 0)
        prices = dict(result.certificate.mentor_price)
        prices[free] += 1
        forged = attrs.evolve(result.certificate, mentor_price=prices)
        with pytest.raises(MatchingError, match="free seat"):
            verify(problem, attrs.evolve(result, certificate=forged))


@st.composite
def builtin_problems(draw: st.DrawFn) -> MatchingProblem:
    """People with overlapping fields, languages, topics and zones, scored by built-in criteria."""
    from datetime import UTC, datetime

    from ementoring.matching import (
        Criterion,
        Mentee,
        Mentor,
        attribute_equal,
        same_field,
        shared_language,
        timezone_gap,
        topic_fit,
    )

    words = st.lists(st.sampled_from(["HR", "hr ", "IT", "Law", "  law", "x"]), max_size=3)
    zones = st.sampled_from([None, "Europe/Moscow", "America/Toronto", "Asia/Jerusalem"])
    mentors = [
        Mentor(
            f"r{k}",
            zone=draw(zones),
            languages=draw(words),
            fields=draw(words),
            offers=draw(words),
            attributes={"city": draw(st.sampled_from(["a", "b"]))},
        )
        for k in range(draw(st.integers(0, 6)))
    ]
    mentees = [
        Mentee(
            f"e{k}",
            zone=draw(zones),
            languages=draw(words),
            fields=draw(words),
            goals=draw(words),
            attributes={"city": draw(st.sampled_from(["a", "b"]))},
        )
        for k in range(draw(st.integers(0, 6)))
    ]
    available = [
        same_field(required=draw(st.booleans()), weight=draw(st.sampled_from([1, 3]))),
        shared_language(required=draw(st.booleans())),
        topic_fit(weight=draw(st.sampled_from([1, 2])), required=draw(st.booleans())),
        timezone_gap(at=datetime(2026, 3, 16, tzinfo=UTC), max_hours=draw(st.sampled_from([3, 8]))),
        attribute_equal("city", required=draw(st.booleans())),
        Criterion("length", lambda r, e: len(r.id + e.id) / 10, required=draw(st.booleans())),
    ]
    criteria = draw(st.lists(st.sampled_from(available), min_size=1, unique_by=lambda c: c.name))
    pairs = [(r.id, e.id) for r in mentors for e in mentees]
    forbidden = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3)) if pairs else []
    return MatchingProblem(
        mentors,
        mentees,
        criteria,
        forbidden=forbidden,
        min_score=draw(st.sampled_from([0.0, 0.0, 0.4])),
    )


class TestScoring:
    @settings(max_examples=150)
    @given(builtin_problems())
    def test_columns_equal_pair_by_pair(self, problem: MatchingProblem) -> None:
        """Scoring by columns (bitsets, zone tables) gives the plain per-pair floats exactly."""
        from ementoring.matching._scorer import PairScorer

        scorer = PairScorer(problem)
        for i in range(len(scorer.mentees)):
            assert scorer.allowed(i) == scorer.allowed_reference(i)

    @pytest.mark.parametrize("bad", [1.5, -0.1, float("nan"), "x"])
    def test_bad_score_named_by_either_path(self, bad: float) -> None:
        """A criterion scoring outside [0, 1] raises ValidationError naming the pair."""
        from ementoring.errors import ValidationError
        from ementoring.matching import Criterion, Mentee, Mentor, topic_fit

        def odd_score(mentor: Mentor, mentee: Mentee) -> float:
            return bad if (mentor.id, mentee.id) == ("r1", "e0") else 0.5

        odd = Criterion("odd", odd_score)
        problem = MatchingProblem([Mentor("r0"), Mentor("r1")], [Mentee("e0")], [topic_fit(), odd])
        with pytest.raises(ValidationError, match=r"odd.*mentor='r1', mentee='e0'"):
            solve(problem)

    def test_builtins_score_in_bulk(self) -> None:
        """The built-in criteria carry a bulk scorer (else the law above is idle); a bare score does not."""
        from datetime import UTC, datetime

        from ementoring.matching import (
            Criterion,
            same_field,
            shared_language,
            timezone_gap,
            topic_fit,
        )

        at = datetime(2026, 3, 16, tzinfo=UTC)
        for criterion in (same_field(), shared_language(), topic_fit(), timezone_gap(at=at)):
            assert criterion.bulk is not None, criterion.name
        assert Criterion("own", topic_fit().score).bulk is None

    def test_a_custom_bulk_scorer_is_used_and_checked(self) -> None:
        """A custom criterion's bulk scorer replaces the calls per pair; values it gets wrong
        (outside [0, 1], NaN, too few) send that mentee's pairs back to the score, and a bad
        score is still named."""
        from ementoring.errors import ValidationError
        from ementoring.matching import Criterion, Mentee, Mentor

        def years(mentor: Mentor, mentee: Mentee) -> float:
            return int(mentor.id.removeprefix("r")) / 10

        calls: list[str] = []

        def bulk(mentors: Sequence[Mentor]) -> Callable[[Mentee, Sequence[int]], list[float]]:
            table = [years(mentor, Mentee("anyone")) for mentor in mentors]

            def scores(mentee: Mentee, positions: Sequence[int]) -> list[float]:
                calls.append(mentee.id)
                return [table[j] for j in positions]

            return scores

        mentors = [Mentor(f"r{k}") for k in range(8)]
        mentees = [Mentee(f"e{k}") for k in range(5)]
        plain = MatchingProblem(mentors, mentees, [Criterion("seniority", years)])
        fast = MatchingProblem(mentors, mentees, [Criterion("seniority", years, bulk=bulk)])
        assert solve(fast) == solve(plain)
        assert calls == [m.id for m in mentees]
        for wrong in ([1.5], [float("nan")], []):
            odd = Criterion("seniority", years, bulk=always(wrong))
            assert solve(MatchingProblem(mentors, mentees, [odd])) == solve(plain)
        bad = Criterion("seniority", lambda r, e: 2.0, bulk=always([2.0]))
        with pytest.raises(ValidationError, match=r"seniority.*mentor='r0', mentee='e0'"):
            solve(MatchingProblem(mentors, mentees, [bad]))


def always(values: list[float]) -> Callable[[Sequence[Any]], Callable[..., list[float]]]:
    """A bulk scorer that gives ``values`` repeated once per mentor asked for."""
    return lambda _mentors: lambda _mentee, positions: values * len(positions)


def medium_component(seed: int, mentees: int, seats: int) -> tuple[Component, Solution]:
    """The largest component of :func:`medium_problem` and its Python solution."""
    from ementoring.matching import _assign
    from ementoring.matching._gains import IntegerGains
    from ementoring.matching._scorer import PairScorer, ScoredPairs

    scored = ScoredPairs(PairScorer(medium_problem(seed, mentees, seats)))
    gains = IntegerGains(scored.max_pairs(), "most_matched")
    component = max(_assign._components(scored, gains), key=lambda c: len(c.mentees))
    return component, solve_python(component)


class TestCertificates:
    @pytest.mark.parametrize("seed", range(3))
    def test_distances_do_not_depend_on_potentials(self, seed: int) -> None:
        """The label-correcting search finds the same canonical distances from any potentials."""
        from ementoring.matching._solvers._python import _distances_to_sink

        component, solution = medium_component(seed, 40, 2)
        n, m = len(component.mentee_room), len(component.mentor_room)
        assigned: list[dict[int, int]] = [{} for _ in range(n)]
        holders: list[dict[int, int]] = [{} for _ in range(m)]
        for i, j in solution.chosen:
            assigned[i][j] = holders[j][i] = dict(component.adjacency[i])[j]
        rnd = random.Random(seed)
        for h_mentee, h_mentor in [
            ([0] * n, [0] * m),
            ([rnd.randrange(10**9) for _ in range(n)], [rnd.randrange(10**9) for _ in range(m)]),
        ]:
            found = _distances_to_sink(component, assigned, holders, h_mentee, h_mentor, 0)
            assert found is not None
            mentee, mentor = found
            assert [max(0, -d) for d in mentee] == solution.mentee_dual
            assert [max(0, d) for d in mentor] == solution.mentor_dual

    @pytest.mark.parametrize("seed", range(3))
    def test_certify_accepts_and_rejects(self, seed: int) -> None:
        """certify accepts the solver's answer and rejects a worse price, a repeat or a stranger."""
        pytest.importorskip("numpy")
        from ementoring.matching._solvers import certify

        component, solution = medium_component(seed, 40, 2)
        assert certify(component, solution)
        assert solution.chosen
        u, v = solution.mentee_dual, solution.mentor_dual
        i, j = solution.chosen[0]
        slack = u[i] + v[j] - dict(component.adjacency[i])[j]
        dearer = [x + (1 - slack if k == j else 0) for k, x in enumerate(v)]
        assert not certify(component, Solution(solution.chosen, u, dearer))
        repeated = [*solution.chosen, solution.chosen[0]]
        assert not certify(component, Solution(repeated, u, v))
        allowed = {k for k, _ in component.adjacency[i]}
        stranger = next((k for k in range(len(v)) if k not in allowed), None)
        if stranger is not None:
            chosen = sorted([*(p for p in solution.chosen if p != (i, j)), (i, stranger)])
            assert not certify(component, Solution(chosen, u, v))
        assert not certify(component, Solution(solution.chosen, [-1, *u[1:]], v))


@st.composite
def components(draw: st.DrawFn, *, mentee_room: int = 1) -> Component:
    """Small random components: few distinct gains (many ties), mentor capacities 1 to 3."""
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 5))
    levels = draw(st.lists(st.integers(1, 40), min_size=1, max_size=3))
    adjacency = []
    for _ in range(n):
        mentors = draw(st.lists(st.integers(0, m - 1), min_size=1, max_size=m, unique=True))
        adjacency.append(sorted((j, draw(st.sampled_from(levels))) for j in mentors))
    rooms = draw(st.lists(st.integers(1, 3), min_size=m, max_size=m))
    return Component(
        list(range(n)),
        list(range(m)),
        [draw(st.integers(1, mentee_room)) for _ in range(n)],
        rooms,
        adjacency,
        price_step=draw(st.sampled_from([1, 5, 100])),
    )


def best_total(component: Component) -> int:
    """The greatest total gain of any feasible assignment, by exhaustive search."""
    load = [0] * len(component.mentor_room)

    def best_from(i: int) -> int:
        if i == len(component.adjacency):
            return 0
        best = 0
        edges = component.adjacency[i]
        for size in range(component.mentee_room[i] + 1):
            for subset in itertools.combinations(edges, size):
                if any(load[j] >= component.mentor_room[j] for j, _ in subset):
                    continue
                for j, _ in subset:
                    load[j] += 1
                best = max(best, sum(g for _, g in subset) + best_from(i + 1))
                for j, _ in subset:
                    load[j] -= 1
        return best

    return best_from(0)


def total_gain(component: Component, chosen: list[tuple[int, int]]) -> int:
    return sum(dict(component.adjacency[i])[j] for i, j in chosen)


class TestSolverLaws:
    @settings(max_examples=150)
    @given(components(mentee_room=2))
    def test_warm_start_changes_nothing(self, component: Component) -> None:
        """With or without the bidding warm start: the same optimum and the same duals."""
        import ementoring.matching._solvers._python as solver

        found = solve_python(component)

        def plain(
            component: Component, holders: object, assigned: object, h_mentor: object
        ) -> list[int]:
            return [max((g for _, g in edges), default=0) for edges in component.adjacency]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(solver, "_warm_start", plain)
            reference = solve_python(component)
        assert total_gain(component, found.chosen) == best_total(component)
        assert total_gain(component, reference.chosen) == best_total(component)
        assert found.mentee_dual == reference.mentee_dual
        assert found.mentor_dual == reference.mentor_dual

    @settings(max_examples=200)
    @given(components(mentee_room=2))
    def test_warm_start_leaves_a_valid_state(self, component: Component) -> None:
        """After bidding: capacities hold and every residual reduced cost is non-negative."""
        from ementoring.matching._solvers._python import _warm_start

        n, m = len(component.mentee_room), len(component.mentor_room)
        holders: list[dict[int, int]] = [{} for _ in range(m)]
        assigned: list[dict[int, int]] = [{} for _ in range(n)]
        h_mentor = [0] * m
        h_mentee = _warm_start(component, holders, assigned, h_mentor)
        for i, edges in enumerate(component.adjacency):
            assert len(assigned[i]) <= component.mentee_room[i]
            for j, gain in edges:
                if j in assigned[i]:
                    assert holders[j][i] == assigned[i][j] == gain
                    assert gain + h_mentor[j] - h_mentee[i] >= 0  # leaving the pair
                else:
                    assert i not in holders[j]
                    assert -gain + h_mentee[i] - h_mentor[j] >= 0  # taking the pair
            if assigned[i]:
                assert h_mentee[i] >= 0  # becoming unassigned (the sink's h is 0)
        for j in range(m):
            assert len(holders[j]) <= component.mentor_room[j]
            assert h_mentor[j] <= 0
            if len(holders[j]) < component.mentor_room[j]:
                assert h_mentor[j] == 0  # a free seat is a zero-cost exit

    @settings(max_examples=200)
    @given(components(), st.sampled_from([0, 10**4, 2**70]))
    def test_scipy_exact(self, component: Component, bonus: int) -> None:
        """scipy's answer, certified in int64, is optimal with the canonical duals of Python's.

        With a bonus of 2**70 ("most_matched" on a very large problem) the
        int64 arrays hold a stand-in for it, and the duals still decode exactly.
        """
        pytest.importorskip("scipy")
        from ementoring.matching._solvers import certify, solve_scipy

        if bonus:  # "most_matched": every gain carries the bonus
            component = Component(
                component.mentees,
                component.mentors,
                component.mentee_room,
                component.mentor_room,
                [[(j, g + bonus) for j, g in edges] for edges in component.adjacency],
                bonus,
            )
        fast = solve_scipy(component)
        python = solve_python(component)
        assert fast is not None  # certified: no fallback on these
        assert certify(component, fast)
        assert total_gain(component, fast.chosen) == total_gain(component, python.chosen)
        assert fast.mentee_dual == python.mentee_dual
        assert fast.mentor_dual == python.mentor_dual

    @settings(max_examples=200)
    @given(components(mentee_room=2), st.randoms(use_true_random=False), st.booleans())
    def test_exact_distances_reject_worse(
        self, component: Component, rnd: random.Random, check_cycles_at_once: bool
    ) -> None:
        """A feasible assignment worth less than the optimum gets no certificate.

        Mentees may want two mentors. Also with the negative-cycle checks from the first round (on large
        parts they begin after hundreds of rounds): they stop the search on
        exactly the assignments that are not optimal.
        """
        pytest.importorskip("numpy")
        import ementoring.matching._solvers._certificate as solver

        with pytest.MonkeyPatch.context() as monkeypatch:
            if check_cycles_at_once:
                monkeypatch.setattr(solver, "_ROUNDS_BEFORE_CYCLE_CHECKS", 1)
                monkeypatch.setattr(solver, "_CYCLE_CHECK_EVERY", 1)
            self._reject_worse(component, rnd)

    @settings(max_examples=200)
    @given(
        st.integers(1, 7),
        st.integers(1, 4),
        st.randoms(use_true_random=False),
        st.sampled_from([0, 10**4, 2**70]),
    )
    def test_dense_distances_are_the_pairwise_ones(
        self, n: int, m: int, rnd: random.Random, bonus: int
    ) -> None:
        """On a dense part the mentors' matrix steps give the label-correcting distances.

        Optimal or not (then both refuse), with and without seats for
        everyone, under both objectives (a bonus, even one past 64 bits, or none).
        """
        np = pytest.importorskip("numpy")
        from ementoring.matching._solvers._certificate import _dense_distances, _sparse_distances
        from ementoring.matching._solvers._edges import chosen_counts, edge_arrays

        levels = [rnd.randint(1, 40) for _ in range(rnd.randint(1, 3))]
        rooms = [rnd.randint(1, 3) for _ in range(m)]
        component = Component(
            list(range(n)),
            list(range(m)),
            [1] * n,
            rooms,
            [[(j, bonus + rnd.choice(levels)) for j in range(m)] for _ in range(n)],
            bonus,
        )
        load = [0] * m
        drawn = []
        for _ in range(n):
            j = rnd.choice([-1, *[j for j in range(m) if load[j] < rooms[j]]])
            if j >= 0:
                load[j] += 1
            drawn.append(j)
        best = [-1] * n  # an optimal assignment, where both must find the distances
        for i, j in solve_python(component).chosen:
            best[i] = j
        arrays = edge_arrays(component)
        assert arrays is not None
        for partner in (best, drawn):
            chosen = arrays.mentor == np.asarray(partner)[arrays.mentee]
            loads = chosen_counts(arrays, chosen)
            assert loads is not None
            dense = _dense_distances(arrays, chosen, *loads)
            pairwise = _sparse_distances(arrays, chosen, *loads)
            assert (dense is None) == (pairwise is None)
            if partner is best:
                assert dense is not None
            if dense is not None and pairwise is not None:
                assert dense[0].tolist() == pairwise[0].tolist()
                assert dense[1].tolist() == pairwise[1].tolist()

    def test_cycles_among_links(self) -> None:
        """_has_cycle: links that close a loop, and links that all end."""
        np = pytest.importorskip("numpy")
        from ementoring.matching._solvers._certificate import _has_cycle

        # Mentees 0, 1; mentors 0, 1 (nodes 2, 3). 0 -> mentor 1 -> 1 -> mentor 0 -> 0: a loop.
        loop = _has_cycle(np.asarray([1, 0]), np.asarray([0, 1]), 2)
        # 0 -> mentor 1 -> 1 -> mentor 0, which links nowhere.
        chain = _has_cycle(np.asarray([1, 0]), np.asarray([-1, 1]), 2)
        # Mentee 1 -> mentor 0 -> mentee 1 (a two-node loop) and mentee 0 led into it.
        led_in = _has_cycle(np.asarray([0, 0]), np.asarray([1, -1]), 2)
        assert (loop, chain, led_in) == (True, False, True)
        nothing = _has_cycle(np.full(3, -1), np.full(2, -1), 3)
        assert not nothing

    @given(
        keys=st.lists(st.integers(0, (1 << 17) - 1), max_size=300),
        wide=st.booleans(),
    )
    @settings(max_examples=60, deadline=None)
    def test_grouping_order_is_the_stable_sort(self, keys: list[int], wide: bool) -> None:
        """grouped_order: the stable ascending order of the keys, on the 16-bit path and the other."""
        np = pytest.importorskip("numpy")
        from ementoring.matching._solvers._arrays import grouped_order

        size = 1 << 17 if wide else 1 << 16
        values = np.asarray([key % size for key in keys], dtype=np.int64)
        order = grouped_order(values, size).tolist()
        # Ascending keys, and equal keys in their first order.
        assert order == sorted(range(len(keys)), key=lambda k: (values[k], k))

    @staticmethod
    def _reject_worse(component: Component, rnd: random.Random) -> None:
        import numpy as np

        from ementoring.matching._solvers._certificate import _certified, _exact_distances
        from ementoring.matching._solvers._edges import chosen_counts, edge_arrays

        load = [0] * len(component.mentor_room)
        chosen_pairs = []
        for i, edges in enumerate(component.adjacency):
            free = [j for j, _ in edges if load[j] < component.mentor_room[j]]
            for j in rnd.sample(free, rnd.randint(0, min(len(free), component.mentee_room[i]))):
                load[j] += 1
                chosen_pairs.append((i, j))
        arrays = edge_arrays(component)
        assert arrays is not None
        picked = set(chosen_pairs)
        chosen = np.asarray(
            [(i, j) in picked for i, j in zip(arrays.mentee, arrays.mentor, strict=True)]
        )
        loads = chosen_counts(arrays, chosen)
        assert loads is not None
        count, mentor_load = loads
        found = _exact_distances(arrays, chosen, count, mentor_load)
        if found is None:
            accepted = False
        else:
            surplus, price = np.maximum(0, -found[0]), np.maximum(0, found[1])
            accepted = _certified(arrays, chosen, count, mentor_load, surplus, price)
        optimal = total_gain(component, chosen_pairs) == best_total(component)
        assert accepted == optimal

    def test_scipy_when_no_full_matching_exists(self) -> None:
        """Seats for everyone but no way to seat everyone: scipy seats the most, and it certifies."""
        pytest.importorskip("scipy")
        from ementoring.matching._solvers import solve_scipy

        bonus = 10**6
        # Mentees 0 and 1 can only have mentor 0 (one seat); mentor 1 has 5 seats for mentee 2.
        component = Component(
            [0, 1, 2],
            [0, 1],
            [1, 1, 1],
            [1, 5],
            [[(0, bonus + 7)], [(0, bonus + 9)], [(1, bonus + 3)]],
            bonus,
        )
        fast = solve_scipy(component)
        assert fast is not None
        assert fast.chosen == [(1, 0), (2, 1)]
        python = solve_python(component)
        assert (fast.mentee_dual, fast.mentor_dual) == (python.mentee_dual, python.mentor_dual)


class TestScipyDenseTies:
    def test_dense_tie_heavy_part_returns(self) -> None:
        """A dense 100 x 100 part with few distinct scores: scipy's full-matching call once never returned."""
        pytest.importorskip("scipy")
        from datetime import UTC, datetime

        from ementoring.matching import (
            Mentee,
            Mentor,
            same_field,
            shared_language,
            timezone_gap,
            topic_fit,
        )

        zones = (
            "America/Toronto",
            "America/Vancouver",
            "Europe/Moscow",
            "Asia/Jerusalem",
            "Europe/Berlin",
        )
        topics = tuple(f"topic {k}" for k in range(12))
        rnd = random.Random(5)
        mentors = [
            Mentor(
                f"r{k:05d}",
                zone=rnd.choice(zones),
                languages=["English"] + (["Russian"] if rnd.random() < 0.5 else []),
                fields=["field 0"],
                offers=rnd.sample(topics, 4),
            )
            for k in range(100)
        ]
        mentees = [
            Mentee(
                f"e{k:05d}",
                zone=rnd.choice(zones),
                languages=["Russian"] + (["English"] if rnd.random() < 0.9 else []),
                fields=["field 0"],
                goals=rnd.sample(topics, 3),
            )
            for k in range(100)
        ]
        at = datetime(2026, 3, 16, tzinfo=UTC)
        criteria = [same_field(), shared_language(required=False), topic_fit(weight=2)]
        problem = MatchingProblem(mentors, mentees, [*criteria, timezone_gap(at=at)])
        fast = solve(problem, backend="scipy")
        verify(problem, fast)
        assert fast == solve(problem, backend="python")
