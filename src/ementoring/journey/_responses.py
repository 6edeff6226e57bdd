"""Answers to the program's surveys, checked against the plan and read with the viewer's rights."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from ementoring._validate import (
    aware,
    identifier,
    items_of,
    require_identifier,
    require_text,
    require_type,
    utc,
    whole_number,
)
from ementoring.access import Access, Actor, answer_access
from ementoring.accounting import Mentorship, Program
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journey._common import side_of
from ementoring.journey._surveys import MAX_ANSWER, PAIRING_FIT, FeedbackPlan, PairingFit
from ementoring.timezones import require_aware

__all__ = ["MAX_OCCASION", "AnswerValue", "Response", "respond", "visible_answers"]

MAX_OCCASION = 10_000
"""The highest occasion number of a survey (a monthly check-in for over 800 years)."""

AnswerValue: TypeAlias = int | bool | str
"""One answer: a number on a scale, yes or no, a choice's id, or free text."""


def _answers(value: Mapping[str, Any]) -> Mapping[str, AnswerValue]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("answers", value, "a mapping of question ids to answers")
    checked: dict[str, AnswerValue] = {}
    for question, answer in value.items():
        field = f"answers[{question!r:.40}]"
        require_identifier(question, field)
        if isinstance(answer, str):
            require_text(answer, field, max_length=MAX_ANSWER)
        elif not isinstance(answer, int):  # bool is an int
            raise InvalidTypeError(field, answer, "a number, True or False, or text")
        checked[question] = answer
    return MappingProxyType(dict(sorted(checked.items())))


@attrs.frozen(kw_only=True)
class Response:
    """One person's answers to one occasion of a survey.

    A later response to the same occasion replaces an earlier one (the
    latest ``answered_at`` counts, ties by id); nothing is rewritten.

    Args:
        id: The response's id.
        survey_id: The survey answered.
        occasion: Which time it was asked: 1 for the first, counting up.
        mentorship_id: The pair it is about.
        respondent_id: Who answered: the pair's mentor or mentee.
        answered_at: When (aware).
        answers: Question id to the answer; questions left out were not answered.

    >>> from datetime import UTC, datetime
    >>> r = Response(id="r1", survey_id="check_in", occasion=1, mentorship_id="m1",
    ...              respondent_id="olga", answered_at=datetime(2026, 3, 17, tzinfo=UTC),
    ...              answers={"satisfaction": 4})
    >>> dict(r.answers)
    {'satisfaction': 4}
    """

    id: str = attrs.field(validator=identifier)
    survey_id: str = attrs.field(validator=identifier)
    occasion: int = attrs.field(validator=whole_number(minimum=1, maximum=MAX_OCCASION))
    mentorship_id: str = attrs.field(validator=identifier)
    respondent_id: str = attrs.field(validator=identifier)
    answered_at: datetime = attrs.field(converter=utc, validator=aware)
    answers: Mapping[str, AnswerValue] = attrs.field(converter=_answers, hash=False)

    @property
    def slot(self) -> tuple[str, str, str, int]:
        """What the response answers: (mentorship, respondent, survey, occasion)."""
        return (self.mentorship_id, self.respondent_id, self.survey_id, self.occasion)


def check_response(
    plan: FeedbackPlan, mentorship: Mentorship, response: Response, field: str
) -> None:
    """Refuse a response the plan did not ask of that person, naming ``field``."""
    if response.mentorship_id != mentorship.id:
        raise ValidationError(f"{field}.mentorship_id", response.mentorship_id, "another pair's")
    try:
        survey = plan.survey(response.survey_id)
    except UnknownIdError as error:
        raise UnknownIdError(f"{field}.survey_id", error.value, error.reason) from None
    side = side_of(
        response.respondent_id,
        mentorship.mentor_id,
        mentorship.mentee_id,
        f"{field}.respondent_id",
    )
    for question_id, value in response.answers.items():
        where = f"{field}.answers[{question_id!r}]"
        try:
            question = survey.question(question_id)
        except UnknownIdError as error:
            raise UnknownIdError(where, error.value, error.reason) from None
        if side not in question.asked:
            raise ValidationError(where, question_id, f"not asked of the {side.value}")
        question.check_answer(value, where)


