"""Coordinator reviews of journal entries, and the queue of entries awaiting one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    identifier,
    items_of,
    non_blank,
    text,
    utc,
)
from ementoring.journal._entries import JournalEntry, current_versions
from ementoring.timezones import require_aware

__all__ = ["MAX_COMMENT", "QueuedEntry", "Review", "ReviewKind", "review_queue"]

MAX_COMMENT = 20_000
"""The longest review comment accepted, in characters."""


class ReviewKind(Choice):
    """What a coordinator's answer to an entry is."""

    ENCOURAGEMENT = "encouragement"
    SUGGESTION = "suggestion"
    CONCERN = "concern"


def _kind(value: ReviewKind | str) -> ReviewKind:
    return coerce_enum(ReviewKind, value, "kind")


@attrs.frozen
class Review:
    """A coordinator's answer to a journal entry: encouragement, a suggestion or a concern.

    Args:
        id: The review's id, unique in its journal.
        entry_id: The entry reviewed (any of its versions).
        coordinator_id: Who reviewed it.
        written_at: When (aware).
        comment: The answer (not blank; at most ``MAX_COMMENT`` characters;
            left out of ``repr``).
        kind: ``"encouragement"``, ``"suggestion"`` or ``"concern"``.

    >>> from datetime import datetime, UTC
    >>> Review("r1", "e1", "anna", written_at=datetime(2026, 3, 12, tzinfo=UTC),
    ...     comment="Great progress on the CV!", kind="encouragement").kind
    <ReviewKind.ENCOURAGEMENT: 'encouragement'>
    """

    id: str = attrs.field(validator=identifier)
    entry_id: str = attrs.field(validator=identifier)
    coordinator_id: str = attrs.field(validator=identifier)
    written_at: datetime = attrs.field(kw_only=True, converter=utc, validator=aware)
    comment: str = attrs.field(
        kw_only=True, validator=[text(max_length=MAX_COMMENT), non_blank], repr=False
    )
    kind: ReviewKind = attrs.field(kw_only=True, converter=_kind)


@attrs.frozen(kw_only=True)
class QueuedEntry:
    """An entry waiting for a coordinator's review, and its age (time since it was first written)."""

    entry: JournalEntry
    age: timedelta


def review_queue(
    entries: Iterable[JournalEntry],
    reviews: Iterable[Review],
    *,
    coordinator: str,
    now: datetime,
) -> tuple[QueuedEntry, ...]:
    """Entries a coordinator can review that nobody has reviewed yet, oldest first.

    An entry is in the queue when, as of ``now``, its current version is
    visible to coordinators (``"pair_and_coordinator"``), it was not written by
    ``coordinator``, and no review of it (by any coordinator) was written.
    Pass the entries of the coordinator's own program: program membership is
    checked by ``ementoring.access``, which sees programs.

    Args:
        entries: Journal entries, any versions, any order.
        reviews: Reviews written so far.
        coordinator: The coordinator's id.
        now: The moment to judge at (aware); later entries, amendments and
            reviews are not yet seen.

    Returns:
        A :class:`QueuedEntry` per entry (its current version and how long it
        has waited since first written, as ``age``), oldest first, ties by id.

    Raises:
        NaiveDatetimeError: ``now`` has no UTC offset.
        DuplicateIdError: Two different entry objects share an ``(id, revision)``.

    >>> from datetime import datetime, timedelta, UTC
    >>> def entry(id, day, visibility="pair_and_coordinator"):
    ...     return JournalEntry(id, "m1", "olga", "mentee", visibility=visibility,
    ...         written_at=datetime(2026, 3, day, tzinfo=UTC))
    >>> entries = [entry("e2", 12), entry("e1", 10), entry("e3", 11, "pair")]
    >>> reviews = [Review("r1", "e1", "anna", written_at=datetime(2026, 3, 11, tzinfo=UTC),
    ...     comment="Well done", kind="encouragement")]
    >>> [(q.entry.id, q.age) for q in review_queue(entries, reviews, coordinator="anna",
    ...     now=datetime(2026, 3, 15, tzinfo=UTC))]
    [('e2', datetime.timedelta(days=3))]
    """
    now = require_aware(now, "now")
    given = items_of(reviews, Review, "reviews", "an iterable of Review")
    reviewed = {r.entry_id for r in given if r.written_at <= now}
    return tuple(
        QueuedEntry(entry=entry, age=now - entry.written_at)
        for entry in current_versions(entries, as_of=now)
        if entry.visibility.coordinators_read
        and entry.author_id != coordinator
        and entry.id not in reviewed
    )
