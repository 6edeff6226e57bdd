"""Sessions: construction, each transition, the table, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring import accounting
from ementoring.accounting import (
    SESSION_TRANSITIONS,
    Program,
    Session,
    SessionAction,
    SessionStatus,
    cancel,
    complete,
    confirm,
    mark_no_show,
    reply,
    reschedule,
    session_lifecycle_table,
)
from ementoring.errors import (
    InvalidTransitionError,
    NaiveDatetimeError,
    RescheduleRequiredError,
    ValidationError,
)
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST

from .strategies import intervals, sessions

PROGRAM = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
LENIENT = attrs.evolve(PROGRAM, require_new_time_on_cancel=False)


def slot(day: int, hour: int = 16, minutes: int = 60) -> Interval:
    start = datetime(2026, 3, day, hour, tzinfo=UTC)
    return Interval(start, start + timedelta(minutes=minutes))


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def fresh() -> Session:
    return Session("s1", "m1", slot(10), ["olga", "ivan"], proposed_at=EARLIEST)


class TestConstruction:
    def test_starts_proposed_with_sorted_participants(self) -> None:
        """A new session is proposed, with no history; participants come back sorted."""
        s = Session("s1", "m1", slot(10), ["olga", "ivan", "guest"], proposed_at=EARLIEST)
        assert s.status is SessionStatus.PROPOSED
        assert s.history == ()
        assert s.participants == ("guest", "ivan", "olga")

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"participants": ["olga"]}, "participants"),
            ({"participants": ["olga", "olga"]}, "participants"),
            ({"participants": "olga"}, "participants"),
            ({"participants": ["olga", " ivan"]}, "participants[0]"),
            ({"interval": (1, 2)}, "interval"),
            ({"id": ""}, "id"),
            ({"status": "confirmed"}, "status"),
            ({"status": "lost"}, "status"),
            ({"absent": ["nobody"]}, "absent"),
            ({"actual": slot(10)}, "actual"),
            ({"proposed_at": None}, "proposed_at"),
            ({"proposed_at": datetime(2026, 3, 1)}, "proposed_at"),
        ],
    )
    def test_bad_fields_are_named(self, kwargs: dict[str, object], field: str) -> None:
        """Each bad field raises a ValidationError naming it."""
        base: dict[str, object] = {
            "id": "s1",
            "mentorship_ids": "m1",
            "interval": slot(10),
            "participants": ["olga", "ivan"],
            "proposed_at": at(1),
        }
        with pytest.raises(ValidationError) as caught:
            Session(**{**base, **kwargs})  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_history_round_trips(self) -> None:
        """A session rebuilt from its status and history is equal to the original."""
        s = complete(confirm(fresh(), by="ivan", at=at(9)), at=at(10, 18))
        rebuilt = Session(
            s.id,
            s.mentorship_ids,
            s.interval,
            s.participants,
            status=s.status,
            history=s.history,
            actual=s.actual,
            proposed_at=EARLIEST,
        )
        assert rebuilt == s

    def test_history_that_skips_a_step_is_refused(self) -> None:
        """A history that does not follow the table is refused."""
        s = complete(confirm(fresh(), by="ivan", at=at(9)), at=at(10, 18))
        with pytest.raises(ValidationError) as caught:
            Session(
                "s1",
                "m1",
                slot(10),
                ["olga", "ivan"],
                status="completed",
                history=s.history[1:],
                proposed_at=EARLIEST,
            )
        assert caught.value.field == "history[0].from_status"


class TestTransitions:
    def test_confirm_records_who_and_when(self) -> None:
        """Confirming records the actor and the time and leaves the original alone."""
        s = fresh()
        c = confirm(s, by="ivan", at=at(9))
        assert c.status is SessionStatus.CONFIRMED
        assert (c.history[-1].by, c.history[-1].at) == ("ivan", at(9))
        assert s.status is SessionStatus.PROPOSED

    def test_reschedule_from_confirmed_needs_confirming_again(self) -> None:
        """A moved session is a new proposal and keeps every earlier time."""
        s = confirm(fresh(), by="ivan", at=at(8))
        s = reschedule(s, slot(11), by="olga", at=at(9), reason="work")
        s = reschedule(s, slot(12), by="ivan", at=at(9, 13), reason="ill")
        assert s.status is SessionStatus.PROPOSED
        assert s.interval == slot(12)
        assert s.earlier_intervals == (slot(10), slot(11))
        assert s.reschedules == 2

    def test_reschedule_to_the_same_time_is_refused(self) -> None:
        """Moving a session to its current time is a mistake, not a move."""
        with pytest.raises(ValidationError) as caught:
            reschedule(fresh(), slot(10), by="olga", at=at(9), reason="x")
        assert caught.value.field == "new_interval"

    def test_cancel_requires_a_new_time_when_the_program_says_so(self) -> None:
        """Without a new time and not final, cancel raises RescheduleRequiredError."""
        with pytest.raises(RescheduleRequiredError) as caught:
            cancel(fresh(), program=PROGRAM, by="olga", at=at(9), reason="ill")
        assert caught.value.field == "new_interval"

    def test_cancel_with_a_new_time_is_a_reschedule(self) -> None:
        """A new time turns the cancellation into a reschedule."""
        s = cancel(
            fresh(), program=PROGRAM, by="olga", at=at(9), reason="ill", new_interval=slot(12)
        )
        assert s.status is SessionStatus.PROPOSED
        assert s.history[-1].action is SessionAction.RESCHEDULE
        assert s.earlier_intervals == (slot(10),)

    def test_final_cancel(self) -> None:
        """final=True cancels for good, whatever the program says."""
        s = cancel(fresh(), program=PROGRAM, by="olga", at=at(9), reason="ends", final=True)
        assert s.status is SessionStatus.CANCELLED
        with pytest.raises(InvalidTransitionError):
            confirm(s, by="ivan", at=at(9))

    def test_final_with_new_time_is_refused(self) -> None:
        """final=True and a new time contradict each other."""
        with pytest.raises(ValidationError) as caught:
            cancel(
                fresh(),
                program=PROGRAM,
                by="o",
                at=at(9),
                reason="",
                new_interval=slot(12),
                final=True,
            )
        assert caught.value.field == "new_interval"

    def test_lenient_program_cancels_without_new_time(self) -> None:
        """A program without the rule lets a session be cancelled plainly."""
        s = cancel(fresh(), program=LENIENT, by="olga", at=at(9), reason="ill")
        assert s.status is SessionStatus.CANCELLED

    def test_complete_with_actual(self) -> None:
        """The real interval is kept and used as the held time."""
        real = Interval(at(10, 16), at(10, 18))
        s = complete(fresh(), at=at(10, 19), actual=real)
        assert s.held == real
        assert s.interval == slot(10)

    def test_complete_before_it_began_is_refused(self) -> None:
        """A session cannot be completed before it started."""
        with pytest.raises(ValidationError) as caught:
            complete(fresh(), at=at(9))
        assert caught.value.field == "at"

    def test_no_show_then_nothing(self) -> None:
        """A no-show is final."""
        s = mark_no_show(fresh(), absent=["ivan"], at=at(10, 17))
        assert s.status is SessionStatus.NO_SHOW
        with pytest.raises(InvalidTransitionError) as caught:
            complete(s, at=at(10, 18))
        assert (caught.value.state, caught.value.action) == ("no_show", "complete")

    def test_absent_guest_at_completed_three_way_call(self) -> None:
        """A guest's absence is recorded on a completed call; two must remain."""
        s = complete(
            Session("s1", "m1", slot(10), ["olga", "ivan", "guest"], proposed_at=EARLIEST),
            at=at(10, 18),
        )
        s = mark_no_show(s, absent=["guest"], at=at(10, 19))
        assert s.status is SessionStatus.COMPLETED
        assert s.present == ("ivan", "olga")
        with pytest.raises(ValidationError):
            mark_no_show(s, absent=["ivan"], at=at(10, 19))

    def test_time_may_not_run_backwards(self) -> None:
        """A step dated before the previous one is refused."""
        s = confirm(fresh(), by="ivan", at=at(9))
        with pytest.raises(ValidationError) as caught:
            reschedule(s, slot(12), by="olga", at=at(8), reason="x")
        assert caught.value.field == "at"

    def test_naive_time_is_refused(self) -> None:
        """A naive datetime raises NaiveDatetimeError naming the field."""
        with pytest.raises(NaiveDatetimeError) as caught:
            confirm(fresh(), by="ivan", at=datetime(2026, 3, 9))
        assert caught.value.field == "at"

    @given(sessions(min_people=3), intervals(), st.sampled_from(list(SessionAction)))
    def test_every_missing_pair_raises_naming_state_and_action(
        self, session: Session, other: Interval, action: SessionAction
    ) -> None:
        """Every (state, action) missing from the table raises InvalidTransitionError."""
        late = session.interval.end + timedelta(hours=1)
        when = late + timedelta(hours=1)
        elsewhere = Interval(other.start + timedelta(days=400), other.end + timedelta(days=400))
        starts = [
            session,
            confirm(session, by="x", at=late),
            complete(session, at=late),
            cancel(session, program=LENIENT, by="x", at=late, reason=""),
            mark_no_show(session, absent=[session.participants[0]], at=late),
        ]
        for start in starts:
            if (start.status, action) in SESSION_TRANSITIONS:
                result = _apply(action, start, when, elsewhere)
                assert result.status is SESSION_TRANSITIONS[(start.status, action)]
                assert len(result.history) == len(start.history) + 1
            else:
                with pytest.raises(InvalidTransitionError) as caught:
                    _apply(action, start, when, elsewhere)
                assert (caught.value.state, caught.value.action) == (start.status, action)


