"""Accounting's documents: zone-keyed programs."""

from __future__ import annotations

import cattrs

from ementoring.accounting import Program
from ementoring.serialization._encodings import zone_keyed


def register(conv: cattrs.Converter) -> None:
    """Accounting's hooks: a program's zone (a session's earlier spellings are upgrade steps)."""
    zone_keyed(conv, Program)
