"""Guards that keep dateutil's walk over an RRULE short, whatever the rule.

dateutil walks a rule from its DTSTART until it passes the range asked for; a
rule whose days never come (``BYMONTH=2;BYMONTHDAY=30``, or ``INTERVAL=7;BYDAY=MO``
from a Tuesday) is walked to the year 9999, which takes up to half a minute. Such
a rule has no occurrences besides DTSTART, so it is dropped before expansion.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from dateutil import rrule as dateutil_rrule

from ementoring.errors import InvalidCalendarError

__all__ = ["check_rule", "is_empty"]

_RANGES = {
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
_DAY_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
# The Gregorian calendar, weekdays included, repeats every 400 years; a probe
# over the last 400 years a datetime holds sees every pattern of days there is.
_PROBE_START = datetime(9599, 1, 1)


def _parts(rule: Any) -> dict[str, list[Any]]:
    return {
        str(k).upper(): list(v) if isinstance(v, list | tuple) else [v] for k, v in rule.items()
    }


def check_rule(rule: Any) -> dict[str, list[Any]]:
    """The rule's parts, or :class:`InvalidCalendarError` for a value dateutil would misread."""
    parts = _parts(rule)
    text = rule.to_ical().decode("utf-8", "replace")

    def bad(reason: str) -> InvalidCalendarError:
        return InvalidCalendarError("VEVENT", "RRULE", text, reason)

    for name in ("INTERVAL", "COUNT"):
        for value in parts.get(name, []):
            if not isinstance(value, int) or value < 1:
                raise bad(f"{name} must be a whole number of 1 or more")
    for name, (low, high, signed) in _RANGES.items():
        for value in parts.get(name, []):
            number = abs(value) if signed and isinstance(value, int) else value
            if not isinstance(number, int) or not low <= number <= high:
                span = f"{low}..{high}" + (f" or -{high}..-{low}" if signed else "")
                raise bad(f"{name} values lie in {span}")
    for value in parts.get("BYDAY", []):
        match = _BYDAY.fullmatch(str(value).upper())
        if match is None or (match[1] and not 1 <= abs(int(match[1])) <= 53):
            raise bad(f"BYDAY value {value!r} is not a weekday with an optional -53..53")
    if "COUNT" in parts and "UNTIL" in parts:
        raise bad("COUNT and UNTIL cannot both be given")
    return parts


def is_empty(parts: dict[str, list[Any]], start: date) -> bool:
    """Whether the rule can never reach a day beyond DTSTART (see the module's docstring)."""
    frequency = str(parts.get("FREQ", ["?"])[0]).upper()
    interval = int(parts.get("INTERVAL", [1])[0])
    weekdays = {
        _WEEKDAYS.index(m[2])
        for value in parts.get("BYDAY", [])
        if (m := _BYDAY.fullmatch(str(value).upper())) is not None
    }
    if frequency == "DAILY" and weekdays and interval % 7:
        reached = {(start.weekday() + k * interval) % 7 for k in range(7)}
        if not reached & weekdays:
            return True
    if frequency == "DAILY" and weekdays and interval % 7 == 0 and start.weekday() not in weekdays:
        return True
    months = set(parts.get("BYMONTH", []))
    if frequency == "MONTHLY" and months:
        reached = {(start.month - 1 + k * interval) % 12 + 1 for k in range(12)}
        if not reached & months:
            return True
    # Numbered weekdays ("1MO") mean different days by frequency; the bare
    # weekday is a superset, so a probe that finds no day proves there is none.
    probe = dict(parts)
    if weekdays:
        probe["BYDAY"] = [_WEEKDAYS[w] for w in weekdays]
    filters = tuple(
        (name, tuple(sorted({str(v).upper() for v in probe[name]})))
        for name in _DAY_FILTERS
        if probe.get(name)
    )
    return bool(filters) and not _days_exist(filters)


@lru_cache(maxsize=1024)
def _days_exist(filters: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """Whether any day matches these BYxxx filters (a yearly probe over 400 years)."""
    body = "FREQ=YEARLY;" + ";".join(f"{name}={','.join(values)}" for name, values in filters)
    probe = dateutil_rrule.rrulestr(body, dtstart=_PROBE_START)
    return probe.after(_PROBE_START, inc=True) is not None
