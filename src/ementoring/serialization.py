"""Lossless, JSON-compatible documents for every public model, through one cattrs converter.

``to_data(obj)`` gives a ``dict`` of plain JSON values; ``from_data(cls, data)``
rebuilds the object, validating it exactly as the constructor would:

>>> from datetime import datetime, UTC
>>> from ementoring.scheduling import Interval
>>> meeting = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
>>> data = to_data(meeting)
>>> data
{'schema': 1, 'type': 'Interval', 'start': '2026-03-10T16:00:00Z', 'end': '2026-03-10T17:00:00Z'}
>>> from_data(Interval, data) == meeting
True

Encodings: instants as ISO 8601 in UTC with ``Z``; dates as ISO; local times as
``HH:MM`` (``HH:MM:SS`` when they have seconds); durations as whole seconds
(a float only when a duration has a fraction of a second, so nothing is lost);
zones as IANA keys; enums by value; tuples as lists; sets as sorted lists, so
the same object always gives the same JSON. Every document carries
``"schema": 1`` and its ``"type"``; unknown fields, unknown schemas and the
wrong type are refused.

Bad data raises one :class:`~ementoring.errors.ValidationError` listing every
bad field by its path, and no object is built:

>>> from_data(Interval, {"schema": 1, "type": "Interval", "start": "2026-03-10T16:00", "end": 5})
Traceback (most recent call last):
...
ementoring.errors.InvalidDocumentError: data: 2 problems: start: not an aware ISO 8601 instant; end: not an aware ISO 8601 instant
"""

from __future__ import annotations

import enum
import inspect
import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from collections.abc import Mapping as AbcMapping
from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any, TypeVar, cast, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

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
from ementoring.errors import (
    EmentoringError,
    InvalidDocumentError,
    InvalidTypeError,
    ValidationError,
)
from ementoring.journal import ActionItem, Agenda, AgendaItem, Journal, JournalEntry, Review, Topic
from ementoring.matching import (
    BUILTIN_CRITERIA,
    Certificate,
    Criterion,
    Match,
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    Unmatched,
    custom,
)
from ementoring.matching._custom import thaw
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
from ementoring.timezones import Transition, is_aware, zone, zone_key

__all__ = [
    "MAX_DOCUMENT_DEPTH",
    "MAX_DOCUMENT_TEXT",
    "MAX_DOCUMENT_VALUES",
    "MAX_PROBLEMS",
    "SCHEMA",
    "converter",
    "from_data",
    "to_data",
]

SCHEMA = 1
"""The version of the document format that :func:`to_data` writes and :func:`from_data` reads."""

MAX_DOCUMENT_DEPTH = 32
"""How deeply a document's objects and arrays may nest (the library writes at most 8 levels)."""

MAX_DOCUMENT_VALUES = 500_000
"""How many JSON values (objects, arrays, strings, numbers...) one document may hold."""

MAX_DOCUMENT_TEXT = 20_000_000
"""How many characters all the strings and keys of one document may hold together."""

MAX_PROBLEMS = 100
"""How many problems :func:`from_data` lists before it stops looking for more."""

# JSON integers beyond 64 bits are refused: no field needs them, and a float
# field could not hold them.
_MAX_INTEGER = 2**63

T = TypeVar("T")

# The custom criterion factories of the from_data call under way (see from_data).
_FACTORIES: ContextVar[Mapping[str, Callable[..., Criterion]]] = ContextVar(
    "_FACTORIES", default=MappingProxyType({})
)

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


_SCALAR_MODELS: dict[type, str] = {Topic: "label"}
"""Models stored as one value inside other documents, and their field in a document of their own."""


class _BadValue(ValueError):
    """A value that does not have the documented encoding; the message says which."""


def _unstructure_instant(value: datetime) -> str:
    if not is_aware(value):
        raise ValidationError("instant", value, "a naive datetime cannot be stored")
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


def _structure_instant(value: Any, _type: type) -> datetime:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if is_aware(parsed):
                return parsed.astimezone(UTC)
    raise _BadValue("not an aware ISO 8601 instant")


def _structure_date(value: Any, _type: type) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _BadValue("not an ISO 8601 date (YYYY-MM-DD)")


