"""What the answers tell a coordinator: response rates, pairing fit, satisfaction, pairs at risk,
and whether a matching criterion goes with satisfaction, said with its counts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from statistics import fmean, median
from typing import Any

import attrs

from ementoring._languages import resolve
from ementoring._validate import (
    Choice,
    coerce_enum,
    identifier,
    items_of,
    require_type,
    unit_float,
    whole_number,
)
from ementoring.access import Access, Actor, answer_access
from ementoring.accounting import Mentorship, Program, Session
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.journey._common import Side
from ementoring.journey._due import Occasion, occasions, read_inputs
from ementoring.journey._offers import Offer, OfferStatus
from ementoring.journey._responses import AnswerValue, Response
from ementoring.journey._surveys import PAIRING_FIT, FeedbackPlan, PairingFit, QuestionKind

__all__ = [
    "LOW_SHARE",
    "MIN_PAIRS",
    "SIGNIFICANCE",
    "CriterionFinding",
    "FeedbackReport",
    "FitCounts",
    "PairAtRisk",
    "RiskSignal",
    "SatisfactionFigures",
    "SurveyRate",
    "Verdict",
    "feedback_report",
    "finding_text",
]

MIN_PAIRS = 30
"""The fewest pairs with answers for which a criterion's link to satisfaction is tested."""

SIGNIFICANCE = 0.05
"""The level below which a difference is said to be there (two-sided Mann–Whitney test)."""

LOW_SHARE = 0.25
"""A scale answer at most this far up its scale is low (1 or 2 of 1 to 5; 1 of 1 to 4)."""

_MAX_PAIRS = 10**9


@attrs.frozen(kw_only=True)
class SurveyRate:
    """How many times a survey was asked, answered and left overdue (occasions the viewer knows of)."""

    survey_id: str
    asked: int
    answered: int
    overdue: int

    @property
    def rate(self) -> float | None:
        """Answered over asked; ``None`` when it was never asked."""
        return self.answered / self.asked if self.asked else None


@attrs.frozen(kw_only=True)
class FitCounts:
    """One side's last pairing-fit answers across the program's pairs.

    ``hidden`` counts answers the viewer knows exist but may not read; ``no_answer``
    the people asked who have not answered yet.
    """

    side: Side
    good_fit: int = 0
    still_deciding: int = 0
    not_a_good_fit: int = 0
    no_answer: int = 0
    hidden: int = 0


@attrs.frozen(kw_only=True)
class SatisfactionFigures:
    """Satisfaction in the program: each answer as its share of the scale (0 lowest, 1 highest).

    Attributes:
        answers: Satisfaction answers the viewer may read.
        pairs: Pairs with at least one of them.
        mean: The mean of the pairs' means; ``None`` without answers.
    """

    answers: int
    pairs: int
    mean: float | None


@attrs.frozen(kw_only=True)
class RiskSignal:
    """One low answer: who gave it, to which question of which survey, and what it was."""

    respondent_id: str
    survey_id: str
    occasion: int
    question_id: str
    answer: AnswerValue


@attrs.frozen(kw_only=True)
class PairAtRisk:
    """A pair whose latest answers include a low one (see :func:`feedback_report`)."""

    mentorship_id: str
    signals: tuple[RiskSignal, ...]


class Verdict(Choice):
    """What the answers say about a matching criterion and satisfaction."""

    NOT_ENOUGH_PAIRS = "not_enough_pairs"
    """Too few pairs in all, or on one side of the median: nothing is claimed."""
    NO_SPREAD = "no_spread"
    """Every pair scored the same: nothing to compare."""
    HIGHER_ABOVE_MEDIAN = "higher_above_median"
    """Pairs above the median score were more satisfied (p below :data:`SIGNIFICANCE`)."""
    LOWER_ABOVE_MEDIAN = "lower_above_median"
    """Pairs above the median score were less satisfied (p below :data:`SIGNIFICANCE`)."""
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    """The difference could well be chance."""


_count = whole_number(maximum=_MAX_PAIRS)


