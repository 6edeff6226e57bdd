"""Progress of a mentorship against its program's hour budget, on one day or over time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

import attrs

from ementoring._validate import coerce_enum, items_of, require_date, require_duration, require_type
from ementoring.accounting._hour_entries import EntryKind, HourEntry
from ementoring.accounting._ledger import HourLedger
from ementoring.accounting._ledger_lines import LineKind
from ementoring.accounting._mentorship import Mentorship
from ementoring.accounting._pace import (
    Pace,
    _judge_pace,
    _microseconds,
    _pace_rules,
    _projected_completion,
)
from ementoring.accounting._program import Program
from ementoring.accounting._session import Session, sessions_as_of
from ementoring.accounting._session_lifecycle import SessionStatus
from ementoring.errors import ValidationError

__all__ = [
    "MAX_SERIES_STEPS",
    "ProgressReport",
    "progress",
    "progress_series",
]

_DAY = timedelta(days=1)
_ZERO = timedelta(0)

MAX_SERIES_STEPS = 10_000
"""The most steps :func:`progress_series` computes (about 27 years of days)."""


@attrs.frozen(kw_only=True)
class ProgressReport:
    """Where one mentorship stands on ``today``; see :func:`progress` for the rules.

    Attributes:
        today, at: The day reported on, and the instant judged at: records
            stamped at or before ``at`` count (the end of ``today`` for a
            report on a day).
        logged: Pair time so far (see :func:`progress`).
        target, remaining: The program's target and what is left of it (never negative).
        beyond_target: How far past the target (going beyond is reported, not an error).
        percent: ``logged`` as a percentage of the target (may pass 100).
        sessions_completed, sessions_cancelled, sessions_missed: Counts by status
            (``missed``: no-shows).
        reschedules: Moves over all the pair's sessions.
        days_elapsed, weeks_elapsed: Since ``started_on`` (whole weeks), 0 before it.
        weeks_available: ``planned_weeks`` plus the extension allowed.
        expected_by_now: The straight line's value today.
        pace, reasons: The verdict and why, in words.
        projected_completion: The day the target was reached, or will be at the
            pace so far; ``None`` with nothing logged yet, or when that pace
            would not reach it within the supported calendar (before 2200).
        last_session_on, days_since_last_session: The last completed session's
            day on the program's clock, and how long ago.
        next_session: The earliest proposed or confirmed session from today on.
    """

    mentorship_id: str
    today: date
    at: datetime
    logged: timedelta
    target: timedelta
    remaining: timedelta
    beyond_target: timedelta
    percent: float
    sessions_completed: int
    sessions_cancelled: int
    sessions_missed: int
    reschedules: int
    days_elapsed: int
    weeks_elapsed: int
    weeks_available: int
    expected_by_now: timedelta
    pace: Pace
    reasons: tuple[str, ...]
    projected_completion: date | None
    last_session_on: date | None
    days_since_last_session: int | None
    next_session: Session | None


def _kinds(kinds: Iterable[EntryKind | str]) -> frozenset[EntryKind]:
    given = items_of(kinds, str, "kinds", "an iterable of entry kinds")
    wanted = frozenset(coerce_enum(EntryKind, k, "kinds") for k in given)
    if not wanted:
        raise ValidationError("kinds", kinds, "must name at least one kind")
    return wanted


def _pair_time(
    entries: Iterable[HourEntry], kinds: frozenset[EntryKind]
) -> list[tuple[date, timedelta]]:
    """The pair's time as ``(day, duration)`` pieces, each shared hour counted once.

    Both sides log the same call, so meeting entries of one session count as
    the longest of them; entries not tied to a session count as logged by the
    person who logged the most such time (ties: the smaller id).
    """
    per_session: dict[str, tuple[date, timedelta]] = {}
    per_person: dict[str, list[HourEntry]] = {}
    for entry in entries:
        if entry.kind not in kinds:
            continue
        if entry.kind is EntryKind.MEETING and entry.session_id is not None:
            seen = per_session.get(entry.session_id)
            if seen is None:
                per_session[entry.session_id] = (entry.occurred_on, entry.duration)
            else:
                per_session[entry.session_id] = (
                    min(seen[0], entry.occurred_on),
                    max(seen[1], entry.duration),
                )
        else:
            per_person.setdefault(entry.participant_id, []).append(entry)
    pieces = list(per_session.values())
    if per_person:
        totals = {pid: sum((e.duration for e in got), _ZERO) for pid, got in per_person.items()}
        person = min(totals, key=lambda pid: (-totals[pid], pid))
        pieces.extend((e.occurred_on, e.duration) for e in per_person[person])
    pieces.sort()
    return pieces


def _check_mentorship_of(
    program: Program, mentorship: Mentorship, field: str = "mentorship"
) -> None:
    require_type(program, Program, "program", "a Program")
    require_type(mentorship, Mentorship, field, "a Mentorship")
    if mentorship.program_id != program.id:
        raise ValidationError(
            f"{field}.program_id", mentorship.program_id, f"must be the program's id {program.id!r}"
        )


def _progress(
    program: Program,
    mentorship: Mentorship,
    entries: Iterable[HourEntry],
    sessions: Sequence[Session],
    at: datetime,
    today: date,
    today_starts: datetime,
    kinds: frozenset[EntryKind],
    tolerance: timedelta,
    risk_factor: Fraction,
    quiet_after: timedelta,
) -> ProgressReport:
    """The report, from one mentorship's own entries and sessions (already selected)."""
    target = program.target
    pieces = _pair_time(entries, kinds)
    logged = sum((d for _, d in pieces), _ZERO)
    remaining = max(target - logged, _ZERO)

    # One pass over the pair's sessions: counts, the last held, the next planned.
    completed = cancelled = missed = reschedules = 0
    last_start: datetime | None = None
    next_session: Session | None = None
    for session in sessions:
        status = session.status
        if session.history:
            reschedules += session.reschedules
        if status is SessionStatus.COMPLETED:
            completed += 1
            start = session.held.start
            if last_start is None or start > last_start:
                last_start = start
        elif status is SessionStatus.CANCELLED:
            cancelled += 1
        elif status is SessionStatus.NO_SHOW:
            missed += 1
        elif session.interval.start >= today_starts and (
            next_session is None
            or (session.interval.start, session.id) < (next_session.interval.start, next_session.id)
        ):
            next_session = session
    last_session_on = None if last_start is None else program.local_date(last_start)
    days_since = None if last_session_on is None else (today - last_session_on).days

    days_elapsed = max((today - mentorship.started_on).days, 0)
    planned_days = program.planned_weeks * 7
    expected = target * min(days_elapsed, planned_days) / planned_days
    extension = (
        program.max_extension_weeks
        if program.max_extension_weeks is not None
        else mentorship.extension_weeks
    )
    weeks_available = program.planned_weeks + extension
    days_left = weeks_available * 7 - days_elapsed

    pace, reasons = _judge_pace(
        program,
        logged=logged,
        expected=expected,
        days_left=days_left,
        quiet_since=last_session_on if last_session_on is not None else mentorship.started_on,
        met_yet=last_session_on is not None,
        today=today,
        tolerance=tolerance,
        risk_factor=risk_factor,
        quiet_after=quiet_after,
    )
    return ProgressReport(
        mentorship_id=mentorship.id,
        today=today,
        at=at,
        logged=logged,
        target=target,
        remaining=remaining,
        beyond_target=max(logged - target, _ZERO),
        percent=100 * _microseconds(logged) / _microseconds(target),
        sessions_completed=completed,
        sessions_cancelled=cancelled,
        sessions_missed=missed,
        reschedules=reschedules,
        days_elapsed=days_elapsed,
        weeks_elapsed=days_elapsed // 7,
        weeks_available=weeks_available,
        expected_by_now=expected,
        pace=pace,
        reasons=reasons,
        projected_completion=_projected_completion(
            pieces, logged, remaining, target, days_elapsed, today
        ),
        last_session_on=last_session_on,
        days_since_last_session=days_since,
        next_session=next_session,
    )


