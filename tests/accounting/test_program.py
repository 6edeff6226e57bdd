"""Programs (weeks in the program's zone across DST) and mentorships (closure, extension)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.accounting import (
    ClosureReason,
    Mentorship,
    MentorshipStatus,
    Program,
    close_mentorship,
    extend,
    pause_mentorship,
    resume_mentorship,
)
from ementoring.errors import (
    InvalidTransitionError,
    NaiveDatetimeError,
    UnknownTimeZoneError,
    ValidationError,
)

from .strategies import programs

HOUR = timedelta(hours=1)


class TestProgramWeeks:
    @pytest.mark.parametrize(
        ("zone", "starts_on", "hours"),
        [
            ("America/Toronto", date(2026, 3, 2), 167),  # 8 March: 02:00 -> 03:00
            ("America/Toronto", date(2026, 10, 26), 169),  # 1 November: 02:00 -> 01:00
            ("America/Toronto", date(2026, 3, 9), 168),
            ("Asia/Jerusalem", date(2026, 3, 23), 167),  # Friday 27 March
            ("Europe/Berlin", date(2026, 10, 19), 169),  # 25 October
            ("Europe/Moscow", date(2026, 3, 2), 168),  # no DST
        ],
    )
    def test_week_containing_a_clock_change(self, zone: str, starts_on: date, hours: int) -> None:
        """Week 1 runs from local midnight to local midnight, so DST weeks are 167 or 169 h."""
        program = Program("p", "P", starts_on=starts_on, zone=zone)
        assert program.week(1).duration == hours * HOUR

    def test_toronto_midnights(self) -> None:
        """Week 2 of a 2 March program starts at local midnight on 9 March, after the change."""
        program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        assert program.week(1).start == datetime(2026, 3, 2, 5, tzinfo=UTC)  # EST
        assert program.week(2).start == datetime(2026, 3, 9, 4, tzinfo=UTC)  # EDT

    @given(programs(), st.integers(-3, 60))
    def test_weeks_tile_time_and_agree_with_week_of(self, program: Program, n: int) -> None:
        """Consecutive weeks touch; week_of maps both ends of week n back to n."""
        week = program.week(n)
        assert week.end == program.week(n + 1).start
        assert program.week_of(week.start) == n
        assert program.week_of(week.end - timedelta(microseconds=1)) == n
        assert program.week_of(week.end) == n + 1
        assert timedelta(hours=167) <= week.duration <= timedelta(hours=169)

    def test_week_of_refuses_naive(self) -> None:
        """A naive instant is refused, naming the field."""
        program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        with pytest.raises(NaiveDatetimeError) as caught:
            program.week_of(datetime(2026, 3, 3))
        assert caught.value.field == "instant"

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"zone": "America/Toront"}, UnknownTimeZoneError, "zone"),
            ({"starts_on": datetime(2026, 3, 2, tzinfo=UTC)}, ValidationError, "starts_on"),
            ({"target": timedelta(0)}, ValidationError, "target"),
            ({"planned_weeks": 0}, ValidationError, "planned_weeks"),
            ({"planned_weeks": True}, ValidationError, "planned_weeks"),
            ({"max_extension_weeks": -1}, ValidationError, "max_extension_weeks"),
            ({"quiet_after": timedelta(0)}, ValidationError, "quiet_after"),
            ({"require_new_time_on_cancel": "yes"}, ValidationError, "require_new_time_on_cancel"),
        ],
    )
    def test_bad_program(
        self, kwargs: dict[str, object], error: type[Exception], field: str
    ) -> None:
        """Each bad field is refused with a typed error naming it."""
        base: dict[str, object] = {"starts_on": date(2026, 3, 2), "zone": "America/Toronto"}
        with pytest.raises(error) as caught:
            Program("p", "P", **{**base, **kwargs})  # type: ignore[arg-type]
        assert getattr(caught.value, "field", None) == field


PROGRAM = Program(
    "p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto", max_extension_weeks=4
)
AT = datetime(2026, 5, 1, 12, tzinfo=UTC)


def pair(**kwargs: object) -> Mentorship:
    return Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2), **kwargs)  # type: ignore[arg-type]


class TestMentorship:
    def test_same_person_twice(self) -> None:
        """A mentor cannot mentor themselves."""
        with pytest.raises(ValidationError) as caught:
            Mentorship("m1", "p", "olga", "olga", started_on=date(2026, 3, 2))
        assert caught.value.field == "mentee_id"

    def test_other_needs_a_note(self) -> None:
        """Closing early for 'other' needs a note; other reasons do not."""
        with pytest.raises(ValidationError) as caught:
            close_mentorship(pair(), by="c", at=AT, reason="other")
        assert caught.value.field == "closure_note"
        closed = close_mentorship(pair(), by="c", at=AT, reason="other", note="moved abroad")
        assert closed.closure_reason is ClosureReason.OTHER
        assert closed.status is MentorshipStatus.CLOSED_EARLY

    def test_reason_only_when_closed_early(self) -> None:
        """An active mentorship with a closure reason is refused."""
        with pytest.raises(ValidationError) as caught:
            pair(closure_reason="goals_met")
        assert caught.value.field == "closure_reason"

    def test_pause_resume_close(self) -> None:
        """Pause, resume and close follow the table and record who and when."""
        m = pause_mentorship(pair(), by="olga", at=AT)
        m = resume_mentorship(m, by="ivan", at=AT + HOUR)
        m = close_mentorship(m, by="coordinator", at=AT + 2 * HOUR)
        assert m.status is MentorshipStatus.COMPLETED
        assert [(e.action.value, e.by) for e in m.history] == [
            ("pause", ("olga",)),
            ("resume", ("ivan",)),
            ("complete", ("coordinator",)),
        ]
        with pytest.raises(InvalidTransitionError) as caught:
            pause_mentorship(m, by="olga", at=AT + 3 * HOUR)
        assert (caught.value.state, caught.value.action) == ("completed", "pause")

    def test_time_may_not_run_backwards(self) -> None:
        """A change dated before the previous one is refused."""
        m = pause_mentorship(pair(), by="olga", at=AT)
        with pytest.raises(ValidationError) as caught:
            resume_mentorship(m, by="olga", at=AT - HOUR)
        assert caught.value.field == "at"


class TestExtend:
    def test_both_must_agree(self) -> None:
        """The mentor and the mentee must both be in agreed_by; others may be too."""
        m = extend(pair(), 2, ["ivan", "olga", "coordinator"], AT, program=PROGRAM)
        assert m.extension_weeks == 2
        assert m.history[-1].by == ("coordinator", "ivan", "olga")
        for agreed in (["olga"], ["ivan"], [], ["coordinator"]):
            with pytest.raises(ValidationError) as caught:
                extend(pair(), 2, agreed, AT, program=PROGRAM)
            assert caught.value.field == "agreed_by"

    def test_cap_is_respected_over_several_extensions(self) -> None:
        """Extensions add up and may not pass max_extension_weeks."""
        m = extend(pair(), 3, ["ivan", "olga"], AT, program=PROGRAM)
        m = extend(m, 1, ["ivan", "olga"], AT, program=PROGRAM)
        with pytest.raises(ValidationError) as caught:
            extend(m, 1, ["ivan", "olga"], AT, program=PROGRAM)
        assert caught.value.field == "weeks"
        assert m.extension_weeks == 4

    def test_no_cap(self) -> None:
        """Without a cap any number of weeks may be agreed."""
        program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        assert extend(pair(), 30, ["ivan", "olga"], AT, program=program).extension_weeks == 30

    @pytest.mark.parametrize("weeks", [0, -1, 1.5, True])
    def test_bad_weeks(self, weeks: object) -> None:
        """Weeks must be a whole number of at least one."""
        with pytest.raises(ValidationError) as caught:
            extend(pair(), weeks, ["ivan", "olga"], AT, program=PROGRAM)  # type: ignore[arg-type]
        assert caught.value.field == "weeks"

    def test_closed_mentorship_cannot_extend(self) -> None:
        """Only active or paused mentorships extend."""
        closed = close_mentorship(pair(), by="c", at=AT, reason="goals_met")
        with pytest.raises(InvalidTransitionError):
            extend(closed, 1, ["ivan", "olga"], AT, program=PROGRAM)

    def test_other_program(self) -> None:
        """The program must be the mentorship's."""
        other = Program("q", "Q", starts_on=date(2026, 3, 2), zone="America/Toronto")
        with pytest.raises(ValidationError) as caught:
            extend(pair(), 1, ["ivan", "olga"], AT, program=other)
        assert caught.value.field == "program"
