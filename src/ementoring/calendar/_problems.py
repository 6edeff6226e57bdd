"""What a lenient read of a calendar skipped, as data, and the collector that keeps it bounded."""

from __future__ import annotations

import builtins
import heapq
from typing import Any

import attrs

from ementoring._validate import Choice, items_of, require_type, whole_number
from ementoring.errors import InvalidCalendarError
from ementoring.scheduling import Busy

__all__ = [
    "MAX_PROBLEMS",
    "BusyImport",
    "CalendarProblem",
    "CalendarProblemKind",
    "Problems",
    "Skip",
]

MAX_PROBLEMS = 100
"""The most problems :func:`~ementoring.calendar.import_busy` lists; it counts the rest."""

# A problem's value is an excerpt: enough to find the line, never a whole calendar.
_VALUE_LENGTH = 200


class CalendarProblemKind(Choice):
    """Why a part of a calendar was not read (:class:`CalendarProblem`)."""

    MALFORMED = "malformed"
    """A line or value that cannot be parsed (``RDATE:20131210Z``, a period without an end)."""
    WRONG_VALUE_TYPE = "wrong_value_type"
    """A value of another type than its ``VALUE`` parameter says (``VALUE=DATE:20110804T120000``)."""
    MISSING_PROPERTY = "missing_property"
    """A property the component cannot do without (a ``VEVENT`` without ``DTSTART``)."""
    INCONSISTENT = "inconsistent"
    """Values that contradict each other (``DTEND`` before ``DTSTART``, or of another kind)."""
    INVALID_RULE = "invalid_rule"
    """An ``RRULE`` (of an event or of a time zone) outside RFC 5545 or the walk guard."""
    UNKNOWN_TIME_ZONE = "unknown_time_zone"
    """A ``TZID`` no zone database knows and no ``VTIMEZONE`` defines, or a bad ``X-WR-TIMEZONE``."""
    UNUSABLE_TIME_ZONE = "unusable_time_zone"
    """A ``VTIMEZONE`` that cannot be built, or a ``TZID`` defined twice in different ways."""
    UNREADABLE = "unreadable"
    """The expander could not read the component for another reason (named in the message)."""


def _shorten(value: str) -> str:
    return value if len(value) <= _VALUE_LENGTH else value[: _VALUE_LENGTH - 1] + "…"


@attrs.frozen(kw_only=True)
class CalendarProblem:
    """One part of a calendar that was skipped, and why.

    Attributes:
        kind: Why, as a :class:`CalendarProblemKind`.
        component: The component skipped or holding the bad property (``"VEVENT"``,
            ``"VTIMEZONE"``, ``"VFREEBUSY"``; ``"VCALENDAR"`` for a calendar's own
            property).
        property: The property at fault (``"RRULE"``, ``"DTSTART"``), or ``""``.
        value: The offending text, at most 200 characters.
        message: The problem in English words.
        uid: The skipped event's ``UID`` (a ``VTIMEZONE``'s ``TZID``), or ``""``.
    """

    kind: CalendarProblemKind
    component: str
    property: str
    value: str
    message: str
    uid: str = ""

    def __attrs_post_init__(self) -> None:
        # Built by import_busy; checked so that a hand-built one holds what it says.
        require_type(self.kind, CalendarProblemKind, "kind", "a CalendarProblemKind")
        for name in ("component", "property", "value", "message", "uid"):
            require_type(getattr(self, name), str, name, "text")

    # ``property`` names an attribute in this class body, so the decorator is spelt in full.
    @builtins.property
    def field(self) -> str:
        """``"COMPONENT.PROPERTY"`` (or the component alone), as in :class:`InvalidCalendarError`."""
        return f"{self.component}.{self.property}" if self.property else self.component

    def error(self) -> InvalidCalendarError:
        """The error a strict read raises for this problem."""
        return InvalidCalendarError(self.component, self.property, self.value, self.message)


@attrs.frozen(kw_only=True)
class BusyImport:
    """The busy times read from a calendar export, and what was skipped.

    Attributes:
        busy: The busy times, sorted, merged and clipped, as ``busy_from_ics`` returns them.
        problems: The skipped parts, in a fixed order (by component, property, UID and
            value), at most :data:`MAX_PROBLEMS` of them.
        unlisted: How many more problems were found than are listed.
    """

    busy: tuple[Busy, ...]
    problems: tuple[CalendarProblem, ...] = ()
    unlisted: int = attrs.field(default=0, validator=whole_number())

    def __attrs_post_init__(self) -> None:
        require_type(self.busy, tuple, "busy", "a tuple of Busy")
        items_of(self.busy, Busy, "busy", "an iterable of Busy")
        require_type(self.problems, tuple, "problems", "a tuple of CalendarProblem")
        items_of(self.problems, CalendarProblem, "problems", "an iterable of CalendarProblem")

    @property
    def complete(self) -> bool:
        """Whether every part of the calendar was read."""
        return not self.problems and not self.unlisted


class Skip(Exception):
    """Raised inside the reader for one part that cannot be read; :class:`Problems` decides."""

    def __init__(self, problem: CalendarProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def skip(
    kind: CalendarProblemKind,
    component: str,
    prop: str,
    value: Any,
    message: str,
    uid: Any = "",
) -> Skip:
    """A :class:`Skip` for one part, its value shortened to an excerpt."""
    text = "" if value is None else value if isinstance(value, str) else str(value)
    return Skip(
        CalendarProblem(
            kind=kind,
            component=component,
            property=prop,
            value=_shorten(text),
            message=message,
            uid=_shorten("" if uid is None else str(uid)),
        )
    )


def _order(problem: CalendarProblem) -> tuple[str, ...]:
    return (
        problem.component,
        problem.property,
        problem.uid,
        problem.value,
        problem.kind.value,
        problem.message,
    )


class _Last:
    """A sort key that orders backwards, so ``heapq`` keeps the largest key on top."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[str, ...]) -> None:
        self.key = key

    def __lt__(self, other: _Last) -> bool:
        return other.key < self.key


class Problems:
    """The problems of one read: raised at once when strict, else kept and counted.

    The kept ones are the first :data:`MAX_PROBLEMS` in a fixed order, so that the
    list does not depend on the order of the text's components.
    """

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self._kept: list[tuple[_Last, int, CalendarProblem]] = []
        self._count = 0

    def add(self, found: Skip) -> None:
        """Raise the problem's :class:`InvalidCalendarError` (strict), or keep it."""
        problem = found.problem
        if self.strict:
            raise problem.error() from None
        self._count += 1
        entry = (_Last(_order(problem)), self._count, problem)
        if len(self._kept) < MAX_PROBLEMS:
            heapq.heappush(self._kept, entry)
        elif _order(problem) < self._kept[0][0].key:
            heapq.heapreplace(self._kept, entry)

    def result(self, busy: tuple[Busy, ...]) -> BusyImport:
        """The import: the busy times, the kept problems in order, and the count of the rest."""
        kept = sorted(self._kept, key=lambda entry: entry[0].key)
        return BusyImport(
            busy=busy,
            problems=tuple(problem for _, _, problem in kept),
            unlisted=self._count - len(kept),
        )