def _unstructure_time(value: time) -> str:
    if value.tzinfo is not None or value.microsecond:
        raise ValidationError("time", value, "only naive local times of whole seconds are stored")
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def _structure_time(value: Any, _type: type) -> time:
    if value == "24:00":
        return time(0)  # midnight at the end of the day, as WeeklyWindow reads it
    if isinstance(value, str) and len(value) in (5, 8):
        try:
            parsed = time.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
    raise _BadValue("not a local time HH:MM")


def _unstructure_duration(value: timedelta) -> int | float:
    seconds = value.total_seconds()
    return int(seconds) if value.microseconds == 0 else seconds


def _structure_duration(value: Any, _type: type) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadValue("not a duration in seconds")
    if isinstance(value, float) and not math.isfinite(value):
        raise _BadValue("not a finite number of seconds")
    try:
        return timedelta(seconds=value)
    except OverflowError:
        raise _BadValue("a duration out of range") from None


def _structure_zone(value: Any, _type: type) -> ZoneInfo:
    if isinstance(value, str):
        try:
            return zone(value)
        except ValidationError as err:
            raise _BadValue(err.reason) from None
    raise _BadValue("not an IANA time-zone key")


def _strict(kind: type[T], description: str) -> Callable[[Any, type], T]:
    def structure(value: Any, _type: type) -> T:
        if isinstance(value, bool) and kind is not bool:
            raise _BadValue(f"not {description}")
        if kind is float and isinstance(value, int):
            if abs(value) >= _MAX_INTEGER:
                raise _BadValue("a number out of range")
            return cast(T, float(value))
        if not isinstance(value, kind):
            raise _BadValue(f"not {description}")
        if kind is float and not math.isfinite(cast(float, value)):
            raise _BadValue("not a finite number")
        return value

    return structure


def _unstructure_float(value: float) -> int | float:
    # One text per number: a whole float is written as an integer (4, not 4.0),
    # and from_data reads integers into float fields, so a document written by
    # to_data comes back from from_data and to_data byte-identical.
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class _Problems(Exception):
    """Problems found below one value, as ``(relative path, message)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def _sort_key(value: Any) -> tuple[str, str]:
    # Sets may mix types after unstructuring; sort by type name, then text.
    return (type(value).__name__, repr(value))


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(
        forbid_extra_keys=True,
        unstruct_collection_overrides={tuple: list, frozenset: list, set: list},
    )
    conv.register_unstructure_hook(datetime, _unstructure_instant)
    conv.register_structure_hook(datetime, _structure_instant)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(time, _unstructure_time)
    conv.register_structure_hook(time, _structure_time)
    conv.register_unstructure_hook(timedelta, _unstructure_duration)
    conv.register_structure_hook(timedelta, _structure_duration)
    conv.register_unstructure_hook(ZoneInfo, zone_key)
    conv.register_structure_hook(ZoneInfo, _structure_zone)
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(float, _strict(float, "a number"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_unstructure_hook(float, _unstructure_float)
    _register_collections(conv)
    # Before any class hook is generated: generated hooks capture their fields' hooks.
    conv.register_structure_hook_func(lambda t: t is Hashable, _structure_attribute)

    def unstructure_set(value: frozenset[Any] | set[Any]) -> list[Any]:
        return sorted((conv.unstructure(item) for item in value), key=_sort_key)

    conv.register_unstructure_hook_func(
        lambda t: t in (frozenset, set) or getattr(t, "__origin__", None) in (frozenset, set),
        unstructure_set,
    )

    def structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in cls)
            raise _BadValue(f"not one of {allowed}") from None

    def is_enum(t: Any) -> bool:
        return isinstance(t, type) and issubclass(t, enum.Enum)

    conv.register_structure_hook_func(is_enum, structure_enum)
    # By class: a StrEnum member is also a str, and class hooks win over predicates;
    # StrEnum comes before str in the members' method resolution order.
    for base in (enum.StrEnum, enum.IntEnum, enum.Enum):
        conv.register_unstructure_hook(base, lambda member: member.value)
    _register_zones(conv)
    _register_scheduling(conv)
    _register_matching(conv)
    _register_accounting(conv)
    # A topic is its label as the writer spelled it; the folded key is derived.
    conv.register_unstructure_hook(Topic, lambda topic: topic.label)
    conv.register_structure_hook(Topic, _structure_topic)
    return conv


def _structure_attribute(value: Any, _type: Any) -> Hashable:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise _BadValue("an attribute value must be text, a number, true, false or null")


def _structure_items(
    conv: cattrs.Converter, items: Iterable[tuple[str, Any, Any]]
) -> dict[str, Any]:
    """Structure ``(path part, raw value, type)`` items; raise ``_Problems`` for the bad ones.

    It stops after :data:`MAX_PROBLEMS` problems, so a long list of bad values
    costs no more than a short one.
    """
    done: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for part, raw, kind in items:
        try:
            done[part] = conv.structure(raw, kind)
        except _STRUCTURE_ERRORS as exc:
            problems.extend(_problems(exc, part))
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise _Problems(problems[:MAX_PROBLEMS])
    return done


def _register_collections(conv: cattrs.Converter) -> None:
    """Arrays and objects: check the JSON type first, then each item, naming its path."""

    def is_sequence(t: Any) -> bool:
        return get_origin(t) in (tuple, list, frozenset, set)

    def structure_sequence(value: Any, t: Any) -> Any:
        if not isinstance(value, list):
            raise _BadValue("expected an array")
        origin, args = get_origin(t), get_args(t)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(value) != len(args):
                raise _BadValue(f"expected an array of {len(args)} items")
            kinds = list(args)
        else:
            kinds = [args[0] if args else Any] * len(value)
        done = _structure_items(
            conv,
            ((f"[{i}]", raw, kind) for i, (raw, kind) in enumerate(zip(value, kinds, strict=True))),
        )
        items = list(done.values())
        return origin(items) if origin is not tuple else tuple(items)

    def is_mapping(t: Any) -> bool:
        return get_origin(t) in (Mapping, dict, AbcMapping)

    def structure_mapping(value: Any, t: Any) -> Any:
        if not isinstance(value, dict):
            raise _BadValue("expected an object")
        args = get_args(t)
        kind = args[1] if len(args) == 2 else Any
        return _structure_items(conv, ((key, raw, kind) for key, raw in value.items()))

    conv.register_structure_hook_func(is_sequence, structure_sequence)
    conv.register_structure_hook_func(is_mapping, structure_mapping)

    def guard_attrs(cls: type) -> Callable[[Any, type], Any]:
        inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True
        )
        return _object_only(inner)

    conv.register_structure_hook_factory(attrs.has, guard_attrs)


def _object_only(inner: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    """A class's structure hook that refuses anything but a JSON object first."""

    def structure(value: Any, t: Any) -> T:
        if not isinstance(value, Mapping):
            raise _BadValue("expected an object")
        return inner(value, t)

    return structure


