"""Each VEVENT checked before expansion: its value types, DTSTART and DTEND, and its rules.

A damaged event is taken out and kept as a problem (a strict read raises it);
a rule that would walk too far raises in both reads.
"""

from __future__ import annotations

from datetime import date, datetime
from math import prod
from typing import Any

from ementoring.calendar._expand import MARGIN
from ementoring.calendar._parse import DATE_PROPERTIES, as_text, children, items, remove, values
from ementoring.calendar._problems import CalendarProblemKind, Problems, Skip, skip
from ementoring.calendar._rules import check_rule, is_empty
from ementoring.calendar._zones import Zones, apply_zones
from ementoring.errors import ExpansionLimitError, InvalidCalendarError
from ementoring.scheduling import Interval

__all__ = ["check_events"]

# What recurring-ical-events may walk per rule, as a multiple of max_occurrences:
# dateutil walks every occurrence from DTSTART and lists those in the range.
_WALK_FACTOR = 50
_TYPED = ("DATE", "DATE-TIME")
# Frequencies in seconds (months and years at their longest), for the walk bound.
_PERIODS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3_600,
    "DAILY": 86_400,
    "WEEKLY": 7 * 86_400,
    "MONTHLY": 28 * 86_400,
    "YEARLY": 365 * 86_400,
}
_UNITS = (("BYSECOND", 1), ("BYMINUTE", 60), ("BYHOUR", 3_600))
_Kind = CalendarProblemKind


def _check_value_types(event: Any) -> None:
    """Refuse a date property that holds no date (a duration), or another type than declared.

    ``DTSTART;VALUE=DATE:20110804T120000`` may mean the date or the time: read
    either way it may be wrong by up to a day, so it is refused, as malformed
    text is (a lenient read skips the event and says so).
    """
    for name in DATE_PROPERTIES:
        for value in values(event, name):
            for item in items(value):
                periods = name == "RDATE" and isinstance(item.dt, tuple)
                if not isinstance(item.dt, date) and not periods:
                    raise skip(
                        _Kind.MALFORMED,
                        "VEVENT",
                        name,
                        as_text(value),
                        "is not a DATE or DATE-TIME",
                        event.get("UID"),
                    )
            declared = str(value.params.get("VALUE", "")).upper()
            if declared not in _TYPED:
                continue
            for item in items(value):
                held = "DATE-TIME" if isinstance(item.dt, datetime) else "DATE"
                if not isinstance(item.dt, tuple) and held != declared:
                    raise skip(
                        _Kind.WRONG_VALUE_TYPE,
                        "VEVENT",
                        name,
                        as_text(value),
                        f"says VALUE={declared} but holds a {held}",
                        event.get("UID"),
                    )


def _walk_bound(parts: dict[str, list[Any]], first: date, last: date) -> int:
    """An upper bound of the occurrences dateutil walks from ``first`` to ``last``."""
    frequency = str(parts.get("FREQ", ["?"])[0]).upper()
    period = _PERIODS.get(frequency)
    if period is None:
        return 0  # recurring-ical-events refuses it, naming the rule
    interval = int(parts.get("INTERVAL", [1])[0])
    seconds = max(0, (last - first).days + 1) * 86_400
    steps = seconds // (period * interval) + 2
    per_step = prod(len(parts.get(name) or [1]) for name, unit in _UNITS if unit < period)
    if period > 86_400 and any(
        parts.get(name) for name in ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH")
    ):
        per_step *= period // 86_400 + 1  # at most every day of the period
    bound = steps * per_step
    count = parts.get("COUNT")
    return min(bound, int(count[0])) if count else bound


def _check_event(event: Any) -> date:
    """DTSTART's local date, after checking DTSTART and DTEND make sense."""
    uid = event.get("UID")
    starts = values(event, "DTSTART")
    if not starts:
        raise skip(_Kind.MISSING_PROPERTY, "VEVENT", "DTSTART", uid, "is missing", uid)
    start = starts[0].dt
    if not isinstance(start, date):
        raise skip(
            _Kind.MALFORMED, "VEVENT", "DTSTART", str(start), "is not a DATE or DATE-TIME", uid
        )
    ends = values(event, "DTEND")
    if ends:
        end = ends[0].dt
        if isinstance(start, datetime) and isinstance(end, datetime):
            # One floating and one zoned (ownCloud, Google): both on the zoned one's
            # clock, as recurring-ical-events reads them.
            if start.tzinfo is None and end.tzinfo is not None:
                start = starts[0].dt = start.replace(tzinfo=end.tzinfo)
            elif end.tzinfo is None and start.tzinfo is not None:
                end = ends[0].dt = end.replace(tzinfo=start.tzinfo)
        same_kind = isinstance(end, datetime) == isinstance(start, datetime)
        if not same_kind or (
            isinstance(start, datetime) and (start.tzinfo is None) != (end.tzinfo is None)
        ):
            raise skip(
                _Kind.INCONSISTENT,
                "VEVENT",
                "DTEND",
                str(end),
                "must be of DTSTART's kind (date, floating or zoned)",
                uid,
            )
        if end < start:
            raise skip(
                _Kind.INCONSISTENT, "VEVENT", "DTEND", str(end), f"is before DTSTART {start}", uid
            )
    return start.date() if isinstance(start, datetime) else start


def _tame(event: Any, first: date, last: date, limit: int, patterns: set[Any]) -> None:
    """Check each rule; drop rules that can never recur; bound every walk."""
    rules = values(event, "RRULE")
    kept = []
    for rule in rules:
        try:
            parts = check_rule(rule)
        except InvalidCalendarError as error:
            raise skip(
                _Kind.INVALID_RULE, "VEVENT", "RRULE", error.value, error.reason, event.get("UID")
            ) from None
        if is_empty(parts, first, patterns):
            continue
        if _walk_bound(parts, first, last) > _WALK_FACTOR * limit:
            raise ExpansionLimitError(
                "VEVENT.RRULE",
                as_text(rule),
                f"walking it from DTSTART {first.isoformat()} to {last.isoformat()} could"
                f" produce more than {_WALK_FACTOR * limit:,} occurrences; raise"
                " max_occurrences or narrow the calendar",
            )
        kept.append(rule)
    if len(kept) != len(rules):
        del event["RRULE"]
        for rule in kept:
            event.add("RRULE", rule)


def check_events(
    ical: Any, calendar: Any, window: Interval, limit: int, patterns: set[Any], problems: Problems
) -> None:
    """Check every event, read its zones and bound its rules; skip (or refuse) bad ones."""
    zones = Zones(ical, calendar)
    last = (window.end + MARGIN).date()
    dropped: set[int] = set()
    for _, event in children(calendar):
        if event.name != "VEVENT":
            continue
        try:
            _check_value_types(event)
            apply_zones(event, zones)
            first = _check_event(event)
            _tame(event, first, last, limit, patterns)
        except Skip as found:
            problems.add(found)
            dropped.add(id(event))
    remove(calendar, dropped)
