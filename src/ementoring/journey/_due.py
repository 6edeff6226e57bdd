"""When each survey is asked of whom, as of any instant: what is due, and what is overdue."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta

import attrs

from ementoring._languages import resolve
from ementoring._validate import (
    aware,
    flag,
    identifier,
    items_of,
    require_type,
    utc,
    whole_number,
)
from ementoring.access import Access, Actor, answer_access
from ementoring.accounting import (
    Mentorship,
    MentorshipAction,
    MentorshipStatus,
    Program,
    Session,
    SessionAction,
    SessionStatus,
    sessions_as_of,
)
from ementoring.display import local_time_text
from ementoring.errors import ValidationError
from ementoring.journey._common import Side, side_value
from ementoring.journey._responses import (
    MAX_OCCASION,
    Response,
    checked_responses,
    latest,
    pairs_by_id,
)
from ementoring.journey._surveys import PAIRING_FIT, FeedbackPlan, PairingFit, Survey, SurveyTiming
from ementoring.people import Directory
from ementoring.timezones import LATEST, require_aware, zone_key

__all__ = ["FIRST_CHECK_IN", "DueSurvey", "due_survey_text", "due_surveys"]

FIRST_CHECK_IN = timedelta(days=14)
"""When the first check-in is asked, after the pair's first day; the second comes a month in."""


def _side(value: Side | str) -> Side:
    return side_value(value)


def _zone(value: str) -> str:
    return zone_key(value, "program_zone")


@attrs.frozen(kw_only=True)
class DueSurvey:
    """One survey one person is asked to answer about their pair, and has not yet.

    What a reminder needs, as data: who, about which pair and partner, which
    survey and occasion, from when, and by when (then it is overdue).

    Attributes:
        program_id, program_zone: The program, and its clock (for whoever has no zone).
        survey_id, occasion: The survey, and which time it is asked (1, 2, ...).
        mentorship_id: The pair.
        respondent_id, side: Who is asked, and their side of the pair.
        partner_id: The other member of the pair.
        opens_at: When it was asked.
        due_at: When an answer is due (``opens_at`` plus the survey's ``answer_within``).
        overdue: Whether ``due_at`` has passed at the instant asked about.
    """

    program_id: str = attrs.field(validator=identifier)
    program_zone: str = attrs.field(converter=_zone)
    survey_id: str = attrs.field(validator=identifier)
    occasion: int = attrs.field(validator=whole_number(minimum=1, maximum=MAX_OCCASION))
    mentorship_id: str = attrs.field(validator=identifier)
    respondent_id: str = attrs.field(validator=identifier)
    side: Side = attrs.field(converter=_side)
    partner_id: str = attrs.field(validator=identifier)
    opens_at: datetime = attrs.field(converter=utc, validator=aware)
    due_at: datetime = attrs.field(converter=utc, validator=aware)
    overdue: bool = attrs.field(validator=flag)

    @property
    def key(self) -> str:
        """A stable key: the same survey, pair, person and occasion always give the same one."""
        return f"survey:{self.survey_id}:{self.mentorship_id}:{self.respondent_id}:{self.occasion}"


@attrs.frozen
class Occasion:
    """One time a survey is asked of one person about one pair, and the response that counts."""

    survey: Survey
    pair: Mentorship
    side: Side
    number: int
    opens_at: datetime
    response: Response | None

    @property
    def respondent_id(self) -> str:
        return self.pair.mentor_id if self.side is Side.MENTOR else self.pair.mentee_id

    @property
    def due_at(self) -> datetime:
        return self.opens_at + self.survey.answer_within


def _midnight(program: Program, start: date, *, days: int = 0, months: int = 0) -> datetime | None:
    """Midnight on the program's clock ``days`` and ``months`` after ``start``; ``None`` past
    the supported range of instants (nothing is asked that late)."""
    try:
        month = start.month - 1 + months
        year, month = start.year + month // 12, month % 12 + 1
        # The same day of the month, or the month's last day when it has fewer.
        day = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
        found = program.midnight(day + timedelta(days=days))
    except (OverflowError, ValueError):  # ValidationError too: a ValueError
        return None
    return found if found < LATEST else None


def _completions(pair: Mentorship, sessions: Iterable[Session]) -> list[datetime]:
    """When each of the pair's completed sessions was recorded as completed, in order."""
    found = []
    for session in sessions:
        if session.status is not SessionStatus.COMPLETED or not session.serves(pair.id):
            continue
        done = [e.at for e in session.history if e.action is SessionAction.COMPLETE]
        found.append(done[-1] if done else session.held.end)
    return sorted(found)


