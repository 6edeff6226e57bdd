"""How many of the documents ``from_data`` refuses in the fuzz suite the JSON Schema refuses too.

The documents are those of ``test_documents.py``: arbitrary JSON given the
envelope of a type, and valid documents with one value dropped, added,
retyped or nested. For the figures docs/serialization.md quotes (it takes
some minutes), run::

    PYTHONTZPATH= .venv/bin/python -m tests.fuzz.schema_count
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ementoring.errors import InvalidDocumentError
from ementoring.serialization import DOCUMENT_TYPES, from_data, json_schema, to_data

from .registry import instances_for
from .test_documents import _mutate, json_values

__all__ = ["count", "main"]


def count(examples: int = 25) -> Counter[str]:
    """Per outcome, how many documents: refused by both, by from_data alone, by the schema alone, by neither."""
    found: Counter[str] = Counter()
    for name, cls in sorted(DOCUMENT_TYPES.items()):
        validator = jsonschema.Draft202012Validator(
            json_schema(cls), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        valid = instances_for(cls)
        assert valid is not None, name

        _count_type(found, name, cls, validator, valid, examples)
    return found


def _count_type(
    found: Counter[str],
    name: str,
    cls: type,
    validator: Any,
    valid: st.SearchStrategy[Any],
    examples: int,
) -> None:
    """Judge one type's documents by from_data and by its schema, adding to ``found``."""

    def judge(document: Any) -> None:
        try:
            from_data(cls, json.loads(json.dumps(document)))
            refused = False
        except InvalidDocumentError:
            refused = True
        schema_refuses = not validator.is_valid(document)
        found[_OUTCOMES[(refused, schema_refuses)]] += 1

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(valid.map(to_data), json_values, st.data())
    def run(document: dict[str, Any], value: Any, data: st.DataObject) -> None:
        if isinstance(value, dict):
            judge({**value, "schema": document["schema"], "type": name})
        judge(_mutate(data, document))

    run()


_OUTCOMES = {
    (True, True): "both refuse",
    (True, False): "from_data alone refuses",
    (False, True): "the schema alone refuses",
    (False, False): "both accept",
}


def main() -> None:
    """Print the figures docs/serialization.md quotes."""
    found = count()
    refused = found["both refuse"] + found["from_data alone refuses"]
    print(dict(found))
    print(
        f"from_data refuses {refused:,} documents; the schema refuses"
        f" {found['both refuse']:,} of them ({found['both refuse'] / refused:.0%});"
        f" the schema alone refuses {found['the schema alone refuses']:,}"
    )


if __name__ == "__main__":
    main()
