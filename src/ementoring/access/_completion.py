"""Journal completion: who is expected to write an entry about which session, and who has.

One definition, read by reminders (``journal_due``) and by the reports'
journal completion, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from ementoring._validate import check_unique, items_of, require_type
from ementoring.access._rules import Actor, redacted_entries
from ementoring.accounting import Mentorship, Program, Session, SessionStatus, sessions_as_of
from ementoring.errors import ValidationError
from ementoring.journal import AuthorRole, Journal
from ementoring.timezones import require_aware

__all__ = ["ExpectedEntry", "check_records", "expected_entries"]


def check_records(
    program: Program,
    mentorships: Iterable[Mentorship],
    sessions: Iterable[Session],
    journals: Iterable[Journal],
) -> tuple[tuple[Mentorship, ...], tuple[Session, ...], tuple[Journal, ...]]:
    """One program's records, checked as every view over a program checks them.

    The mentorships must be the program's (ids unique) and each journal a
    journal of one of them (at most one each); sessions, which programs share,
    may serve any mentorship. Reports, reminders and :func:`expected_entries`
    check their records here, so one mistake raises one error from all of them.

    Returns:
        The mentorships, sessions and journals, as tuples in the order given.

    Raises:
        InvalidTypeError: An argument or an item of the wrong type (named, e.g. ``sessions[2]``).
        ValidationError: A mentorship of another program, or a journal of a
            mentorship not given (named by position).
        DuplicateIdError: A mentorship given twice, or two journals for one mentorship.

    >>> from datetime import date
    >>> program = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="UTC")
    >>> pair = Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
    >>> check_records(program, [pair], [], [Journal.for_mentorship(pair)])[0] == (pair,)
    True
    >>> check_records(program, [pair], [], [Journal("m2", mentor_id="anna", mentee_id="ivan")])
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: journals[0].mentorship_id: is not one of the mentorships given (got 'm2')
    """
    require_type(program, Program, "program", "a Program")
    pairs = items_of(
        mentorships, Mentorship, "mentorships", "an iterable of Mentorship", each="a Mentorship"
    )
    for index, pair in enumerate(pairs):
        if pair.program_id != program.id:
            raise ValidationError(
                f"mentorships[{index}].program_id",
                pair.program_id,
                f"must be the program's id {program.id!r}",
            )
    check_unique(pairs, key=lambda m: m.id, field="mentorships")
    given_sessions = items_of(
        sessions, Session, "sessions", "an iterable of Session", each="a Session"
    )
    given_journals = items_of(
        journals, Journal, "journals", "an iterable of Journal", each="a Journal"
    )
    given_ids = {m.id for m in pairs}
    for index, journal in enumerate(given_journals):
        if journal.mentorship_id not in given_ids:
            raise ValidationError(
                f"journals[{index}].mentorship_id",
                journal.mentorship_id,
                "is not one of the mentorships given",
            )
    check_unique(given_journals, key=lambda j: j.mentorship_id, field="journals")
    return pairs, given_sessions, given_journals


@attrs.frozen(kw_only=True)
class ExpectedEntry:
    """One learning-journal entry someone is expected to write, and whether they have.

    Each member of a pair present at a completed session the pair took part
    in writes one entry about it. At a session serving several pairs (a mentor
    meeting two mentees together), a member of more than one of them writes
    one entry, in the journal of any of their pairs.

    Attributes:
        session_id: The completed session.
        author_id: Who is expected to write: a member of a pair it served, present.
        author_role: Their role in the first such pair (by id), the mentor's first.
        mentorship_ids: The pairs it served of which they are a member: the
            journals the entry may be written in (sorted).
        due_at: When it is due: the held session's end plus the program's ``journal_due``.
        written: Whether the viewer knows of an entry by them about the session
            in one of those journals (the rules of :mod:`ementoring.access`: an
            author knows their own, a coordinator those shared with
            coordinators, an admin every entry's metadata).
    """

    session_id: str
    author_id: str
    author_role: AuthorRole
    mentorship_ids: tuple[str, ...]
    due_at: datetime
    written: bool


def expected_entries(
    program: Program,
    mentorships: Iterable[Mentorship],
    sessions: Iterable[Session],
    journals: Iterable[Journal],
    *,
    viewer: Actor,
    at: datetime | None = None,
) -> tuple[ExpectedEntry, ...]:
    """Who is expected to write a journal entry about which session, and who has, for a viewer.

    The one definition of journal completion: ``journal_due`` reminders ask
    for the entries their viewer has not written, and the reports' journal
    completion counts these for a coordinator or an admin. Every completed
    session serving one of the mentorships expects one entry from each member
    of those pairs who was present (guests write none); an entry by that
    member about the session (``session_id``), in the journal of any of their
    pairs the session served, settles it. ``written`` is as the viewer may
    know it: their own entries whatever the visibility, their partner's
    shared with the pair, for a coordinator those shared with coordinators,
    for an admin every entry (its metadata). A mentorship without a journal
    given has no entries.

    Args:
        program: The program.
        mentorships: Its mentorships (those whose sessions count).
        sessions: Sessions (those serving none of the mentorships are ignored).
        journals: The pairs' journals (at most one per mentorship).
        viewer: Who asks.
        at: Judge the records as they stood then (aware; records stamped
            exactly then count); ``None``: as given.

    Returns:
        Every expected entry, earliest due first, then by session and author.

    Raises:
        InvalidTypeError: An argument or an item of the wrong type.
        ValidationError: As :func:`check_records`.
        DuplicateIdError: As :func:`check_records`.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import UTC, date, datetime, timedelta
    >>> from ementoring.accounting import complete
    >>> from ementoring.journal import JournalEntry
    >>> from ementoring.scheduling import Interval
    >>> program = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="UTC")
    >>> olga_s = Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
    >>> ivan_s = Mentorship("m2", "p", "anna", "ivan", started_on=date(2026, 3, 2))
    >>> start = datetime(2026, 3, 3, 16, tzinfo=UTC)
    >>> group = complete(Session("g1", ["m1", "m2"], Interval(start, start + timedelta(hours=1)),
    ...                          ["anna", "olga", "ivan"], proposed_at=start - timedelta(days=2)),
    ...                  at=start + timedelta(hours=1))
    >>> anna_s = JournalEntry("e1", "m1", "anna", "mentor", session_id="g1",
    ...                       written_at=start + timedelta(hours=2))
    >>> journals = [Journal.for_mentorship(olga_s).add_entry(anna_s), Journal.for_mentorship(ivan_s)]
    >>> anna = Actor("anna", roles=["mentor"], mentorship_ids=["m1", "m2"])
    >>> for e in expected_entries(program, [olga_s, ivan_s], [group], journals, viewer=anna):
    ...     print(e.author_id, e.mentorship_ids, e.written)
    anna ('m1', 'm2') True
    ivan ('m2',) False
    olga ('m1',) False
    """
    pairs, given_sessions, given_journals = check_records(program, mentorships, sessions, journals)
    require_type(viewer, Actor, "viewer", "an Actor")
    if at is not None:
        at = require_aware(at, "at")
        pairs = tuple(m.as_of(at) for m in pairs)
        given_sessions = sessions_as_of(given_sessions, at)
        given_journals = tuple(j.as_of(at) for j in given_journals)
    by_id = {m.id: m for m in pairs}
    written = {
        (journal.mentorship_id, entry.session_id, entry.author_id)
        for journal in given_journals
        for entry in redacted_entries(viewer, journal, by_id[journal.mentorship_id], program)
        if entry.session_id is not None
    }
    found = [
        expected
        for session in given_sessions
        if session.status is SessionStatus.COMPLETED
        for expected in _expected(program, session, by_id, written)
    ]
    return tuple(sorted(found, key=lambda e: (e.due_at, e.session_id, e.author_id)))


def _expected(
    program: Program,
    session: Session,
    pairs: Mapping[str, Mentorship],
    written: set[tuple[str, str, str]],
) -> list[ExpectedEntry]:
    """The entries one completed session expects, from each member present, once each."""
    present = set(session.present)
    roles: dict[str, AuthorRole] = {}
    journals: dict[str, list[str]] = {}
    for mentorship_id in session.mentorship_ids:  # sorted: the first pair gives the role
        pair = pairs.get(mentorship_id)
        if pair is None:
            continue
        for role, person in (
            (AuthorRole.MENTOR, pair.mentor_id),
            (AuthorRole.MENTEE, pair.mentee_id),
        ):
            if person in present:
                roles.setdefault(person, role)
                journals.setdefault(person, []).append(pair.id)
    due = session.held.end + program.journal_due
    return [
        ExpectedEntry(
            session_id=session.id,
            author_id=person,
            author_role=role,
            mentorship_ids=tuple(journals[person]),
            due_at=due,
            written=any((m, session.id, person) in written for m in journals[person]),
        )
        for person, role in roles.items()
    ]
