"""The program's questions and the answers to them: checked against the plan, read by right."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring._languages import JOURNEY_PLACEHOLDERS, LANGUAGES
from ementoring.access import Access, Actor, AnswerVisibility, answer_access
from ementoring.accounting import Mentorship, Program
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journey import (
    PAIRING_FIT,
    Question,
    Response,
    Survey,
    respond,
    standard_plan,
    visible_answers,
)

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
PLAN = standard_plan(PROGRAM.id)
PAIR = Mentorship("m1", PROGRAM.id, "anna", "olga", started_on=date(2026, 3, 2))
T0 = datetime(2026, 3, 10, tzinfo=UTC)

VIEWERS = [
    Actor("olga", roles=["mentee"], mentorship_ids=["m1"]),
    Actor("anna", roles=["mentor"], mentorship_ids=["m1"]),
    Actor("maria", roles=["coordinator"], program_ids=[PROGRAM.id]),
    Actor("root", roles=["admin"], program_ids=[PROGRAM.id]),
    Actor("ivan", roles=["mentor"], mentorship_ids=["m2"]),
]


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_language_has_every_journey_phrase_with_its_placeholders(code: str) -> None:
    words = LANGUAGES[code].journey
    assert set(words) == set(JOURNEY_PLACEHOLDERS)
    for key, template in words.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        assert fields == JOURNEY_PLACEHOLDERS[key], (code, key)
        assert template.strip()


def test_the_standard_plan_is_asked_in_every_language() -> None:
    for survey in PLAN.surveys:
        assert set(survey.title) == set(LANGUAGES)
        for question in survey.questions:
            assert set(question.prompt) == set(LANGUAGES)
            assert question.visibility in AnswerVisibility
    fit = PLAN.survey("pairing_fit").question(PAIRING_FIT)
    assert set(fit.choice_labels) == set(fit.choices)


def test_a_question_refuses_what_does_not_fit_its_kind() -> None:
    with pytest.raises(ValidationError, match="two or more"):
        Question(id="q", kind="choice", prompt={"en": "?"}, choices=["a"])
    with pytest.raises(ValidationError, match="only a choice question"):
        Question(id="q", kind="text", prompt={"en": "?"}, choices=["a", "b"])
    with pytest.raises(ValidationError, match="scale_max"):
        Question(id="q", kind="scale", prompt={"en": "?"}, scale_min=3, scale_max=3)
    with pytest.raises(ValidationError, match="satisfaction"):
        Question(id="q", kind="yes_no", prompt={"en": "?"}, satisfaction=True)
    with pytest.raises(ValidationError, match="prompt language"):
        Question(id="q", kind="yes_no", prompt={"de": "?"})
    with pytest.raises(ValidationError, match="pairing_fit"):
        Question(id=PAIRING_FIT, kind="choice", prompt={"en": "?"}, choices=["yes", "no"])
    fit = PLAN.survey("pairing_fit").questions[0]
    with pytest.raises(ValidationError, match="after_first_session"):
        Survey(id="x", timing="check_in", title={"en": "X"}, questions=[fit])
    scale = Question(id="q", kind="scale", prompt={"en": "?"})
    with pytest.raises(InvalidTypeError):
        scale.check_answer(True)
    assert [scale.share(v) for v in (1, 3, 5)] == [0.0, 0.5, 1.0]


def test_respond_checks_the_answers_against_the_plan() -> None:
    def answer(**changes: object) -> Response:
        fields: dict[str, object] = {
            "response_id": "r1",
            "survey_id": "check_in",
            "occasion": 1,
            "by": "olga",
            "at": T0,
            "answers": {"satisfaction": 4},
        }
        fields.update(changes)
        return respond(PLAN, PAIR, **fields)  # type: ignore[arg-type]

    assert dict(answer().answers) == {"satisfaction": 4}
    with pytest.raises(UnknownIdError, match="survey_id"):
        answer(survey_id="nope")
    with pytest.raises(UnknownIdError, match=r"answers\['mood'\]"):
        answer(answers={"mood": 3})
    with pytest.raises(ValidationError, match="by"):
        answer(by="ivan")
    with pytest.raises(InvalidTypeError, match=r"answers\['satisfaction'\]"):
        answer(answers={"satisfaction": "4"})
    with pytest.raises(ValidationError, match="at least one"):
        answer(answers={})
    other = Mentorship("m9", "autumn", "anna", "olga", started_on=date(2026, 3, 2))
    with pytest.raises(ValidationError, match="program"):
        respond(
            PLAN,
            other,
            response_id="r1",
            survey_id="check_in",
            occasion=1,
            by="olga",
            at=T0,
            answers={"satisfaction": 4},
        )


ANSWERS = st.fixed_dictionaries(
    {},
    optional={
        "overall": st.integers(1, 5),
        "recommend": st.booleans(),
        "loved": st.text(alphabet="abc ", max_size=10),
        "advice": st.text(alphabet="xyz ", max_size=10),
    },
).filter(bool)


@given(
    ANSWERS,
    st.sampled_from(["olga", "anna"]),
    st.sampled_from(VIEWERS),
    st.text(alphabet="secret ", max_size=5),
)
def test_nobody_reads_an_answer_the_rules_hide_and_hidden_answers_change_nothing_they_see(
    answers: dict[str, object], respondent: str, viewer: Actor, secret: str
) -> None:
    """Each answer shown is one the viewer may read; changing a hidden answer's text changes
    nothing the viewer sees (non-interference)."""
    response = respond(
        PLAN,
        PAIR,
        response_id="r1",
        survey_id="evaluation",
        occasion=1,
        by=respondent,
        at=T0,
        answers=answers,
    )
    survey = PLAN.survey("evaluation")
    shown = visible_answers(PLAN, [response], viewer=viewer, mentorships=[PAIR], program=PROGRAM)
    for seen in shown:
        for question_id in seen.answers:
            level = answer_access(
                viewer,
                respondent_id=respondent,
                visibility=survey.question(question_id).visibility,
                mentorship=PAIR,
                program=PROGRAM,
            )
            assert level is Access.READ
    hidden = {
        q: (secret if isinstance(v, str) else v)
        for q, v in answers.items()
        if not any(q in s.answers for s in shown)
    }
    changed = respond(
        PLAN,
        PAIR,
        response_id="r1",
        survey_id="evaluation",
        occasion=1,
        by=respondent,
        at=T0,
        answers={**answers, **hidden},
    )
    assert (
        visible_answers(PLAN, [changed], viewer=viewer, mentorships=[PAIR], program=PROGRAM)
        == shown
    )


def test_who_sees_which_answer() -> None:
    response = respond(
        PLAN,
        PAIR,
        response_id="r1",
        survey_id="evaluation",
        occasion=1,
        by="olga",
        at=T0,
        answers={"overall": 2, "loved": "The mock interview"},
    )
    seen = {
        viewer.id: [
            dict(r.answers)
            for r in visible_answers(
                PLAN, [response], viewer=viewer, mentorships=[PAIR], program=PROGRAM
            )
        ]
        for viewer in VIEWERS
    }
    assert seen == {
        "olga": [{"overall": 2, "loved": "The mock interview"}],
        "anna": [{"loved": "The mock interview"}],
        "maria": [{"overall": 2, "loved": "The mock interview"}],
        "root": [{}],
        "ivan": [],
    }
    assert (
        visible_answers(
            PLAN,
            [response],
            viewer=VIEWERS[2],
            mentorships=[PAIR],
            program=PROGRAM,
            at=T0 - timedelta(seconds=1),
        )
        == ()
    )
