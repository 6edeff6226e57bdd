"""Reminders: each kind at its deadline, wording, order and purity."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import (
    EntryKind,
    HourEntry,
    HourLedger,
    Mentorship,
    Pace,
    Program,
    Session,
    complete,
    confirm,
    mark_no_show,
    pause_mentorship,
    progress,
)
from ementoring.errors import DuplicateIdError, NaiveDatetimeError, ValidationError
from ementoring.journal import (
    ActionItem,
    Agenda,
    AgendaItem,
    Journal,
    JournalEntry,
    Review,
)
from ementoring.people import Directory, Person
from ementoring.reminders import REVIEW_AFTER, Reminder, ReminderKind, reminders, render
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
PAIR = Mentorship("m1", PROGRAM.id, "david", "olga", started_on=date(2026, 3, 2))


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def hour_from(start: datetime) -> Interval:
    return Interval(start, start + timedelta(hours=1))


# s1: Tuesday 3 March, 17:00-18:00 in Toronto (EST), done. s2: Tuesday 10 March, 18:00 EDT.
S1 = complete(
    confirm(
        Session("s1", "m1", hour_from(at(3, 3, 22)), ["david", "olga"], proposed_at=EARLIEST),
        by="david",
        at=at(3, 1),
    ),
    at=at(3, 3, 23),
)
S2 = confirm(
    Session("s2", "m1", hour_from(at(3, 10, 22)), ["david", "olga"], proposed_at=EARLIEST),
    by="olga",
    at=at(3, 4),
)
LEDGER = HourLedger().record_all(
    [
        HourEntry(
            f"h-{person}",
            "m1",
            person,
            timedelta(hours=1),
            EntryKind.MEETING,
            session_id="s1",
            occurred_on=date(2026, 3, 3),
            recorded_at=at(3, 4),
            recorded_by=person,
        )
        for person in ("david", "olga")
    ],
    sessions=[S1],
)
JOURNAL = Journal.for_mentorship(PAIR)


def entry(
    entry_id: str, author: str, session_id: str | None, written: datetime, **kw: Any
) -> JournalEntry:
    role = "mentor" if author == "david" else "mentee"
    return JournalEntry(
        entry_id, "m1", author, role, session_id=session_id, written_at=written, **kw
    )


def everyone(
    program: Program,
    pair: Mentorship,
    sessions: list[Session],
    journal: Journal,
    ledger: HourLedger,
    *,
    at: datetime,
    coordinators: Sequence[str] = (),
    **options: Any,
) -> tuple[Reminder, ...]:
    """Every person's own reminders, as a platform asks: once per member and coordinator, merged."""
    viewers = [
        Actor(pair.mentor_id, roles=["mentor"], mentorship_ids=[pair.id]),
        Actor(pair.mentee_id, roles=["mentee"], mentorship_ids=[pair.id]),
        *(Actor(c, roles=["coordinator"], program_ids=[program.id]) for c in set(coordinators)),
    ]
    found = [
        r
        for viewer in viewers
        for r in reminders(
            program, pair, sessions, journal, ledger, viewer=viewer, at=at, **options
        )
    ]
    return tuple(sorted(found, key=lambda r: r.sort_key))


def english(reminder: Reminder) -> str:
    """The message on the program's clock, people shown by their ids."""
    return render(reminder, Directory(people=[Person(id=reminder.recipient_id)]))


def kinds(found: tuple[Reminder, ...], kind: ReminderKind) -> list[tuple[str, str, datetime]]:
    return [(r.recipient_id, r.about_id, r.due_at) for r in found if r.kind is kind]


