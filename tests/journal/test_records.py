"""A journal stored as append-only records, one per change, rebuilt in one call."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.accounting import Mentorship
from ementoring.errors import DuplicateIdError, InvalidTypeError, ValidationError
from ementoring.journal import (
    ActionItem,
    Journal,
    JournalEntry,
    JournalRecord,
    Review,
    amend,
    journal_from_records,
    journal_records,
)
from ementoring.testing import journals

PAIR = Mentorship("m1", "p1", "ivan", "olga", started_on=date(2026, 1, 1))
AT = datetime(2026, 3, 10, 18, tzinfo=UTC)


def _entry(entry_id: str, hours: int = 0, author: str = "olga") -> JournalEntry:
    role = "mentee" if author == "olga" else "mentor"
    return JournalEntry(entry_id, "m1", author, role, written_at=AT + timedelta(hours=hours))


def _record(content: object) -> JournalRecord:
    return JournalRecord(mentorship_id="m1", content=content)  # type: ignore[arg-type]


class TestRebuild:
    @settings(max_examples=40)
    @given(journals(), st.randoms())
    def test_every_row_comes_back_whatever_the_order(self, journal: Journal, rng: object) -> None:
        """The rebuilt journal holds every version, agenda, item and review, in one fixed order."""
        records = list(journal_records(journal))
        rebuilt = journal_from_records(PAIR, records)
        rng.shuffle(records)  # type: ignore[attr-defined]
        assert journal_from_records(PAIR, records) == rebuilt
        assert rebuilt.entries == tuple(
            sorted(journal.entries, key=lambda e: (e.recorded_at, e.id, e.revision))
        )
        assert set(rebuilt.current) == set(journal.current)
        assert sorted(rebuilt.agendas, key=repr) == sorted(journal.agendas, key=repr)
        assert sorted(rebuilt.action_items, key=repr) == sorted(journal.action_items, key=repr)
        assert set(rebuilt.reviews) == set(journal.reviews)

    @settings(max_examples=20)
    @given(journals())
    def test_a_retried_write_counts_once(self, journal: Journal) -> None:
        records = journal_records(journal)
        assert journal_from_records(PAIR, [*records, *records]) == journal_from_records(
            PAIR, records
        )

    def test_a_journal_in_recorded_order_comes_back_equal(self) -> None:
        journal = Journal.for_mentorship(PAIR).add_entry(_entry("e1")).add_entry(_entry("e2", 1))
        journal = journal.amend("e1", by="olga", at=AT + timedelta(hours=2), observations="more")
        assert journal_from_records(PAIR, reversed(journal_records(journal))) == journal


class TestTwoWriters:
    def test_two_new_entries_written_at_once_are_both_kept(self) -> None:
        """One document read by both and written back by each loses one; two rows lose none."""
        stored = journal_records(Journal.for_mentorship(PAIR).add_entry(_entry("e1")))
        mine = _record(_entry("e2", 1))
        theirs = _record(_entry("e3", 1, author="ivan"))
        rebuilt = journal_from_records(PAIR, [*stored, mine, theirs])
        assert {e.id for e in rebuilt.current} == {"e1", "e2", "e3"}

    def test_two_amendments_to_one_revision_are_named(self) -> None:
        first = _entry("e1")
        mine = amend(first, by="olga", at=AT + timedelta(hours=1), observations="mine")
        theirs = amend(first, by="olga", at=AT + timedelta(hours=1), observations="theirs")
        with pytest.raises(DuplicateIdError) as caught:
            journal_from_records(PAIR, [_record(first), _record(mine), _record(theirs)])
        assert caught.value.value == "entry/e1/2"
        assert "two writers" in str(caught.value)

    def test_an_action_item_closed_twice_keeps_the_later_closing(self) -> None:
        item = ActionItem(
            "a1", "m1", "Rewrite CV", assigned_to="olga", assigned_by="ivan", created_at=AT
        )
        journal = Journal.for_mentorship(PAIR).add_action_item(item)
        done = journal.mark_done("a1", at=AT + timedelta(days=1)).action_item("a1")
        dropped = journal.drop_action_item(
            "a1", at=AT + timedelta(days=2), reason="not needed"
        ).action_item("a1")
        rows = [_record(item), _record(done), _record(dropped)]
        for order in (rows, rows[::-1]):
            assert journal_from_records(PAIR, order).action_item("a1") == dropped

    def test_a_sent_agenda_supersedes_its_draft(self) -> None:
        from ementoring.journal import Agenda, AgendaItem

        draft = Agenda("s1", "olga", [AgendaItem("CV review", requested_by="olga")])
        journal = Journal.for_mentorship(PAIR).add_agenda(draft).send_agenda("s1", at=AT)
        rows = [_record(draft), *journal_records(journal)]
        assert journal_from_records(PAIR, rows).agenda_for("s1") == journal.agenda_for("s1")


class TestRefusals:
    def test_a_record_of_another_pair(self) -> None:
        other = JournalEntry("e9", "m2", "olga", "mentee", written_at=AT)
        with pytest.raises(ValidationError, match=r"^records\[0\]\.mentorship_id"):
            journal_from_records(PAIR, [JournalRecord(mentorship_id="m2", content=other)])

    def test_content_of_another_pair_in_a_record(self) -> None:
        other = JournalEntry("e9", "m2", "olga", "mentee", written_at=AT)
        with pytest.raises(ValidationError, match=r"^content\.mentorship_id"):
            JournalRecord(mentorship_id="m1", content=other)

    def test_content_that_is_not_journal_content(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"^content"):
            JournalRecord(mentorship_id="m1", content="an entry")  # type: ignore[arg-type]

    def test_a_review_of_an_entry_not_recorded(self) -> None:
        review = Review("r1", "e404", "cora", written_at=AT, comment="Good", kind="encouragement")
        with pytest.raises(ValueError, match="no such entry"):
            journal_from_records(PAIR, [_record(review)])

    def test_rows_that_are_not_records(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"^records"):
            journal_from_records(PAIR, [_entry("e1")])  # type: ignore[list-item]
