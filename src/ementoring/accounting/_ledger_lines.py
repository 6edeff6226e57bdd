"""Ledger lines, the only thing the hour ledger writes, and the rules a sequence of them follows."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import attrs

from ementoring._validate import Choice, aware, coerce_enum, duration, identifier, text, utc
from ementoring.accounting._hour_entries import HourEntry
from ementoring.errors import DuplicateIdError, ValidationError

__all__ = [
    "LedgerLine",
    "LineCause",
    "LineKind",
]


class LineKind(Choice):
    """What a ledger line does to the total."""

    RECORD = "record"
    """Adds a new entry (positive)."""
    REVERSAL = "reversal"
    """Takes back a version of an entry (negative): from a correction or a void."""
    REPLACEMENT = "replacement"
    """Adds the corrected version of an entry (positive)."""


class LineCause(Choice):
    """Which ledger operation wrote a line."""

    RECORD = "record"
    CORRECT = "correct"
    VOID = "void"


_CAUSES_BY_KIND = {
    LineKind.RECORD: (LineCause.RECORD,),
    LineKind.REVERSAL: (LineCause.CORRECT, LineCause.VOID),
    LineKind.REPLACEMENT: (LineCause.CORRECT,),
}


def _cause(value: LineCause | str) -> LineCause:
    return coerce_enum(LineCause, value, "cause")


def _line_kind(value: LineKind | str) -> LineKind:
    return coerce_enum(LineKind, value, "kind")


def _hour_entry(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, HourEntry):
        raise ValidationError(field.name, value, "expected an HourEntry")


@attrs.frozen(kw_only=True)
class LedgerLine:
    """One line of the ledger; lines are only ever appended.

    ``delta`` is the signed change to the total: ``+duration`` for a record
    or a replacement, ``-duration`` of the version taken back for a reversal.
    ``entry`` is the version the line adds or takes back; ``cause`` the
    operation that wrote it (``record``, ``correct`` or ``void``).
    """

    kind: LineKind = attrs.field(converter=_line_kind)
    cause: LineCause = attrs.field(converter=_cause)
    entry: HourEntry = attrs.field(validator=_hour_entry)
    delta: timedelta = attrs.field(validator=duration(minimum=None))
    at: datetime = attrs.field(converter=utc, validator=aware)
    by: str = attrs.field(validator=identifier)
    reason: str = attrs.field(default="", validator=text(max_length=2_000))

    @property
    def entry_id(self) -> str:
        """The id of the entry this line belongs to."""
        return self.entry.id


def _replay(lines: tuple[LedgerLine, ...]) -> dict[str, HourEntry | None]:
    """Check that lines follow the ledger's rules; return each entry's live version or None."""
    live: dict[str, HourEntry | None] = {}
    pending: dict[str, HourEntry] = {}  # reversed by a correction; its replacement is due
    last_at: dict[str, datetime] = {}
    for index, line in enumerate(lines):
        field = f"lines[{index}]"
        if not isinstance(line, LedgerLine):
            raise ValidationError(field, line, "expected a LedgerLine")
        entry_id = line.entry.id
        if line.cause not in _CAUSES_BY_KIND[line.kind]:
            raise ValidationError(f"{field}.cause", line.cause.value, f"cannot write a {line.kind}")
        if entry_id in last_at and line.at < last_at[entry_id]:
            raise ValidationError(f"{field}.at", line.at, "is before the entry's previous line")
        last_at[entry_id] = line.at
        if line.kind is LineKind.RECORD:
            if entry_id in live:
                raise DuplicateIdError(f"{field}.entry.id", entry_id, "duplicate id")
        elif line.kind is LineKind.REVERSAL:
            if live.get(entry_id) != line.entry:
                raise ValidationError(field, entry_id, "reverses a version that is not live")
            if line.cause is LineCause.CORRECT:
                pending[entry_id] = line.entry
        else:
            reversed_version = pending.pop(entry_id, None)
            if reversed_version is None:
                raise ValidationError(field, entry_id, "a replacement must follow its reversal")
            if attrs.evolve(reversed_version, duration=line.entry.duration) != line.entry:
                raise ValidationError(
                    f"{field}.entry", entry_id, "a correction may change only the duration"
                )
        live[entry_id] = None if line.kind is LineKind.REVERSAL else line.entry
        expected = -line.entry.duration if line.kind is LineKind.REVERSAL else line.entry.duration
        if line.delta != expected:
            raise ValidationError(f"{field}.delta", line.delta, f"must be {expected}")
    if pending:
        raise ValidationError("lines", sorted(pending), "corrections without a replacement")
    return live
