"""Who may read what: the privacy rules over journal entries.

Entries are personal. The rules (see :func:`access_level` and
:func:`access_matrix`) decide who reads an entry in full, who sees only its
metadata (:func:`redact`), who may amend it and who may review it.
"""

from ementoring.access._matrix import access_matrix
from ementoring.access._rules import (
    Access,
    Actor,
    RedactedEntry,
    Role,
    access_level,
    can_read,
    can_review,
    can_write,
    redact,
    redacted_entries,
    require_read,
    require_review,
    require_write,
    visible_entries,
)

__all__ = [
    "Access",
    "Actor",
    "RedactedEntry",
    "Role",
    "access_level",
    "access_matrix",
    "can_read",
    "can_review",
    "can_write",
    "redact",
    "redacted_entries",
    "require_read",
    "require_review",
    "require_write",
    "visible_entries",
]
