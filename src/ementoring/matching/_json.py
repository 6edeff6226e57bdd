"""JSON values frozen into hashable form, for the arguments a stored criterion is rebuilt from."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

from ementoring.errors import InvalidTypeError, ValidationError

__all__ = ["MAX_DEPTH", "JsonObject", "freeze", "thaw"]

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