def _apply(action: SessionAction, s: Session, when: datetime, elsewhere: Interval) -> Session:
    if action is SessionAction.CONFIRM:
        return confirm(s, by="x", at=when)
    if action is SessionAction.RESCHEDULE:
        return reschedule(s, elsewhere, by="x", at=when, reason="")
    if action is SessionAction.CANCEL:
        return cancel(s, program=LENIENT, by="x", at=when, reason="")
    if action is SessionAction.COMPLETE:
        return complete(s, at=when)
    if action is SessionAction.REPLY:
        return reply(s, by=s.participants[0], answer="declined", at=when)
    return mark_no_show(s, absent=[s.participants[-1]], at=when)


class TestTable:
    def test_table_has_a_row_per_status_and_a_column_per_action(self) -> None:
        """The generated table lists every status and action and every allowed move."""
        lines = session_lifecycle_table().splitlines()
        assert len(lines) == 2 + len(SessionStatus)
        assert all(a.value in lines[0] for a in SessionAction)
        cells = sum(line.count(" | ") for line in lines[2:])
        assert cells == len(SessionStatus) * len(SessionAction)
        for (state, action), target in SESSION_TRANSITIONS.items():
            row = next(line for line in lines[2:] if line.startswith(f"| {state.value} |"))
            column = list(SessionAction).index(action)
            assert row.strip("| ").split(" | ")[column + 1] == target.value

    def test_the_names_kept_for_compatibility_are_the_same_objects(self) -> None:
        """TRANSITIONS and lifecycle_table stay exported, as the very same table and function."""
        assert accounting.TRANSITIONS is SESSION_TRANSITIONS
        assert accounting.lifecycle_table is session_lifecycle_table
        assert {"TRANSITIONS", "lifecycle_table"} <= set(accounting.__all__)
