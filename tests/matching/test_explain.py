"""Explanations, unmatched reasons, recommendations and stability."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.errors import UnknownIdError
from ementoring.matching import (
    Match,
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    Outcome,
    Unmatched,
    blocking_pairs,
    explain,
    recommend,
    recommend_all,
    shared_language,
    solve,
    topic_fit,
    verify,
)
from tests.matching.strategies import problems, table_criterion


def two_seekers() -> MatchingProblem:
    """Two mentees want the one mentor who offers both their goals; a second mentor offers one."""
    mentors = [
        Mentor("star", offers=["cv", "visa"], languages=["en"]),
        Mentor("ana", offers=["cv"], languages=["en"]),
        Mentor("dan", offers=["cv", "visa"], languages=["he"]),
    ]
    mentees = [
        Mentee("olga", goals=["cv", "visa"], languages=["en"]),
        Mentee("ivan", goals=["visa"], languages=["EN"]),
    ]
    return MatchingProblem(mentors, mentees, [shared_language(), topic_fit()])


class TestExplain:
    def test_rise_is_exact(self) -> None:
        """The stated rise is the exact gap between the best assignment and the best using the pair."""
        problem = two_seekers()
        result = solve(problem, objective="total_score")
        assert [(m.mentor_id, m.mentee_id) for m in result.matches] == [
            ("star", "ivan"),
            ("ana", "olga"),
        ]
        text = result.explain("olga")
        assert text.startswith("olga is matched with ana (score 0.75:")
        found = re.search(r"Alternative star .* would need a score ([0-9.]+) higher", text)
        assert found is not None
        assert float(found.group(1)) == pytest.approx(0.25)
        assert "Not allowed: dan (no shared_language)." in text

    def test_unknown_mentee(self) -> None:
        """Explaining someone not in the problem raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            solve(two_seekers()).explain("nobody")

    def test_mentors_full_and_leaving_someone_out(self) -> None:
        """An unmatched mentee learns who holds the seats; taking one would unmatch another."""
        problem = MatchingProblem(
            [Mentor("star", offers=["cv"])],
            [Mentee("olga", goals=["cv"]), Mentee("ivan", goals=["cv", "visa"])],
            [topic_fit()],
        )
        result = solve(problem)
        assert result.unmatched["ivan"].reason == "mentors_full"
        assert dict(result.unmatched["ivan"].detail) == {"star": ("olga",)}
        text = result.explain("ivan")
        assert "every allowed mentor is full: star (held by olga)" in text
        assert "would need a score 0.50 higher" in text

    def test_no_allowed_mentor_counts_rules(self) -> None:
        """no_allowed_mentor counts, per rule, the mentors it excludes."""
        problem = MatchingProblem(
            [Mentor("a", languages=["he"]), Mentor("b", languages=["en"]), Mentor("c")],
            [Mentee("olga", languages=["en"])],
            [shared_language(), topic_fit()],
            forbidden=[("b", "olga")],
        )
        result = solve(problem)
        why = result.unmatched["olga"]
        assert why.reason == "no_allowed_mentor"
        assert dict(why.detail) == {"shared_language": 2, "forbidden": 1, "min_score": 0}
        assert "shared_language excludes 2; forbidden excludes 1" in result.explain("olga")

    def test_min_score_counted(self) -> None:
        """Mentors only excluded by min_score are counted under it."""
        problem = MatchingProblem(
            [Mentor("a", offers=["cv"]), Mentor("b")],
            [Mentee("olga", goals=["cv", "visa"])],
            [topic_fit()],
            min_score=0.6,
        )
        why = solve(problem).unmatched["olga"]
        assert dict(why.detail) == {"forbidden": 0, "min_score": 2}

    def test_stable_explanation(self) -> None:
        """A stable result explains alternatives by the scores of those holding the seats."""
        result = solve(two_seekers(), objective="stable")
        # Both score 1.0 with star, so the tie-break decides who gets her.
        (loser,) = [m.mentee_id for m in result.matches if m.mentor_id == "ana"]
        text = result.explain(loser)
        assert f"{loser} is matched with ana" in text
        assert "Alternative star" in text
        assert "ties with a mentee holding a seat" in text
        assert blocking_pairs(two_seekers(), result) == ()

    @settings(max_examples=40)
    @given(problems())
    def test_every_mentee_is_explained(self, problem: MatchingProblem) -> None:
        """explain answers for every mentee, naming each of their mentors."""
        result = solve(problem)
        for mentee in problem.mentees:
            text = result.explain(mentee.id)
            for mentor_id in result.mentors_of(mentee.id):
                assert f" {mentor_id} (score" in text


