"""Goal coverage reads the pairs' journey goals, through the viewer's rights; the topic mapping
it read before still works, with a warning, and reads as the goals it converts to."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings

from ementoring.access import Actor
from ementoring.accounting import HourLedger, Mentorship, Program
from ementoring.errors import DuplicateIdError, InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journal import Journal, JournalEntry
from ementoring.journey import (
    Goal,
    drop_goal,
    goals_from_topics,
    link_evidence,
    write_goal,
)
from ementoring.reports import ProgramAnalytics, program_analytics

from .strategies import CORA, Records, days, records

PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="UTC")
PAIR = Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
ROOT = Actor("root", roles=["admin"], program_ids=["p"])
TODAY = date(2026, 3, 20)


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def journal() -> Journal:
    """A shared entry about CV review, and a private one about salaries."""
    found = Journal.for_mentorship(PAIR)
    for entry_id, visibility, topics in (
        ("shared", "pair_and_coordinator", "CV review"),
        ("private", "private", "Salary talk"),
    ):
        found = found.add_entry(
            JournalEntry(entry_id, "m1", "olga", "mentee", written_at=at(5),
                         discussed=topics, visibility=visibility)
        )  # fmt: skip
    return found


def figures(goals: object, viewer: Actor = CORA) -> ProgramAnalytics:
    return program_analytics(
        PROGRAM, [PAIR], [], HourLedger(), [journal()], viewer=viewer, today=TODAY,
        goals=goals,  # type: ignore[arg-type]
    )  # fmt: skip


class TestJourneyGoals:
    def test_what_counts_by_hand(self) -> None:
        """Read goals, active or achieved, as of the day; covered when a read entry discussed
        or is linked to them."""
        j = journal()

        def goal(goal_id: str, title: str, visibility: str = "pair_and_coordinator") -> Goal:
            return write_goal(PAIR, goal_id, title=title, by="olga", at=at(3),
                              visibility=visibility)  # fmt: skip

        discussed = goal("g1", "cv-Review")
        private = goal("g2", "Networking", "private")
        linked = link_evidence(goal("g3", "Interview prep"), kind="journal_entry",
                               item_id="shared", by="anna", at=at(6), journal=j)  # fmt: skip
        dropped = drop_goal(goal("g4", "Visa"), by="olga", at=at(4), reason="done elsewhere")
        later = write_goal(PAIR, "g5", title="Mentoring others", by="olga", at=at(25))
        hidden_link = link_evidence(goal("g6", "Salary talk"), kind="journal_entry",
                                    item_id="private", by="olga", at=at(6), journal=j)  # fmt: skip
        got = figures([later, hidden_link, dropped, linked, private, discussed]).goals
        assert got is not None
        assert (got.goals, got.covered, got.rate) == (3, 2, 2 / 3)
        assert [(str(r.topic), r.pairs, r.covered) for r in got.rows] == [
            ("cv-Review", 1, 1),
            ("Interview prep", 1, 1),
            ("Salary talk", 1, 0),
        ]
        assert figures([discussed], viewer=ROOT).goals is None

    def test_a_pair_holding_one_topic_twice_holds_it_once(self) -> None:
        """Two goals with one title (in two spellings) make one row for the pair; covered if
        either is; a title that is no topic counts in the totals only."""
        goals = [
            write_goal(PAIR, "g1", title="Networking", by="olga", at=at(3)),
            link_evidence(write_goal(PAIR, "g2", title="networking!", by="olga", at=at(3)),
                          kind="journal_entry", item_id="shared", by="olga", at=at(6)),
            write_goal(PAIR, "g3", title="?!", by="olga", at=at(3)),
        ]  # fmt: skip
        got = figures(goals).goals
        assert got is not None
        assert (got.goals, got.covered) == (2, 1)
        assert [(str(r.topic), r.pairs, r.covered) for r in got.rows] == [("Networking", 1, 1)]

    def test_goals_are_checked(self) -> None:
        """A goal of a pair not given, of other people, or given twice is refused by name."""
        other = Mentorship("m2", "p", "anna", "ivan", started_on=date(2026, 3, 2))
        theirs = write_goal(other, "g1", title="Visa", by="ivan", at=at(3))
        with pytest.raises(ValidationError, match=r"goals\[0\].mentorship_id"):
            figures([theirs])
        impostor = write_goal(
            Mentorship("m1", "p", "boris", "ivan", started_on=date(2026, 3, 2)),
            "g1", title="Visa", by="ivan", at=at(3),
        )  # fmt: skip
        with pytest.raises(ValidationError, match=r"goals\[0\]"):
            figures([impostor])
        mine = write_goal(PAIR, "g1", title="Visa", by="olga", at=at(3))
        with pytest.raises(DuplicateIdError, match="goals"):
            figures([mine, mine])
        with pytest.raises(InvalidTypeError, match=r"goals\[1\]"):
            figures([mine, "Visa"])


class TestTheUpgrade:
    """``goals=`` as a mapping of topics: deprecated, and read exactly as its journey goals."""

    def test_the_mapping_warns(self) -> None:
        with pytest.warns(DeprecationWarning, match="goals_from_topics"):
            got = figures({"m1": "CV review; Networking"})
        assert got == figures(goals_from_topics([PAIR], {"m1": "CV review; Networking"}, at=at(2)))

    @settings(max_examples=40, deadline=None)
    @given(records(), days())
    def test_the_mapping_reads_as_the_goals_it_converts_to(self, r: Records, today: date) -> None:
        """For any program, day and viewer, the old mapping gives the figures of
        goals_from_topics' goals written before the program began."""
        converted = goals_from_topics(r.mentorships, r.goals, at=at(2) - timedelta(days=30))

        def run(goals: object, viewer: Actor) -> ProgramAnalytics:
            return program_analytics(
                r.program, r.mentorships, r.sessions, r.ledger, r.journals,
                viewer=viewer, today=today, goals=goals,  # type: ignore[arg-type]
            )  # fmt: skip

        for viewer in (CORA, ROOT):
            with pytest.warns(DeprecationWarning, match="goals="):
                old = run(r.goals, viewer)
            assert old == run(converted, viewer)

    def test_goals_from_topics_checks_its_input(self) -> None:
        with pytest.raises(UnknownIdError, match="goals"):
            goals_from_topics([PAIR], {"m9": "Visa"}, at=at(2))
        with pytest.raises(InvalidTypeError, match="goals"):
            goals_from_topics([PAIR], ["Visa"], at=at(2))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="goals"):
            goals_from_topics([PAIR], {1: "Visa"}, at=at(2))  # type: ignore[dict-item]
        with pytest.raises(ValidationError, match=r"goals\['m1'\]"):
            goals_from_topics([PAIR], {"m1": ["!!"]}, at=at(2))
        with pytest.raises(DuplicateIdError, match="mentorships"):
            goals_from_topics([PAIR, PAIR], {}, at=at(2))
