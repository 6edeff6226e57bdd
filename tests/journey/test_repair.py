"""Re-pairing with least disruption: the laws, and what it says to each person."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import Mentorship, Program, close_mentorship
from ementoring.errors import DuplicateIdError, InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journey import (
    Offer,
    OfferStatus,
    Outcome,
    ReleaseReason,
    Response,
    Unpaired,
    accept,
    approve,
    change_text,
    decline,
    offers_from_result,
    repair,
    standard_plan,
    withdraw,
)
from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field, solve, verify
from ementoring.people import Directory, Person
from ementoring.testing import matching_problems

T0 = datetime(2026, 3, 2, 12, tzinfo=UTC)
DEADLINE = T0 + timedelta(days=14)
PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="America/Toronto")
PLAN = standard_plan("p")
MARIA = Actor("maria", roles=["coordinator"], program_ids=["p"])
ROOT = Actor("root", roles=["admin"], program_ids=["p"])

# What happens to one offer before re-pairing: each a list of steps from approval on.
FATES = (
    "pending",
    "approved",
    "mentor accepted",
    "mentee accepted",
    "accepted",
    "mentor declined",
    "mentee declined",
    "mentee has no time",
    "mentor left",
    "withdrawn",
    "expired",
)


def play(offer: Offer, fate: str) -> Offer:
    """The offer after the steps its fate names, all before the deadline (or none: it expires)."""
    at = T0 + timedelta(days=1)
    if fate in ("pending", "expired"):
        return offer
    if fate == "withdrawn":
        return withdraw(offer, by="coord", at=at)
    offer = approve(offer, by="coord", at=at)
    later = at + timedelta(hours=1)
    if fate in ("mentor accepted", "accepted"):
        offer = accept(offer, by=offer.mentor_id, at=later)
    if fate in ("mentee accepted", "accepted"):
        offer = accept(offer, by=offer.mentee_id, at=later)
    reasons = {
        "mentor declined": (offer.mentor_id, "schedule"),
        "mentee declined": (offer.mentee_id, "not_a_fit"),
        "mentee has no time": (offer.mentee_id, "no_time"),
        "mentor left": (offer.mentor_id, "left_program"),
    }
    if fate in reasons:
        by, reason = reasons[fate]
        offer = decline(offer, by=by, at=later, reason=reason)
    return offer


@st.composite
def rounds(draw: st.DrawFn) -> tuple[MatchingProblem, list[Offer], datetime]:
    """A problem, its first offers with a fate each, and when re-pairing happens."""
    problem = draw(matching_problems(max_mentors=5, max_mentees=7))
    first = offers_from_result(
        solve(problem, backend="python"), program_id="p", at=T0, respond_by=DEADLINE
    )
    offers = [play(offer, draw(st.sampled_from(FATES))) for offer in first]
    # Re-pairing before or after the deadline: unanswered offers have expired after it.
    at = draw(st.sampled_from([T0 + timedelta(days=3), DEADLINE + timedelta(days=1)]))
    return problem, offers, at


@settings(max_examples=60, deadline=None)
@given(rounds(), st.randoms(use_true_random=False))
def test_least_disruption(
    story: tuple[MatchingProblem, list[Offer], datetime], rnd: object
) -> None:
    """Re-pairing never moves a pair that holds its seats (accepted or pending), never offers a
    declined, expired or withdrawn pair again, offers nobody to who stepped back, keeps every
    capacity, and gives the same answer whatever the order of the offers."""
    problem, offers, at = story
    done = repair(problem, offers, program=PROGRAM, at=at, id_prefix="round2-")
    now = [offer.as_of(at) for offer in offers]
    holding = {(o.mentor_id, o.mentee_id) for o in now if o is not None and o.status.holds_seats}
    ended = {(o.mentor_id, o.mentee_id) for o in now if o is not None and not o.status.holds_seats}
    new = {(o.mentor_id, o.mentee_id) for o in done.offers}
    assert set(done.kept) == holding
    assert not new & holding
    assert not new & ended
    assert set(done.forbidden) == ended
    accepted_someone = {
        (o.mentor_id, o.mentee_id)
        for o in now
        if o is not None
        and o.status
        in (OfferStatus.MENTOR_ACCEPTED, OfferStatus.MENTEE_ACCEPTED, OfferStatus.ACCEPTED)
    }
    assert accepted_someone <= set(done.kept)
    stepped = {
        (c.side.value, c.person_id) for c in done.changes if c.outcome is Outcome.STEPPED_BACK
    }
    for mentor_id, mentee_id in new:
        assert ("mentor", mentor_id) not in stepped
        assert ("mentee", mentee_id) not in stepped
    seats = {("mentor", m.id): m.capacity for m in problem.mentors}
    seats.update({("mentee", m.id): m.capacity for m in problem.mentees})
    for mentor_id, mentee_id in holding | new:
        seats[("mentor", mentor_id)] -= 1
        seats[("mentee", mentee_id)] -= 1
    assert min(seats.values(), default=0) >= 0
    verify(done.residual, done.result)
    # Every change is what the pairs say: kept and new partners, both sides; nobody else listed.
    listed = {(c.side.value, c.person_id) for c in done.changes}
    touched = {("mentor", m) for m, _ in new | ended} | {("mentee", e) for _, e in new | ended}
    assert {who for who in listed if who[0] == "mentor"} <= touched | stepped
    everyone = [("mentor", m.id) for m in problem.mentors] + [
        ("mentee", m.id) for m in problem.mentees
    ]
    for side, person in everyone:
        change = done.change(person, side=side)
        mine = [
            (m, e)
            for m, e in holding
            if (m if change.side.value == "mentor" else e) == change.person_id
        ]
        assert len(change.kept) == len(mine)
        assert (change.outcome is Outcome.NEW_PARTNER) == bool(change.new)
    shuffled = list(offers)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    again = repair(problem, shuffled, program=PROGRAM, at=at, id_prefix="round2-")
    assert again.offers == done.offers
    assert again.changes == done.changes


def test_as_of_judges_only_what_existed() -> None:
    """A decline recorded after `at` is not seen; the deadline is applied as of `at`."""
    problem = MatchingProblem(
        [Mentor("anna", fields=["HR"]), Mentor("mark", fields=["HR"])],
        [Mentee("olga", fields=["HR"])],
        [same_field()],
    )
    (offer,) = offers_from_result(solve(problem), program_id="p", at=T0, respond_by=DEADLINE)
    approved = approve(offer, by="coord", at=T0 + timedelta(days=1))
    declined = decline(approved, by="olga", at=T0 + timedelta(days=5), reason="schedule")
    before = repair(problem, [declined], program=PROGRAM, at=T0 + timedelta(days=4))
    assert before.offers == ()
    assert before.change("olga").outcome is Outcome.KEPT
    after = repair(problem, [declined], program=PROGRAM, at=T0 + timedelta(days=5))
    assert [(o.mentor_id, o.mentee_id) for o in after.offers] != [
        (offer.mentor_id, offer.mentee_id)
    ]
    assert len(after.offers) == 1
    expired = repair(problem, [approved], program=PROGRAM, at=DEADLINE)
    olga = expired.change("olga")
    assert olga.released[0].reason is ReleaseReason.EXPIRED
    assert olga.outcome is Outcome.NEW_PARTNER


def test_not_a_good_fit_from_the_mentee_re_pairs_and_from_the_mentor_is_only_recorded() -> None:
    problem = MatchingProblem(
        [Mentor("anna", fields=["HR"]), Mentor("mark", fields=["HR"])],
        [Mentee("olga", fields=["HR"]), Mentee("ilya", fields=["HR"])],
        [same_field()],
    )
    pairs = [
        Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2)),
        Mentorship("m2", "p", "mark", "ilya", started_on=date(2026, 3, 2)),
    ]

    def fit(response_id: str, pair: Mentorship, who: str, answer: str) -> Response:
        return Response(
            id=response_id,
            survey_id="pairing_fit",
            occasion=1,
            mentorship_id=pair.id,
            respondent_id=who,
            answered_at=T0 + timedelta(days=10),
            answers={"pairing_fit": answer},
        )

    answers = [
        fit("r1", pairs[0], "olga", "not_a_good_fit"),
        fit("r2", pairs[1], "mark", "not_a_good_fit"),
    ]
    done = repair(
        problem,
        [],
        program=PROGRAM,
        at=T0 + timedelta(days=11),
        mentorships=pairs,
        responses=answers,
        plan=PLAN,
        viewer=MARIA,
    )
    assert done.kept == (("mark", "ilya"),)
    assert ("anna", "olga") in done.forbidden
    olga = done.change("olga")
    assert olga.released[0].reason is ReleaseReason.NOT_A_GOOD_FIT
    # Olga may not have Anna again, and Mark's seat is taken: nobody is left for her.
    assert olga.outcome is Outcome.STILL_UNMATCHED
    assert olga.unpaired is Unpaired.NO_ALLOWED_MENTOR
    assert change_text(olga) == (
        "olga: no new partner yet; the pairing with anna was not a good fit; "
        "no mentor with a free seat suits them."
    )
    # The answer given later is not seen earlier, nor by whoever may not read it.
    for at, viewer in ((T0 + timedelta(days=9), MARIA), (T0 + timedelta(days=11), ROOT)):
        unseen = repair(
            problem,
            [],
            program=PROGRAM,
            at=at,
            mentorships=pairs,
            responses=answers,
            plan=PLAN,
            viewer=viewer,
        )
        assert unseen.kept == (("anna", "olga"), ("mark", "ilya"))
    with pytest.raises(InvalidTypeError, match="plan"):
        repair(problem, [], program=PROGRAM, at=T0, mentorships=pairs, responses=answers)
    closed = close_mentorship(
        pairs[1], by="coord", at=T0 + timedelta(days=10), reason="needs_changed"
    )
    ended = repair(
        problem, [], program=PROGRAM, at=T0 + timedelta(days=11), mentorships=[pairs[0], closed]
    )
    assert ended.change("ilya").released[0].reason is ReleaseReason.CLOSED_EARLY


def test_words_in_both_languages_with_names() -> None:
    problem = MatchingProblem(
        [Mentor("anna", fields=["HR"]), Mentor("mark", fields=["HR"])],
        [Mentee("olga", fields=["HR"])],
        [same_field()],
    )
    (offer,) = offers_from_result(solve(problem), program_id="p", at=T0)
    declined = decline(approve(offer, by="coord", at=T0), by="olga", at=T0, reason="not_a_fit")
    done = repair(problem, [declined], program=PROGRAM, at=T0)
    people = Directory(
        people=[
            Person(id="olga", name="Ольга"),
            Person(id="anna", name="Anna"),
            Person(id="mark", name="Mark"),
        ]
    )
    olga = done.change("olga")
    former = "Anna" if offer.mentor_id == "anna" else "Mark"
    new = "Mark" if former == "Anna" else "Anna"
    assert change_text(olga, people=people) == (
        f"Ольга: a new offer with {new}; the offer with {former} was declined."
    )
    assert change_text(olga, locale="ru", people=people) == (
        f"Ольга: новое предложение — {new}; предложение отклонено (партнёр: {former})."
    )


def test_refusals_name_the_field() -> None:
    problem = MatchingProblem([Mentor("anna")], [Mentee("olga")], [same_field()])
    stranger = Offer(id="o1", program_id="p", mentor_id="ivan", mentee_id="olga", proposed_at=T0)
    with pytest.raises(UnknownIdError, match=r"offers\[0\]\.mentor_id"):
        repair(problem, [stranger], program=PROGRAM, at=T0)
    other = Offer(id="o1", program_id="q", mentor_id="anna", mentee_id="olga", proposed_at=T0)
    with pytest.raises(ValidationError, match=r"offers\[0\]\.program_id"):
        repair(problem, [other], program=PROGRAM, at=T0)
    mine = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga", proposed_at=T0)
    with pytest.raises(DuplicateIdError, match=r"offers\[1\]\.id"):
        repair(problem, [mine, mine], program=PROGRAM, at=T0)
    gone = withdraw(mine, by="coord", at=T0)
    problem2 = MatchingProblem([Mentor("anna"), Mentor("mark")], [Mentee("olga")], [same_field()])
    with pytest.raises(DuplicateIdError, match="taken"):
        repair(problem2, [attrs_id(gone, "o2")], program=PROGRAM, at=T0, id_prefix="o")


def attrs_id(offer: Offer, offer_id: str) -> Offer:
    import attrs

    return attrs.evolve(offer, id=offer_id)


def test_a_seat_that_went_to_another_mentee_is_said_so() -> None:
    """Two waiting mentees, one free seat: the one left out hears the seat went to another."""
    problem = MatchingProblem(
        [Mentor("anna", fields=["HR"])],
        [Mentee("olga", fields=["HR"]), Mentee("pavel", fields=["HR"])],
        [same_field(required=True)],
    )
    done = repair(problem, [], program=PROGRAM, at=T0)
    waiting = [c for c in done.changes if c.outcome is Outcome.STILL_UNMATCHED]
    assert [c.unpaired for c in waiting] == [Unpaired.MENTORS_FULL]
    assert change_text(waiting[0]).endswith(
        "there was no partner before; the free seats that suit them went to others."
    )
