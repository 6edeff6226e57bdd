"""Who may read what: the privacy rules over journal entries, a pair's goals and its answers.

Entries are personal. The rules (see :func:`access_level` and
:func:`access_matrix`) decide who reads an entry in full, who sees only its
metadata (:func:`redact`), who may amend it and who may review it. A pair's
goals read by the same rules (:func:`goal_access`), and answers to the
program's questions by :func:`answer_access`.
"""

from ementoring.access._matrix import access_matrix, answer_access_matrix, goal_access_matrix
from ementoring.access._pair_content import AnswerVisibility, answer_access, goal_access
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
    "AnswerVisibility",
    "RedactedEntry",
    "Role",
    "access_level",
    "access_matrix",
    "answer_access",
    "answer_access_matrix",
    "can_read",
    "can_review",
    "can_write",
    "goal_access",
    "goal_access_matrix",
    "redact",
    "redacted_entries",
    "require_read",
    "require_review",
    "require_write",
    "visible_entries",
]