def _end(program: Program, pair: Mentorship) -> datetime:
    """When the pair's end-of-program evaluation is asked: its closing, or its planned end."""
    weeks = program.planned_weeks + pair.extension_weeks
    planned = _midnight(program, pair.started_on, days=7 * weeks) or LATEST
    if pair.status in (MentorshipStatus.COMPLETED, MentorshipStatus.CLOSED_EARLY):
        closing = [
            e.at
            for e in pair.history
            if e.action in (MentorshipAction.COMPLETE, MentorshipAction.CLOSE_EARLY)
        ]
        if closing:
            return min(closing[-1], planned)
    return planned


def occasions(
    plan: FeedbackPlan,
    program: Program,
    pairs: Mapping[str, Mentorship],
    sessions: Iterable[Session],
    responses: Iterable[Response],
    at: datetime,
) -> Iterator[Occasion]:
    """Every occasion asked by ``at``, with the response that counts, pair by pair in id order."""
    answers = latest(responses)
    held = sessions_as_of(items_of(sessions, Session, "sessions", "an iterable of Session"), at)
    for pair_id in sorted(pairs):
        pair = pairs[pair_id].as_of(at)
        first_day = _midnight(program, pair.started_on)
        if first_day is None or first_day > at:
            continue
        end = _end(program, pair)
        done = _completions(pair, held)
        for survey in plan.surveys:
            for side in (Side.MENTEE, Side.MENTOR):
                if not survey.asks(side):
                    continue
                person = pair.mentor_id if side is Side.MENTOR else pair.mentee_id
                answered = _lookup(answers, pair.id, person, survey.id)
                opening = _opening(survey, program, pair, end, done, answered, at)
                for number, opens in enumerate(opening, start=1):
                    yield Occasion(survey, pair, side, number, opens, answered(number))


def _lookup(
    answers: Mapping[tuple[str, str, str, int], Response], pair_id: str, person: str, survey_id: str
) -> Callable[[int], Response | None]:
    """The response that counts for each occasion of one survey, one person, one pair."""
    return lambda number: answers.get((pair_id, person, survey_id, number))


def _opening(
    survey: Survey,
    program: Program,
    pair: Mentorship,
    end: datetime,
    done: list[datetime],
    answered: Callable[[int], Response | None],
    at: datetime,
) -> Iterator[datetime]:
    """When each occasion of a survey opens for one person, up to ``at``."""
    if survey.timing is SurveyTiming.END:
        if end <= at:
            yield end
        return
    if survey.timing is SurveyTiming.CHECK_IN:
        for number in range(MAX_OCCASION):
            # Two weeks in, then a month in, then every month: twice in the first month.
            opens = (
                _midnight(program, pair.started_on, days=FIRST_CHECK_IN.days)
                if number == 0
                else _midnight(program, pair.started_on, months=number)
            )
            if opens is None or opens > at or opens >= end:
                return
            yield opens
        return
    # After the first session; again after the next one while the answer is "still deciding".
    after: datetime | None = None
    for number in range(1, MAX_OCCASION + 1):
        opens = next((t for t in done if after is None or t > after), None)
        if opens is None or opens > at or opens >= end:
            return
        yield opens
        response = answered(number)
        fit = None if response is None else response.answers.get(PAIRING_FIT)
        if fit != PairingFit.STILL_DECIDING.value:
            return
        after = response.answered_at if response is not None else opens


def _known(occasion: Occasion, viewer: Actor, program: Program) -> bool:
    """Whether the viewer may know of the occasion: they see at least that one answer exists."""
    return any(
        answer_access(
            viewer,
            respondent_id=occasion.respondent_id,
            visibility=question.visibility,
            mentorship=occasion.pair,
            program=program,
        )
        is not Access.NONE
        for question in occasion.survey.questions
        if occasion.side in question.asked
    )


def read_inputs(
    plan: FeedbackPlan,
    program: Program,
    mentorships: Iterable[Mentorship],
    responses: Iterable[Response],
    viewer: Actor,
    at: datetime,
) -> tuple[dict[str, Mentorship], tuple[Response, ...], datetime]:
    """The checked inputs of every function over a program's surveys."""
    require_type(plan, FeedbackPlan, "plan", "a FeedbackPlan")
    require_type(program, Program, "program", "a Program")
    require_type(viewer, Actor, "viewer", "an Actor")
    if plan.program_id != program.id:
        raise ValidationError("plan", plan.program_id, f"not the plan of {program.id!r}")
    at = require_aware(at, "at")
    pairs = pairs_by_id(mentorships, program)
    return pairs, checked_responses(plan, pairs, responses, at), at


