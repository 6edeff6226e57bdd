"""Hypothesis's entry point: register ementoring's strategies, lazily.

Hypothesis runs :func:`setup` while it is being imported, in every project
where ementoring is installed, whether or not that project uses ementoring.
So the hook must cost nearly nothing: it imports no model and no strategy.

A strategy is registered for a model class, so the class must exist first.
Each model package announces itself when its import finishes (its last line
calls :func:`loaded`); :func:`setup` registers the packages announced so far,
and a package announced after it is registered at once. No watcher on the
import system and no look into the module table: this module imports nothing
of the interpreter's own. Each registration is a function that imports
:mod:`ementoring.testing` and builds the strategy only when Hypothesis first
asks for one (``st.from_type(Availability)``).

This module must not import :mod:`ementoring.testing` at load time: Hypothesis
loads it while ``ementoring.testing`` may be half-imported (it imports
Hypothesis), which used to fail with a circular-import ``AttributeError``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["REGISTRATIONS", "loaded", "register", "setup"]

#: For each model package, (class name, strategy factory in ementoring.testing).
REGISTRATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "ementoring.scheduling": (
        ("Interval", "intervals"),
        ("IntervalSet", "interval_sets"),
        ("WeeklyWindow", "weekly_windows"),
        ("Availability", "availabilities"),
    ),
    "ementoring.matching": (
        ("Mentor", "mentors"),
        ("Mentee", "mentees"),
        ("MatchingProblem", "matching_problems"),
    ),
    "ementoring.accounting": (
        ("Program", "programs"),
        ("Mentorship", "mentorships"),
        ("Session", "sessions"),
        ("HourLedger", "ledgers"),
    ),
    "ementoring.journal": (
        ("JournalEntry", "journal_entries"),
        ("Journal", "journals"),
    ),
    "ementoring.reminders": (("Reminder", "reminders"),),
}


def _strategy(factory: str) -> Callable[[type], Any]:
    """Build ``ementoring.testing.<factory>()`` when Hypothesis first resolves the type."""

    def resolve(_: type) -> Any:
        return getattr(importlib.import_module("ementoring.testing"), factory)()

    return resolve


def register(package: str) -> None:
    """Register the strategies for one model package's classes (imported, or finishing its import)."""
    from hypothesis import strategies as st

    module = importlib.import_module(package)  # already in the module table: no new import
    for class_name, factory in REGISTRATIONS[package]:
        st.register_type_strategy(getattr(module, class_name), _strategy(factory))


# The model packages whose import has finished, in order; whether setup() ran.
_LOADED: list[str] = []
_STARTED: list[bool] = []


def loaded(package: str) -> None:
    """Note that a model package has finished importing; register it if Hypothesis is set up.

    Called on the last line of each model package named in :data:`REGISTRATIONS`.
    """
    if package in _LOADED:
        return
    _LOADED.append(package)
    if _STARTED:
        register(package)


def setup() -> None:
    """Register the model packages imported so far; later ones register themselves (Hypothesis's entry point)."""
    if _STARTED:
        return
    _STARTED.append(True)
    for package in _LOADED:
        register(package)
