"""The greedy fill most mentoring platforms use: a baseline to compare with."""

from __future__ import annotations

from ementoring.matching._models import MatchingProblem
from ementoring.matching._result import Match
from ementoring.matching._scorer import PairScorer, ScoredPairs

__all__ = ["greedy_fill"]


def greedy_fill(problem: MatchingProblem) -> tuple[Match, ...]:
    """Fill mentors by score, best pair first, until full: what bulk matchers commonly do.

    Pinned pairs come first; then every allowed pair, by score from high to low
    (equal scores by mentee id, then mentor id), is made while both sides have
    room. Scores compare in millionths, as the solver sees them, so two
    scores that differ only by rounding (7/12 summed two ways) are equal. It is fast and simple, and not optimal: compare it with :func:`solve`,
    which can match more mentees and reach a higher total.

    Args:
        problem: The matching problem.

    Returns:
        The pairs made, sorted by mentee id, then mentor id.

    Raises:
        ValidationError: A criterion scores a pair outside ``[0, 1]``.

    >>> from ementoring.matching import MatchingProblem, Mentee, Mentor, Criterion, solve
    >>> table = {("x", "a"): 1.0, ("x", "b"): 0.9, ("y", "a"): 0.8}
    >>> fit = Criterion("fit", lambda r, e: table.get((r.id, e.id), 0.0), required=True)
    >>> problem = MatchingProblem([Mentor("x"), Mentor("y")], [Mentee("a"), Mentee("b")], [fit])
    >>> [(m.mentor_id, m.mentee_id) for m in greedy_fill(problem)]
    [('x', 'a')]
    >>> [(m.mentor_id, m.mentee_id) for m in solve(problem).matches]
    [('y', 'a'), ('x', 'b')]
    """
    scored = ScoredPairs(PairScorer(problem))
    scorer = scored.scorer
    mentee_room = list(scorer.mentee_room)
    mentor_room = list(scorer.mentor_room)
    rows = [
        Match(scorer.mentor_ids[j], scorer.mentee_ids[i], score, _breakdown(scorer, b), True)
        for i, j, score, b in scored.pinned
    ]
    # PairScorer lists people sorted by id, so (i, j) orders ties by mentee id, then mentor id.
    candidates = sorted(
        (
            (-score_units, i, j, score, breakdown)
            for i, allowed in enumerate(scored.allowed)
            for j, score, score_units, breakdown in allowed
        ),
        key=lambda row: row[:3],
    )
    for _, i, j, score, breakdown in candidates:
        if mentee_room[i] > 0 and mentor_room[j] > 0:
            mentee_room[i] -= 1
            mentor_room[j] -= 1
            rows.append(
                Match(
                    scorer.mentor_ids[j],
                    scorer.mentee_ids[i],
                    score,
                    _breakdown(scorer, breakdown),
                    False,
                )
            )
    return tuple(sorted(rows, key=lambda m: (m.mentee_id, m.mentor_id)))


def _breakdown(scorer: PairScorer, scores: tuple[float, ...]) -> dict[str, float]:
    return dict(zip(scorer.names, scores, strict=True))
