"""Section 8 of the demo: the pair's journey, from the offer to the last reflections."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from ementoring._demo._sections import directory
from ementoring._words import day_month
from ementoring.access import Actor, Role
from ementoring.accounting import Program, Session, complete
from ementoring.journey import (
    PAIRING_FIT,
    Offer,
    OfferStatus,
    Outcome,
    Side,
    accept,
    add_milestone,
    approve,
    change_text,
    complete_milestone,
    decline,
    due_survey_text,
    due_surveys,
    offers_from_result,
    repair,
    respond,
    standard_plan,
    start_mentorship,
    visible_answers,
    write_goal,
)
from ementoring.matching import MatchingProblem, MatchingResult
from ementoring.scheduling import Interval

# Offers go out the Monday before the program starts; every instant is fixed, so the section
# tells the same journey whatever day the rest of the demo looks at.
_OFFERED = datetime(2026, 2, 23, 14, tzinfo=UTC)
_DECLINER = "elena"


def _day(at: datetime) -> str:
    return day_month(at.date())


def _answered(offers: list[Offer], cora: Actor) -> list[Offer]:
    """Cora approves every offer; both sides accept, but Elena, who declines hers."""
    found = []
    for offer in offers:
        offer = approve(offer, by=cora.id, at=_OFFERED + timedelta(days=1))
        if offer.mentee_id == _DECLINER:
            offer = decline(offer, by=_DECLINER, at=_OFFERED + timedelta(days=3), reason="schedule")
        else:
            offer = accept(offer, by=offer.mentor_id, at=_OFFERED + timedelta(days=2))
            offer = accept(offer, by=offer.mentee_id, at=_OFFERED + timedelta(days=3))
        found.append(offer)
    return found


def journey_section(
    problem: MatchingProblem, result: MatchingResult, program: Program
) -> list[str]:
    """Offers from section 1's matching, one declined and re-paired; Anna and Natalia's goal,
    pairing fit, a monthly check-in and their reflections at the end."""
    names = directory()
    cora = Actor("cora", roles=[Role.COORDINATOR], program_ids=[program.id])
    offers = _answered(
        list(offers_from_result(result, program_id=program.id, at=_OFFERED,
                                respond_by=_OFFERED + timedelta(days=14))),
        cora,
    )  # fmt: skip
    accepted = sum(o.status is OfferStatus.ACCEPTED for o in offers)
    lines = [
        f"8. The journey: {len(offers)} offers from the matching, approved by Cora on"
        f" {_day(_OFFERED + timedelta(days=1))}; {accepted} accepted by both sides,"
        " Anna and Natalia among them."
    ]
    # Emma's seat is the only change to the problem: everyone else's seats are as matched.
    back = attrs.evolve(
        problem,
        mentors=[attrs.evolve(m, capacity=1) if m.id == "emma" else m for m in problem.mentors],
    )
    again = repair(back, offers, program=program, at=_OFFERED + timedelta(days=4), viewer=cora)
    moved = [
        change_text(c)
        for c in again.changes
        if c.outcome is Outcome.NEW_PARTNER and c.side is Side.MENTEE
    ]
    waiting = sum(c.outcome is Outcome.STILL_UNMATCHED for c in again.changes)
    lines.append(
        "   Elena declines hers (schedule); Emma, back from leave, has a seat. Re-pairing moves"
        f" nobody who accepted: {' '.join(moved)} {waiting} others still wait."
    )

    offer = next(o for o in offers if o.mentee_id == "natalia")
    pair = start_mentorship(offer, program=program, mentorship_id="journey-1",
                            started_on=program.starts_on)  # fmt: skip
    mentor, mentee = pair.mentor_id, pair.mentee_id
    start = program.midnight(program.starts_on)
    goal = write_goal(pair, "g1", title="Understand HR practice in Canada", by=mentee,
                      at=start + timedelta(days=2))  # fmt: skip
    goal = add_milestone(goal, "ms1", text="mock interview with a participant in Tel Aviv",
                         by=mentee, at=start + timedelta(days=2))  # fmt: skip
    goal = complete_milestone(goal, "ms1", by=mentee, at=start + timedelta(days=17, hours=20))
    done = goal.milestones[0].done_at
    assert done is not None

    plan = standard_plan(program.id)
    first = start + timedelta(days=1, hours=17)  # Tuesday's call, an hour long
    held = complete(
        Session("journey-s1", pair.id, Interval(first, first + timedelta(hours=1)),
                [mentor, mentee], proposed_at=start),
        at=first + timedelta(hours=1),
    )  # fmt: skip
    responses = [
        respond(plan, pair, response_id=f"fit-{who}", survey_id="pairing_fit", occasion=1,
                by=who, at=first + timedelta(hours=3), answers={"pairing_fit": "good_fit"})
        for who in (mentor, mentee)
    ]  # fmt: skip
    labels = plan.survey("pairing_fit").questions[0].choice_labels
    fit = {labels[str(r.answers[PAIRING_FIT])]["en"] for r in responses}
    lines.append(
        f"   {names.name_of(mentee)}'s goal: {goal.title}, with the milestone"
        f" {goal.milestones[0].text} (done {_day(done)}). After the first session, on"
        f' {_day(first)}, both answered "{" and ".join(sorted(fit))}".'
    )
    # The two check-ins of the first month are answered; the next, monthly, opens on 2 May.
    for number, day in ((1, 16), (2, 31)):
        responses += [
            respond(plan, pair, response_id=f"check-{number}-{who}", survey_id="check_in",
                    occasion=number, by=who, at=start + timedelta(days=day),
                    answers={"satisfaction": 5})
            for who in (mentor, mentee)
        ]  # fmt: skip
    asked = start + timedelta(days=62)
    due = [
        d
        for d in due_surveys(plan, program, [pair], [held], responses, viewer=cora, at=asked)
        if d.respondent_id == mentee
    ]
    check_in = " ".join(due_survey_text(d, plan, people=names) for d in due)

    end = program.midnight(program.starts_on + timedelta(weeks=program.planned_weeks))
    reflections = {
        mentee: "Anna's questions, and hearing HR in Toronto from the inside",
        mentor: "seeing Natalia walk into the mock interview ready",
    }
    responses += [
        respond(plan, pair, response_id=f"end-{who}", survey_id="evaluation", occasion=1,
                by=who, at=end + timedelta(days=2), answers={"overall": 5, "loved": text})
        for who, text in reflections.items()
    ]  # fmt: skip
    # Their reflections are shared with the partner: Anna reads both.
    as_anna = Actor(mentor, roles=[Role.MENTOR], mentorship_ids=[pair.id])
    loved = [
        f"{names.name_of(r.respondent_id).split()[0]}, {r.answers['loved']}"
        for r in visible_answers(
            plan, responses, viewer=as_anna, mentorships=[pair], program=program
        )
        if r.survey_id == "evaluation"
    ]
    lines.append(
        f"   On {_day(asked)}, the monthly check-in: {check_in} What they loved, at the end:"
        f" {'; '.join(loved)}."
    )
    return lines
