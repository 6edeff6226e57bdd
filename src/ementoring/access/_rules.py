"""Who may read, write and review journal entries: every rule lives in this module."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import attrs

from ementoring._validate import Choice, coerce_enum, identifier, items_of, require_type
from ementoring.accounting import Mentorship, Program
from ementoring.errors import PermissionDeniedError, ValidationError
from ementoring.journal import AuthorRole, Journal, JournalEntry, Review, Visibility

__all__ = [
    "Access",
    "Actor",
    "RedactedEntry",
    "Role",
    "access_level",
    "acts_for",
    "can_read",
    "can_review",
    "can_write",
    "member_role",
    "redact",
    "redacted_entries",
    "require_read",
    "require_review",
    "require_write",
    "visible_entries",
]


class Role(Choice):
    """What a person is in a program."""

    MENTEE = "mentee"
    MENTOR = "mentor"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Access(Choice):
    """How much of an entry an actor may see."""

    NONE = "none"
    METADATA = "metadata"
    READ = "read"


def _roles(value: Iterable[Role | str]) -> tuple[Role, ...]:
    if isinstance(value, str):
        value = (value,)
    given = items_of(value, str, "roles", "an iterable of role names")
    return tuple(sorted({coerce_enum(Role, role, "roles") for role in given}))


def _ids(value: Iterable[str], field: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(sorted(set(items_of(value, str, field, "an iterable of ids"))))


def _program_ids(value: Iterable[str]) -> tuple[str, ...]:
    return _ids(value, "program_ids")


def _mentorship_ids(value: Iterable[str]) -> tuple[str, ...]:
    return _ids(value, "mentorship_ids")


def _check_ids(_instance: Any, field: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item or item != item.strip():
            raise ValidationError(f"{field.name}[{index}]", item, "must be a non-empty id")


@attrs.frozen
class Actor:
    """Someone asking to read or write: their id, roles and where they belong.

    Every claim must agree for a rule to apply: a mentor reads as a member of
    a pair only if they are that mentorship's mentor, have the ``mentor`` role
    and list the mentorship in ``mentorship_ids``; a coordinator or admin acts
    only for programs in ``program_ids``.

    Args:
        id: The person's id (the same ids as mentorships and entries use).
        roles: Any of ``"mentee"``, ``"mentor"``, ``"coordinator"``, ``"admin"``.
        program_ids: Programs they coordinate or administer.
        mentorship_ids: Mentorships they are a member of.

    >>> Actor("anna", roles=["coordinator"], program_ids=["spring-2026"]).roles
    (<Role.COORDINATOR: 'coordinator'>,)
    """

    id: str = attrs.field(validator=identifier)
    roles: tuple[Role, ...] = attrs.field(kw_only=True, converter=_roles)
    program_ids: tuple[str, ...] = attrs.field(
        kw_only=True, default=(), converter=_program_ids, validator=_check_ids
    )
    mentorship_ids: tuple[str, ...] = attrs.field(
        kw_only=True, default=(), converter=_mentorship_ids, validator=_check_ids
    )


def _check_types(actor: Any, mentorship: Any, program: Any) -> None:
    require_type(actor, Actor, "actor", "an Actor")
    require_type(mentorship, Mentorship, "mentorship", "a Mentorship")
    require_type(program, Program, "program", "a Program")


def _check_program(mentorship: Mentorship, program: Program) -> None:
    if mentorship.program_id != program.id:
        raise ValidationError(
            "program", program.id, f"is not the mentorship's program {mentorship.program_id!r}"
        )


def _check_context(
    actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program
) -> None:
    _check_types(actor, mentorship, program)
    require_type(entry, JournalEntry, "entry", "a JournalEntry")
    if entry.mentorship_id != mentorship.id:
        raise ValidationError(
            "mentorship", mentorship.id, f"is not the entry's mentorship {entry.mentorship_id!r}"
        )
    _check_program(mentorship, program)


def _member_as(actor: Actor, mentorship: Mentorship) -> AuthorRole | None:
    """The role in which the actor is a member of the pair, or None."""
    if mentorship.id not in actor.mentorship_ids:
        return None
    if actor.id == mentorship.mentor_id and Role.MENTOR in actor.roles:
        return AuthorRole.MENTOR
    if actor.id == mentorship.mentee_id and Role.MENTEE in actor.roles:
        return AuthorRole.MENTEE
    return None


def _acts_for(actor: Actor, role: Role, program: Program) -> bool:
    return role in actor.roles and program.id in actor.program_ids


def member_role(actor: Actor, mentorship: Mentorship) -> AuthorRole | None:
    """The role in which the actor is a member of the pair, or ``None``: every claim must agree.

    The actor is the mentorship's mentor (or mentee), has that role and lists
    the mentorship in ``mentorship_ids``.

    Raises:
        InvalidTypeError: ``actor`` is not an Actor or ``mentorship`` not a Mentorship.

    >>> from datetime import date
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> member_role(Actor("olga", roles=["mentee"], mentorship_ids=["m1"]), pair)
    <AuthorRole.MENTEE: 'mentee'>
    >>> member_role(Actor("olga", roles=["mentee"]), pair) is None
    True
    """
    require_type(actor, Actor, "actor", "an Actor")
    require_type(mentorship, Mentorship, "mentorship", "a Mentorship")
    return _member_as(actor, mentorship)


def acts_for(actor: Actor, role: Role | str, program: Program) -> bool:
    """Whether the actor acts in ``role`` (coordinator, admin...) for this program.

    They have the role and list the program in ``program_ids``.

    Raises:
        InvalidTypeError: ``actor`` is not an Actor or ``program`` not a Program.
        ValidationError: ``role`` is not a role.

    >>> from datetime import date
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="UTC")
    >>> anna = Actor("anna", roles=["coordinator"], program_ids=["spring-2026"])
    >>> acts_for(anna, "coordinator", program), acts_for(anna, "admin", program)
    (True, False)
    """
    require_type(actor, Actor, "actor", "an Actor")
    require_type(program, Program, "program", "a Program")
    return _acts_for(actor, coerce_enum(Role, role, "role"), program)


def access_level(
    actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program
) -> Access:
    """How much of an entry an actor may see: the one statement of the reading rules.

    1. The author reads their own entry, whatever its visibility.
    2. ``pair`` and ``pair_and_coordinator``: the members of that mentorship read it.
    3. ``pair_and_coordinator``: coordinators of that program read it.
    4. Admins of that program see metadata only (see :func:`redact`), for any visibility.
    5. Nobody else sees anything.

    Args:
        actor: Who asks.
        entry: The entry (the version asked about; visibility can change by amendment).
        mentorship: The entry's mentorship.
        program: The mentorship's program.

    Returns:
        ``read``, ``metadata`` or ``none``.

    Raises:
        ValidationError: ``mentorship`` is not the entry's, or ``program`` not the mentorship's.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee", visibility="pair",
    ...                      written_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> david = Actor("david", roles=["mentor"], mentorship_ids=["m1"])
    >>> anna = Actor("anna", roles=["coordinator"], program_ids=["spring-2026"])
    >>> access_level(david, entry, pair, program), access_level(anna, entry, pair, program)
    (<Access.READ: 'read'>, <Access.NONE: 'none'>)
    """
    _check_context(actor, entry, mentorship, program)
    return _level(actor, entry, mentorship, program)


def _level(actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program) -> Access:
    """:func:`access_level`'s rules, for arguments already checked to belong together."""
    return content_level(actor, entry.author_id, entry.visibility, mentorship, program)


