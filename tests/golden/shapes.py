"""The shape of a stored document: its key paths with the JSON kind of each value.

A shape is a set of ``path:kind`` items. Paths join object keys with ``.`` and
write array items as ``[]``; the kinds are ``object``, ``array``, ``string``,
``number``, ``boolean`` and ``null``. Three refinements make shapes about the
format rather than the data:

- Mappings keyed by data (a person's ``attributes``, a match's ``breakdown``,
  a result's ``unmatched``...) are listed in ``map_keys``; their keys read ``*``.
- Tagged values carry their tag in the path: a member of a union by its
  ``kind`` (``exceptions[]<skip_date>.date``), a built-in criterion by its
  factory and a custom one by its name (``criteria[]<schedule_overlap>.arguments.meeting``),
  so every argument name is part of the shape.
- The details (:func:`detail_items`) split numbers into ``integer`` and ``float``
  and strings by their format (``instant``, ``date``, ``hh:mm``...), for
  encoding changes that keep the shape.

Used by ``generate.py`` and by the driver it runs inside old commits, so it
imports nothing but the standard library.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["detail_items", "shape_items", "shape_key", "snake_case", "string_format"]

_FORMATS = (
    ("instant", re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z")),
    (
        "offset-datetime",
        re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}"),
    ),
    ("local-datetime", re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?")),
    ("date", re.compile(r"\d{4}-\d{2}-\d{2}")),
    ("hh:mm", re.compile(r"\d{2}:\d{2}")),
    ("hh:mm:ss", re.compile(r"\d{2}:\d{2}:\d{2}")),
)


def snake_case(name: str) -> str:
    """A class name as the ``kind`` tag of a tagged union writes it (``SkipDate`` -> ``skip_date``)."""
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def string_format(text: str) -> str:
    """The encoding a string looks like: ``instant``, ``date``, ``hh:mm``..., else ``text``."""
    for name, pattern in _FORMATS:
        if pattern.fullmatch(text):
            return name
    return "text"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return f"not-json:{type(value).__name__}"


def _detail_kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return _kind(value)
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return f"string:{string_format(value)}"
    return _kind(value)


def _tag(value: dict[str, Any], tags: frozenset[str]) -> str | None:
    kind = value.get("kind")
    if isinstance(kind, str) and kind in tags:
        return kind
    factory = value.get("factory")
    if isinstance(factory, str) and "arguments" in value:
        return factory
    name = value.get("custom")
    if isinstance(name, str):
        return f"custom:{name}"
    return None


def _walk(
    doc: Any,
    map_keys: Iterable[str],
    tags: Iterable[str],
    kind_of: Callable[[Any], str],
) -> frozenset[str]:
    maps, known_tags = frozenset(map_keys), frozenset(tags)
    items: set[str] = set()
    # (value, path, whether its keys are data); an explicit stack, as documents nest.
    stack: list[tuple[Any, str, bool]] = [(doc, "", False)]
    while stack:
        value, path, keyed_by_data = stack.pop()
        items.add(f"{path}:{kind_of(value)}")
        if isinstance(value, dict):
            tag = _tag(value, known_tags)
            base = f"{path}<{tag}>" if tag else path
            for key, item in value.items():
                name = "*" if keyed_by_data else key
                stack.append((item, f"{base}.{name}" if base else name, key in maps))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[]", False) for item in value)
    return frozenset(items)


def shape_items(doc: Any, *, map_keys: Iterable[str], tags: Iterable[str]) -> frozenset[str]:
    """The ``path:kind`` items of ``doc``.

    Args:
        doc: A JSON value.
        map_keys: Fields whose object is keyed by data (its keys read ``*``).
        tags: The ``kind`` values that name a member of a tagged union.

    Returns:
        The set of items.

    >>> sorted(shape_items({"a": [1, None], "m": {"x": True}}, map_keys=["m"], tags=[]))
    [':object', 'a:array', 'a[]:null', 'a[]:number', 'm.*:boolean', 'm:object']
    """
    return _walk(doc, map_keys, tags, _kind)


def detail_items(doc: Any, *, map_keys: Iterable[str], tags: Iterable[str]) -> frozenset[str]:
    """Like :func:`shape_items`, with integers apart from floats and strings by format.

    >>> sorted(detail_items({"at": "2026-03-10T16:00:00Z", "w": 1.5}, map_keys=[], tags=[]))
    [':object', 'at:string:instant', 'w:float']
    """
    return _walk(doc, map_keys, tags, _detail_kind)


def shape_key(items: Iterable[str]) -> str:
    """A short name for a shape: the start of a hash of its sorted items.

    >>> shape_key([":object"]) == shape_key({":object"})
    True
    """
    return hashlib.sha1("\n".join(sorted(items)).encode()).hexdigest()[:12]
