"""Topic coverage: what was covered, what was asked for, what to do next, as the viewer may read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.access import Actor, TopicCoverage, can_read, coverage, visible_entries
from ementoring.accounting import Mentorship, Program
from ementoring.errors import NaiveDatetimeError, ValidationError
from ementoring.journal import (
    Journal,
    JournalEntry,
    Topic,
    amend,
)
from tests.journal.strategies import MENTEE, MENTOR, MENTORSHIP, START, journals, topic_lists

from .strategies import actors

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=START.date(), zone="America/Toronto")
PAIR = Mentorship(MENTORSHIP, PROGRAM.id, MENTOR, MENTEE, started_on=START.date())
OLGA = Actor(MENTEE, roles=["mentee"], mentorship_ids=[MENTORSHIP])

T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def entry(entry_id: str, day: int, **kw: object) -> JournalEntry:
    author, role = (MENTOR, "mentor") if kw.pop("by_mentor", False) else (MENTEE, "mentee")
    return JournalEntry(
        entry_id,
        MENTORSHIP,
        author,
        role,
        written_at=T0 + timedelta(days=day),
        **kw,  # type: ignore[arg-type]
    )


def journal_of(*entries: JournalEntry) -> Journal:
    journal = Journal(MENTORSHIP, mentor_id=MENTOR, mentee_id=MENTEE)
    for e in entries:
        journal = journal.add_entry(e)
    return journal


def topics_of(
    journal: Journal,
    goals: str | Iterable[str | Topic] = "",
    *,
    viewer: Actor = OLGA,
    at: datetime | None = None,
) -> TopicCoverage:
    """Coverage of the pair's journal, by Olga (the mentee) unless another viewer is given."""
    return coverage(journal, PAIR, PROGRAM, goals, viewer=viewer, at=at)


def oracle_covered(journal: Journal, as_of: datetime | None, viewer: Actor) -> dict[str, set[str]]:
    """Topic key -> meetings, from the latest version recorded by as_of of each entry the viewer reads."""
    result: dict[str, set[str]] = {}
    for entry_id in {e.id for e in journal.entries}:
        versions = [
            e
            for e in journal.entries
            if e.id == entry_id and (as_of is None or e.recorded_at <= as_of)
        ]
        if not versions:
            continue
        latest = max(versions, key=lambda e: e.revision)
        if not can_read(viewer, latest, PAIR, PROGRAM):
            continue
        meeting = latest.session_id or f"entry {latest.id}"
        for topic in latest.discussed:
            result.setdefault(topic.key, set()).add(meeting)
    return result


class TestStory:
    def test_story_journal(self) -> None:
        """Three weeks of a St. Petersburg-Toronto pair."""
        journal = journal_of(
            entry("e1", 0, session_id="s1", discussed="CV review", next_topics="interview prep"),
            entry("e2", 0, session_id="s1", by_mentor=True, discussed="CV review; goals"),
            entry("e3", 7, session_id="s2", discussed="Interview prep; cv-review"),
            entry("e4", 14, session_id="s3", discussed="networking", next_topics="salary talk"),
        )
        report = topics_of(journal, "CV review; Canadian workplace culture; networking")
        assert [(c.topic.label, c.times) for c in report.covered] == [
            ("CV review", 2),  # s1 counted once although both wrote about it
            ("goals", 1),
            ("interview prep", 1),  # first spelling seen (asked for in e1)
            ("networking", 1),
        ]
        cv = report.covered[0]
        assert (cv.first_at, cv.last_at) == (T0, T0 + timedelta(days=7))
        assert [(a.topic.label, a.asked_at) for a in report.asked_for] == [
            ("salary talk", T0 + timedelta(days=14))
        ]
        assert report.untouched_goals == (Topic("Canadian workplace culture"),)
        assert report.suggested_next == (Topic("salary talk"), Topic("Canadian workplace culture"))
        assert report.covered_topics[0] == Topic("cv review")

    def test_entries_without_session_count_alone(self) -> None:
        """Two entries with no session are two occasions."""
        report = topics_of(journal_of(entry("e1", 0, discussed="x"), entry("e2", 1, discussed="x")))
        assert report.covered[0].times == 2

    def test_asking_again_in_the_same_entry_keeps_the_topic_open(self) -> None:
        """Discussed and asked for next in one entry: still asked for."""
        journal = journal_of(entry("e1", 0, discussed="networking", next_topics="networking"))
        assert [a.topic for a in topics_of(journal).asked_for] == [Topic("networking")]
        journal = journal.add_entry(entry("e2", 1, discussed="Networking"))
        assert topics_of(journal).asked_for == ()

    def test_earliest_open_request_is_reported(self) -> None:
        """asked_at is the first request still open, so older requests go first."""
        journal = journal_of(
            entry("e1", 0, next_topics="b; a"),
            entry("e2", 1, discussed="a", next_topics="c"),
            entry("e3", 2, next_topics="a; b"),
        )
        assert [(a.topic.key, a.asked_at) for a in topics_of(journal).asked_for] == [
            ("b", T0),
            ("c", T0 + timedelta(days=1)),
            ("a", T0 + timedelta(days=2)),
        ]

    def test_bad_inputs(self) -> None:
        """Bad goals and naive as_of are reported."""
        with pytest.raises(ValidationError) as info:
            topics_of(journal_of(), ["ok", "!!"])
        assert info.value.field == "goals[1]"
        with pytest.raises(NaiveDatetimeError):
            topics_of(journal_of(), at=datetime(2026, 3, 1))


