"""The hour ledger: append-only records, corrections, voids and their errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.accounting import (
    EntryKind,
    HourEntry,
    HourLedger,
    LineKind,
    Program,
    Session,
    complete,
    entries_for_session,
    mark_no_show,
)
from ementoring.errors import (
    DuplicateIdError,
    InvalidTransitionError,
    UnknownIdError,
    ValidationError,
)
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST

from .strategies import hour_entries

PROGRAM = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
WHEN = datetime(2026, 3, 10, 18, tzinfo=UTC)
SLOT = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))


def entry(
    entry_id: str = "e1",
    minutes: int = 60,
    kind: str = "preparation",
    *,
    session_id: str | None = None,
    participant: str = "olga",
) -> HourEntry:
    return HourEntry(
        entry_id,
        "m1",
        participant,
        timedelta(minutes=minutes),
        kind,
        session_id=session_id,
        occurred_on=date(2026, 3, 10),
        recorded_at=WHEN,
        recorded_by=participant,
    )


def held() -> Session:
    return complete(Session("s1", "m1", SLOT, ["olga", "ivan"], proposed_at=EARLIEST), at=WHEN)


class TestEntry:
    @pytest.mark.parametrize(
        ("minutes", "reason"),
        [(0, "more than"), (-30, "more than"), (24 * 60 + 1, "at most 1 day")],
    )
    def test_bad_durations(self, minutes: int, reason: str) -> None:
        """Zero, negative and over-24-hour durations are refused, naming the field."""
        with pytest.raises(ValidationError) as caught:
            entry(minutes=minutes)
        assert caught.value.field == "duration"
        assert reason in caught.value.reason

    def test_exactly_24_hours_is_allowed(self) -> None:
        """The upper bound itself is allowed."""
        assert entry(minutes=24 * 60).duration == timedelta(hours=24)

    def test_unknown_kind(self) -> None:
        """A kind outside the list is refused, naming the field."""
        with pytest.raises(ValidationError) as caught:
            entry(kind="coffee")
        assert caught.value.field == "kind"


class TestRecord:
    def test_duplicate_id(self) -> None:
        """An id can be recorded once, even after it was voided."""
        ledger = HourLedger().record(entry())
        voided = ledger.void("e1", reason="typo", by="olga", at=WHEN)
        for target in (ledger, voided):
            with pytest.raises(DuplicateIdError):
                target.record(entry())

    def test_duplicate_within_one_batch_changes_nothing(self) -> None:
        """record_all is all or nothing."""
        ledger = HourLedger()
        with pytest.raises(DuplicateIdError):
            ledger.record_all([entry("a"), entry("b"), entry("a")])
        assert len(ledger) == 0

    def test_meeting_entry_needs_its_session(self) -> None:
        """A meeting entry tied to a session cannot be checked without it."""
        with pytest.raises(ValidationError) as caught:
            HourLedger().record(entry(kind="meeting", session_id="s1"))
        assert caught.value.field == "session"

    def test_meeting_entry_up_to_session_plus_30_minutes(self) -> None:
        """90 minutes for a 60-minute session is fine; 91 is not."""
        ledger = HourLedger().record(
            entry(minutes=90, kind="meeting", session_id="s1"), session=held()
        )
        assert ledger.total() == timedelta(minutes=90)
        with pytest.raises(ValidationError) as caught:
            HourLedger().record(entry(minutes=91, kind="meeting", session_id="s1"), session=held())
        assert caught.value.field == "duration"

    def test_meeting_entry_for_an_unheld_session(self) -> None:
        """A meeting entry for a session that did not take place is refused."""
        with pytest.raises(ValidationError) as caught:
            HourLedger().record(
                entry(kind="meeting", session_id="s1"),
                session=Session("s1", "m1", SLOT, ["olga", "ivan"], proposed_at=EARLIEST),
            )
        assert caught.value.field == "session"

    def test_wrong_session(self) -> None:
        """The session given must be the entry's."""
        with pytest.raises(ValidationError) as caught:
            HourLedger().record(entry(kind="meeting", session_id="s2"), session=held())
        assert caught.value.field == "session"

    def test_absent_participant(self) -> None:
        """Someone who was not at the session cannot log a meeting for it."""
        with pytest.raises(ValidationError) as caught:
            HourLedger().record(
                entry(kind="meeting", session_id="s1", participant="anna"), session=held()
            )
        assert caught.value.field == "participant_id"


