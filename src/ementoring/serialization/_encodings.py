"""The common encodings: instants, dates, times, durations, zones, numbers, collections, unions."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Hashable, Mapping
from collections.abc import Mapping as AbcMapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar, cast, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override
from cattrs.strategies import configure_tagged_union

from ementoring.errors import ValidationError
from ementoring.serialization._problems import BadValue, structure_items
from ementoring.timezones import is_aware, zone, zone_key

# JSON integers beyond 64 bits are refused: no field needs them, and a float
# field could not hold them.
MAX_INTEGER = 2**63

T = TypeVar("T")


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
    raise BadValue("not an aware ISO 8601 instant")


def _structure_date(value: Any, _type: type) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise BadValue("not an ISO 8601 date (YYYY-MM-DD)")


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
    raise BadValue("not a local time HH:MM")


def _unstructure_duration(value: timedelta) -> int | float:
    seconds = value.total_seconds()
    return int(seconds) if value.microseconds == 0 else seconds


def _structure_duration(value: Any, _type: type) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue("not a duration in seconds")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadValue("not a finite number of seconds")
    try:
        return timedelta(seconds=value)
    except OverflowError:
        raise BadValue("a duration out of range") from None


def _structure_zone(value: Any, _type: type) -> ZoneInfo:
    if isinstance(value, str):
        try:
            return zone(value)
        except ValidationError as err:
            raise BadValue(err.reason) from None
    raise BadValue("not an IANA time-zone key")


def _strict(kind: type[T], description: str) -> Callable[[Any, type], T]:
    def structure(value: Any, _type: type) -> T:
        if isinstance(value, bool) and kind is not bool:
            raise BadValue(f"not {description}")
        if kind is float and isinstance(value, int):
            if abs(value) >= MAX_INTEGER:
                raise BadValue("a number out of range")
            return cast(T, float(value))
        if not isinstance(value, kind):
            raise BadValue(f"not {description}")
        if kind is float and not math.isfinite(cast(float, value)):
            raise BadValue("not a finite number")
        return value

    return structure


def _unstructure_float(value: float) -> int | float:
    # One text per number: a whole float is written as an integer (4, not 4.0),
    # and from_data reads integers into float fields, so a document written by
    # to_data comes back from from_data and to_data byte-identical.
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _sort_key(value: Any) -> tuple[str, str]:
    # Sets may mix types after unstructuring; sort by type name, then text.
    return (type(value).__name__, repr(value))


def _structure_attribute(value: Any, _type: Any) -> Hashable:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise BadValue("an attribute value must be text, a number, true, false or null")


def _register_collections(conv: cattrs.Converter) -> None:
    """Arrays and objects: check the JSON type first, then each item, naming its path."""

    def is_sequence(t: Any) -> bool:
        return get_origin(t) in (tuple, list, frozenset, set)

    def structure_sequence(value: Any, t: Any) -> Any:
        if not isinstance(value, list):
            raise BadValue("expected an array")
        origin, args = get_origin(t), get_args(t)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(value) != len(args):
                raise BadValue(f"expected an array of {len(args)} items")
            kinds = list(args)
        else:
            kinds = [args[0] if args else Any] * len(value)
        done = structure_items(
            conv,
            ((f"[{i}]", raw, kind) for i, (raw, kind) in enumerate(zip(value, kinds, strict=True))),
        )
        items = list(done.values())
        return origin(items) if origin is not tuple else tuple(items)

    def is_mapping(t: Any) -> bool:
        return get_origin(t) in (Mapping, dict, AbcMapping)

    def structure_mapping(value: Any, t: Any) -> Any:
        if not isinstance(value, dict):
            raise BadValue("expected an object")
        args = get_args(t)
        key_kind, kind = args if len(args) == 2 else (Any, Any)
        done = structure_items(conv, ((key, raw, kind) for key, raw in value.items()))
        if key_kind in (str, Any):
            return done
        # Keys that are not text (an enum's values): read each as its type, named by itself.
        keys = structure_items(conv, ((key, key, key_kind) for key in value))
        return {keys[key]: item for key, item in done.items()}

    conv.register_structure_hook_func(is_sequence, structure_sequence)
    conv.register_structure_hook_func(is_mapping, structure_mapping)

    def guard_attrs(cls: type) -> Callable[[Any, type], Any]:
        # The models write their annotations as text (PEP 563): resolved here, every
        # field (an enum without a converter of its own, a mapping's keys) gets its hook.
        attrs.resolve_types(cls)
        inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True
        )
        return object_only(inner)

    conv.register_structure_hook_factory(attrs.has, guard_attrs)


def object_only(inner: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    """A class's structure hook that refuses anything but a JSON object first."""

    def structure(value: Any, t: Any) -> T:
        if not isinstance(value, Mapping):
            raise BadValue("expected an object")
        return inner(value, t)

    return structure


