"""Non-interference: what a viewer may not see of a journal changes nothing they get.

For every public function that takes journal content, and every kind of viewer:

1. replacing the content (topics, observations) of the entries the viewer may not read,
   and the words of the pair's goals they may not read (``goal_access``), leaves the
   output unchanged;
2. where the rules hide an entry's existence from the viewer (``access_level`` is ``none``),
   removing the entry, its versions and its reviews, and any goal hidden alike, leaves the
   output unchanged too.

The functions are found from the public ``__all__`` lists, as the fuzz suite finds its
targets: any public callable with a parameter of a journal type (or a method of one) must be
in ``LAWS`` below, either with the call the law checks or with the reason it is a record
operation (it only hands back records its caller already holds). Mutation checks at the end
show the law failing for a report that reads one private field.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ementoring.access._completion
import ementoring.access._coverage
import ementoring.reports._analytics
from ementoring.access import (
    Access,
    Actor,
    AskedTopic,
    CoveredTopic,
    ExpectedEntry,
    QueuedEntry,
    RedactedEntry,
    TopicCoverage,
    access_level,
    can_read,
    can_review,
    can_write,
    coverage,
    expected_entries,
    goal_access,
    redact,
    redacted_entries,
    require_read,
    require_review,
    require_write,
    review_queue,
    visible_entries,
)
from ementoring.accounting import Mentorship, Program
from ementoring.journal import ActionItem, Agenda, AgendaItem, Journal, JournalEntry, Review
from ementoring.journey import Goal, goals_from_topics, write_goal
from ementoring.people import Person
from ementoring.reminders import Reminder, reminders, render
from ementoring.reports import (
    GoalCoverage,
    GoalRow,
    JournalCompletion,
    ProgramAnalytics,
    ReviewLatency,
    program_analytics,
    render_dashboard,
)
from tests.fuzz.discover import Target, targets
from tests.reports.strategies import Records, instants, records, stamps

JOURNAL_TYPES: tuple[type, ...] = (
    Journal,
    JournalEntry,
    Review,
    Agenda,
    AgendaItem,
    ActionItem,
    RedactedEntry,
    QueuedEntry,
    TopicCoverage,
    CoveredTopic,
    AskedTopic,
    ProgramAnalytics,
    GoalCoverage,
    GoalRow,
    JournalCompletion,
    ReviewLatency,
    Reminder,
    ExpectedEntry,
)
"""Journal content, and what is computed from it for a viewer."""

# -- the story each law is checked on --------------------------------------------------


@dataclass(frozen=True)
class Story:
    """A program's records, the instant a report judges at, and who asks."""

    records: Records
    at: datetime

    @property
    def program(self) -> Program:
        return self.records.program

    def pairs(self) -> list[tuple[Mentorship, Journal]]:
        journals = {j.mentorship_id: j for j in self.records.journals}
        return [(m, journals[m.id]) for m in self.records.mentorships]

    def with_journals(self, change: Callable[[Mentorship, Journal], Journal]) -> Story:
        changed = {m.id: change(m, j) for m, j in self.pairs()}
        journals = tuple(changed[j.mentorship_id] for j in self.records.journals)
        return Story(records=attrs.evolve(self.records, journals=journals), at=self.at)

    def with_goals(self, change: Callable[[Mentorship, Goal], Goal | None]) -> Story:
        """Each goal changed (or, for ``None``, taken out)."""
        pairs = {m.id: m for m in self.records.mentorships}
        found = (change(pairs[g.mentorship_id], g) for g in self.records.pair_goals)
        goals = tuple(g for g in found if g is not None)
        return Story(records=attrs.evolve(self.records, pair_goals=goals), at=self.at)

    def goal_access(self, viewer: Actor, m: Mentorship, goal: Goal) -> Access:
        """How much of the goal the viewer sees, as it stood at the story's instant."""
        then = goal.as_of(self.at)
        if then is None:
            return Access.NONE
        return goal_access(viewer, author_id=then.author_id, visibility=then.visibility,
                           mentorship=m, program=self.program)  # fmt: skip


