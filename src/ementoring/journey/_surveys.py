"""The program's questions: what is asked, of whom, when, and who may read the answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._languages import LANGUAGES, LOCALES, check_locale
from ementoring._validate import (
    Choice,
    check_unique,
    coerce_enum,
    duration,
    flag,
    identifier,
    items_of,
    require_identifier,
    require_text,
    require_type,
    whole_number,
)
from ementoring.access import AnswerVisibility
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journey._common import Side, side_value

__all__ = [
    "MAX_ANSWER",
    "MAX_PROMPT",
    "PAIRING_FIT",
    "FeedbackPlan",
    "PairingFit",
    "Question",
    "QuestionKind",
    "Survey",
    "SurveyTiming",
    "standard_plan",
]

MAX_PROMPT = 500
"""The longest question prompt, survey title or choice label, in characters."""

MAX_ANSWER = 5_000
"""The longest free-text answer, in characters."""

PAIRING_FIT = "pairing_fit"
"""The id of the pairing-fit question: its ``not_a_good_fit`` answers drive re-pairing."""

_MAX_SCALE = 100
_MAX_CHOICES = 50
_MAX_QUESTIONS = 100


class QuestionKind(Choice):
    """What kind of answer a question takes."""

    SCALE = "scale"
    """A whole number from ``scale_min`` to ``scale_max``."""
    YES_NO = "yes_no"
    """``True`` or ``False``."""
    CHOICE = "choice"
    """One of the question's ``choices``."""
    TEXT = "text"
    """Free text, at most :data:`MAX_ANSWER` characters."""


class PairingFit(Choice):
    """The answers to the pairing-fit question (Together's three)."""

    GOOD_FIT = "good_fit"
    """The pairing continues."""
    STILL_DECIDING = "still_deciding"
    """Asked again after the next session."""
    NOT_A_GOOD_FIT = "not_a_good_fit"
    """From the mentee: re-pairing offers them someone new. From the mentor: recorded
    for the coordinator, who decides."""


class SurveyTiming(Choice):
    """When a survey is asked of a pair."""

    AFTER_FIRST_SESSION = "after_first_session"
    """When the pair's first session is completed; asked again after the next session
    of whoever answered the pairing-fit question ``still_deciding``."""
    CHECK_IN = "check_in"
    """Two weeks and one month after the pair started, then every month: MENTOR's
    Elements of Effective Practice (twice in the first month, monthly after)."""
    END = "end"
    """When the mentorship is closed, or at its planned end if that comes first."""


def _texts(value: Any, field: str) -> Mapping[str, str]:
    """Words per language (``{"en": ..., "ru": ...}``), at least one, each short plain text."""
    if not isinstance(value, Mapping):
        raise InvalidTypeError(field, value, "a mapping of languages to text")
    if not value:
        raise ValidationError(field, value, "give the words in at least one language")
    checked = {}
    for locale, words in value.items():
        check_locale(locale, f"{field} language")
        require_text(words, f"{field}[{locale!r}]", max_length=MAX_PROMPT, lines=False)
        if not words.strip():
            raise ValidationError(f"{field}[{locale!r}]", words, "must not be blank")
        checked[locale] = words
    return MappingProxyType(dict(sorted(checked.items())))


def _prompt(value: Mapping[str, str]) -> Mapping[str, str]:
    return _texts(value, "prompt")


def _title(value: Mapping[str, str]) -> Mapping[str, str]:
    return _texts(value, "title")


def _kind(value: QuestionKind | str) -> QuestionKind:
    return coerce_enum(QuestionKind, value, "kind")


def _choices(value: Iterable[str]) -> tuple[str, ...]:
    given = items_of(value, str, "choices", "a collection of choice ids", each="a choice id")
    for index, choice in enumerate(given):
        require_identifier(choice, f"choices[{index}]")
    if len(given) > _MAX_CHOICES:
        raise ValidationError("choices", f"<{len(given)} choices>", f"at most {_MAX_CHOICES}")
    check_unique(given, str, "choices")
    return given


def _labels(value: Mapping[str, Mapping[str, str]]) -> Mapping[str, Mapping[str, str]]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("choice_labels", value, "a mapping of choices to words")
    return MappingProxyType(
        {
            require_identifier(choice, "choice_labels"): _texts(words, f"choice_labels[{choice!r}]")
            for choice, words in sorted(value.items(), key=lambda item: str(item[0]))
        }
    )


