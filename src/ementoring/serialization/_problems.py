"""How a bad document is reported: every problem with its path, up to :data:`MAX_PROBLEMS`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ementoring.errors import EmentoringError, ValidationError

MAX_PROBLEMS = 100
"""How many problems :func:`from_data` lists before it stops looking for more."""


class BadValue(ValueError):
    """A value that does not have the documented encoding; the message says which."""


class Problems(Exception):
    """Problems found below one value, as ``(relative path, message)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def structure_items(
    conv: cattrs.Converter, items: Iterable[tuple[str, Any, Any]]
) -> dict[str, Any]:
    """Structure ``(path part, raw value, type)`` items; raise ``Problems`` for the bad ones.

    It stops after :data:`MAX_PROBLEMS` problems, so a long list of bad values
    costs no more than a short one.
    """
    done: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for part, raw, kind in items:
        try:
            done[part] = conv.structure(raw, kind)
        except STRUCTURE_ERRORS as exc:
            problems.extend(problems_of(exc, part))
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise Problems(problems[:MAX_PROBLEMS])
    return done


def join_path(path: str, part: str) -> str:
    if part.startswith("["):
        return path + part
    return f"{path}.{part}" if path else part


def problems_of(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Every bad field under ``exc``, as ``(path, message)``, in document order."""
    if isinstance(exc, Problems):
        return [
            (join_path(path, inner) if inner else path, message) for inner, message in exc.problems
        ]
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        found = []
        for inner, note in with_notes:
            found.extend(problems_of(inner, join_path(path, f"[{note.index!r}]")))
        for inner in without:
            found.extend(problems_of(inner, path))
        return found
    if isinstance(exc, ClassValidationError):
        with_notes_c, without_c = exc.group_exceptions()
        found = []
        for inner, note_c in with_notes_c:
            found.extend(problems_of(inner, join_path(path, note_c.name)))
        for inner in without_c:
            found.extend(problems_of(inner, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [(join_path(path, key), "unknown field") for key in sorted(exc.extra_fields)]
    if isinstance(exc, ValidationError):
        # A model's own validator: its field sits below the current path.
        return [(join_path(path, exc.field), exc.reason)]
    if isinstance(exc, BadValue):
        return [(path, str(exc))]
    if isinstance(exc, KeyError):
        return [(path, "required field missing")]
    return [(path, f"invalid value ({type(exc).__name__}: {exc})")]


# What structuring a document may raise: every other exception is a bug.
STRUCTURE_ERRORS = (
    ClassValidationError,
    IterableValidationError,
    ForbiddenExtraKeysError,
    EmentoringError,
    BadValue,
    Problems,
    KeyError,
)
