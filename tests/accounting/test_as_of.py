"""As of means as of: truncating records at a moment gives the records as they stood then.

The main law is checked against a simulation: records are built by a random
timeline of real operations (sessions proposed, moved and held, hours
recorded, corrected and voided, mentorships paused, extended and closed),
with a copy of everything kept after each step. For any moment ``t``:

* each record's ``as_of(t)`` equals the copy taken at ``t``;
* every report on the full records at ``t`` equals the report on the records
  truncated at ``t``, and the report on the copy taken at ``t``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.accounting import (
    EntryKind,
    HourEntry,
    HourLedger,
    Mentorship,
    MentorshipStatus,
    Program,
    Session,
    SessionStatus,
    cancel,
    close_mentorship,
    cohort_report,
    complete,
    confirm,
    entries_for_session,
    extend,
    hours_by_participant,
    mark_no_show,
    pause_mentorship,
    progress,
    progress_series,
    reschedule,
    resume_mentorship,
    sessions_as_of,
    weekly_hours,
)
from ementoring.errors import EmentoringError, NaiveDatetimeError, ValidationError
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST

PROGRAM = Program(
    "spring", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto", planned_weeks=6
)
START = datetime(2026, 3, 2, 14, tzinfo=UTC)
PAIRS = {
    "m1": Mentorship("m1", "spring", "ivan", "olga", started_on=date(2026, 3, 2)),
    "m2": Mentorship("m2", "spring", "anna", "boris", started_on=date(2026, 3, 9)),
}


@attrs.frozen
class Records:
    """Everything stored at one moment."""

    ledger: HourLedger
    sessions: tuple[Session, ...]
    pairs: tuple[Mentorship, ...]

    def as_of(self, at: datetime) -> Records:
        return Records(
            self.ledger.as_of(at),
            sessions_as_of(self.sessions, at),
            tuple(m.as_of(at) for m in self.pairs),
        )


@attrs.frozen
class Timeline:
    """The final records and a copy after every step: ``(time of the step, records)``."""

    final: Records
    steps: tuple[tuple[datetime, Records], ...]

    def at(self, moment: datetime) -> Records:
        """The copy taken after the last step at or before ``moment``."""
        found = Records(HourLedger(), (), tuple(PAIRS.values()))
        for when, records in self.steps:
            if when > moment:
                break
            found = records
        return found


def _replace(sessions: tuple[Session, ...], new: Session) -> tuple[Session, ...]:
    return tuple(new if s.id == new.id else s for s in sessions)


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    """Records built by up to 40 operations at non-decreasing times."""
    records = Records(HourLedger(), (), tuple(PAIRS.values()))
    now = START
    steps: list[tuple[datetime, Records]] = []
    for step in range(draw(st.integers(0, 40))):
        now += timedelta(minutes=draw(st.sampled_from([0, 30, 60 * 7, 60 * 30, 60 * 24 * 4])))
        op = draw(
            st.sampled_from(
                ["propose", "propose", "confirm", "move", "hold", "hold", "miss", "log",
                 "fix", "void", "pause", "resume", "extend", "close"]
            )
        )  # fmt: skip
        pair_index = draw(st.integers(0, 1))
        pair = records.pairs[pair_index]
        mine = [s for s in records.sessions if s.serves(pair.id)]
        session = draw(st.sampled_from(mine)) if mine else None
        live = sorted(e.id for e in records.ledger.entries)
        try:
            if op == "propose":
                start = now + timedelta(hours=draw(st.integers(1, 24 * 8)))
                people = [*pair.participant_ids, *(["guest"] if draw(st.booleans()) else [])]
                new = Session(
                    f"s{step}",
                    pair.id,
                    Interval(start, start + timedelta(minutes=60)),
                    people,
                    proposed_at=now,
                )
                records = attrs.evolve(records, sessions=(*records.sessions, new))
            elif op in ("confirm", "move", "hold", "miss") and session is not None:
                if op == "confirm":
                    changed = confirm(session, by=pair.mentor_id, at=now)
                elif op == "move" and draw(st.booleans()):
                    later = session.interval.start + timedelta(days=2)
                    moved = Interval(later, later + timedelta(minutes=45))
                    changed = reschedule(session, moved, by=pair.mentee_id, at=now, reason="busy")
                elif op == "move":
                    changed = cancel(session, program=PROGRAM, by=pair.mentee_id, at=now,
                                     reason="ill", final=True)  # fmt: skip
                elif op == "hold":
                    now = max(now, session.interval.end)
                    changed = complete(session, at=now)
                    if "guest" in changed.participants and draw(st.booleans()):
                        changed = mark_no_show(changed, absent=["guest"], at=now)
                    records = attrs.evolve(
                        records,
                        ledger=records.ledger.record_all(
                            entries_for_session(changed, PROGRAM), sessions=[changed]
                        ),
                    )
                else:
                    now = max(now, session.interval.start)
                    changed = mark_no_show(session, absent=[pair.mentee_id], at=now)
                records = attrs.evolve(records, sessions=_replace(records.sessions, changed))
            elif op == "log":
                entry = HourEntry(
                    f"h{step}",
                    pair.id,
                    draw(st.sampled_from(pair.participant_ids)),
                    timedelta(minutes=draw(st.integers(10, 180))),
                    draw(st.sampled_from([EntryKind.MEETING, EntryKind.PREPARATION])),
                    occurred_on=PROGRAM.local_date(now) - timedelta(days=draw(st.integers(0, 3))),
                    recorded_at=now,
                    recorded_by="coordinator",
                )
                records = attrs.evolve(records, ledger=records.ledger.record(entry))
            elif op in ("fix", "void") and live:
                entry_id = draw(st.sampled_from(live))
                current = records.ledger.get(entry_id)
                assert current is not None
                ledger = (
                    records.ledger.correct(
                        entry_id,
                        duration=current.duration - timedelta(minutes=5),
                        reason="left early",
                        by="coordinator",
                        at=now,
                    )
                    if op == "fix"
                    else records.ledger.void(entry_id, reason="twice", by="coordinator", at=now)
                )
                records = attrs.evolve(records, ledger=ledger)
            elif op in ("pause", "resume", "extend", "close"):
                if op == "pause":
                    changed_pair = pause_mentorship(pair, by="coordinator", at=now)
                elif op == "resume":
                    changed_pair = resume_mentorship(pair, by="coordinator", at=now)
                elif op == "extend":
                    changed_pair = extend(pair, 2, pair.participant_ids, now, program=PROGRAM)
                else:
                    reason = draw(st.sampled_from([None, "goals_met", "needs_changed"]))
                    changed_pair = close_mentorship(pair, by="coordinator", at=now, reason=reason)
                pairs = list(records.pairs)
                pairs[pair_index] = changed_pair
                records = attrs.evolve(records, pairs=tuple(pairs))
            else:
                continue
        except EmentoringError:
            continue  # not allowed in this state (or a duration corrected below zero): skipped
        steps.append((now, records))
    return Timeline(records, tuple(steps))


def _moments(timeline: Timeline) -> list[datetime]:
    """Every step's time, a moment just before each, and one before anything."""
    found = {START - timedelta(days=1)}
    for when, _ in timeline.steps:
        found.update({when, when - timedelta(microseconds=1)})
    return sorted(found)


