"""iCalendar in and out (RFC 5545, RFC 5546): invites, feeds, free/busy, and busy times read back.

Needs the optional ``calendar`` extra (``pip install 'ementoring[calendar]'``:
icalendar, recurring-ical-events, x-wr-timezone). This module imports without
it; each function raises :class:`~ementoring.errors.MissingExtraError` naming
the command when it is missing. Text in, text out: no files, no network, no
clock. People come from the directory (:mod:`ementoring.people`): each
recipient's invitation is in their language, on their clock. See ``docs/calendar.md``.
"""

from ementoring.calendar._contacts import Contact
from ementoring.calendar._event import Method
from ementoring.calendar._problems import (
    MAX_PROBLEMS,
    BusyImport,
    CalendarProblem,
    CalendarProblemKind,
)
from ementoring.calendar._read import MAX_CALENDAR_SIZE, AllDay, busy_from_ics, import_busy
from ementoring.calendar._write import PRODID, feed, freebusy, invite

__all__ = [
    "MAX_CALENDAR_SIZE",
    "MAX_PROBLEMS",
    "PRODID",
    "AllDay",
    "BusyImport",
    "CalendarProblem",
    "CalendarProblemKind",
    "Contact",
    "Method",
    "busy_from_ics",
    "feed",
    "freebusy",
    "import_busy",
    "invite",
]
