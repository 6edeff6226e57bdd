"""Accounting: progress and cohort reports over a large program, and the ledger itself."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

from _harness import Case
from ementoring.accounting import (
    CohortReport,
    EntryKind,
    HourEntry,
    HourLedger,
    Mentorship,
    Program,
    Session,
    cohort_report,
    complete,
    confirm,
    progress,
    progress_series,
    sessions_as_of,
)
from ementoring.accounting._progress import _kinds, _progress
from ementoring.scheduling import Interval

START = date(2026, 3, 2)
TODAY = date(2026, 5, 4)


def _build(
    pairs: int, seed: int = 7
) -> tuple[Program, list[Mentorship], HourLedger, list[Session]]:
    """``pairs`` mentorships with 15 sessions and 20 ledger entries each."""
    rng = random.Random(seed)
    program = Program("p", "P", starts_on=START, zone="America/Toronto", max_extension_weeks=4)
    mentorships = [
        Mentorship(f"m{i:05d}", "p", f"mentor{i}", f"mentee{i}", started_on=START)
        for i in range(pairs)
    ]
    sessions: list[Session] = []
    entries: list[HourEntry] = []
    origin = datetime(2026, 3, 2, 23, tzinfo=UTC)
    for m in mentorships:
        held = rng.randint(0, 12)  # sessions so far; the rest are upcoming or cancelled
        for k in range(15):
            start = origin + timedelta(days=7 * k + rng.randint(0, 5), minutes=rng.randint(0, 600))
            interval = Interval(start, start + timedelta(minutes=rng.choice((45, 60, 75, 90))))
            session = Session(
                f"{m.id}-s{k}", m.id, interval, [m.mentor_id, m.mentee_id], proposed_at=origin
            )
            if k < held:
                session = complete(session, at=interval.end + timedelta(hours=1))
            elif k < held + 3:
                session = confirm(session, by=m.mentee_id, at=origin)
            sessions.append(session)
        kept = [s for s in sessions[-15:] if s.actual is None and s.history]
        done = [s for s in kept if s.status.value == "completed"]
        for n in range(20):
            who = m.mentor_id if n % 3 else m.mentee_id
            if done and n < 14:
                s = done[n % len(done)]
                if n >= len(done) and who == m.mentor_id:
                    who = m.mentee_id  # the mentee's copy of a call the mentor logged
                entries.append(
                    HourEntry(
                        f"{m.id}-e{n}",
                        m.id,
                        who,
                        s.held.duration,
                        EntryKind.MEETING,
                        session_id=s.id,
                        occurred_on=s.held.start.date(),
                        recorded_at=s.held.end,
                        recorded_by=who,
                    )
                )
            else:
                day = START + timedelta(days=rng.randint(0, 60))
                entries.append(
                    HourEntry(
                        f"{m.id}-e{n}",
                        m.id,
                        who,
                        timedelta(minutes=rng.randint(10, 90)),
                        EntryKind.PREPARATION,
                        occurred_on=day,
                        recorded_at=datetime(2026, 5, 1, tzinfo=UTC),
                        recorded_by=who,
                    )
                )
    ledger = HourLedger().record_all(entries, sessions=sessions)
    return program, mentorships, ledger, sessions


def _naive(
    program: Program, mentorships: list[Mentorship], ledger: HourLedger, sessions: list[Session]
) -> object:
    """Per mentorship, rescan every entry and every session for its own."""
    kinds = _kinds([EntryKind.MEETING])
    today_starts = program.midnight(TODAY)
    cutoff = program.end_of_day(TODAY)
    then = ledger.as_of(cutoff)
    reports = []
    for m in sorted(mentorships, key=lambda m: m.id):
        own_entries = [e for e in then.entries if e.mentorship_id == m.id]
        own_sessions = sessions_as_of([s for s in sessions if s.serves(m.id)], cutoff)
        reports.append(
            _progress(
                program,
                m,
                own_entries,
                own_sessions,
                cutoff,
                TODAY,
                today_starts,
                kinds,
                timedelta(hours=1),
                Fraction(2),
                program.quiet_after,
            )
        )
    return tuple(reports)


def _check(ours: object, naive: object) -> None:
    assert isinstance(ours, tuple)
    report = ours[0]
    assert isinstance(report, CohortReport)
    if report.reports != naive:
        raise AssertionError("cohort_report disagrees with the per-mentorship rescan")


SERIES_DAYS = tuple(START + timedelta(weeks=k) for k in range(13))


def _same(ours: object, baseline: object) -> None:
    if ours != baseline:
        raise AssertionError("progress_series disagrees with progress on each step")


def cases(quick: bool) -> list[Case]:
    pairs = 300 if quick else 10_000
    program, mentorships, ledger, sessions = _build(pairs)
    one = mentorships[len(mentorships) // 2]

    def ours() -> object:
        # Drop the ledger's cached grouping so building it is part of the timing.
        ledger._cache.clear()
        report = cohort_report(program, mentorships, ledger, sessions, today=TODAY)
        single = progress(program, one, ledger, sessions, today=TODAY)
        return report, single

    entries = list(ledger.entries)
    big = ledger
    extra = HourEntry(
        "extra",
        one.id,
        one.mentor_id,
        timedelta(minutes=30),
        EntryKind.OTHER,
        occurred_on=TODAY,
        recorded_at=datetime(2026, 5, 4, tzinfo=UTC),
        recorded_by=one.mentor_id,
    )
    return [
        Case(
            workload=(
                f"cohort_report + progress, {pairs:,} mentorships,"
                f" {len(entries):,} entries, {len(sessions):,} sessions"
            ),
            ours=ours,
            baseline=lambda: _naive(program, mentorships, ledger, sessions),
            baseline_name="naive per-mentorship rescan",
            target="< 2 s at 10,000 mentorships",
            check=_check,
        ),
        Case(
            workload=(
                f"progress_series, one pair, {len(SERIES_DAYS)} weekly steps,"
                f" ledger of {len(big.lines):,} lines"
            ),
            ours=lambda: progress_series(
                program, one, ledger, sessions, start=SERIES_DAYS[0], end=SERIES_DAYS[-1]
            ),
            baseline=lambda: tuple(
                progress(program, one, ledger, sessions, today=day) for day in SERIES_DAYS
            ),
            baseline_name="progress per step",
            check=_same,
        ),
        Case(
            workload=f"HourLedger.record_all, {len(entries):,} entries",
            ours=lambda: HourLedger().record_all(entries, sessions=sessions),
        ),
        Case(
            workload=f"HourLedger.record one entry onto {len(big.lines):,} lines",
            ours=lambda: big.record(extra),
        ),
    ]
