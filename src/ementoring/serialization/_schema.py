"""JSON Schema (draft 2020-12) of every document type, read from the models and the encodings.

The schema of a type is built from the same facts the converter uses: each
attrs field's type, whether it has a default, the encodings of instants,
dates, times, durations and zones, the tagged unions, criteria by factory;
and from the limits the models' validators hold (ids, text lengths, whole
numbers, durations). Rules between fields (an end after its start, a
lifecycle) are the models' own and cannot be written in a schema.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs

from ementoring._validate import (
    Duration,
    Number,
    Text,
    WholeNumber,
    identifier,
    non_blank,
    optional_identifier,
)
from ementoring.display import MAX_COUNT
from ementoring.journal import MAX_TOPIC_LENGTH, Topic
from ementoring.matching import (
    BUILTIN_CRITERIA,
    MAX_CRITERIA,
    MAX_WEIGHT,
    Criterion,
    MatchingResult,
    Unmatched,
)
from ementoring.scheduling import BusyLocal
from ementoring.serialization._encodings import MAX_INTEGER, tag, union_tag
from ementoring.serialization._registry import SCALAR_MODELS, model_name
from ementoring.serialization._versions import SCHEMA_VERSIONS
from ementoring.timezones import (
    MAX_DURATION,
    MAX_ZONE_KEY_LENGTH,
    MAX_ZONE_KEY_PARTS,
    ZONE_KEY_PATTERN,
)

__all__ = ["DRAFT", "json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_NOT_SPACE = r"[^\s\x1c-\x1f\x85]"
# ASCII digits only: a regular expression's \d also matches other scripts' digits in Python.
_YEAR = r"(?:19|20|21)[0-9]{2}"
_DAY = r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_CLOCK = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]"
_SECONDS = r":[0-5][0-9](?:\.[0-9]{1,6})?"
ID: dict[str, Any] = {
    "type": "string",
    "pattern": rf"^{_NOT_SPACE}(?:[\s\S]*{_NOT_SPACE})?$",
    "description": "an id: text without white space at either end",
}
INSTANT: dict[str, Any] = {
    "type": "string",
    "format": "date-time",
    "pattern": rf"^{_YEAR}{_DAY}T{_CLOCK}{_SECONDS}(?:Z|[+-]{_CLOCK})$",
    "description": "an instant from 1900 to 2199: ISO 8601 with an offset (written in UTC, with Z)",
}
READING: dict[str, Any] = {
    "type": "string",
    "pattern": rf"^{_YEAR}{_DAY}T{_CLOCK}(?:{_SECONDS})?$",
    "description": "a wall-clock reading: ISO 8601 without an offset",
}
DATE: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": rf"^{_YEAR}{_DAY}$",
    "description": "a date from 1900 to 2199: YYYY-MM-DD",
}
TIME: dict[str, Any] = {
    "type": "string",
    "pattern": rf"^(?:{_CLOCK}(?::[0-5][0-9])?|24:00)$",
    "description": "a local time: HH:MM, HH:MM:SS with seconds, 24:00 for the end of a day",
}
DURATION: dict[str, Any] = {
    "type": "number",
    "minimum": -MAX_DURATION.total_seconds(),
    "maximum": MAX_DURATION.total_seconds(),
    "description": "a duration in seconds, within the span of supported instants either way",
}
_PART = ZONE_KEY_PATTERN.split("(?:")[0]
ZONE: dict[str, Any] = {
    "type": "string",
    "maxLength": MAX_ZONE_KEY_LENGTH,
    "pattern": rf"^{_PART}(?:/{_PART}){{0,{MAX_ZONE_KEY_PARTS - 1}}}$",
    "description": "an IANA time-zone key",
}
INTEGER: dict[str, Any] = {
    "type": "integer",
    "minimum": 1 - MAX_INTEGER,
    "maximum": MAX_INTEGER - 1,
}
FINGERPRINT: dict[str, Any] = {"type": "string", "pattern": r"^sha256:[0-9a-f]{64}$"}
ATTRIBUTE: dict[str, Any] = {"type": ["string", "number", "boolean", "null"]}
_NULL: dict[str, Any] = {"type": "null"}

# Fields whose text is a zone key (the models check it through ementoring.timezones).
_ZONE_FIELDS = frozenset({"zone", "program_zone"})


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the documents of a type, at its current version.

    It states what ``from_data`` reads: the envelope (``"schema"``, the
    type's current version, and ``"type"``), every field with its JSON type,
    which are required, that no other field is allowed, the encodings
    (instants, dates, local times and zones by pattern, durations as seconds,
    enums by value, tagged unions by ``"kind"``, criteria by factory and
    arguments) and the limits the models enforce on single values (ids, text
    lengths, whole numbers, durations). Rules that relate several fields, and
    values a pattern cannot tell (a 30 February, a zone key the time-zone
    database does not have), are ``from_data``'s to check. A new dict each
    call. Platforms use it at their API edge (OpenAPI) and to generate types.

    Args:
        cls: A model class :func:`to_data` stores.

    Returns:
        The schema, with every nested model under ``"$defs"``.

    Raises:
        ValidationError: ``cls`` is not a model that ementoring serialises.

    >>> from ementoring.scheduling import Interval
    >>> schema = json_schema(Interval)
    >>> schema["$schema"], schema["title"], schema["required"]
    ('https://json-schema.org/draft/2020-12/schema', 'Interval', ['schema', 'type', 'start', 'end'])
    >>> schema["properties"]["schema"], schema["properties"]["start"]["$ref"]
    ({'const': 1, 'description': 'the schema version of Interval documents'}, '#/$defs/instant')
    """
    name = model_name(cls)
    version = SCHEMA_VERSIONS[name]
    builder = _Builder()
    if cls in SCALAR_MODELS:
        body = _object({SCALAR_MODELS[cls]: builder.of(cls)}, [SCALAR_MODELS[cls]])
    else:
        body = builder.object_of(cls)
    envelope = {
        "schema": {"const": version, "description": f"the schema version of {name} documents"},
        "type": {"const": name},
    }
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"urn:ementoring:schema:{name}:{version}",
        "title": name,
        "description": _first_line(cls),
        **_enveloped(body, envelope),
    }
    if builder.defs:
        schema["$defs"] = {key: builder.defs[key] for key in sorted(builder.defs)}
    return schema