def viewers(r: Records) -> list[Actor]:
    """Every kind of viewer: each member of each pair, the program's staff, another program's,
    nobody, and claims the data does not back."""
    found = [Actor("nobody", roles=[])]
    for m in r.mentorships:
        found.append(Actor(m.mentor_id, roles=["mentor"], mentorship_ids=[m.id]))
        found.append(Actor(m.mentee_id, roles=["mentee"], mentorship_ids=[m.id]))
    first = r.mentorships[0]
    return [
        *found,
        Actor("cora", roles=["coordinator"], program_ids=["p"]),
        Actor("cora", roles=["coordinator"], program_ids=["q"]),
        Actor("root", roles=["admin"], program_ids=["p"]),
        Actor("root", roles=["admin"], program_ids=["q"]),
        # A mentor who also coordinates the program, and a claim to a pair one is not in.
        Actor(
            first.mentor_id,
            roles=["mentor", "coordinator"],
            program_ids=["p"],
            mentorship_ids=[first.id],
        ),
        Actor(first.mentee_id, roles=["mentee"], mentorship_ids=["m-other"]),
    ]


def moments(r: Records) -> st.SearchStrategy[datetime]:
    """When a report runs: after everything, at the very stamp of an entry or review, or anytime."""
    written = [e.recorded_at for j in r.journals for e in j.entries]
    written += [v.written_at for j in r.journals for v in j.reviews]
    found = stamps(r)
    after = st.just(max(found) + timedelta(days=1)) if found else st.nothing()
    return after | (st.sampled_from(written) if written else st.nothing()) | instants(r)


@st.composite
def stories(draw: st.DrawFn) -> tuple[Story, Actor]:
    r = draw(records(most_pairs=3, most_sessions=3))
    return Story(records=r, at=draw(moments(r))), draw(st.sampled_from(viewers(r)))


# -- the two transformations ----------------------------------------------------------


def _current(journal: Journal, at: datetime) -> tuple[JournalEntry, ...]:
    return journal.as_of(at).current


def unreadable(story: Story, viewer: Actor, m: Mentorship, j: Journal) -> set[str]:
    """Ids of the entries the viewer may not read, as they stood at the story's instant."""
    return {
        e.id
        for e in _current(j, story.at)
        if access_level(viewer, e, m, story.program) is not Access.READ
    }


def unknown(story: Story, viewer: Actor, m: Mentorship, j: Journal) -> set[str]:
    """Ids of the entries whose existence the rules hide from the viewer then."""
    return {
        e.id
        for e in _current(j, story.at)
        if access_level(viewer, e, m, story.program) is Access.NONE
    }


def _rebuilt(
    journal: Journal, entries: Iterable[JournalEntry], reviews: Iterable[Review]
) -> Journal:
    return Journal(
        journal.mentorship_id,
        mentor_id=journal.mentor_id,
        mentee_id=journal.mentee_id,
        entries=tuple(entries),
        agendas=journal.agendas,
        action_items=journal.action_items,
        reviews=tuple(reviews),
    )


def _other_content(entry: JournalEntry) -> JournalEntry:
    return attrs.evolve(
        entry,
        discussed="a secret topic; CV review; Networking",
        next_topics="another secret",
        observations=f"changed: {entry.observations!r} was here",
    )


def _other_words(goal: Goal) -> Goal:
    """The goal with other words in every step that carries any."""
    history = tuple(
        attrs.evolve(
            e,
            title=None if e.title is None else f"secret goal {index}",
            description=None if e.description is None else "another secret",
            text=None if e.text is None else f"secret milestone {index}",
        )
        for index, e in enumerate(goal.history)
    )
    return attrs.evolve(goal, history=history)


def scrubbed(story: Story, viewer: Actor, *, everyone: bool = False) -> Story:
    """Every version of each entry, and every step of each goal, the viewer may not read
    (``everyone``: of each) given other content."""

    def change(m: Mentorship, j: Journal) -> Journal:
        ids = {e.id for e in j.entries} if everyone else unreadable(story, viewer, m, j)
        entries = (_other_content(e) if e.id in ids else e for e in j.entries)
        return _rebuilt(j, entries, j.reviews)

    def change_goal(m: Mentorship, goal: Goal) -> Goal:
        hidden = everyone or story.goal_access(viewer, m, goal) is not Access.READ
        return _other_words(goal) if hidden else goal

    return story.with_journals(change).with_goals(change_goal)


