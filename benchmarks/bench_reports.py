"""Reports: program analytics over a large program, beside a naive per-pair rescan."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from _harness import Case
from bench_accounting import _build
from ementoring.access import Actor
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    MentorshipStatus,
    Program,
    Session,
    SessionStatus,
    close_mentorship,
    pause_mentorship,
)
from ementoring.journal import Journal, JournalEntry, Review
from ementoring.reports import GoalCoverage, ProgramAnalytics, program_analytics
from ementoring.reports._analytics import _summary

TODAY = date(2026, 4, 20)  # before the last lines and sessions: the as-of cut does real work
ORIGIN = datetime(2026, 3, 2, 23, tzinfo=UTC)
COORDINATOR = Actor("cora", roles=["coordinator"], program_ids=["p"])
GOALS = ("CV review", "Interview prep", "Networking", "Canadian workplace culture", "Salary")


def _journals(
    mentorships: list[Mentorship], sessions: list[Session], per_pair: int, seed: int = 7
) -> list[Journal]:
    """``per_pair`` entries per pair about its completed sessions, some reviewed."""
    rng = random.Random(seed)
    held: dict[str, list[Session]] = {}
    for s in sessions:
        if s.status is SessionStatus.COMPLETED:
            for mentorship_id in s.mentorship_ids:
                held.setdefault(mentorship_id, []).append(s)
    journals = []
    for m in mentorships:
        done = held.get(m.id, [])
        entries, reviews = [], []
        for n in range(per_pair):
            role, who = ("mentee", m.mentee_id) if n % 2 == 0 else ("mentor", m.mentor_id)
            # Pairs that never met write between meetings (no session).
            about = done[n // 2 % len(done)] if done else None
            after = ORIGIN + timedelta(days=7 * n) if about is None else about.held.end
            written = after + timedelta(hours=rng.randint(1, 72))
            entries.append(
                JournalEntry(
                    f"{m.id}-j{n}",
                    m.id,
                    who,
                    role,
                    written_at=written,
                    session_id=None if about is None else about.id,
                    discussed=rng.sample(GOALS, rng.randint(0, 2)),
                )
            )
            if rng.random() < 0.6:
                reviews.append(
                    Review(
                        f"{m.id}-r{n}",
                        f"{m.id}-j{n}",
                        "cora",
                        written_at=written + timedelta(hours=rng.randint(0, 200)),
                        comment="Good",
                        kind="encouragement",
                    )
                )
        journals.append(
            Journal(
                m.id, mentor_id=m.mentor_id, mentee_id=m.mentee_id, entries=entries, reviews=reviews
            )
        )
    return journals


def _vary(mentorships: list[Mentorship], seed: int = 7) -> list[Mentorship]:
    """Some pairs paused, some closed, at times before and after ``TODAY``."""
    rng = random.Random(seed)
    varied = []
    for m in mentorships:
        roll = rng.random()
        at = ORIGIN + timedelta(days=rng.randint(20, 70))
        if roll < 0.1:
            m = pause_mentorship(m, by="cora", at=at)
        elif roll < 0.2:
            m = close_mentorship(m, by="cora", at=at, reason="needs_changed")
        varied.append(m)
    return varied


def _naive(
    program: Program,
    mentorships: list[Mentorship],
    sessions: list[Session],
    ledger: HourLedger,
    journals: list[Journal],
    goals: dict[str, tuple[str, ...]],
) -> dict[str, ProgramAnalytics]:
    """Per pair, rescan every session, ledger line and journal for its own, and report it alone."""
    per_pair = {}
    for m in mentorships:
        own_sessions = [s for s in sessions if s.serves(m.id)]
        own_lines = [line for line in ledger.lines if line.entry.mentorship_id == m.id]
        own_journals = [j for j in journals if j.mentorship_id == m.id]
        per_pair[m.id] = program_analytics(
            program,
            [m],
            own_sessions,
            HourLedger(own_lines),
            own_journals,
            viewer=COORDINATOR,
            today=TODAY,
            goals={m.id: goals[m.id]},
        )
    return per_pair


def _check(ours: object, naive: object) -> None:
    """The cohort's figures are the sums (and the spreads) of the pairs' own."""
    assert isinstance(ours, ProgramAnalytics)
    assert isinstance(naive, dict)
    pairs: list[ProgramAnalytics] = list(naive.values())

    def total(get: Callable[[ProgramAnalytics], int]) -> int:
        return sum(get(p) for p in pairs)

    def goals(p: ProgramAnalytics) -> GoalCoverage:
        assert p.goals is not None  # the coordinator reads the shared entries' topics
        return p.goals

    expect = {
        "pairs": total(lambda p: p.pairs),
        "never_met": total(lambda p: p.never_met),
        "held": total(lambda p: p.sessions.held),
        "cancelled": total(lambda p: p.sessions.cancelled),
        "missed": total(lambda p: p.sessions.missed),
        "upcoming": total(lambda p: p.sessions.upcoming),
        "moves": total(lambda p: p.sessions.moves),
        "written": total(lambda p: p.journal.written),
        "expected": total(lambda p: p.journal.expected),
        "reviewed": total(lambda p: p.reviews.summary.count),
        "waiting": total(lambda p: p.reviews.waiting),
        "goals": total(lambda p: goals(p).goals),
        "covered": total(lambda p: goals(p).covered),
    }
    got = {
        "pairs": ours.pairs,
        "never_met": ours.never_met,
        "held": ours.sessions.held,
        "cancelled": ours.sessions.cancelled,
        "missed": ours.sessions.missed,
        "upcoming": ours.sessions.upcoming,
        "moves": ours.sessions.moves,
        "written": ours.journal.written,
        "expected": ours.journal.expected,
        "reviewed": ours.reviews.summary.count,
        "waiting": ours.reviews.waiting,
        "goals": goals(ours).goals,
        "covered": goals(ours).covered,
    }
    if got != expect:
        raise AssertionError(f"program_analytics disagrees with the rescan: {got} != {expect}")
    for status in MentorshipStatus:
        assert ours.by_status[status] == sum(p.by_status[status] for p in pairs)
    for pace in ours.by_pace:
        assert ours.by_pace[pace] == sum(p.by_pace[pace] for p in pairs)
    firsts = [p.first_session.median for p in pairs if p.first_session.median is not None]
    assert ours.first_session == _summary(firsts)
    assert ours.hours.summary == _summary([p.hours.total for p in pairs])
    quiet = sorted(
        (q for p in pairs for q in p.gone_quiet), key=lambda q: (-q.days, q.mentorship_id)
    )
    assert ours.gone_quiet == tuple(quiet)


def cases(quick: bool) -> list[Case]:
    pairs = 300 if quick else 10_000
    program, mentorships, ledger, sessions = _build(pairs)
    mentorships = _vary(mentorships)
    journals = _journals(mentorships, sessions, per_pair=10)
    rng = random.Random(11)
    goals = {m.id: tuple(rng.sample(GOALS, rng.randint(1, 3))) for m in mentorships}
    entries = sum(len(j.entries) for j in journals)

    def ours() -> ProgramAnalytics:
        # Drop the ledger's caches so its truncation and grouping are part of the timing.
        ledger._cache.clear()
        return program_analytics(
            program, mentorships, sessions, ledger, journals, viewer=COORDINATOR, today=TODAY,
            goals=goals,
        )  # fmt: skip

    return [
        Case(
            workload=(
                f"program_analytics, {pairs:,} pairs, {len(ledger.lines):,} ledger lines,"
                f" {len(sessions):,} sessions, {entries:,} journal entries"
            ),
            ours=ours,
            baseline=lambda: _naive(program, mentorships, sessions, ledger, journals, goals),
            baseline_name="naive per-pair rescan",
            target="< 2 s at 10,000 pairs",
            check=_check,
        )
    ]
