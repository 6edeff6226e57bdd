"""Reminders judge the records as they stood at ``at``: later records change nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    Program,
    Session,
    close_mentorship,
    complete,
    confirm,
    sessions_as_of,
)
from ementoring.journal import Agenda, AgendaItem, Journal
from ementoring.reminders import ReminderKind, reminders
from ementoring.scheduling import Interval
from ementoring.testing import journals, ledgers, sessions
from ementoring.timezones import EARLIEST

PROGRAM = Program("p1", "Program", starts_on=date(2026, 1, 1), zone="America/Toronto")
PAIR = Mentorship("m1", "p1", "ivan", "olga", started_on=date(2026, 1, 5))
OLGA = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
VIEWERS = (
    Actor("ivan", roles=["mentor"], mentorship_ids=["m1"]),
    OLGA,
    Actor("cora", roles=["coordinator"], program_ids=["p1"]),
)


def stamps(found: list[Session], journal: Journal, ledger: HourLedger) -> list[datetime]:
    """Every instant a record was stamped at: a run at exactly one of them must see it."""
    return sorted(
        {
            # EARLIEST stands for "proposed before its history": not an instant anyone runs at.
            *(s.proposed_at for s in found if s.proposed_at != EARLIEST),
            *(e.at for s in found for e in s.history),
            *(e.recorded_at for e in journal.entries),
            *(r.written_at for r in journal.reviews),
            *(i.created_at for i in journal.action_items),
            *(line.at for line in ledger.lines),
        }
    )


class TestRemindersAsOf:
    @settings(max_examples=80, deadline=None)
    @given(
        st.lists(sessions(mentorship_id="m1"), max_size=4, unique_by=lambda s: s.id),
        journals(),
        ledgers(),
        st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1), timezones=st.just(UTC)),
        st.booleans(),
        st.sampled_from(VIEWERS),
        st.data(),
    )
    def test_full_records_equal_truncated_records(
        self,
        found: list[Session],
        journal: Journal,
        ledger: HourLedger,
        now: datetime,
        closed: bool,
        viewer: Actor,
        data: st.DataObject,
    ) -> None:
        """reminders(records, at) == reminders(records as they stood at at, at), for each viewer.

        ``at`` is any instant, or exactly the stamp of a record (which then counts).
        """
        pair = (
            close_mentorship(PAIR, by="cora", at=datetime(2026, 3, 1, tzinfo=UTC))
            if closed
            else PAIR
        )
        if data.draw(st.booleans(), label="at a record's stamp"):
            now = data.draw(st.sampled_from(stamps(found, journal, ledger) or [now]), label="at")
        full = reminders(PROGRAM, pair, found, journal, ledger, viewer=viewer, at=now)
        then = reminders(
            PROGRAM,
            pair.as_of(now),
            sessions_as_of(found, now),
            journal.as_of(now),
            ledger.as_of(now),
            viewer=viewer,
            at=now,
        )
        assert full == then

    def test_a_session_booked_later_does_not_silence_no_next_session(self) -> None:
        """On 20 January nothing was booked yet: the pair is reminded, whatever came later."""
        slot = Interval(
            datetime(2026, 1, 27, 22, tzinfo=UTC), datetime(2026, 1, 27, 23, tzinfo=UTC)
        )
        booked = Session(
            "s1", "m1", slot, ["ivan", "olga"], proposed_at=datetime(2026, 1, 21, tzinfo=UTC)
        )
        held = complete(
            confirm(booked, by="ivan", at=datetime(2026, 1, 22, tzinfo=UTC)), at=slot.end
        )
        journal = Journal.for_mentorship(PAIR).add_agenda(
            Agenda("s1", "olga", [AgendaItem("CV review", requested_by="olga")])
        )
        journal = journal.send_agenda("s1", at=datetime(2026, 1, 27, 21, tzinfo=UTC))
        on_20th = reminders(
            PROGRAM, PAIR, [held], journal, HourLedger(), viewer=OLGA,
            at=datetime(2026, 1, 20, tzinfo=UTC),
        )  # fmt: skip
        assert {r.kind for r in on_20th} >= {ReminderKind.NO_NEXT_SESSION}
        # On the 27th, two hours before the call, the agenda had not gone out yet.
        before_call = reminders(
            PROGRAM, PAIR, [held], journal, HourLedger(), viewer=OLGA,
            at=datetime(2026, 1, 27, 20, tzinfo=UTC),
        )  # fmt: skip
        assert [r.about_id for r in before_call if r.kind is ReminderKind.AGENDA_DUE] == ["s1"]
        assert not [r for r in before_call if r.kind is ReminderKind.NO_NEXT_SESSION]
        after = timedelta(hours=1)
        sent = reminders(
            PROGRAM,
            PAIR,
            [held],
            journal,
            HourLedger(),
            viewer=OLGA,
            at=datetime(2026, 1, 27, 21, tzinfo=UTC) + after,
        )
        assert not [r for r in sent if r.kind is ReminderKind.AGENDA_DUE]