class TestAgendaDue:
    def test_fires_within_agenda_lead_without_a_sent_agenda(self) -> None:
        """21 hours before s2, no agenda: the mentee is reminded; due 24 h before the start."""
        found = everyone(PROGRAM, PAIR, [S1, S2], JOURNAL, LEDGER, at=at(3, 10, 1))
        assert kinds(found, ReminderKind.AGENDA_DUE) == [("olga", "s2", at(3, 9, 22))]
        message = next(english(r) for r in found if r.kind is ReminderKind.AGENDA_DUE)
        assert message == (
            "Please send the agenda for your session with david on Tue 10 Mar, 18:00 Toronto "
            "time. It was due by Mon 9 Mar, 18:00 Toronto time."
        )

    @pytest.mark.parametrize(
        ("now", "sent", "expected"),
        [
            (at(3, 9, 21, 59), False, 0),  # more than agenda_lead ahead
            (at(3, 9, 22), False, 1),  # exactly agenda_lead ahead
            (at(3, 10, 21, 59), False, 1),
            (at(3, 10, 22), False, 0),  # the session has begun
            (at(3, 10, 1), True, 0),  # sent (even late) settles it
        ],
    )
    def test_window(self, now: datetime, sent: bool, expected: int) -> None:
        """The window is (start - agenda_lead, start]; a sent agenda ends it; a draft does not."""
        agenda = Agenda("s2", "olga", [AgendaItem("Interview prep", requested_by="olga")])
        if sent:
            agenda = attrs.evolve(agenda, sent_at=at(3, 10))
        journal = JOURNAL.add_agenda(agenda)
        found = everyone(PROGRAM, PAIR, [S1, S2], journal, LEDGER, at=now)
        assert len(kinds(found, ReminderKind.AGENDA_DUE)) == expected


class TestJournalDue:
    def test_both_members_after_journal_due(self) -> None:
        """48 hours after s1 ended, both are reminded; a minute earlier, nobody."""
        due = at(3, 5, 23)
        before = everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=due - timedelta(minutes=1))
        assert kinds(before, ReminderKind.JOURNAL_DUE) == []
        found = everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=due)
        assert kinds(found, ReminderKind.JOURNAL_DUE) == [("david", "s1", due), ("olga", "s1", due)]

    def test_an_entry_for_that_session_settles_it_for_its_author(self) -> None:
        """Olga's entry about s1 removes her reminder; one about another session does not."""
        journal = JOURNAL.add_entry(entry("e1", "olga", "s1", at(3, 4))).add_entry(
            entry("e2", "david", None, at(3, 4))
        )
        found = everyone(PROGRAM, PAIR, [S1], journal, LEDGER, at=at(3, 6))
        assert kinds(found, ReminderKind.JOURNAL_DUE) == [("david", "s1", at(3, 5, 23))]

    def test_absent_member_is_not_reminded(self) -> None:
        """In a three-way call the mentor missed, only the mentee is reminded."""
        three_way = complete(
            Session(
                "s3",
                "m1",
                hour_from(at(3, 3, 22)),
                ["david", "olga", "guest"],
                proposed_at=EARLIEST,
            ),
            at=at(3, 3, 23),
        )
        three_way = mark_no_show(three_way, absent=["david"], at=at(3, 3, 23, 30))
        found = everyone(PROGRAM, PAIR, [three_way], JOURNAL, LEDGER, at=at(3, 7))
        assert kinds(found, ReminderKind.JOURNAL_DUE) == [("olga", "s3", at(3, 5, 23))]


class TestNoNextSession:
    def test_nothing_scheduled(self) -> None:
        """After s1 with nothing planned, both are told to propose a time; due since s1 ended."""
        found = everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=at(3, 6))
        assert kinds(found, ReminderKind.NO_NEXT_SESSION) == [
            ("david", "m1", at(3, 3, 23)),
            ("olga", "m1", at(3, 3, 23)),
        ]

    def test_no_session_ever_counts_from_the_start(self) -> None:
        """With no sessions, it is due since midnight of the start day in Toronto."""
        found = everyone(PROGRAM, PAIR, [], JOURNAL, HourLedger(), at=at(3, 3))
        assert kinds(found, ReminderKind.NO_NEXT_SESSION)[0][2] == at(3, 2, 5)

    def test_upcoming_session_or_paused_pair_silences_it(self) -> None:
        """A confirmed future session, or a paused mentorship: no reminder."""
        assert not kinds(
            everyone(PROGRAM, PAIR, [S1, S2], JOURNAL, LEDGER, at=at(3, 6)),
            ReminderKind.NO_NEXT_SESSION,
        )
        paused = pause_mentorship(PAIR, by="olga", at=at(3, 5))
        assert not kinds(
            everyone(PROGRAM, paused, [S1], JOURNAL, LEDGER, at=at(3, 6)),
            ReminderKind.NO_NEXT_SESSION,
        )


