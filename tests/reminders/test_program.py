"""Reminders over a whole program: one key each, group sessions, replies, changes, finished pairs.

The laws run everyone's reminders at one instant (a "run", as a platform's
hourly job makes it): no two share a key, and the journal entries they ask for
are the ones ``program_analytics`` counts as missing, both read from
:func:`~ementoring.access.expected_entries`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    Program,
    Session,
    cancel,
    close_mentorship,
    complete,
    confirm,
    entries_for_session,
    pause_mentorship,
    reply,
    reschedule,
)
from ementoring.journal import Journal, JournalEntry
from ementoring.people import Directory, Person
from ementoring.reminders import ChangeParams, Reminder, ReminderKind, reminders, render
from ementoring.reports import program_analytics
from ementoring.scheduling import Interval
from tests.reports.strategies import records

PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="America/Toronto")
# anna mentors olga and ivan; dana mentors boris; yael is a guest; cora coordinates.
PAIRS = {
    "m1": Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2)),
    "m2": Mentorship("m2", "p", "anna", "ivan", started_on=date(2026, 3, 2)),
    "m3": Mentorship("m3", "p", "dana", "boris", started_on=date(2026, 3, 2)),
}
CORA = Actor("cora", roles=["coordinator"], program_ids=["p"])
ROOT = Actor("root", roles=["admin"], program_ids=["p"])
HOUR = timedelta(hours=1)
PEOPLE = Directory(
    people=[
        Person(id="anna", name="Anna"),
        Person(id="olga", name="Olga", zone="Europe/Moscow", locale="ru"),
        Person(id="ivan", name="Ivan"),
        Person(id="dana", name="Dana"),
        Person(id="boris", name="Boris"),
        Person(id="yael", name="Yael", zone="Asia/Jerusalem"),
    ]
)


def actors(pairs: dict[str, Mentorship] | list[Mentorship]) -> list[Actor]:
    """Each member of the pairs, with the claims of their pairs, and the coordinator."""
    found = list(pairs.values()) if isinstance(pairs, dict) else pairs
    members: dict[str, list[str]] = {}
    for pair in found:
        for person in pair.participant_ids:
            members.setdefault(person, []).append(pair.id)
    return [
        *(Actor(p, roles=["mentor", "mentee"], mentorship_ids=ids) for p, ids in members.items()),
        CORA,
    ]


def run(
    pairs: list[Mentorship],
    sessions: list[Session],
    journals: list[Journal],
    ledger: HourLedger,
    at: datetime,
    **options: Any,
) -> list[Reminder]:
    """Everyone's reminders at ``at``: what a platform's job gets in one run."""
    return [
        r
        for viewer in actors(pairs)
        for r in reminders(
            PROGRAM, pairs, sessions, journals, ledger, viewer=viewer, at=at, **options
        )
    ]


def group(
    session_id: str, pairs: list[str], start: datetime, *, guests: tuple[str, ...] = ()
) -> Session:
    people = sorted({p for m in pairs for p in PAIRS[m].participant_ids}) + list(guests)
    return Session(
        session_id, pairs, Interval(start, start + HOUR), people, proposed_at=start - 5 * 24 * HOUR
    )


@st.composite
def group_programs(draw: st.DrawFn) -> tuple[list[Session], list[Journal], datetime]:
    """Sessions for random sets of the three pairs, guests among them, each some way along its
    life (answered, confirmed, moved, cancelled, held), entries in random journals, and an
    instant to run at."""
    sessions = []
    journals = {m: Journal.for_mentorship(pair) for m, pair in PAIRS.items()}
    for index in range(draw(st.integers(0, 7))):
        served = draw(st.lists(st.sampled_from(sorted(PAIRS)), min_size=1, max_size=3, unique=True))
        start = datetime(2026, 3, 3, 22, tzinfo=UTC) + timedelta(days=draw(st.integers(0, 40)))
        guests = ("yael",) if draw(st.booleans()) else ()
        session = group(f"s{index}", served, start, guests=guests)
        at = session.proposed_at
        for person in draw(st.lists(st.sampled_from(session.participants), unique=True)):
            at += HOUR
            session = reply(session, by=person, answer=draw(st.sampled_from(["accepted", "tentative", "declined"])), at=at)  # fmt: skip
        if draw(st.booleans()):
            at += HOUR
            session = confirm(session, by=session.participants[-1], at=at)
        if draw(st.integers(0, 3)) == 0:
            at += HOUR
            later = Interval(start + 2 * 24 * HOUR, start + 2 * 24 * HOUR + HOUR)
            session = reschedule(session, later, by=session.participants[0], at=at, reason="clash")
        fate = draw(st.sampled_from(["held", "held", "cancelled", "open"]))
        if fate == "cancelled":
            session = cancel(
                session, program=PROGRAM, by=session.participants[0], at=at + HOUR,
                reason="ill", final=True,
            )  # fmt: skip
        elif fate == "held":
            session = complete(session, at=max(at, session.interval.end))
            for person in draw(st.lists(st.sampled_from(session.participants), unique=True)):
                mine = [m for m in served if person in PAIRS[m].participant_ids]
                if not mine:
                    continue  # a guest writes no entry
                pair = PAIRS[draw(st.sampled_from(mine))]
                role = "mentor" if person == pair.mentor_id else "mentee"
                written = session.held.end + timedelta(hours=draw(st.integers(1, 100)))
                entry = JournalEntry(
                    f"{session.id}-{person}", pair.id, person, role, written_at=written,
                    session_id=session.id,
                    visibility=draw(st.sampled_from(["private", "pair", "pair_and_coordinator"])),
                )  # fmt: skip
                journals[pair.id] = journals[pair.id].add_entry(entry)
        sessions.append(session)
    at = datetime(2026, 3, 2, tzinfo=UTC) + timedelta(hours=draw(st.integers(0, 24 * 60)))
    return sessions, list(journals.values()), at


class TestOneKeyEach:
    @settings(max_examples=60, deadline=None)
    @given(group_programs())
    def test_no_two_reminders_of_a_run_share_a_key(
        self, program: tuple[list[Session], list[Journal], datetime]
    ) -> None:
        """Every reminder of one run has its own key, group sessions and guests included."""
        sessions, journals, at = program
        found = run(list(PAIRS.values()), sessions, journals, HourLedger(), at, max_age=None)
        assert len({r.key for r in found}) == len(found)

    @settings(max_examples=40, deadline=None)
    @given(records(), st.integers(0, 24 * 90))
    def test_nor_in_any_program(self, program: object, hours: int) -> None:
        """The same over the analytics' programs (amendments, reviews, paused and closed pairs)."""
        from tests.reports.strategies import Records

        assert isinstance(program, Records)
        at = datetime(2026, 3, 2, tzinfo=UTC) + timedelta(hours=hours)
        found = [
            r
            for viewer in actors(list(program.mentorships))
            for r in reminders(
                program.program,
                program.mentorships,
                program.sessions,
                program.journals,
                program.ledger,
                viewer=viewer,
                at=at,
                max_age=None,
            )
        ]
        assert len({r.key for r in found}) == len(found)

    def test_a_group_session_asks_the_mentor_once_naming_both(self) -> None:
        """The issue's case: anna meets olga and ivan together and has not written: one
        journal_due, about both pairs, naming both; after one entry in olga's journal, none,
        and program_analytics counts her done as well."""
        start = datetime(2026, 3, 12, 17, tzinfo=UTC)
        g1 = complete(group("g1", ["m1", "m2"], start), at=start + HOUR)
        books = [Journal.for_mentorship(PAIRS["m1"]), Journal.for_mentorship(PAIRS["m2"])]
        pairs = [PAIRS["m1"], PAIRS["m2"]]
        now = start + 4 * 24 * HOUR
        anna = Actor("anna", roles=["mentor"], mentorship_ids=["m1", "m2"])
        due = reminders(PROGRAM, pairs, [g1], books, HourLedger(), viewer=anna, at=now)
        asked = [r for r in due if r.kind is ReminderKind.JOURNAL_DUE]
        assert [(r.key, r.mentorship_ids) for r in asked] == [
            ("journal_due/anna/g1/2026-03-14T18:00:00Z", ("m1", "m2"))
        ]
        assert render(asked[0], PEOPLE).startswith(
            "Please write your learning-journal entry for the session with Ivan and Olga on"
        )
        entry = JournalEntry(
            "e1", "m1", "anna", "mentor", written_at=start + 2 * HOUR, session_id="g1",
            visibility="pair_and_coordinator",
        )  # fmt: skip
        books[0] = books[0].add_entry(entry)
        due = reminders(PROGRAM, pairs, [g1], books, HourLedger(), viewer=anna, at=now)
        assert [r for r in due if r.kind is ReminderKind.JOURNAL_DUE] == []
        report = program_analytics(
            PROGRAM, pairs, [g1], HourLedger(), books, viewer=CORA, at=now
        ).journal
        assert (report.expected, report.written) == (3, 1)