def _structure_topic(value: Any, _type: type) -> Topic:
    if not isinstance(value, str):
        raise _BadValue("not a topic label")
    return Topic(value)


def _structure_reading(value: Any, _type: type) -> datetime:
    # A naive wall-clock reading, written without an offset: it is not an instant.
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
    raise _BadValue("not a local date and time YYYY-MM-DDTHH:MM (without an offset)")


def _tag(cls: type) -> str:
    """The ``kind`` of a member of a union: its class name in snake case."""
    name = cls.__name__
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def _register_accounting(conv: cattrs.Converter) -> None:
    inner = _object_only(make_dict_structure_fn(Session, conv, _cattrs_forbid_extra_keys=True))

    def structure_session(value: Any, t: type) -> Session:
        # Documents written before sessions could serve several mentorships
        # hold one "mentorship_id"; they read as a session of that one.
        if (
            isinstance(value, Mapping)
            and "mentorship_id" in value
            and "mentorship_ids" not in value
        ):
            value = {
                **{k: v for k, v in value.items() if k != "mentorship_id"},
                "mentorship_ids": [value["mentorship_id"]],
            }
        return inner(value, t)

    conv.register_structure_hook(Session, structure_session)


def _register_scheduling(conv: cattrs.Converter) -> None:
    conv.register_unstructure_hook(
        BusyLocal, lambda busy: {"start": busy.start.isoformat(), "end": busy.end.isoformat()}
    )

    def structure_busy_local(value: Any, _type: type) -> BusyLocal:
        if not isinstance(value, Mapping):
            raise _BadValue("expected a mapping")
        extra = set(value) - {"start", "end"}
        if extra:
            raise ForbiddenExtraKeysError("", BusyLocal, extra)
        return BusyLocal(
            _structure_reading(value.get("start"), datetime),
            _structure_reading(value.get("end"), datetime),
        )

    conv.register_structure_hook(BusyLocal, structure_busy_local)
    _tagged_union(conv, (SkipDate, ReplaceDate, BusyLocal, Busy))
    _tagged_union(conv, (WeeklyWindow, RecurringWindow))


