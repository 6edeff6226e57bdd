"""When surveys are due, for whom, and what the answers tell a coordinator."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import (
    Mentorship,
    Program,
    Session,
    close_mentorship,
    complete,
    sessions_as_of,
)
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journey import (
    FIRST_CHECK_IN,
    CriterionFinding,
    Offer,
    Response,
    Side,
    Verdict,
    accept,
    approve,
    due_survey_text,
    due_surveys,
    feedback_report,
    finding_text,
    respond,
    standard_plan,
)
from ementoring.journey._analytics import mann_whitney
from ementoring.people import Directory, Person
from ementoring.scheduling import Interval
from ementoring.timezones import to_instant

PROGRAM = Program(
    "spring-2026",
    "Spring 2026",
    starts_on=date(2026, 3, 2),
    zone="America/Toronto",
    planned_weeks=10,
)
PLAN = standard_plan(PROGRAM.id)
PAIR = Mentorship("m1", PROGRAM.id, "anna", "mila", started_on=date(2026, 3, 2))
MARIA = Actor("maria", roles=["coordinator"], program_ids=[PROGRAM.id])
ROOT = Actor("root", roles=["admin"], program_ids=[PROGRAM.id])
MILA = Actor("mila", roles=["mentee"], mentorship_ids=["m1"])
ANNA = Actor("anna", roles=["mentor"], mentorship_ids=["m1"])


def toronto(day: int, hour: int = 0, month: int = 3) -> datetime:
    return to_instant(datetime(2026, month, day, hour), PROGRAM.zone)


def held(number: int, day: int, month: int = 3, pair: Mentorship = PAIR) -> Session:
    start = toronto(day, 18, month)
    session = Session(
        f"s{number}",
        pair.id,
        Interval(start, start + timedelta(hours=1)),
        list(pair.participant_ids),
        proposed_at=start - timedelta(days=2),
    )
    return complete(session, at=start + timedelta(hours=2))


def answer(
    number: int, survey: str, occasion: int, by: str, at: datetime, **answers: object
) -> Response:
    return respond(
        PLAN,
        PAIR,
        response_id=f"r{number}",
        survey_id=survey,
        occasion=occasion,
        by=by,
        at=at,
        answers=answers,
    )


def due(
    at: datetime,
    sessions: list[Session],
    responses: list[Response],
    viewer: Actor = MARIA,
    pairs: list[Mentorship] | None = None,
) -> list[tuple[str, int, str]]:
    return [
        (d.survey_id, d.occasion, d.respondent_id)
        for d in due_surveys(
            PLAN, PROGRAM, pairs or [PAIR], sessions, responses, viewer=viewer, at=at
        )
    ]


def test_pairing_fit_after_the_first_session_and_again_while_still_deciding() -> None:
    first, second, third = held(1, 5), held(2, 12), held(3, 19)
    sessions = [first, second, third]
    before = due(toronto(5, 19), sessions, [])
    assert ("pairing_fit", 1, "mila") not in before
    after = due(toronto(5, 21), sessions, [])
    assert ("pairing_fit", 1, "mila") in after
    assert ("pairing_fit", 1, "anna") in after
    deciding = answer(1, "pairing_fit", 1, "mila", toronto(6), pairing_fit="still_deciding")
    good = answer(2, "pairing_fit", 1, "anna", toronto(6), pairing_fit="good_fit")
    later = due(toronto(13), sessions, [deciding, good])
    assert ("pairing_fit", 2, "mila") in later
    assert not any(s == "pairing_fit" and who == "anna" for s, _, who in later)
    fit = answer(3, "pairing_fit", 2, "mila", toronto(14), pairing_fit="good_fit")
    done = due(toronto(20), sessions, [deciding, good, fit])
    assert not any(s == "pairing_fit" for s, _, _ in done)


def test_check_ins_twice_in_the_first_month_then_monthly_until_the_end() -> None:
    opened = [
        d.opens_at
        for d in due_surveys(PLAN, PROGRAM, [PAIR], [], [], viewer=MARIA, at=toronto(30, month=5))
        if d.survey_id == "check_in" and d.respondent_id == "mila"
    ]
    assert opened == [
        PROGRAM.midnight(PAIR.started_on + FIRST_CHECK_IN),
        PROGRAM.midnight(date(2026, 4, 2)),
        PROGRAM.midnight(date(2026, 5, 2)),
    ]
    # Ten planned weeks end on 11 May: the evaluation is asked then, of both.
    end = [
        d
        for d in due_surveys(PLAN, PROGRAM, [PAIR], [], [], viewer=MARIA, at=toronto(30, month=5))
        if d.survey_id == "evaluation"
    ]
    assert [(d.respondent_id, d.opens_at) for d in end] == [
        ("anna", PROGRAM.midnight(date(2026, 5, 11))),
        ("mila", PROGRAM.midnight(date(2026, 5, 11))),
    ]
    closed = close_mentorship(PAIR, by="maria", at=toronto(10, month=4), reason="needs_changed")
    early = due_surveys(PLAN, PROGRAM, [closed], [], [], viewer=MARIA, at=toronto(30, month=5))
    assert max(d.opens_at for d in early if d.survey_id == "check_in") < toronto(10, month=4)
    assert {d.opens_at for d in early if d.survey_id == "evaluation"} == {toronto(10, month=4)}


def test_month_ends_are_kept() -> None:
    pair = Mentorship("m2", PROGRAM.id, "anna", "ivan", started_on=date(2026, 1, 31))
    program = Program("spring-2026", "S", starts_on=date(2026, 1, 31), zone="UTC", planned_weeks=20)
    days = [
        d.opens_at.date()
        for d in due_surveys(
            PLAN, program, [pair], [], [], viewer=MARIA, at=datetime(2026, 5, 1, tzinfo=UTC)
        )
        if d.survey_id == "check_in" and d.respondent_id == "ivan"
    ]
    assert days == [date(2026, 2, 14), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_each_viewer_sees_the_occasions_they_may_know_of() -> None:
    at = toronto(20, month=5)
    everyone = due(at, [held(1, 5)], [])
    mine = due(at, [held(1, 5)], [], viewer=MILA)
    assert mine == [d for d in everyone if d[2] == "mila" or d[0] == "evaluation"]
    # The evaluation's reflections are shared: Mila knows Anna was asked; the check-ins are not.
    assert ("evaluation", 1, "anna") in mine
    assert ("check_in", 1, "anna") not in mine
    assert due(at, [held(1, 5)], [], viewer=Actor("ivan", roles=[])) == []


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(1, 80), max_size=5, unique=True),
    st.lists(
        st.tuples(st.integers(1, 80), st.sampled_from(["check_in", "pairing_fit"])), max_size=5
    ),
    st.integers(1, 90),
)
def test_as_of_judges_only_what_existed(
    session_days: list[int], answered: list[tuple[int, str]], day: int
) -> None:
    """Due surveys and the report at t are the same on the whole story and on the story truncated at t."""
    base = datetime(2026, 3, 2, 5, tzinfo=UTC)
    sessions = [
        complete(
            Session(
                f"s{n}",
                "m1",
                Interval(base + timedelta(days=d), base + timedelta(days=d, hours=1)),
                ["anna", "mila"],
                proposed_at=base,
            ),
            at=base + timedelta(days=d, hours=2),
        )
        for n, d in enumerate(sorted(session_days))
    ]
    responses = [
        answer(
            n,
            survey,
            1,
            "mila",
            base + timedelta(days=d, hours=3),
            **({"satisfaction": 3} if survey == "check_in" else {"pairing_fit": "good_fit"}),
        )
        for n, (d, survey) in enumerate(answered)
    ]
    at = base + timedelta(days=day)
    kept_sessions = list(sessions_as_of(sessions, at))
    kept_responses = [r for r in responses if r.answered_at <= at]
    whole = due_surveys(PLAN, PROGRAM, [PAIR], sessions, responses, viewer=MARIA, at=at)
    truncated = due_surveys(
        PLAN, PROGRAM, [PAIR.as_of(at)], kept_sessions, kept_responses, viewer=MARIA, at=at
    )
    assert whole == truncated
    assert feedback_report(
        PLAN, PROGRAM, [PAIR], sessions, responses, viewer=MARIA, at=at
    ) == feedback_report(
        PLAN, PROGRAM, [PAIR.as_of(at)], kept_sessions, kept_responses, viewer=MARIA, at=at
    )


def test_the_message_is_on_the_readers_clock_in_their_language() -> None:
    at = toronto(30, month=3)
    (first,) = [
        d
        for d in due_surveys(PLAN, PROGRAM, [PAIR], [], [], viewer=MARIA, at=at)
        if d.respondent_id == "mila" and d.occasion == 1
    ]
    people = Directory(
        people=[
            Person(id="mila", name="Mila", zone="Europe/Moscow", locale="ru"),
            Person(id="anna", name="Anna", zone="America/Toronto"),
        ]
    )
    assert first.overdue
    assert first.key == "survey:check_in:m1:mila:1"
    assert due_survey_text(first, PLAN, locale="ru", people=people) == (
        "Срок ответа на вопросы «Как идут дела» истёк (партнёр: Anna, срок: пн, 23 мар., "
        "07:00 (Москва)). Пожалуйста, ответьте."
    )
    custom = PLAN.surveys[0]
    english_only = type(PLAN)(
        program_id=PLAN.program_id,
        surveys=[
            type(custom)(
                id="check_in",
                timing="check_in",
                title={"en": "Check-in"},
                questions=custom.questions[:0] or PLAN.surveys[1].questions,
            )
        ],
    )
    with pytest.raises(ValidationError, match="no title"):
        due_survey_text(first, english_only, locale="ru")


def _pairs_with(
    scores: list[tuple[float, int]],
) -> tuple[list[Mentorship], list[Offer], list[Response]]:
    """Pairs whose accepted offer scored `score` on topic_fit, each mentee answering `satisfaction`."""
    pairs, offers, responses = [], [], []
    at = datetime(2026, 3, 1, tzinfo=UTC)
    for n, (score, satisfaction) in enumerate(scores):
        pair = Mentorship(f"m{n}", PROGRAM.id, f"r{n}", f"e{n}", started_on=date(2026, 3, 2))
        offer = Offer(
            id=f"o{n}",
            program_id=PROGRAM.id,
            mentor_id=f"r{n}",
            mentee_id=f"e{n}",
            proposed_at=at,
            breakdown={"topic_fit": score, "shared_language": 1.0},
        )
        offer = accept(
            accept(approve(offer, by="maria", at=at), by=f"r{n}", at=at), by=f"e{n}", at=at
        )
        pairs.append(pair)
        offers.append(offer)
        responses.append(
            respond(
                PLAN,
                pair,
                response_id=f"x{n}",
                survey_id="check_in",
                occasion=1,
                by=f"e{n}",
                at=datetime(2026, 3, 17, tzinfo=UTC),
                answers={"satisfaction": satisfaction},
            )
        )
    return pairs, offers, responses


def test_a_criterion_is_judged_only_with_enough_pairs_and_said_with_its_counts() -> None:
    strong = [(k / 40, 5 if k >= 20 else 2) for k in range(40)]
    pairs, offers, responses = _pairs_with(strong)
    report = feedback_report(
        PLAN,
        PROGRAM,
        pairs,
        [],
        responses,
        viewer=MARIA,
        at=datetime(2026, 3, 20, tzinfo=UTC),
        offers=offers,
    )
    by_name = {f.criterion: f for f in report.criteria}
    topic = by_name["topic_fit"]
    assert (topic.pairs, topic.above_pairs, topic.below_pairs) == (40, 20, 20)
    assert topic.verdict is Verdict.HIGHER_ABOVE_MEDIAN
    assert topic.p_value is not None
    assert topic.p_value < 0.001
    assert by_name["shared_language"].verdict is Verdict.NO_SPREAD
    assert finding_text(topic) == (
        "topic_fit: mean satisfaction (0 to 1) 1.00 above the median score (pairs: 20), "
        "0.25 at or below it (pairs: 20); Mann–Whitney test p < 0.001: "
        "higher above the median, at the 5% level."
    )
    assert finding_text(topic, locale="ru").startswith(
        "topic_fit: средняя удовлетворённость (от 0 до 1) выше медианы оценки — 1,00 (пар: 20)"
    )
    few = _pairs_with(strong[15:25])
    small = feedback_report(
        PLAN,
        PROGRAM,
        few[0],
        [],
        few[2],
        viewer=MARIA,
        at=datetime(2026, 3, 20, tzinfo=UTC),
        offers=few[1],
    )
    (topic_few,) = [f for f in small.criteria if f.criterion == "topic_fit"]
    assert topic_few.verdict is Verdict.NOT_ENOUGH_PAIRS
    assert topic_few.p_value is None
    assert "nothing is claimed" in finding_text(topic_few)
    # An admin sees that answers exist, never what they say: no satisfaction, no finding.
    admin = feedback_report(
        PLAN,
        PROGRAM,
        pairs,
        [],
        responses,
        viewer=ROOT,
        at=datetime(2026, 3, 20, tzinfo=UTC),
        offers=offers,
    )
    assert admin.satisfaction.answers == 0
    assert admin.rates == report.rates
    assert all(f.pairs == 0 for f in admin.criteria)
    assert admin.at_risk == ()
    assert len(report.at_risk) == 20


def test_low_answers_flag_a_pair_until_a_better_one_comes() -> None:
    low = answer(1, "check_in", 1, "mila", toronto(17), satisfaction=1)
    unfit = answer(2, "pairing_fit", 1, "anna", toronto(6), pairing_fit="not_a_good_fit")
    report = feedback_report(
        PLAN, PROGRAM, [PAIR], [held(1, 5)], [low, unfit], viewer=MARIA, at=toronto(20)
    )
    (risk,) = report.at_risk
    assert [(s.respondent_id, s.question_id, s.answer) for s in risk.signals] == [
        ("anna", "pairing_fit", "not_a_good_fit"),
        ("mila", "satisfaction", 1),
    ]
    better = answer(3, "check_in", 2, "mila", toronto(3, month=4), satisfaction=4)
    fine = answer(4, "pairing_fit", 1, "anna", toronto(7), pairing_fit="good_fit")
    later = feedback_report(
        PLAN,
        PROGRAM,
        [PAIR],
        [held(1, 5)],
        [low, unfit, better, fine],
        viewer=MARIA,
        at=toronto(4, month=4),
    )
    assert later.at_risk == ()
    fits = {f.side: f for f in later.fits}
    assert (fits[Side.MENTOR].good_fit, fits[Side.MENTEE].no_answer) == (1, 1)


@given(
    st.lists(st.integers(1, 5), min_size=2, max_size=30),
    st.lists(st.integers(1, 5), min_size=2, max_size=30),
)
def test_mann_whitney_agrees_with_scipy(first: list[int], second: list[int]) -> None:
    from scipy.stats import mannwhitneyu

    ours = mann_whitney([float(x) for x in first], [float(x) for x in second])
    if len(set(first + second)) == 1:
        assert ours == 1.0
        return
    theirs = mannwhitneyu(first, second, alternative="two-sided", method="asymptotic").pvalue
    assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-12)


def test_refusals() -> None:
    with pytest.raises(InvalidTypeError, match="min_pairs"):
        feedback_report(PLAN, PROGRAM, [PAIR], [], [], viewer=MARIA, at=toronto(5), min_pairs=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="min_pairs"):
        feedback_report(PLAN, PROGRAM, [PAIR], [], [], viewer=MARIA, at=toronto(5), min_pairs=2)
    stranger = Response(
        id="r",
        survey_id="check_in",
        occasion=1,
        mentorship_id="m9",
        respondent_id="x",
        answered_at=toronto(5),
        answers={"satisfaction": 3},
    )
    with pytest.raises(UnknownIdError, match=r"responses\[0\]\.mentorship_id"):
        due_surveys(PLAN, PROGRAM, [PAIR], [], [stranger], viewer=MARIA, at=toronto(5))
    with pytest.raises(ValidationError, match="verdict"):
        CriterionFinding(
            criterion="x",
            pairs=1,
            above_pairs=0,
            below_pairs=1,
            minimum=30,
            side_minimum=10,
            median=None,
            above_mean=None,
            below_mean=None,
            p_value=None,
            verdict="maybe",
        )
