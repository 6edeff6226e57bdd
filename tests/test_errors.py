"""The error family: every error is ours and a builtin, and says what was wrong."""

from __future__ import annotations

import inspect
import pickle

import pytest

from ementoring import errors
from ementoring.errors import (
    AmbiguousTimeError,
    DocumentVersionError,
    DuplicateIdError,
    EmentoringError,
    InvalidCalendarError,
    InvalidTransitionError,
    InvalidTypeError,
    MatchingError,
    MissingExtraError,
    NaiveDatetimeError,
    NonexistentTimeError,
    PermissionDeniedError,
    RescheduleRequiredError,
    UnknownIdError,
    UnknownTimeZoneError,
    ValidationError,
)

ALL_ERRORS = [
    obj
    for _, obj in inspect.getmembers(errors, inspect.isclass)
    if issubclass(obj, Exception) and obj.__module__ == errors.__name__
]


def test_all_exported() -> None:
    """Every error class is in __all__ and __all__ is sorted."""
    assert sorted(cls.__name__ for cls in ALL_ERRORS) == sorted(errors.__all__)
    assert list(errors.__all__) == sorted(errors.__all__)


@pytest.mark.parametrize("cls", ALL_ERRORS, ids=lambda c: c.__name__)
def test_every_error_is_ours_and_a_builtin(cls: type[Exception]) -> None:
    """Each error derives from EmentoringError and (except the base) a builtin error."""
    assert issubclass(cls, EmentoringError)
    if cls is not EmentoringError:
        builtins = (ValueError, LookupError, PermissionError, TypeError, ImportError)
        assert issubclass(cls, builtins), cls


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (ValidationError, ValueError),
        (UnknownTimeZoneError, ValueError),
        (NaiveDatetimeError, ValueError),
        (NonexistentTimeError, ValueError),
        (AmbiguousTimeError, ValueError),
        (DuplicateIdError, ValueError),
        (UnknownIdError, LookupError),
        (RescheduleRequiredError, ValueError),
        (InvalidTransitionError, ValueError),
        (MatchingError, ValueError),
        (PermissionDeniedError, PermissionError),
        (InvalidTypeError, TypeError),
        (InvalidTypeError, ValueError),
        (MissingExtraError, ImportError),
        (InvalidCalendarError, ValueError),
        (DocumentVersionError, ValueError),
    ],
)
def test_builtin_bases(cls: type[Exception], builtin: type[Exception]) -> None:
    """Callers can catch the natural builtin."""
    assert issubclass(cls, builtin)


def test_validation_error_names_field_and_value() -> None:
    """The message names the field and shows the value."""
    err = ValidationError("program.target", -3, "must be positive")
    assert (err.field, err.value, err.reason) == ("program.target", -3, "must be positive")
    assert str(err) == "program.target: must be positive (got -3)"


def test_long_values_are_shortened() -> None:
    """A huge value does not flood the message."""
    err = ValidationError("observations", "x" * 10_000, "too long")
    assert len(str(err)) < 200
    assert err.value == "x" * 10_000


def test_unknown_id_is_a_lookup_error_with_a_plain_message() -> None:
    """UnknownIdError reads like the other validation errors, not like a KeyError repr."""
    err = UnknownIdError("bookings[0].participants", "zoe", "not among the participants")
    assert isinstance(err, LookupError)
    assert str(err) == "bookings[0].participants: not among the participants (got 'zoe')"


def test_invalid_transition_names_state_and_action() -> None:
    """InvalidTransitionError says which action was refused from which state."""
    err = InvalidTransitionError("completed", "reschedule", "the session is over")
    assert (err.state, err.action) == ("completed", "reschedule")
    assert str(err) == "cannot reschedule from state 'completed': the session is over"


@pytest.mark.parametrize(
    "err",
    [
        ValidationError("a", 1, "bad"),
        UnknownTimeZoneError("zone", "X", suggestions=("Y",)),
        NaiveDatetimeError("at", "2026"),
        InvalidTransitionError("proposed", "complete"),
        UnknownIdError("id", "x", "unknown"),
        InvalidTypeError("entries", None, "an iterable of JournalEntry"),
        MissingExtraError("calendar", "icalendar"),
        InvalidCalendarError("VEVENT", "DTSTART", "x", "not a DATE-TIME"),
        DocumentVersionError("Mentor", 1, "two zones", "choose one", "zone"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_pickle_round_trip(err: Exception) -> None:
    """Errors survive pickling (worker processes send them back)."""
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is type(err)
    assert str(copy) == str(err)
    assert vars(copy) == vars(err)


def test_invalid_type_error_names_what_was_expected() -> None:
    """InvalidTypeError is both a ValidationError and a TypeError, and says what the field takes."""
    err = InvalidTypeError("roles", 5, "an iterable of roles")
    assert isinstance(err, ValidationError)
    assert isinstance(err, TypeError)
    assert (err.field, err.value, err.expected) == ("roles", 5, "an iterable of roles")
    assert str(err) == "roles: expected an iterable of roles (got 5)"


def test_missing_extra_error_says_how_to_install() -> None:
    """MissingExtraError names the extra, the module and the pip command."""
    err = MissingExtraError("i18n", "babel", "ementoring.display (locales)")
    assert isinstance(err, ImportError)
    assert (err.extra, err.module, err.name) == ("i18n", "babel", "babel")
    assert "pip install 'ementoring[i18n]'" in str(err)
    assert str(err).startswith("ementoring.display (locales) needs")


def test_invalid_calendar_error_names_component_and_property() -> None:
    """InvalidCalendarError is a ValidationError whose field is COMPONENT.PROPERTY."""
    err = InvalidCalendarError("VEVENT", "RRULE", "FREQ=SOMETIMES", "not a valid RRULE")
    assert isinstance(err, ValidationError)
    assert (err.component, err.property, err.field) == ("VEVENT", "RRULE", "VEVENT.RRULE")
    assert str(err) == "VEVENT.RRULE: not a valid RRULE (got 'FREQ=SOMETIMES')"
    whole = InvalidCalendarError("VCALENDAR", "", "", "empty text")
    assert whole.field == "VCALENDAR"
