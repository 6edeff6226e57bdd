"""The journey: re-pairing the mentees who declined, against solving the whole program again.

Workload (full sizes; quick mode shrinks them): a program of about 20,000 pairs
(20,000 mentees, 7,000 mentors of three seats, a required field and language,
topic fit and time zones), matched once; every offer approved and accepted but
500 spread over the program, declined by their mentee. ``repair`` re-pairs those
500 (and the mentees never matched) on the seats left free, keeping every
accepted pair. Two baselines solve the whole program again:

(a) with the same rules made by hand: every accepted pair pinned, every declined
    pair forbidden. Both are exact and break ties alike, so the check asks for
    the very same new pairs, and for every accepted pair kept, on the default
    back-end (OR-tools, installed here) and on pure Python;
(b) from scratch, the declined pairs forbidden, as a coordinator without
    re-pairing would: the check counts the accepted pairs it moves.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from _harness import Case
from bench_matching import criteria, people
from ementoring.accounting import Program
from ementoring.journey import Offer, OfferEvent, Repair, repair
from ementoring.matching import MatchingProblem, MatchingResult, solve

AT = datetime(2026, 3, 2, tzinfo=UTC)


def _answered(first: MatchingResult, declines: int) -> list[Offer]:
    """One offer per pair, approved and accepted, or (``declines`` of them, spread) declined.

    Built with their histories directly (the lifecycle checks them all): the
    setup is not what is measured.
    """
    every = len(first.matches) // declines
    offers = []
    for number, match in enumerate(first.matches, start=1):
        steps = [OfferEvent(action="approve", at=AT + timedelta(hours=1), by="coordinator")]
        if number % every == 0 and number // every <= declines:
            steps.append(
                OfferEvent(
                    action="decline",
                    at=AT + timedelta(hours=2),
                    by=match.mentee_id,
                    reason="not_a_fit",
                )
            )
        else:
            steps += [
                OfferEvent(action="mentor_accepts", at=AT + timedelta(hours=2), by=match.mentor_id),
                OfferEvent(action="mentee_accepts", at=AT + timedelta(hours=3), by=match.mentee_id),
            ]
        offers.append(
            Offer(
                id=f"offer-{number}",
                program_id="spring",
                mentor_id=match.mentor_id,
                mentee_id=match.mentee_id,
                proposed_at=AT,
                score=match.score,
                breakdown=match.breakdown,
                history=steps,
            )
        )
    return offers


def cases(quick: bool) -> list[Case]:
    mentees, mentors, declines = (2_000, 700, 50) if quick else (20_000, 7_000, 500)
    mentor_list, mentee_list = people(mentees, mentors, 3, mentors // 12, seed=26)
    problem = MatchingProblem(mentor_list, mentee_list, criteria(True))
    first = solve(problem)
    offers = _answered(first, declines)
    declined = sorted((o.mentor_id, o.mentee_id) for o in offers if o.status.value == "declined")
    accepted = sorted((o.mentor_id, o.mentee_id) for o in offers if o.status.value == "accepted")
    pinned = MatchingProblem(
        mentor_list, mentee_list, problem.criteria, pinned=accepted, forbidden=declined
    )
    afresh = MatchingProblem(mentor_list, mentee_list, problem.criteria, forbidden=declined)
    after = AT + timedelta(days=1)
    program = Program("spring", "Spring", starts_on=AT.date(), zone="America/Toronto")
    size = f"{len(declined)} declined mentees in a program of {len(first.matches):,} pairs"

    def same_new_pairs(ours: object, whole: object) -> None:
        assert isinstance(ours, Repair)
        assert isinstance(whole, MatchingResult)
        new = {(o.mentor_id, o.mentee_id) for o in ours.offers}
        again = {(m.mentor_id, m.mentee_id) for m in whole.matches if not m.pinned}
        assert new == again, (len(new), len(again), len(new ^ again))
        assert set(ours.kept) == set(accepted)
        assert {(m.mentor_id, m.mentee_id) for m in whole.matches if m.pinned} == set(accepted)
        assert not new & set(declined)
        waiting = sum(c.outcome.value == "still_unmatched" for c in ours.changes)
        print(
            f"    {len(new)} new offers, the very pairs of the whole program solved again with"
            f" pins; {len(accepted):,} accepted pairs kept; {waiting} people still waiting"
        )

    def moves(ours: object, whole: object) -> None:
        assert isinstance(ours, Repair)
        assert isinstance(whole, MatchingResult)
        assert set(ours.kept) == set(accepted)
        moved = len(set(accepted) - {(m.mentor_id, m.mentee_id) for m in whole.matches})
        print(f"    solved again from scratch: {moved:,} of {len(accepted):,} accepted pairs moved")

    def repairing(backend: str) -> object:
        return repair(problem, offers, program=program, at=after, backend=backend)  # type: ignore[arg-type]

    return [
        Case(
            workload=f"(a) re-pair {size}",
            ours=lambda: repairing("auto"),
            baseline=lambda: solve(pinned),
            baseline_name="solve it all again, pins and forbids",
            target="< 0.5 s",
            check=same_new_pairs,
        ),
        Case(
            workload=f"(a) re-pair {size}, pure Python",
            ours=lambda: repairing("python"),
            baseline=lambda: solve(pinned, backend="python"),
            baseline_name="solve it all again, pins and forbids",
            target="< 1 s",
            check=same_new_pairs,
        ),
        Case(
            workload=f"(b) re-pair {size}",
            ours=lambda: repairing("auto"),
            baseline=lambda: solve(afresh),
            baseline_name="solve it all again from scratch",
            target=">= 5x",
            check=moves,
        ),
    ]
