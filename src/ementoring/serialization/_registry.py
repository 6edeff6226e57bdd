"""Every document type: the classes :func:`to_data` stores, by the name documents carry."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ementoring.access import (
    Actor,
    AskedTopic,
    CoveredTopic,
    ExpectedEntry,
    QueuedEntry,
    RedactedEntry,
    TopicCoverage,
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
)
from ementoring.calendar import BusyImport, CalendarProblem
from ementoring.errors import ValidationError
from ementoring.journal import (
    ActionItem,
    Agenda,
    AgendaItem,
    Journal,
    JournalEntry,
    JournalRecord,
    Review,
    Topic,
)
from ementoring.journey import (
    CriterionFinding,
    DueSurvey,
    Evidence,
    FeedbackPlan,
    FeedbackReport,
    FitCounts,
    Goal,
    GoalEvent,
    GoalProgress,
    Milestone,
    Offer,
    OfferEvent,
    PairAtRisk,
    PersonChange,
    Question,
    Release,
    Repair,
    Response,
    RiskSignal,
    SatisfactionFigures,
    Survey,
    SurveyRate,
)
from ementoring.matching import (
    Alternative,
    Certificate,
    Criterion,
    Exclusion,
    Explanation,
    Folded,
    Match,
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    Recipe,
    Recommendation,
    SignUpProblem,
    Unmatched,
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
)
from ementoring.scheduling import (
    Availability,
    Booking,
    Busy,
    BusyLocal,
    FreeBlocks,
    FreeTime,
    Interval,
    IntervalSet,
    LocalStretch,
    MeetableWeeks,
    RecurringWindow,
    RegularSlot,
    ReplaceDate,
    SkipDate,
    Slot,
    WeeklyWindow,
)
from ementoring.timezones import Transition

__all__ = ["DOCUMENT_TYPES", "SCALAR_MODELS", "TRANSIENT_TYPES", "model_name"]

_MODELS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        # kernel and people
        Transition,
        Person,
        Directory,
        # scheduling
        Interval,
        IntervalSet,
        WeeklyWindow,
        RecurringWindow,
        SkipDate,
        ReplaceDate,
        BusyLocal,
        Busy,
        Availability,
        Booking,
        LocalStretch,
        RegularSlot,
        MeetableWeeks,
        # matching
        Mentor,
        Mentee,
        Criterion,
        MatchingProblem,
        Match,
        Unmatched,
        Certificate,
        MatchingResult,
        Alternative,
        Exclusion,
        Explanation,
        Recommendation,
        SignUpProblem,
        # sessions and hours
        Program,
        MentorshipEvent,
        Mentorship,
        SessionEvent,
        Session,
        HourEntry,
        LedgerLine,
        HourLedger,
        ProgressReport,
        CohortReport,
        # journal and access
        Topic,
        JournalEntry,
        AgendaItem,
        Agenda,
        ActionItem,
        Review,
        Journal,
        JournalRecord,
        CoveredTopic,
        AskedTopic,
        TopicCoverage,
        QueuedEntry,
        Actor,
        RedactedEntry,
        # the journey
        OfferEvent,
        Offer,
        GoalEvent,
        Goal,
        Question,
        Survey,
        FeedbackPlan,
        Response,
        # calendars and reminders
        CalendarProblem,
        BusyImport,
        SessionParams,
        NoSessionParams,
        PaceParams,
        ReviewParams,
        ActionItemParams,
        ReplyParams,
        ChangeParams,
        SurveyParams,
        Reminder,
        # reports
        DurationSummary,
        SessionCounts,
        HoursBucket,
        HoursDistribution,
        JournalCompletion,
        ReviewLatency,
        GoalRow,
        GoalCoverage,
        QuietPair,
        ProgramAnalytics,
    )
}

DOCUMENT_TYPES: Mapping[str, type[Any]] = MappingProxyType(_MODELS)
"""Every class :func:`~ementoring.serialization.to_data` stores, by its document ``"type"``."""

TRANSIENT_TYPES: Mapping[type[Any], str] = MappingProxyType(
    {
        FreeTime: (
            "a person's free time expanded over one span, as integer bounds for fast questions;"
            " store the Availability and call availability.free_time(within) again"
        ),
        FreeBlocks: (
            "free time cut into blocks of one meeting, as bit masks for comparing people;"
            " made again from the FreeTime in one call (free.blocks(meeting))"
        ),
        Folded: (
            "a person's languages, fields and topics in their compared form, derived from the"
            " Mentor or Mentee, which is stored"
        ),
        Recipe: (
            "how a criterion was made; stored as the Criterion document (factory and"
            " arguments), which is how a criterion is rebuilt"
        ),
        ExpectedEntry: (
            "an entry someone is expected to write, as of an instant; access.expected_entries"
            " computes it again from the stored sessions and journal"
        ),
        Milestone: "a step of a goal as its history stands; stored within the Goal's history",
        Evidence: "a goal's link to what shows progress; stored within the Goal's history",
        GoalProgress: (
            "a goal's progress without its text, for coordinators; derived from the stored Goal"
        ),
        DueSurvey: (
            "a survey someone owes as of an instant; journey.due_surveys computes it again from"
            " the stored FeedbackPlan, pairs and Responses"
        ),
        PersonChange: (
            "what re-pairing changed for one person, inside a Repair; the decision is stored as"
            " the Offers it makes and its MatchingResult"
        ),
        Release: (
            "a pair that gives up its seats, an input of journey.repair; what follows is stored"
            " as Offers and a MatchingResult"
        ),
        Repair: (
            "the outcome of journey.repair; what it decided is stored as the Offers it makes and"
            " its MatchingResult (Repair.result)"
        ),
        FeedbackReport: (
            "what a program's answers say as of an instant for one viewer; feedback_report"
            " computes it again from the stored FeedbackPlan and Responses"
        ),
        FitCounts: "one side's pairing-fit figures, a part of a FeedbackReport (computed again)",
        SatisfactionFigures: "satisfaction figures, a part of a FeedbackReport (computed again)",
        SurveyRate: "a survey's answer rate, a part of a FeedbackReport (computed again)",
        PairAtRisk: "a pair with a low answer, a part of a FeedbackReport (computed again)",
        RiskSignal: "one low answer, a part of a FeedbackReport (computed again)",
        CriterionFinding: (
            "whether a matching criterion predicted satisfaction, a part of a FeedbackReport"
            " (computed again)"
        ),
        Slot: (
            "a time offered to a group, with each person's wall-clock reading in their own zone;"
            " the time chosen is stored as a Session or Booking, and find_slots offers the same"
            " slots again from the same availabilities"
        ),
    }
)
"""Public classes that are not stored, each with the reason: every other public model is."""

SCALAR_MODELS: Mapping[type, str] = MappingProxyType({Topic: "label"})
"""Models stored as one value inside other documents, and their field in a document of their own."""


def model_name(cls: type[Any]) -> str:
    """The document ``"type"`` of a class, or a ``ValidationError`` if it is not stored."""
    name = getattr(cls, "__name__", None)
    if not isinstance(name, str) or _MODELS.get(name) is not cls:
        raise ValidationError("cls", cls, "not a model that ementoring serialises")
    return name
