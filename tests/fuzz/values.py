"""Hostile values, and plausible values drawn from a parameter's type annotation."""

from __future__ import annotations

import collections.abc as abc
import enum
import inspect
import math
import types
import typing
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from ementoring.errors import EmentoringError
from ementoring.timezones import EARLIEST, LATEST

from . import registry
from .budget import HUGE_TEXT

_PLUS_14 = timezone(timedelta(hours=14))
_MINUS_12 = timezone(timedelta(hours=-12))
# The span of supported instants: durations just inside and just beyond it.
_SPAN = LATEST - EARLIEST
_US = timedelta(microseconds=1)


def _deep(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _hostile_constants() -> list[Any]:
    return [
        None,
        True,
        False,
        0,
        -1,
        1,
        2**31,
        2**63,
        10**100,
        -(10**100),
        # Whole numbers too big for a float: float(), math.isfinite() and
        # formatting with ".2f" raise OverflowError on them.
        10**400,
        -(10**400),
        2**1024,
        0.0,
        -0.0,
        0.5,
        1e-320,
        1e308,
        -1e308,
        math.nan,
        math.inf,
        -math.inf,
        Fraction(1, 3),
        Decimal("0.5"),
        Decimal("NaN"),
        "",
        " ",
        "\t\n ",
        "x",
        "\x00",
        "é\u0301",
        "\ufdfa" * 50,
        "x" * HUGE_TEXT,
        "../etc/passwd",
        "/".join(["a"] * 1000),
        "Europe/Moscow",
        "europe/moscow",
        "Mars/Olympus",
        "UTC",
        "FREQ=DAILY;INTERVAL=0",
        "MO 09:00-10:00",
        "24:00",
        "2026-03-10T16:00:00Z",
        b"bytes",
        bytearray(b"x"),
        1j,
        [],
        [None],
        ["x", "x"],
        ["a", "b"],
        [1, 2],
        (),
        ("x", "x"),
        {},
        {"x": None},
        {"x": ["y"]},
        {1: 2},
        set(),
        frozenset({"x"}),
        # Unhashable where an id (a dict key) is expected.
        {"olga"},
        {"olga": "ivan"},
        ["olga"],
        object(),
        _deep(2_000),
        timedelta(0),
        timedelta(microseconds=1),
        timedelta(seconds=-1),
        timedelta(days=-1),
        timedelta(days=3650),
        timedelta.max,
        timedelta.min,
        timedelta.max - _US,
        timedelta.min + _US,
        timedelta.max // 2,
        timedelta(days=10**6),
        -timedelta(days=10**6),
        _SPAN,
        _SPAN + _US,
        -_SPAN,
        -_SPAN - _US,
        datetime(2026, 3, 8, 2, 30),
        datetime(2026, 3, 10, 16, tzinfo=UTC),
        datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/Toronto")),
        datetime(1, 1, 1, tzinfo=_PLUS_14),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, tzinfo=_MINUS_12),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime.min,  # noqa: DTZ901 - hostile on purpose
        datetime.max,  # noqa: DTZ901 - hostile on purpose
        date.min,
        date.max,
        date(2026, 3, 2),
        time(0),
        time.max,
        time(9, tzinfo=UTC),
        ZoneInfo("UTC"),
        UTC,
        _PLUS_14,
        print,
        lambda *args, **kwargs: None,
        lambda *args, **kwargs: math.nan,
        # User code (a criterion's score, a bulk scorer, index keys, describe)
        # returning what is not a number, not a function, not text.
        lambda *args, **kwargs: int,
        lambda *args, **kwargs: 10**400,
        lambda *args, **kwargs: "0.5",
        lambda *args, **kwargs: [0.5],
        lambda *args, **kwargs: Decimal("NaN"),
        lambda *args, **kwargs: lambda *more, **named: [math.inf],
        int,
        type,
        Exception("x"),
        EmentoringError("x"),
    ]


HOSTILE_CONSTANTS = _hostile_constants()

_constants = st.sampled_from(HOSTILE_CONSTANTS)

