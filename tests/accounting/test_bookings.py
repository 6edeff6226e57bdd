"""Sessions as scheduling bookings: rescheduling with everyone's sessions in one list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.accounting import Program, Session, SessionStatus, cancel, session_bookings
from ementoring.errors import ValidationError
from ementoring.scheduling import Availability, Booking, Interval, find_overlap, find_slots
from ementoring.testing import sessions
from ementoring.timezones import EARLIEST

BUFFERS = st.sampled_from([0, 5, 15, 30]).map(lambda m: timedelta(minutes=m))
# Everyone free around the clock, so only bookings shape the answer.
PEOPLE = {
    "ivan": Availability("America/Toronto", weekly=["MO-SU 00:00-24:00"]),
    "olga": Availability("Europe/Moscow", weekly=["MO-SU 00:00-24:00"]),
}


def session_lists() -> st.SearchStrategy[list[Session]]:
    return st.lists(sessions(max_moves=3), min_size=1, max_size=6, unique_by=lambda s: s.id)


class TestBooking:
    @given(sessions(), BUFFERS, BUFFERS)
    def test_copies_the_session(
        self, session: Session, before: timedelta, after: timedelta
    ) -> None:
        """Id, held time, every participant and the buffers: nothing copied by hand."""
        booking = session.booking(buffer_before=before, buffer_after=after)
        assert booking == Booking(
            session.id, session.held, session.participants, buffer_before=before, buffer_after=after
        )
        assert booking.blocked == Interval(session.held.start - before, session.held.end + after)

    def test_bad_buffer(self) -> None:
        """A negative or non-timedelta buffer raises ValidationError naming it."""
        start = datetime(2026, 3, 10, 16, tzinfo=UTC)
        session = Session(
            "s1",
            "m1",
            Interval(start, start + timedelta(hours=1)),
            ["a", "b"],
            proposed_at=EARLIEST,
        )
        with pytest.raises(ValidationError, match="buffer_before"):
            session.booking(buffer_before=timedelta(minutes=-1))
        with pytest.raises(ValidationError, match="buffer_after"):
            session.booking(buffer_after=15)  # type: ignore[arg-type]

    @given(session_lists(), BUFFERS)
    def test_session_bookings_keeps_what_holds_time(
        self, items: list[Session], buffer: timedelta
    ) -> None:
        """session_bookings is booking() of every proposed, confirmed or completed session."""
        got = session_bookings(items, buffer_after=buffer)
        assert got == tuple(s.booking(buffer_after=buffer) for s in items if s.occupies_time)
        assert all(
            s.occupies_time
            == (
                s.status
                in (SessionStatus.PROPOSED, SessionStatus.CONFIRMED, SessionStatus.COMPLETED)
            )
            for s in items
        )

    def test_cancelled_frees_its_time(self) -> None:
        """A session cancelled for good blocks nothing; a plain booking() of it still would."""
        start = datetime(2026, 3, 10, 16, tzinfo=UTC)
        week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        program = Program("p", "P", starts_on=week.start.date(), zone="UTC")
        gone = cancel(
            Session("s1", "m1", Interval(start, start + timedelta(hours=1)), ["ivan", "olga"], proposed_at=EARLIEST),
            program=program, by="ivan", at=week.start, reason="ends", final=True,
        )  # fmt: skip
        assert session_bookings([gone]) == ()
        assert find_overlap(PEOPLE, week, bookings=session_bookings([gone])).total() == (
            week.duration
        )
        with pytest.raises(ValidationError, match=r"sessions\[0\]"):
            session_bookings(["s1"])  # type: ignore[list-item]


class TestRescheduling:
    @given(session_lists(), st.data())
    def test_moving_one_ignores_only_itself(
        self, items: list[Session], data: st.DataObject
    ) -> None:
        """With everyone's sessions as bookings, moving one equals leaving it out.

        Sessions of people not being scheduled (the guest ``dana``) are ignored.
        """
        moved = data.draw(st.sampled_from(items))
        within = Interval(
            datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC) + timedelta(weeks=60)
        )
        everyone = [s.booking(buffer_after=timedelta(minutes=15)) for s in items]
        others = [b for b in everyone if b.id != moved.id]
        slots = find_slots(
            PEOPLE, within, duration=timedelta(hours=1), step=timedelta(hours=6),
            bookings=everyone, ignore_booking=moved.id,
        )  # fmt: skip
        assert slots == find_slots(
            PEOPLE, within, duration=timedelta(hours=1), step=timedelta(hours=6), bookings=others
        )
        for slot in slots:
            for booking in others:
                if {"ivan", "olga"} & set(booking.participants):
                    assert not slot.interval.overlaps(booking.blocked)