def progress(
    program: Program,
    mentorship: Mentorship,
    ledger: HourLedger,
    sessions: Iterable[Session],
    *,
    today: date | None = None,
    at: datetime | None = None,
    tolerance: timedelta = timedelta(hours=1),
    risk_factor: float = 2,
    quiet_after: timedelta | None = None,
    kinds: Iterable[EntryKind | str] = (EntryKind.MEETING,),
) -> ProgressReport:
    """Report a mentorship's hours, sessions and pace on ``today``, or at the instant ``at``.

    Every record is first taken as it stood at the cutoff
    (:meth:`Program.cutoff`: the end of ``today``, or ``at`` itself; records
    stamped exactly then count), so the report equals the same call on records
    truncated there. With ``at``, the day reported on is ``at``'s day on the
    program's clock.

    ``logged`` is pair time: entries of ``kinds`` (meetings by default) from
    the mentorship's live entries, each shared hour counted once (meeting
    entries of one session count as the longest of them; entries without a
    session as logged by whoever logged more). The expected line runs
    straight from 0 on ``started_on`` to the target after ``planned_weeks``.
    The weeks available are ``planned_weeks`` plus the program's
    ``max_extension_weeks`` (or, when it has no cap, the weeks this pair
    agreed to extend by). Pace, the first rule that holds:

    1. ``complete``: ``logged >= target``.
    2. ``at_risk``: no completed session for ``quiet_after`` (counted from
       ``started_on`` before the first one), or the remaining hours need more
       than ``risk_factor`` times the planned weekly rate (``target /
       planned_weeks``) in the days still available.
    3. ``behind``: ``logged < expected_by_now - tolerance``.
    4. ``ahead``: ``logged > expected_by_now + tolerance``.
    5. ``on_track``: otherwise.

    Args:
        program: The mentorship's program.
        mentorship: The pair.
        ledger: The hour ledger (entries of other mentorships are ignored).
        sessions: Sessions (those not serving the mentorship are ignored; a group
            session counts once for each mentorship it serves).
        today: The day to report on, in the program's zone (or give ``at``).
        at: The instant to report at (aware; or give ``today``).
        tolerance: How far from the line still counts as on track.
        risk_factor: How many times the planned weekly rate is too much to catch up.
        quiet_after: Defaults to the program's ``quiet_after``.
        kinds: Which entry kinds count as pair time.

    Returns:
        A :class:`ProgressReport`.

    Raises:
        InvalidTypeError: An argument or item of the wrong type (named, e.g.
            ``sessions[2]`` or ``today``).
        ValidationError: A mentorship of another program, a bad threshold, a
            kind that does not exist, or not exactly one of ``today`` and ``at``.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import date, timedelta
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pair = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))
    >>> report = progress(program, pair, HourLedger(), [], today=date(2026, 3, 9))
    >>> report.pace.value, report.expected_by_now, report.reasons
    ('on_track', datetime.timedelta(seconds=3600), ('logged 0:00:00, expected 1:00:00 by now (tolerance 1:00:00)',))
    """
    _check_mentorship_of(program, mentorship)
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    cutoff = program.cutoff(today=today, at=at)
    today = program.local_date(cutoff)
    tolerance, exact_risk_factor, quiet_after = _pace_rules(
        tolerance, risk_factor, quiet_after, program.quiet_after
    )
    own = [s for s in _sessions(sessions) if s.serves(mentorship.id)]
    return _progress(
        program,
        mentorship.as_of(cutoff),
        ledger.as_of(cutoff).entries_by_mentorship().get(mentorship.id, ()),
        sessions_as_of(own, cutoff),
        cutoff,
        today,
        program.midnight(today),
        _kinds(kinds),
        tolerance,
        exact_risk_factor,
        quiet_after,
    )


