"""Why a mentee has no allowed mentor: counted column by column, as the plain definition counts."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.matching import MatchingProblem
from ementoring.matching._scorer import PairScorer
from ementoring.testing import matching_problems

from .strategies import problems


@settings(max_examples=80, deadline=None)
@given(
    st.one_of(matching_problems(max_mentors=6, max_mentees=5), problems()),
    st.sampled_from([0.0, 0.3, 0.6]),
)
def test_exclusions_count_what_the_pair_by_pair_definition_counts(
    problem: MatchingProblem, min_score: float
) -> None:
    """Indexed, bulk and table criteria, forbidden and pinned pairs, a minimum score: same counts."""
    problem = attrs.evolve(problem, min_score=min_score)
    scorer = PairScorer(problem)
    for i in range(len(scorer.mentees)):
        assert scorer.exclusions(i) == scorer.exclusions_reference(i)
