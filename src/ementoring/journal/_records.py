"""A journal stored as rows: one append-only record per entry version, agenda, action item or review."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeAlias

import attrs

from ementoring._validate import identifier, items_of
from ementoring.accounting import Mentorship
from ementoring.errors import DuplicateIdError, InvalidTypeError, ValidationError
from ementoring.journal._actions import ActionItem, ActionStatus
from ementoring.journal._agenda import Agenda
from ementoring.journal._entries import JournalEntry
from ementoring.journal._journal import Journal
from ementoring.journal._reviews import Review
from ementoring.timezones import EARLIEST

__all__ = ["JournalRecord", "RecordContent", "journal_from_records", "journal_records"]

RecordContent: TypeAlias = JournalEntry | Agenda | ActionItem | Review
"""What one record holds."""

_KINDS = (JournalEntry, Agenda, ActionItem, Review)


def _content(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, _KINDS):
        raise InvalidTypeError(
            field.name, value, "a JournalEntry, an Agenda, an ActionItem or a Review"
        )


@attrs.frozen(kw_only=True)
class JournalRecord:
    """One row of a pair's journal: an entry version, an agenda, an action item's state or a review.

    A platform stores a journal as these rows, appending one per change (a
    new entry, an amendment, an agenda drafted or sent, an action item added,
    done or dropped, a review) and never rewriting one, and rebuilds the
    journal with :func:`journal_from_records`. Two people writing at once
    append two rows: nothing they wrote is lost, and two amendments of one
    entry to the same revision are named when the journal is rebuilt.

    Args:
        mentorship_id: The journal's mentorship.
        content: What was recorded.

    >>> from datetime import datetime, UTC
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee",
    ...     written_at=datetime(2026, 3, 10, 18, tzinfo=UTC), discussed="CV review")
    >>> record = JournalRecord(mentorship_id="m1", content=entry)
    >>> record.key
    'entry/e1/1'
    """

    mentorship_id: str = attrs.field(validator=identifier)
    content: RecordContent = attrs.field(validator=_content)

    def __attrs_post_init__(self) -> None:
        # Agendas and reviews name their session and entry; the others their mentorship.
        content = self.content
        if isinstance(content, JournalEntry | ActionItem) and (
            content.mentorship_id != self.mentorship_id
        ):
            raise ValidationError(
                "content.mentorship_id",
                content.mentorship_id,
                f"must be the record's mentorship {self.mentorship_id!r}",
            )

    @property
    def key(self) -> str:
        """What the row records, unique in a journal's rows: a platform's natural key.

        ``entry/<id>/<revision>``, ``agenda/<session>/draft`` or
        ``agenda/<session>/sent``, ``action_item/<id>/<status>``,
        ``review/<id>``. Storing a row under its key makes a retried write
        harmless; two different rows with one key are two writers' conflict.
        """
        content = self.content
        if isinstance(content, JournalEntry):
            return f"entry/{content.id}/{content.revision}"
        if isinstance(content, Agenda):
            return f"agenda/{content.session_id}/{'draft' if content.sent_at is None else 'sent'}"
        if isinstance(content, ActionItem):
            return f"action_item/{content.id}/{content.status.value}"
        return f"review/{content.id}"


def journal_records(journal: Journal) -> tuple[JournalRecord, ...]:
    """Return every record of a journal: each entry version, agenda, action item and review.

    What a platform appends when it moves a journal stored as one document to
    rows; afterwards it appends the record of each change as it happens.

    Args:
        journal: The journal.

    Returns:
        The records, entry versions first (in the order added), then agendas,
        action items (their current state) and reviews.

    Raises:
        InvalidTypeError: ``journal`` is not a :class:`Journal`.

    >>> from datetime import datetime, UTC
    >>> journal = Journal("m1", mentor_id="ivan", mentee_id="olga").add_entry(
    ...     JournalEntry("e1", "m1", "olga", "mentee", written_at=datetime(2026, 3, 10, tzinfo=UTC)))
    >>> [record.key for record in journal_records(journal)]
    ['entry/e1/1']
    """
    if not isinstance(journal, Journal):
        raise InvalidTypeError("journal", journal, "a Journal")
    parts: tuple[RecordContent, ...] = (
        *journal.entries,
        *journal.agendas,
        *journal.action_items,
        *journal.reviews,
    )
    return tuple(JournalRecord(mentorship_id=journal.mentorship_id, content=part) for part in parts)


def _item_rank(item: ActionItem) -> tuple[bool, datetime, str]:
    # A closed item supersedes its open state; of a done and a dropped (two
    # writers closing it at once), the later closing stands, then "dropped".
    return (item.status is not ActionStatus.OPEN, item.closed_at or EARLIEST, item.status.value)


def journal_from_records(mentorship: Mentorship, records: Iterable[JournalRecord]) -> Journal:
    """Rebuild a pair's journal from its records, in any order, in one call.

    Entry versions are ordered by when each was recorded (then id and
    revision); an agenda is its sent record if there is one, else its draft;
    an action item its latest state (closed over open, the later closing over
    an earlier one); reviews by when they were written. A record given twice
    (a retried write) counts once. The result is the same whatever order the
    rows come back in, and is checked as any :class:`Journal` is.

    Args:
        mentorship: The pair whose journal it is (its mentor and mentee).
        records: Its records, as stored.

    Returns:
        The journal.

    Raises:
        InvalidTypeError: Not a mentorship, or a record that is not a :class:`JournalRecord`.
        ValidationError: A record of another mentorship, or content the journal refuses.
        DuplicateIdError: Two different records under one key: two writers amended one
            entry to the same revision (or wrote one review or action item twice);
            the error names the key, and the caller keeps one.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p1", "ivan", "olga", started_on=date(2026, 3, 2))
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee",
    ...     written_at=datetime(2026, 3, 10, 18, tzinfo=UTC), discussed="CV review")
    >>> journal = Journal.for_mentorship(pair).add_entry(entry)
    >>> journal_from_records(pair, reversed(journal_records(journal))) == journal
    True
    """
    if not isinstance(mentorship, Mentorship):
        raise InvalidTypeError("mentorship", mentorship, "a Mentorship")
    rows = items_of(records, JournalRecord, "records", "an iterable of JournalRecord")
    by_key: dict[str, JournalRecord] = {}
    for index, record in enumerate(rows):
        if record.mentorship_id != mentorship.id:
            raise ValidationError(
                f"records[{index}].mentorship_id",
                record.mentorship_id,
                f"must be the mentorship {mentorship.id!r}",
            )
        known = by_key.setdefault(record.key, record)
        if known != record:
            raise DuplicateIdError(
                f"records[{index}]",
                record.key,
                "two different records under one key: two writers changed the same thing;"
                " keep one of them",
            )
    entries: list[JournalEntry] = []
    agendas: dict[str, Agenda] = {}
    items: dict[str, ActionItem] = {}
    reviews: list[Review] = []
    for record in by_key.values():
        content = record.content
        if isinstance(content, JournalEntry):
            entries.append(content)
        elif isinstance(content, Agenda):
            # A session has at most a draft and a sent agenda (one key each): sent wins.
            if content.sent_at is not None or content.session_id not in agendas:
                agendas[content.session_id] = content
        elif isinstance(content, ActionItem):
            known_item = items.get(content.id)
            if known_item is None or _item_rank(content) > _item_rank(known_item):
                items[content.id] = content
        else:
            reviews.append(content)
    entries.sort(key=lambda e: (e.recorded_at, e.id, e.revision))
    reviews.sort(key=lambda r: (r.written_at, r.id))
    return Journal(
        mentorship.id,
        mentor_id=mentorship.mentor_id,
        mentee_id=mentorship.mentee_id,
        entries=entries,
        agendas=[agendas[key] for key in sorted(agendas)],
        action_items=[items[key] for key in sorted(items)],
        reviews=reviews,
    )