class TestCorrectAndVoid:
    def test_correct_keeps_every_version(self) -> None:
        """A correction adds a reversal and a replacement; old lines stay."""
        first = HourLedger().record(entry())
        second = first.correct("e1", duration=timedelta(minutes=45), reason="r", by="olga", at=WHEN)
        third = second.correct("e1", duration=timedelta(minutes=50), reason="r", by="olga", at=WHEN)
        assert third.lines[: len(second.lines)] == second.lines
        assert [line.delta for line in third.history("e1")] == [
            timedelta(minutes=m) for m in (60, -60, 45, -45, 50)
        ]
        assert third.get("e1") == entry(minutes=50)
        assert third.total() == third.balance() == timedelta(minutes=50)

    def test_void_reverses(self) -> None:
        """A void adds a reversal; the entry no longer counts but its history remains."""
        ledger = HourLedger().record_all([entry("a"), entry("b", 30)])
        ledger = ledger.void("a", reason="duplicate", by="coordinator", at=WHEN)
        assert ledger.total() == ledger.balance() == timedelta(minutes=30)
        assert [line.kind for line in ledger.history("a")] == [LineKind.RECORD, LineKind.REVERSAL]
        assert ledger.get("a") is None
        assert [e.id for e in ledger.entries] == ["b"]

    def test_no_correcting_a_voided_entry(self) -> None:
        """Correcting or voiding a voided entry names the state and the action."""
        ledger = HourLedger().record(entry()).void("e1", reason="x", by="olga", at=WHEN)
        with pytest.raises(InvalidTransitionError) as caught:
            ledger.correct("e1", duration=timedelta(minutes=5), reason="x", by="olga", at=WHEN)
        assert (caught.value.state, caught.value.action) == ("voided", "correct")
        with pytest.raises(InvalidTransitionError):
            ledger.void("e1", reason="x", by="olga", at=WHEN)

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"entry_id": "nope"}, UnknownIdError, "entry_id"),
            ({"duration": timedelta(minutes=60)}, ValidationError, "duration"),
            ({"duration": timedelta(0)}, ValidationError, "duration"),
            ({"duration": timedelta(hours=25)}, ValidationError, "duration"),
            ({"reason": " "}, ValidationError, "reason"),
            ({"by": ""}, ValidationError, "by"),
            ({"at": WHEN - timedelta(seconds=1)}, ValidationError, "at"),
            ({"at": datetime(2026, 3, 11)}, ValidationError, "at"),
        ],
    )
    def test_bad_corrections(
        self, kwargs: dict[str, object], error: type[Exception], field: str
    ) -> None:
        """Each bad correction raises its error naming the field; the ledger is unchanged."""
        ledger = HourLedger().record(entry())
        call: dict[str, object] = {
            "entry_id": "e1",
            "duration": timedelta(minutes=30),
            "reason": "r",
            "by": "olga",
            "at": WHEN,
            **kwargs,
        }
        with pytest.raises(error) as caught:
            ledger.correct(**call)  # type: ignore[arg-type]
        assert getattr(caught.value, "field", None) == field
        assert ledger.lines == HourLedger().record(entry()).lines

    def test_corrected_meeting_is_checked_against_its_session(self) -> None:
        """A correction may not push a meeting entry past its session plus 30 minutes."""
        ledger = HourLedger().record(entry(kind="meeting", session_id="s1"), session=held())
        with pytest.raises(ValidationError) as caught:
            ledger.correct(
                "e1", duration=timedelta(hours=2), reason="r", by="o", at=WHEN, session=held()
            )
        assert caught.value.field == "duration"


class TestReplay:
    def test_stored_lines_rebuild_the_same_ledger(self) -> None:
        """A ledger rebuilt from its lines is equal and has the same live entries."""
        ledger = (
            HourLedger()
            .record_all([entry("a"), entry("b", 30)])
            .correct("a", duration=timedelta(minutes=20), reason="r", by="o", at=WHEN)
            .void("b", reason="r", by="o", at=WHEN)
        )
        rebuilt = HourLedger(ledger.lines)
        assert rebuilt == ledger
        assert rebuilt.entries == ledger.entries

    def test_dropping_a_line_is_detected(self) -> None:
        """Lines that skip a step (a replacement without its reversal) are refused."""
        ledger = (
            HourLedger()
            .record(entry())
            .correct("e1", duration=timedelta(minutes=20), reason="r", by="o", at=WHEN)
        )
        with pytest.raises(ValidationError):
            HourLedger((ledger.lines[0], ledger.lines[2]))

    @given(st.lists(st.integers(1, 24 * 60), max_size=20))
    def test_total_is_the_sum_of_entries(self, minutes: list[int]) -> None:
        """The total equals the sum of the entries and of the line deltas."""
        ledger = HourLedger().record_all(entry(f"e{i}", m) for i, m in enumerate(minutes))
        assert ledger.total() == ledger.balance() == timedelta(minutes=sum(minutes))


