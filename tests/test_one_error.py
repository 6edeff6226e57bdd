"""One error for one mistake: the same wrong argument raises the same error, in literal words,
from every report and view that takes it (they share the kernel's checks, ``ementoring._validate``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from ementoring.access import Actor, coverage, review_queue
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    Program,
    cohort_report,
    hours_by_participant,
    progress,
    progress_series,
    weekly_hours,
)
from ementoring.errors import InvalidTypeError, NaiveDatetimeError, ValidationError
from ementoring.journal import Journal
from ementoring.reminders import reminders
from ementoring.reports import program_analytics

PROGRAM = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
PAIR = Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
JOURNAL = Journal.for_mentorship(PAIR)
CORA = Actor("cora", roles=["coordinator"], program_ids=["p"])
DAY = date(2026, 3, 9)
AT = datetime(2026, 3, 9, 12, tzinfo=UTC)

# Each report or view with arguments that work; a mistake replaces one of them.
CALLS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "progress": (
        progress,
        {"program": PROGRAM, "mentorship": PAIR, "ledger": HourLedger(), "sessions": [], "today": DAY},
    ),
    "progress_series": (
        progress_series,
        {"program": PROGRAM, "mentorship": PAIR, "ledger": HourLedger(), "sessions": [],
         "start": DAY, "end": DAY},
    ),
    "cohort_report": (
        cohort_report,
        {"program": PROGRAM, "mentorships": [PAIR], "ledger": HourLedger(), "sessions": [],
         "today": DAY},
    ),
    "weekly_hours": (
        weekly_hours,
        {"program": PROGRAM, "ledger": HourLedger(), "mentorship_id": "m1", "today": DAY},
    ),
    "hours_by_participant": (
        hours_by_participant,
        {"ledger": HourLedger(), "start": DAY, "end": date(2026, 4, 1), "at": AT},
    ),
    "program_analytics": (
        program_analytics,
        {"program": PROGRAM, "mentorships": [PAIR], "sessions": [], "ledger": HourLedger(),
         "journals": [JOURNAL], "viewer": CORA, "today": DAY},
    ),
    "reminders": (
        reminders,
        {"program": PROGRAM, "mentorships": [PAIR], "sessions": [], "journals": [JOURNAL],
         "ledger": HourLedger(), "viewer": CORA, "at": AT},
    ),
    "coverage": (
        coverage,
        {"journal": JOURNAL, "mentorship": PAIR, "program": PROGRAM, "viewer": CORA, "at": AT},
    ),
    "review_queue": (
        review_queue,
        {"journal": JOURNAL, "mentorship": PAIR, "program": PROGRAM, "viewer": CORA, "at": AT},
    ),
}  # fmt: skip

# The mistake, and the one error every function taking that argument raises for it.
MISTAKES: list[tuple[str, Any, type[Exception], str]] = [
    ("program", "p", InvalidTypeError, "program: expected a Program (got 'p')"),
    ("ledger", [], InvalidTypeError, "ledger: expected an HourLedger (got [])"),
    ("mentorship", "m1", InvalidTypeError, "mentorship: expected a Mentorship (got 'm1')"),
    ("mentorships", ["m1"], InvalidTypeError, "mentorships[0]: expected a Mentorship (got 'm1')"),
    ("journals", [[]], InvalidTypeError, "journals[0]: expected a Journal (got [])"),
    ("journals", 5, InvalidTypeError, "journals: expected an iterable of Journal (got 5)"),
    ("sessions", [None], InvalidTypeError, "sessions[0]: expected a Session (got None)"),
    ("sessions", "s1", InvalidTypeError, "sessions: expected an iterable of Session (got 's1')"),
    ("journal", [], InvalidTypeError, "journal: expected a Journal (got [])"),
    ("viewer", "cora", InvalidTypeError, "viewer: expected an Actor (got 'cora')"),
    ("today", "2026-03-05", InvalidTypeError,
     "today: expected a date, not a str (got '2026-03-05')"),
    ("today", datetime(2026, 3, 5), InvalidTypeError,
     "today: expected a date, not a datetime (got datetime.datetime(2026, 3, 5, 0, 0))"),
    ("start", "2026-03-05", InvalidTypeError,
     "start: expected a date, not a str (got '2026-03-05')"),
    ("at", "2026-03-05T12:00Z", InvalidTypeError,
     "at: expected an aware datetime (got '2026-03-05T12:00Z')"),
    ("at", datetime(2026, 3, 5, 12), NaiveDatetimeError,
     "at: a naive datetime is not allowed here; give an aware one, e.g. with"
     " tzinfo=ZoneInfo(...) (got datetime.datetime(2026, 3, 5, 12, 0))"),
]  # fmt: skip


@pytest.mark.parametrize(("argument", "value", "error", "message"), MISTAKES)
def test_one_mistake_one_error(
    argument: str, value: Any, error: type[Exception], message: str
) -> None:
    """Every function taking the argument raises exactly this class, with exactly this message."""
    taking = [name for name, (_, kwargs) in CALLS.items() if argument in kwargs]
    assert taking, argument
    for name in taking:
        function, kwargs = CALLS[name]
        with pytest.raises(ValidationError) as caught:
            function(**{**kwargs, argument: value})
        assert (type(caught.value), str(caught.value)) == (error, message), name


def test_the_calls_work() -> None:
    """Without a mistake every call works: each error above is the mistake's, nothing else's."""
    for function, kwargs in CALLS.values():
        function(**kwargs)


@pytest.mark.parametrize("name", ["progress", "cohort_report", "program_analytics"])
def test_exactly_one_of_today_and_at(name: str) -> None:
    """Neither, or both, is refused with the same ValidationError naming the argument."""
    function, kwargs = CALLS[name]
    rest = {k: v for k, v in kwargs.items() if k != "today"}
    with pytest.raises(ValidationError) as neither:
        function(**rest)
    assert str(neither.value) == "today: give today (a date) or at (an aware datetime) (got None)"
    with pytest.raises(ValidationError) as both:
        function(**rest, today=DAY, at=AT)
    assert str(both.value) == (
        "at: give today or at, not both (got datetime.datetime(2026, 3, 9, 12, 0, "
        "tzinfo=datetime.timezone.utc))"
    )