def _asked(value: Iterable[Side | str]) -> tuple[Side, ...]:
    if isinstance(value, str):
        value = (value,)
    given = items_of(value, str, "asked", "a collection of sides (mentor, mentee)")
    sides = tuple(sorted({side_value(side, "asked") for side in given}))
    if not sides:
        raise ValidationError("asked", given, "ask at least one side")
    return sides


def _visibility(value: AnswerVisibility | str) -> AnswerVisibility:
    return coerce_enum(AnswerVisibility, value, "visibility")


@attrs.frozen(kw_only=True)
class Question:
    """One question of a survey: what is asked, of whom, and who may read the answers.

    Args:
        id: Unique in its survey.
        kind: ``scale``, ``yes_no``, ``choice`` or ``text``.
        prompt: The question in each language it is asked in (``{"en": ..., "ru": ...}``).
        choices: For ``choice``: the ids of the answers (at least two).
        choice_labels: Each choice's words per language; a choice without them is shown by id.
        scale_min, scale_max: For ``scale``: the lowest and highest answer.
        satisfaction: For ``scale``: the answer says how satisfied the person is,
            and counts in the feedback analytics.
        asked: Who answers: ``mentor``, ``mentee`` or both (the default).
        visibility: Who besides the person answering reads the answers:
            ``coordinators`` (the default) or ``pair_and_coordinators``.

    Raises:
        ValidationError: A bad field, or fields that do not fit the kind.

    >>> q = Question(id="fit", kind="choice", prompt={"en": "How is it going?"},
    ...              choices=["good", "bad"])
    >>> q.asked, q.visibility.value
    ((<Side.MENTEE: 'mentee'>, <Side.MENTOR: 'mentor'>), 'coordinators')
    """

    id: str = attrs.field(validator=identifier)
    kind: QuestionKind = attrs.field(converter=_kind)
    prompt: Mapping[str, str] = attrs.field(converter=_prompt, hash=False)
    choices: tuple[str, ...] = attrs.field(default=(), converter=_choices)
    choice_labels: Mapping[str, Mapping[str, str]] = attrs.field(
        factory=dict, converter=_labels, hash=False
    )
    scale_min: int = attrs.field(default=1, validator=whole_number(maximum=_MAX_SCALE))
    scale_max: int = attrs.field(default=5, validator=whole_number(maximum=_MAX_SCALE))
    satisfaction: bool = attrs.field(default=False, validator=flag)
    asked: tuple[Side, ...] = attrs.field(default=(Side.MENTOR, Side.MENTEE), converter=_asked)
    visibility: AnswerVisibility = attrs.field(
        default=AnswerVisibility.COORDINATORS, converter=_visibility
    )

    def __attrs_post_init__(self) -> None:
        is_choice = self.kind is QuestionKind.CHOICE
        if is_choice and len(self.choices) < 2:
            raise ValidationError("choices", self.choices, "a choice question needs two or more")
        if not is_choice and (self.choices or self.choice_labels):
            raise ValidationError("choices", self.choices, "only a choice question has choices")
        unknown = sorted(set(self.choice_labels) - set(self.choices))
        if unknown:
            raise UnknownIdError("choice_labels", unknown[0], "not one of the choices")
        if self.scale_min >= self.scale_max:
            raise ValidationError("scale_max", self.scale_max, "must be above scale_min")
        if self.satisfaction and self.kind is not QuestionKind.SCALE:
            raise ValidationError("satisfaction", True, "only a scale question measures it")
        if self.id == PAIRING_FIT and set(self.choices) != {fit.value for fit in PairingFit}:
            raise ValidationError(
                "choices",
                self.choices,
                f"the {PAIRING_FIT!r} question's choices are "
                + ", ".join(fit.value for fit in PairingFit),
            )

    def check_answer(self, value: Any, field: str = "answer") -> int | bool | str:
        """Return ``value`` if it answers this question, else raise naming ``field``.

        Raises:
            InvalidTypeError: The wrong type for the kind.
            ValidationError: Out of the scale, not a choice, or text too long.

        >>> Question(id="q", kind="scale", prompt={"en": "How?"}).check_answer(6)
        Traceback (most recent call last):
        ...
        ementoring.errors.ValidationError: answer: must be from 1 to 5 (got 6)
        """
        if self.kind is QuestionKind.YES_NO:
            if not isinstance(value, bool):
                raise InvalidTypeError(field, value, "True or False")
            return value
        if self.kind is QuestionKind.SCALE:
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidTypeError(field, value, "a whole number")
            if not self.scale_min <= value <= self.scale_max:
                raise ValidationError(
                    field, value, f"must be from {self.scale_min} to {self.scale_max}"
                )
            return value
        if not isinstance(value, str):
            raise InvalidTypeError(field, value, "text")
        if self.kind is QuestionKind.CHOICE:
            if value not in self.choices:
                raise ValidationError(field, value, "must be one of " + ", ".join(self.choices))
            return value
        return require_text(value, field, max_length=MAX_ANSWER)

    def share(self, value: int) -> float:
        """Where a scale answer lies on its scale, from 0 (lowest) to 1 (highest).

        Raises:
            ValidationError: The question is not a scale, or ``value`` is not on it.

        >>> Question(id="q", kind="scale", prompt={"en": "How?"}).share(2)
        0.25
        """
        if self.kind is not QuestionKind.SCALE:
            raise ValidationError("value", value, "only a scale question's answers have a share")
        number = self.check_answer(value, "value")
        assert isinstance(number, int)
        return (number - self.scale_min) / (self.scale_max - self.scale_min)


