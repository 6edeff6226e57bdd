"""Goals: the lifecycle table is the rule, history replays, the words follow the journal's rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.access import Access, Actor, goal_access
from ementoring.accounting import Mentorship, Program, Session, complete
from ementoring.errors import (
    DuplicateIdError,
    InvalidTransitionError,
    UnknownIdError,
    ValidationError,
)
from ementoring.journal import ActionItem, Journal, JournalEntry, Visibility
from ementoring.journey import (
    GOAL_TRANSITIONS,
    Goal,
    GoalAction,
    GoalProgress,
    GoalStatus,
    achieve_goal,
    add_milestone,
    adopt_goal,
    complete_milestone,
    drop_goal,
    goal_progress,
    link_evidence,
    readable_goals,
    reopen_goal,
    revise_goal,
    suggest_goal,
    write_goal,
)
from ementoring.scheduling import Interval

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
PAIR = Mentorship("m1", PROGRAM.id, "anna", "mila", started_on=date(2026, 3, 2))
T0 = datetime(2026, 3, 4, tzinfo=UTC)

# Each step as (the action the table knows, the function taking it as the one allowed to).
STEPS: dict[str, tuple[GoalAction, Callable[[Goal, datetime, int], Goal]]] = {
    "adopt": (GoalAction.ADOPT, lambda g, at, n: adopt_goal(g, by="mila", at=at)),
    "revise": (
        GoalAction.REVISE,
        lambda g, at, n: revise_goal(g, by=g.author_id, at=at, title=f"Goal v{n}"),
    ),
    "milestone": (
        GoalAction.ADD_MILESTONE,
        lambda g, at, n: add_milestone(g, f"ms{n}", text=f"Step {n}", by="mila", at=at),
    ),
    "complete": (
        GoalAction.COMPLETE_MILESTONE,
        lambda g, at, n: complete_milestone(
            g, next((m.id for m in g.milestones if m.done_at is None), "ms-none"), by="mila", at=at
        ),
    ),
    "evidence": (
        GoalAction.LINK_EVIDENCE,
        lambda g, at, n: link_evidence(g, kind="session", item_id=f"s{n}", by="anna", at=at),
    ),
    "achieve": (GoalAction.ACHIEVE, lambda g, at, n: achieve_goal(g, by="mila", at=at)),
    "drop": (GoalAction.DROP, lambda g, at, n: drop_goal(g, by="mila", at=at, reason="Moved on")),
    "reopen": (GoalAction.REOPEN, lambda g, at, n: reopen_goal(g, by="mila", at=at)),
}


def begin(suggested: bool, visibility: str = "pair_and_coordinator") -> Goal:
    if suggested:
        return suggest_goal(
            PAIR, "g1", title="Join an HR association", by="anna", at=T0, visibility=visibility
        )
    return write_goal(
        PAIR,
        "g1",
        title="Understand HR practice in Canada",
        by="mila",
        at=T0,
        visibility=visibility,
    )


@given(
    st.booleans(),
    st.lists(st.tuples(st.sampled_from(sorted(STEPS)), st.integers(0, 48)), max_size=10),
)
def test_every_step_follows_the_table_and_replays(
    suggested: bool, steps: list[tuple[str, int]]
) -> None:
    """A step works exactly when the table allows it (a milestone to complete aside);
    the goal rebuilt from its fields is equal, and as_of every step's time is the goal then."""
    goal = begin(suggested)
    at = T0
    seen = {T0: goal}
    for number, (name, hours) in enumerate(steps):
        at += timedelta(hours=hours)
        action, apply = STEPS[name]
        allowed = (goal.status, action) in GOAL_TRANSITIONS
        if action is GoalAction.COMPLETE_MILESTONE and all(m.done_at for m in goal.milestones):
            with pytest.raises((InvalidTransitionError, UnknownIdError)):
                apply(goal, at, number)
            continue
        if allowed:
            goal = apply(goal, at, number)
            assert goal.status is GOAL_TRANSITIONS[(seen[max(seen)].status, action)]
            seen[at] = goal
        else:
            with pytest.raises(InvalidTransitionError):
                apply(goal, at, number)
    rebuilt = Goal(**{f.name: getattr(goal, f.name) for f in attrs.fields(Goal) if f.init})
    assert rebuilt == goal
    assert (rebuilt.status, rebuilt.title, rebuilt.milestones, rebuilt.evidence) == (
        goal.status,
        goal.title,
        goal.milestones,
        goal.evidence,
    )
    for moment, then in seen.items():
        back = goal.as_of(moment)
        assert back is not None
        assert (back.status, back.title, back.milestones, back.evidence) == (
            then.status,
            then.title,
            then.milestones,
            then.evidence,
        )
    assert goal.as_of(T0 - timedelta(seconds=1)) is None


def test_who_may_take_each_step() -> None:
    idea = begin(suggested=True)
    with pytest.raises(ValidationError, match="by: the mentor may not"):
        adopt_goal(idea, by="anna", at=T0)
    with pytest.raises(ValidationError, match="by: the mentee may not"):
        revise_goal(idea, by="mila", at=T0, title="Mine now")
    with pytest.raises(ValidationError, match="neither"):
        drop_goal(idea, by="ivan", at=T0, reason="x")
    retracted = drop_goal(idea, by="anna", at=T0, reason="Not for now")
    assert retracted.status is GoalStatus.DROPPED
    goal = adopt_goal(idea, by="mila", at=T0)
    with pytest.raises(ValidationError, match="the mentor may not"):
        add_milestone(goal, "ms1", text="Step", by="anna", at=T0)
    with pytest.raises(ValidationError, match="changes something"):
        revise_goal(goal, by="mila", at=T0)
    with pytest.raises(ValidationError, match="before the last step"):
        achieve_goal(goal, by="mila", at=T0 - timedelta(days=1))
    with pytest.raises(ValidationError, match="reason"):
        drop_goal(goal, by="mila", at=T0, reason="  ")
    with pytest.raises(ValidationError, match="title"):
        write_goal(PAIR, "g2", title="two\nlines", by="mila", at=T0)
    with pytest.raises(DuplicateIdError, match="milestone_id"):
        add_milestone(
            add_milestone(goal, "ms1", text="Step", by="mila", at=T0),
            "ms1",
            text="Again",
            by="mila",
            at=T0,
        )


