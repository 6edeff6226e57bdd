"""Documents: :func:`to_data` and :func:`from_data`, the schema, the models and the limits."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

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
from ementoring.errors import InvalidDocumentError, InvalidTypeError, ValidationError
from ementoring.journal import ActionItem, Agenda, AgendaItem, Journal, JournalEntry, Review, Topic
from ementoring.journey import (
    FeedbackPlan,
    Goal,
    GoalEvent,
    Offer,
    OfferEvent,
    Question,
    Response,
    Survey,
)
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
from ementoring.people import Directory, Person
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
from ementoring.serialization._converter import converter
from ementoring.serialization._encodings import MAX_INTEGER
from ementoring.serialization._matching import FACTORIES
from ementoring.serialization._problems import (
    MAX_PROBLEMS,
    STRUCTURE_ERRORS,
    join_path,
    problems_of,
)
from ementoring.timezones import Transition

SCHEMA = 1
"""The version of the document format that :func:`to_data` writes and :func:`from_data` reads."""

MAX_DOCUMENT_DEPTH = 32
"""How deeply a document's objects and arrays may nest (the library writes at most 8 levels)."""

MAX_DOCUMENT_VALUES = 500_000
"""How many JSON values (objects, arrays, strings, numbers...) one document may hold."""

MAX_DOCUMENT_TEXT = 20_000_000
"""How many characters all the strings and keys of one document may hold together."""

T = TypeVar("T")


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
        # the journey
        OfferEvent,
        Offer,
        GoalEvent,
        Goal,
        Question,
        Survey,
        FeedbackPlan,
        Response,
    )
}


_SCALAR_MODELS: dict[type, str] = {Topic: "label"}
"""Models stored as one value inside other documents, and their field in a document of their own."""


def _model_name(cls: type[Any]) -> str:
    name = getattr(cls, "__name__", None)
    if not isinstance(name, str) or _MODELS.get(name) is not cls:
        raise ValidationError("cls", cls, "not a model that ementoring serialises")
    return name


def to_data(obj: Any) -> dict[str, Any]:
    """Turn a public model into a JSON-compatible ``dict`` with ``"schema"`` and ``"type"``.

    Args:
        obj: An instance of a public ementoring model.

    Returns:
        A new ``dict`` of str, int, float, bool, None, list and dict values.

    Raises:
        ValidationError: ``obj`` is not a serialisable model, or holds a value
            that has no lossless encoding (for example a matching criterion
            made without :func:`ementoring.matching.custom`).

    >>> from datetime import datetime, UTC
    >>> from ementoring.scheduling import Interval, IntervalSet
    >>> to_data(IntervalSet([Interval(datetime(2026, 1, 5, 9, tzinfo=UTC),
    ...                               datetime(2026, 1, 5, 9, 30, tzinfo=UTC))]))
    {'schema': 1, 'type': 'IntervalSet', 'intervals': [{'start': '2026-01-05T09:00:00Z', 'end': '2026-01-05T09:30:00Z'}]}
    """
    name = _model_name(type(obj))
    body: Any = converter.unstructure(obj)
    if not isinstance(body, dict):
        # A model stored as one value inside others (a topic is its label)
        # still makes a document of its own: {"label": ...}.
        body = {_SCALAR_MODELS[type(obj)]: body}
    return {"schema": SCHEMA, "type": name, **body}


