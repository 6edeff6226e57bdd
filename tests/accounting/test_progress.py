"""Progress and pace: the story's case at chosen dates, each rule, weekly and cohort figures."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.accounting import (
    HourEntry,
    HourLedger,
    Mentorship,
    Pace,
    Program,
    ProgressReport,
    Session,
    cohort_report,
    complete,
    confirm,
    entries_for_session,
    hours_by_participant,
    progress,
    weekly_hours,
)
from ementoring.errors import DuplicateIdError, ValidationError
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST, to_instant

from .strategies import hour_entries, mentorships, programs

HOUR = timedelta(hours=1)
START = date(2026, 3, 2)  # a Monday; Toronto springs forward in week 1
PROGRAM = Program(
    "spring", "Spring 2026", starts_on=START, zone="America/Toronto", max_extension_weeks=4
)
PAIR = Mentorship("m1", "spring", "olga", "ivan", started_on=START)

# The story: 10 hours planned over 10 weeks; holidays in weeks 4 and 5 and a
# busy week 10; one-hour calls on Tuesdays at 18:00 Toronto time; 10 hours
# reached in week 13.
STORY_WEEKS = (1, 2, 3, 6, 7, 8, 9, 11, 12, 13)


def tuesday(week: int) -> date:
    return START + timedelta(days=7 * (week - 1) + 1)


def call(week: int, minutes: int = 60, mentorship_id: str = "m1") -> Interval:
    start = to_instant(datetime.combine(tuesday(week), time(18)), "America/Toronto")
    return Interval(start, start + timedelta(minutes=minutes))


def story_as_of(today: date) -> tuple[HourLedger, list[Session]]:
    """What is known on ``today``: calls held so far (both sides log them), the next one confirmed."""
    sessions = []
    ledger = HourLedger()
    for week in STORY_WEEKS:
        session = Session(f"s{week}", "m1", call(week), ["olga", "ivan"], proposed_at=EARLIEST)
        session = confirm(session, by="ivan", at=call(week).start - 48 * HOUR)
        if tuesday(week) <= today:
            session = complete(session, at=call(week).end + HOUR)
            ledger = ledger.record_all(entries_for_session(session, PROGRAM), sessions=[session])
        sessions.append(session)
    return ledger, sessions


def report_on(today: date) -> ProgressReport:
    ledger, sessions = story_as_of(today)
    return progress(PROGRAM, PAIR, ledger, sessions, today=today)


class TestStory:
    @pytest.mark.parametrize(
        ("today", "logged", "expected", "pace"),
        [
            (date(2026, 3, 2), 0, 0 * HOUR, Pace.ON_TRACK),  # day 0
            (date(2026, 3, 23), 3, 3 * HOUR, Pace.ON_TRACK),  # week 4 begins: 3 h of 3 h
            (date(2026, 4, 6), 3, 5 * HOUR, Pace.BEHIND),  # after the holidays, 20 days quiet
            (date(2026, 4, 7), 4, 10 * HOUR * 36 / 70, Pace.BEHIND),
            (date(2026, 5, 11), 7, 10 * HOUR, Pace.BEHIND),  # week 11: the line has reached 10 h
            (date(2026, 5, 25), 9, 10 * HOUR, Pace.ON_TRACK),  # exactly one hour short: tolerated
            (date(2026, 5, 26), 10, 10 * HOUR, Pace.COMPLETE),  # week 13: target reached
            (date(2026, 6, 30), 10, 10 * HOUR, Pace.COMPLETE),
        ],
    )
    def test_pace_at_chosen_dates(
        self, today: date, logged: int, expected: timedelta, pace: Pace
    ) -> None:
        """Both sides log each call, yet each hour counts once; pace follows the rules in order."""
        report = report_on(today)
        assert report.logged == logged * HOUR
        assert report.expected_by_now == expected
        assert report.pace is pace, report.reasons

    def test_target_reached_in_week_13(self) -> None:
        """The story's pair completes on the Tuesday of week 13, three weeks past the plan."""
        report = report_on(date(2026, 6, 1))
        assert report.projected_completion == tuesday(13)
        assert PROGRAM.week_of_date(tuesday(13)) == 13
        assert report.remaining == timedelta(0)
        assert report.percent == pytest.approx(100)
        assert report.sessions_completed == 10
        assert report.last_session_on == tuesday(13)

    def test_weekly_hours_show_the_holidays(self) -> None:
        """Weeks 4, 5 and 10 are empty; the weeks add up to the logged total."""
        ledger, _ = story_as_of(date(2026, 6, 1))
        weeks = weekly_hours(PROGRAM, ledger, "m1")
        assert weeks == tuple(HOUR if w in STORY_WEEKS else timedelta(0) for w in range(1, 14))
        assert sum(weeks, timedelta(0)) == report_on(date(2026, 6, 1)).logged

    def test_one_more_quiet_day_is_at_risk(self) -> None:
        """Without the week-6 call, 21 days after the last one the pair is at risk."""
        ledger, sessions = story_as_of(date(2026, 4, 7))
        held_before = [s for s in sessions if s.id != "s6"]
        held_entries = HourLedger().record_all(
            [e for e in ledger.entries if e.session_id != "s6"],
            sessions=held_before,
        )
        report = progress(PROGRAM, PAIR, held_entries, held_before, today=date(2026, 4, 7))
        assert report.days_since_last_session == 21
        assert report.pace is Pace.AT_RISK
        assert "no session since 2026-03-17" in report.reasons[0]

    def test_next_session_and_projection(self) -> None:
        """The next confirmed call is reported; the projection follows the pace so far."""
        report = report_on(date(2026, 4, 6))
        assert report.next_session is not None
        assert report.next_session.id == "s6"
        # 3 h in 35 days: 7 h more take ceil(7 * 35 / 3) = 82 days.
        assert report.projected_completion == date(2026, 4, 6) + timedelta(days=82)


