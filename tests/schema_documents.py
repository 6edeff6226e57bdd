"""Documents drawn from a JSON Schema: anything the schema accepts, built from its keywords.

``hypothesis-jsonschema`` would do this, but its 0.23.1 calls a Hypothesis internal
(``many.more``) that the Hypothesis of the dev extra no longer has, so it cannot
draw an object. This strategy covers the keywords ementoring's schemas use
(``$ref``, ``const``, ``enum``, ``type``, ``pattern``, ``maxLength``, number
bounds, ``items``, ``prefixItems``, ``properties``, ``required``,
``additionalProperties``, ``propertyNames``, ``anyOf``, ``oneOf``, ``allOf``)
and fails loudly on any other, so a schema that grows a keyword is not drawn from
half-understood.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import jsonschema
from hypothesis import strategies as st

__all__ = ["from_schema"]

_KNOWN = frozenset(
    {
        "$schema", "$id", "$ref", "$defs", "title", "description", "format", "const", "enum",
        "type", "pattern", "maxLength", "minimum", "maximum", "exclusiveMinimum", "items",
        "prefixItems", "minItems", "maxItems", "uniqueItems", "properties", "required", "additionalProperties",
        "propertyNames", "anyOf", "oneOf", "allOf",
    }
)  # fmt: skip
_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-10, 10)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5)
)


def from_schema(schema: dict[str, Any], *, max_depth: int = 8) -> st.SearchStrategy[Any]:
    """Values that ``schema`` accepts (a schema of ementoring's; see the module docstring)."""
    defs: dict[str, Any] = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target = defs[node["$ref"].removeprefix("#/$defs/")]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if "allOf" in node:
            merged: dict[str, Any] = {k: v for k, v in node.items() if k != "allOf"}
            for part in node["allOf"]:
                merged = {**resolve(part), **merged}
            return resolve(merged)
        return node

    def draw(node: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        node = resolve(node)
        unknown = set(node) - _KNOWN
        if unknown:
            raise NotImplementedError(f"keywords {sorted(unknown)} are not drawn")
        if "const" in node:
            return st.just(node["const"])
        if "enum" in node:
            return st.sampled_from(node["enum"])
        for key in ("anyOf", "oneOf"):
            if key in node:
                rest = {k: v for k, v in node.items() if k != key}
                return st.one_of([draw({**rest, **branch}, depth) for branch in node[key]])
        kind = node.get("type")
        if kind is None:
            return st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=2), max_leaves=3)
        if isinstance(kind, list):
            return st.one_of([draw({**node, "type": k}, depth) for k in kind])
        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind in ("integer", "number"):
            return _number(node, kind)
        if kind == "string":
            return _string(node)
        if kind == "array":
            return _array(node, depth)
        if kind == "object":
            return _object(node, depth)
        raise NotImplementedError(f"type {kind!r}")

    def _array(node: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        if "prefixItems" in node:
            return st.tuples(*(draw(item, depth + 1) for item in node["prefixItems"])).map(list)
        items = node.get("items", {})
        least = node.get("minItems", 0)
        if depth >= max_depth and not least:
            return st.just([])
        unique = (
            (lambda value: json.dumps(value, sort_keys=True)) if node.get("uniqueItems") else None
        )
        return st.lists(
            draw(items, depth + 1), min_size=least, max_size=max(least, 3), unique_by=unique
        )

    def _object(node: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        properties: dict[str, Any] = node.get("properties", {})
        required = set(node.get("required", ()))
        extra = node.get("additionalProperties", {})
        if not properties:
            names = node.get("propertyNames", {})
            keys = (
                st.sampled_from(names["enum"])
                if "enum" in names
                else _string(names)
                if "pattern" in names
                else st.text(max_size=6)
            )
            if extra is False or depth >= max_depth:
                return st.just({})
            return st.dictionaries(keys, draw(extra, depth + 1), max_size=3)

        @st.composite
        def build(data: st.DrawFn) -> dict[str, Any]:
            found = {}
            for key, value in properties.items():
                if key in required or data(st.booleans()):
                    found[key] = data(draw(value, depth + 1))
            return found

        return build()

    return draw(schema, 0)


def _number(node: dict[str, Any], kind: str) -> st.SearchStrategy[Any]:
    low, exclusive = node.get("minimum"), False
    if "exclusiveMinimum" in node and (low is None or node["exclusiveMinimum"] >= low):
        low, exclusive = node["exclusiveMinimum"], True
    high = node.get("maximum")
    top = None if high is None else math.floor(high)
    first = None if low is None else math.floor(low) + 1 if exclusive else math.ceil(low)
    whole = st.integers(first, top)
    if kind == "integer":
        return whole
    floats = st.floats(low, high, allow_nan=False, allow_infinity=False, exclude_min=exclusive)
    return floats | whole


def _string(node: dict[str, Any]) -> st.SearchStrategy[str]:
    limit = node.get("maxLength")
    pattern = node.get("pattern")
    if pattern is None:
        found = st.text(max_size=limit if limit is not None else 12)
    else:
        found = st.from_regex(re.compile(pattern), fullmatch=pattern.startswith("^"))
        if limit is not None:
            found = found.filter(lambda text: len(text) <= limit)
    kind = node.get("format")
    if kind is not None:
        # What a validator that checks formats would refuse (a 30 February) is not drawn.
        found = found.filter(lambda text: _FORMATS.conforms(text, kind))
    return found


_FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
