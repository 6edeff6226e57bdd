"""Write the committed JSON Schema of every document type at its current version.

Run by hand after adding a version (docs/upgrading.md), from the repository root::

    PYTHONTZPATH= .venv/bin/python -m tests.golden.schemas

It writes ``tests/golden/schemas/<Type>.v<N>.json`` for every type's current
version ``N`` and leaves the files of earlier versions as they are: they are
the shapes that shipped. ``tests/test_json_schema.py`` fails while a type's
``json_schema`` differs from the committed file of its version, so a change of
shape cannot pass without a new version (or, before a release, a new file).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ementoring.serialization import DOCUMENT_TYPES, SCHEMA_VERSIONS, json_schema

__all__ = ["FOLDER", "main", "schema_file", "schema_text"]

FOLDER = Path(__file__).resolve().parent / "schemas"


def schema_file(name: str, version: int) -> Path:
    """Where the committed schema of one type and version lives."""
    return FOLDER / f"{name}.v{version}.json"


def schema_text(schema: Any) -> str:
    """A schema as the committed files hold it (two-space indents, a final newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Write every current version's schema; print what changed."""
    FOLDER.mkdir(exist_ok=True)
    for name, cls in sorted(DOCUMENT_TYPES.items()):
        path = schema_file(name, SCHEMA_VERSIONS[name])
        text = schema_text(json_schema(cls))
        before = path.read_text(encoding="utf-8") if path.exists() else None
        if before != text:
            path.write_text(text, encoding="utf-8")
            print(f"{'new' if before is None else 'changed'}: {path.relative_to(FOLDER.parent)}")


if __name__ == "__main__":
    main()
