"""The one cattrs converter: the common encodings, then each model room's hooks, in order."""

from __future__ import annotations

import enum
from collections.abc import Hashable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import cattrs
from cattrs.gen import make_dict_structure_fn, override

from ementoring.accounting import Program
from ementoring.journal import Topic
from ementoring.matching import Mentee, Mentor
from ementoring.scheduling import Availability
from ementoring.serialization._accounting import _register_accounting
from ementoring.serialization._encodings import (
    _object_only,
    _register_collections,
    _sort_key,
    _strict,
    _structure_attribute,
    _structure_date,
    _structure_duration,
    _structure_instant,
    _structure_time,
    _structure_zone,
    _unstructure_duration,
    _unstructure_float,
    _unstructure_instant,
    _unstructure_time,
)
from ementoring.serialization._journal import _structure_topic
from ementoring.serialization._matching import _register_matching
from ementoring.serialization._problems import _BadValue
from ementoring.serialization._scheduling import _register_scheduling
from ementoring.timezones import zone_key


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


converter: cattrs.Converter = _make_converter()
"""The one converter behind :func:`to_data` and :func:`from_data`; embedders may reuse it."""
