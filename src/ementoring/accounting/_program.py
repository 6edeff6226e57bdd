"""Programs: the hour budget, the planned weeks and the rules a cohort runs under."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from ementoring._validate import (
    date_value,
    duration,
    flag,
    identifier,
    require_date,
    text,
    whole_number,
)
from ementoring.errors import ValidationError
from ementoring.scheduling import Interval
from ementoring.timezones import require_aware, to_instant, to_local, zone_key

__all__ = ["MAX_WEEKS", "Program"]

# Any week of the supported calendar (1900 to 2200) is within this many of any start.
_MAX_WEEK_NUMBER = 16_000

MAX_WEEKS = 520
"""The most weeks a program may plan, allow as extension, or a pair extend by (ten years)."""


def _check_day(day: Any) -> None:
    require_date(day, "day")


@attrs.frozen
class Program:
    """A mentoring program: about ``target`` hours over about ``planned_weeks`` weeks.

    Program weeks are counted from local midnight of ``starts_on`` in the
    program's ``zone``: week 1 is ``[starts_on 00:00, starts_on + 7 days 00:00)``
    on the zone's clock, so a week containing a DST change lasts 167 or 169 hours.

    Args:
        id: The program's id.
        name: A display name.
        starts_on: The first day of week 1, a calendar date in ``zone``.
        zone: IANA key of the program's zone (``"America/Toronto"``).
        target: The hour budget per pair (more than zero).
        planned_weeks: How many weeks the program plans (at least 1).
        max_extension_weeks: How many weeks a pair may extend by; ``None`` for no limit.
        agenda_lead: How long before a meeting its agenda is due.
        journal_due: How long after a meeting its journal entry is due.
        quiet_after: A pair without a session for this long has gone quiet.
        require_new_time_on_cancel: Cancelling a session must propose a new time
            ("always suggest a new time rather than deferring").

    Raises:
        ValidationError: For any field out of range, naming it.
        UnknownTimeZoneError: For a bad ``zone``.

    >>> from datetime import date
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> program.target, program.planned_weeks
    (datetime.timedelta(seconds=36000), 10)
    >>> program.week(1).duration  # 2 to 9 March: clocks spring forward on the 8th
    datetime.timedelta(days=6, seconds=82800)
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text(max_length=200))
    starts_on: date = attrs.field(kw_only=True, validator=date_value)
    zone: str = attrs.field(kw_only=True, converter=zone_key)
    target: timedelta = attrs.field(
        kw_only=True,
        default=timedelta(hours=10),
        validator=duration(minimum=timedelta(0), exclusive_minimum=True),
    )
    planned_weeks: int = attrs.field(
        kw_only=True, default=10, validator=whole_number(minimum=1, maximum=MAX_WEEKS)
    )
    max_extension_weeks: int | None = attrs.field(
        kw_only=True, default=None, validator=whole_number(maximum=MAX_WEEKS, optional=True)
    )
    agenda_lead: timedelta = attrs.field(
        kw_only=True, default=timedelta(hours=24), validator=duration()
    )
    journal_due: timedelta = attrs.field(
        kw_only=True, default=timedelta(hours=48), validator=duration()
    )
    quiet_after: timedelta = attrs.field(
        kw_only=True,
        default=timedelta(days=21),
        validator=duration(minimum=timedelta(0), exclusive_minimum=True),
    )
    require_new_time_on_cancel: bool = attrs.field(kw_only=True, default=True, validator=flag)

    def midnight(self, day: date) -> datetime:
        """The instant (UTC) at which ``day`` begins on the program's clock.

        A midnight skipped by a DST change gives the first instant of that day.

        >>> from datetime import date
        >>> p = Program("p", "P", starts_on=date(2026, 3, 2), zone="Europe/Moscow")
        >>> p.midnight(date(2026, 3, 2)).isoformat()
        '2026-03-01T21:00:00+00:00'
        """
        _check_day(day)
        return to_instant(datetime.combine(day, time()), self.zone, policy="wall_clock")

    def end_of_day(self, day: date) -> datetime:
        """The last instant (UTC) of ``day`` on the program's clock.

        A report "on ``today``" sees what was recorded up to this instant: the
        whole day, nothing of the next (see "As of means as of" in docs/design.md).

        Raises:
            ValidationError: ``day`` is not a date, or is the last representable one.

        >>> from datetime import date
        >>> p = Program("p", "P", starts_on=date(2026, 3, 2), zone="Europe/Moscow")
        >>> p.end_of_day(date(2026, 3, 2)).isoformat()
        '2026-03-02T20:59:59.999999+00:00'
        """
        _check_day(day)
        if day == date.max:
            raise ValidationError("day", day, "must be before the last representable date")
        # Instants have microsecond resolution, so "at <= this" is exactly "before the next day".
        return self.midnight(day + timedelta(days=1)) - timedelta(microseconds=1)

    def cutoff(self, *, today: date | None = None, at: datetime | None = None) -> datetime:
        """The instant a report judges at: ``at`` itself, or the last instant of ``today``.

        Give exactly one. Records stamped at or before the cutoff count, those
        stamped after it do not (the boundary is inclusive, as in every
        ``as_of``), so a report made live at ``at`` and its replay at ``at``
        see the same records. ``today=d`` is ``at=end_of_day(d)``; the day a
        report is about is ``local_date`` of the cutoff.

        Raises:
            ValidationError: Neither or both given, or a day out of range (named ``today``).
            InvalidTypeError: ``today`` is not a date, or ``at`` not a datetime.
            NaiveDatetimeError: ``at`` has no UTC offset.

        >>> from datetime import UTC, date, datetime
        >>> p = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        >>> p.cutoff(today=date(2026, 3, 9)).isoformat()
        '2026-03-10T03:59:59.999999+00:00'
        >>> monday_8am = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
        >>> p.cutoff(at=monday_8am) == monday_8am, p.local_date(p.cutoff(at=monday_8am))
        (True, datetime.date(2026, 3, 9))
        """
        if today is None and at is None:
            raise ValidationError("today", None, "give today (a date) or at (an aware datetime)")
        if at is not None:
            if today is not None:
                raise ValidationError("at", at, "give today or at, not both")
            return require_aware(at, "at")
        day = require_date(today, "today")
        try:
            return self.end_of_day(day)
        except ValidationError as err:  # a day outside the supported range: name our argument
            raise ValidationError("today", day, err.reason) from None

    def week(self, number: int) -> Interval:
        """The instants of program week ``number`` (week 1 starts on ``starts_on``).

        Raises:
            ValidationError: When ``number`` is not a whole number.

        >>> from datetime import date
        >>> p = Program("p", "P", starts_on=date(2026, 10, 26), zone="America/Toronto")
        >>> p.week(1).duration  # 26 Oct to 2 Nov: clocks fall back on 1 November
        datetime.timedelta(days=7, seconds=3600)
        """
        if isinstance(number, bool) or not isinstance(number, int):
            raise ValidationError("number", number, "must be a whole number")
        if abs(number) > _MAX_WEEK_NUMBER:
            raise ValidationError(
                "number", number, f"must be within {_MAX_WEEK_NUMBER:,} weeks of the start"
            )
        first = self.starts_on + timedelta(days=7 * (number - 1))
        return Interval(self.midnight(first), self.midnight(first + timedelta(days=7)))

    def local_date(self, instant: datetime) -> date:
        """The calendar date of an instant on the program's clock.

        >>> from datetime import UTC, date, datetime
        >>> p = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        >>> p.local_date(datetime(2026, 3, 3, 3, 0, tzinfo=UTC))
        datetime.date(2026, 3, 2)
        """
        return to_local(instant, self.zone).date()

    def week_of_date(self, day: date) -> int:
        """The program week a calendar date falls in (0 or less before the start).

        >>> from datetime import date
        >>> p = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        >>> p.week_of_date(date(2026, 3, 2)), p.week_of_date(date(2026, 3, 9)), p.week_of_date(date(2026, 3, 1))
        (1, 2, 0)
        """
        _check_day(day)
        return (day - self.starts_on).days // 7 + 1

    def week_of(self, instant: datetime) -> int:
        """The program week an instant falls in, on the program's clock.

        Raises:
            NaiveDatetimeError: For a naive ``instant``.

        >>> from datetime import UTC, date, datetime
        >>> p = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
        >>> p.week_of(datetime(2026, 3, 9, 3, 59, tzinfo=UTC))  # 8 March, 23:59 EDT
        1
        >>> p.week_of(datetime(2026, 3, 9, 4, 0, tzinfo=UTC))  # 9 March, 00:00 EDT
        2
        """
        return self.week_of_date(self.local_date(instant))