def logged_pair(hours_by_day: dict[date, float]) -> tuple[HourLedger, list[Session]]:
    """Completed calls of the given lengths on the given days, logged by the mentor."""
    ledger = HourLedger()
    sessions = []
    for index, (day, hours) in enumerate(sorted(hours_by_day.items())):
        start = to_instant(datetime.combine(day, time(18)), "America/Toronto")
        session = Session(
            f"s{index}",
            "m1",
            Interval(start, start + hours * HOUR),
            ["olga", "ivan"],
            proposed_at=EARLIEST,
        )
        session = complete(session, at=start + 5 * HOUR)
        sessions.append(session)
        mentor_entry = entries_for_session(session, PROGRAM)[1]
        ledger = ledger.record(mentor_entry, session=session)
    return ledger, sessions


class TestRules:
    def test_ahead(self) -> None:
        """Two hours a week from the start is ahead of the line."""
        ledger, sessions = logged_pair({tuesday(1): 2, tuesday(2): 2, tuesday(3): 2})
        report = progress(PROGRAM, PAIR, ledger, sessions, today=tuesday(3))
        assert report.pace is Pace.AHEAD

    def test_at_risk_by_rate(self) -> None:
        """Too much left for the weeks available, even with recent contact."""
        program = Program(
            "spring", "S", starts_on=START, zone="America/Toronto", max_extension_weeks=0
        )
        ledger, sessions = logged_pair({tuesday(9): 1})
        report = progress(program, PAIR, ledger, sessions, today=tuesday(9))
        # 9 h left, 13 days left: more than 2 h/week * 13/7 weeks.
        assert report.pace is Pace.AT_RISK
        assert len(report.reasons) == 1
        assert "planned weekly rate" in report.reasons[0]

    def test_rate_rule_uses_the_extension(self) -> None:
        """With four weeks of allowed extension the same pair is merely behind."""
        ledger, sessions = logged_pair({tuesday(9): 1})
        report = progress(PROGRAM, PAIR, ledger, sessions, today=tuesday(9))
        assert report.pace is Pace.BEHIND
        assert report.weeks_available == 14

    def test_agreed_extension_counts_when_the_program_has_no_cap(self) -> None:
        """Without a cap, the pair's agreed extension gives the weeks available."""
        program = Program("spring", "S", starts_on=START, zone="America/Toronto")
        extended = Mentorship("m1", "spring", "olga", "ivan", started_on=START, extension_weeks=6)
        ledger, sessions = logged_pair({tuesday(9): 1})
        assert progress(program, PAIR, ledger, sessions, today=tuesday(9)).pace is Pace.AT_RISK
        report = progress(program, extended, ledger, sessions, today=tuesday(9))
        assert report.pace is Pace.BEHIND

    def test_complete_wins_over_quiet(self) -> None:
        """A pair past its target is complete however long ago it last met."""
        ledger, sessions = logged_pair({tuesday(1): 6, tuesday(2): 6})
        report = progress(PROGRAM, PAIR, ledger, sessions, today=date(2026, 12, 1))
        assert report.pace is Pace.COMPLETE
        assert report.beyond_target == 2 * HOUR
        assert report.projected_completion == tuesday(2)

    def test_thresholds_are_parameters(self) -> None:
        """A wider tolerance and a shorter quiet period change the verdict."""
        ledger, sessions = logged_pair({tuesday(1): 1})
        today = tuesday(4) - timedelta(days=1)  # 20 days after the only call
        assert progress(PROGRAM, PAIR, ledger, sessions, today=today).pace is Pace.BEHIND
        wide = progress(PROGRAM, PAIR, ledger, sessions, today=today, tolerance=3 * HOUR)
        assert wide.pace is Pace.ON_TRACK
        quiet = progress(
            PROGRAM, PAIR, ledger, sessions, today=today, quiet_after=timedelta(days=14)
        )
        assert quiet.pace is Pace.AT_RISK
        strict = progress(PROGRAM, PAIR, ledger, sessions, today=today, risk_factor=0.5)
        assert strict.pace is Pace.AT_RISK

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"today": datetime(2026, 3, 2, tzinfo=UTC)}, "today"),
            ({"tolerance": -HOUR}, "tolerance"),
            ({"risk_factor": 0}, "risk_factor"),
            ({"risk_factor": float("nan")}, "risk_factor"),
            ({"quiet_after": timedelta(0)}, "quiet_after"),
            ({"kinds": ["coffee"]}, "kinds"),
            ({"kinds": "meeting"}, "kinds"),
        ],
    )
    def test_bad_parameters(self, kwargs: dict[str, object], field: str) -> None:
        """Bad thresholds and dates are refused, naming the parameter."""
        call_kwargs: dict[str, object] = {"today": START, **kwargs}
        with pytest.raises(ValidationError) as caught:
            progress(PROGRAM, PAIR, HourLedger(), [], **call_kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_mentorship_of_another_program(self) -> None:
        """A mentorship must belong to the program."""
        other = Mentorship("m1", "autumn", "olga", "ivan", started_on=START)
        with pytest.raises(ValidationError) as caught:
            progress(PROGRAM, other, HourLedger(), [], today=START)
        assert caught.value.field == "mentorship.program_id"


class TestPairTime:
    def test_unlinked_entries_count_for_the_side_that_logged_more(self) -> None:
        """Meetings without a session: the larger side's total is the pair's time."""

        def entry(entry_id: str, who: str, minutes: int) -> HourEntry:
            return HourEntry(
                entry_id,
                "m1",
                who,
                timedelta(minutes=minutes),
                "meeting",
                occurred_on=tuesday(1),
                recorded_at=datetime(2026, 3, 4, tzinfo=UTC),
                recorded_by=who,
            )

        ledger = HourLedger().record_all(
            [entry("a", "olga", 60), entry("b", "ivan", 50), entry("c", "ivan", 30)]
        )
        report = progress(PROGRAM, PAIR, ledger, [], today=tuesday(2))
        assert report.logged == timedelta(minutes=80)
        assert hours_by_participant(ledger, start=START, end=tuesday(2)) == {
            "ivan": timedelta(minutes=80),
            "olga": timedelta(minutes=60),
        }

    @given(
        st.lists(
            st.tuples(st.integers(0, 120), st.sampled_from(["olga", "ivan"]), st.integers(1, 300)),
            max_size=25,
        )
    )
    def test_weekly_hours_add_up_to_logged(self, raw: list[tuple[int, str, int]]) -> None:
        """Whatever was logged, the weeks add up to progress's logged, in any order."""
        entries = [
            HourEntry(
                f"e{i}",
                "m1",
                who,
                timedelta(minutes=minutes),
                "meeting",
                session_id=None,
                occurred_on=START + timedelta(days=day),
                recorded_at=datetime(2026, 9, 1, tzinfo=UTC),
                recorded_by=who,
            )
            for i, (day, who, minutes) in enumerate(raw)
        ]
        forward = HourLedger().record_all(entries)
        backward = HourLedger().record_all(reversed(entries))
        logged = progress(PROGRAM, PAIR, forward, [], today=date(2026, 9, 1)).logged
        assert sum(weekly_hours(PROGRAM, forward, "m1"), timedelta(0)) == logged
        assert weekly_hours(PROGRAM, backward, "m1") == weekly_hours(PROGRAM, forward, "m1")

    def test_hours_by_participant_bad_period(self) -> None:
        """The period must not be empty."""
        with pytest.raises(ValidationError) as caught:
            hours_by_participant(HourLedger(), start=START, end=START)
        assert caught.value.field == "end"


class TestCohort:
    def test_counts_median_quiet_and_not_yet_met(self) -> None:
        """Paces are counted, hours summed and the median taken; idle pairs are listed."""
        story_ledger, story_sessions = story_as_of(date(2026, 5, 11))
        pairs = [PAIR] + [
            Mentorship(f"m{i}", "spring", "anna", f"mentee{i}", started_on=START) for i in (2, 3)
        ]
        report = cohort_report(
            PROGRAM, reversed(pairs), story_ledger, story_sessions, today=date(2026, 5, 11)
        )
        assert [r.mentorship_id for r in report.reports] == ["m1", "m2", "m3"]
        assert report.pace_counts[Pace.BEHIND] == 1
        assert report.pace_counts[Pace.AT_RISK] == 2
        assert sum(report.pace_counts.values()) == 3
        assert report.total_hours == 7 * HOUR
        assert report.median_hours == timedelta(0)
        assert report.no_session_yet == ("m2", "m3")
        assert report.gone_quiet == ()
        later = cohort_report(PROGRAM, pairs, story_ledger, story_sessions, today=date(2026, 6, 1))
        assert later.gone_quiet == ("m1",)

    def test_same_as_progress_one_by_one(self) -> None:
        """The cohort's reports equal progress() called per mentorship."""
        ledger, sessions = story_as_of(date(2026, 4, 20))
        pairs = [PAIR, Mentorship("m2", "spring", "anna", "boris", started_on=START)]
        report = cohort_report(PROGRAM, pairs, ledger, sessions, today=date(2026, 4, 20))
        assert report.reports == tuple(
            progress(PROGRAM, p, ledger, sessions, today=date(2026, 4, 20)) for p in pairs
        )

    def test_duplicate_mentorship(self) -> None:
        """A mentorship given twice is refused."""
        with pytest.raises(DuplicateIdError):
            cohort_report(PROGRAM, [PAIR, PAIR], HourLedger(), [], today=START)

    def test_empty_cohort(self) -> None:
        """An empty cohort has no median."""
        report = cohort_report(PROGRAM, [], HourLedger(), [], today=START)
        assert report.median_hours is None
        assert report.total_hours == timedelta(0)


class TestDeterminism:
    @given(
        st.permutations(range(len(STORY_WEEKS))),
        st.randoms(use_true_random=False),
        st.dates(date(2026, 3, 1), date(2026, 7, 1)),
    )
    def test_input_order_does_not_matter(
        self, order: list[int], rng: random.Random, today: date
    ) -> None:
        """The same sessions and entries in any order give the same report."""
        ledger, sessions = story_as_of(today)
        entries = list(ledger.entries)
        rng.shuffle(entries)
        shuffled_ledger = HourLedger().record_all(entries, sessions=sessions)
        shuffled_sessions = [sessions[i] for i in order]
        assert progress(PROGRAM, PAIR, shuffled_ledger, shuffled_sessions, today=today) == (
            progress(PROGRAM, PAIR, ledger, sessions, today=today)
        )


class TestReportLaws:
    @given(
        programs(),
        mentorships(),
        st.lists(hour_entries(session_ids=("a", "b")), unique_by=lambda e: e.id, max_size=25),
        st.dates(date(2026, 1, 1), date(2027, 6, 30)),
    )
    def test_report_arithmetic(
        self, program: Program, pair: Mentorship, entries: list[HourEntry], today: date
    ) -> None:
        """Remaining, beyond, percent and weekly sums agree with logged; complete iff the target is met."""
        five_hours = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 2, 2, 5, tzinfo=UTC))
        sessions = [
            complete(
                Session(sid, "m1", five_hours, ["olga", "ivan"], proposed_at=EARLIEST),
                at=five_hours.end,
            )
            for sid in ("a", "b")
        ]
        ledger = HourLedger().record_all(entries, sessions=sessions)
        report = progress(program, pair, ledger, sessions, today=today)
        raw = ledger.total(kinds=["meeting"])
        assert timedelta(0) <= report.logged <= raw
        assert report.remaining == max(program.target - report.logged, timedelta(0))
        assert report.beyond_target == max(report.logged - program.target, timedelta(0))
        assert report.percent == pytest.approx(100 * (report.logged / program.target))
        assert (report.pace is Pace.COMPLETE) == (report.logged >= program.target)
        assert report.expected_by_now <= program.target
        weeks = weekly_hours(program, ledger, "m1", today=today)
        assert sum(weeks, timedelta(0)) == report.logged


