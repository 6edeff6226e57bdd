"""Hours for charts and volunteer records: pair time per program week, each person's own time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from ementoring._validate import require_date, require_type
from ementoring.accounting._hour_entries import EntryKind
from ementoring.accounting._ledger import HourLedger
from ementoring.accounting._program import Program
from ementoring.accounting._progress import _kinds, _pair_time
from ementoring.errors import ValidationError
from ementoring.timezones import require_aware

__all__ = ["hours_by_participant", "weekly_hours"]

_ZERO = timedelta(0)


def weekly_hours(
    program: Program,
    ledger: HourLedger,
    mentorship_id: str,
    *,
    kinds: Iterable[EntryKind | str] = (EntryKind.MEETING,),
    today: date | None = None,
    at: datetime | None = None,
) -> tuple[timedelta, ...]:
    """Pair time per program week, week 1 first (for charts).

    Counted as in :func:`progress` (so the weeks add up to its ``logged``
    on the same ``today``); an entry's week is that of its ``occurred_on``
    day (days before ``starts_on`` count in week 1). The tuple covers at
    least ``planned_weeks`` weeks, longer if time was logged later. With
    ``today`` or ``at`` (not both), only the ledger as it stood at the end of
    that day, or at that instant, counts (:meth:`Program.cutoff`,
    :meth:`HourLedger.as_of`); with neither, every line.

    Raises:
        InvalidTypeError: A program, ledger, ``today`` or ``at`` of the wrong type.
        ValidationError: A bad kind, or both ``today`` and ``at``.

    >>> from datetime import UTC, date, datetime, timedelta
    >>> from ementoring.accounting import HourEntry
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto",
    ...                   planned_weeks=3)
    >>> entry = HourEntry("e1", "m1", "olga", timedelta(hours=1), "meeting",
    ...                   occurred_on=date(2026, 3, 10),
    ...                   recorded_at=datetime(2026, 3, 10, 18, tzinfo=UTC), recorded_by="olga")
    >>> [str(h) for h in weekly_hours(program, HourLedger().record(entry), "m1")]
    ['0:00:00', '1:00:00', '0:00:00']
    """
    require_type(program, Program, "program", "a Program")
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    require_type(mentorship_id, str, "mentorship_id", "a mentorship id (text)")
    if today is not None or at is not None:
        ledger = ledger.as_of(program.cutoff(today=today, at=at))
    pieces = _pair_time(ledger.entries_by_mentorship().get(mentorship_id, ()), _kinds(kinds))
    weeks = [_ZERO] * program.planned_weeks
    for day, piece in pieces:
        week = max(program.week_of_date(day), 1)
        if week > len(weeks):
            weeks.extend([_ZERO] * (week - len(weeks)))
        weeks[week - 1] += piece
    return tuple(weeks)


def hours_by_participant(
    ledger: HourLedger,
    *,
    start: date,
    end: date,
    kinds: Iterable[EntryKind | str] | None = None,
    at: datetime | None = None,
) -> Mapping[str, timedelta]:
    """Each person's own logged time with ``start <= occurred_on < end``, across mentorships.

    Volunteer hours: every live entry counts for the person who logged it
    (unlike pair time, nothing is merged). All kinds by default. With
    ``at`` (aware), only the ledger as it stood then counts
    (:meth:`HourLedger.as_of`, lines stamped exactly at ``at`` included):
    entries recorded, corrected or voided later are seen as they were.

    Returns:
        Participant id -> total, sorted by id; people with no time are left out.

    Raises:
        InvalidTypeError: A ledger, ``start``, ``end`` or ``at`` of the wrong type.
        ValidationError: ``end`` not after ``start``, or a bad kind.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import UTC, date, datetime, timedelta
    >>> from ementoring.accounting import HourEntry
    >>> entry = HourEntry("e1", "m1", "olga", timedelta(hours=1), "preparation",
    ...                   occurred_on=date(2026, 3, 10),
    ...                   recorded_at=datetime(2026, 3, 10, 18, tzinfo=UTC), recorded_by="olga")
    >>> hours_by_participant(HourLedger().record(entry), start=date(2026, 3, 1), end=date(2026, 4, 1))
    {'olga': datetime.timedelta(seconds=3600)}
    """
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    start = require_date(start, "start")
    end = require_date(end, "end")
    if end <= start:
        raise ValidationError("end", end, f"must be after start {start.isoformat()}")
    wanted = None if kinds is None else _kinds(kinds)
    if at is not None:
        ledger = ledger.as_of(require_aware(at, "at"))
    totals: dict[str, timedelta] = {}
    for entry in ledger.entries:
        if start <= entry.occurred_on < end and (wanted is None or entry.kind in wanted):
            totals[entry.participant_id] = totals.get(entry.participant_id, _ZERO) + entry.duration
    return dict(sorted(totals.items()))
