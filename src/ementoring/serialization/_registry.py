"""Every document type: the classes :func:`to_data` stores, by the name documents carry."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ementoring.accounting import (
    HourEntry,
    HourLedger,
    LedgerLine,
    Mentorship,
    MentorshipEvent,
    Program,
    Session,
    SessionEvent,
)
from ementoring.errors import ValidationError
from ementoring.journal import ActionItem, Agenda, AgendaItem, Journal, JournalEntry, Review, Topic
from ementoring.matching import (
    Certificate,
    Criterion,
    Match,
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    Unmatched,
)
from ementoring.scheduling import (
    Availability,
    Booking,
    Busy,
    BusyLocal,
    Interval,
    IntervalSet,
    RecurringWindow,
    ReplaceDate,
    SkipDate,
    WeeklyWindow,
)
from ementoring.timezones import Transition

__all__ = ["DOCUMENT_TYPES", "SCALAR_MODELS", "model_name"]

_MODELS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        # kernel and scheduling
        Transition,
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
        # matching
        Mentor,
        Mentee,
        Criterion,
        MatchingProblem,
        Match,
        Unmatched,
        Certificate,
        MatchingResult,
        # sessions and hours
        Program,
        MentorshipEvent,
        Mentorship,
        SessionEvent,
        Session,
        HourEntry,
        LedgerLine,
        HourLedger,
        # journal
        Topic,
        JournalEntry,
        AgendaItem,
        Agenda,
        ActionItem,
        Review,
        Journal,
    )
}

DOCUMENT_TYPES: Mapping[str, type[Any]] = MappingProxyType(_MODELS)
"""Every class :func:`~ementoring.serialization.to_data` stores, by its document ``"type"``."""

SCALAR_MODELS: Mapping[type, str] = MappingProxyType({Topic: "label"})
"""Models stored as one value inside other documents, and their field in a document of their own."""


def model_name(cls: type[Any]) -> str:
    """The document ``"type"`` of a class, or a ``ValidationError`` if it is not stored."""
    name = getattr(cls, "__name__", None)
    if not isinstance(name, str) or _MODELS.get(name) is not cls:
        raise ValidationError("cls", cls, "not a model that ementoring serialises")
    return name