def _questions(value: Iterable[Question]) -> tuple[Question, ...]:
    given = items_of(value, Question, "questions", "an iterable of Question")
    if not given:
        raise ValidationError("questions", given, "a survey asks at least one question")
    if len(given) > _MAX_QUESTIONS:
        raise ValidationError("questions", f"<{len(given)} questions>", f"at most {_MAX_QUESTIONS}")
    check_unique(given, lambda question: question.id, "questions")
    return given


def _timing(value: SurveyTiming | str) -> SurveyTiming:
    return coerce_enum(SurveyTiming, value, "timing")


@attrs.frozen(kw_only=True)
class Survey:
    """Questions asked together, and when.

    Args:
        id: Unique in its plan.
        timing: ``after_first_session``, ``check_in`` or ``end`` (see :class:`SurveyTiming`).
        title: The survey's name in each language it is asked in.
        questions: One or more, ids unique.
        answer_within: How long after it is asked an answer is due (then overdue).

    Raises:
        ValidationError: A bad field; an ``after_first_session`` survey asking
            the pairing-fit question of nobody, or another survey asking it.

    >>> s = Survey(id="check_in", timing="check_in", title={"en": "Check-in"},
    ...            questions=[Question(id="ok", kind="yes_no", prompt={"en": "All good?"})])
    >>> s.answer_within
    datetime.timedelta(days=7)
    >>> s.asks(Side.MENTEE), s.question("ok").kind.value
    (True, 'yes_no')
    """

    id: str = attrs.field(validator=identifier)
    timing: SurveyTiming = attrs.field(converter=_timing)
    title: Mapping[str, str] = attrs.field(converter=_title, hash=False)
    questions: tuple[Question, ...] = attrs.field(converter=_questions)
    answer_within: timedelta = attrs.field(
        default=timedelta(days=7),
        validator=duration(
            minimum=timedelta(0), maximum=timedelta(days=366), exclusive_minimum=True
        ),
    )

    def __attrs_post_init__(self) -> None:
        for index, question in enumerate(self.questions):
            if question.id == PAIRING_FIT and self.timing is not SurveyTiming.AFTER_FIRST_SESSION:
                raise ValidationError(
                    f"questions[{index}].id",
                    question.id,
                    "the pairing-fit question belongs to an after_first_session survey",
                )

    def asks(self, side: Side | str) -> bool:
        """Whether any of its questions is asked of ``side``."""
        wanted = side_value(side)
        return any(wanted in question.asked for question in self.questions)

    def question(self, question_id: str) -> Question:
        """The question with this id.

        Raises:
            UnknownIdError: The survey has no such question.
        """
        for question in self.questions:
            if question.id == question_id:
                return question
        raise UnknownIdError("question_id", question_id, f"not a question of survey {self.id!r}")

    def title_in(self, language: str) -> str:
        """The survey's name in a language (a code of :data:`~ementoring.display.LOCALES`).

        Raises:
            InvalidTypeError: ``language`` is not a string.
            ValidationError: The survey has no title in that language.
        """
        title = self.title.get(require_type(language, str, "locale", "a language code"))
        if title is None:
            raise ValidationError("locale", language, f"survey {self.id!r} has no title in it")
        return title