def _days() -> st.SearchStrategy[date]:
    return st.dates(date(2026, 3, 1), date(2026, 6, 30))


class TestTruncation:
    @settings(max_examples=60, deadline=None)
    @given(timelines())
    def test_as_of_gives_the_records_as_they_stood(self, timeline: Timeline) -> None:
        """For every moment, each record's as_of equals the copy kept at that moment."""
        for moment in _moments(timeline):
            assert timeline.final.as_of(moment) == timeline.at(moment)

    @settings(max_examples=60, deadline=None)
    @given(timelines(), st.data())
    def test_truncation_is_idempotent_and_monotone(
        self, timeline: Timeline, data: st.DataObject
    ) -> None:
        """Truncating twice is truncating at the earlier moment."""
        moments = _moments(timeline)
        first = data.draw(st.sampled_from(moments))
        second = data.draw(st.sampled_from(moments))
        twice = timeline.final.as_of(first).as_of(second)
        assert twice == timeline.final.as_of(min(first, second))

    def test_nothing_to_drop_gives_the_same_object(self) -> None:
        """A record with nothing after the moment is returned as it is (no copy)."""
        slot = Interval(START, START + timedelta(hours=1))
        session = complete(
            Session("s1", "m1", slot, ["ivan", "olga"], proposed_at=EARLIEST), at=slot.end
        )
        ledger = HourLedger().record_all(entries_for_session(session, PROGRAM), sessions=[session])
        later = slot.end + timedelta(days=1)
        assert session.as_of(later) is session
        assert ledger.as_of(later) is ledger
        assert PAIRS["m1"].as_of(later) is PAIRS["m1"]


