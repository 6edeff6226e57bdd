"""verify and blocking_pairs: a result checked against its problem, and proved optimal or stable."""

from __future__ import annotations

import math

from ementoring.errors import InvalidTypeError, MatchingError, UnknownIdError
from ementoring.matching._gains import IntegerGains, tie_hash, units
from ementoring.matching._models import MatchingProblem, Pair
from ementoring.matching._result import MatchingResult, Objective
from ementoring.matching._scorer import PairScorer, ScoredPairs

__all__ = ["blocking_pairs", "verify"]


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
