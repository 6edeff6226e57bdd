"""The fingerprint of a matching problem: one text per problem, the same in every process.

A stored result names the problem it solved by this fingerprint, so that
:func:`~ementoring.matching.verify` and :func:`~ementoring.matching.explain`
can say plainly that they were given another problem.
"""

from __future__ import annotations

import enum
import hashlib
import json
import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs

from ementoring.errors import InvalidTypeError
from ementoring.matching._json import thaw
from ementoring.matching._models import Criterion, MatchingProblem, Mentee, Mentor

__all__ = ["fingerprint"]


class _NoRecipe(Exception):
    """A criterion made from a bare function: nothing outside this process can name it."""


def fingerprint(problem: MatchingProblem) -> str | None:
    """Return the SHA-256 fingerprint of a problem's canonical form, or ``None`` if it has none.

    The canonical form is the problem as compact JSON: mentors and mentees
    sorted by id, forbidden and pinned pairs sorted, criteria in their order,
    each as its factory and arguments; every value in one spelling (instants
    in UTC, whole numbers without a fraction, sets and mappings sorted) and
    every field left out that holds its default, so a later version that adds
    a field with a default keeps the fingerprints of the problems stored
    before it. Equal problems, and problems that differ only in the order
    their people and pairs were given in, have one fingerprint; any other
    difference gives another. A problem with a
    criterion made from a bare function (not a built-in factory nor
    :func:`~ementoring.matching.custom`) has none: its scoring cannot be
    named outside this process.

    Args:
        problem: The problem.

    Returns:
        ``"sha256:"`` and 64 hexadecimal digits, or ``None``.

    Raises:
        InvalidTypeError: ``problem`` is not a :class:`MatchingProblem`.

    >>> from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field
    >>> one = MatchingProblem([Mentor("ana"), Mentor("ben")], [Mentee("olga")], [same_field()])
    >>> other = MatchingProblem([Mentor("ben"), Mentor("ana")], [Mentee("olga")], [same_field()])
    >>> fingerprint(one) == fingerprint(other)
    True
    >>> fingerprint(one)  # the same on every machine, in every version that keeps the form
    'sha256:4251efa582e572ec9d0672d84dcc305ecdb34efc95f77d1c9687c0e66f5108e8'
    """
    if not isinstance(problem, MatchingProblem):
        raise InvalidTypeError("problem", problem, "a MatchingProblem")
    try:
        form = {
            "mentors": sorted((_person(m, "offers") for m in problem.mentors), key=_by_id),
            "mentees": sorted((_person(m, "goals") for m in problem.mentees), key=_by_id),
            "criteria": [_criterion(c) for c in problem.criteria],
            "forbidden": sorted(list(pair) for pair in problem.forbidden),
            "pinned": sorted(list(pair) for pair in problem.pinned),
            "min_score": _canonical(problem.min_score),
        }
    except _NoRecipe:
        return None
    # Every object is built in a fixed key order (mappings sorted), so no sort is needed here.
    text = json.dumps(form, separators=(",", ":"), ensure_ascii=False, check_circular=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _by_id(person: Any) -> str:
    return str(person["id"])


def _texts(values: tuple[str, ...]) -> list[str]:
    return [v if type(v) is str else str(v) for v in values]


def _person(person: Mentor | Mentee, topics: str) -> dict[str, Any]:
    """A mentor or mentee as :func:`_canonical` makes it, written out: a cohort has thousands."""
    form: dict[str, Any] = {"@": type(person).__name__, "id": person.id}
    if person.capacity != 1:
        form["capacity"] = person.capacity
    if person.zone is not None:
        form["zone"] = person.zone
    for name, values in (
        ("languages", person.languages),
        ("fields", person.fields),
        (topics, getattr(person, topics)),
    ):
        if values:
            form[name] = _texts(values)
    if person.availability is not None:
        form["availability"] = _canonical(person.availability)
    if person.attributes:
        form["attributes"] = _canonical(person.attributes)
    return form


def _criterion(criterion: Criterion) -> dict[str, Any]:
    recipe = criterion.recipe
    if recipe is None:
        raise _NoRecipe(criterion.name)
    kind = "custom" if recipe.custom else "factory"
    arguments = {name: _canonical(thaw(value)) for name, value in sorted(recipe.arguments)}
    return {kind: recipe.factory, "arguments": arguments}


def _plan(cls: type) -> tuple[tuple[str, bool, Any], ...]:
    """Each public field of an attrs class: its name, whether it has a default, and the default.

    The default is taken as the constructor would store it (its converter
    applied), so a field left at its default is recognised and left out.
    """
    plan = []
    for field in attrs.fields(cls):
        if not field.init or field.name.startswith("_"):
            continue
        default = field.default
        known = default is not attrs.NOTHING
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            known = not default.takes_self
            default = default.factory() if known else None
        if known and field.converter is not None and callable(field.converter):
            default = field.converter(default)
        plan.append((field.name, known, default))
    return tuple(plan)


_PLANS: dict[type, tuple[tuple[str, bool, Any], ...]] = {}
_PLAIN = frozenset({str, int, bool, type(None)})


def _canonical(value: Any) -> Any:
    """``value`` as plain JSON in one spelling (see :func:`fingerprint`)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is float:
        # One spelling per number: 2.0 is 2, as a weight of 2 and of 2.0 are one weight.
        return int(value) if math.isfinite(value) and value.is_integer() else value
    if kind is tuple or kind is list:
        return [_canonical(item) for item in value]
    plan = _PLANS.get(kind)
    if plan is None and attrs.has(kind) and kind is not Criterion:
        plan = _PLANS[kind] = _plan(kind)
    if plan is not None:
        form = {"@": kind.__name__}
        for name, known, default in plan:
            item = getattr(value, name)
            if known and type(item) is type(default) and item == default:
                continue
            form[name] = _canonical(item)
        return form
    return _other(value)


def _other(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return _canonical(value.value)
    if isinstance(value, str | int | float):  # subclasses of the plain kinds
        return _canonical(str(value) if isinstance(value, str) else value + 0)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value // timedelta(microseconds=1)
    if isinstance(value, Mapping):
        return {str(key): _canonical(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, frozenset | set):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, tuple | list):
        return [_canonical(item) for item in value]
    if isinstance(value, Criterion):
        return _criterion(value)
    key = getattr(value, "key", None)  # a ZoneInfo
    if isinstance(key, str):
        return key
    raise InvalidTypeError("problem", value, "values a problem holds")  # pragma: no cover