class TestReportsAsOf:
    @settings(max_examples=60, deadline=None)
    @given(timelines(), _days())
    def test_progress_and_cohort_see_only_what_existed(
        self, timeline: Timeline, today: date
    ) -> None:
        """Reports on the full records equal reports on the records truncated, and on the copy then."""
        cutoff = PROGRAM.end_of_day(today)
        full, then = timeline.final, timeline.at(cutoff)
        for records in (full.as_of(cutoff), then):
            assert cohort_report(
                PROGRAM, full.pairs, full.ledger, full.sessions, today=today
            ) == cohort_report(
                PROGRAM, records.pairs, records.ledger, records.sessions, today=today
            )
            for pair, pair_then in zip(full.pairs, records.pairs, strict=True):
                assert progress(PROGRAM, pair, full.ledger, full.sessions, today=today) == progress(
                    PROGRAM, pair_then, records.ledger, records.sessions, today=today
                )
                assert weekly_hours(PROGRAM, full.ledger, pair.id, today=today) == weekly_hours(
                    PROGRAM, records.ledger, pair.id, today=today
                )

    @settings(max_examples=60, deadline=None)
    @given(timelines(), st.data())
    def test_at_an_instant_the_live_run_and_its_replay_agree(
        self, timeline: Timeline, data: st.DataObject
    ) -> None:
        """At any instant (each step's very stamp among them): the full records, the records
        truncated then, and the copy stored then give the same reports."""
        moment = data.draw(st.sampled_from(_moments(timeline)))
        full, live = timeline.final, timeline.at(moment)
        for records in (full.as_of(moment), live):
            assert cohort_report(
                PROGRAM, full.pairs, full.ledger, full.sessions, at=moment
            ) == cohort_report(PROGRAM, records.pairs, records.ledger, records.sessions, at=moment)
            for pair, pair_then in zip(full.pairs, records.pairs, strict=True):
                assert progress(PROGRAM, pair, full.ledger, full.sessions, at=moment) == progress(
                    PROGRAM, pair_then, records.ledger, records.sessions, at=moment
                )
                assert weekly_hours(PROGRAM, full.ledger, pair.id, at=moment) == weekly_hours(
                    PROGRAM, records.ledger, pair.id
                )

    @settings(max_examples=30, deadline=None)
    @given(timelines(), _days())
    def test_a_day_is_its_last_instant(self, timeline: Timeline, today: date) -> None:
        """today=d is at=the end of d on the program's clock, for every report taking both."""
        end = PROGRAM.end_of_day(today)
        r = timeline.final
        assert cohort_report(PROGRAM, r.pairs, r.ledger, r.sessions, today=today) == cohort_report(
            PROGRAM, r.pairs, r.ledger, r.sessions, at=end
        )
        for pair in r.pairs:
            assert progress(PROGRAM, pair, r.ledger, r.sessions, today=today) == progress(
                PROGRAM, pair, r.ledger, r.sessions, at=end
            )
            assert weekly_hours(PROGRAM, r.ledger, pair.id, today=today) == weekly_hours(
                PROGRAM, r.ledger, pair.id, at=end
            )

    @settings(max_examples=60, deadline=None)
    @given(timelines(), st.data())
    def test_hours_by_participant(self, timeline: Timeline, data: st.DataObject) -> None:
        """Volunteer hours as of a moment count the ledger as it stood then."""
        moment = data.draw(st.sampled_from(_moments(timeline)))
        start, end = date(2026, 2, 1), date(2026, 7, 1)
        full = hours_by_participant(timeline.final.ledger, start=start, end=end, at=moment)
        truncated = timeline.final.ledger.as_of(moment)
        assert full == hours_by_participant(truncated, start=start, end=end)
        assert full == hours_by_participant(timeline.at(moment).ledger, start=start, end=end)

    def test_records_stamped_at_the_instant_count(self) -> None:
        """The boundary is inclusive: a session held, or an hour logged, exactly at ``at`` counts."""
        slot = Interval(
            datetime(2026, 3, 17, 22, tzinfo=UTC), datetime(2026, 3, 17, 23, tzinfo=UTC)
        )
        booked = Session(
            "s1", "m1", slot, ["ivan", "olga"], proposed_at=datetime(2026, 3, 12, tzinfo=UTC)
        )
        held = complete(booked, at=slot.end)
        ledger = HourLedger().record_all(entries_for_session(held, PROGRAM), sessions=[held])
        tick = timedelta(microseconds=1)

        def report(at: datetime) -> tuple[int, timedelta]:
            found = progress(PROGRAM, PAIRS["m1"], ledger, [held], at=at)
            return found.sessions_completed, found.logged

        held_at = held.history[-1].at
        logged_at = min(line.at for line in ledger.lines)
        assert report(held_at)[0] == 1
        assert report(held_at - tick)[0] == 0
        assert report(logged_at)[1] > timedelta(0)
        assert report(logged_at - tick)[1] == timedelta(0)

    def test_the_issue_week_one(self) -> None:
        """A week-1 report is not changed by hours and sessions recorded in week 3."""
        slot = Interval(
            datetime(2026, 3, 17, 22, tzinfo=UTC), datetime(2026, 3, 17, 23, tzinfo=UTC)
        )
        booked = Session(
            "s1", "m1", slot, ["ivan", "olga"], proposed_at=datetime(2026, 3, 12, tzinfo=UTC)
        )
        held = complete(booked, at=slot.end)
        ledger = HourLedger().record_all(entries_for_session(held, PROGRAM), sessions=[held])
        week_one = progress(PROGRAM, PAIRS["m1"], ledger, [held], today=date(2026, 3, 9))
        assert week_one == progress(PROGRAM, PAIRS["m1"], HourLedger(), [], today=date(2026, 3, 9))
        assert week_one.logged == timedelta(0)
        assert week_one.sessions_completed == 0
        assert week_one.next_session is None
        week_two = progress(PROGRAM, PAIRS["m1"], ledger, [held], today=date(2026, 3, 16))
        assert week_two.next_session == booked  # booked on the 12th, not yet held
        assert week_two.logged == timedelta(0)
        week_three = progress(PROGRAM, PAIRS["m1"], ledger, [held], today=date(2026, 3, 17))
        assert week_three.logged == timedelta(hours=1)
        assert week_three.sessions_completed == 1


