"""``from_data`` with any JSON value: a model, or an ``InvalidDocumentError`` listing paths."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ementoring.errors import InvalidDocumentError
from ementoring.serialization import DOCUMENT_TYPES, from_data, to_data

from .budget import DOCUMENT_EXAMPLES, LONG
from .judge import TALLY, judge, report, short
from .registry import instances_for

_SETTINGS = settings(
    max_examples=DOCUMENT_EXAMPLES,
    deadline=None,
    database=None,
    # Quick runs (make test) draw the same examples every time, so they pass
    # or fail the same way on every machine; long runs explore.
    derandomize=not LONG,
    suppress_health_check=list(HealthCheck),
)

MODELS = sorted(DOCUMENT_TYPES.items())

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2026-03-10T16:00:00Z", "2026-03-10", "09:00", "UTC", "MO", "m1", ""])
)
json_values: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
"""Any JSON value (what ``json.loads`` can return, NaN aside)."""


def _valid_documents(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    """Documents of valid objects, from the registered examples of ``cls``."""
    found = instances_for(cls)
    if found is None:
        pytest.fail(f"no example of {cls.__name__}: add one to tests/fuzz/registry.py INSTANCES")
    return found.map(to_data)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*path, index)))
    return found


def _mutate(data: st.DataObject, document: dict[str, Any]) -> dict[str, Any]:
    """Drop, add, retype or nest one value somewhere in a copy of ``document``."""
    copy: dict[str, Any] = json.loads(json.dumps(document))
    path = data.draw(st.sampled_from(_paths(copy)[1:] or [()]), label="path")
    if not path:
        return copy
    parent: Any = copy
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = data.draw(st.sampled_from(["drop", "add", "retype", "nest", "twice"]), label="action")
    if action == "drop":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[data.draw(st.text(max_size=8), label="new key")] = data.draw(json_values)
    elif action == "nest":
        parent[last] = data.draw(st.sampled_from([[parent[last]], {"x": parent[last]}]))
    elif action == "twice" and isinstance(parent, list):
        parent.append(parent[last])
    else:
        parent[last] = data.draw(json_values, label="new value")
    return copy


def _judge_document(cls: type, document: Any) -> None:
    judge(
        f"from_data({cls.__name__}, ...)",
        from_data,
        (cls, document),
        {},
        allowed=(InvalidDocumentError,),
    )


@pytest.mark.parametrize(("name", "cls"), MODELS, ids=[name for name, _ in MODELS])
def test_any_json(name: str, cls: type) -> None:
    """Arbitrary JSON, as the whole document and as the body of one of this type."""
    before = len(TALLY.problems)

    @_SETTINGS
    @given(json_values, st.booleans())
    def run(value: Any, as_body: bool) -> None:
        if as_body and isinstance(value, dict):
            value = {**value, "schema": 1, "type": name}
        _judge_document(cls, value)

    run()
    found = list(TALLY.problems.values())[before:]
    assert not found, "\n\n".join(found)


@pytest.mark.parametrize(("name", "cls"), MODELS, ids=[name for name, _ in MODELS])
def test_mutated_documents(name: str, cls: type) -> None:
    """A valid document round-trips byte-identical; a mutation of it is refused or rebuilt."""
    before = len(TALLY.problems)

    @_SETTINGS
    @given(_valid_documents(cls), st.data())
    def run(document: dict[str, Any], data: st.DataObject) -> None:
        text = json.dumps(document)
        again = judge(
            f"from_data({name}, ...)",
            from_data,
            (cls, json.loads(text)),
            {},
            allowed=(),
        )
        if again is None:
            return  # reported by judge
        if json.dumps(to_data(again)) != text:
            report(
                (f"to_data(from_data({name}, d))", "not byte-identical", ""),
                f"to_data(from_data({name}, d)) differs from d = {short(text)}:"
                f" {short(json.dumps(to_data(again)))}",
                short(text),
            )
        for _ in range(3):
            _judge_document(cls, _mutate(data, document))

    run()
    found = list(TALLY.problems.values())[before:]
    assert not found, "\n\n".join(found)
