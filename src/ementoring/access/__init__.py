"""Who may read what: the privacy rules over journal entries, a pair's goals and its answers.

Entries are personal. The rules (see :func:`access_level` and
:func:`access_matrix`) decide who reads an entry in full, who sees only its
metadata (:func:`redact`), who may amend it and who may review it. A pair's
goals read by the same rules (:func:`goal_access`), and answers to the
program's questions by :func:`answer_access`. Every view of a journal's
content takes the viewer and applies the rules itself:
:func:`visible_entries`, :func:`redacted_entries`, :func:`coverage`,
:func:`review_queue` and :func:`expected_entries` (journal completion) here,
and above this room the reports and reminders,
which read entries only through them (:func:`figure_matrix` states what each
viewer may see of each figure).
"""

from ementoring.access._completion import ExpectedEntry, check_records, expected_entries
from ementoring.access._coverage import AskedTopic, CoveredTopic, TopicCoverage, coverage
from ementoring.access._matrix import (
    access_matrix,
    answer_access_matrix,
    figure_matrix,
    goal_access_matrix,
)
from ementoring.access._pair_content import AnswerVisibility, answer_access, goal_access
from ementoring.access._queue import QueuedEntry, review_queue
from ementoring.access._rules import (
    Access,
    Actor,
    RedactedEntry,
    Role,
    access_level,
    acts_for,
    can_read,
    can_review,
    can_write,
    member_role,
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
    "AskedTopic",
    "CoveredTopic",
    "ExpectedEntry",
    "QueuedEntry",
    "RedactedEntry",
    "Role",
    "TopicCoverage",
    "access_level",
    "access_matrix",
    "acts_for",
    "answer_access",
    "answer_access_matrix",
    "can_read",
    "can_review",
    "can_write",
    "check_records",
    "coverage",
    "expected_entries",
    "figure_matrix",
    "goal_access",
    "goal_access_matrix",
    "member_role",
    "redact",
    "redacted_entries",
    "require_read",
    "require_review",
    "require_write",
    "review_queue",
    "visible_entries",
]