class TestProgressSeries:
    @settings(max_examples=40, deadline=None)
    @given(
        timelines(),
        _days(),
        st.integers(0, 80),
        st.sampled_from([1, 3, 7, 14]),
        st.sampled_from(["m1", "m2"]),
    )
    def test_each_step_equals_progress(
        self, timeline: Timeline, start: date, span: int, every: int, pair_id: str
    ) -> None:
        """The series is progress(...) on each step's day, and nothing else."""
        full = timeline.final
        pair = next(m for m in full.pairs if m.id == pair_id)
        end = start + timedelta(days=span)
        series = progress_series(
            PROGRAM,
            pair,
            full.ledger,
            full.sessions,
            start=start,
            end=end,
            every=timedelta(days=every),
        )
        days = [start + timedelta(days=every * k) for k in range(span // every + 1)]
        assert [r.today for r in series] == days
        assert list(series) == [
            progress(PROGRAM, pair, full.ledger, full.sessions, today=day) for day in days
        ]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"end": date(2026, 3, 1)}, "end"),
            ({"every": timedelta(hours=36)}, "every"),
            ({"every": timedelta(0)}, "every"),
            ({"every": 7}, "every"),
            ({"end": date(2100, 1, 1), "every": timedelta(days=1)}, "every"),
            ({"start": datetime(2026, 3, 2, tzinfo=UTC)}, "start"),
        ],
    )
    def test_bad_steps(self, changes: dict[str, object], field: str) -> None:
        """Steps must be whole days, end not before start, and not too many."""
        arguments: dict[str, object] = {
            "start": date(2026, 3, 2),
            "end": date(2026, 5, 1),
        } | changes
        with pytest.raises(ValidationError) as caught:
            progress_series(PROGRAM, PAIRS["m1"], HourLedger(), [], **arguments)  # type: ignore[arg-type]
        assert caught.value.field == field


