"""Cohort reports: every mentorship of a program on one day, with counts and hours."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

import attrs

from ementoring._validate import check_unique, items_of, require_type
from ementoring.accounting._hour_entries import EntryKind
from ementoring.accounting._ledger import HourLedger
from ementoring.accounting._mentorship import Mentorship
from ementoring.accounting._pace import Pace, _pace_rules
from ementoring.accounting._program import Program
from ementoring.accounting._progress import (
    ProgressReport,
    _check_mentorship_of,
    _kinds,
    _progress,
    _sessions,
)
from ementoring.accounting._session import Session, sessions_as_of

__all__ = ["CohortReport", "cohort_report"]

_DAY = timedelta(days=1)
_ZERO = timedelta(0)


@attrs.frozen(kw_only=True)
class CohortReport:
    """A program's mentorships on ``today``: paces, hours, who has not met, who went quiet.

    ``reports`` are sorted by mentorship id; ``pace_counts`` lists every pace
    (zero included); ``median_hours`` is ``None`` for an empty cohort;
    ``no_session_yet`` and ``gone_quiet`` are sorted mentorship ids (a pair
    gone quiet had at least one session, the last one ``quiet_after`` or more ago).
    ``at`` is the instant judged at (the end of ``today`` for a report on a day).
    """

    today: date
    at: datetime
    reports: tuple[ProgressReport, ...]
    pace_counts: Mapping[Pace, int]
    total_hours: timedelta
    median_hours: timedelta | None
    no_session_yet: tuple[str, ...]
    gone_quiet: tuple[str, ...]


def cohort_report(
    program: Program,
    mentorships: Iterable[Mentorship],
    ledger: HourLedger,
    sessions: Iterable[Session],
    *,
    today: date | None = None,
    at: datetime | None = None,
    tolerance: timedelta = timedelta(hours=1),
    risk_factor: float = 2,
    quiet_after: timedelta | None = None,
    kinds: Iterable[EntryKind | str] = (EntryKind.MEETING,),
) -> CohortReport:
    """Report every mentorship of a program on ``today`` (or at ``at``), with counts and hours.

    Entries and sessions are grouped by mentorship once, so the cost grows
    with their number, not with their number times the mentorships'.
    The rules and parameters are those of :func:`progress` (``today`` or
    ``at``, exactly one); every mentorship given is reported, whatever its status.

    Raises:
        InvalidTypeError: As :func:`progress`; an item of ``mentorships`` that
            is not a Mentorship (named ``mentorships[i]``).
        ValidationError: As :func:`progress`.
        DuplicateIdError: A mentorship id given twice.

    >>> from datetime import date
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pairs = [Mentorship(f"m{i}", "p", "olga", f"mentee{i}", started_on=date(2026, 3, 2))
    ...          for i in (1, 2)]
    >>> report = cohort_report(program, pairs, HourLedger(), [], today=date(2026, 3, 30))
    >>> dict(report.pace_counts)
    {<Pace.COMPLETE: 'complete'>: 0, <Pace.AT_RISK: 'at_risk'>: 2, <Pace.BEHIND: 'behind'>: 0, <Pace.ON_TRACK: 'on_track'>: 0, <Pace.AHEAD: 'ahead'>: 0}
    >>> report.no_session_yet, report.gone_quiet
    (('m1', 'm2'), ())
    """
    require_type(program, Program, "program", "a Program")
    pairs = list(
        items_of(
            mentorships, Mentorship, "mentorships", "an iterable of Mentorship", each="a Mentorship"
        )
    )
    for index, mentorship in enumerate(pairs):
        _check_mentorship_of(program, mentorship, f"mentorships[{index}]")
    check_unique(pairs, key=lambda m: m.id, field="mentorships")
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    given = _sessions(sessions)
    cutoff = program.cutoff(today=today, at=at)
    today = program.local_date(cutoff)
    tolerance, exact_risk_factor, quiet_after = _pace_rules(
        tolerance, risk_factor, quiet_after, program.quiet_after
    )
    wanted = _kinds(kinds)
    by_mentorship: dict[str, list[Session]] = {}
    for session in sessions_as_of(given, cutoff):
        for mentorship_id in session.mentorship_ids:  # a group session counts for each pair
            by_mentorship.setdefault(mentorship_id, []).append(session)
    entries = ledger.as_of(cutoff).entries_by_mentorship()
    today_starts = program.midnight(today)
    reports = tuple(
        _progress(
            program,
            m.as_of(cutoff),
            entries.get(m.id, ()),
            by_mentorship.get(m.id, []),
            cutoff,
            today,
            today_starts,
            wanted,
            tolerance,
            exact_risk_factor,
            quiet_after,
        )
        for m in sorted(pairs, key=lambda m: m.id)
    )
    counts = dict.fromkeys(Pace, 0)
    for report in reports:
        counts[report.pace] += 1
    hours = sorted(r.logged for r in reports)
    return CohortReport(
        today=today,
        at=cutoff,
        reports=reports,
        pace_counts=counts,
        total_hours=sum(hours, _ZERO),
        median_hours=_median(hours),
        no_session_yet=tuple(r.mentorship_id for r in reports if r.sessions_completed == 0),
        gone_quiet=tuple(
            r.mentorship_id
            for r in reports
            if r.days_since_last_session is not None
            and r.days_since_last_session * _DAY >= quiet_after
        ),
    )


def _median(ordered: list[timedelta]) -> timedelta | None:
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
