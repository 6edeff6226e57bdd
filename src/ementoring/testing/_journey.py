"""The journey's models: offers and goals through their lifecycles, surveys and answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from ementoring._languages import LOCALES
from ementoring.accounting import Mentorship
from ementoring.journey import (
    DeclineReason,
    FeedbackPlan,
    Goal,
    Offer,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyTiming,
    accept,
    achieve_goal,
    add_milestone,
    adopt_goal,
    approve,
    complete_milestone,
    decline,
    drop_goal,
    link_evidence,
    reopen_goal,
    revise_goal,
    standard_plan,
    suggest_goal,
    withdraw,
    write_goal,
)
from ementoring.testing._options import check_count, check_id, check_optional_id, ids_from

_START = datetime(2026, 3, 2, 12, tzinfo=UTC)
_MENTOR, _MENTEE = "ivan", "olga"  # as in mentorships(): ivan mentors olga
_CRITERIA = ("shared_language", "same_field", "topic_fit", "timezone_gap")
_TITLES = ("Understand HR practice in Canada", "Prepare for interviews", "Построить сеть контактов")


def offers(
    *, program_id: str = "p1", offer_id: str | None = None, max_steps: int = 4
) -> st.SearchStrategy[Offer]:
    """Offers of ivan (mentor) to olga (mentee), taken through up to ``max_steps`` steps.

    Every step is one the lifecycle allows at its time (approve, accept by a
    side or for it, decline with a reason, withdraw), and some offers have a
    deadline that later steps respect, so as-of views expire them.

    Raises:
        InvalidTypeError, ValidationError: A bad option.

    >>> from hypothesis import given
    >>> @given(offers())
    ... def test_replays(offer):
    ...     assert offer.as_of(offer.proposed_at) is not None
    >>> test_replays()
    """
    check_id(program_id, "program_id")
    check_optional_id(offer_id, "offer_id")
    check_count(max_steps, "max_steps")
    ids = ids_from(offer_id, r"o[0-9]{1,4}")

    @st.composite
    def build(draw: st.DrawFn) -> Offer:
        proposed = _START + timedelta(hours=draw(st.integers(0, 24 * 60)))
        deadline = draw(st.none() | st.integers(1, 30).map(lambda d: proposed + timedelta(days=d)))
        breakdown = draw(
            st.dictionaries(
                st.sampled_from(_CRITERIA),
                st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 6)),
                max_size=3,
            )
        )
        offer = Offer(
            id=draw(ids),
            program_id=program_id,
            mentor_id=_MENTOR,
            mentee_id=_MENTEE,
            proposed_at=proposed,
            respond_by=deadline,
            score=draw(st.none() | st.floats(0, 1, allow_nan=False)),
            breakdown=breakdown,
        )
        at = proposed
        for _ in range(draw(st.integers(0, max_steps))):
            at += timedelta(hours=draw(st.integers(0, 72)))
            now = offer.as_of(at)
            if now is None or not now.status.pending:
                break
            move = draw(st.sampled_from(["approve", "accept", "decline", "withdraw"]))
            if now.status.value == "proposed":
                offer = (
                    withdraw(offer, by="coordinator", at=at)
                    if move == "withdraw"
                    else approve(offer, by="coordinator", at=at)
                )
            elif move == "withdraw":
                offer = withdraw(offer, by="coordinator", at=at, note="cohort changed")
            elif move == "decline":
                side = draw(st.sampled_from([_MENTOR, _MENTEE]))
                reason = draw(st.sampled_from(list(DeclineReason)))
                offer = decline(
                    offer,
                    by=side,
                    at=at,
                    reason=reason,
                    note="other plans"
                    if draw(st.booleans()) or reason is DeclineReason.OTHER
                    else "",
                )
            else:
                side = now.awaiting[0]
                if draw(st.booleans()):
                    offer = accept(offer, by=side, at=at)
                else:
                    offer = accept(offer, by="coordinator", on_behalf_of=side, at=at)
        return offer

    return build()


def goals(
    *, mentorship_id: str = "m1", goal_id: str | None = None, max_steps: int = 6
) -> st.SearchStrategy[Goal]:
    """Goals of olga's mentorship with ivan, taken through up to ``max_steps`` lifecycle steps.

    Each begins written by olga or suggested by ivan, then takes steps the
    lifecycle allows: adopt, revise, milestones added and completed, evidence
    linked, achieved, dropped, reopened.

    Raises:
        InvalidTypeError, ValidationError: A bad option.

    >>> from hypothesis import given
    >>> @given(goals())
    ... def test_held_by_the_pair(goal):
    ...     assert goal.author_id in ("ivan", "olga")
    >>> test_held_by_the_pair()
    """
    check_id(mentorship_id, "mentorship_id")
    check_optional_id(goal_id, "goal_id")
    check_count(max_steps, "max_steps")
    ids = ids_from(goal_id, r"g[0-9]{1,4}")
    pair = Mentorship(mentorship_id, "p1", _MENTOR, _MENTEE, started_on=date(2026, 3, 2))

    @st.composite
    def build(draw: st.DrawFn) -> Goal:
        at = _START + timedelta(hours=draw(st.integers(0, 24 * 60)))
        visibility = draw(st.sampled_from(["private", "pair", "pair_and_coordinator"]))
        title = draw(st.sampled_from(_TITLES))
        if draw(st.booleans()):
            goal = write_goal(
                pair, draw(ids), title=title, by=_MENTEE, at=at, visibility=visibility
            )
        else:
            goal = suggest_goal(
                pair, draw(ids), title=title, by=_MENTOR, at=at, visibility=visibility
            )
        for step in range(draw(st.integers(0, max_steps))):
            at += timedelta(hours=draw(st.integers(0, 96)))
            status = goal.status.value
            move = draw(
                st.sampled_from(["revise", "milestone", "complete", "evidence", "end", "reopen"])
            )
            if status == "suggested":
                goal = (
                    drop_goal(goal, by=_MENTOR, at=at, reason="Not now")
                    if move == "end"
                    else adopt_goal(goal, by=_MENTEE, at=at)
                )
            elif status == "dropped":
                break
            elif status == "achieved":
                goal = (
                    reopen_goal(goal, by=_MENTEE, at=at)
                    if move == "reopen"
                    else link_evidence(goal, kind="session", item_id=f"s{step}", by=_MENTOR, at=at)
                )
            elif move == "revise":
                goal = revise_goal(goal, by=_MENTEE, at=at, description=f"Revision {step}")
            elif move == "milestone":
                goal = add_milestone(
                    goal,
                    f"ms{step}",
                    text="Mock interview with a participant in Tel Aviv",
                    by=_MENTEE,
                    at=at,
                    due_on=draw(st.none() | st.just(at.date() + timedelta(days=14))),
                )
            elif move == "complete" and any(m.done_at is None for m in goal.milestones):
                open_one = next(m.id for m in goal.milestones if m.done_at is None)
                goal = complete_milestone(goal, open_one, by=_MENTEE, at=at)
            elif move == "evidence":
                kind = draw(st.sampled_from(["journal_entry", "action_item", "session"]))
                goal = link_evidence(
                    goal,
                    kind=kind,
                    item_id=f"x{step}",
                    by=draw(st.sampled_from([_MENTOR, _MENTEE])),
                    at=at,
                )
            elif move == "end":
                goal = (
                    achieve_goal(goal, by=_MENTEE, at=at)
                    if draw(st.booleans())
                    else drop_goal(goal, by=_MENTEE, at=at, reason="Plans changed")
                )
        return goal

    return build()


def _prompts() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        st.sampled_from(LOCALES),
        st.sampled_from(["How is it going?", "Как дела?", "Anything to add?"]),
        min_size=1,
    )


@st.composite
def _questions(draw: st.DrawFn, question_id: str) -> Question:
    kind = draw(st.sampled_from(list(QuestionKind)))
    fields: dict[str, object] = {}
    if kind is QuestionKind.CHOICE:
        fields["choices"] = draw(
            st.lists(st.sampled_from(["yes", "no", "maybe", "later"]), min_size=2, unique=True)
        )
    if kind is QuestionKind.SCALE:
        low = draw(st.integers(0, 2))
        fields.update(scale_min=low, scale_max=low + draw(st.integers(2, 9)))
        fields["satisfaction"] = draw(st.booleans())
    return Question(
        id=question_id,
        kind=kind,
        prompt=draw(_prompts()),
        asked=draw(st.sampled_from([["mentor"], ["mentee"], ["mentor", "mentee"]])),
        visibility=draw(st.sampled_from(["coordinators", "pair_and_coordinators"])),
        **fields,  # type: ignore[arg-type]
    )


def feedback_plans(
    *, program_id: str = "p1", max_surveys: int = 3
) -> st.SearchStrategy[FeedbackPlan]:
    """Feedback plans: the standard one, or up to ``max_surveys`` surveys of drawn questions.

    Raises:
        InvalidTypeError, ValidationError: A bad option.

    >>> from hypothesis import given
    >>> @given(feedback_plans())
    ... def test_every_survey_asks_someone(plan):
    ...     assert all(s.asks("mentor") or s.asks("mentee") for s in plan.surveys)
    >>> test_every_survey_asks_someone()
    """
    check_id(program_id, "program_id")
    check_count(max_surveys, "max_surveys")

    @st.composite
    def survey(draw: st.DrawFn, survey_id: str) -> Survey:
        count = draw(st.integers(1, 3))
        return Survey(
            id=survey_id,
            timing=draw(st.sampled_from(list(SurveyTiming))),
            title=draw(_prompts()),
            questions=[draw(_questions(f"q{k}")) for k in range(count)],
            answer_within=timedelta(days=draw(st.integers(1, 21))),
        )

    @st.composite
    def build(draw: st.DrawFn) -> FeedbackPlan:
        if draw(st.booleans()):
            return standard_plan(program_id)
        count = draw(st.integers(0, max_surveys))
        return FeedbackPlan(
            program_id=program_id, surveys=[draw(survey(f"survey{k}")) for k in range(count)]
        )

    return build()


def responses(*, mentorship_id: str = "m1") -> st.SearchStrategy[Response]:
    """Responses about ivan and olga's mentorship, with answers of every kind.

    Each is a valid response; whether a plan asked for it is for ``respond`` to check.

    Raises:
        InvalidTypeError, ValidationError: A bad option.

    >>> from hypothesis import given
    >>> @given(responses())
    ... def test_about_the_pair(response):
    ...     assert response.respondent_id in ("ivan", "olga") and response.answers
    >>> test_about_the_pair()
    """
    check_id(mentorship_id, "mentorship_id")
    answers = st.dictionaries(
        st.sampled_from(["satisfaction", "recommend", "loved", "pairing_fit", "q0", "q1"]),
        st.integers(1, 5) | st.booleans() | st.sampled_from(["good_fit", "The mock interview"]),
        min_size=1,
        max_size=4,
    )
    return st.builds(
        Response,
        id=st.from_regex(r"r[0-9]{1,4}", fullmatch=True),
        survey_id=st.sampled_from(["pairing_fit", "check_in", "evaluation"]),
        occasion=st.integers(1, 12),
        mentorship_id=st.just(mentorship_id),
        respondent_id=st.sampled_from([_MENTOR, _MENTEE]),
        answered_at=st.integers(0, 24 * 200).map(lambda h: _START + timedelta(hours=h)),
        answers=answers,
    )