def _register_zones(conv: cattrs.Converter) -> None:
    """Check zone keys while decoding, so a bad zone is listed with every other bad field."""

    def structure_key(value: Any, _type: Any) -> str:
        return zone_key(_structure_zone(value, str))

    def structure_optional_key(value: Any, _type: Any) -> str | None:
        return None if value is None else structure_key(value, str)

    for cls in (Availability, Program):
        conv.register_structure_hook(
            cls,
            _object_only(
                make_dict_structure_fn(
                    cls,
                    conv,
                    zone=override(struct_hook=structure_key),
                    _cattrs_forbid_extra_keys=True,
                )
            ),
        )
    for person in (Mentor, Mentee):
        conv.register_structure_hook(
            person,
            _object_only(
                make_dict_structure_fn(
                    person,
                    conv,
                    zone=override(struct_hook=structure_optional_key),
                    _cattrs_forbid_extra_keys=True,
                )
            ),
        )


def _register_matching(conv: cattrs.Converter) -> None:
    def unstructure_criterion(criterion: Criterion) -> dict[str, Any]:
        recipe = criterion.recipe
        if recipe is None:
            raise ValidationError(
                "criteria",
                criterion.name,
                "a criterion's scoring function cannot be stored: make it with"
                " ementoring.matching.custom(name, factory, ...) to store it by name",
            )
        if recipe.custom:
            return {
                "custom": recipe.factory,
                "arguments": {name: thaw(value) for name, value in recipe.arguments},
            }
        arguments = {name: conv.unstructure(value) for name, value in recipe.arguments}
        return {"factory": recipe.factory, "arguments": arguments}

    def structure_custom(value: Mapping[str, Any]) -> Criterion:
        name = value.get("custom")
        factories = _FACTORIES.get()
        if not isinstance(name, str) or name not in factories:
            known = ", ".join(sorted(factories)) or "none given"
            raise _BadValue(
                f"unknown custom criterion {name!r}: pass its factory as"
                f" from_data(..., criteria={{{name!r}: factory}}) (known: {known})"
            )
        arguments = value.get("arguments", {})
        if not isinstance(arguments, Mapping):
            raise _BadValue("arguments: expected a mapping")
        try:
            return custom(name, factories[name], **arguments)
        except EmentoringError:
            raise
        except (TypeError, ValueError) as error:
            raise _BadValue(f"the factory {name!r} refused the arguments ({error})") from None

    def structure_criterion(value: Any, _type: type) -> Criterion:
        if not isinstance(value, Mapping):
            raise _BadValue("expected a mapping")
        kind = "custom" if "custom" in value else "factory"
        extra = set(value) - {kind, "arguments"}
        if extra:
            raise ForbiddenExtraKeysError("", Criterion, extra)
        if kind == "custom":
            return structure_custom(value)
        name = value.get("factory")
        factory = BUILTIN_CRITERIA.get(name) if isinstance(name, str) else None
        if factory is None:
            raise _BadValue(
                f"not a built-in criterion (one of {', '.join(sorted(BUILTIN_CRITERIA))})"
            )
        arguments = value.get("arguments", {})
        if not isinstance(arguments, Mapping):
            raise _BadValue("arguments: expected a mapping")
        hints = get_type_hints(inspect.unwrap(factory))
        parameters = inspect.signature(factory).parameters
        unknown = set(arguments) - set(parameters)
        if unknown:
            raise _BadValue(f"unknown arguments {', '.join(sorted(unknown))}")
        missing = [
            name
            for name, parameter in parameters.items()
            if parameter.default is inspect.Parameter.empty and name not in arguments
        ]
        if missing:
            raise _Problems([(f"arguments.{name}", "required field missing") for name in missing])
        done = _structure_items(
            conv,
            ((f"arguments.{name}", raw, hints[name]) for name, raw in arguments.items()),
        )
        return factory(**{part.removeprefix("arguments."): item for part, item in done.items()})

    conv.register_unstructure_hook(Criterion, unstructure_criterion)
    conv.register_structure_hook(Criterion, structure_criterion)

    def structure_detail(value: Any, _type: Any) -> Mapping[str, Any]:
        # Counts per rule (no allowed mentor), or the mentees holding each seat (mentors full).
        if not isinstance(value, Mapping):
            raise _BadValue("expected a mapping")
        detail: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, list) and all(isinstance(i, str) for i in item):
                detail[key] = tuple(item)
            elif isinstance(item, int) and not isinstance(item, bool):
                detail[key] = item
            else:
                raise _BadValue(f"{key}: expected a count or a list of ids")
        return detail

    conv.register_structure_hook(
        Unmatched,
        _object_only(
            make_dict_structure_fn(
                Unmatched,
                conv,
                detail=override(struct_hook=structure_detail),
                _cattrs_forbid_extra_keys=True,
            )
        ),
    )

    # Registered after Unmatched: generated hooks capture the hooks of their fields.
    # The solver's working state stays out of documents; verify() recomputes what it needs.
    conv.register_unstructure_hook(
        MatchingResult, make_dict_unstructure_fn(MatchingResult, conv, _scored=override(omit=True))
    )
    conv.register_structure_hook(
        MatchingResult,
        _object_only(
            make_dict_structure_fn(
                MatchingResult, conv, _scored=override(omit=True), _cattrs_forbid_extra_keys=True
            )
        ),
    )


