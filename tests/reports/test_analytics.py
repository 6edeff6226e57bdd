"""Program analytics: a cohort worked by hand, the as-of law, and invariants on random programs."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings

from ementoring.accounting import (
    HourLedger,
    Mentorship,
    MentorshipStatus,
    Pace,
    Program,
    Session,
    complete,
    confirm,
    entries_for_session,
    mark_no_show,
    reschedule,
    sessions_as_of,
)
from ementoring.errors import DuplicateIdError, InvalidTypeError, ValidationError
from ementoring.journal import Journal, JournalEntry, Review
from ementoring.reports import (
    DurationSummary,
    HoursBucket,
    ProgramAnalytics,
    QuietPair,
    program_analytics,
)
from ementoring.scheduling import Interval

from .strategies import Records, days, records

PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="UTC", target=timedelta(hours=4))
HOUR = timedelta(hours=1)


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def call(sid: str, pair: Mentorship, day: int, *, minutes: int = 60) -> Session:
    start = at(day, 15)
    return Session(
        sid,
        pair.id,
        Interval(start, start + timedelta(minutes=minutes)),
        [pair.mentor_id, pair.mentee_id],
        proposed_at=start - timedelta(days=2),
    )


def analyse(r: Records, today: date) -> ProgramAnalytics:
    return program_analytics(
        r.program, r.mentorships, r.sessions, r.ledger, r.journals, today=today, goals=r.goals
    )


class TestByHand:
    """Three pairs over two weeks, every figure checked against a count done by hand."""

    def cohort(self) -> tuple[list[Mentorship], list[Session], HourLedger, list[Journal]]:
        a = Mentorship("a", "p", "anna", "olga", started_on=date(2026, 3, 2))
        b = Mentorship("b", "p", "boris", "ivan", started_on=date(2026, 3, 2))
        c = Mentorship("c", "p", "carl", "dana", started_on=date(2026, 3, 20))  # later
        a1 = complete(call("a1", a, 3), at=at(3, 17))  # 1 day 15 h after the start
        a2 = complete(call("a2", a, 10, minutes=90), at=at(10, 17))
        b1 = reschedule(
            call("b1", b, 4), call("x", b, 6).interval, by="boris", at=at(3), reason="x"
        )
        b1 = mark_no_show(b1, absent=["ivan"], at=at(6, 16))
        b2 = complete(confirm(call("b2", b, 9), by="ivan", at=at(8)), at=at(9, 17))  # 7 d 15 h
        b3 = call("b3", b, 13)  # upcoming
        sessions = [a1, a2, b1, b2, b3, call("c1", c, 21)]
        ledger = HourLedger().record_all(
            [e for s in (a1, a2, b2) for e in entries_for_session(s, PROGRAM)],
            sessions=sessions,
        )
        ja = Journal.for_mentorship(a)
        for sid, who, role, day in (("a1", "olga", "mentee", 3), ("a1", "anna", "mentor", 4),
                                    ("a2", "olga", "mentee", 11)):  # fmt: skip
            ja = ja.add_entry(
                JournalEntry(f"{sid}-{who}", "a", who, role, written_at=at(day, 20),
                             session_id=sid, discussed="CV review")
            )  # fmt: skip
        ja = ja.add_review(Review("r1", "a1-olga", "cora", written_at=at(4, 20),
                                  comment="Good", kind="encouragement"))  # fmt: skip
        ja = ja.add_review(Review("r2", "a1-anna", "cora", written_at=at(7, 20),
                                  comment="Good", kind="encouragement"))  # fmt: skip
        return [a, b, c], sessions, ledger, [ja, Journal.for_mentorship(b)]

    def test_every_figure(self) -> None:
        """Statuses, paces, first sessions, session counts, hours, journals, reviews, goals, quiet."""
        pairs, sessions, ledger, journals = self.cohort()
        goals = {"a": "CV review; Networking", "b": "CV review"}
        got = program_analytics(
            PROGRAM, pairs, sessions, ledger, journals, today=date(2026, 3, 12), goals=goals
        )
        assert (got.pairs, got.starting_later) == (2, 1)
        assert got.by_status[MentorshipStatus.ACTIVE] == 2
        assert sum(got.by_pace.values()) == 2
        assert got.first_session == DurationSummary(
            count=2,
            median=(timedelta(days=1, hours=15) + timedelta(days=7, hours=15)) / 2,
            p90=timedelta(days=7, hours=15),
        )
        assert got.never_met == 0
        s = got.sessions
        assert (s.total, s.held, s.cancelled, s.missed, s.upcoming) == (5, 3, 0, 1, 1)
        assert (s.rescheduled, s.moves, s.held_rate, s.missed_rate) == (1, 1, 3 / 4, 1 / 4)
        assert s.rescheduled_rate == 1 / 5
        # Pair time: a 2.5 h, b 1 h; target 4 h in 1 h buckets.
        assert got.hours.total == timedelta(hours=3.5)
        assert got.hours.buckets == tuple(
            HoursBucket(low=HOUR * i, high=HOUR * (i + 1) if i < 4 else None, pairs=n)
            for i, n in enumerate([0, 1, 1, 0, 0])
        )
        j = got.journal
        assert (j.sessions, j.expected, j.written) == (3, 6, 3)
        assert (j.mentor_rate, j.mentee_rate) == (1 / 3, 2 / 3)
        r = got.reviews
        assert r.summary == DurationSummary(
            count=2, median=timedelta(days=2), p90=timedelta(days=3)
        )
        assert (r.waiting, r.oldest_waiting_since) == (1, at(11, 20))
        g = got.goals
        assert (g.goals, g.covered) == (3, 1)
        assert [(str(row.topic), row.pairs, row.covered) for row in g.rows] == [
            ("CV review", 2, 1),
            ("Networking", 1, 0),
        ]
        assert got.gone_quiet == ()

    def test_as_of_an_earlier_day(self) -> None:
        """On 5 March the second week did not exist: b had a session planned, a had met once."""
        pairs, sessions, ledger, journals = self.cohort()
        got = program_analytics(PROGRAM, pairs, sessions, ledger, journals, today=date(2026, 3, 5))
        s = got.sessions
        # a1 held; a2, b2 not proposed yet; b1 moved (3 March) but not missed yet.
        assert (s.total, s.held, s.missed, s.upcoming, s.rescheduled) == (2, 1, 0, 1, 1)
        assert got.never_met == 1
        assert got.hours.total == HOUR
        assert (got.journal.expected, got.journal.written) == (2, 2)
        assert (got.reviews.summary.count, got.reviews.waiting) == (1, 1)

    def test_gone_quiet(self) -> None:
        """Active pairs whose last session (or start) is quiet_after or more ago, quietest first."""
        pairs, sessions, ledger, journals = self.cohort()
        got = program_analytics(PROGRAM, pairs, sessions, ledger, journals, today=date(2026, 4, 12))
        assert got.gone_quiet == (
            QuietPair(mentorship_id="b", last_session_on=date(2026, 3, 9), days=34),
            QuietPair(mentorship_id="a", last_session_on=date(2026, 3, 10), days=33),
            QuietPair(mentorship_id="c", last_session_on=None, days=23),
        )


class TestLaws:
    @settings(max_examples=60, deadline=None)
    @given(records(), days())
    def test_as_of_equals_truncated(self, r: Records, today: date) -> None:
        """Analytics on the full records at t equal analytics on the records truncated at t."""
        cut = r.program.end_of_day(today)
        truncated = Records(
            program=r.program,
            mentorships=tuple(m.as_of(cut) for m in r.mentorships),
            sessions=sessions_as_of(r.sessions, cut),
            ledger=r.ledger.as_of(cut),
            journals=tuple(j.as_of(cut) for j in r.journals),
            goals=r.goals,
        )
        assert analyse(r, today) == analyse(truncated, today)

    @settings(max_examples=40, deadline=None)
    @given(records(), days())
    def test_order_does_not_matter(self, r: Records, today: date) -> None:
        """Shuffling mentorships, sessions and journals changes nothing."""
        shuffle = random.Random(today.toordinal()).sample
        shuffled = Records(
            program=r.program,
            mentorships=tuple(shuffle(r.mentorships, len(r.mentorships))),
            sessions=tuple(shuffle(r.sessions, len(r.sessions))),
            ledger=r.ledger,
            journals=tuple(shuffle(r.journals, len(r.journals))),
            goals=r.goals,
        )
        assert analyse(r, today) == analyse(shuffled, today)

    @settings(max_examples=60, deadline=None)
    @given(records(), days())
    def test_figures_add_up(self, r: Records, today: date) -> None:
        """Counts partition what they count; rates lie in [0, 1]; percentiles are ordered."""
        got = analyse(r, today)
        assert got.pairs + got.starting_later == len(r.mentorships)
        assert sum(got.by_status.values()) == got.pairs
        open_pairs = got.by_status[MentorshipStatus.ACTIVE] + got.by_status[MentorshipStatus.PAUSED]
        assert sum(got.by_pace.values()) == open_pairs
        assert list(got.by_pace) == list(Pace)
        assert got.first_session.count + got.never_met == got.pairs
        s = got.sessions
        assert s.held + s.cancelled + s.missed + s.upcoming == s.total
        assert s.rescheduled <= s.moves
        assert s.rescheduled <= s.total
        assert sum(b.pairs for b in got.hours.buckets) == got.pairs
        assert got.journal.sessions == s.held
        # Two members a pair, a group session (two pairs) four.
        assert got.journal.written <= got.journal.expected <= 4 * s.held
        for summary in (got.first_session, got.hours.summary, got.reviews.summary):
            if summary.count:
                assert summary.median is not None
                assert summary.p90 is not None
                assert summary.median <= summary.p90
        for rate in (s.held_rate, s.rescheduled_rate, got.journal.rate, got.goals.rate):
            assert rate is None or 0 <= rate <= 1
        assert got.goals.covered <= got.goals.goals
        assert all(q.days * timedelta(days=1) >= r.program.quiet_after for q in got.gone_quiet)


class TestInputs:
    def test_wrong_types(self) -> None:
        """Wrong types raise InvalidTypeError naming the argument or the item."""
        pair = Mentorship("a", "p", "anna", "olga", started_on=date(2026, 3, 2))
        today = date(2026, 3, 9)
        cases = [
            (("p", [pair], [], HourLedger(), []), {}, "program"),
            ((PROGRAM, "a", [], HourLedger(), []), {}, "mentorships"),
            ((PROGRAM, [pair], [None], HourLedger(), []), {}, r"sessions\[0\]"),
            ((PROGRAM, [pair], [], [], []), {}, "ledger"),
            ((PROGRAM, [pair], [], HourLedger(), [pair]), {}, r"journals\[0\]"),
            ((PROGRAM, [pair], [], HourLedger(), []), {"goals": ["x"]}, "goals"),
        ]
        for args, extra, field in cases:
            with pytest.raises(InvalidTypeError, match=field):
                program_analytics(*args, today=today, **extra)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"goals\['a'\]"):
            program_analytics(PROGRAM, [pair], [], HourLedger(), [], today=today, goals={"a": 5})  # type: ignore[dict-item]
        with pytest.raises(InvalidTypeError, match="today"):
            program_analytics(PROGRAM, [pair], [], HourLedger(), [], today=at(9))

    def test_bad_values(self) -> None:
        """Another program's pair, a duplicate pair or journal, a goal that is no topic."""
        pair = Mentorship("a", "p", "anna", "olga", started_on=date(2026, 3, 2))
        other = Mentorship("z", "q", "anna", "olga", started_on=date(2026, 3, 2))
        today = date(2026, 3, 9)
        with pytest.raises(ValidationError, match="program_id"):
            program_analytics(PROGRAM, [other], [], HourLedger(), [], today=today)
        with pytest.raises(DuplicateIdError, match="mentorships"):
            program_analytics(PROGRAM, [pair, pair], [], HourLedger(), [], today=today)
        journal = Journal.for_mentorship(pair)
        with pytest.raises(DuplicateIdError, match="journals"):
            program_analytics(PROGRAM, [pair], [], HourLedger(), [journal, journal], today=today)
        for far in (date.min, date(2200, 1, 1), date.max):
            with pytest.raises(ValidationError, match="today"):
                program_analytics(PROGRAM, [pair], [], HourLedger(), [], today=far)
        with pytest.raises(ValidationError, match="goals"):
            program_analytics(
                PROGRAM, [pair], [], HourLedger(), [], today=today, goals={"a": ["!!"]}
            )


