"""Busy times in from iCalendar text, strictly or leniently: the two public reads.

Each read parses the text (``_parse``), checks every event and bounds its rules
(``_events``, with the zones of ``_zones``), then expands events and free/busy
periods into busy spans (``_expand``).
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

from ementoring._extras import require
from ementoring._validate import require_flag
from ementoring.calendar._common import check_interval, icalendar
from ementoring.calendar._events import check_events
from ementoring.calendar._expand import busy_spans, freebusy_spans, separate
from ementoring.calendar._parse import MAX_CALENDAR_SIZE, drop_damaged, parse, text_of
from ementoring.calendar._problems import BusyImport, Problems
from ementoring.calendar._zones import check_wr_timezone
from ementoring.errors import (
    EmentoringError,
    InvalidCalendarError,
    ValidationError,
)
from ementoring.scheduling import DEFAULT_MAX_OCCURRENCES, Busy, Interval, IntervalSet
from ementoring.timezones import zone_key

__all__ = ["MAX_CALENDAR_SIZE", "AllDay", "busy_from_ics", "import_busy"]

AllDay = Literal["busy", "ignore"]
"""What all-day events (DATE values) mean: busy for their whole local days, or nothing."""

_ALL_DAY: tuple[AllDay, ...] = ("busy", "ignore")


def _read(
    text: Any,
    *,
    within: Any,
    zone: Any,
    all_day: Any,
    max_occurrences: Any,
    problems: Problems,
) -> tuple[Busy, ...]:
    window = check_interval(within, "within")
    key = zone_key(zone, "zone")
    if all_day not in _ALL_DAY:
        raise ValidationError("all_day", all_day, "must be 'busy' or 'ignore'")
    if (
        isinstance(max_occurrences, bool)
        or not isinstance(max_occurrences, int)
        or max_occurrences < 1
    ):
        raise ValidationError("max_occurrences", max_occurrences, "must be a positive whole number")
    source = text_of(text)
    ical = icalendar()
    rie = require("recurring_ical_events", "calendar")
    require("x_wr_timezone", "calendar")
    budget = [max_occurrences, max_occurrences]
    patterns: set[Any] = set()
    found: list[Interval] = []
    try:
        # icalendar warns about guessed TZIDs; the guess is checked here instead.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for calendar in parse(ical, source, problems):
                drop_damaged(calendar, problems)
                check_wr_timezone(calendar, problems)
                check_events(ical, calendar, window, max_occurrences, patterns, problems)
                members = separate(ical, calendar)
                spans = [
                    *freebusy_spans(calendar, key, window, budget),
                    *busy_spans(
                        rie,
                        ical,
                        calendar,
                        members,
                        window,
                        (key, all_day == "ignore", budget),
                        problems,
                    ),
                ]
                found.extend(Interval(start, end) for start, end in spans if start < end)
    except EmentoringError:
        raise
    except Exception as error:  # never a dependency's own exception
        raise InvalidCalendarError(
            "VCALENDAR", "", source[:80], f"cannot be read: {type(error).__name__}: {error}"
        ) from error
    merged = IntervalSet(found).clip(window)
    return tuple(Busy(interval) for interval in merged)


def busy_from_ics(
    text: str | bytes,
    *,
    within: Interval,
    zone: str,
    all_day: AllDay = "busy",
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
) -> tuple[Busy, ...]:
    """The busy times in a calendar export, ready for ``Availability(exceptions=...)``.

    Read: every VEVENT (DTSTART with DTEND or DURATION), expanded with its
    RRULE, RDATE, EXDATE and RECURRENCE-ID overrides by recurring-ical-events;
    events with TRANSP:TRANSPARENT or STATUS:CANCELLED are skipped. All-day
    events (DATE values) are busy from the first local midnight to the last,
    on ``zone``'s clock (or skipped with ``all_day="ignore"``); floating times
    are read on ``zone``'s clock too (RFC 5545 3.3.5 in gaps and folds). VFREEBUSY
    periods of FBTYPE BUSY, BUSY-TENTATIVE and BUSY-UNAVAILABLE are busy. TZIDs may
    be IANA keys, Windows names ("Eastern Standard Time", as Outlook writes) or
    custom VTIMEZONE definitions; Google's ``X-WR-TIMEZONE`` is applied first.
    Several events with one UID each count (see ``docs/calendar.md``).

    This is the strict read: any damaged part that matters raises. To read the rest
    and get a list of what was skipped, use :func:`import_busy`.

    Args:
        text: The iCalendar text (``str``, or UTF-8 ``bytes``); one or more VCALENDARs.
        within: The range of interest; the result is clipped to it.
        zone: The calendar owner's IANA zone, for all-day and floating times.
        all_day: ``"busy"`` or ``"ignore"``.
        max_occurrences: The most busy periods read near ``within``.

    Returns:
        :class:`~ementoring.scheduling.Busy` values, sorted, merged and clipped.

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed.
        InvalidCalendarError: Text that is not iCalendar, or a damaged
            property that matters here, naming the component and property.
        ExpansionLimitError: More than ``max_occurrences`` periods near
            ``within``, or a rule that would walk far more from its DTSTART.
        ValidationError: A bad argument, or text over :data:`MAX_CALENDAR_SIZE`.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Interval
    >>> export = "\\r\\n".join([
    ...     "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//example//EN",
    ...     "BEGIN:VEVENT", "UID:gym@example.org", "DTSTAMP:20260301T000000Z",
    ...     "DTSTART;TZID=America/Toronto:20260302T070000", "DURATION:PT1H",
    ...     "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", "END:VEVENT", "END:VCALENDAR", ""])
    >>> march = Interval(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    >>> for busy in busy_from_ics(export, within=march, zone="America/Toronto"):
    ...     print(busy.interval.start.isoformat())
    2026-03-02T12:00:00+00:00
    2026-03-04T12:00:00+00:00
    2026-03-09T11:00:00+00:00
    """
    return _read(
        text,
        within=within,
        zone=zone,
        all_day=all_day,
        max_occurrences=max_occurrences,
        problems=Problems(strict=True),
    )


def import_busy(
    text: str | bytes,
    *,
    within: Interval,
    zone: str,
    all_day: AllDay = "busy",
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
    strict: bool = False,
) -> BusyImport:
    """The busy times in a calendar export, and the parts that could not be read.

    Reads what :func:`busy_from_ics` reads. A damaged component (a ``VEVENT``,
    ``VFREEBUSY`` or ``VTIMEZONE`` the parser refuses, a bad ``RRULE``, an unknown
    ``TZID``, a value of the wrong type...) is skipped and listed in
    :attr:`BusyImport.problems` (the first :data:`MAX_PROBLEMS` in a fixed order;
    :attr:`BusyImport.unlisted` counts the rest); everything else is read. A
    person importing their calendar gets every other event and can be shown what
    was skipped; a platform syncing calendars keeps everyone's busy times current
    and can alert on the problems, where one bad event would otherwise stop the
    whole calendar. With ``strict=True`` the first problem raises instead.

    Text that is not iCalendar at all, and the limits (``MAX_CALENDAR_SIZE``,
    ``max_occurrences``, the walk bound, 100 ``VTIMEZONE``\\ s, 500 day patterns),
    raise in both modes: they say the text is not a calendar or too costly to read,
    not that a part of it is bad.

    Args:
        text: The iCalendar text (``str``, or UTF-8 ``bytes``); one or more VCALENDARs.
        within: The range of interest; the busy times are clipped to it.
        zone: The calendar owner's IANA zone, for all-day and floating times.
        all_day: ``"busy"`` or ``"ignore"``.
        max_occurrences: The most busy periods read near ``within``.
        strict: Raise at the first damaged part instead of skipping it.

    Returns:
        A :class:`BusyImport`: ``busy`` (sorted, merged, clipped), ``problems``, ``unlisted``.

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed.
        InvalidCalendarError: Text that is not iCalendar (or, when ``strict``, a
            damaged part), naming the component and property.
        ExpansionLimitError: More than ``max_occurrences`` periods near
            ``within``, or a rule that would walk far more from its DTSTART.
        ValidationError: A bad argument, or text over :data:`MAX_CALENDAR_SIZE`.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Interval
    >>> export = "\\r\\n".join([
    ...     "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    ...     "BEGIN:VEVENT", "UID:call@google.com", "DTSTART:20260310T160000Z",
    ...     "DTEND:20260310T170000Z", "END:VEVENT",
    ...     "BEGIN:VEVENT", "UID:birthday@google.com", "DTSTART;VALUE=DATE:20131210",
    ...     "RRULE:FREQ=YEARLY", "RDATE:20131210Z", "END:VEVENT", "END:VCALENDAR", ""])
    >>> march = Interval(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    >>> found = import_busy(export, within=march, zone="America/Toronto")
    >>> [str(b.interval) for b in found.busy]
    ["Interval('2026-03-10T16:00:00+00:00' -> '2026-03-10T17:00:00+00:00')"]
    >>> problem, = found.problems
    >>> problem.kind, problem.field, problem.value, problem.uid
    (<CalendarProblemKind.MALFORMED: 'malformed'>, 'VEVENT.RDATE', '20131210Z', 'birthday@google.com')
    """
    require_flag(strict, "strict")
    problems = Problems(strict=strict)
    busy = _read(
        text,
        within=within,
        zone=zone,
        all_day=all_day,
        max_occurrences=max_occurrences,
        problems=problems,
    )
    return problems.result(busy)
