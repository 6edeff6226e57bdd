"""verify and blocking_pairs: a result checked against its problem, and proved optimal or stable."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from ementoring.errors import InvalidTypeError, MatchingError, UnknownIdError
from ementoring.matching._fingerprint import fingerprint
from ementoring.matching._gains import GAIN_RULES, IntegerGains, tie_hash, units
from ementoring.matching._models import MatchingProblem, Pair
from ementoring.matching._result import MatchingResult, Objective, UnmatchedReason
from ementoring.matching._scorer import PairScorer, ScoredPairs

__all__ = ["blocking_pairs", "verify"]


def _fail(message: str) -> MatchingError:
    return MatchingError(message)


def _check_result(result: object) -> None:
    if not isinstance(result, MatchingResult):
        raise InvalidTypeError("result", result, "a MatchingResult")


def verify(problem: MatchingProblem, result: MatchingResult) -> None:
    """Check that a result is feasible for a problem and prove it optimal.

    Identity first: a result that records the fingerprint of the problem it
    solved (every result of :func:`solve` whose criteria can be named) is
    refused for a problem with another fingerprint, naming both, and a result
    that names a mentor or mentee the problem does not have is refused,
    naming them. Feasibility: every pair allowed (or pinned) and made at most once, every
    pinned pair present, capacities respected on both sides, scores, spare
    seats and the total as recomputed. Optimality, for ``"most_matched"`` and
    ``"total_score"``: the certificate's dual prices satisfy complementary
    slackness against the recomputed integer gains and the primal and dual
    objectives are equal, which proves no assignment is better. For
    ``"stable"``: no blocking pair. A certificate read from an ementoring 0.1
    document does not say which tie-break and weights its prices were made
    for (0.1 changed both): it proves the result when it holds for this
    version's gains, and otherwise the error says so and what to do.

    Raises:
        MatchingError: The first broken condition, naming the pair or person.

    >>> from ementoring.matching import Mentee, Mentor, MatchingProblem, same_field, solve
    >>> problem = MatchingProblem([Mentor("ana")], [Mentee("olga")], [same_field()])
    >>> verify(problem, solve(problem))  # silent when the proof holds
    """
    scorer = PairScorer(problem)
    _check_result(result)
    _check_identity(scorer, result)
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
        i = scorer.mentee_index[match.mentee_id]
        j = scorer.mentor_index[match.mentor_id]
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


def _check_identity(scorer: PairScorer, result: MatchingResult) -> None:
    """Refuse a result of another problem, or one naming people this problem does not have."""
    solved = result.problem_fingerprint
    if solved is not None:
        given = fingerprint(scorer.problem)
        if given is not None and given != solved:
            raise _fail(
                f"the result was solved for problem {solved} and this problem is {given}:"
                " it changed since, or it is another one; pass the problem the result was"
                " solved for, or solve this one"
            )
    mentees, mentors = scorer.mentee_index, scorer.mentor_index

    def unknown(ids: Iterable[object], known: Mapping[str, int], where: str, who: str) -> None:
        strangers = sorted(str(i) for i in ids if i not in known)
        if strangers:
            listed = ", ".join(repr(s) for s in strangers[:3])
            more = f" and {len(strangers) - 3} more" if len(strangers) > 3 else ""
            raise _fail(f"{where} names {who} {listed}{more}, not in the problem")

    unknown((m.mentee_id for m in result.matches), mentees, "matches", "mentees")
    unknown((m.mentor_id for m in result.matches), mentors, "matches", "mentors")
    unknown(result.unmatched, mentees, "unmatched", "mentees")
    for mentee_id, why in result.unmatched.items():
        if why.reason is UnmatchedReason.MENTORS_FULL:
            where = f"unmatched[{mentee_id!r}]"
            unknown(why.detail, mentors, where, "mentors")
            held = [i for ids in why.detail.values() if isinstance(ids, tuple) for i in ids]
            unknown(held, mentees, where, "mentees")
    unknown(result.spare_capacity, mentors, "spare_capacity", "mentors")
    certificate = result.certificate
    if certificate is not None:
        unknown(certificate.mentee_surplus, mentees, "the certificate", "mentees")
        unknown(certificate.mentor_price, mentors, "the certificate", "mentors")


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
    if certificate.gain_rules is None:
        # Stored by 0.1, which did not record its rules: the prices prove the
        # result if they hold for this version's gains, and nothing otherwise.
        try:
            _check_duals(scorer, scored, result, chosen, mentee_count, mentor_count)
        except MatchingError as error:
            raise _fail(
                "the certificate was stored by ementoring 0.1, whose tie-break and weights"
                " changed twice and were not recorded, and its prices do not prove this"
                f" result for this version's gains ({error}); the matches stand as stored"
                " (they are what was decided), but to prove and explain a result, solve"
                " the problem again"
            ) from None
        return
    if certificate.gain_rules != GAIN_RULES:
        raise _fail(
            f"the certificate was made by gain rules {certificate.gain_rules} and this"
            f" version's are {GAIN_RULES}: its prices cannot prove the result; solve the"
            " problem again"
        )
    _check_duals(scorer, scored, result, chosen, mentee_count, mentor_count)


def _check_duals(
    scorer: PairScorer,
    scored: ScoredPairs,
    result: MatchingResult,
    chosen: set[tuple[int, int]],
    mentee_count: list[int],
    mentor_count: list[int],
) -> None:
    certificate = result.certificate
    assert certificate is not None  # checked by _verify_duals
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