hostile: st.SearchStrategy[Any] = st.one_of(
    # The hand-picked values first and most often: they are the known traps.
    _constants,
    _constants,
    _constants,
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.timedeltas(),
    st.datetimes(timezones=st.none() | st.timezones()),
    st.lists(st.sampled_from(["a", "b", "a", None, 1]), max_size=4),
    st.builds(lambda: iter(["a", "b"])),
    st.builds(lambda: (x for x in [1, "a", None])),
)
"""Values a hostile or careless caller might pass anywhere."""


def _same_kind(kind: type | tuple[type, ...]) -> st.SearchStrategy[Any]:
    chosen = [v for v in HOSTILE_CONSTANTS if isinstance(v, kind) and not isinstance(v, bool)]
    return st.sampled_from(chosen)


def _near(value: Any) -> st.SearchStrategy[Any]:
    """Hostile values, half of them of ``value``'s own kind (a bad duration for a duration...)."""
    near = [s for kind, s in _BY_KIND.items() if isinstance(value, kind)]
    return st.one_of(*near, hostile) if near else hostile


_MAX_TAMPER_DEPTH = 4


def tampered(value: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """``value`` with one value somewhere inside it replaced by a hostile one.

    An attrs instance gets one field replaced (through ``attrs.evolve``, so its
    constructor judges the new value), a tuple one item, a mapping one value;
    the replacement is itself tampered with when it has parts. What a
    constructor accepts this way is a hand-built object that the library must
    also take back (a ``Match`` with a set as its id handed to ``verify``, a
    ``Program`` whose ``agenda_lead`` is ``timedelta.max`` handed to
    ``reminders``). When the constructor refuses the value, ``value`` comes
    back as it was (constructors are fuzzed on their own).
    """
    if depth > _MAX_TAMPER_DEPTH:
        return _near(value)
    if attrs.has(type(value)):
        fields = [f for f in attrs.fields(type(value)) if f.init]
        if not fields:
            return st.just(value)

        @st.composite
        def evolved(draw: st.DrawFn) -> Any:
            field = draw(st.sampled_from(fields), label="tampered field")
            inner = draw(tampered(getattr(value, field.name), depth + 1))
            try:
                return attrs.evolve(value, **{field.alias: inner})
            except Exception:
                return value

        return evolved()
    if isinstance(value, tuple) and value:

        @st.composite
        def item(draw: st.DrawFn) -> Any:
            index = draw(st.integers(0, len(value) - 1), label="tampered item")
            inner = draw(tampered(value[index], depth + 1))
            return (*value[:index], inner, *value[index + 1 :])

        return item()
    if isinstance(value, abc.Mapping) and value:

        @st.composite
        def entry(draw: st.DrawFn) -> Any:
            key = draw(st.sampled_from(sorted(value, key=repr)), label="tampered key")
            if draw(st.booleans()):
                return {**value, key: draw(tampered(value[key], depth + 1))}
            changed = {k: v for k, v in value.items() if k != key}
            changed[draw(_near(key))] = value[key]
            return changed

        return entry()
    return _near(value)


_BY_KIND: dict[Any, st.SearchStrategy[Any]] = {
    str: _same_kind(str),
    int: _same_kind((int, float)),
    float: _same_kind((int, float)),
    datetime: _same_kind(datetime),
    date: _same_kind(date),
    timedelta: _same_kind(timedelta),
}


Rebuild = typing.Callable[[Any], Any]


def _then(outer: Rebuild, inner: Rebuild) -> Rebuild:
    """``outer(inner(new))``: a place inside a place."""
    return lambda new: outer(inner(new))


def places(value: Any, depth: int = 0) -> abc.Iterator[Rebuild]:
    """Every place inside ``value`` where a hostile value can go, two models deep.

    Each place is a function that rebuilds ``value`` with a given value there
    (through the constructors, which may refuse it): a field of a model, a
    field of a model inside it, the first item of a tuple or list, one value
    of a mapping. ``places(result)`` reaches ``result.matches[0].mentee_id``.
    """
    if attrs.has(type(value)):
        if depth >= 2:
            return
        for field in attrs.fields(type(value)):
            if not field.init:
                continue

            def here(new: Any, field: Any = field) -> Any:
                return attrs.evolve(value, **{field.alias: new})

            yield here
            for inner in places(getattr(value, field.name), depth + 1):
                yield _then(here, inner)
    elif isinstance(value, tuple | list) and value:
        kind = type(value)

        def first(new: Any) -> Any:
            return kind([new, *value[1:]])

        yield first
        for inner in places(value[0], depth):
            yield _then(first, inner)
    elif isinstance(value, abc.Mapping) and value:
        key = min(value, key=repr)

        def one(new: Any) -> Any:
            return {**value, key: new}

        yield one
        for inner in places(value[key], depth):
            yield _then(one, inner)


def hostile_for(annotation: Any) -> st.SearchStrategy[Any]:
    """Hostile values, half of them of the parameter's own kind (bad text for text...).

    For a model (or a collection of models), the own kind is a valid example
    with a hostile value inside it (see :func:`tampered`).
    """
    if isinstance(annotation, str):
        # An annotation left as text ("ZoneLike", "str | None"): match kinds by name.
        near = [
            v for k, v in _BY_KIND.items() if k.__name__ in annotation or annotation == "ZoneLike"
        ]
        return st.one_of(*near, hostile) if near else hostile
    origin = typing.get_origin(annotation)
    kinds = typing.get_args(annotation) or (annotation,)
    near = [_BY_KIND[k] for k in kinds if isinstance(k, type) and k in _BY_KIND]
    for kind in kinds:
        found = registry.instances_for(kind)
        if found is None:
            continue
        one = found.flatmap(tampered)
        near.append(st.lists(one, min_size=1, max_size=2) if origin in _COLLECTIONS else one)
    return st.one_of(*near, hostile) if near else hostile


def plausible(annotation: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """A strategy for values of ``annotation`` that a careful caller would pass.

    Falls back to :data:`hostile` for annotations it cannot read.
    """
    if depth > 4:
        return st.just(None)
    if annotation is inspect.Parameter.empty or annotation is Any:
        return st.sampled_from(["a", 1, 0.5, timedelta(hours=1), None])
    found = registry.instances_for(annotation)
    if found is not None:
        return found
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([plausible(a, depth + 1) for a in args])
    if origin is typing.Literal:
        return st.sampled_from(args)
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        members = list(annotation)
        return st.sampled_from(members + [m.value for m in members])
    if origin in (tuple,) and args and (len(args) != 2 or args[1] is not Ellipsis):
        return st.tuples(*[plausible(a, depth + 1) for a in args])
    if origin in _COLLECTIONS:
        item = plausible(args[0] if args else Any, depth + 1)
        return st.lists(item, max_size=3).map(tuple if origin is tuple else list)
    if origin in (dict, abc.Mapping, abc.MutableMapping):
        key, value = args if len(args) == 2 else (str, Any)
        return st.dictionaries(plausible(key, depth + 1), plausible(value, depth + 1), max_size=3)
    if origin is abc.Callable or annotation is abc.Callable:
        return st.sampled_from([lambda *a, **k: 0.5, lambda *a, **k: 1.0])
    if isinstance(annotation, type):
        return registry.build_instance(annotation, plausible, depth)
    return hostile


_COLLECTIONS = (
    tuple,
    list,
    set,
    frozenset,
    abc.Iterable,
    abc.Sequence,
    abc.Collection,
    abc.Set,
    abc.Iterator,
)

_SCALARS: dict[Any, st.SearchStrategy[Any]] = {
    str: st.sampled_from(["a", "b", "m1", "olga", "ivan", "America/Toronto", "CV review"]),
    int: st.integers(0, 5),
    float: st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    bool: st.booleans(),
    datetime: st.sampled_from(
        [
            datetime(2026, 3, 10, 16, tzinfo=UTC),
            datetime(2026, 3, 2, 9, tzinfo=UTC),
            datetime(2026, 5, 1, tzinfo=UTC),
        ]
    ),
    date: st.sampled_from([date(2026, 3, 2), date(2026, 3, 10), date(2026, 6, 1)]),
    time: st.sampled_from([time(9), time(18, 30)]),
    timedelta: st.sampled_from([timedelta(hours=1), timedelta(minutes=30), timedelta(0)]),
    ZoneInfo: st.sampled_from([ZoneInfo("America/Toronto"), ZoneInfo("UTC")]),
    type(None): st.none(),
    object: st.sampled_from(["a", 1, None]),
}
