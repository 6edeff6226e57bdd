"""Program analytics: a cohort worked by hand, the as-of law, and invariants on random programs."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
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
)
from ementoring.errors import (
    DuplicateIdError,
    InvalidTypeError,
    PermissionDeniedError,
    ValidationError,
)
from ementoring.journal import Journal, JournalEntry, Review
from ementoring.journey import goals_from_topics
from ementoring.reports import (
    DurationSummary,
    HoursBucket,
    ProgramAnalytics,
    QuietPair,
    program_analytics,
)
from ementoring.scheduling import Interval

from .strategies import CORA, Records, analyse, days, instants, records

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
            PROGRAM,
            pairs,
            sessions,
            ledger,
            journals,
            viewer=CORA,
            today=date(2026, 3, 12),
            goals=goals_from_topics(pairs, goals, at=at(2)),
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
        assert g is not None
        assert (g.goals, g.covered) == (3, 1)
        assert [(str(row.topic), row.pairs, row.covered) for row in g.rows] == [
            ("CV review", 2, 1),
            ("Networking", 1, 0),
        ]
        assert got.gone_quiet == ()

    def test_as_of_an_earlier_day(self) -> None:
        """On 5 March the second week did not exist: b had a session planned, a had met once."""
        pairs, sessions, ledger, journals = self.cohort()
        got = program_analytics(
            PROGRAM, pairs, sessions, ledger, journals, viewer=CORA, today=date(2026, 3, 5)
        )
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
        got = program_analytics(
            PROGRAM, pairs, sessions, ledger, journals, viewer=CORA, today=date(2026, 4, 12)
        )
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
        truncated = r.as_of(r.program.end_of_day(today))
        assert analyse(r, today) == analyse(truncated, today)

    @settings(max_examples=60, deadline=None)
    @given(records(), st.data())
    def test_at_an_instant_equals_truncated(self, r: Records, data: st.DataObject) -> None:
        """At any instant, a record's very stamp included, the report equals the one on truncated records."""
        moment = data.draw(instants(r), label="at")
        truncated = r.as_of(moment)
        assert analyse(r, at=moment) == analyse(truncated, at=moment)

    @settings(max_examples=30, deadline=None)
    @given(records(), days())
    def test_a_day_is_its_last_instant(self, r: Records, today: date) -> None:
        """today=d is at=the end of d on the program's clock: one cutoff, inclusive."""
        assert analyse(r, today) == analyse(r, at=r.program.end_of_day(today))

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
            pair_goals=tuple(shuffle(r.pair_goals, len(r.pair_goals))),
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
        assert got.goals is not None  # a coordinator reads the shared entries' topics
        for rate in (s.held_rate, s.rescheduled_rate, got.journal.rate, got.goals.rate):
            assert rate is None or 0 <= rate <= 1
        assert got.goals.covered <= got.goals.goals
        assert all(q.days * timedelta(days=1) >= r.program.quiet_after for q in got.gone_quiet)