class TestStable:
    @given(problems())
    def test_no_blocking_pairs(self, problem: MatchingProblem) -> None:
        """Deferred acceptance leaves no blocking pair, and verify agrees."""
        result = solve(problem, objective="stable")
        assert blocking_pairs(problem, result) == ()
        verify(problem, result)

    def test_blocking_pair_found(self) -> None:
        """An optimal-total result can be unstable; blocking_pairs names the pair."""
        scores = {("a", "x"): 1.0, ("a", "y"): 0.75, ("b", "x"): 0.75, ("b", "y"): 0.0}
        problem = MatchingProblem(
            [Mentor("a"), Mentor("b")],
            [Mentee("x"), Mentee("y")],
            [table_criterion("fit", scores)],
        )
        best = solve(problem, objective="total_score")
        assert {(m.mentor_id, m.mentee_id) for m in best.matches} == {("a", "y"), ("b", "x")}
        assert blocking_pairs(problem, best) == (("a", "x"),)
        stable = solve(problem, objective="stable")
        assert {(m.mentor_id, m.mentee_id) for m in stable.matches} == {("a", "x"), ("b", "y")}


class TestRecommend:
    @given(problems())
    def test_recommend_lists_allowed_free_mentors_best_first(
        self, problem: MatchingProblem
    ) -> None:
        """recommend gives allowed mentors with a free seat, by score then id, at most k."""
        pinned_seats = Counter(mentor_id for mentor_id, _ in problem.pinned)
        for mentee in problem.mentees:
            recs = recommend(problem, mentee.id, k=2)
            assert len(recs) <= 2
            keys = [(-round(r.score * 1e6), r.mentor_id) for r in recs]
            assert keys == sorted(keys)
            for rec in recs:
                mentor = problem.mentor(rec.mentor_id)
                assert mentor.capacity - pinned_seats[mentor.id] > 0
                assert (mentor.id, mentee.id) not in problem.forbidden
                assert rec.score >= problem.min_score

    @given(problems())
    def test_fair_exposure(self, problem: MatchingProblem) -> None:
        """No mentor is the top pick of more mentees than they have free seats."""
        pinned_seats = Counter(mentor_id for mentor_id, _ in problem.pinned)
        lists = recommend_all(problem, k=3)
        tops = Counter(recs[0].mentor_id for recs in lists.values() if recs)
        for mentor_id, count in tops.items():
            assert count <= problem.mentor(mentor_id).capacity - pinned_seats[mentor_id]
        for mentee_id, recs in lists.items():
            assert len(recs) <= 3
            allowed = {r.mentor_id for r in recommend(problem, mentee_id, k=100)}
            assert {r.mentor_id for r in recs} <= allowed

    @given(problems(mentee_capacity=False, pins=False))
    def test_fair_exposure_tops_are_solve(self, problem: MatchingProblem) -> None:
        """One mentor each, nothing pinned: the top picks are solve()'s pairs, ties included."""
        lists = recommend_all(problem)
        tops = {mentee_id: recs[0].mentor_id for mentee_id, recs in lists.items() if recs}
        assert tops == {m.mentee_id: m.mentor_id for m in solve(problem).matches}

    @given(problems())
    def test_without_fair_exposure_lists_are_recommend(self, problem: MatchingProblem) -> None:
        """Without fair exposure every list is recommend()'s."""
        lists = recommend_all(problem, k=2, fair_exposure=False)
        for mentee_id, recs in lists.items():
            assert recs == recommend(problem, mentee_id, k=2)


@given(problems())
def test_solved_matches_equal_checked_ones(problem: MatchingProblem) -> None:
    """solve() builds matches and reasons without re-checking: they equal the checked ones."""
    result = solve(problem)
    for match in result.matches:
        checked = Match(
            match.mentor_id, match.mentee_id, match.score, dict(match.breakdown), match.pinned
        )
        assert checked == match
        assert hash(checked) == hash(match)
        assert type(checked.breakdown) is type(match.breakdown)
        assert repr(checked) == repr(match)
    for reason in result.unmatched.values():
        assert Unmatched(reason.reason, dict(reason.detail)) == reason


