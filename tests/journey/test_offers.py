"""Offers: the lifecycle table is the rule, history replays, the deadline applies itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.accounting import Program
from ementoring.errors import InvalidTransitionError, InvalidTypeError, ValidationError
from ementoring.journey import (
    OFFER_TRANSITIONS,
    Offer,
    OfferAction,
    OfferStatus,
    accept,
    approve,
    decline,
    offers_as_of,
    offers_from_result,
    start_mentorship,
    withdraw,
)
from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field, solve

T0 = datetime(2026, 3, 2, 12, tzinfo=UTC)
DEADLINE = T0 + timedelta(days=14)
PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")


def fresh(respond_by: datetime | None = DEADLINE) -> Offer:
    return Offer(
        id="o1",
        program_id=PROGRAM.id,
        mentor_id="anna",
        mentee_id="olga",
        proposed_at=T0,
        respond_by=respond_by,
    )


# Every step a caller can take, as (action the table knows, function applying it).
STEPS: dict[str, tuple[OfferAction, Callable[[Offer, datetime], Offer]]] = {
    "approve": (OfferAction.APPROVE, lambda o, at: approve(o, by="coord", at=at)),
    "mentor": (OfferAction.MENTOR_ACCEPTS, lambda o, at: accept(o, by="anna", at=at)),
    "mentor for": (
        OfferAction.MENTOR_ACCEPTS,
        lambda o, at: accept(o, by="coord", on_behalf_of="anna", at=at),
    ),
    "mentee": (OfferAction.MENTEE_ACCEPTS, lambda o, at: accept(o, by="olga", at=at)),
    "decline": (
        OfferAction.DECLINE,
        lambda o, at: decline(o, by="olga", at=at, reason="not_a_fit"),
    ),
    "withdraw": (OfferAction.WITHDRAW, lambda o, at: withdraw(o, by="coord", at=at)),
}


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(STEPS)), st.integers(0, 5 * 24)), min_size=1, max_size=8
    )
)
def test_every_step_follows_the_table_and_replays(steps: list[tuple[str, int]]) -> None:
    """A step works exactly when the table allows it from the status as of its time;
    the offer rebuilt from its fields is equal, and as_of every step's time is the offer then."""
    offer = fresh()
    at = T0
    seen: dict[datetime, Offer] = {T0: offer}
    for name, hours in steps:
        at = at + timedelta(hours=hours)
        action, apply = STEPS[name]
        before = offer.as_of(at)
        assert before is not None
        if (before.status, action) in OFFER_TRANSITIONS:
            offer = apply(offer, at)
            assert offer.status is OFFER_TRANSITIONS[(before.status, action)]
            seen[at] = offer  # the last step at an instant is how it stood then
        else:
            with pytest.raises(InvalidTransitionError):
                apply(offer, at)
    rebuilt = Offer(**{f.name: getattr(offer, f.name) for f in attrs.fields(Offer) if f.init})
    assert rebuilt == offer
    assert rebuilt.status is offer.status
    for moment, then in seen.items():
        assert offer.as_of(moment) == then.as_of(moment)


def test_the_deadline_expires_a_pending_offer_without_anybody_writing_it() -> None:
    approved = approve(fresh(), by="coord", at=T0 + timedelta(days=1))
    half = accept(approved, by="anna", at=T0 + timedelta(days=2))
    before = half.as_of(DEADLINE - timedelta(microseconds=1))
    assert before is not None
    assert before.status is OfferStatus.MENTOR_ACCEPTED
    after = half.as_of(DEADLINE)
    assert after is not None
    assert after.status is OfferStatus.EXPIRED
    assert after.history[-1].action is OfferAction.EXPIRE
    assert after.history[-1].at == DEADLINE
    with pytest.raises(InvalidTransitionError, match="expired"):
        accept(half, by="olga", at=DEADLINE + timedelta(hours=1))
    # An accepted offer does not expire, and an offer without a deadline never does.
    done = accept(half, by="olga", at=T0 + timedelta(days=3))
    assert done.as_of(DEADLINE + timedelta(days=30)) == done
    assert fresh(None).as_of(T0 + timedelta(days=999)) == fresh(None)


def test_who_may_take_each_step() -> None:
    offer = fresh()
    with pytest.raises(ValidationError, match="pair itself"):
        approve(offer, by="anna", at=T0)
    approved = approve(offer, by="coord", at=T0)
    with pytest.raises(ValidationError, match="neither"):
        accept(approved, by="ivan", at=T0)
    with pytest.raises(ValidationError, match="answers only for themselves"):
        accept(approved, by="olga", on_behalf_of="anna", at=T0)
    with pytest.raises(ValidationError, match="note"):
        decline(approved, by="olga", at=T0, reason="other")
    for_anna = accept(approved, by="coord", on_behalf_of="anna", at=T0)
    assert for_anna.history[-1].by == "coord"
    assert for_anna.history[-1].on_behalf_of == "anna"
    assert for_anna.awaiting == ("olga",)
    with pytest.raises(ValidationError, match="before"):
        accept(for_anna, by="olga", at=T0 - timedelta(hours=1))


def test_a_bad_history_is_refused_naming_the_step() -> None:
    accepted = accept(approve(fresh(), by="coord", at=T0), by="anna", at=T0)
    with pytest.raises(ValidationError, match=r"history\[1\]\.by"):
        attrs.evolve(accepted, mentor_id="ivan")
    late = approve(fresh(), by="coord", at=T0 + timedelta(days=1))
    with pytest.raises(ValidationError, match=r"history\[0\]\.at: is not before respond_by"):
        attrs.evolve(late, respond_by=T0 + timedelta(hours=1))
    with pytest.raises(InvalidTypeError, match="history"):
        attrs.evolve(accepted, history=["approve"])  # type: ignore[list-item]


def test_offers_from_a_result_become_mentorships_when_both_accept() -> None:
    problem = MatchingProblem(
        [Mentor("anna", fields=["HR"], capacity=2)],
        [Mentee("olga", fields=["HR"]), Mentee("pavel", fields=["HR"])],
        [same_field()],
    )
    offers = offers_from_result(solve(problem), program_id=PROGRAM.id, at=T0, respond_by=DEADLINE)
    assert [(o.id, o.mentee_id, o.breakdown["same_field"]) for o in offers] == [
        ("offer-1", "olga", 1.0),
        ("offer-2", "pavel", 1.0),
    ]
    with pytest.raises(InvalidTransitionError):
        start_mentorship(offers[0], program=PROGRAM)
    done = accept(accept(approve(offers[0], by="coord", at=T0), by="olga", at=T0), by="anna", at=T0)
    pair = start_mentorship(done, program=PROGRAM, mentorship_id="m1")
    assert (pair.id, pair.program_id, pair.mentor_id, pair.mentee_id) == (
        "m1",
        PROGRAM.id,
        "anna",
        "olga",
    )
    assert pair.started_on == date(2026, 3, 2)
    other = Program("autumn", "Autumn", starts_on=date(2026, 9, 1), zone="UTC")
    with pytest.raises(ValidationError, match="program"):
        start_mentorship(done, program=other)
    listed = offers_as_of([done, offers[1]], T0 - timedelta(seconds=1))
    assert listed == ()
    assert [o.status for o in offers_as_of([offers[1], done], DEADLINE)] == [
        OfferStatus.ACCEPTED,
        OfferStatus.EXPIRED,
    ]
