"""No operation changes an existing object: a state machine over journal operations."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from ementoring.access import Actor, coverage, review_queue
from ementoring.accounting import Mentorship, Program
from ementoring.errors import EmentoringError
from ementoring.journal import (
    ActionItem,
    Agenda,
    AgendaItem,
    Journal,
    Review,
)

from .strategies import MENTEE, MENTOR, MENTORSHIP, START, entries, topic_objects

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=START.date(), zone="UTC")
PAIR = Mentorship(MENTORSHIP, PROGRAM.id, MENTOR, MENTEE, started_on=START.date())
ANNA = Actor("anna", roles=["coordinator"], program_ids=[PROGRAM.id])


class JournalOperations(RuleBasedStateMachine):
    """Random valid and invalid operations; every object ever seen must stay as it was."""

    def __init__(self) -> None:
        super().__init__()
        self.journal = Journal(MENTORSHIP, mentor_id=MENTOR, mentee_id=MENTEE)
        self.seen: list[tuple[Any, Any]] = []
        self.remember(self.journal)

    def remember(self, value: Any) -> None:
        self.seen.append((value, copy.deepcopy(value)))

    def attempt(self, operation: Any) -> None:
        """Run an operation; keep its result; a refusal must be one of our errors."""
        before = self.journal
        try:
            result = operation()
        except EmentoringError:
            assert self.journal is before
            return
        self.remember(result)
        if isinstance(result, Journal):
            self.journal = result

    @rule(entry=entries(entry_id=None))
    def add_entry(self, entry: Any) -> None:
        self.remember(entry)
        self.attempt(lambda: self.journal.add_entry(entry))

    @rule(
        index=st.integers(0, 20),
        minutes=st.integers(-60, 60 * 24 * 3),
        topics=st.lists(topic_objects, max_size=3),
        by_author=st.booleans(),
    )
    def amend(self, index: int, minutes: int, topics: list[Any], by_author: bool) -> None:
        current = self.journal.current
        if not current:
            return
        latest = current[index % len(current)]
        by = latest.author_id if by_author else "ivan"
        at = latest.recorded_at + timedelta(minutes=minutes)
        self.attempt(lambda: self.journal.amend(latest.id, by=by, at=at, discussed=topics))

    @rule(index=st.integers(0, 20), review_id=st.sampled_from(["r1", "r2", "r3"]))
    def add_review(self, index: int, review_id: str) -> None:
        current = self.journal.current
        entry_id = current[index % len(current)].id if current else "missing"
        written = current[index % len(current)].written_at if current else START
        review = Review(
            review_id, entry_id, "anna", written_at=written, comment="Keep going", kind="suggestion"
        )
        self.attempt(lambda: self.journal.add_review(review))

    @rule(item_id=st.sampled_from(["a1", "a2"]), to_mentee=st.booleans())
    def add_item(self, item_id: str, to_mentee: bool) -> None:
        item = ActionItem(
            item_id,
            MENTORSHIP,
            "Read about Canadian workplace culture",
            assigned_to=MENTEE if to_mentee else MENTOR,
            assigned_by=MENTOR,
            created_at=START,
            due_on=date(2026, 3, 9),
        )
        self.attempt(lambda: self.journal.add_action_item(item))

    @rule(item_id=st.sampled_from(["a1", "a2", "a3"]), finish=st.booleans())
    def close_item(self, item_id: str, finish: bool) -> None:
        at = START + timedelta(days=3)
        if finish:
            self.attempt(lambda: self.journal.mark_done(item_id, at=at))
        else:
            self.attempt(lambda: self.journal.drop_action_item(item_id, at=at, reason="moved on"))

    @rule(session_id=st.sampled_from(["s1", "s2"]), topic=topic_objects, send=st.booleans())
    def agenda(self, session_id: str, topic: Any, send: bool) -> None:
        if send:
            at = START + timedelta(days=1)
            self.attempt(lambda: self.journal.send_agenda(session_id, at=at))
        else:
            agenda = Agenda(session_id, MENTEE, [AgendaItem(topic, requested_by=MENTEE)])
            self.attempt(lambda: self.journal.add_agenda(agenda))

    @rule(days=st.integers(0, 80))
    def read_only_views(self, days: int) -> None:
        now = START + timedelta(days=days)
        self.attempt(
            lambda: coverage(
                self.journal, PAIR, PROGRAM, "CV review; networking", viewer=ANNA, at=now
            )
        )
        self.attempt(lambda: review_queue(self.journal, PAIR, PROGRAM, viewer=ANNA, at=now))

    @invariant()
    def nothing_ever_changes(self) -> None:
        for value, snapshot in self.seen:
            assert value == snapshot

    @invariant()
    def versions_are_never_lost(self) -> None:
        versions = [e.version for e in self.journal.entries]
        assert len(versions) == len(set(versions))
        for previous, _ in self.seen:
            if isinstance(previous, Journal):
                assert set(previous.entries) <= set(self.journal.entries)


TestJournalOperations = JournalOperations.TestCase
TestJournalOperations.settings = settings(max_examples=40, stateful_step_count=25)


@pytest.mark.parametrize(
    "obj",
    [
        Journal(MENTORSHIP, mentor_id=MENTOR, mentee_id=MENTEE),
        Agenda("s1", MENTEE, [AgendaItem("CV review", requested_by=MENTEE)]),
    ],
)
def test_models_are_frozen(obj: Any) -> None:
    """Assigning to a field raises attrs' FrozenInstanceError."""
    name = attrs.fields(type(obj))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, name, "x")
