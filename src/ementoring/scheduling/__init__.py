"""Time-zone-aware availability, overlap and slot finding for two or more people.

Each person writes availability on their own clock, in their own zone
(:class:`Availability`); :func:`find_overlap` turns every person's local windows
into UTC intervals with ``ementoring.timezones.to_instant``'s rules and
intersects them; :func:`find_slots` cuts meeting slots on a local grid; :func:`meetable_weeks`
says in which weeks a meeting of a given length fits and :func:`regular_slots`
finds the times that stay the same every week. :meth:`Availability.free_time`
expands a person once into a :class:`FreeTime`, from which those questions can
be asked of many pairs and groups (matching does, for every pair of a cohort).
"""

from ementoring.scheduling._availability import Availability
from ementoring.scheduling._checks import check_meeting, check_within
from ementoring.scheduling._expand import DEFAULT_MAX_OCCURRENCES, DEFAULT_MAX_SLOTS
from ementoring.scheduling._free import FreeBlocks, FreeTime
from ementoring.scheduling._intervals import Interval, IntervalSet
from ementoring.scheduling._overlap import Booking, Slot, find_overlap, find_slots, weekly_overlap
from ementoring.scheduling._recurring import MAX_RRULE_INTERVAL, MAX_RRULE_LENGTH, RecurringWindow
from ementoring.scheduling._regular import (
    MAX_REGULAR_CHECKS,
    LocalStretch,
    RegularSlot,
    has_regular_time,
    regular_slots,
)
from ementoring.scheduling._render import render_week
from ementoring.scheduling._weeks import MeetableWeeks, meetable_weeks
from ementoring.scheduling._windows import (
    Busy,
    BusyLocal,
    DateException,
    ReplaceDate,
    SkipDate,
    Weekday,
    WeeklyWindow,
)

__all__ = [
    "DEFAULT_MAX_OCCURRENCES",
    "DEFAULT_MAX_SLOTS",
    "MAX_REGULAR_CHECKS",
    "MAX_RRULE_INTERVAL",
    "MAX_RRULE_LENGTH",
    "Availability",
    "Booking",
    "Busy",
    "BusyLocal",
    "DateException",
    "FreeBlocks",
    "FreeTime",
    "Interval",
    "IntervalSet",
    "LocalStretch",
    "MeetableWeeks",
    "RecurringWindow",
    "RegularSlot",
    "ReplaceDate",
    "SkipDate",
    "Slot",
    "Weekday",
    "WeeklyWindow",
    "check_meeting",
    "check_within",
    "find_overlap",
    "find_slots",
    "has_regular_time",
    "meetable_weeks",
    "regular_slots",
    "render_week",
    "weekly_overlap",
]
