"""The privacy rules: the full matrix, properties, redaction and errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given

from ementoring.access import (
    Access,
    Actor,
    RedactedEntry,
    Role,
    access_level,
    access_matrix,
    can_read,
    can_review,
    can_write,
    redact,
    redacted_entries,
    require_read,
    require_review,
    require_write,
    visible_entries,
)
from ementoring.accounting import Mentorship, Program
from ementoring.errors import EmentoringError, PermissionDeniedError, ValidationError
from ementoring.journal import Journal, JournalEntry, Review, Visibility
from tests.journal.strategies import MENTEE, MENTOR, MENTORSHIP, journals

from .strategies import actors

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
OTHER_PROGRAM = "autumn-2026"
PAIR = Mentorship(MENTORSHIP, PROGRAM.id, MENTOR, MENTEE, started_on=date(2026, 3, 2))
OTHER_PAIR = Mentorship("m2", PROGRAM.id, "ivan", "maria", started_on=date(2026, 3, 2))
T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
SECRET = "I worry my accent will hold me back"


def entry_by(author_role: str, visibility: str) -> JournalEntry:
    author = MENTOR if author_role == "mentor" else MENTEE
    return JournalEntry(
        "e1",
        MENTORSHIP,
        author,
        author_role,
        written_at=T0,
        visibility=visibility,
        discussed="Canadian workplace culture",
        observations=SECRET,
    )


def actor_for(role: Role, same_mentorship: bool, same_program: bool, author_role: str) -> Actor:
    """An actor with one role, placed in this or another mentorship and program.

    For a pair role in the same mentorship the actor is that member of the pair;
    in another mentorship, that member of another pair.
    """
    program_ids = [PROGRAM.id if same_program else OTHER_PROGRAM]
    if role in (Role.MENTOR, Role.MENTEE):
        pair = PAIR if same_mentorship else OTHER_PAIR
        person = pair.mentor_id if role is Role.MENTOR else pair.mentee_id
        return Actor(person, roles=[role], program_ids=program_ids, mentorship_ids=[pair.id])
    mentorship_ids = [MENTORSHIP if same_mentorship else OTHER_PAIR.id]
    return Actor(
        "anna" if role is Role.COORDINATOR else "root",
        roles=[role],
        program_ids=program_ids,
        mentorship_ids=mentorship_ids,
    )


# The rules, written out by hand for an entry by the pair's MENTOR.
# Key: (role, same mentorship, same program) -> level for private / pair / pair_and_coordinator.
# "R" read, "M" metadata, "-" nothing.
EXPECTED_FOR_MENTOR_AUTHOR = {
    (Role.MENTOR, True, True): "RRR",  # the author
    (Role.MENTOR, True, False): "RRR",  # still the author, whatever programs they list
    (Role.MENTOR, False, True): "---",  # another pair's mentor
    (Role.MENTOR, False, False): "---",
    (Role.MENTEE, True, True): "-RR",  # the other member of the pair
    (Role.MENTEE, True, False): "-RR",
    (Role.MENTEE, False, True): "---",  # another pair's mentee
    (Role.MENTEE, False, False): "---",
    (Role.COORDINATOR, True, True): "--R",
    (Role.COORDINATOR, False, True): "--R",  # coordinates the program, not this pair
    (Role.COORDINATOR, True, False): "---",  # another program's coordinator
    (Role.COORDINATOR, False, False): "---",
    (Role.ADMIN, True, True): "MMM",
    (Role.ADMIN, False, True): "MMM",
    (Role.ADMIN, True, False): "---",
    (Role.ADMIN, False, False): "---",
}
_SWAP = {Role.MENTOR: Role.MENTEE, Role.MENTEE: Role.MENTOR}
_LEVELS = {"R": Access.READ, "M": Access.METADATA, "-": Access.NONE}
VISIBILITIES = ["private", "pair", "pair_and_coordinator"]

MATRIX = [
    pytest.param(
        author_role,
        role,
        visibility,
        same_mentorship,
        same_program,
        # For a mentee's entry the pair roles swap places.
        EXPECTED_FOR_MENTOR_AUTHOR[
            (
                role if author_role == "mentor" else _SWAP.get(role, role),
                same_mentorship,
                same_program,
            )
        ][index],
        id=f"{author_role}-entry/{role}/{visibility}/"
        f"{'same' if same_mentorship else 'other'}-mentorship/"
        f"{'same' if same_program else 'other'}-program",
    )
    for author_role in ("mentor", "mentee")
    for role in Role
    for index, visibility in enumerate(VISIBILITIES)
    for same_mentorship in (True, False)
    for same_program in (True, False)
]


class TestMatrix:
    @pytest.mark.parametrize(
        ("author_role", "role", "visibility", "same_mentorship", "same_program", "expected"),
        MATRIX,
    )
    def test_access_level(
        self,
        author_role: str,
        role: Role,
        visibility: str,
        same_mentorship: bool,
        same_program: bool,
        expected: str,
    ) -> None:
        """Every role x visibility x same/other mentorship and program, for both authors."""
        entry = entry_by(author_role, visibility)
        actor = actor_for(role, same_mentorship, same_program, author_role)
        level = access_level(actor, entry, PAIR, PROGRAM)
        assert level is _LEVELS[expected]
        assert can_read(actor, entry, PAIR, PROGRAM) is (expected == "R")
        is_author = actor.id == entry.author_id
        assert can_write(actor, entry, PAIR, PROGRAM) is is_author
        assert can_review(actor, entry, PAIR, PROGRAM) is (
            role is Role.COORDINATOR and same_program and visibility == "pair_and_coordinator"
        )

    def test_matrix_has_every_combination(self) -> None:
        """4 roles x 3 visibilities x 2 x 2, for entries by both members."""
        assert len(MATRIX) == 2 * 4 * 3 * 2 * 2

    def test_generated_table_matches_the_rules(self) -> None:
        """access_matrix() reads the same rules: spot-check its rows against the table above."""
        lines = access_matrix().splitlines()
        rows = {
            line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:5]]
            for line in lines[2:]
        }
        assert rows["its author"] == ["read, amend"] * 3
        assert rows["the other member of the pair"] == ["-", "read", "read"]
        assert rows["a coordinator of the program"] == ["-", "-", "read, review"]
        assert rows["an admin of the program"] == ["metadata"] * 3
        assert len(rows) == 8


class TestClaimsMustAgree:
    def test_member_needs_role_id_and_mentorship(self) -> None:
        """Dropping any one claim of the other member removes their access."""
        entry = entry_by("mentee", "pair")
        full = Actor(MENTOR, roles=["mentor"], mentorship_ids=[MENTORSHIP])
        assert can_read(full, entry, PAIR, PROGRAM)
        for partial in (
            attrs.evolve(full, roles=[]),
            attrs.evolve(full, roles=["mentee"]),
            attrs.evolve(full, mentorship_ids=[]),
            Actor("ivan", roles=["mentor"], mentorship_ids=[MENTORSHIP]),
        ):
            assert not can_read(partial, entry, PAIR, PROGRAM)

    def test_author_without_membership_reads_but_cannot_write(self) -> None:
        """A former member still reads what they wrote, but cannot amend it."""
        entry = entry_by("mentee", "private")
        former = Actor(MENTEE, roles=[])
        assert can_read(former, entry, PAIR, PROGRAM)
        assert not can_write(former, entry, PAIR, PROGRAM)

    def test_coordinator_does_not_review_own_entry(self) -> None:
        """A coordinator who also mentors this pair does not review their own entry."""
        entry = entry_by("mentor", "pair_and_coordinator")
        both = Actor(
            MENTOR, roles=["mentor", "coordinator"], program_ids=[PROGRAM.id], mentorship_ids=["m1"]
        )
        assert can_read(both, entry, PAIR, PROGRAM)
        assert not can_review(both, entry, PAIR, PROGRAM)

    def test_mismatched_context_is_an_error(self) -> None:
        """A mentorship or program that does not belong to the entry is refused, not guessed."""
        entry = entry_by("mentee", "pair")
        actor = Actor(MENTOR, roles=["mentor"], mentorship_ids=[MENTORSHIP])
        with pytest.raises(ValidationError) as info:
            can_read(actor, entry, OTHER_PAIR, PROGRAM)
        assert info.value.field == "mentorship"
        other_program = attrs.evolve(PROGRAM, id=OTHER_PROGRAM)
        with pytest.raises(ValidationError) as info:
            can_read(actor, entry, PAIR, other_program)
        assert info.value.field == "program"
        with pytest.raises(ValidationError):
            visible_entries(actor, Journal("m9", mentor_id="a", mentee_id="b"), PAIR, PROGRAM)

    def test_actor_validation(self) -> None:
        """Unknown roles and malformed ids are refused naming the field."""
        with pytest.raises(ValidationError) as info:
            Actor("x", roles=["superuser"])
        assert info.value.field == "roles"
        with pytest.raises(ValidationError) as info:
            Actor("x", roles=[], program_ids=["ok", ""])
        assert info.value.field.startswith("program_ids[")
        assert Actor("x", roles="mentor", program_ids="p").program_ids == ("p",)


class TestRequire:
    @pytest.mark.parametrize(
        ("check", "verb"),
        [(require_read, "read"), (require_write, "write"), (require_review, "review")],
    )
    def test_denial_names_actor_and_entry_never_text(self, check: object, verb: str) -> None:
        """PermissionDeniedError is an EmentoringError and a PermissionError, with no content."""
        entry = entry_by("mentee", "private")
        stranger = Actor("ivan", roles=["mentor"], mentorship_ids=["m2"])
        with pytest.raises(PermissionDeniedError) as info:
            check(stranger, entry, PAIR, PROGRAM)  # type: ignore[operator]
        message = str(info.value)
        assert "'ivan'" in message
        assert "'e1'" in message
        assert verb in message
        assert SECRET not in message
        assert "workplace" not in message.lower()
        assert isinstance(info.value, EmentoringError)
        assert isinstance(info.value, PermissionError)

    def test_allowed_returns_the_entry(self) -> None:
        """When allowed, the entry comes back for chaining."""
        entry = entry_by("mentee", "pair_and_coordinator")
        olga = Actor(MENTEE, roles=["mentee"], mentorship_ids=[MENTORSHIP])
        anna = Actor("anna", roles=["coordinator"], program_ids=[PROGRAM.id])
        assert require_read(olga, entry, PAIR, PROGRAM) is entry
        assert require_write(olga, entry, PAIR, PROGRAM) is entry
        assert require_review(anna, entry, PAIR, PROGRAM) is entry


class TestRedaction:
    def test_redacted_entry_has_no_content_fields(self) -> None:
        """No field of the redacted view can carry topics or observations."""
        names = {f.name for f in attrs.fields(RedactedEntry)}
        assert not names & {"observations", "discussed", "next_topics"}
        shown = redact(entry_by("mentee", "private"))
        assert SECRET not in repr(shown)
        assert "workplace" not in repr(shown).lower()

    def test_redacted_entry_says_whether_reviewed(self) -> None:
        """Admins see whether an entry was reviewed and how long it took."""
        entry = attrs.evolve(
            entry_by("mentee", "pair_and_coordinator"), time_spent=timedelta(hours=1)
        )
        review = Review(
            "r1", "e1", "anna", written_at=T0, comment="Well done", kind="encouragement"
        )
        later = Review(
            "r2", "e1", "ben", written_at=T0 + timedelta(days=1), comment="Yes", kind="suggestion"
        )
        shown = redact(entry, reviews=[later, review])
        assert (shown.reviewed, shown.first_reviewed_at, shown.time_spent, shown.written_at) == (
            True,
            T0,
            timedelta(hours=1),
            T0,
        )
        assert redact(entry, reviews=[]).reviewed is False
        assert redact(entry, reviews=[]).first_reviewed_at is None

    def test_admin_gets_metadata_of_every_entry(self) -> None:
        """redacted_entries gives an admin the metadata of all current entries, content-free."""
        journal = Journal.for_mentorship(PAIR)
        for index, visibility in enumerate(Visibility):
            journal = journal.add_entry(
                attrs.evolve(entry_by("mentee", visibility), id=f"e{index}")
            )
        admin = Actor("root", roles=["admin"], program_ids=[PROGRAM.id])
        assert visible_entries(admin, journal, PAIR, PROGRAM) == ()
        shown = redacted_entries(admin, journal, PAIR, PROGRAM)
        assert [s.id for s in shown] == ["e0", "e1", "e2"]
        outsider = Actor("guest", roles=[])
        assert redacted_entries(outsider, journal, PAIR, PROGRAM) == ()


class TestJournalViewsCheckTheirContext:
    @pytest.mark.parametrize("view", [visible_entries, redacted_entries])
    def test_a_program_not_the_mentorships_is_refused_even_for_an_empty_journal(
        self, view: Any
    ) -> None:
        """The program is checked once for the journal, not only per entry."""
        other = Program("autumn-2026", "Autumn", starts_on=date(2026, 9, 7), zone="UTC")
        anna = Actor("anna", roles=["coordinator"], program_ids=[other.id])
        with pytest.raises(ValidationError) as caught:
            view(anna, Journal.for_mentorship(PAIR), PAIR, other)
        assert caught.value.field == "program"


class TestVisibleEntriesProperty:
    @given(actors, journals())
    def test_visible_entries_are_exactly_the_readable_current_entries(
        self, actor: Actor, journal: Journal
    ) -> None:
        """Never an entry the actor cannot read; never a readable one missing; current versions."""
        visible = visible_entries(actor, journal, PAIR, PROGRAM)
        assert all(can_read(actor, e, PAIR, PROGRAM) for e in visible)
        readable = [e for e in journal.current if can_read(actor, e, PAIR, PROGRAM)]
        assert list(visible) == readable
        assert all(e in journal.current for e in visible)

    @given(actors, journals())
    def test_metadata_covers_at_least_what_is_readable(
        self, actor: Actor, journal: Journal
    ) -> None:
        """Anyone who reads an entry also sees its metadata; outsiders see neither."""
        visible_ids = {e.id for e in visible_entries(actor, journal, PAIR, PROGRAM)}
        redacted_ids = {e.id for e in redacted_entries(actor, journal, PAIR, PROGRAM)}
        assert visible_ids <= redacted_ids
        if Role.ADMIN not in actor.roles or PROGRAM.id not in actor.program_ids:
            assert redacted_ids == visible_ids