def _sessions(value: Any) -> tuple[Session, ...]:
    """The sessions argument of a report: a collection of Session (the one check for all)."""
    return items_of(value, Session, "sessions", "an iterable of Session", each="a Session")


def progress_series(
    program: Program,
    mentorship: Mentorship,
    ledger: HourLedger,
    sessions: Iterable[Session],
    *,
    start: date,
    end: date,
    every: timedelta = timedelta(weeks=1),
    tolerance: timedelta = timedelta(hours=1),
    risk_factor: float = 2,
    quiet_after: timedelta | None = None,
    kinds: Iterable[EntryKind | str] = (EntryKind.MEETING,),
) -> tuple[ProgressReport, ...]:
    """The mentorship's :func:`progress` on ``start``, ``start + every``, ... up to ``end``.

    For "progress over time" charts. Each report equals ``progress(...,
    today=day)`` with the same parameters: it sees only what was recorded by
    the end of its day. The ledger is read once: the pair's lines are sorted
    by when they were written and replayed as the days advance, instead of
    truncating the whole ledger for every step.

    Args:
        program, mentorship, ledger, sessions: As for :func:`progress`.
        start: The first day reported.
        end: The last day that may be reported (inclusive; not before ``start``).
        every: The step, a whole number of days (a week by default).
        tolerance, risk_factor, quiet_after, kinds: As for :func:`progress`.

    Returns:
        One :class:`ProgressReport` per step, oldest first.

    Raises:
        InvalidTypeError: As :func:`progress`.
        ValidationError: As :func:`progress`; ``end`` before ``start``, ``every``
            not a positive whole number of days, or more than
            :data:`MAX_SERIES_STEPS` steps.

    >>> from datetime import date, timedelta
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pair = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))
    >>> series = progress_series(program, pair, HourLedger(), [],
    ...                          start=date(2026, 3, 2), end=date(2026, 3, 30))
    >>> [(r.today.isoformat(), r.expected_by_now) for r in series][:2]
    [('2026-03-02', datetime.timedelta(0)), ('2026-03-09', datetime.timedelta(seconds=3600))]
    >>> len(series)
    5
    """
    _check_mentorship_of(program, mentorship)
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    start = require_date(start, "start")
    end = require_date(end, "end")
    if end < start:
        raise ValidationError("end", end, f"must not be before start {start.isoformat()}")
    if require_duration(every, "every", minimum=_DAY) % _DAY != _ZERO:
        raise ValidationError("every", every, "must be a positive whole number of days")
    steps = (end - start) // every + 1
    if steps > MAX_SERIES_STEPS:
        raise ValidationError(
            "every", every, f"gives {steps} steps from start to end; at most {MAX_SERIES_STEPS}"
        )
    tolerance, exact_risk_factor, quiet_after = _pace_rules(
        tolerance, risk_factor, quiet_after, program.quiet_after
    )
    wanted = _kinds(kinds)
    own = [s for s in _sessions(sessions) if s.serves(mentorship.id)]
    # Stable: an entry's lines keep their order (their times never run backwards).
    lines = sorted(
        (line for line in ledger.lines if line.entry.mentorship_id == mentorship.id),
        key=lambda line: line.at,
    )
    live: dict[str, HourEntry | None] = {}
    read = 0
    reports = []
    for step in range(steps):
        day = start + step * every
        cutoff = program.end_of_day(day)
        while read < len(lines) and lines[read].at <= cutoff:
            line = lines[read]
            live[line.entry.id] = None if line.kind is LineKind.REVERSAL else line.entry
            read += 1
        reports.append(
            _progress(
                program,
                mentorship.as_of(cutoff),
                [e for e in live.values() if e is not None],
                sessions_as_of(own, cutoff),
                cutoff,
                day,
                program.midnight(day),
                wanted,
                tolerance,
                exact_risk_factor,
                quiet_after,
            )
        )
    return tuple(reports)