def due_surveys(
    plan: FeedbackPlan,
    program: Program,
    mentorships: Iterable[Mentorship],
    sessions: Iterable[Session],
    responses: Iterable[Response],
    *,
    viewer: Actor,
    at: datetime,
) -> tuple[DueSurvey, ...]:
    """Which surveys are due and overdue for whom, as of ``at``: what reminders are made from.

    When each survey is asked (see :class:`SurveyTiming`):

    - ``after_first_session``: when the pair's first session is recorded as
      completed; for whoever answered the pairing-fit question "still
      deciding", again when the next session after that answer is completed;
    - ``check_in``: two weeks after the pair's first day, one month after it,
      then on the same day of every following month (at midnight on the
      program's clock), until the pair's end;
    - ``end``: when the mentorship is completed or closed early, or at its
      planned end (``planned_weeks`` plus extensions after ``started_on``),
      whichever comes first.

    A paused pair is still asked (staff check in on paused pairs too). A survey
    is asked of each side that one of its questions asks. An
    occasion is due once asked, overdue from ``answer_within`` after, and
    done once answered (the response's ``occasion`` says which). Only what
    existed at ``at`` counts: sessions, mentorships and responses as of then.
    The viewer sees only occasions whose answers they may at least know of
    (see :func:`ementoring.access.answer_access`): a coordinator or admin of
    the program every one, a participant their own.

    Args:
        plan: The program's surveys.
        program: The program.
        mentorships: Its pairs.
        sessions: Their sessions (as recorded).
        responses: The answers so far.
        viewer: Who is asking.
        at: The instant (aware).

    Returns:
        The occasions not yet answered, by ``due_at``, then pair, person, survey and occasion.

    Raises:
        ValidationError: A mentorship or plan of another program, or a response
            the plan did not ask for.
        UnknownIdError: A response about a pair not given.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.access import Actor
    >>> from ementoring.accounting import Mentorship, Program
    >>> from ementoring.journey import standard_plan
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> maria = Actor("maria", roles=["coordinator"], program_ids=["p"])
    >>> due = due_surveys(standard_plan("p"), program, [pair], [], [], viewer=maria,
    ...                   at=datetime(2026, 4, 4, tzinfo=UTC))
    >>> [(d.survey_id, d.occasion, d.respondent_id, d.opens_at.date().isoformat(), d.overdue) for d in due]
    [('check_in', 1, 'anna', '2026-03-16', True), ('check_in', 1, 'mila', '2026-03-16', True), ('check_in', 2, 'anna', '2026-04-02', False), ('check_in', 2, 'mila', '2026-04-02', False)]
    """
    pairs, answered, at = read_inputs(plan, program, mentorships, responses, viewer, at)
    found = [
        DueSurvey(
            program_id=program.id,
            program_zone=program.zone,
            survey_id=o.survey.id,
            occasion=o.number,
            mentorship_id=o.pair.id,
            respondent_id=o.respondent_id,
            side=o.side,
            partner_id=o.pair.mentee_id if o.side is Side.MENTOR else o.pair.mentor_id,
            opens_at=o.opens_at,
            due_at=o.due_at,
            overdue=o.due_at <= at,
        )
        for o in occasions(plan, program, pairs, sessions, answered, at)
        if o.response is None and _known(o, viewer, program)
    ]
    return tuple(
        sorted(
            found,
            key=lambda d: (d.due_at, d.mentorship_id, d.respondent_id, d.survey_id, d.occasion),
        )
    )


def due_survey_text(
    due: DueSurvey,
    plan: FeedbackPlan,
    *,
    locale: str = "en",
    people: Directory | None = None,
) -> str:
    """Ask someone to answer a survey, in their language, the deadline on their clock.

    The reader's clock is their zone in ``people``, else the program's; the
    partner is named by ``people``, else by id. The survey's title must be
    given in the language asked for.

    Raises:
        InvalidTypeError: A bad argument type.
        UnknownIdError: The survey is not in the plan.
        ValidationError: An unknown language, or the survey has no title in it.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> from datetime import UTC, datetime
    >>> from ementoring.journey import standard_plan
    >>> due = DueSurvey(program_id="p", program_zone="America/Toronto", survey_id="check_in",
    ...     occasion=1, mentorship_id="m1", respondent_id="mila", side="mentee", partner_id="anna",
    ...     opens_at=datetime(2026, 3, 16, 4, tzinfo=UTC), due_at=datetime(2026, 3, 23, 4, tzinfo=UTC),
    ...     overdue=False)
    >>> due_survey_text(due, standard_plan("p"))
    'Please answer "Check-in" about your mentorship with anna by Mon 23 Mar, 00:00 Toronto time.'
    """
    require_type(due, DueSurvey, "due", "a DueSurvey")
    require_type(plan, FeedbackPlan, "plan", "a FeedbackPlan")
    if people is not None:
        require_type(people, Directory, "people", "a Directory")
    language, _ = resolve(locale, "ementoring.journey.due_survey_text")
    title = plan.survey(due.survey_id).title_in(language.code)
    reader = None if people is None else people.get(due.respondent_id)
    clock = due.program_zone if reader is None else reader.clock(due.program_zone)
    template = language.messages["survey_overdue" if due.overdue else "survey_due"]
    return template.format(
        survey=title,
        partner=due.partner_id if people is None else people.name_of(due.partner_id),
        due=local_time_text(due.due_at, clock, locale=language.code),
    )
