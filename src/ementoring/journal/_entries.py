"""Learning-journal entries and their amendments (every version is kept)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    duration,
    identifier,
    items_of,
    optional_aware,
    optional_utc,
    require_type,
    text,
    utc,
)
from ementoring.errors import DuplicateIdError, PermissionDeniedError, ValidationError
from ementoring.journal._topics import Topic, topics
from ementoring.timezones import require_aware

__all__ = [
    "AMENDABLE_FIELDS",
    "MAX_OBSERVATIONS",
    "MAX_TIME_SPENT",
    "AuthorRole",
    "JournalEntry",
    "Visibility",
    "amend",
    "current_versions",
]

MAX_OBSERVATIONS = 20_000
"""The longest ``observations`` text accepted, in characters."""

MAX_TIME_SPENT = timedelta(hours=24)
"""The most time one entry may report."""

AMENDABLE_FIELDS = frozenset(
    {"session_id", "discussed", "next_topics", "time_spent", "observations", "visibility"}
)
"""What :func:`amend` may change; who wrote an entry, where and when, never changes."""


class AuthorRole(Choice):
    """Who in a pair wrote an entry."""

    MENTEE = "mentee"
    MENTOR = "mentor"


class Visibility(Choice):
    """Who, besides the author, may read an entry (the rules live in ``ementoring.access``)."""

    PRIVATE = "private"
    PAIR = "pair"
    PAIR_AND_COORDINATOR = "pair_and_coordinator"

    @property
    def pair_reads(self) -> bool:
        """Whether the other member of the pair reads entries with this visibility."""
        return self is not Visibility.PRIVATE

    @property
    def coordinators_read(self) -> bool:
        """Whether the program's coordinators read (and so review) entries with this visibility."""
        return self is Visibility.PAIR_AND_COORDINATOR


def _author_role(value: AuthorRole | str) -> AuthorRole:
    return coerce_enum(AuthorRole, value, "author_role")


def _visibility(value: Visibility | str) -> Visibility:
    return coerce_enum(Visibility, value, "visibility")


def _discussed(value: Any) -> tuple[Topic, ...]:
    return topics(value, "discussed")


def _next_topics(value: Any) -> tuple[Topic, ...]:
    return topics(value, "next_topics")