class TestHoursByParticipant:
    def test_period_is_half_open_and_kinds_filter(self) -> None:
        """Start is included, end excluded; kinds narrow the count; voided time is gone."""

        def entry(entry_id: str, who: str, day: date, kind: str, minutes: int) -> HourEntry:
            return HourEntry(
                entry_id,
                f"m-{who}",
                who,
                timedelta(minutes=minutes),
                kind,
                occurred_on=day,
                recorded_at=datetime(2026, 6, 1, tzinfo=UTC),
                recorded_by=who,
            )

        ledger = (
            HourLedger()
            .record_all(
                [
                    entry("a", "olga", date(2026, 3, 1), "preparation", 30),
                    entry("b", "olga", date(2026, 3, 31), "meeting", 60),
                    entry("c", "olga", date(2026, 4, 1), "meeting", 60),
                    entry("d", "anna", date(2026, 3, 15), "follow_up", 20),
                    entry("e", "anna", date(2026, 3, 16), "other", 10),
                ]
            )
            .void("e", reason="typo", by="anna", at=datetime(2026, 6, 2, tzinfo=UTC))
        )
        first, last = date(2026, 3, 1), date(2026, 4, 1)
        assert hours_by_participant(ledger, start=first, end=last) == {
            "anna": timedelta(minutes=20),
            "olga": timedelta(minutes=90),
        }
        assert list(hours_by_participant(ledger, start=first, end=last)) == ["anna", "olga"]
        assert hours_by_participant(ledger, start=first, end=last, kinds=["meeting"]) == {
            "olga": timedelta(minutes=60)
        }

    def test_weekly_hours_put_early_entries_in_week_one(self) -> None:
        """An entry dated before the program starts counts in week 1, not nowhere."""
        early = HourEntry(
            "a",
            "m1",
            "olga",
            HOUR,
            "meeting",
            occurred_on=START - timedelta(days=3),
            recorded_at=datetime(2026, 3, 1, tzinfo=UTC),
            recorded_by="olga",
        )
        weeks = weekly_hours(PROGRAM, HourLedger().record(early), "m1")
        assert weeks[0] == HOUR
        assert len(weeks) == PROGRAM.planned_weeks
