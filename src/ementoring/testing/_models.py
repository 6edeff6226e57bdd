"""Valid objects of every class ementoring stores, for tests of a platform's own storage.

The models with strategies of their own are drawn by them; the rest are what
the library makes from drawn inputs (explanations of solved problems, progress
of a drawn pair, slots of drawn availabilities) or the parts of bigger objects
(a result's matches, a reminder's facts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st

from ementoring.access import (
    Actor,
    AskedTopic,
    CoveredTopic,
    QueuedEntry,
    RedactedEntry,
    TopicCoverage,
    coverage,
    redacted_entries,
    review_queue,
)
from ementoring.accounting import (
    CohortReport,
    HourEntry,
    HourLedger,
    LedgerLine,
    Mentorship,
    MentorshipEvent,
    Program,
    ProgressReport,
    Session,
    SessionEvent,
    cohort_report,
    extend,
    progress,
)
from ementoring.calendar import BusyImport, CalendarProblem, CalendarProblemKind
from ementoring.errors import InvalidTypeError
from ementoring.journal import (
    ActionItem,
    Agenda,
    AgendaItem,
    Journal,
    JournalEntry,
    JournalRecord,
    Review,
    Topic,
    journal_records,
)
from ementoring.journey import (
    FeedbackPlan,
    Goal,
    GoalEvent,
    Offer,
    OfferEvent,
    Question,
    Response,
    Survey,
    goals_from_topics,
)
from ementoring.matching import (
    Alternative,
    Certificate,
    Criterion,
    Exclusion,
    Explanation,
    Match,
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    Recommendation,
    SignUpProblem,
    Unmatched,
    check_person,
    explain,
    recommend,
    solve,
)
from ementoring.people import Directory, Person
from ementoring.reminders import (
    ActionItemParams,
    ChangeParams,
    NoSessionParams,
    PaceParams,
    Reminder,
    ReplyParams,
    ReviewParams,
    SessionParams,
    SurveyParams,
)
from ementoring.reports import (
    DurationSummary,
    GoalCoverage,
    GoalRow,
    HoursBucket,
    HoursDistribution,
    JournalCompletion,
    ProgramAnalytics,
    QuietPair,
    ReviewLatency,
    SessionCounts,
    program_analytics,
)
from ementoring.scheduling import (
    Availability,
    Booking,
    Busy,
    BusyLocal,
    Interval,
    IntervalSet,
    LocalStretch,
    MeetableWeeks,
    RecurringWindow,
    RegularSlot,
    ReplaceDate,
    SkipDate,
    WeeklyWindow,
    meetable_weeks,
    regular_slots,
)
from ementoring.testing._accounting import ledgers, mentorships, programs, sessions
from ementoring.testing._journal import TOPICS, journal_entries, journals
from ementoring.testing._journey import feedback_plans, goals, offers, responses
from ementoring.testing._matching import matching_problems, mentees, mentors
from ementoring.testing._people import directories, persons
from ementoring.testing._reminders import reminders
from ementoring.testing._scheduling import availabilities, interval_sets, intervals, weekly_windows
from ementoring.testing._timezones import STORY_ZONES, zones
from ementoring.timezones import Transition, transitions

__all__ = ["MODELS", "models"]

T = TypeVar("T")

_SPRING = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))
_NOW = datetime(2026, 3, 10, 16, tzinfo=UTC)


def _parts(
    whole: st.SearchStrategy[Any], pick: Callable[[Any], Iterable[T]]
) -> st.SearchStrategy[T]:
    """The pieces of bigger objects (a result's matches, a journal's reviews...)."""
    return whole.map(lambda value: tuple(pick(value))).filter(bool).flatmap(st.sampled_from)


def _of(
    cls: type[T], whole: st.SearchStrategy[Any], pick: Callable[[Any], Iterable[Any]]
) -> st.SearchStrategy[T]:
    """The pieces of class ``cls`` of bigger objects."""
    return _parts(whole, lambda value: [part for part in pick(value) if isinstance(part, cls)])


def _results() -> st.SearchStrategy[tuple[MatchingProblem, MatchingResult]]:
    return st.builds(
        lambda problem, objective: (problem, solve(problem, objective=objective)),
        matching_problems(max_mentors=3, max_mentees=4),
        st.sampled_from(["most_matched", "total_score", "stable"]),
    )


def _explanations() -> st.SearchStrategy[Explanation]:
    @st.composite
    def build(draw: st.DrawFn) -> Explanation:
        problem, result = draw(_results().filter(lambda pair: bool(pair[0].mentees)))
        mentee = draw(st.sampled_from(problem.mentees))
        return explain(problem, result, mentee.id)

    return build()


def _recommendations() -> st.SearchStrategy[Recommendation]:
    def pick(problem: MatchingProblem) -> list[Recommendation]:
        return [r for mentee in problem.mentees for r in recommend(problem, mentee.id)]

    return _parts(matching_problems(max_mentors=3, max_mentees=3), pick)


def _sign_up_problems() -> st.SearchStrategy[SignUpProblem]:
    people = mentors() | mentees()
    return _parts(people, lambda person: check_person(person, within=_SPRING))


def _regular_slots() -> st.SearchStrategy[RegularSlot]:
    """Slots of two people in (usually) different zones, over weeks with clock changes."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[RegularSlot, ...]:
        first, second = draw(st.lists(st.sampled_from(STORY_ZONES), min_size=2, max_size=2))
        people = {
            "olga": Availability(first, weekly=["MO-FR 07:00-23:00"]),
            "ivan": Availability(second, weekly=["MO-SU 00:00-24:00"]),
        }
        return regular_slots(
            people, _SPRING, timedelta(hours=1), zone=first, step=timedelta(hours=3)
        )

    return build().filter(bool).flatmap(st.sampled_from)


