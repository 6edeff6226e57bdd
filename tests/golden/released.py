"""Golden documents of each released schema version: what a release writes must load forever.

``tests/golden/<era>/`` holds what 0.1 wrote, generated from git history
(``generate.py``). This module keeps the same promise for the versions a
release writes today: for every document type, a few documents drawn from
``ementoring.testing.models`` with a fixed seed, written once to
``tests/golden/released/<release>/<Type>.v<version>.json`` and never
rewritten. A later release that bumps a type's version adds the new file
beside the old ones; the old ones keep being read through the upgrade steps.

Run it when releasing (it only adds files for versions no release holds yet)::

    PYTHONTZPATH= .venv/bin/python -m tests.golden.released 0.2.0
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings

from ementoring.serialization import DOCUMENT_TYPES, SCHEMA_VERSIONS, to_data
from ementoring.testing import models

__all__ = ["RELEASED", "SAMPLES", "draw", "released_files", "write"]

RELEASED = Path(__file__).parent / "released"
SAMPLES = 3
"""Documents per type and version: enough to hold optional fields both set and left out."""


def released_files() -> dict[tuple[str, int], Path]:
    """Every released golden file, by (document type, schema version)."""
    found: dict[tuple[str, int], Path] = {}
    for path in sorted(RELEASED.glob("*/*.json")):
        name, _, version = path.stem.rpartition(".v")
        found.setdefault((name, int(version)), path)
    return found


def draw(cls: type[Any], count: int = SAMPLES) -> list[dict[str, Any]]:
    """``count`` distinct documents of ``cls``, the same on every run (derandomised)."""
    documents: list[dict[str, Any]] = []

    @settings(
        max_examples=200,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(models(cls))
    def collect(value: Any) -> None:
        document = to_data(value)
        if len(documents) < count and document not in documents:
            documents.append(document)

    collect()
    return documents


def write(release: str) -> list[Path]:
    """Write the files of every (type, version) that no release holds yet; return them."""
    held = released_files()
    written = []
    for name, cls in sorted(DOCUMENT_TYPES.items()):
        version = SCHEMA_VERSIONS[name]
        if (name, version) in held:
            continue
        path = RELEASED / release / f"{name}.v{version}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(draw(cls), ensure_ascii=False, indent=1, sort_keys=True)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write(sys.argv[1]):
        print(path)
