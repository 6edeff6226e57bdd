"""Sessions for several mentorships: each pair's hours and sessions count for that pair.

A mentor meeting two mentees together, or two pairs sharing a mock interview,
is one session serving several mentorships of one program. The law: each
pair's report is the report it would have if every group session had been
booked separately for each pair it serves, with only that pair's members.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor, can_read
from ementoring.accounting import (
    HourEntry,
    HourLedger,
    Mentorship,
    Program,
    Session,
    cohort_report,
    complete,
    entries_for_session,
    hours_by_participant,
    mark_no_show,
    progress,
)
from ementoring.errors import DuplicateIdError, InvalidDocumentError, ValidationError
from ementoring.journal import Journal, JournalEntry
from ementoring.reminders import ReminderKind, reminders
from ementoring.scheduling import Interval
from ementoring.serialization import from_data, to_data
from ementoring.testing import sessions
from ementoring.timezones import EARLIEST

PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="America/Toronto")
# anna mentors olga and ivan; dana mentors boris.
PAIRS = {
    "m1": Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2)),
    "m2": Mentorship("m2", "p", "anna", "ivan", started_on=date(2026, 3, 2)),
    "m3": Mentorship("m3", "p", "dana", "boris", started_on=date(2026, 3, 2)),
}
HOUR = timedelta(hours=1)


def held(session_id: str, mentorships: list[str], day: int, minutes: int = 60) -> Session:
    start = datetime(2026, 3, day, 22, tzinfo=UTC)
    people = sorted({p for m in mentorships for p in PAIRS[m].participant_ids})
    slot = Interval(start, start + timedelta(minutes=minutes))
    return complete(
        Session(session_id, mentorships, slot, people, proposed_at=EARLIEST), at=slot.end
    )


def record(sessions: list[Session]) -> HourLedger:
    entries = [
        e
        for s in sessions
        if s.status.value == "completed"
        for e in entries_for_session(s, PROGRAM, mentorships=PAIRS.values())
    ]
    return HourLedger().record_all(entries, sessions=sessions)


class TestGroupSessions:
    def test_a_mentor_meeting_two_mentees_counts_for_both_pairs(self) -> None:
        """Anna meets olga and ivan together: each pair has the hour and the session, once."""
        group = held("s1", ["m1", "m2"], 3)
        ledger = record([group])
        report = cohort_report(PROGRAM, PAIRS.values(), ledger, [group], today=date(2026, 3, 9))
        by_pair = {r.mentorship_id: r for r in report.reports}
        assert (by_pair["m1"].logged, by_pair["m1"].sessions_completed) == (HOUR, 1)
        assert (by_pair["m2"].logged, by_pair["m2"].sessions_completed) == (HOUR, 1)
        assert (by_pair["m3"].logged, by_pair["m3"].sessions_completed) == (timedelta(0), 0)
        assert report.total_hours == 2 * HOUR
        # Volunteer hours: anna's hour once, not once per pair.
        assert hours_by_participant(ledger, start=date(2026, 3, 1), end=date(2026, 4, 1)) == {
            "anna": HOUR,
            "ivan": HOUR,
            "olga": HOUR,
        }
        for pair in ("m1", "m2"):
            alone = progress(PROGRAM, PAIRS[pair], ledger, [group], today=date(2026, 3, 9))
            assert alone == by_pair[pair]

    def test_two_pairs_sharing_a_mock_interview(self) -> None:
        """Two pairs with different mentors in one call: each pair logs its own hour."""
        shared = held("s1", ["m1", "m3"], 3, minutes=90)
        ledger = record([shared])
        assert {
            e.mentorship_id for e in ledger.entries if e.participant_id in ("dana", "boris")
        } == {"m3"}
        for pair in ("m1", "m3"):
            report = progress(PROGRAM, PAIRS[pair], ledger, [shared], today=date(2026, 3, 9))
            assert (report.logged, report.sessions_completed) == (timedelta(minutes=90), 1)

    def test_the_three_way_call_with_a_guest_keeps_working(self) -> None:
        """A guest at one pair's call logs time to that pair; the pair's hour counts once."""
        slot = Interval(datetime(2026, 3, 3, 22, tzinfo=UTC), datetime(2026, 3, 3, 23, tzinfo=UTC))
        call = complete(
            Session("s1", "m3", slot, ["dana", "boris", "guest"], proposed_at=EARLIEST), at=slot.end
        )
        entries = entries_for_session(call, PROGRAM)
        assert [(e.participant_id, e.mentorship_id) for e in entries] == [
            ("boris", "m3"),
            ("dana", "m3"),
            ("guest", "m3"),
        ]
        ledger = HourLedger().record_all(entries, sessions=[call])
        assert progress(PROGRAM, PAIRS["m3"], ledger, [call], today=date(2026, 3, 9)).logged == HOUR

    def test_an_absent_mentee_logs_nothing_for_her_pair(self) -> None:
        """Marked absent at a group session, ivan logs no time: his pair's hours stay at 0."""
        group = held("s1", ["m1", "m2"], 3)
        group = mark_no_show(group, absent=["ivan"], at=group.held.end)
        ledger = record([group])
        assert progress(PROGRAM, PAIRS["m2"], ledger, [group], today=date(2026, 3, 9)).logged == (
            timedelta(0)
        )

    def test_refusals(self) -> None:
        """Mentorships are needed, complete, of the program; entries must be for the session's pairs."""
        group = held("s1", ["m1", "m2"], 3)
        with pytest.raises(ValidationError) as caught:
            entries_for_session(group, PROGRAM)
        assert caught.value.field == "mentorships"
        with pytest.raises(ValidationError) as missing:
            entries_for_session(group, PROGRAM, mentorships=[PAIRS["m1"]])
        assert missing.value.field == "mentorships"
        elsewhere = attrs.evolve(PAIRS["m2"], program_id="other")
        with pytest.raises(ValidationError) as other:
            entries_for_session(group, PROGRAM, mentorships=[PAIRS["m1"], elsewhere])
        assert other.value.field == "mentorships[1].program_id"
        stray = HourEntry(
            "x",
            "m3",
            "anna",
            HOUR,
            "meeting",
            session_id="s1",
            occurred_on=date(2026, 3, 3),
            recorded_at=group.held.end,
            recorded_by="anna",
        )
        with pytest.raises(ValidationError) as refused:
            HourLedger().record(stray, session=group)
        assert refused.value.field == "mentorship_id"
        with pytest.raises(DuplicateIdError):
            Session("s2", ["m1", "m1"], group.interval, ["anna", "olga"], proposed_at=EARLIEST)
        with pytest.raises(ValidationError) as empty:
            Session("s2", [], group.interval, ["anna", "olga"], proposed_at=EARLIEST)
        assert empty.value.field == "mentorship_ids"

    def test_journals_and_access_follow_the_author_s_mentorship(self) -> None:
        """Each member writes in their own pair's journal; the other pair cannot read it."""
        group = held("s1", ["m1", "m2"], 3)
        written = group.held.end + HOUR
        olga = JournalEntry("j1", "m1", "olga", "mentee", written_at=written, session_id="s1")
        ivan = JournalEntry("j2", "m2", "ivan", "mentee", written_at=written, session_id="s1")
        journals = {
            "m1": Journal.for_mentorship(PAIRS["m1"]).add_entry(olga),
            "m2": Journal.for_mentorship(PAIRS["m2"]).add_entry(ivan),
        }
        with pytest.raises(ValidationError):
            journals["m1"].add_entry(ivan)
        as_ivan = Actor("ivan", roles=["mentee"], mentorship_ids=["m2"])
        as_anna = Actor("anna", roles=["mentor"], mentorship_ids=["m1", "m2"])
        assert not can_read(as_ivan, olga, PAIRS["m1"], PROGRAM)
        assert can_read(as_ivan, ivan, PAIRS["m2"], PROGRAM)
        assert can_read(as_anna, olga, PAIRS["m1"], PROGRAM)
        assert can_read(as_anna, ivan, PAIRS["m2"], PROGRAM)
        # Two days later, anna still owes each pair her entry; each mentee has written theirs.
        now = group.held.end + timedelta(days=3)
        for pair, mentee in (("m1", "olga"), ("m2", "ivan")):
            as_mentee = Actor(mentee, roles=["mentee"], mentorship_ids=[pair])
            owed = [
                (r.recipient_id, r.about_id)
                for who in (as_anna, as_mentee)
                for r in reminders(
                    PROGRAM,
                    PAIRS[pair],
                    [group],
                    journals[pair],
                    record([group]),
                    viewer=who,
                    at=now,
                )
                if r.kind is ReminderKind.JOURNAL_DUE
            ]
            assert owed == [("anna", "s1")]


