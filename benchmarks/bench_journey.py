"""The journey: re-pairing the mentees who declined, against solving the whole program again.

Workload (full sizes; quick mode shrinks them): a program of 20,000 pairs (20,000
mentees, 7,000 mentors of three seats, a required field and language, topic fit
and time zones, about a dozen allowed mentors each), matched once; every offer
approved and accepted, but 500 declined by their mentee. ``repair`` re-pairs
those 500 on the seats left free (the declined ones and the spare ones),
keeping every accepted pair. The baseline solves the whole program again with
the same rules made by hand: every accepted pair pinned, every declined pair
forbidden. Both are exact and break ties alike, so the check asks for the very
same new pairs, and for the accepted pairs kept untouched. The check also says
how many accepted pairs a fresh solve without pins would have moved. Both run
on the default back-end (OR-tools, installed here) and on pure Python.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from _harness import Case
from bench_matching import criteria, people
from ementoring.journey import Offer, OfferEvent, Repair, repair
from ementoring.matching import MatchingProblem, MatchingResult, solve

AT = datetime(2026, 3, 2, tzinfo=UTC)


def _answered(first: MatchingResult, declined_every: int) -> list[Offer]:
    """One offer per pair, approved and accepted, or declined by the mentee for one in ``declined_every``.

    Built with their histories directly (the lifecycle checks them all): the
    setup is not what is measured.
    """
    offers = []
    for number, match in enumerate(first.matches, start=1):
        steps = [OfferEvent(action="approve", at=AT + timedelta(hours=1), by="coordinator")]
        if number % declined_every == 0:
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
    offers = _answered(first, len(first.matches) // declines)
    declined = {(o.mentor_id, o.mentee_id) for o in offers if o.status.value == "declined"}
    accepted = sorted((o.mentor_id, o.mentee_id) for o in offers if o.status.value == "accepted")
    by_hand = MatchingProblem(
        mentor_list,
        mentee_list,
        problem.criteria,
        pinned=accepted,
        forbidden=sorted(declined),
    )
    after = AT + timedelta(days=1)

    def check(ours: object, whole: object) -> None:
        assert isinstance(ours, Repair)
        assert isinstance(whole, MatchingResult)
        new = {(o.mentor_id, o.mentee_id) for o in ours.offers}
        again = {(m.mentor_id, m.mentee_id) for m in whole.matches if not m.pinned}
        assert new == again, (len(new), len(again), len(new ^ again))
        assert set(ours.kept) == set(accepted)
        assert {(m.mentor_id, m.mentee_id) for m in whole.matches if m.pinned} == set(accepted)
        assert not new & declined
        started = time.perf_counter()
        afresh = solve(
            MatchingProblem(mentor_list, mentee_list, problem.criteria, forbidden=sorted(declined))
        )
        fresh_seconds = time.perf_counter() - started
        moved = len(set(accepted) - {(m.mentor_id, m.mentee_id) for m in afresh.matches})
        waiting = sum(1 for c in ours.changes if c.outcome.value == "still_unmatched")
        print(
            f"    {len(first.matches):,} pairs, {len(declined)} declined: {len(new)} new offers,"
            f" identical to the whole program solved again with pins; {waiting} people left"
            f" waiting; a fresh solve without pins ({fresh_seconds:.1f} s, once) would move"
            f" {moved:,} accepted pairs"
        )

    return [
        Case(
            workload=(
                f"re-pair {len(declined)} declined mentees in a program of"
                f" {len(first.matches):,} pairs ({backend})"
            ),
            ours=lambda backend=backend: repair(  # type: ignore[misc]
                problem, offers, program_id="spring", at=after, backend=backend
            ),
            baseline=lambda backend=backend: solve(by_hand, backend=backend),  # type: ignore[misc]
            baseline_name="solve the whole program again (pins, forbids)",
            target=target,
            repeat=3,
            check=check,
        )
        for backend, target in (("auto", "< 0.5 s"), ("python", "< 1 s"))
    ]