class TestRecordsAsOf:
    def test_session_restores_the_plan_and_the_absent(self) -> None:
        """Undoing a move brings back the earlier time; undoing a no-show brings back the guest."""
        first = Interval(START + timedelta(days=2), START + timedelta(days=2, hours=1))
        second = Interval(START + timedelta(days=3), START + timedelta(days=3, hours=1))
        s = Session("s1", "m1", first, ["guest", "ivan", "olga"], proposed_at=START)
        s = reschedule(s, second, by="olga", at=START + timedelta(days=1), reason="busy")
        s = complete(
            s, at=second.end, actual=Interval(second.start, second.end + timedelta(minutes=10))
        )
        s = mark_no_show(s, absent=["guest"], at=second.end + timedelta(minutes=5))
        before_move = s.as_of(START + timedelta(hours=1))
        assert before_move is not None
        assert (before_move.interval, before_move.status, before_move.history) == (
            first,
            SessionStatus.PROPOSED,
            (),
        )
        held = s.as_of(second.end)
        assert held is not None
        assert (held.status, held.absent, held.actual) == (SessionStatus.COMPLETED, (), s.actual)
        assert s.as_of(START - timedelta(seconds=1)) is None

    def test_proposed_at_must_not_follow_the_history(self) -> None:
        """A session cannot be proposed after its first event, nor changed before its proposal."""
        slot = Interval(START + timedelta(days=2), START + timedelta(days=2, hours=1))
        s = confirm(
            Session("s1", "m1", slot, ["ivan", "olga"], proposed_at=EARLIEST), by="ivan", at=START
        )
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(s, proposed_at=START + timedelta(hours=1))
        assert caught.value.field == "proposed_at"
        fresh = Session("s2", "m1", slot, ["ivan", "olga"], proposed_at=START)
        with pytest.raises(ValidationError) as refused:
            confirm(fresh, by="ivan", at=START - timedelta(hours=1))
        assert refused.value.field == "at"

    def test_mentorship_replays_extensions_and_closure(self) -> None:
        """Extensions and the closure come back in the order they happened."""
        m = attrs.evolve(PAIRS["m1"], extension_weeks=1)  # a week agreed before records were kept
        m = extend(m, 2, m.participant_ids, START, program=PROGRAM)
        m = pause_mentorship(m, by="ivan", at=START + timedelta(days=1))
        m = close_mentorship(m, by="anna", at=START + timedelta(days=2), reason="needs_changed")
        assert (
            m.as_of(START - timedelta(seconds=1)).extension_weeks,
            m.as_of(START).extension_weeks,
        ) == (1, 3)
        paused = m.as_of(START + timedelta(days=1, hours=1))
        assert (paused.status, paused.closure_reason) == (MentorshipStatus.PAUSED, None)
        assert m.as_of(START + timedelta(days=2)) == m

    @pytest.mark.parametrize(
        "call",
        [
            lambda at: PAIRS["m1"].as_of(at),
            lambda at: HourLedger().as_of(at),
            lambda at: sessions_as_of([], at),
            lambda at: Session(
                "s",
                "m1",
                Interval(START, START + timedelta(hours=1)),
                ["a", "b"],
                proposed_at=EARLIEST,
            ).as_of(at),
        ],
    )
    def test_naive_moment_is_refused(self, call: Callable[[datetime], object]) -> None:
        """A moment without a UTC offset is refused, naming it."""
        with pytest.raises(NaiveDatetimeError) as caught:
            call(datetime(2026, 3, 2))
        assert caught.value.field == "at"

    def test_end_of_day_is_the_last_instant(self) -> None:
        """The day's end is one microsecond before the next midnight on the program's clock."""
        day = date(2026, 3, 7)  # the next day is a DST change in Toronto (8 March)
        assert PROGRAM.end_of_day(day) + timedelta(microseconds=1) == PROGRAM.midnight(
            day + timedelta(days=1)
        )
        assert PROGRAM.end_of_day(day).tzinfo is UTC