class TestBehindPace:
    @pytest.mark.parametrize("day", [date(2026, 3, 9), date(2026, 3, 23), date(2026, 4, 13)])
    def test_follows_progress(self, day: date) -> None:
        """behind_pace fires exactly when progress says behind or at risk."""
        now = PROGRAM.midnight(day) + timedelta(hours=12)
        report = progress(PROGRAM, PAIR, LEDGER, [S1, S2], today=day)
        found = kinds(
            everyone(PROGRAM, PAIR, [S1, S2], JOURNAL, LEDGER, at=now), ReminderKind.BEHIND_PACE
        )
        if report.pace in (Pace.BEHIND, Pace.AT_RISK):
            assert found == [
                ("david", "m1", PROGRAM.midnight(day)),
                ("olga", "m1", PROGRAM.midnight(day)),
            ]
        else:
            assert found == []

    def test_message_for_behind(self) -> None:
        """Three weeks in with one hour logged: behind at the week's start, said in hours."""
        report = progress(PROGRAM, PAIR, LEDGER, [S1, S2], at=PROGRAM.midnight(date(2026, 3, 23)))
        assert report.pace is Pace.BEHIND
        found = everyone(PROGRAM, PAIR, [S1, S2], JOURNAL, LEDGER, at=at(3, 24, 16))
        message = next(english(r) for r in found if r.kind is ReminderKind.BEHIND_PACE)
        assert message == (
            "Your mentorship is behind pace: 1 hour of 10 hours logged in 1 session, about "
            "3 hours expected by now. Consider a longer or an extra session."
        )

    def test_message_for_at_risk(self) -> None:
        """Four weeks without a session: at risk, with the days since the last one, as the
        week began (Monday 30 March, 27 days after the session of 3 March)."""
        report = progress(PROGRAM, PAIR, LEDGER, [S1, S2], today=date(2026, 3, 31))
        assert report.pace is Pace.AT_RISK
        found = everyone(PROGRAM, PAIR, [S1, S2], JOURNAL, LEDGER, at=at(3, 31, 16))
        message = next(english(r) for r in found if r.kind is ReminderKind.BEHIND_PACE)
        assert message == (
            "Your mentorship is at risk of not reaching its 10 hours: 1 hour logged so far in "
            "1 session. There has been no session for 27 days. Plan your next sessions soon."
        )


class TestReviewPending:
    def test_after_seven_days_for_each_coordinator(self) -> None:
        """An unreviewed entry waits 7 days, then each coordinator is reminded."""
        written = at(3, 4, 15)
        journal = JOURNAL.add_entry(entry("e1", "olga", "s1", written))
        early = everyone(
            PROGRAM,
            PAIR,
            [S1, S2],
            journal,
            LEDGER,
            at=written + REVIEW_AFTER - timedelta(seconds=1),
            coordinators=["anna"],
        )
        assert kinds(early, ReminderKind.REVIEW_PENDING) == []
        found = everyone(
            PROGRAM,
            PAIR,
            [S1, S2],
            journal,
            LEDGER,
            at=written + REVIEW_AFTER,
            coordinators=["ben", "anna", "anna"],
        )
        due = written + REVIEW_AFTER
        assert kinds(found, ReminderKind.REVIEW_PENDING) == [
            ("anna", "e1", due),
            ("ben", "e1", due),
        ]
        review = next(r for r in found if r.kind is ReminderKind.REVIEW_PENDING)
        assert english(review) == (
            "A journal entry by olga (mentee), written on Wed 4 Mar, 10:00 Toronto time, "
            "has waited 7 days for a review."
        )

    def test_reviewed_private_or_no_coordinators(self) -> None:
        """A review, a private entry, or no coordinators given: no reminder."""
        written = at(3, 4, 15)
        now = written + timedelta(days=10)
        journal = JOURNAL.add_entry(entry("e1", "olga", "s1", written))
        reviewed = journal.add_review(
            Review("r1", "e1", "anna", written_at=at(3, 5), comment="Bravo", kind="encouragement")
        )
        private = JOURNAL.add_entry(entry("e1", "olga", "s1", written, visibility="private"))
        for candidate, coordinators in ((reviewed, ["anna"]), (private, ["anna"]), (journal, [])):
            found = everyone(
                PROGRAM, PAIR, [S1, S2], candidate, LEDGER, at=now, coordinators=coordinators
            )
            assert kinds(found, ReminderKind.REVIEW_PENDING) == []