class TestSuggestedEntries:
    def test_one_meeting_entry_per_present_participant(self) -> None:
        """A completed three-way call suggests entries for those present, recordable as is."""
        session = complete(
            Session("s1", "m1", SLOT, ["olga", "ivan", "guest"], proposed_at=EARLIEST), at=WHEN
        )
        session = mark_no_show(session, absent=["guest"], at=WHEN)
        suggested = entries_for_session(session, PROGRAM)
        assert [e.participant_id for e in suggested] == ["ivan", "olga"]
        assert all(e.kind is EntryKind.MEETING and e.duration == SLOT.duration for e in suggested)
        ledger = HourLedger().record_all(suggested, sessions=[session])
        assert ledger.total(participant_id="olga") == timedelta(hours=1)

    def test_not_for_a_session_that_did_not_happen(self) -> None:
        """Only completed sessions suggest entries."""
        with pytest.raises(ValidationError) as caught:
            entries_for_session(
                Session("s1", "m1", SLOT, ["olga", "ivan"], proposed_at=EARLIEST), PROGRAM
            )
        assert caught.value.field == "session"


class TestLaws:
    @given(st.lists(hour_entries(), unique_by=lambda e: e.id, max_size=30), st.data())
    def test_totals_by_filter_partition_the_total(
        self, entries: list[HourEntry], data: st.DataObject
    ) -> None:
        """Totals per participant and per kind add up to the total, voids included."""
        ledger = HourLedger().record_all(entries)
        for e in entries:
            if data.draw(st.booleans()):
                ledger = ledger.void(e.id, reason="r", by="x", at=e.recorded_at + timedelta(days=1))
        people = {e.participant_id for e in entries}
        assert sum((ledger.total(participant_id=p) for p in people), timedelta(0)) == ledger.total()
        assert sum((ledger.total(kinds=[k]) for k in EntryKind), timedelta(0)) == ledger.total()
        assert ledger.total() == ledger.balance()
        assert HourLedger(ledger.lines) == ledger


class TestLocalDates:
    def test_late_sunday_call_stays_in_its_program_week(self) -> None:
        """A call at 23:30 Toronto time on Sunday 8 March (03:30 UTC Monday) is dated the 8th.

        So it counts in program week 1, which ended at local midnight after the
        clocks sprang forward that morning; the UTC date would put it in week 2.
        """
        start = datetime(2026, 3, 9, 3, 30, tzinfo=UTC)
        session = complete(
            Session(
                "late",
                "m1",
                Interval(start, start + timedelta(minutes=30)),
                ["olga", "ivan"],
                proposed_at=EARLIEST,
            ),
            at=start + timedelta(hours=1),
        )
        (first, _) = entries_for_session(session, PROGRAM)
        assert first.occurred_on == date(2026, 3, 8)
        assert PROGRAM.week_of_date(first.occurred_on) == 1
        assert PROGRAM.week_of(start) == 1
        assert PROGRAM.week_of_date(start.date()) == 2


class TestTampering:
    def _corrected(self) -> HourLedger:
        return (
            HourLedger()
            .record(entry())
            .correct("e1", duration=timedelta(minutes=20), reason="r", by="o", at=WHEN)
        )

    def test_replacement_that_changes_more_than_the_duration(self) -> None:
        """A stored correction that also changed who logged the time is refused."""
        lines = self._corrected().lines
        forged = attrs.evolve(lines[2], entry=attrs.evolve(lines[2].entry, participant_id="ivan"))
        with pytest.raises(ValidationError) as caught:
            HourLedger((*lines[:2], forged))
        assert caught.value.field == "lines[2].entry"

    def test_wrong_delta(self) -> None:
        """A line whose delta does not match its entry is refused."""
        lines = self._corrected().lines
        with pytest.raises(ValidationError) as caught:
            HourLedger((lines[0], attrs.evolve(lines[1], delta=timedelta(0)), lines[2]))
        assert caught.value.field == "lines[1].delta"

    def test_lines_out_of_time_order(self) -> None:
        """An entry's lines may not go back in time."""
        lines = self._corrected().lines
        early = WHEN - timedelta(days=1)
        with pytest.raises(ValidationError) as caught:
            HourLedger(
                (lines[0], attrs.evolve(lines[1], at=early), attrs.evolve(lines[2], at=early))
            )
        assert caught.value.field == "lines[1].at"