def respond(
    plan: FeedbackPlan,
    mentorship: Mentorship,
    *,
    response_id: str,
    survey_id: str,
    occasion: int,
    by: str,
    at: datetime,
    answers: Mapping[str, Any],
) -> Response:
    """Record one person's answers to one occasion of a survey, checked against the plan.

    Args:
        plan: The program's plan.
        mentorship: The pair the answers are about (of the plan's program).
        response_id: The new response's id.
        survey_id: A survey of the plan.
        occasion: Which time it was asked (see :func:`due_surveys`).
        by: The mentor or the mentee.
        at: When they answered (aware).
        answers: Question id to answer, for questions of the survey asked of them.

    Returns:
        A new :class:`Response`.

    Raises:
        UnknownIdError: An unknown survey or question.
        InvalidTypeError: An answer of the wrong type for its question.
        ValidationError: ``by`` is not in the pair, a question not asked of
            them, an answer out of range, or a mentorship of another program.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> from ementoring.journey import standard_plan
    >>> plan = standard_plan("spring-2026")
    >>> pair = Mentorship("m1", "spring-2026", "anna", "olga", started_on=date(2026, 3, 2))
    >>> respond(plan, pair, response_id="r1", survey_id="pairing_fit", occasion=1, by="olga",
    ...         at=datetime(2026, 3, 4, tzinfo=UTC), answers={"pairing_fit": "maybe"})
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: answers['pairing_fit']: must be one of good_fit, still_deciding, not_a_good_fit (got 'maybe')
    """
    require_type(plan, FeedbackPlan, "plan", "a FeedbackPlan")
    require_type(mentorship, Mentorship, "mentorship", "a Mentorship")
    if mentorship.program_id != plan.program_id:
        raise ValidationError("mentorship", mentorship.id, f"not of program {plan.program_id!r}")
    response = Response(
        id=response_id,
        survey_id=survey_id,
        occasion=occasion,
        mentorship_id=mentorship.id,
        respondent_id=by,
        answered_at=at,
        answers=answers,
    )
    try:
        check_response(plan, mentorship, response, "response")
    except ValidationError as error:
        field = error.field.replace("response.respondent_id", "by").removeprefix("response.")
        if isinstance(error, InvalidTypeError):
            raise InvalidTypeError(field, error.value, error.expected) from None
        raise type(error)(field, error.value, error.reason) from None
    if not response.answers:
        raise ValidationError("answers", {}, "answer at least one question")
    return response


def pairs_by_id(mentorships: Iterable[Mentorship], program: Program) -> dict[str, Mentorship]:
    """The program's mentorships by id; another program's, or an id twice, is refused."""
    found: dict[str, Mentorship] = {}
    for index, pair in enumerate(
        items_of(mentorships, Mentorship, "mentorships", "an iterable of Mentorship")
    ):
        if pair.program_id != program.id:
            raise ValidationError(
                f"mentorships[{index}].program_id", pair.program_id, f"not {program.id!r}"
            )
        if pair.id in found:
            raise ValidationError(f"mentorships[{index}].id", pair.id, "given twice")
        found[pair.id] = pair
    return found


def checked_responses(
    plan: FeedbackPlan,
    pairs: Mapping[str, Mentorship],
    responses: Iterable[Response],
    at: datetime | None,
) -> tuple[Response, ...]:
    """The responses answered by ``at`` (all of them for ``None``), each checked against the plan."""
    given = items_of(responses, Response, "responses", "an iterable of Response")
    kept = []
    for index, response in enumerate(given):
        pair = pairs.get(response.mentorship_id)
        if pair is None:
            raise UnknownIdError(
                f"responses[{index}].mentorship_id", response.mentorship_id, "not a given pair"
            )
        check_response(plan, pair, response, f"responses[{index}]")
        if at is None or response.answered_at <= at:
            kept.append(response)
    return tuple(kept)