class TestGroupSessions:
    """A mentor meeting two mentees together: one session, counted for each pair."""

    def test_counted_once_and_for_each_pair(self) -> None:
        """Sessions once; first session, hours and journal completion for both pairs."""
        one = Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
        two = Mentorship("m2", "p", "anna", "ivan", started_on=date(2026, 3, 2))
        start = at(4, 15)
        group = Session(
            "g1", ["m1", "m2"], Interval(start, start + HOUR), ["anna", "olga", "ivan"],
            proposed_at=at(2),
        )  # fmt: skip
        group = complete(group, at=at(4, 17))
        ledger = HourLedger().record_all(
            entries_for_session(group, PROGRAM, mentorships=[one, two]), sessions=[group]
        )
        first = Journal.for_mentorship(one).add_entry(
            JournalEntry("e1", "m1", "anna", "mentor", written_at=at(4, 20), session_id="g1")
        )
        second = Journal.for_mentorship(two).add_entry(
            JournalEntry("e2", "m2", "ivan", "mentee", written_at=at(5, 20), session_id="g1")
        )
        got = program_analytics(
            PROGRAM, [one, two], [group], ledger, [first, second], today=date(2026, 3, 9)
        )
        assert (got.sessions.total, got.sessions.held) == (1, 1)
        assert (got.first_session.count, got.never_met) == (2, 0)
        assert got.hours.summary.median == HOUR
        assert got.hours.total == 2 * HOUR
        # Anna (once, though she mentors both), Olga and Ivan were expected; Anna and Ivan wrote.
        j = got.journal
        assert (j.expected, j.written, j.mentor_rate, j.mentee_rate) == (3, 2, 1.0, 0.5)