class TestAgreesWithAnalytics:
    @settings(max_examples=60, deadline=None)
    @given(group_programs())
    def test_the_entries_asked_for_are_the_entries_counted_missing(
        self, program: tuple[list[Session], list[Journal], datetime]
    ) -> None:
        """Once every entry is due, the journal_due reminders of a run are exactly the entries
        program_analytics counts as missing (for an admin, who knows of every entry, as each
        author knows of their own)."""
        sessions, journals, _ = program
        pairs = list(PAIRS.values())
        ends = [s.held.end for s in sessions if s.held is not None]
        at = max(ends, default=datetime(2026, 3, 2, tzinfo=UTC)) + PROGRAM.journal_due
        asked = [
            (r.about_id, r.recipient_id)
            for r in run(pairs, sessions, journals, HourLedger(), at, max_age=None)
            if r.kind is ReminderKind.JOURNAL_DUE
        ]
        counted = program_analytics(
            PROGRAM, pairs, sessions, HourLedger(), journals, viewer=ROOT, at=at
        ).journal
        assert len(asked) == len(set(asked)) == counted.expected - counted.written


class TestReplies:
    START = datetime(2026, 3, 20, 16, tzinfo=UTC)

    def mock_interview(self) -> Session:
        session = group("mock", ["m1", "m3"], self.START, guests=("yael",))
        return reply(session, by="anna", answer="accepted", at=self.START - 4 * 24 * HOUR)

    def test_who_has_not_answered(self) -> None:
        """Two days before, the members who answered hear who has not, each named, the guest
        too; her reply settles her, and a decline silences the one who declined. (A guest is
        no member of the program's pairs: the app tells her what it chooses.)"""
        pairs = [PAIRS["m1"], PAIRS["m3"]]
        books = [Journal.for_mentorship(p) for p in pairs]
        session = self.mock_interview()
        now = self.START - 2 * 24 * HOUR
        found = run(pairs, [session], books, HourLedger(), now)
        waiting = [r for r in found if r.kind is ReminderKind.REPLY_MISSING]
        assert [(r.recipient_id, r.params.waiting_ids) for r in waiting] == [  # type: ignore[union-attr]
            ("anna", ("boris", "dana", "olga", "yael"))
        ]
        assert render(waiting[0], PEOPLE) == (
            "Boris, Dana, Olga, and Yael have not answered the invitation to the session on "
            "Fri 20 Mar, 12:00 Toronto time."
        )
        session = reply(session, by="yael", answer="tentative", at=now - HOUR)
        session = reply(session, by="olga", answer="declined", at=now - HOUR)
        session = reply(session, by="dana", answer="accepted", at=now - HOUR)
        found = run(pairs, [session], books, HourLedger(), now)
        waiting = [r for r in found if r.kind is ReminderKind.REPLY_MISSING]
        assert sorted((r.recipient_id, r.params.waiting_ids) for r in waiting) == [  # type: ignore[union-attr]
            ("anna", ("boris",)), ("dana", ("boris",)),
        ]  # fmt: skip
        assert render(next(r for r in waiting if r.recipient_id == "dana"), PEOPLE) == (
            "Boris has not answered the invitation to the session on Fri 20 Mar, 12:00 Toronto time."
        )
        assert [r for r in run(pairs, [session], books, HourLedger(), self.START) if r.kind is ReminderKind.REPLY_MISSING] == []  # fmt: skip