def test_evidence_is_checked_against_what_is_given() -> None:
    goal = begin(suggested=False)
    journal = (
        Journal.for_mentorship(PAIR)
        .add_entry(JournalEntry("e1", "m1", "mila", "mentee", written_at=T0 + timedelta(days=2)))
        .add_action_item(
            ActionItem(
                "a1",
                "m1",
                "Research three HR associations",
                assigned_to="mila",
                assigned_by="anna",
                created_at=T0 + timedelta(days=2),
            )
        )
    )
    with pytest.raises(UnknownIdError, match="at that time"):
        link_evidence(goal, kind="journal_entry", item_id="e1", by="mila", at=T0, journal=journal)
    later = T0 + timedelta(days=3)
    goal = link_evidence(
        goal, kind="journal_entry", item_id="e1", by="mila", at=later, journal=journal
    )
    goal = link_evidence(
        goal, kind="action_item", item_id="a1", by="anna", at=later, journal=journal
    )
    with pytest.raises(DuplicateIdError):
        link_evidence(goal, kind="action_item", item_id="a1", by="anna", at=later, journal=journal)
    other = Journal("m2", mentor_id="anna", mentee_id="ivan")
    with pytest.raises(ValidationError, match="journal"):
        link_evidence(goal, kind="journal_entry", item_id="e9", by="mila", at=later, journal=other)
    start = T0 + timedelta(days=5)
    call = complete(
        Session(
            "s1",
            "m1",
            Interval(start, start + timedelta(hours=1)),
            ["anna", "mila"],
            proposed_at=T0,
        ),
        at=start + timedelta(hours=1),
    )
    theirs = Session(
        "s2", "m2", Interval(start, start + timedelta(hours=1)), ["anna", "ivan"], proposed_at=T0
    )
    goal = link_evidence(goal, kind="session", item_id="s1", by="anna", at=later, sessions=[call])
    with pytest.raises(UnknownIdError, match="not a session of the pair"):
        link_evidence(goal, kind="session", item_id="s2", by="anna", at=later, sessions=[theirs])
    assert [(e.kind.value, e.item_id) for e in goal.evidence] == [
        ("journal_entry", "e1"),
        ("action_item", "a1"),
        ("session", "s1"),
    ]


VIEWERS = st.builds(
    Actor,
    st.sampled_from(["anna", "mila", "maria", "root", "ivan"]),
    roles=st.sets(st.sampled_from(["mentor", "mentee", "coordinator", "admin"])),
    program_ids=st.sets(st.sampled_from([PROGRAM.id, "autumn"])),
    mentorship_ids=st.sets(st.sampled_from(["m1", "m2"])),
)


@given(
    VIEWERS,
    st.lists(st.tuples(st.booleans(), st.sampled_from(list(Visibility))), min_size=1, max_size=4),
    st.text(min_size=1, max_size=8).filter(str.strip).filter(str.isprintable),
)
def test_goal_words_reach_only_who_the_journal_rules_allow(
    viewer: Actor, made: list[tuple[bool, Visibility]], secret: str
) -> None:
    """readable_goals shows a goal exactly when goal_access reads it; goal_progress has no words;
    and rewriting the words of goals the viewer may not read changes nothing they see."""
    goals = [
        attrs.evolve(begin(suggested, visibility.value), id=f"g{index}")
        for index, (suggested, visibility) in enumerate(made)
    ]
    shown = readable_goals(goals, viewer=viewer, mentorship=PAIR, program=PROGRAM)
    expected = [
        g.id
        for g in goals
        if goal_access(
            viewer,
            author_id=g.author_id,
            visibility=g.visibility,
            mentorship=PAIR,
            program=PROGRAM,
        )
        is Access.READ
    ]
    assert [g.id for g in shown] == expected
    progress = goal_progress(goals, viewer=viewer, mentorship=PAIR, program=PROGRAM)
    assert {f.name for f in attrs.fields(GoalProgress)}.isdisjoint({"title", "description", "text"})
    assert set(expected) <= {p.goal_id for p in progress}
    rewritten = [
        g
        if g.id in expected
        else revise_goal(g, by=g.author_id, at=T0, title=secret, description=secret)
        if g.status is not GoalStatus.DROPPED
        else g
        for g in goals
    ]
    assert readable_goals(rewritten, viewer=viewer, mentorship=PAIR, program=PROGRAM) == shown
    again = goal_progress(rewritten, viewer=viewer, mentorship=PAIR, program=PROGRAM)
    assert [(p.goal_id, p.status, p.milestones) for p in again] == [
        (p.goal_id, p.status, p.milestones) for p in progress
    ]


def test_goals_of_another_pair_are_refused() -> None:
    theirs = Mentorship("m2", PROGRAM.id, "anna", "ivan", started_on=date(2026, 3, 2))
    goal = write_goal(theirs, "g9", title="Theirs", by="ivan", at=T0)
    coordinator = Actor("maria", roles=["coordinator"], program_ids=[PROGRAM.id])
    with pytest.raises(ValidationError, match=r"goals\[0\]\.mentorship_id"):
        readable_goals([goal], viewer=coordinator, mentorship=PAIR, program=PROGRAM)