def _revision(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(field.name, value, "must be a whole number, 1 or more")


@attrs.frozen
class JournalEntry:
    """One participant's learning-journal entry after (or between) meetings.

    An entry is never edited: :func:`amend` returns its next version, with the
    same ``id``, ``revision`` one higher and ``amended_at`` set; a
    :class:`~ementoring.journal.Journal` keeps every version. ``repr`` leaves
    out ``observations``, which are personal.

    Args:
        id: The entry's id, shared by all its versions.
        mentorship_id: The mentorship the entry belongs to.
        author_id: Who wrote it: the mentorship's mentor or mentee (checked by
            ``Journal.add_entry`` against the pair's ids).
        author_role: ``"mentor"`` or ``"mentee"``.
        written_at: When the first version was written (aware; stored in UTC).
        session_id: The session it reports on, if any.
        discussed: Topics discussed (a ``"a; b"`` string or a collection).
        next_topics: Topics to take up next time.
        time_spent: Time the entry accounts for: 0 to 24 hours.
        observations: Free text, at most ``MAX_OBSERVATIONS`` characters.
        visibility: ``"private"``, ``"pair"`` or ``"pair_and_coordinator"`` (default).
        revision: 1 for the first version; set by :func:`amend`.
        amended_at: When this version was written; ``None`` for the first.

    Raises:
        ValidationError: A bad field, named in the message; an over-long
            ``observations`` is reported by its length, never its text.
        NaiveDatetimeError: ``written_at`` or ``amended_at`` without a UTC offset.

    >>> from datetime import datetime, timedelta, UTC
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee",
    ...     written_at=datetime(2026, 3, 10, 18, 0, tzinfo=UTC),
    ...     discussed="CV review; interview prep", time_spent=timedelta(hours=1))
    >>> [str(t) for t in entry.discussed], entry.visibility
    (['CV review', 'interview prep'], <Visibility.PAIR_AND_COORDINATOR: 'pair_and_coordinator'>)
    >>> JournalEntry("e2", "m1", "olga", "mentee", written_at=entry.written_at,
    ...     time_spent=timedelta(hours=25))
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: time_spent: must be at most 1 day, 0:00:00 (got datetime.timedelta(days=1, seconds=3600))
    """

    id: str = attrs.field(validator=identifier)
    mentorship_id: str = attrs.field(validator=identifier)
    author_id: str = attrs.field(validator=identifier)
    author_role: AuthorRole = attrs.field(converter=_author_role)
    written_at: datetime = attrs.field(kw_only=True, converter=utc, validator=aware)
    session_id: str | None = attrs.field(
        kw_only=True, default=None, validator=attrs.validators.optional(identifier)
    )
    discussed: tuple[Topic, ...] = attrs.field(kw_only=True, default=(), converter=_discussed)
    next_topics: tuple[Topic, ...] = attrs.field(kw_only=True, default=(), converter=_next_topics)
    time_spent: timedelta = attrs.field(
        kw_only=True, default=timedelta(0), validator=duration(maximum=MAX_TIME_SPENT)
    )
    observations: str = attrs.field(
        kw_only=True, default="", validator=text(max_length=MAX_OBSERVATIONS), repr=False
    )
    visibility: Visibility = attrs.field(
        kw_only=True, default=Visibility.PAIR_AND_COORDINATOR, converter=_visibility
    )
    revision: int = attrs.field(kw_only=True, default=1, validator=_revision)
    amended_at: datetime | None = attrs.field(
        kw_only=True, default=None, converter=optional_utc, validator=optional_aware
    )

    def __attrs_post_init__(self) -> None:
        if (self.revision == 1) != (self.amended_at is None):
            raise ValidationError(
                "amended_at", self.amended_at, "must be set exactly when revision is above 1"
            )
        if self.amended_at is not None and self.amended_at < self.written_at:
            raise ValidationError(
                "amended_at",
                self.amended_at,
                f"must not be before written_at {self.written_at.isoformat()}",
            )

    @property
    def recorded_at(self) -> datetime:
        """When this version was recorded: ``amended_at``, or ``written_at`` for the first."""
        return self.written_at if self.amended_at is None else self.amended_at

    @property
    def version(self) -> tuple[str, int]:
        """``(id, revision)``: what identifies this version in a journal."""
        return (self.id, self.revision)


def _content(entry: JournalEntry) -> tuple[object, ...]:
    # Topic labels too: respelling a topic is a change worth a version.
    return (
        entry.session_id,
        tuple(t.label for t in entry.discussed),
        tuple(t.label for t in entry.next_topics),
        entry.time_spent,
        entry.observations,
        entry.visibility,
    )


def amend(entry: JournalEntry, *, by: str, at: datetime, **changes: Any) -> JournalEntry:
    """Return the next version of an entry with some fields changed; the entry itself stays.

    Args:
        entry: The latest version of the entry.
        by: Who amends it: only its author may.
        at: When (aware), not before the version being amended was recorded.
        **changes: New values for any of ``AMENDABLE_FIELDS``.

    Returns:
        A new :class:`JournalEntry`: same ``id``, ``revision + 1``, ``amended_at=at``.
        Add it to the journal with ``Journal.add_entry``, which keeps both.

    Raises:
        PermissionDeniedError: ``by`` is not the author (the message names
            ``by`` and the entry id only).
        ValidationError: A field that cannot be amended, a bad new value, an
            ``at`` before the last version, or no change at all.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import datetime, UTC
    >>> first = JournalEntry("e1", "m1", "olga", "mentee",
    ...     written_at=datetime(2026, 3, 10, 18, 0, tzinfo=UTC), discussed="CV review")
    >>> second = amend(first, by="olga", at=datetime(2026, 3, 11, 9, 0, tzinfo=UTC),
    ...     discussed="CV review; salary expectations")
    >>> second.id, second.revision, [str(t) for t in second.discussed]
    ('e1', 2, ['CV review', 'salary expectations'])
    >>> first.revision, [str(t) for t in first.discussed]
    (1, ['CV review'])
    >>> amend(first, by="david", at=datetime(2026, 3, 11, 9, 0, tzinfo=UTC), discussed="x")
    Traceback (most recent call last):
    ...
    ementoring.errors.PermissionDeniedError: actor 'david' may not amend journal entry 'e1': only its author may
    """
    require_type(entry, JournalEntry, "entry", "a JournalEntry")
    require_type(by, str, "by", "an actor id (text)")
    if by != entry.author_id:
        raise PermissionDeniedError(
            f"actor {by!r} may not amend journal entry {entry.id!r}: only its author may"
        )
    at = require_aware(at, "at")
    for name in sorted(changes):
        if name not in AMENDABLE_FIELDS:
            allowed = ", ".join(sorted(AMENDABLE_FIELDS))
            raise ValidationError(name, changes[name], f"cannot be amended (amendable: {allowed})")
    if at < entry.recorded_at:
        raise ValidationError(
            "at", at, f"must not be before the last version, {entry.recorded_at.isoformat()}"
        )
    amended = attrs.evolve(entry, revision=entry.revision + 1, amended_at=at, **changes)
    if _content(amended) == _content(entry):
        raise ValidationError("changes", sorted(changes), "nothing to amend: no field changes")
    return amended


def current_versions(
    entries: Iterable[JournalEntry], *, as_of: datetime | None = None
) -> tuple[JournalEntry, ...]:
    """The latest version of each entry, oldest entry first.

    Args:
        entries: Entries, with any number of versions each, in any order.
        as_of: If given (aware), only versions recorded at or before it count,
            so an entry written later is left out and an amendment made later
            is not yet seen.

    Returns:
        One version per entry id, sorted by ``written_at`` then ``id``.

    Raises:
        DuplicateIdError: Two different objects claim the same ``(id, revision)``.

    >>> from datetime import datetime, UTC
    >>> first = JournalEntry("e1", "m1", "olga", "mentee",
    ...     written_at=datetime(2026, 3, 10, tzinfo=UTC), discussed="CV review")
    >>> second = amend(first, by="olga", at=datetime(2026, 3, 12, tzinfo=UTC), time_spent=timedelta(hours=1))
    >>> [e.revision for e in current_versions([second, first])]
    [2]
    >>> [e.revision for e in current_versions([second, first], as_of=datetime(2026, 3, 11, tzinfo=UTC))]
    [1]
    """
    cutoff = None if as_of is None else require_aware(as_of, "as_of")
    latest: dict[str, JournalEntry] = {}
    seen: dict[tuple[str, int], JournalEntry] = {}
    for entry in items_of(entries, JournalEntry, "entries", "an iterable of JournalEntry"):
        if seen.setdefault(entry.version, entry) != entry:
            raise DuplicateIdError("entries", entry.version, "two different versions share an id")
        if cutoff is not None and entry.recorded_at > cutoff:
            continue
        best = latest.get(entry.id)
        if best is None or entry.revision > best.revision:
            latest[entry.id] = entry
    return tuple(sorted(latest.values(), key=lambda e: (e.written_at, e.id)))