def content_level(
    actor: Actor,
    author_id: str,
    visibility: Visibility,
    mentorship: Mentorship,
    program: Program,
) -> Access:
    """The journal's reading rules for any content a member of the pair wrote with a visibility.

    Journal entries and a pair's goals both read through here, so goal text
    follows exactly the rules of an entry of the same visibility. The caller
    has checked the types and that the mentorship and program belong together.
    """
    if actor.id == author_id:
        return Access.READ
    if visibility.pair_reads and _member_as(actor, mentorship) is not None:
        return Access.READ
    if visibility.coordinators_read and _acts_for(actor, Role.COORDINATOR, program):
        return Access.READ
    if _acts_for(actor, Role.ADMIN, program):
        return Access.METADATA
    return Access.NONE


def can_read(actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program) -> bool:
    """Whether the actor may read the entry in full (topics and observations).

    Raises:
        ValidationError: As for :func:`access_level`.
    """
    return access_level(actor, entry, mentorship, program) is Access.READ


def can_write(actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program) -> bool:
    """Whether the actor may add this entry or amend it: its author, a member in that role.

    Raises:
        ValidationError: As for :func:`access_level`.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee", visibility="pair_and_coordinator",
    ...                      written_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> olga = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
    >>> can_write(olga, entry, pair, program), can_write(Actor("olga", roles=[]), entry, pair, program)
    (True, False)
    """
    _check_context(actor, entry, mentorship, program)
    return actor.id == entry.author_id and _member_as(actor, mentorship) is entry.author_role