def _meetable_weeks() -> st.SearchStrategy[MeetableWeeks]:
    return st.builds(
        lambda a, b, minutes: meetable_weeks(
            {"olga": a, "ivan": b}, _SPRING, meeting=timedelta(minutes=minutes)
        ),
        availabilities(within=_SPRING, with_exceptions=False),
        availabilities(within=_SPRING, with_exceptions=False),
        st.sampled_from([30, 60, 90]),
    )


def _story() -> st.SearchStrategy[dict[str, Any]]:
    """One program's pair with its sessions, ledger and journal, and a day to look from."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        program = draw(programs())
        pair = draw(mentorships(program_id=program.id))
        return {
            "program": program,
            "pair": pair,
            "sessions": draw(st.lists(sessions(), max_size=4, unique_by=lambda s: s.id)),
            "ledger": draw(ledgers()),
            "journal": draw(journals()),
            "today": draw(st.dates(date(2026, 1, 1), date(2027, 6, 30))),
        }

    return build()


def _progress() -> st.SearchStrategy[ProgressReport]:
    return _story().map(
        lambda s: progress(s["program"], s["pair"], s["ledger"], s["sessions"], today=s["today"])
    )


def _cohorts() -> st.SearchStrategy[CohortReport]:
    return _story().map(
        lambda s: cohort_report(
            s["program"], [s["pair"]], s["ledger"], s["sessions"], today=s["today"]
        )
    )


def _analytics() -> st.SearchStrategy[ProgramAnalytics]:
    return _story().map(
        lambda s: program_analytics(
            s["program"],
            [s["pair"]],
            s["sessions"],
            s["ledger"],
            [s["journal"]],
            viewer=_coordinator(s["program"]),
            today=s["today"],
            goals=goals_from_topics(
                [s["pair"]], {s["pair"].id: ["CV review", "networking"]}, at=_NOW
            ),
        )
    )


def _coordinator(program: Program) -> Actor:
    return Actor("cora", roles=["coordinator"], program_ids=[program.id])


def _coverage() -> st.SearchStrategy[TopicCoverage]:
    return st.builds(
        lambda s, goals: coverage(
            s["journal"], s["pair"], s["program"], goals, viewer=_coordinator(s["program"])
        ),
        _story(),
        st.lists(st.sampled_from(TOPICS), max_size=3),
    )


def _queued() -> st.SearchStrategy[QueuedEntry]:
    return _parts(
        _story(),
        lambda s: review_queue(
            s["journal"],
            s["pair"],
            s["program"],
            viewer=_coordinator(s["program"]),
            at=_NOW + timedelta(days=90),
        ),
    )


def _actors() -> st.SearchStrategy[Actor]:
    ids = st.from_regex(r"[a-z]{1,8}", fullmatch=True)
    return st.builds(
        lambda person, roles, programs_, pairs: Actor(
            person, roles=roles, program_ids=programs_, mentorship_ids=pairs
        ),
        ids,
        st.lists(
            st.sampled_from(["mentee", "mentor", "coordinator", "admin"]),
            min_size=1,
            max_size=2,
            unique=True,
        ),
        st.lists(ids, max_size=2, unique=True),
        st.lists(ids, max_size=2, unique=True),
    )


def _redacted() -> st.SearchStrategy[RedactedEntry]:
    def pick(story: dict[str, Any]) -> tuple[RedactedEntry, ...]:
        program, pair = story["program"], story["pair"]
        return redacted_entries(_coordinator(program), story["journal"], pair, program)

    return _parts(_story(), pick)


def _calendar_problems() -> st.SearchStrategy[CalendarProblem]:
    return st.builds(
        CalendarProblem,
        kind=st.sampled_from(list(CalendarProblemKind)),
        component=st.sampled_from(["VEVENT", "VTIMEZONE", "VFREEBUSY"]),
        property=st.sampled_from(["DTSTART", "RRULE", "TZID", ""]),
        value=st.sampled_from(["20260230T100000", "FREQ=SOMETIMES", "", "Mars/Olympus"]),
        message=st.sampled_from(["not a DATE-TIME", "an RRULE the library cannot read"]),
        uid=st.sampled_from(["", "a1@example.org"]),
    )


def _busy_imports() -> st.SearchStrategy[BusyImport]:
    return st.builds(
        lambda busy, problems, unlisted: BusyImport(
            busy=tuple(Busy(i) for i in busy), problems=tuple(problems), unlisted=unlisted
        ),
        st.lists(intervals(), max_size=3),
        st.lists(_calendar_problems(), max_size=3),
        st.integers(0, 5),
    )


def _extended() -> st.SearchStrategy[MentorshipEvent]:
    pair = Mentorship("m1", "p", "ivan", "olga", started_on=date(2026, 3, 2))
    program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    longer = extend(pair, 2, {"ivan", "olga"}, _NOW, program=program)
    return st.sampled_from(longer.history)


def _availability_parts(kind: type[T]) -> st.SearchStrategy[T]:
    return _of(
        kind, availabilities(), lambda a: (*a.weekly, *a.recurring, *a.exceptions, *a.preferred)
    )


MODELS: dict[type[Any], Callable[[], st.SearchStrategy[Any]]] = {
    # kernel and scheduling
    Transition: lambda: _parts(
        zones(story_only=True),
        lambda key: transitions(
            key, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
        ),
    ),
    Interval: intervals,
    IntervalSet: interval_sets,
    WeeklyWindow: weekly_windows,
    RecurringWindow: lambda: st.just(
        RecurringWindow(
            "FREQ=WEEKLY;BYDAY=TU",
            datetime(2026, 3, 3, 18).time(),
            datetime(2026, 3, 3, 19).time(),
            starting=date(2026, 3, 2),
        )
    ),
    SkipDate: lambda: st.dates(date(2026, 1, 1), date(2026, 12, 31)).map(SkipDate),
    ReplaceDate: lambda: st.dates(date(2026, 1, 1), date(2026, 12, 31)).map(
        lambda day: ReplaceDate(day, ["10:00-11:00"])
    ),
    BusyLocal: lambda: st.just(BusyLocal(datetime(2026, 3, 10, 9), datetime(2026, 3, 10, 12))),
    Busy: lambda: intervals().map(Busy),
    Availability: availabilities,
    Booking: lambda: intervals().map(lambda i: Booking("b1", i, ["olga", "ivan"])),
    LocalStretch: lambda: _parts(
        _regular_slots(), lambda slot: [s for ss in slot.local.values() for s in ss]
    ),
    RegularSlot: _regular_slots,
    MeetableWeeks: _meetable_weeks,
    # matching
    Mentor: mentors,
    Mentee: mentees,
    Criterion: lambda: _parts(matching_problems(), lambda problem: problem.criteria),
    MatchingProblem: matching_problems,
    Match: lambda: _parts(_results(), lambda pair: pair[1].matches),
    Unmatched: lambda: _parts(_results(), lambda pair: pair[1].unmatched.values()),
    Certificate: lambda: _parts(_results(), lambda pair: [c for c in [pair[1].certificate] if c]),
    MatchingResult: lambda: _results().map(lambda pair: pair[1]),
    Explanation: _explanations,
    Alternative: lambda: _parts(_explanations(), lambda why: why.alternatives),
    Exclusion: lambda: _parts(_explanations(), lambda why: why.excluded),
    Recommendation: _recommendations,
    SignUpProblem: _sign_up_problems,
    # sessions and hours
    Program: programs,
    MentorshipEvent: _extended,
    Mentorship: mentorships,
    SessionEvent: lambda: _parts(sessions(), lambda session: session.history),
    Session: sessions,
    HourEntry: lambda: _parts(ledgers(), lambda ledger: ledger.entries),
    LedgerLine: lambda: _parts(ledgers(), lambda ledger: ledger.lines),
    HourLedger: ledgers,
    ProgressReport: _progress,
    CohortReport: _cohorts,
    # journal and access
    Topic: lambda: st.sampled_from(TOPICS).map(Topic),
    JournalEntry: journal_entries,
    AgendaItem: lambda: _parts(journals(), lambda j: [i for a in j.agendas for i in a.items]),
    Agenda: lambda: _parts(journals(), lambda journal: journal.agendas),
    ActionItem: lambda: _parts(journals(), lambda journal: journal.action_items),
    Review: lambda: _parts(journals(), lambda journal: journal.reviews),
    Journal: journals,
    JournalRecord: lambda: _parts(journals(), journal_records),
    TopicCoverage: _coverage,
    CoveredTopic: lambda: _parts(_coverage(), lambda found: found.covered),
    AskedTopic: lambda: _parts(_coverage(), lambda found: found.asked_for),
    QueuedEntry: _queued,
    Actor: _actors,
    RedactedEntry: _redacted,
    # calendars and reminders
    CalendarProblem: _calendar_problems,
    BusyImport: _busy_imports,
    Reminder: reminders,
    SessionParams: lambda: _of(SessionParams, reminders(), lambda r: [r.params]),
    NoSessionParams: lambda: _of(NoSessionParams, reminders(), lambda r: [r.params]),
    PaceParams: lambda: _of(PaceParams, reminders(), lambda r: [r.params]),
    ReviewParams: lambda: _of(ReviewParams, reminders(), lambda r: [r.params]),
    ActionItemParams: lambda: _of(ActionItemParams, reminders(), lambda r: [r.params]),
    ReplyParams: lambda: _of(ReplyParams, reminders(), lambda r: [r.params]),
    ChangeParams: lambda: _of(ChangeParams, reminders(), lambda r: [r.params]),
    SurveyParams: lambda: _of(SurveyParams, reminders(), lambda r: [r.params]),
    # the journey
    Offer: offers,
    OfferEvent: lambda: _parts(offers(), lambda offer: offer.history),
    Goal: goals,
    GoalEvent: lambda: _parts(goals(), lambda goal: goal.history),
    FeedbackPlan: feedback_plans,
    Survey: lambda: _parts(feedback_plans(), lambda plan: plan.surveys),
    Question: lambda: _parts(
        feedback_plans(), lambda plan: [q for survey in plan.surveys for q in survey.questions]
    ),
    Response: responses,
    # people
    Person: persons,
    Directory: directories,
    # reports
    ProgramAnalytics: _analytics,
    DurationSummary: lambda: _analytics().map(lambda a: a.first_session),
    SessionCounts: lambda: _analytics().map(lambda a: a.sessions),
    HoursDistribution: lambda: _analytics().map(lambda a: a.hours),
    HoursBucket: lambda: _parts(_analytics(), lambda a: a.hours.buckets),
    JournalCompletion: lambda: _analytics().map(lambda a: a.journal),
    ReviewLatency: lambda: _analytics().map(lambda a: a.reviews),
    GoalCoverage: lambda: _analytics().map(lambda a: a.goals),
    GoalRow: lambda: _parts(_analytics(), lambda a: a.goals.rows),
    QuietPair: lambda: _parts(_analytics(), lambda a: a.gone_quiet),
}
"""Every class :func:`models` draws, and how (built when first asked for)."""

_BUILT: dict[type[Any], st.SearchStrategy[Any]] = {}


def models(cls: type[T]) -> st.SearchStrategy[T]:
    """Valid objects of any class ``ementoring.serialization`` stores.

    For a platform's own storage tests: draw objects of a type, store their
    ``to_data``, read them back. The models with strategies of their own
    (:func:`availabilities`, :func:`sessions`...) are drawn by them; the others
    are what the library makes of drawn inputs (the explanations of solved
    problems, a drawn pair's progress, two people's regular slots) or the parts
    of bigger objects (a result's matches, a reminder's facts).

    Args:
        cls: The model class.

    Returns:
        A strategy of valid ``cls`` objects.

    Raises:
        InvalidTypeError: ``cls`` is not a class ementoring stores.

    >>> from hypothesis import given
    >>> from ementoring.reminders import Reminder
    >>> @given(models(Reminder))
    ... def test_reminders_have_a_key(reminder):
    ...     assert reminder.key
    >>> test_reminders_have_a_key()
    """
    make = MODELS.get(cls) if isinstance(cls, type) else None
    if make is None:
        raise InvalidTypeError(
            "cls", cls, "a class ementoring stores (see ementoring.serialization)"
        )
    if cls not in _BUILT:
        _BUILT[cls] = make()
    strategy: st.SearchStrategy[T] = _BUILT[cls]
    return strategy