class TestActionItemOverdue:
    item = ActionItem(
        "a1",
        "m1",
        "Research three Toronto HR associations",
        assigned_to="olga",
        assigned_by="david",
        created_at=at(3, 3, 23),
        due_on=date(2026, 3, 17),
    )

    def test_overdue_after_the_due_day_ends_in_toronto(self) -> None:
        """Due on 17 March: overdue from midnight Toronto time (04:00 UTC on the 18th)."""
        journal = JOURNAL.add_action_item(self.item)
        before = everyone(PROGRAM, PAIR, [S1, S2], journal, LEDGER, at=at(3, 18, 3, 59))
        assert kinds(before, ReminderKind.ACTION_ITEM_OVERDUE) == []
        found = everyone(PROGRAM, PAIR, [S1, S2], journal, LEDGER, at=at(3, 18, 4))
        assert kinds(found, ReminderKind.ACTION_ITEM_OVERDUE) == [("olga", "a1", at(3, 18, 4))]
        message = next(english(r) for r in found if r.kind is ReminderKind.ACTION_ITEM_OVERDUE)
        assert message == (
            'The action item "Research three Toronto HR associations" was due by '
            "Wed 18 Mar, 00:00 Toronto time. Mark it done, or drop it with a reason."
        )

    def test_closed_items_are_not_overdue(self) -> None:
        """Done items are never reminded."""
        journal = JOURNAL.add_action_item(self.item).mark_done("a1", at=at(3, 20))
        found = everyone(PROGRAM, PAIR, [S1, S2], journal, LEDGER, at=at(3, 25))
        assert kinds(found, ReminderKind.ACTION_ITEM_OVERDUE) == []


class TestInputs:
    def test_mismatched_inputs_are_refused(self) -> None:
        """Another program's mentorship, another pair's journal, naive now, duplicate sessions."""
        other = Mentorship("m1", "autumn-2026", "david", "olga", started_on=date(2026, 3, 2))
        with pytest.raises(ValidationError) as info:
            everyone(PROGRAM, other, [], JOURNAL, LEDGER, at=at(3, 5))
        assert info.value.field == "mentorships[0].program_id"
        with pytest.raises(ValidationError) as info:
            everyone(
                PROGRAM, PAIR, [], Journal("m2", mentor_id="a", mentee_id="b"), LEDGER, at=at(3, 5)
            )
        assert info.value.field == "journals[0].mentorship_id"
        with pytest.raises(NaiveDatetimeError):
            everyone(PROGRAM, PAIR, [], JOURNAL, LEDGER, at=datetime(2026, 3, 5))
        with pytest.raises(DuplicateIdError):
            everyone(PROGRAM, PAIR, [S1, S1], JOURNAL, LEDGER, at=at(3, 5))

    def test_other_mentorships_sessions_are_ignored(self) -> None:
        """A session of another pair neither reminds nor counts as scheduled."""
        theirs = confirm(
            Session("x1", "m2", hour_from(at(3, 10, 22)), ["ivan", "maria"], proposed_at=EARLIEST),
            by="ivan",
            at=at(3, 4),
        )
        mine = everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=at(3, 10, 1))
        assert everyone(PROGRAM, PAIR, [S1, theirs], JOURNAL, LEDGER, at=at(3, 10, 1)) == mine