def _split(session: Session, pair: str) -> Session:
    """The session as if booked for one pair only, with that pair's members."""
    return attrs.evolve(
        session,
        mentorship_ids=(pair,),
        participants=PAIRS[pair].participant_ids,
        absent=tuple(p for p in session.absent if p in PAIRS[pair].participant_ids),
    )


@st.composite
def group_programs(draw: st.DrawFn) -> list[Session]:
    """Up to 8 sessions, each for a random non-empty set of the three pairs, some held."""
    found = []
    for index in range(draw(st.integers(0, 8))):
        pairs = draw(st.lists(st.sampled_from(sorted(PAIRS)), min_size=1, max_size=3, unique=True))
        session = held(f"s{index}", pairs, draw(st.integers(2, 28)), draw(st.integers(15, 120)))
        if draw(st.booleans()):  # still planned: undo the completion
            session = Session(
                session.id,
                session.mentorship_ids,
                session.interval,
                session.participants,
                proposed_at=EARLIEST,
            )
        found.append(session)
    return found


class TestGroupLaw:
    @settings(max_examples=60, deadline=None)
    @given(group_programs(), st.dates(date(2026, 3, 1), date(2026, 5, 1)))
    def test_each_pair_sees_its_own_share(self, sessions: list[Session], today: date) -> None:
        """A pair's report with group sessions equals its report with them booked for it alone."""
        ledger = record(sessions)
        cohort = {
            r.mentorship_id: r
            for r in cohort_report(PROGRAM, PAIRS.values(), ledger, sessions, today=today).reports
        }
        for pair in PAIRS:
            own = [_split(s, pair) for s in sessions if s.serves(pair)]
            alone = progress(PROGRAM, PAIRS[pair], record(own), own, today=today)
            together = progress(PROGRAM, PAIRS[pair], ledger, sessions, today=today)
            assert together == cohort[pair]
            assert attrs.evolve(together, next_session=None) == attrs.evolve(
                alone, next_session=None
            )
            assert (together.next_session and together.next_session.id) == (
                alone.next_session and alone.next_session.id
            )


class TestStoredGroupSessions:
    @settings(max_examples=60, deadline=None)
    @given(sessions(also_for=["m2", "m3"]))
    def test_round_trip(self, session: Session) -> None:
        """A session of one or several mentorships comes back equal from its document."""
        assert session.serves("m1")
        assert from_data(Session, to_data(session)) == session

    def test_a_document_with_one_mentorship_id_still_reads(self) -> None:
        """Documents written before mentorship_ids (schema 1) hold "mentorship_id": they read as one pair's session."""
        session = held("s1", ["m1"], 3)
        document = to_data(session)
        assert document["mentorship_ids"] == ["m1"]
        document.pop("mentorship_ids")
        document["mentorship_id"] = "m1"
        document["schema"] = 1
        assert from_data(Session, document) == session
        with pytest.raises(InvalidDocumentError):
            from_data(Session, {**document, "mentorship_ids": ["m1"]})
