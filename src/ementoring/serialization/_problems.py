"""How a bad document is reported: every problem with its path, up to :data:`MAX_PROBLEMS`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ementoring.errors import EmentoringError, ValidationError

MAX_PROBLEMS = 100
"""How many problems :func:`from_data` lists before it stops looking for more."""


class _BadValue(ValueError):
    """A value that does not have the documented encoding; the message says which."""


class _Problems(Exception):
    """Problems found below one value, as ``(relative path, message)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def _structure_items(
    conv: cattrs.Converter, items: Iterable[tuple[str, Any, Any]]
) -> dict[str, Any]:
    """Structure ``(path part, raw value, type)`` items; raise ``_Problems`` for the bad ones.

    It stops after :data:`MAX_PROBLEMS` problems, so a long list of bad values
    costs no more than a short one.
    """
    done: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for part, raw, kind in items:
        try:
            done[part] = conv.structure(raw, kind)
        except _STRUCTURE_ERRORS as exc:
            problems.extend(_problems(exc, part))
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise _Problems(problems[:MAX_PROBLEMS])
    return done


def _join(path: str, part: str) -> str:
    if part.startswith("["):
        return path + part
    return f"{path}.{part}" if path else part


def _problems(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Every bad field under ``exc``, as ``(path, message)``, in document order."""
    if isinstance(exc, _Problems):
        return [(_join(path, inner) if inner else path, message) for inner, message in exc.problems]
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        found = []
        for inner, note in with_notes:
            found.extend(_problems(inner, _join(path, f"[{note.index!r}]")))
        for inner in without:
            found.extend(_problems(inner, path))
        return found
    if isinstance(exc, ClassValidationError):
        with_notes_c, without_c = exc.group_exceptions()
        found = []
        for inner, note_c in with_notes_c:
            found.extend(_problems(inner, _join(path, note_c.name)))
        for inner in without_c:
            found.extend(_problems(inner, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [(_join(path, key), "unknown field") for key in sorted(exc.extra_fields)]
    if isinstance(exc, ValidationError):
        # A model's own validator: its field sits below the current path.
        return [(_join(path, exc.field), exc.reason)]
    if isinstance(exc, _BadValue):
        return [(path, str(exc))]
    if isinstance(exc, KeyError):
        return [(path, "required field missing")]
    return [(path, f"invalid value ({type(exc).__name__}: {exc})")]


# What structuring a document may raise: every other exception is a bug.
_STRUCTURE_ERRORS = (
    ClassValidationError,
    IterableValidationError,
    ForbiddenExtraKeysError,
    EmentoringError,
    _BadValue,
    _Problems,
    KeyError,
)