def from_data(
    cls: type[T],
    data: Mapping[str, Any],
    *,
    criteria: Mapping[str, Callable[..., Criterion]] | None = None,
) -> T:
    """Rebuild a model from a document made by :func:`to_data` (or parsed from its JSON).

    Args:
        cls: The model class expected.
        data: The document.
        criteria: The factories of the custom matching criteria the document
            may hold (see :func:`ementoring.matching.custom`), by name. A
            stored custom criterion whose name is not here is refused.

    Returns:
        A new, fully validated instance of ``cls``.

    Raises:
        InvalidDocumentError: For any JSON value that is not a valid document
            of ``cls``: another schema or type, a field missing, unknown or
            invalid, or a document beyond :data:`MAX_DOCUMENT_DEPTH`,
            :data:`MAX_DOCUMENT_VALUES` or :data:`MAX_DOCUMENT_TEXT`. One error
            lists every bad field by its path (up to :data:`MAX_PROBLEMS`);
            nothing is built.
        ValidationError: ``cls`` is not a model that ementoring serialises.

    >>> from ementoring.scheduling import Interval
    >>> from_data(Interval, {"schema": 2, "type": "Interval"})
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidDocumentError: data: 1 problem: schema: unknown document schema; this version reads schema 1
    """
    name = _model_name(cls)
    factories = _factories(criteria)
    if not isinstance(data, Mapping):
        raise InvalidDocumentError([("", "expected a JSON object (a mapping)")])
    problems = _check_json(dict(data))
    if problems:
        raise InvalidDocumentError(problems)
    if data.get("schema") != SCHEMA:
        raise InvalidDocumentError(
            [("schema", f"unknown document schema; this version reads schema {SCHEMA}")]
        )
    if data.get("type") != name:
        raise InvalidDocumentError([("type", f"expected a document of type {name!r}")])
    body: Any = {key: value for key, value in data.items() if key not in ("schema", "type")}
    if cls in _SCALAR_MODELS:
        field = _SCALAR_MODELS[cls]
        extra = sorted(set(body) - {field})
        if extra or field not in body:
            raise InvalidDocumentError(
                [(key, "unknown field") for key in extra]
                + ([] if field in body else [(field, "required field missing")])
            )
        body = body[field]
    token = FACTORIES.set(factories)
    try:
        return converter.structure(body, cls)
    except STRUCTURE_ERRORS as exc:
        path = _SCALAR_MODELS.get(cls, "")
        raise InvalidDocumentError(problems_of(exc, path)[:MAX_PROBLEMS]) from None
    finally:
        FACTORIES.reset(token)


def _factories(
    criteria: Mapping[str, Callable[..., Criterion]] | None,
) -> Mapping[str, Callable[..., Criterion]]:
    if criteria is None:
        return {}
    if not isinstance(criteria, Mapping):
        raise InvalidTypeError("criteria", criteria, "a mapping of names to criterion factories")
    for name, factory in criteria.items():
        if not isinstance(name, str) or not callable(factory):
            raise InvalidTypeError("criteria", name, "a mapping of names to criterion factories")
    return dict(criteria)


def _check_json(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems that make ``data`` no JSON document at all, or one over the limits.

    Walks the document once, without recursion, before anything is built: only
    objects with text keys, arrays, text, finite numbers, booleans and null pass,
    within :data:`MAX_DOCUMENT_DEPTH`, :data:`MAX_DOCUMENT_VALUES` and
    :data:`MAX_DOCUMENT_TEXT`.
    """
    problems: list[tuple[str, str]] = []
    stack: list[tuple[str, Any, int]] = [("", data, 1)]
    values = text = 0
    while stack and len(problems) < MAX_PROBLEMS:
        path, value, depth = stack.pop()
        values += 1
        if values > MAX_DOCUMENT_VALUES:
            return [("", f"more than {MAX_DOCUMENT_VALUES:,} values in one document")]
        if isinstance(value, str):
            text += len(value)
        elif value is None or isinstance(value, bool):
            pass
        elif isinstance(value, int):
            if abs(value) >= MAX_INTEGER:
                problems.append((path, "an integer out of range (at most 64 bits)"))
        elif isinstance(value, float):
            if not math.isfinite(value):
                problems.append((path, "not a finite number"))
        elif isinstance(value, dict | list):
            if depth > MAX_DOCUMENT_DEPTH:
                return [(path, f"nested more than {MAX_DOCUMENT_DEPTH} levels deep")]
            if values + len(stack) + len(value) > MAX_DOCUMENT_VALUES:
                # Before the items are queued, so a huge array costs nothing.
                return [("", f"more than {MAX_DOCUMENT_VALUES:,} values in one document")]
            if isinstance(value, list):
                stack.extend((f"{path}[{i}]", item, depth + 1) for i, item in enumerate(value))
            else:
                for key, item in value.items():
                    if not isinstance(key, str):
                        problems.append((path, f"an object key that is not text: {key!r:.40}"))
                        continue
                    text += len(key)
                    stack.append((join_path(path, key), item, depth + 1))
        else:
            problems.append((path, f"not a JSON value ({type(value).__name__})"))
        if text > MAX_DOCUMENT_TEXT:
            return [("", f"more than {MAX_DOCUMENT_TEXT:,} characters of text in one document")]
    return sorted(problems)
