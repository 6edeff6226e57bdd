"""Learning journals: entries, agendas, action items, coordinator reviews and topics.

Everything here is immutable: amending an entry returns its next version and
a :class:`Journal` keeps every version. Who may read what, and every view of
a journal's content (topic coverage, the review queue), is in
:mod:`ementoring.access`, which applies the viewer's rights.
"""

from ementoring.journal._actions import (
    ACTION_TRANSITIONS,
    MAX_DESCRIPTION,
    ActionItem,
    ActionStatus,
    done,
    drop,
)
from ementoring.journal._agenda import (
    MAX_NOTE,
    Agenda,
    AgendaItem,
    AgendaStatus,
    agenda_status,
    send,
)
from ementoring.journal._entries import (
    AMENDABLE_FIELDS,
    MAX_OBSERVATIONS,
    MAX_TIME_SPENT,
    AuthorRole,
    JournalEntry,
    Visibility,
    amend,
    current_versions,
)
from ementoring.journal._journal import Journal
from ementoring.journal._records import (
    JournalRecord,
    RecordContent,
    journal_from_records,
    journal_records,
)
from ementoring.journal._reviews import MAX_COMMENT, Review, ReviewKind
from ementoring.journal._topics import MAX_TOPIC_LENGTH, MAX_TOPICS, Topic, normalise_topic, topics

__all__ = [
    "ACTION_TRANSITIONS",
    "AMENDABLE_FIELDS",
    "MAX_COMMENT",
    "MAX_DESCRIPTION",
    "MAX_NOTE",
    "MAX_OBSERVATIONS",
    "MAX_TIME_SPENT",
    "MAX_TOPICS",
    "MAX_TOPIC_LENGTH",
    "ActionItem",
    "ActionStatus",
    "Agenda",
    "AgendaItem",
    "AgendaStatus",
    "AuthorRole",
    "Journal",
    "JournalEntry",
    "JournalRecord",
    "RecordContent",
    "Review",
    "ReviewKind",
    "Topic",
    "Visibility",
    "agenda_status",
    "amend",
    "current_versions",
    "done",
    "drop",
    "journal_from_records",
    "journal_records",
    "normalise_topic",
    "send",
    "topics",
]
