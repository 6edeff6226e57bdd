"""greedy_fill, the baseline, and the recipes that make built-in criteria storable."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from ementoring.matching import (
    BUILTIN_CRITERIA,
    Criterion,
    MatchingProblem,
    Recipe,
    attribute_differs,
    attribute_equal,
    average_overlap,
    greedy_fill,
    regular_time,
    same_field,
    schedule_overlap,
    shared_language,
    solve,
    timezone_gap,
    topic_fit,
)
from ementoring.scheduling import Interval
from tests.matching.strategies import problems

AT = datetime(2026, 3, 10, 12, tzinfo=UTC)
WEEK = Interval(AT, AT + timedelta(days=7))


class TestGreedyFill:
    @given(problems())
    def test_feasible_and_keeps_pins(self, problem: MatchingProblem) -> None:
        """Greedy respects capacities on both sides, forbidden pairs, and includes every pin."""
        matches = greedy_fill(problem)
        pairs = [(m.mentor_id, m.mentee_id) for m in matches]
        assert len(set(pairs)) == len(pairs)
        assert not set(pairs) & set(problem.forbidden_set)
        assert set(problem.pinned) <= set(pairs)
        capacity = {m.id: m.capacity for m in problem.mentors}
        capacity |= {m.id: m.capacity for m in problem.mentees}
        load = Counter(mentor for mentor, _ in pairs) + Counter(mentee for _, mentee in pairs)
        assert all(load[person] <= capacity[person] for person in load)
        assert matches == tuple(sorted(matches, key=lambda m: (m.mentee_id, m.mentor_id)))

    @given(problems())
    def test_never_beats_the_optimum(self, problem: MatchingProblem) -> None:
        """The optimal solver matches at least as many and scores at least as much."""
        greedy = greedy_fill(problem)
        greedy_total = sum(m.score for m in greedy)
        assert len(solve(problem, objective="most_matched").matches) >= len(greedy)
        assert solve(problem, objective="total_score").total_score >= greedy_total - 1e-9

    def test_the_classic_trap(self) -> None:
        """Greedy gives the best pair away; the optimum matches both mentees."""
        from ementoring.matching import Mentee, Mentor

        table = {("x", "a"): 1.0, ("x", "b"): 0.9, ("y", "a"): 0.8}
        fit = Criterion("fit", lambda r, e: table.get((r.id, e.id), 0.0), required=True)
        problem = MatchingProblem([Mentor("x"), Mentor("y")], [Mentee("a"), Mentee("b")], [fit])
        assert [(m.mentor_id, m.mentee_id) for m in greedy_fill(problem)] == [("x", "a")]
        assert len(solve(problem).matches) == 2


BUILT = [
    same_field(weight=2),
    shared_language(),
    topic_fit(required=True),
    timezone_gap(at=AT, max_hours=6),
    attribute_equal("city"),
    attribute_differs("department"),
    schedule_overlap(WEEK, meeting=timedelta(hours=3), required=True, min_share=0.5),
    regular_time(WEEK, meeting=timedelta(minutes=45), step=timedelta(minutes=15)),
    average_overlap(WEEK, target=timedelta(hours=1), required=True, name="overlap"),
]


class TestRecipes:
    @pytest.mark.parametrize("criterion", BUILT, ids=lambda c: c.name)
    def test_every_builtin_records_its_recipe(self, criterion: Criterion) -> None:
        """A built-in criterion names its factory and every argument, defaults included."""
        assert criterion.recipe is not None
        factory = BUILTIN_CRITERIA[criterion.recipe.factory]
        rebuilt = factory(**dict(criterion.recipe.arguments))
        assert rebuilt == criterion
        assert hash(rebuilt) == hash(criterion)

    def test_registry_lists_exactly_the_builtins(self) -> None:
        """The registry holds the nine built-in factories."""
        assert sorted(BUILTIN_CRITERIA) == sorted(c.recipe.factory for c in BUILT if c.recipe)

    def test_different_arguments_differ(self) -> None:
        """Criteria made with other arguments are not equal."""
        assert same_field(weight=2) != same_field(weight=3)
        assert timezone_gap(at=AT) != timezone_gap(at=AT + timedelta(days=180))
        assert same_field().recipe == Recipe("same_field", (("required", False), ("weight", 1.0)))

    def test_custom_criteria_compare_by_their_function(self) -> None:
        """Without a recipe, a criterion equals only one with the same scoring function."""

        def tall(mentor: object, mentee: object) -> float:
            return 1.0

        assert Criterion("tall", tall) == Criterion("tall", tall)
        assert Criterion("tall", tall) != Criterion("tall", lambda r, e: 1.0)
        assert Criterion("tall", tall).recipe is None
