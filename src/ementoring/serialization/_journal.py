"""The journal's documents: a topic is its label; a record's content carries its kind."""

from __future__ import annotations

from typing import Any

import cattrs

from ementoring.journal import ActionItem, Agenda, JournalEntry, Review, Topic
from ementoring.serialization._encodings import tagged_union
from ementoring.serialization._problems import BadValue


def _structure_topic(value: Any, _type: type) -> Topic:
    if not isinstance(value, str):
        raise BadValue("not a topic label")
    return Topic(value)


def register(conv: cattrs.Converter) -> None:
    """The journal's hooks: a topic is its label as the writer spelled it; the folded key is derived."""
    conv.register_unstructure_hook(Topic, lambda topic: topic.label)
    conv.register_structure_hook(Topic, _structure_topic)
    # A journal record holds one of these, tagged "journal_entry", "agenda"...
    tagged_union(conv, (JournalEntry, Agenda, ActionItem, Review))