def tag(cls: type) -> str:
    """The tag of a member of a union: its class name in snake case."""
    name = cls.__name__
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


_UNION_TAGS: Mapping[frozenset[str], str] = {
    # A journal record's content: a Review has a field "kind" of its own.
    frozenset({"JournalEntry", "Agenda", "ActionItem", "Review"}): "content_kind",
}


def union_tag(members: tuple[type, ...] | list[type]) -> str:
    """The key naming which member of a union a value is: ``"kind"``, unless a member owns that name."""
    return _UNION_TAGS.get(frozenset(member.__name__ for member in members), "kind")


def tagged_union(conv: cattrs.Converter, members: tuple[type, ...]) -> None:
    """Encode a union as its member's fields plus its tag (:func:`union_tag`), and check the tag first."""
    key = union_tag(members)
    owners = [m.__name__ for m in members if key in attrs.fields_dict(m)]
    if owners:  # pragma: no cover - a programming error, met when the converter is built
        raise TypeError(f"{', '.join(owners)} has a field {key!r}, the union's tag: name another")
    union: Any = members[0]
    for member in members[1:]:
        union = union | member
    configure_tagged_union(union, conv, tag_name=key, tag_generator=tag)
    structure_member = conv.get_structure_hook(union)
    kinds = sorted(tag(member) for member in members)

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise BadValue("expected a mapping")
        if key not in value:
            raise BadValue(f"missing {key!r} (one of {', '.join(kinds)})")
        if value[key] not in kinds:
            raise BadValue(f"unknown {key} {value[key]!r} (one of {', '.join(kinds)})")
        return structure_member(value, union)

    conv.register_structure_hook(union, structure)


def register_encodings(conv: cattrs.Converter) -> None:
    """Instants, dates, times, durations, zones, strict scalars, collections, sets and enums."""
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
            raise BadValue(f"not one of {allowed}") from None

    def is_enum(t: Any) -> bool:
        return isinstance(t, type) and issubclass(t, enum.Enum)

    conv.register_structure_hook_func(is_enum, structure_enum)
    # By class: a StrEnum member is also a str, and class hooks win over predicates;
    # StrEnum comes before str in the members' method resolution order.
    for base in (enum.StrEnum, enum.IntEnum, enum.Enum):
        conv.register_unstructure_hook(base, lambda member: member.value)
        conv.register_structure_hook(base, structure_enum)


def zone_keyed(conv: cattrs.Converter, cls: type, *, optional: bool = False) -> None:
    """Decode ``cls`` with its ``zone`` checked as an IANA key (or null when ``optional``).

    Checked while decoding, so a bad zone is listed with every other bad field.
    """

    def structure_key(value: Any, _type: Any) -> str | None:
        if optional and value is None:
            return None
        return zone_key(_structure_zone(value, str))

    conv.register_structure_hook(
        cls,
        object_only(
            make_dict_structure_fn(
                cls, conv, zone=override(struct_hook=structure_key), _cattrs_forbid_extra_keys=True
            )
        ),
    )
