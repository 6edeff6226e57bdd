"""The public API's breaking changes since the previous release, as griffe finds them.

Run by hand before a release (``make api-changes``), from the repository root::

    PYTHONTZPATH= .venv/bin/python -m tests.api_changes [REF]

``REF`` is the previous release's commit (default :data:`PREVIOUS`, the state
of 0.1 before this release began). Its ``src/`` is exported with
``git archive`` into a temporary directory (no checkout, no worktree), both
versions are loaded statically by griffe, and every breaking change of a
public name (one in an ``__all__``, or reached through one) is printed, one
line each, sorted; CHANGELOG.md's "API changes" lists them in words. griffe
reads signatures without running the code, so it does not see the fields of
attrs classes as parameters: changes of a model's fields are the schema
versions' (docs/upgrading.md) and the changelog's "Upgrading".
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import griffe

__all__ = ["PREVIOUS", "breaking_changes", "main"]

PREVIOUS = "319f8ce"
"""The last commit of 0.1, before this release's first change."""

ROOT = Path(__file__).resolve().parent.parent
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def breaking_changes(ref: str = PREVIOUS) -> list[str]:
    """One line per breaking change of the public API between ``ref`` and the working tree."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref, "src"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        old = griffe.load("ementoring", search_paths=[Path(folder) / "src"])
        new = griffe.load("ementoring", search_paths=[ROOT / "src"])
        found = set()
        for breakage in griffe.find_breaking_changes(old, new):
            line = _COLOUR.sub("", breakage.explain(style=griffe.ExplanationStyle.ONE_LINE))
            for root in (Path(folder) / "src", ROOT / "src"):
                line = line.replace(f"{root}/", "")
            found.add(line.removeprefix("src/"))
    return sorted(found)


def main() -> None:
    """Print the breaking changes since the commit given (default :data:`PREVIOUS`)."""
    ref = sys.argv[1] if len(sys.argv) > 1 else PREVIOUS
    changes = breaking_changes(ref)
    for line in changes:
        print(line)
    print(f"{len(changes)} breaking changes of the public API since {ref}")


if __name__ == "__main__":
    main()
