"""Accounting's models: programs, mentorships, sessions through their lifecycle, and hour ledgers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from ementoring.accounting import (
    EntryKind,
    HourEntry,
    HourLedger,
    Mentorship,
    Program,
    Session,
    cancel,
    complete,
    confirm,
    mark_no_show,
    reply,
    reschedule,
)
from ementoring.errors import InvalidTypeError
from ementoring.scheduling import Interval
from ementoring.testing._options import check_count, check_id, check_optional_flag
from ementoring.testing._timezones import minutes_after, zones
from ementoring.timezones import EARLIEST

_PROGRAM_START = datetime(2026, 1, 1, tzinfo=UTC)
_PEOPLE = ("olga", "ivan", "dana")  # mentee, mentor, a guest


def programs(*, require_new_time_on_cancel: bool | None = None) -> st.SearchStrategy[Program]:
    """Valid programs starting in 2026 in one of the story's zones."""
    check_optional_flag(require_new_time_on_cancel, "require_new_time_on_cancel")
    flags = (
        st.booleans() if require_new_time_on_cancel is None else st.just(require_new_time_on_cancel)
    )
    return st.builds(
        Program,
        st.from_regex(r"p[a-z0-9]{0,6}", fullmatch=True),
        st.sampled_from(["Spring 2026", "Autumn cohort", "HR newcomers"]),
        starts_on=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        zone=zones(story_only=True),
        target=st.integers(1, 40).map(lambda h: timedelta(hours=h)),
        planned_weeks=st.integers(1, 20),
        max_extension_weeks=st.none() | st.integers(0, 10),
        require_new_time_on_cancel=flags,
    )


def mentorships(
    *, mentorship_id: str = "m1", program_id: str = "p1"
) -> st.SearchStrategy[Mentorship]:
    """Active mentorships of ivan (mentor) and olga (mentee) starting in 2026."""
    check_id(mentorship_id, "mentorship_id")
    check_id(program_id, "program_id")
    return st.builds(
        Mentorship,
        st.just(mentorship_id),
        st.just(program_id),
        st.just("ivan"),
        st.just("olga"),
        started_on=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    )


def _meetings(start: datetime = _PROGRAM_START) -> st.SearchStrategy[Interval]:
    return st.builds(
        lambda begin, minutes: Interval(begin, begin + timedelta(minutes=minutes)),
        minutes_after(start, days=365),
        st.integers(15, 180),
    )


def sessions(
    *,
    mentorship_id: str = "m1",
    max_moves: int = 4,
    also_for: Sequence[str] = (),
) -> st.SearchStrategy[Session]:
    """Sessions of two or three people, taken through up to ``max_moves`` lifecycle moves.

    Every move is a real transition (confirm, a participant's reply, reschedule,
    cancel with a new time, complete, no-show), so histories are as the lifecycle
    makes them; ``proposed_at`` is before the first move, or
    :data:`~ementoring.timezones.EARLIEST` (how a stored session without one is read).
    ``also_for`` names other mentorships some of the sessions serve too (group
    sessions: each draws any of them along with ``mentorship_id``).
    """
    check_id(mentorship_id, "mentorship_id")
    check_count(max_moves, "max_moves")
    if isinstance(also_for, str) or not isinstance(also_for, Sequence):
        raise InvalidTypeError("also_for", also_for, "a sequence of mentorship ids")
    for index, other in enumerate(also_for):
        check_id(other, f"also_for[{index}]")
    others = sorted(set(also_for) - {mentorship_id})

    @st.composite
    def build(draw: st.DrawFn) -> Session:
        people = draw(st.lists(st.sampled_from(_PEOPLE), min_size=2, max_size=3, unique=True))
        planned = draw(_meetings())
        at = planned.start - timedelta(days=draw(st.integers(1, 14)))
        served = [mentorship_id]
        if others:
            served += draw(st.lists(st.sampled_from(others), unique=True))
        session = Session(
            draw(st.from_regex(r"s[0-9]{1,4}", fullmatch=True)),
            served,
            planned,
            people,
            proposed_at=draw(st.sampled_from([at, EARLIEST])),
        )
        program = Program("p1", "Program", starts_on=date(2026, 1, 1), zone="UTC")
        for _ in range(draw(st.integers(0, max_moves))):
            if session.status.value in ("completed", "cancelled"):
                break
            move = draw(st.sampled_from(["confirm", "reply", "reschedule", "cancel", "complete"]))
            at += timedelta(hours=draw(st.integers(1, 48)))
            by = draw(st.sampled_from(session.participants))
            if move == "confirm" and session.status.value == "proposed":
                session = confirm(session, by=by, at=at)
            elif move == "reply":
                answer = draw(st.sampled_from(["accepted", "declined", "tentative"]))
                session = reply(session, by=by, answer=answer, at=at)
            elif move in ("reschedule", "cancel"):
                moved = draw(_meetings(max(at, session.interval.start)))
                if moved == session.interval:  # a move must change the time
                    moved = Interval(
                        moved.start + timedelta(minutes=15), moved.end + timedelta(minutes=15)
                    )
                if move == "reschedule":
                    session = reschedule(session, moved, by=by, at=at, reason="clash")
                else:
                    session = cancel(
                        session, program=program, by=by, at=at, reason="ill", new_interval=moved
                    )
            elif move == "complete":
                at = max(at, session.interval.end)
                session = complete(session, at=at)
                if len(session.participants) > 2 and draw(st.booleans()):
                    session = mark_no_show(session, absent=[session.participants[-1]], at=at)
        return session

    return build()


def ledgers(*, mentorship_id: str = "m1", max_entries: int = 8) -> st.SearchStrategy[HourLedger]:
    """Hour ledgers with recorded entries, some corrected and some voided."""
    check_id(mentorship_id, "mentorship_id")
    check_count(max_entries, "max_entries")

    @st.composite
    def build(draw: st.DrawFn) -> HourLedger:
        ledger = HourLedger()
        at = _PROGRAM_START
        count = draw(st.integers(0, max_entries))
        for index in range(count):
            at += timedelta(hours=draw(st.integers(1, 200)))
            ledger = ledger.record(
                HourEntry(
                    f"h{index}",
                    mentorship_id,
                    draw(st.sampled_from(_PEOPLE[:2])),
                    timedelta(minutes=draw(st.integers(1, 300))),
                    draw(st.sampled_from([k for k in EntryKind if k is not EntryKind.MEETING])),
                    occurred_on=at.date(),
                    recorded_at=at,
                    recorded_by=draw(st.sampled_from(_PEOPLE[:2])),
                    note=draw(st.sampled_from(["", "prepared mock questions", "read CV"])),
                )
            )
        voided: set[str] = set()
        for index in draw(st.lists(st.integers(0, count - 1), max_size=3)) if count else []:
            entry_id = f"h{index}"
            if entry_id in voided:
                continue
            at += timedelta(hours=1)
            if draw(st.booleans()):
                duration = timedelta(minutes=draw(st.integers(1, 300)))
                current = ledger.get(entry_id)
                if current is not None and duration == current.duration:
                    duration += timedelta(minutes=1)  # a correction must change something
                ledger = ledger.correct(
                    entry_id,
                    duration=duration,
                    reason="typo",
                    by="ivan",
                    at=at,
                )
            else:
                ledger = ledger.void(entry_id, reason="duplicate", by="ivan", at=at)
                voided.add(entry_id)
        return ledger

    return build()
