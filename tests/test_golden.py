"""The golden documents: what earlier versions wrote must load with today's library.

``tests/golden/`` holds documents generated from git history by
``tests/golden/generate.py`` (one file per document type and era, listed in
``manifest.json``; see ``tests/golden/README.md``). Each document is read
here with today's ``from_data``. The ones it cannot read yet are listed in
:data:`NOT_READ_YET` as strict expected failures, each with its cause: when an
upgrade step makes one readable, its case passes unexpectedly and fails, and
the entry must go.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ementoring.errors import InvalidDocumentError
from ementoring.serialization import from_data
from tests.golden.custom_criteria import FACTORIES
from tests.golden.models import model_class

GOLDEN = Path(__file__).parent / "golden"
MANIFEST: dict[str, Any] = json.loads((GOLDEN / "manifest.json").read_text(encoding="utf-8"))

_TARGET = (
    "schedule_overlap(target=...) from before the meetable-time change (2eb2933):"
    " today's schedule_overlap takes meeting= and min_share= and has another meaning"
)
_TWO_ZONES = (
    "a person whose zone differs from their availability's zone, stored before one"
    " source for a person's zone (2eb2933): refused today, nothing says which zone to keep"
)

NOT_READ_YET: dict[str, str] = {
    "Criterion/e1-792c4b9.json#1": _TARGET,
    "Criterion/e2-745104f.json#1": _TARGET,
    "MatchingProblem/e1-792c4b9.json#1": _TARGET,
    "MatchingProblem/e1-792c4b9.json#2": _TARGET,
    "MatchingProblem/e1-792c4b9.json#3": _TARGET,
    "MatchingProblem/e1-792c4b9.json#5": _TARGET,
    "MatchingProblem/e1-792c4b9.json#8": _TARGET,
    "MatchingProblem/e2-745104f.json#1": _TARGET,
    "MatchingProblem/e2-745104f.json#2": _TARGET,
    "MatchingProblem/e2-745104f.json#3": _TARGET,
    "MatchingProblem/e2-745104f.json#5": _TARGET,
    "MatchingProblem/e2-745104f.json#8": _TARGET,
    "Mentee/e1-792c4b9.json#1": _TWO_ZONES,
    "Mentor/e1-792c4b9.json#1": _TWO_ZONES,
}
"""``file#index`` of each golden document today's ``from_data`` refuses, with why."""


def _documents() -> list[tuple[str, int, dict[str, Any]]]:
    found = []
    for file in sorted(MANIFEST["files"]):
        docs = json.loads((GOLDEN / file).read_text(encoding="utf-8"))
        found += [(file, index, doc) for index, doc in enumerate(docs)]
    return found


DOCUMENTS = _documents()


def test_the_manifest_lists_every_golden_file() -> None:
    on_disk = {
        path.relative_to(GOLDEN).as_posix()
        for path in GOLDEN.rglob("*.json")
        if path.name != "manifest.json"
    }
    assert on_disk == set(MANIFEST["files"])


@pytest.mark.parametrize("file", sorted(MANIFEST["files"]))
def test_each_file_is_a_list_of_documents_of_its_type(file: str) -> None:
    docs = json.loads((GOLDEN / file).read_text(encoding="utf-8"))
    entry = MANIFEST["files"][file]
    assert isinstance(docs, list)
    assert docs, f"{file} holds no document"
    assert len(docs) == len(entry["samples"])
    for doc in docs:
        assert isinstance(doc, dict)
        assert type(doc.get("schema")) is int
        assert doc["type"] == entry["type"]
    assert file == f"{entry['type']}/{entry['era']}.json"


def test_the_documents_not_read_yet_are_golden_documents() -> None:
    names = {f"{file}#{index}" for file, index, _doc in DOCUMENTS}
    assert set(NOT_READ_YET) <= names


@pytest.mark.parametrize(
    ("name", "doc"),
    [
        pytest.param(
            doc["type"],
            doc,
            id=f"{file}#{index}",
            marks=[
                pytest.mark.xfail(
                    strict=True, raises=InvalidDocumentError, reason=NOT_READ_YET[f"{file}#{index}"]
                )
            ]
            if f"{file}#{index}" in NOT_READ_YET
            else [],
        )
        for file, index, doc in DOCUMENTS
    ],
)
def test_today_reads_every_golden_document(name: str, doc: dict[str, Any]) -> None:
    obj = from_data(model_class(name), doc, criteria=FACTORIES)
    assert type(obj).__name__ == name
