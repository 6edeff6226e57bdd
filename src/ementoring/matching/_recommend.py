"""recommend and recommend_all: ranked mentors for self-matching, with fair exposure."""

from __future__ import annotations

from collections.abc import Mapping

from ementoring._validate import require_flag
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.matching._gains import IntegerGains
from ementoring.matching._models import MatchingProblem
from ementoring.matching._pairs import Candidate
from ementoring.matching._result import Objective, Recommendation
from ementoring.matching._scorer import PairScorer
from ementoring.matching._solvers import Component, settle_ties, solve_python

__all__ = ["recommend", "recommend_all"]


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
    require_flag(fair_exposure, "fair_exposure")
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