def can_review(actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program) -> bool:
    """Whether the actor may review the entry: a coordinator of the program who reads it.

    A coordinator never reviews an entry they wrote themselves.

    Raises:
        ValidationError: As for :func:`access_level`.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee", visibility="pair_and_coordinator",
    ...                      written_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> anna = Actor("anna", roles=["coordinator"], program_ids=["spring-2026"])
    >>> can_review(anna, entry, pair, program)
    True
    """
    _check_context(actor, entry, mentorship, program)
    return (
        actor.id != entry.author_id
        and entry.visibility.coordinators_read
        and _acts_for(actor, Role.COORDINATOR, program)
    )


def _deny(actor: Actor, verb: str, entry: JournalEntry) -> PermissionDeniedError:
    return PermissionDeniedError(f"actor {actor.id!r} may not {verb} journal entry {entry.id!r}")


def require_read(
    actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program
) -> JournalEntry:
    """Return the entry if the actor may read it.

    Raises:
        PermissionDeniedError: They may not; the message names the actor and
            the entry id, never its content.
        ValidationError: As for :func:`access_level`.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee", visibility="pair_and_coordinator",
    ...                      written_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> require_read(Actor("ivan", roles=["mentor"], mentorship_ids=["m2"]), entry, pair, program)
    Traceback (most recent call last):
    ...
    ementoring.errors.PermissionDeniedError: actor 'ivan' may not read journal entry 'e1'
    """
    if not can_read(actor, entry, mentorship, program):
        raise _deny(actor, "read", entry)
    return entry


def require_write(
    actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program
) -> JournalEntry:
    """Return the entry if the actor may add or amend it.

    Raises:
        PermissionDeniedError: They may not (named as in :func:`require_read`).
    """
    if not can_write(actor, entry, mentorship, program):
        raise _deny(actor, "write", entry)
    return entry


def require_review(
    actor: Actor, entry: JournalEntry, mentorship: Mentorship, program: Program
) -> JournalEntry:
    """Return the entry if the actor may review it.

    Raises:
        PermissionDeniedError: They may not (named as in :func:`require_read`).
    """
    if not can_review(actor, entry, mentorship, program):
        raise _deny(actor, "review", entry)
    return entry


def _check_journal(
    actor: Actor, journal: Journal, mentorship: Mentorship, program: Program
) -> None:
    _check_types(actor, mentorship, program)
    require_type(journal, Journal, "journal", "a Journal")
    if journal.mentorship_id != mentorship.id:
        raise ValidationError(
            "mentorship",
            mentorship.id,
            f"is not the journal's mentorship {journal.mentorship_id!r}",
        )
    _check_program(mentorship, program)


