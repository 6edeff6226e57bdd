"""A state machine drives sessions and the ledger through random valid and invalid actions.

A simple model predicts whether each action is allowed. Allowed actions must
succeed; the others must raise one of our errors and leave everything as it
was. After every step: the ledger's total equals the sum of its live entries
(and of its lines), and no history ever shrinks or changes its past.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import attrs
import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ementoring.accounting import (
    MEETING_SLACK,
    SESSION_TRANSITIONS,
    EntryKind,
    HourEntry,
    HourLedger,
    LedgerLine,
    Program,
    Session,
    SessionAction,
    SessionEvent,
    SessionStatus,
    cancel,
    complete,
    confirm,
    mark_no_show,
    reschedule,
)
from ementoring.errors import EmentoringError
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST

PEOPLE = ("olga", "ivan", "guest")
ENTRY_IDS = tuple(f"e{i}" for i in range(6))
START = datetime(2026, 3, 2, 12, tzinfo=UTC)
DAY = timedelta(days=1)


def _allowed(status: SessionStatus, action: SessionAction) -> bool:
    return (status, action) in SESSION_TRANSITIONS


class SessionsAndLedger(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = START
        self.sessions: dict[str, Session] = {}
        self.session_history: dict[str, tuple[SessionEvent, ...]] = {}
        self.ledger = HourLedger()
        self.old_lines: tuple[LedgerLine, ...] = ()
        self.program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        self.counter = 0

    @initialize(strict=st.booleans())
    def choose_program(self, strict: bool) -> None:
        self.program = attrs.evolve(self.program, require_new_time_on_cancel=strict)

    # -- helpers -------------------------------------------------------------

    def _attempt_session(
        self, name: str, session_id: str, expected_ok: bool, action: object
    ) -> None:
        """Run an action; check the prediction; keep the result only if it succeeded."""
        event(f"{name}: {'allowed' if expected_ok else 'refused'}")
        before = self.sessions[session_id]
        if expected_ok:
            after = action()  # type: ignore[operator]
            assert isinstance(after, Session)
            self.sessions[session_id] = after
        else:
            with pytest.raises(EmentoringError):
                action()  # type: ignore[operator]
            assert self.sessions[session_id] == before

    def _when(self, data: st.DataObject) -> datetime:
        """Mostly now; sometimes an hour in the past (may be before the last change)."""
        back = data.draw(st.sampled_from([0, 0, 0, 60, 60 * 24 * 3]), label="minutes back")
        return self.clock - timedelta(minutes=back)

    def _entry_id(self, data: st.DataObject) -> str:
        """Mostly an id already in the ledger, sometimes any (possibly unknown) one."""
        known = sorted({line.entry_id for line in self.ledger.lines})
        use_known: bool = bool(known) and data.draw(st.booleans(), label="known id")
        if use_known:
            return data.draw(st.sampled_from(known), label="entry id")
        return data.draw(st.sampled_from((*ENTRY_IDS, "unknown")), label="entry id")

    def _pick(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(sorted(self.sessions)), label="session")

    @staticmethod
    def _on_time(session: Session, at: datetime) -> bool:
        return not session.history or at >= session.history[-1].at

    # -- time and sessions --------------------------------------------------

    @rule(minutes=st.integers(1, 60 * 24 * 4))
    def advance(self, minutes: int) -> None:
        self.clock += timedelta(minutes=minutes)

    @rule(
        offset=st.integers(-3 * 24, 24),
        length=st.integers(15, 180),
        people=st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=3, unique=True),
    )
    def add_session(self, offset: int, length: int, people: list[str]) -> None:
        start = self.clock + timedelta(hours=offset)
        self.counter += 1
        session_id = f"s{self.counter}"
        self.sessions[session_id] = Session(
            session_id,
            "m1",
            Interval(start, start + timedelta(minutes=length)),
            people,
            proposed_at=EARLIEST,
        )

    @rule(data=st.data())
    def try_confirm(self, data: st.DataObject) -> None:
        if not self.sessions:
            return
        sid, at = self._pick(data), self._when(data)
        s = self.sessions[sid]
        ok = _allowed(s.status, SessionAction.CONFIRM) and self._on_time(s, at)
        self._attempt_session("confirm", sid, ok, lambda: confirm(s, by="ivan", at=at))

    @rule(data=st.data(), hours=st.integers(-48, 96), same=st.booleans())
    def try_reschedule(self, data: st.DataObject, hours: int, same: bool) -> None:
        if not self.sessions:
            return
        sid, at = self._pick(data), self._when(data)
        s = self.sessions[sid]
        new = (
            s.interval
            if same
            else Interval(
                s.interval.start + timedelta(hours=hours, minutes=7),
                s.interval.end + timedelta(hours=hours, minutes=7),
            )
        )
        ok = _allowed(s.status, SessionAction.RESCHEDULE) and self._on_time(s, at) and not same
        self._attempt_session(
            "reschedule", sid, ok, lambda: reschedule(s, new, by="olga", at=at, reason="busy")
        )

    @rule(data=st.data(), final=st.booleans(), with_new=st.booleans())
    def try_cancel(self, data: st.DataObject, final: bool, with_new: bool) -> None:
        if not self.sessions:
            return
        sid, at = self._pick(data), self._when(data)
        s = self.sessions[sid]
        new = Interval(s.interval.start + DAY, s.interval.end + DAY) if with_new else None
        ok = (
            _allowed(s.status, SessionAction.CANCEL)
            and self._on_time(s, at)
            and not (final and with_new)
            and (final or with_new or not self.program.require_new_time_on_cancel)
        )
        self._attempt_session(
            "cancel",
            sid,
            ok,
            lambda: cancel(
                s, program=self.program, by="olga", at=at, reason="r", new_interval=new, final=final
            ),
        )
        if ok:
            after = self.sessions[sid]
            expected = SessionStatus.PROPOSED if with_new else SessionStatus.CANCELLED
            assert after.status is expected

    @rule(data=st.data(), real=st.booleans(), extra=st.integers(-30, 90))
    def try_complete(self, data: st.DataObject, real: bool, extra: int) -> None:
        if not self.sessions:
            return
        sid, at = self._pick(data), self._when(data)
        s = self.sessions[sid]
        actual = (
            Interval(s.interval.start, s.interval.end + timedelta(minutes=max(extra, -10)))
            if real
            else None
        )
        began = (actual or s.interval).start
        ok = _allowed(s.status, SessionAction.COMPLETE) and self._on_time(s, at) and at >= began
        self._attempt_session("complete", sid, ok, lambda: complete(s, at=at, actual=actual))

    @rule(data=st.data(), stranger=st.booleans())
    def try_no_show(self, data: st.DataObject, stranger: bool) -> None:
        if not self.sessions:
            return
        sid, at = self._pick(data), self._when(data)
        s = self.sessions[sid]
        pool = (*s.participants, "stranger") if stranger else s.participants
        absent = data.draw(st.lists(st.sampled_from(pool), max_size=2), label="absent")
        names = set(absent)
        ok = (
            _allowed(s.status, SessionAction.MARK_NO_SHOW)
            and self._on_time(s, at)
            and at >= s.held.start
            and bool(names)
            and names <= set(s.participants)
            and not names & set(s.absent)
            and (
                s.status is not SessionStatus.COMPLETED
                or len(s.participants) - len(names | set(s.absent)) >= 2
            )
        )
        self._attempt_session(
            "mark_no_show", sid, ok, lambda: mark_no_show(s, absent=absent, at=at)
        )

    # -- the ledger -----------------------------------------------------------

    def _meeting_ok(self, entry: HourEntry, session: Session | None) -> bool:
        if session is not None and session.id != entry.session_id:
            return False
        if entry.kind is not EntryKind.MEETING or entry.session_id is None:
            return True
        return (
            session is not None
            and session.status is SessionStatus.COMPLETED
            and entry.participant_id in session.present
            and entry.duration <= session.held.duration + MEETING_SLACK
        )

    def _attempt_ledger(self, name: str, expected_ok: bool, action: object) -> None:
        event(f"{name}: {'allowed' if expected_ok else 'refused'}")
        before = self.ledger
        if expected_ok:
            after = action()  # type: ignore[operator]
            assert isinstance(after, HourLedger)
            self.ledger = after
        else:
            with pytest.raises(EmentoringError):
                action()  # type: ignore[operator]
            assert self.ledger == before

    @rule(
        data=st.data(),
        entry_id=st.sampled_from(ENTRY_IDS),
        minutes=st.sampled_from([-30, 0, 1, 45, 60, 100, 200, 24 * 60, 24 * 60 + 1]),
        kind=st.sampled_from(list(EntryKind)),
        who=st.sampled_from(PEOPLE),
        link=st.booleans(),
        give_session=st.booleans(),
    )
    def try_record(
        self,
        data: st.DataObject,
        entry_id: str,
        minutes: int,
        kind: EntryKind,
        who: str,
        link: bool,
        give_session: bool,
    ) -> None:
        session = self.sessions[self._pick(data)] if link and self.sessions else None
        duration = timedelta(minutes=minutes)
        if not timedelta(0) < duration <= timedelta(hours=24):
            with pytest.raises(EmentoringError):
                HourEntry(
                    entry_id,
                    "m1",
                    who,
                    duration,
                    kind,
                    occurred_on=self.clock.date(),
                    recorded_at=self.clock,
                    recorded_by=who,
                )
            return
        entry = HourEntry(
            entry_id,
            "m1",
            who,
            duration,
            kind,
            session_id=None if session is None else session.id,
            occurred_on=self.clock.date(),
            recorded_at=self.clock,
            recorded_by=who,
        )
        given = session if give_session else None
        ok = entry_id not in self.ledger and self._meeting_ok(entry, given)
        self._attempt_ledger("record", ok, lambda: self.ledger.record(entry, session=given))

    @rule(data=st.data(), minutes=st.sampled_from([-5, 0, 1, 45, 60, 100, 24 * 60 + 1]))
    def try_correct(self, data: st.DataObject, minutes: int) -> None:
        entry_id, at = self._entry_id(data), self._when(data)
        duration = timedelta(minutes=minutes)
        current = self.ledger.get(entry_id) if entry_id in self.ledger else None
        session = (
            self.sessions.get(current.session_id)
            if current is not None and current.session_id is not None
            else None
        )
        ok = (
            current is not None
            and timedelta(0) < duration <= timedelta(hours=24)
            and duration != current.duration
            and at >= self.ledger.history(entry_id)[-1].at
            and (
                duration < current.duration
                or self._meeting_ok(attrs.evolve(current, duration=duration), session)
            )
        )
        self._attempt_ledger(
            "correct",
            ok,
            lambda: self.ledger.correct(
                entry_id, duration=duration, reason="fix", by="olga", at=at, session=session
            ),
        )

    @rule(data=st.data())
    def try_void(self, data: st.DataObject) -> None:
        entry_id, at = self._entry_id(data), self._when(data)
        live = entry_id in self.ledger and self.ledger.get(entry_id) is not None
        ok = live and at >= self.ledger.history(entry_id)[-1].at
        self._attempt_ledger(
            "void",
            ok,
            lambda: self.ledger.void(entry_id, reason="mistake", by="coordinator", at=at),
        )

    # -- invariants -------------------------------------------------------------

    @invariant()
    def total_is_sum_of_live_entries(self) -> None:
        live = sum((e.duration for e in self.ledger.entries), timedelta(0))
        assert self.ledger.total() == live == self.ledger.balance()

    @invariant()
    def ledger_only_grows(self) -> None:
        assert self.ledger.lines[: len(self.old_lines)] == self.old_lines
        self.old_lines = self.ledger.lines

    @invariant()
    def session_histories_only_grow(self) -> None:
        for sid, session in self.sessions.items():
            old = self.session_history.get(sid, ())
            assert session.history[: len(old)] == old
            assert all(a.at <= b.at for a, b in pairwise(session.history))
            self.session_history[sid] = session.history


SessionsAndLedger.TestCase.settings = settings(
    max_examples=100, stateful_step_count=50, deadline=None
)
TestSessionsAndLedger = SessionsAndLedger.TestCase
