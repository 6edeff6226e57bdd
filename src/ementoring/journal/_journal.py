"""A mentorship's journal: entries (every version), agendas, action items and reviews."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from ementoring._validate import identifier, items_of
from ementoring.accounting import Mentorship
from ementoring.errors import DuplicateIdError, InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journal._actions import ActionItem, ActionStatus, done, drop
from ementoring.journal._agenda import Agenda, send
from ementoring.journal._entries import AuthorRole, JournalEntry, amend
from ementoring.journal._reviews import Review
from ementoring.timezones import require_aware

__all__ = ["Journal"]

# Fields every version of an entry shares with its first version.
_FIXED_FIELDS = ("mentorship_id", "author_id", "author_role", "written_at")


def _entries(value: Iterable[Any]) -> tuple[Any, ...]:
    return items_of(value, object, "entries", "an iterable of JournalEntry")


def _agendas(value: Iterable[Any]) -> tuple[Any, ...]:
    return items_of(value, object, "agendas", "an iterable of Agenda")


def _action_items(value: Iterable[Any]) -> tuple[Any, ...]:
    return items_of(value, object, "action_items", "an iterable of ActionItem")


def _reviews(value: Iterable[Any]) -> tuple[Any, ...]:
    return items_of(value, object, "reviews", "an iterable of Review")


def _check_type(field: str, value: object, cls: type) -> None:
    if not isinstance(value, cls):
        raise InvalidTypeError(field, value, f"a {cls.__name__}")


def _id(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "an id (text)")
    return value


@attrs.frozen
class Journal:
    """Everything one pair records: immutable; each ``add_*`` returns a new journal.

    The journal knows the pair's ids, so it checks that every entry's author
    is the mentorship's mentor or mentee in the role they claim (build it with
    :meth:`for_mentorship`, or give the ids). ``entries`` keeps every version
    of every entry in the order added; :attr:`current` shows the latest ones.

    Args:
        mentorship_id: The mentorship this journal belongs to.
        mentor_id: The mentorship's mentor.
        mentee_id: The mentorship's mentee.
        entries: Entry versions, in the order they were added.
        agendas: At most one per session.
        action_items: Their current state, ids unique.
        reviews: Ids unique, each about an entry in this journal.

    Raises:
        ValidationError: Content that does not belong to this pair, a version
            out of order or changing who wrote an entry or when; the field
            names the position, e.g. ``entries[3].author_id``.
        DuplicateIdError: An id (or an entry version, or an agenda's session) twice.
        UnknownIdError: A review of an entry the journal does not hold.

    >>> from datetime import datetime, UTC
    >>> journal = Journal("m1", mentor_id="david", mentee_id="olga")
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee",
    ...     written_at=datetime(2026, 3, 10, 18, 0, tzinfo=UTC), discussed="CV review")
    >>> journal = journal.add_entry(entry)
    >>> journal = journal.amend("e1", by="olga", at=datetime(2026, 3, 11, tzinfo=UTC),
    ...     next_topics="interview prep")
    >>> [(e.id, e.revision) for e in journal.entries], [(e.id, e.revision) for e in journal.current]
    ([('e1', 1), ('e1', 2)], [('e1', 2)])
    >>> journal.add_entry(JournalEntry("e2", "m1", "ivan", "mentee", written_at=entry.written_at))
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: entry.author_id: is not the mentorship's mentee (got 'ivan')
    """

    mentorship_id: str = attrs.field(validator=identifier)
    mentor_id: str = attrs.field(kw_only=True, validator=identifier)
    mentee_id: str = attrs.field(kw_only=True, validator=identifier)
    entries: tuple[JournalEntry, ...] = attrs.field(kw_only=True, default=(), converter=_entries)
    agendas: tuple[Agenda, ...] = attrs.field(kw_only=True, default=(), converter=_agendas)
    action_items: tuple[ActionItem, ...] = attrs.field(
        kw_only=True, default=(), converter=_action_items
    )
    reviews: tuple[Review, ...] = attrs.field(kw_only=True, default=(), converter=_reviews)
    # The latest version of each entry, by id: derived from ``entries``, kept so that
    # adding one entry is not a rescan of all of them.
    _latest: Mapping[str, JournalEntry] = attrs.field(init=False, eq=False, repr=False)

    @classmethod
    def for_mentorship(cls, mentorship: Mentorship) -> Journal:
        """An empty journal for a mentorship, knowing its mentor and mentee.

        >>> from datetime import date
        >>> from ementoring.accounting import Mentorship
        >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
        >>> Journal.for_mentorship(pair).mentee_id
        'olga'
        """
        _check_type("mentorship", mentorship, Mentorship)
        return cls(mentorship.id, mentor_id=mentorship.mentor_id, mentee_id=mentorship.mentee_id)

    def __attrs_post_init__(self) -> None:
        if self.mentor_id == self.mentee_id:
            raise ValidationError("mentee_id", self.mentee_id, "must differ from mentor_id")
        latest: dict[str, JournalEntry] = {}
        for index, entry in enumerate(self.entries):
            _check_type(f"entries[{index}]", entry, JournalEntry)
            self._check_entry(entry, latest.get(entry.id), f"entries[{index}]")
            latest[entry.id] = entry
        object.__setattr__(self, "_latest", latest)
        sessions: set[str] = set()
        for index, agenda in enumerate(self.agendas):
            self._check_agenda(agenda, sessions, f"agendas[{index}]")
            sessions.add(agenda.session_id)
        item_ids: set[str] = set()
        for index, item in enumerate(self.action_items):
            self._check_action_item(item, item_ids, f"action_items[{index}]")
            item_ids.add(item.id)
        review_ids: set[str] = set()
        for index, review in enumerate(self.reviews):
            self._check_review(review, review_ids, f"reviews[{index}]")
            review_ids.add(review.id)

    # -- checks, shared by the constructor and the add_* methods -------------

    def _check_member(self, person: str, field: str) -> None:
        if person not in (self.mentor_id, self.mentee_id):
            raise ValidationError(field, person, "is not a member of the mentorship")

    def _check_entry(self, entry: Any, latest: JournalEntry | None, field: str) -> None:
        _check_type(field, entry, JournalEntry)
        if entry.mentorship_id != self.mentorship_id:
            raise ValidationError(
                f"{field}.mentorship_id",
                entry.mentorship_id,
                f"must be this journal's mentorship {self.mentorship_id!r}",
            )
        expected = self.mentor_id if entry.author_role is AuthorRole.MENTOR else self.mentee_id
        if entry.author_id != expected:
            raise ValidationError(
                f"{field}.author_id",
                entry.author_id,
                f"is not the mentorship's {entry.author_role.value}",
            )
        if latest is None:
            if entry.revision != 1:
                raise ValidationError(
                    f"{field}.revision", entry.revision, "the first version must be revision 1"
                )
            return
        if entry.revision != latest.revision + 1:
            raise DuplicateIdError(
                f"{field}.id",
                entry.id,
                f"revision {entry.revision} does not follow revision {latest.revision}; "
                "new entries need a new id, amendments come from amend()",
            )
        for name in _FIXED_FIELDS:
            if getattr(entry, name) != getattr(latest, name):
                raise ValidationError(
                    f"{field}.{name}", getattr(entry, name), "an amendment cannot change it"
                )
        if entry.recorded_at < latest.recorded_at:
            raise ValidationError(
                f"{field}.amended_at",
                entry.amended_at,
                f"must not be before the previous version, {latest.recorded_at.isoformat()}",
            )

    def _check_agenda(self, agenda: Any, sessions: set[str], field: str) -> None:
        _check_type(field, agenda, Agenda)
        if agenda.session_id in sessions:
            raise DuplicateIdError(
                f"{field}.session_id", agenda.session_id, "this session already has an agenda"
            )
        self._check_member(agenda.proposed_by, f"{field}.proposed_by")
        for index, item in enumerate(agenda.items):
            self._check_member(item.requested_by, f"{field}.items[{index}].requested_by")

    def _check_action_item(self, item: Any, ids: set[str], field: str) -> None:
        _check_type(field, item, ActionItem)
        if item.id in ids:
            raise DuplicateIdError(f"{field}.id", item.id, "duplicate id")
        if item.mentorship_id != self.mentorship_id:
            raise ValidationError(
                f"{field}.mentorship_id",
                item.mentorship_id,
                f"must be this journal's mentorship {self.mentorship_id!r}",
            )
        self._check_member(item.assigned_to, f"{field}.assigned_to")
        self._check_member(item.assigned_by, f"{field}.assigned_by")

    def _check_review(self, review: Any, ids: set[str], field: str) -> None:
        _check_type(field, review, Review)
        if review.id in ids:
            raise DuplicateIdError(f"{field}.id", review.id, "duplicate id")
        if review.entry_id not in self._latest:
            raise UnknownIdError(f"{field}.entry_id", review.entry_id, "no such entry")
        if review.coordinator_id in (self.mentor_id, self.mentee_id):
            # Feedback comes from outside the pair; which coordinators may review is
            # decided by ementoring.access.require_review, which knows the program.
            raise ValidationError(
                f"{field}.coordinator_id",
                review.coordinator_id,
                "is a member of this pair; reviews come from the program's coordinators",
            )
        written_at = self._latest[review.entry_id].written_at  # the same in every version
        if review.written_at < written_at:
            raise ValidationError(
                f"{field}.written_at",
                review.written_at,
                f"must not be before the entry was written, {written_at.isoformat()}",
            )

    def _extended(self, **changes: Any) -> Journal:
        """A copy with some fields replaced, trusted: the caller has checked what it adds."""
        new = object.__new__(Journal)
        for field in attrs.fields(Journal):
            object.__setattr__(new, field.name, changes.get(field.name, getattr(self, field.name)))
        return new

    def as_of(self, at: datetime) -> Journal:
        """The journal as it stood at ``at``: what was recorded later is not yet there.

        Entry versions recorded after ``at`` and reviews written after it are
        left out; an agenda sent later is still a draft; an action item created
        later is left out, and one done or dropped later is still open. Agendas
        record no creation time, so every agenda counts as drafted already.
        With nothing to undo the journal itself is returned.

        Raises:
            NaiveDatetimeError: ``at`` has no UTC offset.
            ValidationError: ``at`` is not a datetime.

        >>> from datetime import datetime, UTC
        >>> journal = Journal("m1", mentor_id="david", mentee_id="olga").add_entry(
        ...     JournalEntry("e1", "m1", "olga", "mentee", written_at=datetime(2026, 3, 10, tzinfo=UTC)))
        >>> len(journal.as_of(datetime(2026, 3, 9, tzinfo=UTC)).entries)
        0
        """
        at = require_aware(at, "at")
        entries = tuple(e for e in self.entries if e.recorded_at <= at)
        agendas = tuple(
            attrs.evolve(a, sent_at=None) if a.sent_at is not None and a.sent_at > at else a
            for a in self.agendas
        )
        items = tuple(
            attrs.evolve(i, status=ActionStatus.OPEN, closed_at=None, drop_reason="")
            if i.closed_at is not None and i.closed_at > at
            else i
            for i in self.action_items
            if i.created_at <= at
        )
        reviews = tuple(r for r in self.reviews if r.written_at <= at)
        if (entries, agendas, items, reviews) == (
            self.entries,
            self.agendas,
            self.action_items,
            self.reviews,
        ):
            return self
        return Journal(
            self.mentorship_id,
            mentor_id=self.mentor_id,
            mentee_id=self.mentee_id,
            entries=entries,
            agendas=agendas,
            action_items=items,
            reviews=reviews,
        )

    # -- entries --------------------------------------------------------------

    @property
    def current(self) -> tuple[JournalEntry, ...]:
        """The latest version of each entry, oldest entry first (ties by id)."""
        return tuple(sorted(self._latest.values(), key=lambda e: (e.written_at, e.id)))

    def history(self, entry_id: str) -> tuple[JournalEntry, ...]:
        """Every version of an entry, first to latest.

        Raises:
            UnknownIdError: No entry has this id.
        """
        _id(entry_id, "entry_id")
        found = tuple(e for e in self.entries if e.id == entry_id)
        if not found:
            raise UnknownIdError("entry_id", entry_id, "no such entry")
        return found

    def entry(self, entry_id: str) -> JournalEntry:
        """The latest version of an entry.

        Raises:
            UnknownIdError: No entry has this id.
        """
        latest = self._latest.get(_id(entry_id, "entry_id"))
        if latest is None:
            raise UnknownIdError("entry_id", entry_id, "no such entry")
        return latest

    def add_entry(self, entry: JournalEntry) -> Journal:
        """Return a journal with this entry (or this next version of an entry) added.

        Raises:
            ValidationError: The entry is for another mentorship, its author is
                not the pair's member in the role given, or (for a new version)
                it changes the author, mentorship or writing time.
            DuplicateIdError: A new entry reuses an id, or a version is not
                the next one.
        """
        _check_type("entry", entry, JournalEntry)
        self._check_entry(entry, self._latest.get(entry.id), "entry")
        return self._extended(
            entries=(*self.entries, entry),
            _latest={**self._latest, entry.id: entry},
        )

    def amend(self, entry_id: str, *, by: str, at: datetime, **changes: Any) -> Journal:
        """Return a journal with the next version of an entry added (see :func:`amend`).

        Raises:
            UnknownIdError: No entry has this id.
            PermissionDeniedError: ``by`` is not the author.
            ValidationError: As for :func:`amend`.
        """
        return self.add_entry(amend(self.entry(entry_id), by=by, at=at, **changes))

    # -- agendas --------------------------------------------------------------

    def agenda_for(self, session_id: str) -> Agenda | None:
        """The agenda for a session, or ``None`` if there is none."""
        _id(session_id, "session_id")
        return next((a for a in self.agendas if a.session_id == session_id), None)

    def add_agenda(self, agenda: Agenda) -> Journal:
        """Return a journal with this agenda added (sent, or a draft).

        Raises:
            DuplicateIdError: The session already has an agenda.
            ValidationError: The proposer or someone requesting an item is not in the pair.
        """
        self._check_agenda(agenda, {a.session_id for a in self.agendas}, "agenda")
        return self._extended(agendas=(*self.agendas, agenda))

    def send_agenda(self, session_id: str, *, at: datetime) -> Journal:
        """Return a journal whose draft agenda for the session is marked sent at ``at``.

        Raises:
            UnknownIdError: The session has no agenda.
            InvalidTransitionError: It was already sent.
        """
        agenda = self.agenda_for(session_id)
        if agenda is None:
            raise UnknownIdError("session_id", session_id, "no agenda for this session")
        sent = send(agenda, at=at)
        return self._extended(agendas=tuple(sent if a is agenda else a for a in self.agendas))

    # -- action items ---------------------------------------------------------

    def action_item(self, item_id: str) -> ActionItem:
        """The action item with this id.

        Raises:
            UnknownIdError: No action item has this id.
        """
        for item in self.action_items:
            if item.id == _id(item_id, "item_id"):
                return item
        raise UnknownIdError("item_id", item_id, "no such action item")

    def add_action_item(self, item: ActionItem) -> Journal:
        """Return a journal with this action item added.

        Raises:
            DuplicateIdError: The id is taken.
            ValidationError: Another mentorship, or someone outside the pair.
        """
        self._check_action_item(item, {i.id for i in self.action_items}, "item")
        return self._extended(action_items=(*self.action_items, item))

    def _replace_item(self, new: ActionItem) -> Journal:
        return self._extended(
            action_items=tuple(new if i.id == new.id else i for i in self.action_items)
        )

    def mark_done(self, item_id: str, *, at: datetime) -> Journal:
        """Return a journal where the action item is done (see :func:`done`)."""
        return self._replace_item(done(self.action_item(item_id), at))

    def drop_action_item(self, item_id: str, *, at: datetime, reason: str) -> Journal:
        """Return a journal where the action item is dropped (see :func:`drop`)."""
        return self._replace_item(drop(self.action_item(item_id), at, reason))

    # -- reviews --------------------------------------------------------------

    def add_review(self, review: Review) -> Journal:
        """Return a journal with this review added.

        A member of the pair never reviews; which coordinators may is checked
        by ``ementoring.access.require_review``, which knows the program.

        Raises:
            DuplicateIdError: The id is taken.
            UnknownIdError: The journal has no entry with ``review.entry_id``.
            ValidationError: The review predates the entry, or its author is
                the pair's mentor or mentee.
        """
        self._check_review(review, {r.id for r in self.reviews}, "review")
        return self._extended(reviews=(*self.reviews, review))

    def reviews_for(self, entry_id: str) -> tuple[Review, ...]:
        """The reviews of an entry, in the order added."""
        _id(entry_id, "entry_id")
        return tuple(r for r in self.reviews if r.entry_id == entry_id)