def _optional_share(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        unit_float(_instance, field, value)


def _verdict(value: Verdict | str) -> Verdict:
    return coerce_enum(Verdict, value, "verdict")


@attrs.frozen(kw_only=True)
class CriterionFinding:
    """Whether pairs that scored higher on one matching criterion were more satisfied.

    The pairs with satisfaction answers and the criterion's score (from their
    accepted offer) are split at the median score: above it, and at or below
    it. The two groups' satisfaction is compared with a two-sided Mann–Whitney
    test (normal approximation, ties and continuity corrected) only when there
    are at least ``minimum`` pairs and ``side_minimum`` on each side.

    Attributes:
        criterion: The criterion's name.
        pairs, above_pairs, below_pairs: How many pairs, in all and on each side.
        minimum, side_minimum: The counts needed before anything is tested.
        median: The criterion's median score among the pairs (``None`` without pairs).
        above_mean, below_mean: Each side's mean satisfaction (0 to 1), when it has pairs.
        p_value: The test's p-value, when tested.
        verdict: See :class:`Verdict`.
    """

    criterion: str = attrs.field(validator=identifier)
    pairs: int = attrs.field(validator=_count)
    above_pairs: int = attrs.field(validator=_count)
    below_pairs: int = attrs.field(validator=_count)
    minimum: int = attrs.field(validator=_count)
    side_minimum: int = attrs.field(validator=_count)
    median: float | None = attrs.field(validator=_optional_share)
    above_mean: float | None = attrs.field(validator=_optional_share)
    below_mean: float | None = attrs.field(validator=_optional_share)
    p_value: float | None = attrs.field(validator=_optional_share)
    verdict: Verdict = attrs.field(converter=_verdict)


@attrs.frozen(kw_only=True)
class FeedbackReport:
    """What a program's answers say, as of an instant, for one viewer (see :func:`feedback_report`)."""

    program_id: str
    at: datetime
    viewer_id: str
    rates: tuple[SurveyRate, ...]
    fits: tuple[FitCounts, ...]
    satisfaction: SatisfactionFigures
    at_risk: tuple[PairAtRisk, ...]
    criteria: tuple[CriterionFinding, ...]


def feedback_report(
    plan: FeedbackPlan,
    program: Program,
    mentorships: Iterable[Mentorship],
    sessions: Iterable[Session],
    responses: Iterable[Response],
    *,
    viewer: Actor,
    at: datetime,
    offers: Iterable[Offer] = (),
    min_pairs: int = MIN_PAIRS,
) -> FeedbackReport:
    """The program's feedback as of ``at``, from what the viewer may see.

    Every figure counts only what the viewer may see (see
    :func:`ementoring.access.answer_access`): occasions whose answers they may
    at least know of, answers they may read. A coordinator of the program sees
    everything; an admin sees rates but reads no answer; a participant, their own.

    - ``rates``: per survey, the occasions asked by ``at``, answered and overdue
      (see :func:`due_surveys` for when each is asked).
    - ``fits``: per side, everyone's last pairing-fit answer.
    - ``satisfaction``: the answers to questions marked ``satisfaction``, each as its
      share of the scale; a pair's satisfaction is the mean of its answers (both
      sides, every occasion), the program's the mean of its pairs'.
    - ``at_risk``: the pairs in which someone's latest answer to a scale question is
      low (at most :data:`LOW_SHARE` up its scale: 1 or 2 of 1 to 5), or whose last
      pairing-fit answer is "not a good fit". A later, better answer clears it.
    - ``criteria``: for each matching criterion in the pairs' accepted offers, a
      :class:`CriterionFinding`: counts first, and a test only with enough pairs.

    Args:
        plan: The program's surveys.
        program: The program.
        mentorships: Its pairs.
        sessions: Their sessions (when surveys are asked depends on them).
        responses: The answers.
        viewer: Who is reading.
        at: The instant (aware).
        offers: The program's offers: each pair's criterion scores come from the
            accepted offer of the same mentor and mentee.
        min_pairs: The fewest pairs to test a criterion (each side needs a third of it).

    Raises:
        ValidationError: As for :func:`due_surveys`; ``min_pairs`` below 3.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.access import Actor
    >>> from ementoring.accounting import Mentorship, Program
    >>> from ementoring.journey import respond, standard_plan
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> plan = standard_plan("p")
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> low = respond(plan, pair, response_id="r1", survey_id="check_in", occasion=1, by="mila",
    ...               at=datetime(2026, 3, 17, tzinfo=UTC), answers={"satisfaction": 2})
    >>> maria = Actor("maria", roles=["coordinator"], program_ids=["p"])
    >>> report = feedback_report(plan, program, [pair], [], [low], viewer=maria,
    ...                          at=datetime(2026, 3, 20, tzinfo=UTC))
    >>> [(r.survey_id, r.asked, r.answered) for r in report.rates]
    [('pairing_fit', 0, 0), ('check_in', 2, 1), ('evaluation', 0, 0)]
    >>> report.satisfaction.mean, [(p.mentorship_id, p.signals[0].answer) for p in report.at_risk]
    (0.25, [('m1', 2)])
    """
    pairs, answered, at = read_inputs(plan, program, mentorships, responses, viewer, at)
    if isinstance(min_pairs, bool) or not isinstance(min_pairs, int):
        raise InvalidTypeError("min_pairs", min_pairs, "a whole number")
    if not 3 <= min_pairs <= _MAX_PAIRS:
        raise ValidationError("min_pairs", min_pairs, f"must be from 3 to {_MAX_PAIRS:,}")
    given_offers = items_of(offers, Offer, "offers", "an iterable of Offer")
    asked = list(occasions(plan, program, pairs, sessions, answered, at))
    known = [o for o in asked if _knows(o, viewer, program, None)]
    readable = [(o, _readable(o, viewer, program)) for o in known if o.response is not None]
    satisfaction_by_pair = _satisfaction(readable)
    values = [v for shares in satisfaction_by_pair.values() for v in shares]
    means = {pair: fmean(shares) for pair, shares in satisfaction_by_pair.items()}
    return FeedbackReport(
        program_id=program.id,
        at=at,
        viewer_id=viewer.id,
        rates=tuple(_rate(plan_survey.id, known, at) for plan_survey in plan.surveys),
        fits=_fits(known, readable),
        satisfaction=SatisfactionFigures(
            answers=len(values),
            pairs=len(means),
            mean=fmean(means.values()) if means else None,
        ),
        at_risk=_at_risk(readable),
        criteria=_criteria(pairs, means, given_offers, at, min_pairs),
    )


def _knows(occasion: Occasion, viewer: Actor, program: Program, question: str | None) -> bool:
    levels = [
        answer_access(
            viewer,
            respondent_id=occasion.respondent_id,
            visibility=q.visibility,
            mentorship=occasion.pair,
            program=program,
        )
        for q in occasion.survey.questions
        if occasion.side in q.asked and (question is None or q.id == question)
    ]
    return any(level is not Access.NONE for level in levels)


def _readable(occasion: Occasion, viewer: Actor, program: Program) -> Mapping[str, AnswerValue]:
    assert occasion.response is not None
    return {
        question_id: value
        for question_id, value in occasion.response.answers.items()
        if answer_access(
            viewer,
            respondent_id=occasion.respondent_id,
            visibility=occasion.survey.question(question_id).visibility,
            mentorship=occasion.pair,
            program=program,
        )
        is Access.READ
    }


def _rate(survey_id: str, known: list[Occasion], at: datetime) -> SurveyRate:
    mine = [o for o in known if o.survey.id == survey_id]
    return SurveyRate(
        survey_id=survey_id,
        asked=len(mine),
        answered=sum(o.response is not None for o in mine),
        overdue=sum(o.response is None and o.due_at <= at for o in mine),
    )


def _fits(
    known: list[Occasion], readable: list[tuple[Occasion, Mapping[str, AnswerValue]]]
) -> tuple[FitCounts, ...]:
    """Each person's last pairing-fit occasion: its readable answer, hidden, or none yet."""
    last: dict[tuple[str, str], Occasion] = {}
    for occasion in known:
        if any(q.id == PAIRING_FIT for q in occasion.survey.questions):
            key = (occasion.pair.id, occasion.respondent_id)
            if key not in last or last[key].number < occasion.number:
                last[key] = occasion
    read = {(o.pair.id, o.respondent_id, o.survey.id, o.number): answers for o, answers in readable}
    counts = {
        side: dict.fromkeys(
            ("good_fit", "still_deciding", "not_a_good_fit", "no_answer", "hidden"), 0
        )
        for side in Side
    }
    for (pair_id, person), occasion in sorted(last.items()):
        tally = counts[occasion.side]
        if occasion.response is None or PAIRING_FIT not in occasion.response.answers:
            tally["no_answer"] += 1
            continue
        value = read.get((pair_id, person, occasion.survey.id, occasion.number), {}).get(
            PAIRING_FIT
        )
        tally["hidden" if value is None else PairingFit(str(value)).value] += 1
    return tuple(FitCounts(side=side, **counts[side]) for side in (Side.MENTEE, Side.MENTOR))


def _satisfaction(
    readable: list[tuple[Occasion, Mapping[str, AnswerValue]]],
) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for occasion, answers in readable:
        for question_id, value in sorted(answers.items()):
            question = occasion.survey.question(question_id)
            if question.satisfaction and isinstance(value, int):
                found.setdefault(occasion.pair.id, []).append(question.share(value))
    return found


def _at_risk(readable: list[tuple[Occasion, Mapping[str, AnswerValue]]]) -> tuple[PairAtRisk, ...]:
    """Pairs whose latest answer of someone to some scale question is low, or "not a good fit"."""
    latest: dict[tuple[str, str, str, str], tuple[int, datetime, Occasion, AnswerValue]] = {}
    for occasion, answers in readable:
        assert occasion.response is not None
        when = occasion.response.answered_at
        for question_id, value in answers.items():
            key = (occasion.pair.id, occasion.respondent_id, occasion.survey.id, question_id)
            held = latest.get(key)
            if held is None or held[:2] < (occasion.number, when):
                latest[key] = (occasion.number, when, occasion, value)
    signals: dict[str, list[RiskSignal]] = {}
    for (pair_id, person, survey_id, question_id), (number, _, occasion, value) in sorted(
        latest.items(), key=lambda item: item[0]
    ):
        question = occasion.survey.question(question_id)
        low = (
            question.kind is QuestionKind.SCALE
            and isinstance(value, int)
            and question.share(value) <= LOW_SHARE
        ) or (question_id == PAIRING_FIT and value == PairingFit.NOT_A_GOOD_FIT.value)
        if low:
            signals.setdefault(pair_id, []).append(
                RiskSignal(
                    respondent_id=person,
                    survey_id=survey_id,
                    occasion=number,
                    question_id=question_id,
                    answer=value,
                )
            )
    return tuple(
        PairAtRisk(mentorship_id=pair_id, signals=tuple(found))
        for pair_id, found in sorted(signals.items())
    )


def _breakdowns(
    pairs: Mapping[str, Mentorship], offers: tuple[Offer, ...], at: datetime
) -> dict[str, Mapping[str, float]]:
    """Each pair's criterion scores, from the latest accepted offer of the same two people."""
    by_people: dict[tuple[str, str], tuple[datetime, str, Mapping[str, float]]] = {}
    for offer in offers:
        now = offer.as_of(at)
        if now is None or now.status is not OfferStatus.ACCEPTED or now.accepted_at is None:
            continue
        key = (now.mentor_id, now.mentee_id)
        candidate = (now.accepted_at, now.id, now.breakdown)
        if key not in by_people or by_people[key][:2] < candidate[:2]:
            by_people[key] = candidate
    return {
        pair_id: by_people[(pair.mentor_id, pair.mentee_id)][2]
        for pair_id, pair in pairs.items()
        if (pair.mentor_id, pair.mentee_id) in by_people
    }


def _criteria(
    pairs: Mapping[str, Mentorship],
    satisfaction: Mapping[str, float],
    offers: tuple[Offer, ...],
    at: datetime,
    min_pairs: int,
) -> tuple[CriterionFinding, ...]:
    breakdowns = _breakdowns(pairs, offers, at)
    names = sorted({name for scores in breakdowns.values() for name in scores})
    return tuple(
        _finding(
            name,
            [
                (scores[name], satisfaction[pair_id])
                for pair_id, scores in sorted(breakdowns.items())
                if name in scores and pair_id in satisfaction
            ],
            min_pairs,
        )
        for name in names
    )


def _finding(name: str, points: list[tuple[float, float]], minimum: int) -> CriterionFinding:
    side_minimum = max(minimum // 3, 1)
    middle = median(score for score, _ in points) if points else None
    above = [s for score, s in points if middle is not None and score > middle]
    below = [s for score, s in points if middle is not None and score <= middle]
    p_value = None
    if len(points) < minimum:
        verdict = Verdict.NOT_ENOUGH_PAIRS
    elif len({score for score, _ in points}) == 1:
        verdict = Verdict.NO_SPREAD
    elif min(len(above), len(below)) < side_minimum:
        verdict = Verdict.NOT_ENOUGH_PAIRS
    else:
        p_value = mann_whitney(above, below)
        if p_value >= SIGNIFICANCE:
            verdict = Verdict.NO_CLEAR_DIFFERENCE
        elif fmean(above) > fmean(below):
            verdict = Verdict.HIGHER_ABOVE_MEDIAN
        else:
            verdict = Verdict.LOWER_ABOVE_MEDIAN
    return CriterionFinding(
        criterion=name,
        pairs=len(points),
        above_pairs=len(above),
        below_pairs=len(below),
        minimum=minimum,
        side_minimum=side_minimum,
        median=middle,
        above_mean=fmean(above) if above else None,
        below_mean=fmean(below) if below else None,
        p_value=p_value,
        verdict=verdict,
    )


def mann_whitney(first: list[float], second: list[float]) -> float:
    """The two-sided p-value of the Mann–Whitney U test of two samples.

    The normal approximation, with the variance corrected for ties and a
    continuity correction of one half; 1.0 when every value is tied.
    """
    pooled = sorted([(value, 0) for value in first] + [(value, 1) for value in second])
    n1, n2 = len(first), len(second)
    n = n1 + n2
    rank_sum, ties, index = 0.0, 0.0, 0
    while index < n:
        end = index
        while end + 1 < n and pooled[end + 1][0] == pooled[index][0]:
            end += 1
        size = end - index + 1
        rank = (index + end) / 2 + 1  # tied values share the mean of their ranks
        rank_sum += rank * sum(1 for k in range(index, end + 1) if pooled[k][1] == 0)
        ties += size**3 - size
        index = end + 1
    u = rank_sum - n1 * (n1 + 1) / 2
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = max(abs(u - n1 * n2 / 2) - 0.5, 0.0) / math.sqrt(variance)
    return min(1.0, math.erfc(z / math.sqrt(2)))


def _number(template: str, value: float, places: int) -> str:
    whole, fraction = f"{value:.{places}f}".split(".")
    return template.format(whole=whole, fraction=fraction)


def finding_text(finding: CriterionFinding, *, locale: str = "en") -> str:
    """What a :class:`CriterionFinding` says, in a sentence with its counts, in a language.

    Raises:
        InvalidTypeError: ``finding`` is not a :class:`CriterionFinding`.
        ValidationError: An unknown ``locale``.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> few = CriterionFinding(criterion="topic_fit", pairs=12, above_pairs=5, below_pairs=7,
    ...     minimum=30, side_minimum=10, median=0.5, above_mean=0.8, below_mean=0.6,
    ...     p_value=None, verdict="not_enough_pairs")
    >>> print(finding_text(few))
    topic_fit: pairs with answers: 12 (5 above the median score, 7 at or below it); at least 30 in all and 10 on each side are needed, so nothing is claimed.
    """
    require_type(finding, CriterionFinding, "finding", "a CriterionFinding")
    language, _ = resolve(locale, "ementoring.journey.finding_text")
    words = language.journey
    if finding.verdict is Verdict.NO_SPREAD:
        return words["finding_no_spread"].format(criterion=finding.criterion, pairs=finding.pairs)
    if finding.verdict is Verdict.NOT_ENOUGH_PAIRS or finding.p_value is None:
        return words["finding_not_enough_pairs"].format(
            criterion=finding.criterion,
            pairs=finding.pairs,
            above_pairs=finding.above_pairs,
            below_pairs=finding.below_pairs,
            minimum=finding.minimum,
            side_minimum=finding.side_minimum,
        )
    number = words["number"]
    p = (
        "< " + _number(number, 0.001, 3)
        if finding.p_value < 0.001
        else "= " + _number(number, finding.p_value, 3)
    )
    verdict = {
        Verdict.HIGHER_ABOVE_MEDIAN: "verdict_higher",
        Verdict.LOWER_ABOVE_MEDIAN: "verdict_lower",
    }.get(finding.verdict, "verdict_unclear")
    return words["finding_compared"].format(
        criterion=finding.criterion,
        above=_number(number, finding.above_mean or 0.0, 2),
        above_pairs=finding.above_pairs,
        below=_number(number, finding.below_mean or 0.0, 2),
        below_pairs=finding.below_pairs,
        p=p,
        verdict=words[verdict],
    )