def _enveloped(body: dict[str, Any], envelope: dict[str, Any]) -> dict[str, Any]:
    """An object schema (or each branch of a ``oneOf`` of them) with the envelope's fields first."""
    if "oneOf" in body:
        return {"oneOf": [_enveloped(branch, envelope) for branch in body["oneOf"]]}
    return {
        "type": "object",
        "properties": {**envelope, **body["properties"]},
        "required": [*envelope, *body.get("required", [])],
        "additionalProperties": False,
    }


def _first_line(cls: type[Any]) -> str:
    doc = inspect.getdoc(cls) or cls.__name__
    return doc.strip().splitlines()[0]


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, _NULL]}


class _Builder:
    """One schema's ``$defs``, filled as nested models and named encodings are met."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def named(
        self, key: str, schema: dict[str, Any] | Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        """A ``$ref`` to ``schema`` under ``key``, added to ``$defs`` the first time."""
        if key not in self.defs:
            self.defs[key] = {}  # reserved first: a model that holds itself ends here
            self.defs[key] = schema() if callable(schema) else schema
        return {"$ref": f"#/$defs/{key}"}

    def object_of(self, cls: type[Any], *, special: bool = True) -> dict[str, Any]:
        """The object schema of an attrs class: its public fields, the required ones, no others.

        With ``special``, a model the converter writes with a hook of its own
        (:data:`_SPECIAL`) is described by that hook's schema.
        """
        hook = _SPECIAL.get(cls) if special else None
        if hook is not None:
            return hook(self)
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init or field.name.startswith("_"):
                continue
            schema = self.field(cls, field, hints.get(field.name, Any))
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        return _object(properties, required)

    def field(self, cls: type[Any], field: attrs.Attribute[Any], hint: Any) -> dict[str, Any]:
        """One field: its type's schema, narrowed by what its validators enforce."""
        if field.name in _ZONE_FIELDS and _is_text(hint):
            return (
                _nullable(self.named("zone", ZONE)) if _optional(hint) else self.named("zone", ZONE)
            )
        schema = self.of(hint)
        limits = {**_limits(field.validator), **_RULES.get((cls.__name__, field.name), {})}
        if not limits:
            return schema
        if "anyOf" in schema:
            inner, null = schema["anyOf"]
            return {"anyOf": [_narrowed(inner, limits), null]}
        return _narrowed(schema, limits)

    def of(self, hint: Any) -> dict[str, Any]:
        """The schema of a value of type ``hint`` as the converter writes and reads it."""
        if hint is Any:
            return {}
        if hint is type(None) or hint is None:
            return dict(_NULL)
        origin = get_origin(hint)
        if origin is typing.Literal:
            return {"enum": list(get_args(hint))}
        if origin in (typing.Union, types.UnionType):
            return self.union(get_args(hint))
        if origin in (tuple, list, frozenset, set):
            args = get_args(hint)
            if origin is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
                return {
                    "type": "array",
                    "prefixItems": [self.of(a) for a in args],
                    "items": False,
                    "minItems": len(args),
                    "maxItems": len(args),
                }
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin in (Mapping, dict) or hint is dict:
            args = get_args(hint)
            schema: dict[str, Any] = {
                "type": "object",
                "additionalProperties": self.of(args[1]) if len(args) == 2 else {},
            }
            if args and isinstance(args[0], type) and issubclass(args[0], enum.Enum):
                schema["propertyNames"] = {"enum": [m.value for m in args[0]]}
            return schema
        return self.plain(hint)

    def plain(self, hint: Any) -> dict[str, Any]:
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return dict(INTEGER)
        if hint is float:
            return {"type": "number"}
        if hint is str:
            return {"type": "string"}
        if hint is Hashable:
            return dict(ATTRIBUTE)
        encodings: dict[Any, tuple[str, dict[str, Any]]] = {
            datetime: ("instant", INSTANT),
            date: ("date", DATE),
            time: ("local_time", TIME),
            timedelta: ("duration", DURATION),
            ZoneInfo: ("zone", ZONE),
        }
        if hint in encodings:
            return self.named(*encodings[hint])
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            values = [member.value for member in hint]
            schema: dict[str, Any] = {"enum": values}
            if all(isinstance(v, str) for v in values):
                schema = {"type": "string", **schema}
            return self.named(hint.__name__, schema)
        if hint is Topic:
            return self.named("Topic", TOPIC)
        if isinstance(hint, type) and attrs.has(hint):
            return self.named(hint.__name__, lambda: self.object_of(hint))
        raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - a new kind of field

    def union(self, members: tuple[Any, ...]) -> dict[str, Any]:
        present = [m for m in members if m is not type(None)]
        if len(present) == 1:
            schema = self.of(present[0])
        elif all(isinstance(m, type) and attrs.has(m) for m in present):
            key = union_tag(present)
            schema = {"oneOf": [self.tagged(m, key) for m in present]}
        else:
            schema = {"anyOf": [self.of(m) for m in present]}
        return _nullable(schema) if len(present) < len(members) else schema

    def tagged(self, member: type[Any], key: str) -> dict[str, Any]:
        """A member of a tagged union: its own fields plus its tag under ``key``."""

        def build() -> dict[str, Any]:
            body = self.object_of(member)
            return _object(
                {key: {"const": tag(member)}, **body["properties"]},
                [key, *body.get("required", [])],
            )

        return self.named(f"{member.__name__}.tagged", build)


