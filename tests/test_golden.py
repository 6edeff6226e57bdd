"""The golden documents: what every version wrote must load, through its upgrade steps, forever.

``tests/golden/`` holds documents generated from git history by
``tests/golden/generate.py`` (one file per document type and era, listed in
``manifest.json``; see ``tests/golden/README.md``), each carrying the schema
version it was written with. Each is read here with today's ``from_data``,
which upgrades it step by step (``ementoring.serialization.upgrade``). The few
that no step can carry over faithfully are listed in :data:`REFUSED`: they must
be refused with a ``DocumentVersionError`` naming their type and version, never
read otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ementoring.errors import DocumentVersionError, MatchingError
from ementoring.matching import MatchingProblem, MatchingResult, fingerprint, verify
from ementoring.serialization import SCHEMA_VERSIONS, UPGRADE_STEPS, from_data, to_data, upgrade
from tests.golden.custom_criteria import FACTORIES
from tests.golden.models import model_class

GOLDEN = Path(__file__).parent / "golden"
MANIFEST: dict[str, Any] = json.loads((GOLDEN / "manifest.json").read_text(encoding="utf-8"))

_TWO_ZONES = (
    "a person whose zone differs from their availability's zone, stored before one source for"
    " a person's zone (0.1's 2eb2933): nothing says which zone to keep, so it is refused"
)

REFUSED: dict[str, tuple[str, str]] = {
    "Mentee/e1-792c4b9.json#1": ("zone", _TWO_ZONES),
    "Mentor/e1-792c4b9.json#1": ("zone", _TWO_ZONES),
}
"""``file#index`` of each golden document that must be refused, with the path named and why."""


def _documents() -> list[tuple[str, int, dict[str, Any]]]:
    found = []
    for file in sorted(MANIFEST["files"]):
        docs = json.loads((GOLDEN / file).read_text(encoding="utf-8"))
        found += [(file, index, doc) for index, doc in enumerate(docs)]
    return found


DOCUMENTS = _documents()


def _read(doc: dict[str, Any]) -> Any:
    return from_data(model_class(doc["type"]), doc, criteria=FACTORIES)


def test_the_manifest_lists_every_golden_file() -> None:
    on_disk = {
        path.relative_to(GOLDEN).as_posix()
        for path in GOLDEN.glob("*/*.json")
        if path.parent.name not in ("schemas", "scores")
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
    assert len({doc["schema"] for doc in docs}) == 1, f"{file} mixes schema versions"
    assert file == f"{entry['type']}/{entry['era']}.json"


def test_the_refused_documents_are_golden_documents() -> None:
    names = {f"{file}#{index}" for file, index, _doc in DOCUMENTS}
    assert set(REFUSED) <= names


@pytest.mark.parametrize(
    ("name", "version", "step"),
    [
        pytest.param(name, number, step, id=f"{name}-{number}")
        for name, steps in sorted(UPGRADE_STEPS.items())
        for number, step in enumerate(steps, 1)
    ],
)
def test_every_step_is_tested_with_golden_documents(
    name: str, version: int, step: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    """Each step reads the golden documents of its version into documents the next reads."""
    docs = [
        (f"{file}#{index}", doc)
        for file, index, doc in DOCUMENTS
        if doc["type"] == name and doc["schema"] == version
    ]
    assert docs, f"no golden {name} documents of schema {version} for {step.__name__}"
    for key, doc in docs:
        if key in REFUSED:
            continue
        body = {k: v for k, v in doc.items() if k not in ("schema", "type")}
        stepped = {"schema": version + 1, "type": name, **step(body)}
        assert from_data(model_class(name), stepped, criteria=FACTORIES) == _read(doc), key


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(doc, id=f"{file}#{index}")
        for file, index, doc in DOCUMENTS
        if f"{file}#{index}" not in REFUSED
    ],
)
def test_today_reads_every_golden_document(doc: dict[str, Any]) -> None:
    """Read through the upgrade steps; the upgraded document reads as the same object."""
    name = doc["type"]
    obj = _read(doc)
    assert type(obj).__name__ == name
    current = upgrade(model_class(name), doc)
    assert current["schema"] == SCHEMA_VERSIONS[name]
    assert from_data(model_class(name), current, criteria=FACTORIES) == obj
    assert upgrade(model_class(name), current) == current
    again = to_data(obj)
    assert from_data(model_class(name), again, criteria=FACTORIES) == obj


@pytest.mark.parametrize("key", sorted(REFUSED))
def test_the_documents_no_step_can_carry_are_refused_by_name(key: str) -> None:
    """A typed refusal naming the type, the version, the path and what to do."""
    file, index = key.split("#")
    doc = json.loads((GOLDEN / file).read_text(encoding="utf-8"))[int(index)]
    path, _why = REFUSED[key]
    with pytest.raises(DocumentVersionError) as caught:
        _read(doc)
    error = caught.value
    assert (error.document_type, error.version) == (doc["type"], doc["schema"])
    assert error.problems[0][0] == path
    assert error.remedy
    with pytest.raises(DocumentVersionError):
        upgrade(model_class(doc["type"]), doc)


def _pairs() -> list[tuple[str, str]]:
    return [(pair["result"], pair["problem"]) for pair in MANIFEST["pairs"]]


def _golden(key: str) -> dict[str, Any]:
    file, index = key.split("#")
    doc: dict[str, Any] = json.loads((GOLDEN / file).read_text(encoding="utf-8"))[int(index)]
    return doc


@pytest.mark.parametrize(("result_key", "problem_key"), _pairs())
def test_stored_results_are_proved_or_refused_plainly(result_key: str, problem_key: str) -> None:
    """Each stored result against the problem it solved: verify proves it, or says plainly why not.

    A result of the current version names its problem's fingerprint, which the
    stored problem must still have. A 0.1 certificate may predate today's
    tie-break: then verify says so and what to do, instead of naming a price.
    """
    result = from_data(MatchingResult, _golden(result_key))
    problem = from_data(MatchingProblem, _golden(problem_key), criteria=FACTORIES)
    if result.problem_fingerprint is not None:
        assert result.problem_fingerprint == fingerprint(problem)
    refusal = _refusal(problem, result)
    if refusal is not None:
        assert result.certificate is not None, refusal
        assert result.certificate.gain_rules is None, refusal
        assert "stored by ementoring 0.1" in refusal
        assert "solve the problem again" in refusal


def _refusal(problem: MatchingProblem, result: MatchingResult) -> str | None:
    """Why verify refuses the result, or None when it proves it."""
    try:
        verify(problem, result)
    except MatchingError as error:
        return str(error)
    return None