class TestCoverageLaws:
    @given(journals(), st.none() | st.integers(-1, 80 * 24), actors)
    def test_covered_exactly_when_a_current_entry_discussed_it(
        self, journal: Journal, hours: int | None, viewer: Actor
    ) -> None:
        """Covered as of t iff an entry current at t that the viewer reads discussed it, per meeting."""
        as_of = None if hours is None else START + timedelta(hours=hours)
        report = topics_of(journal, viewer=viewer, at=as_of)
        expected = oracle_covered(journal, as_of, viewer)
        assert {c.topic.key: c.times for c in report.covered} == {
            key: len(meetings) for key, meetings in expected.items()
        }
        for covered in report.covered:
            assert as_of is None or covered.last_at <= as_of
            assert covered.first_at <= covered.last_at

    @given(journals(), st.data())
    def test_amendments_never_double_count(self, journal: Journal, data: st.DataObject) -> None:
        """Amending entries without changing their topics leaves coverage as it was."""
        before = topics_of(journal, "CV review; Networking")
        amended = journal
        for current in journal.current:
            for step in range(data.draw(st.integers(0, 3))):
                latest = amended.entry(current.id)
                amended = amended.add_entry(
                    amend(
                        latest,
                        by=latest.author_id,
                        at=latest.recorded_at + timedelta(hours=1),
                        observations=f"{latest.observations} note {step}",
                    )
                )
        assert topics_of(amended, "CV review; Networking") == before

    @given(journals(), topic_lists)
    def test_suggestions_are_asked_for_then_untouched_goals(
        self, journal: Journal, goals: list[Topic]
    ) -> None:
        """Suggested next: asked-for topics first, then untouched goals, no repeats."""
        report = topics_of(journal, goals)
        asked = [a.topic for a in report.asked_for]
        assert list(report.suggested_next[: len(asked)]) == asked
        rest = [g for g in report.untouched_goals if g not in asked]
        assert list(report.suggested_next[len(asked) :]) == rest
        covered = set(report.covered_topics)
        assert all(goal not in covered for goal in report.untouched_goals)
        assert {g for g in goals if g not in covered} == set(report.untouched_goals)

    @given(journals())
    def test_asked_topic_has_not_come_up_since(self, journal: Journal) -> None:
        """No current entry written after asked_at discussed an asked-for topic."""
        report = topics_of(journal)
        readable = visible_entries(OLGA, journal, PAIR, PROGRAM)
        for asked in report.asked_for:
            later = [
                e for e in readable if e.written_at > asked.asked_at and asked.topic in e.discussed
            ]
            assert later == []
            assert any(
                e.written_at == asked.asked_at and asked.topic in e.next_topics for e in readable
            )