class TestTheBoundary:
    """A record stamped at exactly the instant of a run counts: the run saw it, so does its replay."""

    def figures_at(self, moment: datetime) -> ProgramAnalytics:
        pairs, sessions, ledger, journals = TestByHand().cohort()
        return program_analytics(PROGRAM, pairs, sessions, ledger, journals, viewer=CORA, at=moment)

    def test_each_kind_of_record_counts_at_its_very_stamp(self) -> None:
        """A session held, an hour logged, an entry written, a review: in at ``at``, out a microsecond before."""
        tick = timedelta(microseconds=1)
        _, sessions, ledger, journals = TestByHand().cohort()
        a2 = next(s for s in sessions if s.id == "a2")
        logged = min(line.at for line in ledger.lines if line.entry.session_id == "a2")
        entry = journals[0].entry("a2-olga")
        review = journals[0].reviews_for("a1-anna")[0]
        checks: list[tuple[datetime, Callable[[ProgramAnalytics], object]]] = [
            (a2.history[-1].at, lambda f: f.sessions.held),
            (logged, lambda f: f.hours.total),
            (entry.written_at, lambda f: f.journal.written),
            (review.written_at, lambda f: f.reviews.summary.count),
        ]
        for moment, figure in checks:
            assert figure(self.figures_at(moment)) != figure(self.figures_at(moment - tick))

    def test_a_mutated_exclusive_cutoff_is_caught(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Mutation check: a cutoff that left out records stamped exactly then fails the test above."""
        inclusive = Program.cutoff

        def exclusive(program: Program, **when: Any) -> datetime:
            return inclusive(program, **when) - timedelta(microseconds=1)

        monkeypatch.setattr(Program, "cutoff", exclusive)
        with pytest.raises(AssertionError):
            self.test_each_kind_of_record_counts_at_its_very_stamp()


class TestWhoSeesWhat:
    """Issue 22's leaks, closed: figures apply the viewer's rights, as figure_matrix() states."""

    pair = Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))
    root = Actor("root", roles=["admin"], program_ids=["p"])

    def records(self, visibility: str) -> tuple[list[Session], HourLedger, list[Journal]]:
        """One held session; Olga's only entry about it mentions her goal, with this visibility."""
        held = complete(call("s1", self.pair, 3), at=at(3, 17))
        ledger = HourLedger().record_all(entries_for_session(held, PROGRAM), sessions=[held])
        journal = Journal.for_mentorship(self.pair).add_entry(
            JournalEntry("e1", "m1", "olga", "mentee", written_at=at(3, 20), session_id="s1",
                         discussed="leaving my abusive employer; CV review",
                         observations="I am scared", visibility=visibility)
        )  # fmt: skip
        return [held], ledger, [journal]

    def figures(self, viewer: Actor, visibility: str) -> ProgramAnalytics:
        sessions, ledger, journals = self.records(visibility)
        return program_analytics(
            PROGRAM, [self.pair], sessions, ledger, journals, viewer=viewer,
            today=date(2026, 3, 12),
            goals=goals_from_topics([self.pair], {"m1": "leaving my abusive employer; CV review"},
                                    at=at(2)),
        )  # fmt: skip

    def test_a_private_entry_counts_for_nothing_with_the_coordinator(self) -> None:
        """No goal covered, no entry written: the coordinator learns nothing of a private entry."""
        private = self.figures(CORA, "private")
        assert private.goals is not None
        assert (private.goals.covered, private.journal.written, private.journal.mentee_rate) == (
            0,
            0,
            0.0,
        )
        assert private == self.figures(CORA, "pair")
        shared = self.figures(CORA, "pair_and_coordinator")
        assert shared.goals is not None
        assert (shared.goals.covered, shared.journal.written, shared.journal.mentee_rate) == (
            2,
            1,
            1.0,
        )

    def test_an_admin_counts_every_entry_and_reads_no_topic(self) -> None:
        """The admin sees that the entry exists (metadata), never what it discussed."""
        for visibility in ("private", "pair", "pair_and_coordinator"):
            got = self.figures(self.root, visibility)
            assert (got.journal.written, got.goals) == (1, None)

    @pytest.mark.parametrize(
        "viewer",
        [
            Actor("olga", roles=["mentee"], mentorship_ids=["m1"]),
            Actor("anna", roles=["mentor"], mentorship_ids=["m1"]),
            Actor("cora", roles=["coordinator"], program_ids=["q"]),
            Actor("root", roles=["admin"], program_ids=["q"]),
            Actor("cora", roles=[], program_ids=["p"]),
        ],
    )
    def test_only_the_programs_coordinators_and_admins_may_ask(self, viewer: Actor) -> None:
        """Members of a pair, and another program's people, are refused, naming viewer and program."""
        with pytest.raises(PermissionDeniedError) as caught:
            self.figures(viewer, "pair_and_coordinator")
        assert str(caught.value) == f"actor {viewer.id!r} may not see the figures of program 'p'"

    def test_another_programs_journal_is_refused_not_left_out(self) -> None:
        """A journal of a mentorship not given is refused: a mixed list is a query gone wrong."""
        theirs = Mentorship("z1", "q", "boris", "ivan", started_on=date(2026, 3, 2))
        foreign = Journal.for_mentorship(theirs)
        with pytest.raises(ValidationError) as caught:
            program_analytics(
                PROGRAM,
                [self.pair],
                [],
                HourLedger(),
                [foreign],
                viewer=CORA,
                today=date(2026, 3, 12),
            )
        assert caught.value.field == "journals[0].mentorship_id"


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
            ((PROGRAM, [pair], [], HourLedger(), []), {"goals": ["x"]}, r"goals\[0\]"),
            ((PROGRAM, [pair], [], HourLedger(), []), {"goals": 5}, "goals"),
        ]
        for args, extra, field in cases:
            with pytest.raises(InvalidTypeError, match=field):
                program_analytics(*args, viewer=CORA, today=today, **extra)  # type: ignore[arg-type]
        with (
            pytest.raises(InvalidTypeError, match=r"goals\['a'\]"),
            pytest.warns(DeprecationWarning, match="goals="),
        ):
            program_analytics(
                PROGRAM,
                [pair],
                [],
                HourLedger(),
                [],
                viewer=CORA,
                today=today,
                goals={"a": 5},  # type: ignore[arg-type]
            )
        with pytest.raises(InvalidTypeError, match="today"):
            program_analytics(PROGRAM, [pair], [], HourLedger(), [], viewer=CORA, today=at(9))

    def test_bad_values(self) -> None:
        """Another program's pair, a duplicate pair or journal, a goal that is no topic."""
        pair = Mentorship("a", "p", "anna", "olga", started_on=date(2026, 3, 2))
        other = Mentorship("z", "q", "anna", "olga", started_on=date(2026, 3, 2))
        today = date(2026, 3, 9)
        with pytest.raises(ValidationError, match="program_id"):
            program_analytics(PROGRAM, [other], [], HourLedger(), [], viewer=CORA, today=today)
        with pytest.raises(DuplicateIdError, match="mentorships"):
            program_analytics(PROGRAM, [pair, pair], [], HourLedger(), [], viewer=CORA, today=today)
        journal = Journal.for_mentorship(pair)
        with pytest.raises(DuplicateIdError, match="journals"):
            program_analytics(
                PROGRAM, [pair], [], HourLedger(), [journal, journal], viewer=CORA, today=today
            )
        for far in (date.min, date(2200, 1, 1), date.max):
            with pytest.raises(ValidationError, match="today"):
                program_analytics(PROGRAM, [pair], [], HourLedger(), [], viewer=CORA, today=far)
        with (
            pytest.raises(ValidationError, match="goals"),
            pytest.warns(DeprecationWarning, match="goals="),
        ):
            program_analytics(
                PROGRAM, [pair], [], HourLedger(), [], viewer=CORA, today=today, goals={"a": ["!!"]}
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
            PROGRAM,
            [one, two],
            [group],
            ledger,
            [first, second],
            viewer=CORA,
            today=date(2026, 3, 9),
        )
        assert (got.sessions.total, got.sessions.held) == (1, 1)
        assert (got.first_session.count, got.never_met) == (2, 0)
        assert got.hours.summary.median == HOUR
        assert got.hours.total == 2 * HOUR
        # Anna (once, though she mentors both), Olga and Ivan were expected; Anna and Ivan wrote.
        j = got.journal
        assert (j.expected, j.written, j.mentor_rate, j.mentee_rate) == (3, 2, 1.0, 0.5)
