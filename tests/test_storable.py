"""Everything a platform keeps is storable: every public attrs class round-trips, or says why not.

The public classes are found by walking every public module's ``__all__``, so a
class added tomorrow is a document type (with a version and a JSON Schema) or an
entry of ``TRANSIENT_TYPES`` with its reason: there is no third way.
"""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime
from typing import Any

import attrs
import ementoring_api as api
import pytest
from hypothesis import HealthCheck, given, settings

from ementoring.journal import Journal, JournalRecord, Review, ReviewKind, journal_records
from ementoring.serialization import (
    DOCUMENT_TYPES,
    SCHEMA_VERSIONS,
    TRANSIENT_TYPES,
    from_data,
    json_schema,
    to_data,
)
from ementoring.testing import journals, models
from ementoring.testing._models import MODELS


def _public_classes() -> dict[type[Any], str]:
    found: dict[type[Any], str] = {}
    for module_name in api.public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found.setdefault(value, f"{module_name}.{name}")
    return found


PUBLIC = _public_classes()
IN_ORDER = sorted(PUBLIC, key=lambda cls: PUBLIC[cls])


@pytest.mark.parametrize("cls", IN_ORDER, ids=[PUBLIC[cls] for cls in IN_ORDER])
def test_every_public_class_is_stored_or_says_why_not(cls: type[Any]) -> None:
    stored = DOCUMENT_TYPES.get(cls.__name__) is cls
    transient = cls in TRANSIENT_TYPES
    assert stored != transient, (
        f"{PUBLIC[cls]} is {'both stored and transient' if stored else 'neither stored nor transient'}:"
        " add it to DOCUMENT_TYPES in ementoring/serialization/_registry.py (with a strategy in"
        " ementoring.testing.models and its committed schema), or to TRANSIENT_TYPES with the"
        " reason a platform never keeps it"
    )
    if stored:
        assert SCHEMA_VERSIONS[cls.__name__] >= 1
        assert json_schema(cls)["title"] == cls.__name__
    else:
        assert len(TRANSIENT_TYPES[cls]) > 40, "say why it is not kept, and what is kept instead"


def test_the_tables_name_only_public_classes() -> None:
    assert set(DOCUMENT_TYPES.values()) <= set(PUBLIC)
    assert set(TRANSIENT_TYPES) <= set(PUBLIC)


def test_every_stored_class_can_be_drawn() -> None:
    assert set(MODELS) == set(DOCUMENT_TYPES.values())


@pytest.mark.parametrize(
    ("name", "cls"), sorted(DOCUMENT_TYPES.items()), ids=sorted(DOCUMENT_TYPES)
)
def test_every_stored_class_round_trips(name: str, cls: type[Any]) -> None:
    """from_data(cls, to_data(x)) == x through JSON, and the document comes back byte for byte."""

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(models(cls))
    def check(obj: Any) -> None:
        text = json.dumps(to_data(obj))
        back = from_data(cls, json.loads(text))
        assert back == obj
        assert json.dumps(to_data(back)) == text

    check()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(journals())
def test_every_row_of_a_journal_round_trips(journal: Journal) -> None:
    """Each row, a review among them: its own field ``kind`` is not the record's tag."""
    for record in journal_records(journal):
        assert from_data(JournalRecord, json.loads(json.dumps(to_data(record)))) == record


def test_a_review_row_keeps_its_kind() -> None:
    review = Review(
        "r1",
        "e1",
        "cora",
        written_at=datetime(2026, 3, 10, tzinfo=UTC),
        comment="Thank you",
        kind=ReviewKind.ENCOURAGEMENT,
    )
    document = to_data(JournalRecord(mentorship_id="m1", content=review))
    assert document["content"]["content_kind"] == "review"
    assert document["content"]["kind"] == "encouragement"
    assert from_data(JournalRecord, document).content == review
