"""The review queue: a coordinator of the pair's program, the entries they may review, as of a moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.access import Actor, can_review, review_queue, visible_entries
from ementoring.accounting import Mentorship, Program
from ementoring.errors import NaiveDatetimeError, PermissionDeniedError, ValidationError
from ementoring.journal import Journal, JournalEntry, Review, amend
from tests.journal.strategies import MENTEE, MENTOR, MENTORSHIP, journals

from .strategies import actors

T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
OTHER_PROGRAM = Program("autumn-2026", "Autumn 2026", starts_on=date(2026, 9, 7), zone="UTC")
PAIR = Mentorship(MENTORSHIP, PROGRAM.id, MENTOR, MENTEE, started_on=date(2026, 3, 2))
ANNA = Actor("anna", roles=["coordinator"], program_ids=[PROGRAM.id])


def entry(entry_id: str = "e1", **kw: object) -> JournalEntry:
    kw.setdefault("written_at", T0)
    return JournalEntry(entry_id, MENTORSHIP, MENTEE, "mentee", **kw)  # type: ignore[arg-type]


def review(entry_id: str, written_at: datetime, review_id: str = "r1") -> Review:
    return Review(
        review_id, entry_id, "anna", written_at=written_at, comment="Good", kind="encouragement"
    )


def journal_of(*entries: JournalEntry, reviews: tuple[Review, ...] = ()) -> Journal:
    journal = Journal.for_mentorship(PAIR)
    for e in entries:
        journal = journal.add_entry(e)
    for r in reviews:
        journal = journal.add_review(r)
    return journal


class TestRules:
    def test_only_shared_unreviewed_entries_oldest_first(self) -> None:
        """Entries shared with coordinators and not reviewed, oldest first, with their age."""
        journal = journal_of(
            entry("e3", written_at=T0 + timedelta(days=2)),
            entry("e1"),
            entry("e2", visibility="pair"),
            entry("e4", visibility="private"),
            entry("e5", written_at=T0 + timedelta(days=2)),
            reviews=(review("e5", T0 + timedelta(days=2, hours=1)),),
        )
        queue = review_queue(journal, PAIR, PROGRAM, viewer=ANNA, at=T0 + timedelta(days=3))
        assert [(q.entry.id, q.age) for q in queue] == [
            ("e1", timedelta(days=3)),
            ("e3", timedelta(days=1)),
        ]

    def test_as_of_the_moment_inclusive(self) -> None:
        """Later amendments and reviews are not yet seen; one recorded exactly then is."""
        first = entry("e1", visibility="pair")
        opened_at = T0 + timedelta(days=1)
        opened = amend(first, by=MENTEE, at=opened_at, visibility="pair_and_coordinator")
        reviewed_at = T0 + timedelta(days=5)
        journal = journal_of(first, opened, reviews=(review("e1", reviewed_at),))

        def queued(at: datetime) -> list[JournalEntry]:
            return [q.entry for q in review_queue(journal, PAIR, PROGRAM, viewer=ANNA, at=at)]

        assert queued(opened_at - timedelta(microseconds=1)) == []
        assert queued(opened_at) == [opened]
        assert queued(reviewed_at - timedelta(microseconds=1)) == [opened]
        assert queued(reviewed_at) == []

    def test_a_coordinator_does_not_review_their_own_entries(self) -> None:
        """A coordinator who also mentors a pair has no queue of their own entries."""
        pair = Mentorship("m9", PROGRAM.id, "anna", "boris", started_on=date(2026, 3, 2))
        own = JournalEntry("e1", "m9", "anna", "mentor", written_at=T0)
        journal = Journal.for_mentorship(pair).add_entry(own)
        later = T0 + timedelta(days=1)
        assert review_queue(journal, pair, PROGRAM, viewer=ANNA, at=later) == ()
        ben = Actor("ben", roles=["coordinator"], program_ids=[PROGRAM.id])
        assert len(review_queue(journal, pair, PROGRAM, viewer=ben, at=later)) == 1


class TestTheProgramIsChecked:
    """The leak of issue 22: another program's journal listed, full text, to an outsider."""

    def test_a_coordinator_of_another_program_is_refused(self) -> None:
        """Refused, naming the viewer and the program, never an entry."""
        journal = journal_of(entry("e1", observations="I am afraid of my manager"))
        outsider = Actor("anna", roles=["coordinator"], program_ids=[OTHER_PROGRAM.id])
        with pytest.raises(PermissionDeniedError) as caught:
            review_queue(journal, PAIR, PROGRAM, viewer=outsider, at=T0 + timedelta(days=1))
        assert str(caught.value) == (
            "actor 'anna' may not review the entries of program 'spring-2026'"
        )

    def test_a_journal_cannot_be_passed_off_as_another_programs(self) -> None:
        """Naming the coordinator's own program for another program's pair is refused."""
        journal = journal_of(entry("e1"))
        theirs = Actor("anna", roles=["coordinator"], program_ids=[OTHER_PROGRAM.id])
        with pytest.raises(ValidationError) as caught:
            review_queue(journal, PAIR, OTHER_PROGRAM, viewer=theirs, at=T0 + timedelta(days=1))
        assert caught.value.field == "program"
        other_pair = Mentorship("m2", PROGRAM.id, "ivan", "maria", started_on=date(2026, 3, 2))
        with pytest.raises(ValidationError) as caught:
            review_queue(journal, other_pair, PROGRAM, viewer=ANNA, at=T0 + timedelta(days=1))
        assert caught.value.field == "mentorship"

    @pytest.mark.parametrize(
        "viewer",
        [
            Actor(MENTEE, roles=["mentee"], mentorship_ids=[MENTORSHIP]),
            Actor(MENTOR, roles=["mentor"], mentorship_ids=[MENTORSHIP]),
            Actor("root", roles=["admin"], program_ids=[PROGRAM.id]),
            Actor("anna", roles=["admin", "mentor"], program_ids=[PROGRAM.id]),
        ],
    )
    def test_only_coordinators_have_a_queue(self, viewer: Actor) -> None:
        """Members of the pair and admins are refused."""
        with pytest.raises(PermissionDeniedError):
            review_queue(journal_of(), PAIR, PROGRAM, viewer=viewer, at=T0)

    def test_naive_moment(self) -> None:
        """A moment without a UTC offset is refused, naming it."""
        with pytest.raises(NaiveDatetimeError) as caught:
            review_queue(journal_of(), PAIR, PROGRAM, viewer=ANNA, at=datetime(2026, 3, 10))
        assert caught.value.field == "at"


class TestLaws:
    @given(journals(), st.integers(0, 80), actors)
    def test_exactly_the_reviewable_unreviewed_entries(
        self, journal: Journal, days: int, viewer: Actor
    ) -> None:
        """The queue is the entries current then that the viewer may review, none reviewed yet."""
        at = T0 + timedelta(days=days)
        try:
            queue = review_queue(journal, PAIR, PROGRAM, viewer=viewer, at=at)
        except PermissionDeniedError:
            assert "coordinator" not in viewer.roles or PROGRAM.id not in viewer.program_ids
            return
        then = journal.as_of(at)
        reviewed = {r.entry_id for r in then.reviews}
        expected = [
            e
            for e in visible_entries(viewer, then, PAIR, PROGRAM)
            if can_review(viewer, e, PAIR, PROGRAM) and e.id not in reviewed
        ]
        assert [q.entry for q in queue] == expected
        assert [q.age for q in queue] == sorted((q.age for q in queue), reverse=True)
        assert all(q.age == at - q.entry.written_at for q in queue)
