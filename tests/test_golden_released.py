"""Golden documents of the released schema versions (``tests/golden/released.py``).

Every document type's current version has documents a release wrote, so a
change of shape or meaning that forgets its version bump fails here as well as
in the committed JSON Schema: today's ``to_data`` must write, byte for byte,
what the release that holds the type's current version wrote. Documents of an
older released version must read through the upgrade steps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ementoring.serialization import DOCUMENT_TYPES, SCHEMA_VERSIONS, from_data, to_data, upgrade
from tests.golden.custom_criteria import FACTORIES
from tests.golden.released import released_files

RELEASED = released_files()


def _documents() -> list[tuple[str, int, Path, dict[str, Any]]]:
    found = []
    for (name, version), path in sorted(RELEASED.items()):
        for doc in json.loads(path.read_text(encoding="utf-8")):
            found.append((name, version, path, doc))
    return found


DOCUMENTS = _documents()


@pytest.mark.parametrize("name", sorted(DOCUMENT_TYPES))
def test_every_current_version_was_written_by_a_release(name: str) -> None:
    version = SCHEMA_VERSIONS[name]
    assert (name, version) in RELEASED, (
        f"{name} schema {version} has no released golden documents: run"
        " `PYTHONTZPATH= .venv/bin/python -m tests.golden.released <release>` (docs/upgrading.md)"
    )


def test_no_released_version_is_newer_than_today() -> None:
    assert all(version <= SCHEMA_VERSIONS[name] for name, version in RELEASED)


@pytest.mark.parametrize(
    ("name", "version", "doc"),
    [
        pytest.param(name, version, doc, id=f"{path.parent.name}/{path.name}#{index}")
        for index, (name, version, path, doc) in enumerate(DOCUMENTS)
    ],
)
def test_a_released_document_reads_forever(name: str, version: int, doc: dict[str, Any]) -> None:
    cls = DOCUMENT_TYPES[name]
    assert doc["type"] == name
    assert doc["schema"] == version
    value = from_data(cls, doc, criteria=FACTORIES)
    written = to_data(value)
    if version == SCHEMA_VERSIONS[name]:
        assert written == doc, f"{name} schema {version} now writes another document"
    else:
        assert upgrade(cls, doc) == written
