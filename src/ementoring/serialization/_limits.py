"""The limits of one document, checked before anything is read: depth, values, text, numbers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ementoring.serialization._encodings import MAX_INTEGER
from ementoring.serialization._problems import MAX_PROBLEMS, join_path

__all__ = ["MAX_DOCUMENT_DEPTH", "MAX_DOCUMENT_TEXT", "MAX_DOCUMENT_VALUES", "check_json"]

MAX_DOCUMENT_DEPTH = 32
"""How deeply a document's objects and arrays may nest (the library writes at most 8 levels)."""

MAX_DOCUMENT_VALUES = 500_000
"""How many JSON values (objects, arrays, strings, numbers...) one document may hold."""

MAX_DOCUMENT_TEXT = 20_000_000
"""How many characters all the strings and keys of one document may hold together."""


def check_json(data: Mapping[str, Any]) -> list[tuple[str, str]]:
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
            if abs(value) >= MAX_INTEGER:
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
                    stack.append((join_path(path, key), item, depth + 1))
        else:
            problems.append((path, f"not a JSON value ({type(value).__name__})"))
        if text > MAX_DOCUMENT_TEXT:
            return [("", f"more than {MAX_DOCUMENT_TEXT:,} characters of text in one document")]
    return sorted(problems)
