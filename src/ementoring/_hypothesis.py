"""Hypothesis's entry point: register ementoring's strategies, lazily.

Hypothesis runs :func:`setup` while it is being imported, in every project
where ementoring is installed, whether or not that project uses ementoring.
So the hook must cost nearly nothing: it imports no model and no strategy.

A strategy is registered for a model class, so the class must exist first. For
each model package already imported, the hook registers its classes at once;
for the others it leaves a watcher on the import system that registers a
package's classes right after the package is first imported, and leaves when
all are done. Each registration is a function that imports
:mod:`ementoring.testing` and builds the strategy only when Hypothesis first
asks for one (``st.from_type(Availability)``).

This module must not import :mod:`ementoring.testing` at load time: Hypothesis
loads it while ``ementoring.testing`` may be half-imported (it imports
Hypothesis), which used to fail with a circular-import ``AttributeError``.
"""

from __future__ import annotations

import importlib
import importlib.abc

# Only the module table and the import system, never I/O: Hypothesis's own
# plugin machinery is what this module plugs into.
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

__all__ = ["REGISTRATIONS", "register", "setup"]

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
    """Register the strategies for one already-imported model package's classes."""
    from hypothesis import strategies as st

    module = sys.modules[package]
    for class_name, factory in REGISTRATIONS[package]:
        st.register_type_strategy(getattr(module, class_name), _strategy(factory))


class _RegisteringLoader(importlib.abc.Loader):
    """Runs the real loader, then registers the package it loaded."""

    def __init__(self, inner: importlib.abc.Loader, package: str) -> None:
        self._inner = inner
        self._package = package

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        _WATCHER.done(self._package)
        register(self._package)

    def __getattr__(self, name: str) -> Any:
        # get_source, get_filename, get_resource_reader...: the real loader's.
        return getattr(self._inner, name)


class _Watcher(importlib.abc.MetaPathFinder):
    """Finds nothing itself: it wraps the real loader of a model package not yet imported."""

    def __init__(self) -> None:
        self.pending: set[str] = set()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.pending:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec: ModuleSpec | None = find(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _RegisteringLoader(spec.loader, fullname)
                return spec
        return None

    def done(self, package: str) -> None:
        self.pending.discard(package)
        if not self.pending and self in sys.meta_path:
            sys.meta_path.remove(self)


_WATCHER = _Watcher()


def setup() -> None:
    """Register what is imported now; watch for the rest (Hypothesis's entry point)."""
    for package in REGISTRATIONS:
        if package in sys.modules:
            register(package)
        else:
            _WATCHER.pending.add(package)
    if _WATCHER.pending and _WATCHER not in sys.meta_path:
        sys.meta_path.insert(0, _WATCHER)
