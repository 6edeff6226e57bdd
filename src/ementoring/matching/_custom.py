"""Custom criteria that can be stored: a name, a factory and JSON-valued arguments."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.matching._models import Criterion, Recipe

__all__ = ["custom", "freeze", "thaw"]

# Nesting deeper than this is refused, so every argument is checked in bounded work.
MAX_DEPTH: Final = 20


class JsonObject(tuple[tuple[str, Any], ...]):
    """A JSON object frozen as its sorted ``(key, value)`` items (hashable, unlike a dict)."""

    __slots__ = ()


def freeze(value: Any, field: str, depth: int = 0) -> Any:
    """A JSON value in hashable form (lists as tuples, objects as :class:`JsonObject`).

    Raises:
        InvalidTypeError: A value that is not JSON (a set, an object, a key not a string).
        ValidationError: A number that is not finite, or nesting deeper than ``MAX_DEPTH``.
    """
    if depth > MAX_DEPTH:
        raise ValidationError(field, "...", f"nested deeper than {MAX_DEPTH} levels")
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(field, value, "must be a finite number")
        return value
    if isinstance(value, list | tuple):
        return tuple(freeze(item, f"{field}[{k}]", depth + 1) for k, item in enumerate(value))
    if isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidTypeError(field, key, "a JSON object with string keys")
            items.append((key, freeze(item, f"{field}.{key}", depth + 1)))
        return JsonObject(sorted(items))
    raise InvalidTypeError(
        field, value, "a JSON value (text, number, true, false, null, list or object)"
    )


def thaw(value: Any) -> Any:
    """The plain JSON value (fresh lists and dicts) of a :func:`freeze`-d one."""
    if isinstance(value, JsonObject):
        return {key: thaw(item) for key, item in value}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value


def custom(name: str, factory: Callable[..., Criterion], /, **arguments: Any) -> Criterion:
    """Build a criterion with ``factory(**arguments)`` and remember how, so it can be stored.

    ``to_data`` then stores ``name`` and the arguments, and
    ``from_data(MatchingProblem, doc, criteria={name: factory})`` calls the
    factory again: no global registry, the decoder says which factories it
    trusts. Two custom criteria with the same name and arguments (and the
    same weight and required flag) are equal.

    Args:
        name: The factory's name in stored documents.
        factory: Returns a :class:`Criterion`; called with fresh copies of the
            arguments.
        arguments: JSON values only (text, numbers, true, false, null, lists,
            objects with text keys), nested at most 20 levels.

    Returns:
        The factory's criterion, carrying its recipe.

    Raises:
        InvalidTypeError: ``factory`` is not callable, an argument is not a
            JSON value, the factory refused the arguments (a ``TypeError``),
            or it did not return a ``Criterion``.
        ValidationError: ``name`` is blank or an argument is not finite or
            too deeply nested.

    >>> from ementoring.matching import Criterion, Mentee, Mentor
    >>> def seniority(*, years: int) -> Criterion:
    ...     return Criterion("seniority", lambda r, e: 1.0 if r.attributes.get("years", 0) >= years else 0.0)
    >>> rule = custom("seniority", seniority, years=5)
    >>> rule.score(Mentor("ana", attributes={"years": 7}), Mentee("olga"))
    1.0
    >>> rule == custom("seniority", seniority, years=5)
    True
    """
    if not isinstance(name, str):
        raise InvalidTypeError("name", name, "a factory name (str)")
    if not name or name != name.strip():
        raise ValidationError("name", name, "must be a non-empty string without surrounding spaces")
    if not callable(factory):
        raise InvalidTypeError("factory", factory, "a function returning a Criterion")
    frozen = tuple(sorted((key, freeze(value, key)) for key, value in arguments.items()))
    try:
        criterion = factory(**{key: thaw(value) for key, value in frozen})
    except TypeError as error:  # arguments the factory does not take
        raise InvalidTypeError(
            "arguments",
            sorted(arguments),
            f"arguments that {name!r} takes (it refused the arguments: {error})",
        ) from None
    if not isinstance(criterion, Criterion):
        raise InvalidTypeError("factory", criterion, "a function returning a Criterion")
    return attrs.evolve(criterion, recipe=Recipe(name, frozen, custom=True))