class TestChanges:
    def test_each_participant_but_the_one_who_moved_it_hears_of_a_move(self) -> None:
        """A move, in each reader's language on their clock, naming everyone else."""
        start = datetime(2026, 3, 20, 16, tzinfo=UTC)
        session = group("g", ["m1", "m2"], start)
        later = Interval(start + 24 * HOUR, start + 25 * HOUR)
        moved = reschedule(session, later, by="anna", at=start - 3 * 24 * HOUR, reason="trip")
        pairs = [PAIRS["m1"], PAIRS["m2"]]
        books = [Journal.for_mentorship(p) for p in pairs]
        found = run(pairs, [moved], books, HourLedger(), start - 2 * 24 * HOUR)
        changed = {r.recipient_id: r for r in found if r.kind is ReminderKind.SESSION_CHANGED}
        assert sorted(changed) == ["ivan", "olga"]
        assert isinstance(changed["olga"].params, ChangeParams)
        assert render(changed["ivan"], PEOPLE) == (
            "The session has moved to Sat 21 Mar, 12:00–13:00 Toronto time; it was "
            "Fri 20 Mar, 12:00–13:00 Toronto time. With Anna and Olga."
        )
        assert render(changed["olga"], PEOPLE).startswith("Встреча перенесена")


class TestFinishedPairs:
    @pytest.mark.parametrize("ending", ["complete", "closed", "paused"])
    def test_no_progress_reminder(self, ending: str) -> None:
        """A pair that logged its hours, or is closed or paused, hears nothing of its progress."""
        pair = PAIRS["m3"]
        start = datetime(2026, 3, 3, 22, tzinfo=UTC)
        held = [
            complete(
                Session(f"s{w}", "m3", Interval(start + timedelta(weeks=w), start + timedelta(weeks=w) + 2 * HOUR),
                        ["dana", "boris"], proposed_at=start - HOUR),
                at=start + timedelta(weeks=w) + 2 * HOUR,
            )
            for w in range(5 if ending == "complete" else 1)
        ]  # fmt: skip
        ledger = HourLedger().record_all(
            [entry for s in held for entry in entries_for_session(s, PROGRAM)], sessions=held
        )
        after = start + timedelta(weeks=9)
        if ending == "closed":
            pair = close_mentorship(pair, by="cora", at=start + 3 * HOUR, reason="needs_changed")
        elif ending == "paused":
            pair = pause_mentorship(pair, by="cora", at=start + 3 * HOUR)
        books = [Journal.for_mentorship(pair)]
        progress_kinds = (ReminderKind.NO_NEXT_SESSION, ReminderKind.BEHIND_PACE)
        found = run([pair], held, books, ledger, after, max_age=None)
        assert [r for r in found if r.kind in progress_kinds] == []
        # The same pair active, and short of its hours, is reminded.
        if ending != "complete":
            found = run([PAIRS["m3"]], held, books, ledger, after, max_age=None)
            assert {r.kind for r in found} >= set(progress_kinds)
