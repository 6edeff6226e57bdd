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
from collections.abc import Callable, Hashable, Mapping
from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any, TypeVar, cast, get_type_hints
from zoneinfo import ZoneInfo

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

__all__ = ["SCHEMA", "converter", "from_data", "to_data"]

SCHEMA = 1
"""The version of the document format that :func:`to_data` writes and :func:`from_data` reads."""

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
            return cast(T, float(value))
        if not isinstance(value, kind):
            raise _BadValue(f"not {description}")
        if kind is float and not math.isfinite(cast(float, value)):
            raise _BadValue("not a finite number")
        return value

    return structure


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
    # A topic is its label as the writer spelled it; the folded key is derived.
    conv.register_unstructure_hook(Topic, lambda topic: topic.label)
    conv.register_structure_hook(Topic, _structure_topic)
    return conv


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
            make_dict_structure_fn(
                cls, conv, zone=override(struct_hook=structure_key), _cattrs_forbid_extra_keys=True
            ),
        )
    for person in (Mentor, Mentee):
        conv.register_structure_hook(
            person,
            make_dict_structure_fn(
                person,
                conv,
                zone=override(struct_hook=structure_optional_key),
                _cattrs_forbid_extra_keys=True,
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
        factory = BUILTIN_CRITERIA.get(value.get("factory"))  # type: ignore[arg-type]
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
        return factory(
            **{name: conv.structure(raw, hints[name]) for name, raw in arguments.items()}
        )

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
        make_dict_structure_fn(
            Unmatched,
            conv,
            detail=override(struct_hook=structure_detail),
            _cattrs_forbid_extra_keys=True,
        ),
    )

    # Registered after Unmatched: generated hooks capture the hooks of their fields.
    # The solver's working state stays out of documents; verify() recomputes what it needs.
    conv.register_unstructure_hook(
        MatchingResult, make_dict_unstructure_fn(MatchingResult, conv, _scored=override(omit=True))
    )
    conv.register_structure_hook(
        MatchingResult,
        make_dict_structure_fn(
            MatchingResult, conv, _scored=override(omit=True), _cattrs_forbid_extra_keys=True
        ),
    )

    def structure_attribute(value: Any, _type: Any) -> Hashable:
        if value is None or isinstance(value, str | int | float | bool):
            return value
        raise _BadValue("an attribute value must be text, a number, true, false or null")

    # By predicate, not by class: nearly every class is a virtual subclass of Hashable.
    conv.register_structure_hook_func(lambda t: t is Hashable, structure_attribute)


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
    name = cls.__name__
    if _MODELS.get(name) is not cls:
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
    body: dict[str, Any] = converter.unstructure(obj)
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
        ValidationError: The document is of another schema or type, or any
            field is missing, unknown or invalid. One error lists every bad
            field by its path; nothing is built.

    >>> from ementoring.scheduling import Interval
    >>> from_data(Interval, {"schema": 2, "type": "Interval"})
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: schema: unknown document schema; this version reads schema 1 (got 2)
    """
    name = _model_name(cls)
    factories = _factories(criteria)
    if not isinstance(data, Mapping):
        raise ValidationError("data", data, "expected a mapping (a parsed JSON object)")
    if data.get("schema") != SCHEMA:
        raise ValidationError(
            "schema",
            data.get("schema"),
            f"unknown document schema; this version reads schema {SCHEMA}",
        )
    if data.get("type") != name:
        raise ValidationError("type", data.get("type"), f"expected a document of type {name!r}")
    body = {key: value for key, value in data.items() if key not in ("schema", "type")}
    token = _FACTORIES.set(factories)
    try:
        return converter.structure(body, cls)
    except (ClassValidationError, IterableValidationError, EmentoringError, _BadValue) as exc:
        raise InvalidDocumentError(_problems(exc, "")) from None
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


def _join(path: str, part: str) -> str:
    if part.startswith("["):
        return path + part
    return f"{path}.{part}" if path else part


def _problems(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Every bad field under ``exc``, as ``(path, message)``, in document order."""
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
    return [(path, f"invalid value ({exc})")]
