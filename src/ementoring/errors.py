"""Every error that ementoring raises on purpose.

All of them derive from :class:`EmentoringError`, and each also derives from the
builtin exception a caller would naturally catch (``ValueError``,
``LookupError``, ``PermissionError``, ``TypeError``, ``ImportError``), so
``except ValueError`` keeps working.

Errors about a single bad input carry the ``field`` it came in and the
``value`` that was given, and their message names both:

>>> from ementoring.errors import ValidationError
>>> err = ValidationError("duration", -5, "must be positive")
>>> print(err)
duration: must be positive (got -5)
>>> isinstance(err, ValueError), err.field, err.value
(True, 'duration', -5)

Every function that raises leaves the caller's objects exactly as they were:
models are immutable and operations return new objects, so a failed call has
no partial effect. ``docs/errors.md`` lists when each error is raised.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from typing import Any

from ementoring._words import plural

__all__ = [
    "AmbiguousTimeError",
    "DocumentVersionError",
    "DuplicateIdError",
    "EmentoringError",
    "ExpansionLimitError",
    "InvalidCalendarError",
    "InvalidDocumentError",
    "InvalidTransitionError",
    "InvalidTypeError",
    "MatchingError",
    "MissingExtraError",
    "NaiveDatetimeError",
    "NonexistentTimeError",
    "PermissionDeniedError",
    "RescheduleRequiredError",
    "UnknownIdError",
    "UnknownTimeZoneError",
    "ValidationError",
]


class EmentoringError(Exception):
    """Base of every error the library raises on purpose.

    >>> from ementoring.errors import EmentoringError, ValidationError
    >>> issubclass(ValidationError, EmentoringError)
    True
    """


class ValidationError(EmentoringError, ValueError):
    """An input is not acceptable; ``field`` names it and ``value`` is what was given.

    Args:
        field: Where the value came from: an argument or attribute name, or a
            path such as ``"sessions[3].interval.start"``.
        value: The offending value (kept as given; only its ``repr`` is shown).
        reason: What is wrong with it, in a short phrase.

    >>> err = ValidationError("zone", "Mars/Olympus", "unknown time zone")
    >>> str(err)
    "zone: unknown time zone (got 'Mars/Olympus')"
    """

    field: str
    value: Any
    reason: str

    def __init__(self, field: str, value: Any, reason: str = "invalid value") -> None:
        self.field = field
        self.value = value
        self.reason = reason
        # The field is normally a name; shown bounded in case it is not.
        where = field if isinstance(field, str) else _short_repr(field)
        super().__init__(f"{where}: {reason} (got {_short_repr(value)})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.reason))


class UnknownTimeZoneError(ValidationError):
    """A time-zone key that is malformed or not in the time-zone database.

    ``suggestions`` holds close matches (possibly empty); the message lists them.

    >>> err = UnknownTimeZoneError("zone", "America/Toront", suggestions=("America/Toronto",))
    >>> print(err)
    zone: unknown time zone; did you mean 'America/Toronto'? (got 'America/Toront')
    """

    suggestions: tuple[str, ...]

    def __init__(
        self,
        field: str,
        value: Any,
        reason: str = "unknown time zone",
        *,
        suggestions: Sequence[str] = (),
    ) -> None:
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            reason += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(field, value, reason)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, self.__dict__))


class NaiveDatetimeError(ValidationError):
    """A naive datetime where an aware one (with a UTC offset) is required.

    >>> from datetime import datetime
    >>> print(NaiveDatetimeError("at", datetime(2026, 3, 8, 12, 0)))
    at: a naive datetime is not allowed here; give an aware one, e.g. with tzinfo=ZoneInfo(...) (got datetime.datetime(2026, 3, 8, 12, 0))
    """

    def __init__(
        self,
        field: str,
        value: Any,
        reason: str = (
            "a naive datetime is not allowed here; "
            "give an aware one, e.g. with tzinfo=ZoneInfo(...)"
        ),
    ) -> None:
        super().__init__(field, value, reason)


class NonexistentTimeError(ValidationError):
    """A local time that the clocks skipped (a DST gap), under the ``"raise"`` policy."""


class AmbiguousTimeError(ValidationError):
    """A local time that the clocks showed twice (a DST fold), under the ``"raise"`` policy."""


class ExpansionLimitError(ValidationError):
    """Expanding a recurrence would produce more occurrences than the allowed maximum."""


class InvalidCalendarError(ValidationError):
    """iCalendar text that cannot be read; ``component`` and ``property`` say where.

    ``field`` is ``"COMPONENT.PROPERTY"`` (or just the component when no single
    property is at fault) and ``value`` the offending text, shortened.

    >>> err = InvalidCalendarError("VEVENT", "DTSTART", "2026-03-10", "not a DATE or DATE-TIME")
    >>> print(err)
    VEVENT.DTSTART: not a DATE or DATE-TIME (got '2026-03-10')
    >>> err.component, err.property
    ('VEVENT', 'DTSTART')
    """

    component: str
    property: str

    def __init__(
        self, component: str, property: str, value: Any, reason: str = "invalid iCalendar"
    ) -> None:
        self.component = component
        self.property = property
        super().__init__(f"{component}.{property}" if property else component, value, reason)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.component, self.property, self.value, self.reason))


class InvalidDocumentError(ValidationError):
    """A serialised document with bad fields; ``problems`` lists each as ``(path, message)``.

    >>> err = InvalidDocumentError([("sessions[3].interval.start", "not an aware ISO 8601 instant")])
    >>> print(err)
    data: 1 problem: sessions[3].interval.start: not an aware ISO 8601 instant
    """

    problems: tuple[tuple[str, str], ...]

    def __init__(self, problems: Sequence[tuple[str, str]], field: str = "data") -> None:
        self.problems = tuple((path, message) for path, message in problems)
        count = len(self.problems)
        listing = "; ".join(
            f"{path}: {message}" if path else message for path, message in self.problems
        )
        reason = f"{count} {plural(count, 'problem')}: {listing}"
        super().__init__(field, [f"{path}: {message}" for path, message in self.problems], reason)
        self.args = (f"{field}: {reason}",)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems, self.field))


class DocumentVersionError(InvalidDocumentError):
    """A document whose schema version this version of ementoring cannot read faithfully.

    Raised for a document written by a newer ementoring, and for an old one
    whose meaning no upgrade step can carry over (see docs/upgrading.md). It
    names the ``document_type``, the ``version`` the document carries and,
    in ``remedy``, what the caller can do; ``problems`` lists the path
    concerned, as for any :class:`InvalidDocumentError`.

    >>> err = DocumentVersionError(
    ...     "Session", 9, "written by a newer ementoring (this one reads up to 2)",
    ...     "upgrade ementoring to read it")
    >>> print(err)
    data: 1 problem: schema: Session schema 9: written by a newer ementoring (this one reads up to 2); upgrade ementoring to read it
    >>> err.document_type, err.version, err.remedy
    ('Session', 9, 'upgrade ementoring to read it')
    """

    document_type: str
    version: Any
    remedy: str

    def __init__(
        self, document_type: str, version: Any, reason: str, remedy: str, path: str = "schema"
    ) -> None:
        self.document_type = document_type
        self.version = version
        self.remedy = remedy
        self.explanation = reason
        shown = reprlib.repr(version)
        super().__init__([(path, f"{document_type} schema {shown}: {reason}; {remedy}")])

    def __reduce__(self) -> tuple[Any, ...]:
        path = self.problems[0][0] if self.problems else "schema"
        return (
            type(self),
            (self.document_type, self.version, self.explanation, self.remedy, path),
        )


class InvalidTypeError(ValidationError, TypeError):
    """A value of the wrong type; ``expected`` says what the field takes.

    It is a ``ValidationError`` (so it carries ``field`` and ``value``) and a
    ``TypeError``, the builtin Python itself raises for a wrong type. Passing
    the wrong number of arguments stays Python's own ``TypeError``.

    >>> err = InvalidTypeError("entries", None, "an iterable of JournalEntry")
    >>> print(err)
    entries: expected an iterable of JournalEntry (got None)
    >>> isinstance(err, TypeError), isinstance(err, ValueError), err.expected
    (True, True, 'an iterable of JournalEntry')
    """

    expected: str

    def __init__(self, field: str, value: Any, expected: str) -> None:
        self.expected = expected
        super().__init__(field, value, f"expected {expected}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.expected))


class DuplicateIdError(ValidationError):
    """An id that must be unique in its collection appears twice."""


class UnknownIdError(ValidationError, LookupError):
    """An id that refers to nothing known (a participant, an entry, a mentor...)."""


class InvalidTransitionError(EmentoringError, ValueError):
    """A workflow action that is not allowed from the object's current state.

    Attributes ``state`` and ``action`` name them; the object is unchanged.

    >>> print(InvalidTransitionError("completed", "confirm"))
    cannot confirm from state 'completed'
    """

    state: str
    action: str

    def __init__(self, state: str, action: str, detail: str = "") -> None:
        self.state = state
        self.action = action
        self.detail = detail
        message = f"cannot {action} from state {state!r}"
        super().__init__(f"{message}: {detail}" if detail else message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.state, self.action, self.detail))


class RescheduleRequiredError(ValidationError):
    """A cancellation without a proposed new time, in a program that requires one."""


class MatchingError(EmentoringError, ValueError):
    """A matching result that is infeasible or not optimal for its problem."""


class PermissionDeniedError(EmentoringError, PermissionError):
    """An actor may not read or write what they asked for.

    The message names the actor and the object, never the object's content.
    """


class MissingExtraError(EmentoringError, ImportError):
    """An optional feature was used without the extra that provides it.

    ``extra`` names the extra and ``module`` the missing import; the message
    says the command that installs it.

    >>> err = MissingExtraError("calendar", "icalendar")
    >>> print(err)
    ementoring.calendar needs the optional dependency 'icalendar': pip install 'ementoring[calendar]'
    >>> isinstance(err, ImportError), err.extra
    (True, 'calendar')
    """

    extra: str
    module: str

    def __init__(self, extra: str, module: str, feature: str = "") -> None:
        self.extra = extra
        self.module = module
        self.feature = feature or f"ementoring.{extra}"
        super().__init__(
            f"{self.feature} needs the optional dependency {module!r}: "
            f"pip install 'ementoring[{extra}]'",
            name=module,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.extra, self.module, self.feature))


_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = _REPR.maxother = 120


def _short_repr(value: Any, limit: int = 120) -> str:
    # reprlib bounds the work: a value may be megabytes of text or nested
    # thousands deep (a plain repr would raise RecursionError).
    try:
        text = _REPR.repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _rebuild(cls: type[Exception], args: tuple[Any, ...], state: dict[str, Any]) -> Exception:
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err