def visible_entries(
    actor: Actor, journal: Journal, mentorship: Mentorship, program: Program
) -> tuple[JournalEntry, ...]:
    """The current versions of the journal's entries that the actor may read, oldest first.

    Raises:
        ValidationError: ``mentorship`` is not the journal's, or ``program`` not the mentorship's.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee", visibility="pair_and_coordinator",
    ...                      written_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> journal = Journal.for_mentorship(pair).add_entry(entry)
    >>> david = Actor("david", roles=["mentor"], mentorship_ids=["m1"])
    >>> [e.id for e in visible_entries(david, journal, pair, program)]
    ['e1']
    """
    _check_journal(actor, journal, mentorship, program)
    # The journal holds only its mentorship's entries: each is checked against it already.
    return tuple(e for e in journal.current if _level(actor, e, mentorship, program) is Access.READ)


@attrs.frozen(kw_only=True)
class RedactedEntry:
    """What an admin sees of an entry: when, who, how long, whether and when reviewed; no content.

    ``first_reviewed_at`` is when the first review of it was written (``None``
    while it has none); ``reviewed`` says whether there is one.
    """

    id: str
    mentorship_id: str
    author_id: str
    author_role: AuthorRole
    written_at: datetime
    amended_at: datetime | None
    revision: int
    session_id: str | None
    time_spent: timedelta
    visibility: Visibility
    first_reviewed_at: datetime | None

    @property
    def reviewed(self) -> bool:
        """Whether the entry has a review."""
        return self.first_reviewed_at is not None


def redact(entry: JournalEntry, *, reviews: Iterable[Review] = ()) -> RedactedEntry:
    """An entry's metadata without its topics or observations.

    Args:
        entry: The entry.
        reviews: Reviews to look in for whether and when the entry was
            reviewed (e.g. ``journal.reviews``).

    >>> from datetime import datetime, UTC
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee", discussed="CV review",
    ...     observations="Nervous about interviews", written_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> shown = redact(entry)
    >>> shown.time_spent, shown.reviewed, hasattr(shown, "observations"), hasattr(shown, "discussed")
    (datetime.timedelta(0), False, False, False)
    """
    require_type(entry, JournalEntry, "entry", "a JournalEntry")
    given = items_of(reviews, Review, "reviews", "an iterable of Review")
    return _redacted(
        entry, min((r.written_at for r in given if r.entry_id == entry.id), default=None)
    )


def _redacted(entry: JournalEntry, first_reviewed_at: datetime | None) -> RedactedEntry:
    return RedactedEntry(
        id=entry.id,
        mentorship_id=entry.mentorship_id,
        author_id=entry.author_id,
        author_role=entry.author_role,
        written_at=entry.written_at,
        amended_at=entry.amended_at,
        revision=entry.revision,
        session_id=entry.session_id,
        time_spent=entry.time_spent,
        visibility=entry.visibility,
        first_reviewed_at=first_reviewed_at,
    )


def redacted_entries(
    actor: Actor, journal: Journal, mentorship: Mentorship, program: Program
) -> tuple[RedactedEntry, ...]:
    """Metadata of every current entry the actor may see at least the metadata of.

    Raises:
        ValidationError: As for :func:`visible_entries`.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> entry = JournalEntry("e1", "m1", "olga", "mentee", visibility="pair_and_coordinator",
    ...                      written_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> journal = Journal.for_mentorship(pair).add_entry(entry)
    >>> admin = Actor("root", roles=["admin"], program_ids=["spring-2026"])
    >>> [(r.id, r.reviewed) for r in redacted_entries(admin, journal, pair, program)]
    [('e1', False)]
    """
    _check_journal(actor, journal, mentorship, program)
    first: dict[str, datetime] = {}
    for review in journal.reviews:
        seen = first.get(review.entry_id)
        if seen is None or review.written_at < seen:
            first[review.entry_id] = review.written_at
    return tuple(
        _redacted(e, first.get(e.id))
        for e in journal.current
        if _level(actor, e, mentorship, program) is not Access.NONE
    )
