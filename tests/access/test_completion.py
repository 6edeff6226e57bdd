"""Journal completion: who is expected to write about which session, one definition for all."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ementoring.access import Actor, check_records, expected_entries
from ementoring.accounting import Mentorship, Program, Session, complete, mark_no_show
from ementoring.errors import DuplicateIdError, InvalidTypeError, ValidationError
from ementoring.journal import AuthorRole, Journal, JournalEntry
from ementoring.scheduling import Interval

PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="America/Toronto")
# anna mentors olga and ivan; dana mentors boris.
M1 = Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
M2 = Mentorship("m2", "p", "anna", "ivan", started_on=date(2026, 3, 2))
M3 = Mentorship("m3", "p", "dana", "boris", started_on=date(2026, 3, 2))
PAIRS = (M1, M2, M3)
START = datetime(2026, 3, 3, 22, tzinfo=UTC)
ANNA = Actor("anna", roles=["mentor"], mentorship_ids=["m1", "m2"])
OLGA = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
CORA = Actor("cora", roles=["coordinator"], program_ids=["p"])
ROOT = Actor("root", roles=["admin"], program_ids=["p"])


def held(session_id: str, pairs: list[str], people: list[str]) -> Session:
    slot = Interval(START, START + timedelta(hours=1))
    planned = Session(session_id, pairs, slot, people, proposed_at=START - timedelta(days=2))
    return complete(planned, at=slot.end)


GROUP = held("g1", ["m1", "m2"], ["anna", "olga", "ivan", "yael"])


def wrote(pair: Mentorship, author: str, session_id: str, visibility: str = "pair") -> JournalEntry:
    role = "mentor" if author == pair.mentor_id else "mentee"
    return JournalEntry(
        f"{pair.id}-{author}-{session_id}",
        pair.id,
        author,
        role,
        session_id=session_id,
        written_at=START + timedelta(hours=3),
        visibility=visibility,
    )


def journals(*entries: JournalEntry) -> list[Journal]:
    found = {m.id: Journal.for_mentorship(m) for m in PAIRS}
    for entry in entries:
        found[entry.mentorship_id] = found[entry.mentorship_id].add_entry(entry)
    return list(found.values())


def owed(
    viewer: Actor, *entries: JournalEntry, sessions: list[Session] | None = None
) -> dict[str, bool]:
    found = expected_entries(
        PROGRAM, PAIRS, [GROUP] if sessions is None else sessions, journals(*entries), viewer=viewer
    )
    return {e.author_id: e.written for e in found}


class TestOneDefinition:
    def test_a_group_session_expects_each_member_once(self) -> None:
        """Anna, who mentors both pairs, owes one entry; each mentee one; the guest none."""
        found = expected_entries(PROGRAM, PAIRS, [GROUP], journals(), viewer=ROOT)
        assert [(e.author_id, e.author_role, e.mentorship_ids) for e in found] == [
            ("anna", AuthorRole.MENTOR, ("m1", "m2")),
            ("ivan", AuthorRole.MENTEE, ("m2",)),
            ("olga", AuthorRole.MENTEE, ("m1",)),
        ]
        assert {e.due_at for e in found} == {START + timedelta(hours=1) + PROGRAM.journal_due}

    @pytest.mark.parametrize("pair", [M1, M2])
    def test_one_entry_in_either_journal_settles_it(self, pair: Mentorship) -> None:
        """Anna's entry in olga's journal or in ivan's: done either way, for everyone who knows."""
        entry = wrote(pair, "anna", "g1", visibility="pair_and_coordinator")
        for viewer in (ANNA, CORA, ROOT):
            assert owed(viewer, entry)["anna"] is True

    def test_an_entry_in_a_journal_the_session_did_not_serve_does_not_count(self) -> None:
        """Anna writing about g1 in a third pair's journal she mentors does not settle g1."""
        m4 = Mentorship("m4", "p", "anna", "maria", started_on=date(2026, 3, 2))
        stray = wrote(m4, "anna", "g1")
        found = expected_entries(
            PROGRAM,
            [*PAIRS, m4],
            [GROUP],
            [*journals(), Journal.for_mentorship(m4).add_entry(stray)],
            viewer=ANNA,
        )
        assert {e.author_id: e.written for e in found}["anna"] is False

    def test_as_far_as_the_viewer_may_know(self) -> None:
        """A private entry: its author and an admin know it is written, a coordinator does not."""
        private = wrote(M1, "olga", "g1", visibility="private")
        assert owed(OLGA, private)["olga"] is True
        assert owed(ROOT, private)["olga"] is True
        assert owed(CORA, private)["olga"] is False
        assert owed(ANNA, private)["olga"] is False

    def test_absent_members_and_other_pairs(self) -> None:
        """Someone marked absent owes nothing; a session of a pair not given expects nothing."""
        missed = mark_no_show(GROUP, absent=["ivan"], at=GROUP.held.end)
        assert set(owed(ROOT, sessions=[missed])) == {"anna", "olga"}
        theirs = held("s9", ["m9"], ["zoe", "max"])
        assert owed(ROOT, sessions=[theirs]) == {}

    def test_at_an_instant(self) -> None:
        """at= judges the records as they stood: before the session ended nothing is expected,
        and an entry written later is not written yet."""
        entry = wrote(M1, "olga", "g1")
        records = (PROGRAM, PAIRS, [GROUP], journals(entry))
        assert expected_entries(*records, viewer=OLGA, at=START) == ()
        written = entry.written_at
        before = expected_entries(*records, viewer=OLGA, at=written - timedelta(seconds=1))
        then = expected_entries(*records, viewer=OLGA, at=written)
        assert [e.written for e in before if e.author_id == "olga"] == [False]
        assert [e.written for e in then if e.author_id == "olga"] == [True]


class TestRecords:
    def test_one_program_s_records(self) -> None:
        """Another program's pair, a journal of a pair not given, duplicates: refused, named."""
        other = Mentorship("m1", "q", "anna", "olga", started_on=date(2026, 3, 2))
        with pytest.raises(ValidationError) as wrong_program:
            check_records(PROGRAM, [M2, other], [], [])
        assert wrong_program.value.field == "mentorships[1].program_id"
        with pytest.raises(ValidationError) as stray:
            check_records(PROGRAM, [M1], [], journals())
        assert stray.value.field == "journals[1].mentorship_id"
        with pytest.raises(DuplicateIdError):
            check_records(PROGRAM, [M1, M1], [], [])
        with pytest.raises(DuplicateIdError):
            check_records(PROGRAM, [M1], [], [Journal.for_mentorship(M1)] * 2)
        with pytest.raises(InvalidTypeError):
            check_records(PROGRAM, [M1], [None], [])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            expected_entries(PROGRAM, [M1], [], [], viewer="anna")  # type: ignore[arg-type]