def _surveys(value: Iterable[Survey]) -> tuple[Survey, ...]:
    given = items_of(value, Survey, "surveys", "an iterable of Survey")
    check_unique(given, lambda survey: survey.id, "surveys")
    return given


@attrs.frozen(kw_only=True)
class FeedbackPlan:
    """A program's surveys: every question it asks its pairs, and when.

    Args:
        program_id: The program.
        surveys: Its surveys, ids unique.

    >>> plan = standard_plan("spring-2026")
    >>> [(s.id, s.timing.value) for s in plan.surveys]
    [('pairing_fit', 'after_first_session'), ('check_in', 'check_in'), ('evaluation', 'end')]
    """

    program_id: str = attrs.field(validator=identifier)
    surveys: tuple[Survey, ...] = attrs.field(default=(), converter=_surveys)

    def survey(self, survey_id: str) -> Survey:
        """The survey with this id.

        Raises:
            UnknownIdError: The plan has no such survey.
        """
        for survey in self.surveys:
            if survey.id == survey_id:
                return survey
        raise UnknownIdError("survey_id", survey_id, f"not a survey of program {self.program_id!r}")


def _words(key: str) -> dict[str, str]:
    """One phrase of the language modules, in every language."""
    return {locale: LANGUAGES[locale].journey[key] for locale in LOCALES}


def _scale(question_id: str) -> Question:
    return Question(
        id=question_id,
        kind=QuestionKind.SCALE,
        prompt=_words(f"question_{question_id}"),
        satisfaction=True,
    )


def _text(question_id: str, visibility: AnswerVisibility) -> Question:
    return Question(
        id=question_id,
        kind=QuestionKind.TEXT,
        prompt=_words(f"question_{question_id}"),
        visibility=visibility,
    )


def standard_plan(program_id: str) -> FeedbackPlan:
    """The surveys most programs need, in every language of the library.

    - ``pairing_fit`` after the first session: "How is the pairing going?",
      a good fit, still deciding (asked again after the next session) or not
      a good fit.
    - ``check_in``, two weeks and a month in, then monthly: satisfaction from
      1 to 5, and anything the coordinator should know.
    - ``evaluation`` at the end: satisfaction overall, whether they would
      recommend the program, what they loved and their advice to the next
      mentees (these two reflections are shared with the partner).

    Every answer is for the coordinators only, but the two reflections.

    Raises:
        ValidationError: ``program_id`` is not an id.

    >>> plan = standard_plan("spring-2026")
    >>> [q.id for q in plan.survey("evaluation").questions]
    ['overall', 'recommend', 'loved', 'advice']
    >>> plan.survey("pairing_fit").questions[0].prompt["ru"]
    'Как складывается ваша пара?'
    """
    fit = Question(
        id=PAIRING_FIT,
        kind=QuestionKind.CHOICE,
        prompt=_words("question_pairing_fit"),
        choices=[fit.value for fit in PairingFit],
        choice_labels={fit.value: _words(f"choice_{fit.value}") for fit in PairingFit},
    )
    coordinators, shared = AnswerVisibility.COORDINATORS, AnswerVisibility.PAIR_AND_COORDINATORS
    recommend = Question(
        id="recommend", kind=QuestionKind.YES_NO, prompt=_words("question_recommend")
    )
    return FeedbackPlan(
        program_id=program_id,
        surveys=[
            Survey(
                id="pairing_fit",
                timing=SurveyTiming.AFTER_FIRST_SESSION,
                title=_words("survey_pairing_fit"),
                questions=[fit],
            ),
            Survey(
                id="check_in",
                timing=SurveyTiming.CHECK_IN,
                title=_words("survey_check_in"),
                questions=[_scale("satisfaction"), _text("anything_else", coordinators)],
            ),
            Survey(
                id="evaluation",
                timing=SurveyTiming.END,
                title=_words("survey_evaluation"),
                questions=[
                    _scale("overall"),
                    recommend,
                    _text("loved", shared),
                    _text("advice", shared),
                ],
                answer_within=timedelta(days=14),
            ),
        ],
    )