def test_result_is_plain_data() -> None:
    """A result compares equal to a re-solve and its maps are read-only."""
    problem = two_seekers()
    result = solve(problem)
    assert result == solve(problem)
    assert isinstance(result, MatchingResult)
    with pytest.raises(TypeError):
        result.spare_capacity["star"] = 3  # type: ignore[index]


def test_hand_built_result_cannot_be_explained() -> None:
    """A result not made by solve() carries no scores: explain refuses with ValidationError."""
    from ementoring.errors import ValidationError

    result = solve(two_seekers())
    bare = MatchingResult(
        objective=result.objective,
        matches=result.matches,
        unmatched=result.unmatched,
        spare_capacity=result.spare_capacity,
        total_score=result.total_score,
        certificate=result.certificate,
    )
    with pytest.raises(ValidationError, match="solve"):
        bare.explain("olga")


class TestExplainData:
    @settings(max_examples=60, deadline=None)
    @given(problems(), st.sampled_from(["most_matched", "total_score", "stable"]))
    def test_stored_explains_like_fresh(self, problem: MatchingProblem, objective: str) -> None:
        """explain on a result read back from its document equals explain on the fresh result."""
        from ementoring.serialization import from_data, to_data

        fresh = solve(problem, objective=objective)
        stored = from_data(MatchingResult, to_data(fresh))
        for mentee in problem.mentees:
            expected = explain(problem, fresh, mentee.id)
            assert explain(problem, stored, mentee.id) == expected
            assert expected.text() == fresh.explain(mentee.id)

    @settings(max_examples=60, deadline=None)
    @given(problems())
    def test_data_agrees_with_the_result(self, problem: MatchingProblem) -> None:
        """Matches, gaps, holders and exclusions in an explanation are the result's and the rules'."""
        result = solve(problem)
        for mentee in problem.mentees:
            why = explain(problem, result, mentee.id)
            assert why.matches == tuple(m for m in result.matches if m.mentee_id == mentee.id)
            best = max((m.score for m in why.matches), default=None)
            for alternative in why.alternatives:
                assert alternative.mentor_id not in result.mentors_of(mentee.id)
                if best is None:
                    assert alternative.gap is None
                else:
                    assert alternative.gap == pytest.approx(best - alternative.score)
                assert alternative.held_by == tuple(
                    sorted(
                        m.mentee_id for m in result.matches if m.mentor_id == alternative.mentor_id
                    )
                )
                if alternative.outcome is Outcome.NEEDS_RISE:
                    assert alternative.rise is not None
                    assert alternative.rise > 0
            for exclusion in why.excluded:
                pair = (exclusion.mentor_id, mentee.id)
                assert ("forbidden" in exclusion.rules) == (pair in problem.forbidden)
                mentor = problem.mentor(exclusion.mentor_id)
                for criterion in problem.criteria:
                    refuses = criterion.required and criterion.score(mentor, mentee) == 0
                    assert (criterion.name in exclusion.rules) == refuses

    @given(problems())
    def test_every_backend_explains_alike(self, problem: MatchingProblem) -> None:
        """The explanation does not depend on the back-end that solved."""
        pytest.importorskip("scipy")
        pytest.importorskip("ortools")
        results = [solve(problem, backend=b) for b in ("python", "scipy", "ortools")]
        for mentee in problem.mentees:
            first, *others = [explain(problem, r, mentee.id) for r in results]
            assert all(other == first for other in others)

    def test_a_result_verify_refuses_is_not_explained(self) -> None:
        """explain proves the result first: a tampered stored result raises MatchingError."""
        import attrs

        from ementoring.errors import MatchingError

        problem = two_seekers()
        result = solve(problem, objective="total_score")
        swapped = attrs.evolve(result, matches=result.matches[:1])
        with pytest.raises(MatchingError):
            explain(problem, swapped, "olga")

    def test_wrong_types(self) -> None:
        """A problem or result of the wrong type is an InvalidTypeError."""
        from ementoring.errors import InvalidTypeError

        result = solve(two_seekers())
        with pytest.raises(InvalidTypeError, match="problem"):
            explain("problem", result, "olga")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="result"):
            explain(two_seekers(), None, "olga")  # type: ignore[arg-type]