def _tagged_union(conv: cattrs.Converter, members: tuple[type, ...]) -> None:
    """Encode a union as its member's fields plus ``"kind"``, and check the kind first."""
    union: Any = members[0]
    for member in members[1:]:
        union = union | member
    configure_tagged_union(union, conv, tag_name="kind", tag_generator=_tag)
    structure_member = conv.get_structure_hook(union)
    kinds = sorted(_tag(member) for member in members)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _BadValue("expected a mapping")
        if "kind" not in value:
            raise _BadValue(f"missing 'kind' (one of {', '.join(kinds)})")
        if value["kind"] not in kinds:
            raise _BadValue(f"unknown kind {value['kind']!r} (one of {', '.join(kinds)})")
        return structure_member(value, union)

    conv.register_structure_hook(union, structure)


converter: cattrs.Converter = _make_converter()
"""The one converter behind :func:`to_data` and :func:`from_data`; embedders may reuse it."""


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
    token = _FACTORIES.set(factories)
    try:
        return converter.structure(body, cls)
    except _STRUCTURE_ERRORS as exc:
        path = _SCALAR_MODELS.get(cls, "")
        raise InvalidDocumentError(_problems(exc, path)[:MAX_PROBLEMS]) from None
    finally:
        _FACTORIES.reset(token)


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
            if abs(value) >= _MAX_INTEGER:
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
                    stack.append((_join(path, key), item, depth + 1))
        else:
            problems.append((path, f"not a JSON value ({type(value).__name__})"))
        if text > MAX_DOCUMENT_TEXT:
            return [("", f"more than {MAX_DOCUMENT_TEXT:,} characters of text in one document")]
    return sorted(problems)


def _join(path: str, part: str) -> str:
    if part.startswith("["):
        return path + part
    return f"{path}.{part}" if path else part


def _problems(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Every bad field under ``exc``, as ``(path, message)``, in document order."""
    if isinstance(exc, _Problems):
        return [(_join(path, inner) if inner else path, message) for inner, message in exc.problems]
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        found = []
        for inner, note in with_notes:
            found.extend(_problems(inner, _join(path, f"[{note.index!r}]")))
        for inner in without:
            found.extend(_problems(inner, path))
        return found
    if isinstance(exc, ClassValidationError):
        with_notes_c, without_c = exc.group_exceptions()
        found = []
        for inner, note_c in with_notes_c:
            found.extend(_problems(inner, _join(path, note_c.name)))
        for inner in without_c:
            found.extend(_problems(inner, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [(_join(path, key), "unknown field") for key in sorted(exc.extra_fields)]
    if isinstance(exc, ValidationError):
        # A model's own validator: its field sits below the current path.
        return [(_join(path, exc.field), exc.reason)]
    if isinstance(exc, _BadValue):
        return [(path, str(exc))]
    if isinstance(exc, KeyError):
        return [(path, "required field missing")]
    return [(path, f"invalid value ({type(exc).__name__}: {exc})")]


# What structuring a document may raise: every other exception is a bug.
_STRUCTURE_ERRORS = (
    ClassValidationError,
    IterableValidationError,
    ForbiddenExtraKeysError,
    EmentoringError,
    _BadValue,
    _Problems,
    KeyError,
)
