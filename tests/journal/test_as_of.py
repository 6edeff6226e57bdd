"""Journal.as_of: the journal as it stood at a moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ementoring.access import Actor, coverage
from ementoring.accounting import Mentorship, Program
from ementoring.journal import (
    ActionItem,
    ActionStatus,
    Agenda,
    AgendaItem,
    Journal,
    JournalEntry,
    Review,
    current_versions,
)
from ementoring.testing import journals

T = datetime(2026, 3, 10, 18, tzinfo=UTC)
PROGRAM = Program("p", "P", starts_on=date(2026, 3, 2), zone="UTC")
PAIR = Mentorship("m1", "p", "ivan", "olga", started_on=date(2026, 3, 2))
OLGA = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
HOUR = timedelta(hours=1)


def _journal() -> Journal:
    journal = Journal("m1", mentor_id="ivan", mentee_id="olga")
    journal = journal.add_entry(
        JournalEntry("e1", "m1", "olga", "mentee", written_at=T, discussed="CV review")
    )
    journal = journal.amend("e1", by="olga", at=T + 2 * HOUR, next_topics="interview prep")
    journal = journal.add_agenda(
        Agenda("s2", "olga", [AgendaItem("Networking", requested_by="olga")])
    )
    journal = journal.send_agenda("s2", at=T + 3 * HOUR)
    journal = journal.add_action_item(
        ActionItem("a1", "m1", "Rewrite CV", assigned_to="olga", assigned_by="ivan",
                   created_at=T, due_on=date(2026, 3, 17))
    )  # fmt: skip
    journal = journal.mark_done("a1", at=T + 4 * HOUR)
    journal = journal.add_action_item(
        ActionItem("a2", "m1", "Mock call", assigned_to="olga", assigned_by="ivan",
                   created_at=T + 5 * HOUR)
    )  # fmt: skip
    return journal.add_review(
        Review("r1", "e1", "cora", written_at=T + 6 * HOUR, comment="Good", kind="encouragement")
    )


class TestJournalAsOf:
    def test_each_part_as_it_stood(self) -> None:
        """Later versions, sendings, closings, items and reviews are undone, one by one."""
        journal = _journal()
        assert journal.as_of(T + 6 * HOUR) is journal
        first = journal.as_of(T + HOUR)
        assert [(e.id, e.revision) for e in first.entries] == [("e1", 1)]
        assert first.agendas[0].sent_at is None
        assert [(i.id, i.status, i.closed_at) for i in first.action_items] == [
            ("a1", ActionStatus.OPEN, None)
        ]
        assert first.reviews == ()
        assert journal.as_of(T - HOUR) == Journal(
            "m1", mentor_id="ivan", mentee_id="olga"
        ).add_agenda(Agenda("s2", "olga", [AgendaItem("Networking", requested_by="olga")]))
        assert [i.id for i in journal.as_of(T + 5 * HOUR).action_items] == ["a1", "a2"]

    @given(journals(), st.integers(0, 60 * 24 * 40), st.integers(0, 60 * 24 * 40))
    def test_agrees_with_the_functions_taking_as_of(self, journal: Journal, a: int, b: int) -> None:
        """Truncating then asking equals asking as of; truncating twice is the earlier cut."""
        start = datetime(2026, 3, 1, tzinfo=UTC)
        first, second = start + timedelta(minutes=a), start + timedelta(minutes=b)
        then = journal.as_of(first)
        assert current_versions(then.entries) == current_versions(journal.entries, as_of=first)
        assert coverage(then, PAIR, PROGRAM, viewer=OLGA) == coverage(
            journal, PAIR, PROGRAM, viewer=OLGA, at=first
        )
        assert then.as_of(second) == journal.as_of(min(first, second))