def latest(responses: Iterable[Response]) -> dict[tuple[str, str, str, int], Response]:
    """The response that counts for each occasion: the latest, ties broken by id."""
    found: dict[tuple[str, str, str, int], Response] = {}
    for response in responses:
        held = found.get(response.slot)
        if held is None or (held.answered_at, held.id) < (response.answered_at, response.id):
            found[response.slot] = response
    return found


def fit_answers(responses: Iterable[Response]) -> dict[tuple[str, str], PairingFit]:
    """Each person's last pairing-fit answer per mentorship: (mentorship, respondent) -> answer."""
    found: dict[tuple[str, str], tuple[int, datetime, str, PairingFit]] = {}
    for response in latest(responses).values():
        value = response.answers.get(PAIRING_FIT)
        if not isinstance(value, str):
            continue
        key = (response.mentorship_id, response.respondent_id)
        candidate = (response.occasion, response.answered_at, response.id, PairingFit(value))
        if key not in found or found[key][:3] < candidate[:3]:
            found[key] = candidate
    return {key: value[3] for key, value in found.items()}


def visible_answers(
    plan: FeedbackPlan,
    responses: Iterable[Response],
    *,
    viewer: Actor,
    mentorships: Iterable[Mentorship],
    program: Program,
    at: datetime | None = None,
) -> tuple[Response, ...]:
    """The responses as the viewer may see them: each answer kept only if they may read it.

    A response of which the viewer may read no answer but may know it was given
    (an admin) is kept with no answers; one they may see nothing of is left out.
    Each question's visibility decides (see :func:`ementoring.access.answer_access`).

    Args:
        plan: The program's plan.
        responses: Responses about the given mentorships.
        viewer: Who is reading.
        mentorships: The pairs the responses are about (of ``program``).
        program: The program.
        at: Only responses answered by then (default: all).

    Returns:
        The responses, in the order given, with unreadable answers removed.

    Raises:
        ValidationError: A response the plan did not ask for, a mentorship of
            another program, or a plan of another program.
        UnknownIdError: A response about a mentorship not given.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.access import Actor
    >>> from ementoring.accounting import Mentorship, Program
    >>> from ementoring.journey import standard_plan
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> plan, pair = standard_plan("p"), Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
    >>> answer = respond(plan, pair, response_id="r1", survey_id="evaluation", occasion=1, by="olga",
    ...                  at=datetime(2026, 5, 20, tzinfo=UTC), answers={"overall": 5, "loved": "The mock interview"})
    >>> anna = Actor("anna", roles=["mentor"], mentorship_ids=["m1"])
    >>> [dict(r.answers) for r in visible_answers(plan, [answer], viewer=anna, mentorships=[pair], program=program)]
    [{'loved': 'The mock interview'}]
    """
    require_type(plan, FeedbackPlan, "plan", "a FeedbackPlan")
    require_type(viewer, Actor, "viewer", "an Actor")
    require_type(program, Program, "program", "a Program")
    if plan.program_id != program.id:
        raise ValidationError("plan", plan.program_id, f"not the plan of {program.id!r}")
    if at is not None:
        at = require_aware(at, "at")
    pairs = pairs_by_id(mentorships, program)
    shown = []
    for response in checked_responses(plan, pairs, responses, at):
        readable, known = readable_answers(
            plan, pairs[response.mentorship_id], response, viewer, program
        )
        if readable or known:
            shown.append(
                response
                if readable == dict(response.answers)
                else attrs.evolve(response, answers=readable)
            )
    return tuple(shown)


def readable_answers(
    plan: FeedbackPlan,
    pair: Mentorship,
    response: Response,
    viewer: Actor,
    program: Program,
) -> tuple[dict[str, AnswerValue], bool]:
    """The answers of a response the viewer reads, and whether they may know it exists."""
    survey = plan.survey(response.survey_id)
    readable: dict[str, AnswerValue] = {}
    known = False
    for question_id, value in response.answers.items():
        level = answer_access(
            viewer,
            respondent_id=response.respondent_id,
            visibility=survey.question(question_id).visibility,
            mentorship=pair,
            program=program,
        )
        known = known or level is not Access.NONE
        if level is Access.READ:
            readable[question_id] = value
    return readable, known
