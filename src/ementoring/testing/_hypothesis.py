"""Hypothesis' entry point: a strategy for every model class, built when first drawn.

pyproject.toml names :func:`setup` under ``[project.entry-points.hypothesis]``,
Hypothesis' documented recipe for third-party types: ``import hypothesis`` calls
it in every interpreter where ementoring is installed, so ``st.from_type`` and
``st.builds`` draw valid ementoring objects with no setup in the user's tests.

Loading this module loads its package and so every model (docs/testing.md
gives the cost). The models know nothing of it: the arrow runs from testing
down to them. Each class is registered by the class object and each factory by
the function, so a rename fails at import and in mypy; a strategy is built
only when Hypothesis first resolves its class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from ementoring.accounting import HourLedger, Mentorship, Program, Session
from ementoring.journal import Journal, JournalEntry
from ementoring.journey import FeedbackPlan, Goal, Offer, Response
from ementoring.matching import MatchingProblem, Mentee, Mentor
from ementoring.people import Directory, Person
from ementoring.reminders import Reminder
from ementoring.scheduling import Availability, Interval, IntervalSet, WeeklyWindow
from ementoring.testing._accounting import ledgers, mentorships, programs, sessions
from ementoring.testing._journal import journal_entries, journals
from ementoring.testing._journey import feedback_plans, goals, offers, responses
from ementoring.testing._matching import matching_problems, mentees, mentors
from ementoring.testing._models import MODELS, models
from ementoring.testing._people import directories, persons
from ementoring.testing._reminders import reminders
from ementoring.testing._scheduling import availabilities, interval_sets, intervals, weekly_windows

__all__ = ["STRATEGIES", "setup"]

STRATEGIES: dict[type[Any], Callable[[], st.SearchStrategy[Any]]] = {
    Person: persons,
    Directory: directories,
    Interval: intervals,
    IntervalSet: interval_sets,
    WeeklyWindow: weekly_windows,
    Availability: availabilities,
    Mentor: mentors,
    Mentee: mentees,
    MatchingProblem: matching_problems,
    Program: programs,
    Mentorship: mentorships,
    Session: sessions,
    HourLedger: ledgers,
    JournalEntry: journal_entries,
    Journal: journals,
    Reminder: reminders,
    Offer: offers,
    Goal: goals,
    FeedbackPlan: feedback_plans,
    Response: responses,
}
"""Every model class ``st.from_type`` draws, and the factory of this package that draws it."""


def _on_first_use(factory: Callable[[], st.SearchStrategy[Any]]) -> Callable[[type], Any]:
    """What Hypothesis calls when it first resolves the class: it builds the strategy then."""

    def resolve(_model: type) -> st.SearchStrategy[Any]:
        return factory()

    return resolve


def setup() -> None:
    """Register :data:`STRATEGIES`, and :func:`models` for every other stored class, with Hypothesis.

    Its entry point calls this on import.
    """
    for model, factory in STRATEGIES.items():
        st.register_type_strategy(model, _on_first_use(factory))
    for model in MODELS:
        if model not in STRATEGIES:
            st.register_type_strategy(model, models)