class TestLaws:
    journal = (
        JOURNAL.add_entry(entry("e1", "olga", "s1", at(3, 4)))
        .add_action_item(TestActionItemOverdue.item)
        .add_agenda(Agenda("s2", "olga", [AgendaItem("CV review", requested_by="olga")]))
    )

    @settings(max_examples=60)
    @given(st.integers(0, 60 * 24 * 90), st.permutations([S1, S2]))
    def test_sorted_due_and_pure(self, minutes: int, sessions: list[Session]) -> None:
        """Output is sorted, every reminder is already due, input order does not matter,
        and no input is changed."""
        now = at(3, 1) + timedelta(minutes=minutes)
        inputs = (PROGRAM, PAIR, list(sessions), self.journal, LEDGER)
        snapshot = copy.deepcopy(inputs)
        found = everyone(*inputs, at=now, coordinators=["anna"])
        assert inputs == snapshot
        assert list(found) == sorted(found, key=lambda r: r.sort_key)
        assert len(set(found)) == len(found)
        assert all(r.due_at <= now for r in found)
        assert all(english(r).endswith(".") for r in found)
        assert found == everyone(
            PROGRAM, PAIR, [S2, S1], self.journal, LEDGER, at=now, coordinators=["anna"]
        )


class TestEachPersonTheirOwn:
    """The viewer gets their own reminders, as far as their claims back them."""

    journal = (
        JOURNAL.add_entry(entry("e1", "olga", "s1", at(3, 4, 15)))
        .add_action_item(TestActionItemOverdue.item)
        .add_agenda(Agenda("s2", "olga", [AgendaItem("CV review", requested_by="olga")]))
    )
    now = at(3, 18, 12)

    def own(self, viewer: Actor) -> tuple[Reminder, ...]:
        return reminders(PROGRAM, PAIR, [S1, S2], self.journal, LEDGER, viewer=viewer, at=self.now)

    def test_each_gets_only_theirs(self) -> None:
        """Mentor, mentee and coordinator: every reminder is addressed to the one who asked."""
        everyone_s = everyone(
            PROGRAM, PAIR, [S1, S2], self.journal, LEDGER, at=self.now, coordinators=["anna"]
        )
        viewers = {
            "david": Actor("david", roles=["mentor"], mentorship_ids=["m1"]),
            "olga": Actor("olga", roles=["mentee"], mentorship_ids=["m1"]),
            "anna": Actor("anna", roles=["coordinator"], program_ids=[PROGRAM.id]),
        }
        for person, viewer in viewers.items():
            theirs = self.own(viewer)
            assert theirs
            assert {r.recipient_id for r in theirs} == {person}
            assert theirs == tuple(r for r in everyone_s if r.recipient_id == person)

    @pytest.mark.parametrize(
        "viewer",
        [
            Actor("olga", roles=["mentee"]),  # claims no mentorship
            Actor("olga", roles=["mentor"], mentorship_ids=["m1"]),  # not the pair's mentor
            Actor("anna", roles=["coordinator"], program_ids=["autumn-2026"]),
            Actor("root", roles=["admin"], program_ids=[PROGRAM.id]),
            Actor("ivan", roles=["mentee"], mentorship_ids=["m1"]),
        ],
    )
    def test_claims_the_data_does_not_back_give_nothing(self, viewer: Actor) -> None:
        """Someone outside the pair, or of another program, gets no reminder of it."""
        assert self.own(viewer) == ()

    def test_a_partners_private_entry_changes_nothing(self) -> None:
        """David's reminders are the same whether Olga's entry is private, rewritten or absent."""
        david = Actor("david", roles=["mentor"], mentorship_ids=["m1"])
        base = TestEachPersonTheirOwn.journal
        private = JOURNAL.add_entry(
            entry("e1", "olga", "s1", at(3, 4, 15), visibility="private", observations="secret")
        ).add_action_item(TestActionItemOverdue.item)
        for journal in (base, private, JOURNAL.add_action_item(TestActionItemOverdue.item)):
            found = reminders(PROGRAM, PAIR, [S1, S2], journal, LEDGER, viewer=david, at=self.now)
            assert found == self.own(david)
