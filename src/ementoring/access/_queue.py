"""The entries a coordinator may review that nobody has reviewed yet."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from ementoring._validate import require_type
from ementoring.access._rules import Actor, Role, _acts_for, can_review, visible_entries
from ementoring.accounting import Mentorship, Program
from ementoring.errors import PermissionDeniedError
from ementoring.journal import Journal, JournalEntry
from ementoring.timezones import require_aware

__all__ = ["QueuedEntry", "review_queue"]


@attrs.frozen(kw_only=True)
class QueuedEntry:
    """An entry waiting for a coordinator's review, and its age (time since it was first written)."""

    entry: JournalEntry
    age: timedelta


def review_queue(
    journal: Journal,
    mentorship: Mentorship,
    program: Program,
    *,
    viewer: Actor,
    at: datetime,
) -> tuple[QueuedEntry, ...]:
    """Entries of a pair the viewer may review that nobody has reviewed yet, oldest first.

    Only a coordinator of the pair's program has a queue; anyone else is
    refused. An entry is in it when, as of ``at``, the viewer may review its
    current version (:func:`can_review`: shared with coordinators, not written
    by the viewer) and no review of it (by any coordinator) was written.

    Args:
        journal: The pair's journal.
        mentorship: The journal's mentorship.
        program: The mentorship's program.
        viewer: The coordinator asking.
        at: The moment to judge at (aware); entries, amendments and reviews
            recorded later are not yet seen (those recorded exactly at ``at`` are).

    Returns:
        A :class:`QueuedEntry` per entry (its current version and how long it
        has waited since first written, as ``age``), oldest first, ties by id.

    Raises:
        PermissionDeniedError: The viewer is not a coordinator of the program
            (the message names the viewer and the program only).
        ValidationError: The mentorship is not the journal's, or the program
            not the mentorship's.
        InvalidTypeError: An argument of the wrong type.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import UTC, date, datetime, timedelta
    >>> from ementoring.journal import Review
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="UTC")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> def entry(id, day, visibility="pair_and_coordinator"):
    ...     return JournalEntry(id, "m1", "olga", "mentee", visibility=visibility,
    ...         written_at=datetime(2026, 3, day, tzinfo=UTC))
    >>> journal = Journal.for_mentorship(pair)
    >>> for e in [entry("e1", 10), entry("e2", 12), entry("e3", 11, "pair")]:
    ...     journal = journal.add_entry(e)
    >>> journal = journal.add_review(Review("r1", "e1", "anna", comment="Well done",
    ...     written_at=datetime(2026, 3, 11, tzinfo=UTC), kind="encouragement"))
    >>> anna = Actor("anna", roles=["coordinator"], program_ids=["spring-2026"])
    >>> [(q.entry.id, q.age) for q in review_queue(journal, pair, program, viewer=anna,
    ...                                            at=datetime(2026, 3, 15, tzinfo=UTC))]
    [('e2', datetime.timedelta(days=3))]
    >>> review_queue(journal, pair, program, at=datetime(2026, 3, 15, tzinfo=UTC),
    ...              viewer=Actor("bob", roles=["coordinator"], program_ids=["autumn-2026"]))
    Traceback (most recent call last):
    ...
    ementoring.errors.PermissionDeniedError: actor 'bob' may not review the entries of program 'spring-2026'
    """
    require_type(viewer, Actor, "viewer", "an Actor")
    require_type(journal, Journal, "journal", "a Journal")
    require_type(program, Program, "program", "a Program")
    at = require_aware(at, "at")
    if not _acts_for(viewer, Role.COORDINATOR, program):
        raise PermissionDeniedError(
            f"actor {viewer.id!r} may not review the entries of program {program.id!r}"
        )
    then = journal.as_of(at)
    reviewed = {review.entry_id for review in then.reviews}
    return tuple(
        QueuedEntry(entry=entry, age=at - entry.written_at)
        for entry in visible_entries(viewer, then, mentorship, program)
        if entry.id not in reviewed and can_review(viewer, entry, mentorship, program)
    )