def removed(story: Story, viewer: Actor) -> Story:
    """Each entry hidden from the viewer taken out, with its versions and reviews."""

    def change(m: Mentorship, j: Journal) -> Journal:
        ids = unknown(story, viewer, m, j)
        return _rebuilt(
            j,
            (e for e in j.entries if e.id not in ids),
            (r for r in j.reviews if r.entry_id not in ids),
        )

    def keep_goal(m: Mentorship, goal: Goal) -> Goal | None:
        return None if story.goal_access(viewer, m, goal) is Access.NONE else goal

    return story.with_journals(change).with_goals(keep_goal)


# -- the laws ---------------------------------------------------------------------------


def outcome(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A call's result, or the refusal it raised (class and message): both are output."""
    try:
        return ("returned", function(*args, **kwargs))
    except Exception as error:  # a refusal is part of what the viewer gets
        return ("raised", type(error).__name__, str(error))


@dataclass(frozen=True)
class Law:
    """How to call a function on a story for a viewer, and which laws apply.

    ``existence``: law 2 applies (the function gathers entries itself; a function asked about
    one entry its caller holds is held to law 1 only). ``blind``: the output may not depend on
    any entry's content at all, readable or not.
    """

    call: Callable[[Story, Actor], Any]
    existence: bool = True
    blind: bool = False


@dataclass(frozen=True)
class RecordOperation:
    """A function that only hands back records its caller already holds, and why."""

    reason: str


def _per_pair(
    f: Callable[[Story, Actor, Mentorship, Journal], Any],
) -> Callable[[Story, Actor], Any]:
    return lambda s, v: [outcome(f, s, v, m, j) for m, j in s.pairs()]


def _per_entry(
    f: Callable[[Actor, JournalEntry, Mentorship, Program], Any],
) -> Callable[[Story, Actor], Any]:
    return lambda s, v: [
        outcome(f, v, e, m, s.program) for m, j in s.pairs() for e in _current(j, s.at)
    ]


def _analytics(s: Story, v: Actor) -> ProgramAnalytics:
    r = s.records
    return program_analytics(
        r.program,
        r.mentorships,
        r.sessions,
        r.ledger,
        r.journals,
        viewer=v,
        at=s.at,
        goals=r.pair_goals,
    )


def _reminders(s: Story, v: Actor, m: Mentorship, j: Journal) -> tuple[Reminder, ...]:
    r = s.records
    return reminders(r.program, m, r.sessions, j, r.ledger, viewer=v, at=s.at)


_HOLDER = "the record itself: whoever holds a Journal holds every entry; views come from access"
_RESULT = "a result class: it holds what a view computed for its viewer"

LAWS: dict[str, Law | RecordOperation] = {
    "ementoring.access.visible_entries": Law(
        _per_pair(lambda s, v, m, j: visible_entries(v, j.as_of(s.at), m, s.program))
    ),
    "ementoring.access.redacted_entries": Law(
        _per_pair(lambda s, v, m, j: redacted_entries(v, j.as_of(s.at), m, s.program))
    ),
    "ementoring.access.coverage": Law(
        _per_pair(
            lambda s, v, m, j: coverage(
                j, m, s.program, s.records.goals.get(m.id, ()), viewer=v, at=s.at
            )
        )
    ),
    "ementoring.access.review_queue": Law(
        _per_pair(lambda s, v, m, j: review_queue(j, m, s.program, viewer=v, at=s.at))
    ),
    "ementoring.access.access_level": Law(_per_entry(access_level), existence=False, blind=True),
    "ementoring.access.can_read": Law(_per_entry(can_read), existence=False, blind=True),
    "ementoring.access.can_write": Law(_per_entry(can_write), existence=False, blind=True),
    "ementoring.access.can_review": Law(_per_entry(can_review), existence=False, blind=True),
    "ementoring.access.require_read": Law(_per_entry(require_read), existence=False),
    "ementoring.access.require_write": Law(_per_entry(require_write), existence=False),
    "ementoring.access.require_review": Law(_per_entry(require_review), existence=False),
    "ementoring.access.redact": Law(
        lambda s, v: [
            redact(e, reviews=j.as_of(s.at).reviews)
            for _, j in s.pairs()
            for e in _current(j, s.at)
        ],
        existence=False,
        blind=True,
    ),
    "ementoring.access.expected_entries": Law(
        lambda s, v: outcome(
            expected_entries,
            s.program,
            s.records.mentorships,
            s.records.sessions,
            s.records.journals,
            viewer=v,
            at=s.at,
        )
    ),
    "ementoring.access.check_records": RecordOperation(
        "checks the records it was given and hands them back as they are"
    ),
    "ementoring.reminders.reminders": Law(_per_pair(_reminders)),
    "ementoring.reminders.render": Law(
        _per_pair(
            lambda s, v, m, j: [
                render(r, [Person(id=r.recipient_id)]) for r in _reminders(s, v, m, j)
            ]
        )
    ),
    "ementoring.reports.program_analytics": Law(lambda s, v: outcome(_analytics, s, v)),
    "ementoring.reports.render_dashboard": Law(
        lambda s, v: outcome(lambda: render_dashboard(_analytics(s, v), viewer=v))
    ),
    # Record operations: they select or change records the caller holds, and hand back no
    # more than they were given; the privacy boundary is where records become views.
    "ementoring.journal.amend": RecordOperation("the author's next version of their own entry"),
    "ementoring.journal.current_versions": RecordOperation(
        "the latest of the versions it was given: a selection of records the caller holds"
    ),
    "ementoring.journal.agenda_status": RecordOperation(
        "whether an agenda went out in time, from its times; agendas are the pair's, shared"
    ),
    "ementoring.journal.send": RecordOperation("the agenda given, marked sent"),
    "ementoring.journal.done": RecordOperation("the action item given, marked done"),
    "ementoring.journal.drop": RecordOperation("the action item given, dropped"),
    "ementoring.journal.Agenda": RecordOperation("a constructor of the record"),
    "ementoring.journal.JournalRecord": RecordOperation(
        "a constructor of one stored row, holding the record it is given"
    ),
    "ementoring.journal.journal_records": RecordOperation(
        "the journal given, as its stored rows: every record the caller holds, nothing more"
    ),
    "ementoring.journey.link_evidence": RecordOperation(
        "the goal given, linked to an item id its caller names; the journal it is checked"
        " against is one the caller holds"
    ),
    **{
        f"ementoring.journal.Journal.{name}": RecordOperation(_HOLDER)
        for name in (
            "action_item",
            "add_action_item",
            "add_agenda",
            "add_entry",
            "add_review",
            "agenda_for",
            "amend",
            "as_of",
            "drop_action_item",
            "entry",
            "history",
            "mark_done",
            "reviews_for",
            "send_agenda",
        )
    },
    "ementoring.access.QueuedEntry": RecordOperation(_RESULT),
    "ementoring.reports.GoalCoverage": RecordOperation(_RESULT),
    "ementoring.reports.ProgramAnalytics": RecordOperation(_RESULT),
}
"""Every public callable taking journal content: the law it is held to, or why it is not."""


def violations(law: Law, story: Story, viewer: Actor) -> list[str]:
    """The laws the call breaks on this story for this viewer (empty when it keeps them)."""
    found = []
    seen = law.call(story, viewer)
    if law.call(scrubbed(story, viewer, everyone=law.blind), viewer) != seen:
        found.append("content: replacing what the viewer may not read changed the output")
    if law.existence and law.call(removed(story, viewer), viewer) != seen:
        found.append("existence: removing entries hidden from the viewer changed the output")
    return found


# -- every function taking journal content is in the table -----------------------------


def _names_in(annotation: Any) -> set[str]:
    """The journal types an annotation mentions (a string one is read by its words)."""
    if isinstance(annotation, str):
        return {t.__name__ for t in JOURNAL_TYPES if re.search(rf"\b{t.__name__}\b", annotation)}
    if isinstance(annotation, type):
        return {t.__name__ for t in JOURNAL_TYPES if issubclass(annotation, t)}
    return set().union(*(_names_in(arg) for arg in typing.get_args(annotation)))


def journal_parameters(target: Target) -> set[str]:
    """The journal types among a callable's parameters (``self`` of a journal type included)."""
    function: Any = target.function
    try:
        hints = typing.get_type_hints(function.__init__ if isinstance(function, type) else function)  # type: ignore[misc]
    except Exception:  # names only imported for type checking: read the annotations' words
        hints = {}
    found: set[str] = set()
    for parameter in target.parameters:
        found |= _names_in(hints.get(parameter.name, parameter.annotation))
    if target.owner is not None:
        found |= _names_in(target.owner)
    return found


def unregistered(found: Iterable[Target]) -> list[str]:
    """The callables taking journal content that the law's table does not list."""
    return sorted(t.name for t in found if journal_parameters(t) and t.name not in LAWS)


class TestEveryFunctionIsHeldToTheLaw:
    def test_every_callable_taking_journal_content_is_registered(self) -> None:
        """A public callable with a journal parameter must be in LAWS (held to it, or a record operation)."""
        missing = unregistered(targets())
        assert not missing, f"add to LAWS in {__file__}: {missing}"

    def test_no_stale_entries(self) -> None:
        """Every name in LAWS is a public callable that takes journal content."""
        taking = {t.name for t in targets() if journal_parameters(t)}
        assert sorted(set(LAWS) - taking) == []

    def test_a_new_function_cannot_escape(self) -> None:
        """A new public function with a Journal parameter, not in the table, is caught."""

        def topics_of_everyone(journal: Journal) -> list[str]:
            """A report someone might add: every topic, whoever asks."""
            return [t.label for e in journal.current for t in e.discussed]

        def in_words(notes: list[JournalEntry] | None) -> str:
            return str(notes)

        new = [Target("ementoring.reports.topics_of_everyone", topics_of_everyone),
               Target("ementoring.reports.in_words", in_words)]  # fmt: skip
        assert unregistered([*targets(), *new]) == [
            "ementoring.reports.in_words",
            "ementoring.reports.topics_of_everyone",
        ]

    def test_every_view_takes_a_keyword_only_viewer_without_default(self) -> None:
        """The functions held to the full law take ``viewer`` (or the rules' ``actor``) and no default lets a call skip it."""
        by_name = {t.name: t for t in targets()}
        for name, law in LAWS.items():
            if not isinstance(law, Law) or name == "ementoring.reminders.render":
                continue
            parameters = inspect.signature(by_name[name].function).parameters
            who = parameters.get("viewer") or parameters.get("actor")
            if who is None:
                assert name == "ementoring.access.redact"  # blind: no content at all
                continue
            assert who.default is inspect.Parameter.empty, name
            if who.name == "viewer":
                assert who.kind is inspect.Parameter.KEYWORD_ONLY, name


# -- the laws, with Hypothesis ------------------------------------------------------------

LAWFUL = sorted(name for name, law in LAWS.items() if isinstance(law, Law))
_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_law(name: str, examples: int = 60, *, fixed: bool = False) -> None:
    """Run the law for ``name`` on random stories and viewers; AssertionError names the break.

    ``fixed`` draws the same stories on every run (no database, derandomised), so a
    mutation check that expects a break does not depend on the luck of one run.
    """
    law = LAWS[name]
    assert isinstance(law, Law)
    chosen = settings(_SETTINGS, max_examples=examples)
    if fixed:
        chosen = settings(chosen, derandomize=True, database=None)

    @chosen
    @given(stories())
    def holds(story_and_viewer: tuple[Story, Actor]) -> None:
        story, viewer = story_and_viewer
        assert violations(law, story, viewer) == []

    holds()


@pytest.mark.parametrize("name", LAWFUL)
def test_non_interference(name: str) -> None:
    """What the viewer may not read, and entries hidden from them, change nothing they get."""
    check_law(name)


# -- mutation checks: a report that reads one private field fails ------------------------


class TestMutations:
    """The law is not vacuous: a leak of one private field, or of one entry's existence, breaks it."""

    program = Program("p", "Spring", starts_on=datetime(2026, 3, 2).date(), zone="UTC")
    pair = Mentorship("m0", "p", "mentor0", "mentee0", started_on=program.starts_on)
    cora = Actor("cora", roles=["coordinator"], program_ids=["p"])

    def story(self) -> Story:
        """A pair with one shared entry and one private entry, the private one about the goal."""
        from ementoring.accounting import HourLedger, complete, entries_for_session
        from tests.reports.test_analytics import at, call  # one held session, as by hand there

        held = complete(call("s1", self.pair, 3), at=at(3, 17))
        ledger = HourLedger().record_all(entries_for_session(held, self.program), sessions=[held])
        journal = Journal.for_mentorship(self.pair)
        for entry_id, author, role, visibility, topics in (
            ("shared", "mentor0", "mentor", "pair_and_coordinator", "CV review"),
            ("secret", "mentee0", "mentee", "private", "leaving my abusive employer"),
        ):
            journal = journal.add_entry(
                JournalEntry(entry_id, "m0", author, role, written_at=at(3, 20), session_id="s1",
                             discussed=topics, observations="I am scared", visibility=visibility)
            )  # fmt: skip
        goals = {"m0": ("leaving my abusive employer", "CV review")}
        secret = write_goal(self.pair, "private-goal", title="Leaving my abusive employer",
                            by="mentee0", at=at(3), visibility="private")  # fmt: skip
        r = Records(
            program=self.program,
            mentorships=(self.pair,),
            sessions=(held,),
            ledger=ledger,
            journals=(journal,),
            goals=goals,
            pair_goals=(*goals_from_topics([self.pair], goals, at=at(2)), secret),
        )
        return Story(records=r, at=at(12))

    def test_the_real_functions_keep_the_law_here(self) -> None:
        """On the mutation story itself, every lawful function keeps the law for the coordinator."""
        for name in LAWFUL:
            law = LAWS[name]
            assert isinstance(law, Law)
            assert violations(law, self.story(), self.cora) == [], name

    def test_a_leaky_wrapper_reading_one_private_field_fails(self) -> None:
        """A report adding the length of every entry's observations breaks the content law."""

        def leaky(story: Story, viewer: Actor) -> Any:
            honest = LAWS["ementoring.access.visible_entries"]
            assert isinstance(honest, Law)
            lengths = [len(e.observations) for _, j in story.pairs() for e in j.current]
            return honest.call(story, viewer), lengths

        assert "content: replacing what the viewer may not read changed the output" in (
            violations(Law(leaky), self.story(), self.cora)
        )

    @pytest.mark.parametrize(
        ("module", "name"),
        [
            (ementoring.access._coverage, "ementoring.access.coverage"),
            (ementoring.reports._analytics, "ementoring.reports.program_analytics"),
        ],
    )
    def test_topics_read_from_every_entry_fail(
        self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str
    ) -> None:
        """coverage, or goal coverage, built on every entry instead of the visible ones reads
        private topics."""
        monkeypatch.setattr(
            module,
            "visible_entries",
            lambda viewer, journal, mentorship, program: journal.current,
        )
        law = LAWS[name]
        assert isinstance(law, Law)
        assert "content: replacing what the viewer may not read changed the output" in (
            violations(law, self.story(), self.cora)
        )

    def test_goals_read_whatever_the_viewer_fail(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Goal coverage built on every goal instead of those the viewer reads counts the
        mentee's private goal: replacing its words changes the figures."""

        def every_goal(
            goals: Iterable[Goal],
            *,
            viewer: Actor,
            mentorship: Mentorship,
            program: Program,
            at: datetime,
        ) -> tuple[Goal, ...]:
            return tuple(g for g in (goal.as_of(at) for goal in goals) if g is not None)  # fmt: skip

        monkeypatch.setattr(ementoring.reports._analytics, "readable_goals", every_goal)
        law = LAWS["ementoring.reports.program_analytics"]
        assert isinstance(law, Law)
        assert "content: replacing what the viewer may not read changed the output" in (
            violations(law, self.story(), self.cora)
        )

    def test_analytics_counting_hidden_entries_fails(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Journal completion counting entries whatever the viewer: the existence law breaks,
        and Hypothesis finds a story that shows it."""

        def every_entry(
            viewer: Actor, journal: Journal, mentorship: Mentorship, program: Program
        ) -> tuple[RedactedEntry, ...]:
            return tuple(redact(e, reviews=journal.reviews) for e in journal.current)

        # Journal completion reads entries where it is defined, for reports and reminders alike.
        monkeypatch.setattr(ementoring.access._completion, "redacted_entries", every_entry)
        law = LAWS["ementoring.reports.program_analytics"]
        assert isinstance(law, Law)
        assert violations(law, self.story(), self.cora) == [
            "existence: removing entries hidden from the viewer changed the output"
        ]
        with pytest.raises(AssertionError, match="existence"):
            check_law("ementoring.reports.program_analytics", examples=300, fixed=True)
