"""Schema versions per document type, and :func:`upgrade`: any stored version to the current one."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ementoring.errors import DocumentVersionError, InvalidDocumentError
from ementoring.serialization._limits import check_json
from ementoring.serialization._registry import DOCUMENT_TYPES, model_name
from ementoring.serialization._steps import UPGRADE_STEPS, Body, Refusal, Step

__all__ = ["SCHEMA", "SCHEMA_VERSIONS", "read_body", "upgrade", "upgrade_table"]

SCHEMA = 1
"""The one schema number ementoring 0.1 wrote on every document, whatever its type.

Each type now has its own version (:data:`SCHEMA_VERSIONS`); a document that
says ``"schema": 1`` is read as written by 0.1 (any of its releases) and
goes through its type's upgrade steps. Kept for code that imported it; it is
no longer the version :func:`to_data` writes.
"""

SCHEMA_VERSIONS: Mapping[str, int] = MappingProxyType(
    {name: 1 + len(UPGRADE_STEPS.get(name, ())) for name in DOCUMENT_TYPES}
)
"""The schema version :func:`to_data` writes for each document type, by its ``"type"``.

``from_data`` reads every version from 1 to this one through the type's upgrade
steps (docs/upgrading.md lists them) and refuses a newer one.
"""


def read_body(cls: type[Any], data: Any) -> tuple[str, Body]:
    """Check a document's JSON, schema and type, and return its type name and current-version body.

    Raises:
        InvalidDocumentError: Not a JSON document of ``cls`` (see :func:`from_data`).
        DocumentVersionError: A newer version, or an old one no step can carry over.
        ValidationError: ``cls`` is not a model that ementoring serialises.
    """
    name = model_name(cls)
    if not isinstance(data, Mapping):
        raise InvalidDocumentError([("", "expected a JSON object (a mapping)")])
    problems = check_json(data)
    if problems:
        raise InvalidDocumentError(problems)
    current = SCHEMA_VERSIONS[name]
    version = data.get("schema")
    if type(version) is not int or version < 1:
        raise InvalidDocumentError(
            [("schema", f"not a schema version: this version writes {name} schema {current}")]
        )
    if data.get("type") != name:
        raise InvalidDocumentError([("type", f"expected a document of type {name!r}")])
    if version > current:
        raise DocumentVersionError(
            name,
            version,
            f"written by a newer ementoring; this one reads {name} schema 1 to {current}",
            "upgrade ementoring to read it",
        )
    body: Body = {key: value for key, value in data.items() if key not in ("schema", "type")}
    steps: tuple[Step, ...] = UPGRADE_STEPS.get(name, ())
    try:
        for step in steps[version - 1 :]:
            body = step(body)
    except Refusal as refusal:
        raise DocumentVersionError(
            name, version, refusal.reason, refusal.remedy, refusal.path or "schema"
        ) from None
    return name, body


def upgrade(cls: type[Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a stored document as a document of its type's current schema version.

    For migrating stored rows in bulk: read each row, ``upgrade`` it, write it
    back. The result is what the type's upgrade steps make of the document
    (docs/upgrading.md); it is not validated further (``from_data`` does that)
    and a document already current comes back equal. Nothing is shared with
    ``data``.

    Args:
        cls: The model class the document is of.
        data: The document, of any schema version from 1 to the current one.

    Returns:
        A new document carrying ``"schema": SCHEMA_VERSIONS[type]``.

    Raises:
        InvalidDocumentError: Not a JSON document of ``cls``: another type, no
            schema version, a value that is not JSON, beyond the limits.
        DocumentVersionError: A version newer than this ementoring reads, or an
            old document that cannot be carried over faithfully (the error
            names the type, the version and what to do).
        ValidationError: ``cls`` is not a model that ementoring serialises.

    >>> from ementoring.accounting import Session
    >>> stored = {"schema": 1, "type": "Session", "id": "s1", "mentorship_id": "m1",
    ...           "interval": {"start": "2026-03-10T16:00:00Z", "end": "2026-03-10T17:00:00Z"},
    ...           "participants": ["olga", "ivan"], "status": "proposed", "history": []}
    >>> current = upgrade(Session, stored)
    >>> current["schema"], current["mentorship_ids"], current["proposed_at"]
    (2, ['m1'], '1900-01-01T00:00:00Z')
    """
    name, body = read_body(cls, data)
    return {"schema": SCHEMA_VERSIONS[name], "type": name, **copy.deepcopy(body)}


def upgrade_table() -> str:
    """Return every document type's schema versions and upgrade steps as a Markdown table.

    One row per type: its current version and, for each step, the version it
    reads and the first line of its docstring (what changed). docs/upgrading.md
    shows it, so a new step that is not documented there fails its doctest.

    >>> print(upgrade_table().splitlines()[0])
    | type | current | upgrade steps |
    """
    lines = ["| type | current | upgrade steps |", "| --- | --- | --- |"]
    for name in sorted(SCHEMA_VERSIONS):
        steps = UPGRADE_STEPS.get(name, ())
        told = (
            "; ".join(f"{n} → {n + 1}: {_summary(step)}" for n, step in enumerate(steps, 1))
            or "(none)"
        )
        lines.append(f"| {name} | {SCHEMA_VERSIONS[name]} | {told} |")
    return "\n".join(lines)


def _summary(step: Step) -> str:
    doc = (step.__doc__ or "").strip().splitlines()
    # Markdown's inline code is one backtick; docstrings use reST's two.
    return doc[0].rstrip(".").replace("``", "`") if doc else step.__name__