def _narrowed(schema: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``limits`` added (around a ``$ref``, which takes no siblings in older readers)."""
    if "$ref" in schema:
        return {"allOf": [schema], **limits}
    return {**schema, **limits}


def _is_text(hint: Any) -> bool:
    return hint is str or (
        get_origin(hint) in (typing.Union, types.UnionType) and str in get_args(hint)
    )


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (typing.Union, types.UnionType) and type(None) in get_args(hint)


def _validators(validator: Any) -> list[Any]:
    """The validators of a field, unpacked from attrs' ``and_`` and ``optional``."""
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    if inner is not None:
        return [v for part in inner for v in _validators(part)]
    wrapped = getattr(validator, "validator", None)
    if wrapped is not None and type(validator).__name__ == "_OptionalValidator":
        return _validators(wrapped)
    return [validator]


def _limits(validator: Any) -> dict[str, Any]:
    """What a field's validators enforce on one value, as JSON Schema keywords."""
    limits: dict[str, Any] = {}
    for check in _validators(validator):
        if check is identifier or check is optional_identifier:
            limits["pattern"] = ID["pattern"]
        elif check is non_blank:
            limits["pattern"] = r"\S"
        elif isinstance(check, Text) and check.max_length is not None:
            limits["maxLength"] = check.max_length
        elif isinstance(check, WholeNumber):
            limits["minimum"] = check.minimum
            if check.maximum is not None:
                limits["maximum"] = check.maximum
        elif isinstance(check, Number):
            limits |= _number_limits(check.minimum, check.maximum, check.exclusive_minimum)
        elif isinstance(check, Duration):
            # Every duration lies within MAX_DURATION either way (require_duration).
            low = -MAX_DURATION if check.minimum is None else max(check.minimum, -MAX_DURATION)
            high = MAX_DURATION if check.maximum is None else min(check.maximum, MAX_DURATION)
            # Durations are read to the microsecond: more than the minimum is a microsecond more.
            step = _MICROSECOND if check.exclusive_minimum else 0
            limits["minimum"] = round(low.total_seconds() + step, 6)
            limits["maximum"] = high.total_seconds()
    return limits


def _number_limits(
    minimum: float | None, maximum: float | None, exclusive_minimum: bool
) -> dict[str, Any]:
    limits: dict[str, Any] = {}
    if minimum is not None:
        limits["exclusiveMinimum" if exclusive_minimum else "minimum"] = minimum
    if maximum is not None:
        limits["maximum"] = maximum
    return limits


_MICROSECOND = 1e-6
_POSITIVE = {"exclusiveMinimum": 0}
_COUNT = {"minimum": 0, "maximum": MAX_COUNT}
_SHARE = {"minimum": 0, "maximum": 1}
_SHARES = {"additionalProperties": {"type": "number", **_SHARE}}
_BY_ID = {"propertyNames": {"pattern": ID["pattern"]}}
# A UTC offset lies strictly within a day (to the microsecond).
_OFFSET = {"minimum": -86_400 + _MICROSECOND, "maximum": 86_400 - _MICROSECOND}
_IDS = {"items": ID, "uniqueItems": True}
_RULES: dict[tuple[str, str], dict[str, Any]] = {
    ("Booking", "participants"): {**_IDS, "minItems": 1},
    ("Booking", "buffer_before"): {"minimum": 0},
    ("Booking", "buffer_after"): {"minimum": 0},
    ("JournalEntry", "revision"): {"minimum": 1},
    ("Session", "participants"): {**_IDS, "minItems": 2},
    ("Session", "mentorship_ids"): {**_IDS, "minItems": 1},
    ("Session", "absent"): _IDS,
    ("Mentor", "capacity"): {"minimum": 0},
    ("Mentee", "capacity"): {"minimum": 0},
    ("MatchingProblem", "criteria"): {"minItems": 1, "maxItems": MAX_CRITERIA},
    ("MatchingProblem", "min_score"): {"minimum": 0, "maximum": 1},
    ("WeeklyWindow", "days"): {"minItems": 1},
    ("Agenda", "items"): {"minItems": 1},
    ("Actor", "program_ids"): {"items": ID},
    ("Actor", "mentorship_ids"): {"items": ID},
    ("SessionEvent", "absent"): {"items": ID},
    ("LocalStretch", "weeks"): {"minimum": 1},
    ("RegularSlot", "local"): {
        "additionalProperties": {
            "type": "array",
            "items": {"$ref": "#/$defs/LocalStretch"},
            "minItems": 1,
        }
    },
    ("Match", "score"): _SHARE,
    ("Match", "breakdown"): _SHARES,
    ("Alternative", "score"): _SHARE,
    ("Alternative", "breakdown"): _SHARES,
    ("Offer", "breakdown"): {**_SHARES, **_BY_ID},
    ("Offer", "score"): _SHARE,
    ("Recommendation", "score"): _SHARE,
    ("Recommendation", "breakdown"): _SHARES,
    ("MatchingResult", "unmatched"): _BY_ID,
    ("Certificate", "mentee_surplus"): _BY_ID,
    ("Certificate", "mentor_price"): _BY_ID,
    ("MatchingResult", "spare_capacity"): _BY_ID,
    ("Transition", "offset_before"): _OFFSET,
    ("Transition", "offset_after"): _OFFSET,
    ("RegularSlot", "duration"): {"minimum": _MICROSECOND},
    ("MeetableWeeks", "meeting"): {"minimum": _MICROSECOND},
    ("MeetableWeeks", "weeks"): {"minItems": 1},
    ("SessionParams", "partner_ids"): {**_IDS, "minItems": 1},
    ("ChangeParams", "partner_ids"): {**_IDS, "minItems": 1},
    ("ReplyParams", "waiting_ids"): {**_IDS, "minItems": 1},
    ("PaceParams", "sessions_completed"): _COUNT,
    ("PaceParams", "days_since_last_session"): _COUNT,
    ("ReviewParams", "waited_days"): _COUNT,
}
"""Rules on one value that a model checks in a validator of its own (not a kernel one).

The tests hold them to the models both ways: every document of a drawn object
validates, and a document drawn from the schema is refused only by a rule that
relates several values or that no schema can state.
"""

_ARGUMENT_RULES: dict[str, dict[str, Any]] = {
    "weight": {**_POSITIVE, "maximum": MAX_WEIGHT},
    "max_hours": {"exclusiveMinimum": 0, "maximum": 12},
    "min_share": {"exclusiveMinimum": 0, "maximum": 1},
    # Durations, read to the microsecond: more than zero is a microsecond or more.
    "meeting": {"minimum": _MICROSECOND},
    "target": {"minimum": _MICROSECOND},
    "name": {"pattern": ID["pattern"]},
    "step": {"minimum": 60},
    "key": {"maxLength": 200, "pattern": r"\S"},
    "mentee_key": {"maxLength": 200, "pattern": r"\S"},
}
"""What the built-in criterion factories check of their arguments, by argument name."""

TOPIC: dict[str, Any] = {
    "type": "string",
    "maxLength": MAX_TOPIC_LENGTH,
    "pattern": r"\S",
    "description": "a topic, by its label as the writer spelt it",
}


def _criterion(builder: _Builder) -> dict[str, Any]:
    """A criterion: a built-in factory and its arguments, or a custom one by name."""
    branches = []
    for name in sorted(BUILTIN_CRITERIA):
        factory = BUILTIN_CRITERIA[name]
        hints = typing.get_type_hints(inspect.unwrap(factory))
        properties: dict[str, Any] = {}
        required = []
        for parameter in inspect.signature(factory).parameters.values():
            schema = builder.of(hints.get(parameter.name, Any))
            rules = _ARGUMENT_RULES.get(parameter.name)
            properties[parameter.name] = _narrowed(schema, rules) if rules else schema
            if parameter.default is inspect.Parameter.empty:
                required.append(parameter.name)
        arguments = _object(properties, required)
        branches.append(
            _object(
                {"factory": {"const": name}, "arguments": arguments},
                ["factory", "arguments"] if required else ["factory"],
            )
        )
    custom = _object(
        {
            "custom": {"type": "string", "description": "the name from_data(criteria=...) maps"},
            "arguments": {"type": "object", "description": "JSON arguments of its factory"},
        },
        ["custom"],
    )
    return {"oneOf": [*branches, custom]}


def _busy_local(builder: _Builder) -> dict[str, Any]:
    reading = builder.named("reading", READING)
    return _object({"start": reading, "end": reading}, ["start", "end"])


def _unmatched(builder: _Builder) -> dict[str, Any]:
    detail = {
        "type": "object",
        "additionalProperties": {
            "anyOf": [dict(INTEGER), {"type": "array", "items": {"type": "string"}}]
        },
        "description": "counts per rule, or the mentees holding each full mentor's seats",
    }
    reason = builder.of(typing.get_type_hints(Unmatched)["reason"])
    return _object({"reason": reason, "detail": detail}, ["reason", "detail"])


def _result(builder: _Builder) -> dict[str, Any]:
    body = builder.object_of(MatchingResult, special=False)
    body["properties"]["problem_fingerprint"] = _nullable(dict(FINGERPRINT))
    return body


_SPECIAL: dict[type, Callable[[_Builder], dict[str, Any]]] = {
    Criterion: _criterion,
    BusyLocal: _busy_local,
    Unmatched: _unmatched,
    MatchingResult: _result,
}
"""Models whose documents the converter writes with hooks of their own."""
