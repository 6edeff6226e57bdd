"""Guards that keep dateutil's walk over an RRULE short, whatever the rule.

dateutil walks a rule from its DTSTART until it passes the range asked for; a
rule whose days never come (``BYMONTH=2;BYMONTHDAY=30``, or ``INTERVAL=7;BYDAY=MO``
from a Tuesday) is walked to the year 9999, which takes up to half a minute. Such
a rule has no occurrences besides DTSTART, so it is dropped before expansion.

What a rule may hold at all (its parts, frequencies and value ranges) is the
kernel's rule, ``ementoring._rrule``, which ``RecurringWindow`` reads too.
"""

from __future__ import annotations

from datetime import MAXYEAR, date, datetime
from functools import lru_cache
from math import prod
from typing import Any

import attrs
from dateutil import rrule as dateutil_rrule

from ementoring._rrule import (
    BYDAY_SHAPE,
    CYCLE_YEARS,
    NUMBER_PARTS,
    WEEKDAY,
    count_until_problem,
    frequency_problem,
    number_problem,
    part_problem,
    whole_number_problem,
)
from ementoring.errors import InvalidCalendarError
from ementoring.scheduling import Weekday

__all__ = [
    "MAX_PATTERNS",
    "MAX_TIMEZONES",
    "ZoneDamage",
    "check_rule",
    "check_timezones",
    "is_empty",
]

MAX_TIMEZONES = 100
"""The most VTIMEZONE components one text may define (real exports have a handful)."""

_DAY_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
_WEEKDAYS = tuple(day.value for day in Weekday)
# A probe over the last Gregorian cycle a datetime holds sees every pattern of days there is.
_PROBE_START = datetime(MAXYEAR - CYCLE_YEARS, 1, 1)


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

    for name in sorted(parts):
        unknown = part_problem(name)
        if unknown is not None:
            raise bad(unknown)
    bad_freq = frequency_problem(",".join(str(v).upper() for v in parts.get("FREQ", [])))
    if bad_freq is not None:
        raise bad(bad_freq)
    for name in ("INTERVAL", "COUNT"):
        for value in parts.get(name, []):
            not_whole = whole_number_problem(name, value)
            if not_whole is not None:
                raise bad(not_whole)
    for name in NUMBER_PARTS:
        for value in parts.get(name, []):
            out_of_range = number_problem(name, value)
            if out_of_range is not None:
                raise bad(out_of_range)
    for value in parts.get("BYDAY", []):
        match = WEEKDAY.fullmatch(str(value).upper())
        if match is None or (match[1] and not 1 <= abs(int(match[1])) <= 53):
            raise bad(f"BYDAY value {value!r} is not a weekday with an optional -53..53")
    both = count_until_problem(parts)
    if both is not None:
        raise bad(both)
    return parts


MAX_PATTERNS = 500
"""The most different day patterns (BYxxx filters) one text may ask to check; each
check walks at most 400 years of a yearly rule, a few hundredths of a second."""


def is_empty(parts: dict[str, list[Any]], start: date, patterns: set[Any]) -> bool:
    """Whether the rule can never reach a day beyond DTSTART (see the module's docstring).

    ``patterns`` collects the day patterns checked for one text; past
    :data:`MAX_PATTERNS` the text is refused, so the checks stay bounded.
    """
    frequency = str(parts.get("FREQ", ["?"])[0]).upper()
    interval = int(parts.get("INTERVAL", [1])[0])
    weekdays = {
        _WEEKDAYS.index(m[2])
        for value in parts.get("BYDAY", [])
        if (m := WEEKDAY.fullmatch(str(value).upper())) is not None
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
    if not filters:
        return False
    patterns.add(filters)
    if len(patterns) > MAX_PATTERNS:
        raise InvalidCalendarError(
            "VEVENT", "RRULE", f"<{len(patterns)} patterns>",
            f"more than {MAX_PATTERNS} different day patterns in one calendar",
        )  # fmt: skip
    return not _days_exist(filters)


# A VTIMEZONE observance recurs once or a few times a year (RFC 5545 3.6.5's
# examples, and every export seen); its rule is walked on every offset lookup.
# Lotus Notes names the time of the change too (BYHOUR=2;BYMINUTE=0), which
# RFC 5545 3.6.5 allows.
_ZONE_PARTS = frozenset(
    {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYDAY", "BYMONTHDAY", "BYYEARDAY",
     "BYWEEKNO", "WKST", "BYHOUR", "BYMINUTE", "BYSECOND"}
)  # fmt: skip
_MAX_ZONE_VALUES = 12
# Each time of day multiplies the walk; a clock changes once on its day.
_ZONE_TIMES = ("BYHOUR", "BYMINUTE", "BYSECOND")
_MAX_ZONE_TIMES = 12


@attrs.frozen
class ZoneDamage:
    """A VTIMEZONE whose observance rule is refused: lines ``first..last`` of ``lines``."""

    first: int
    last: int
    tzid: str
    error: InvalidCalendarError


def check_timezones(lines: list[str]) -> list[ZoneDamage]:
    """The VTIMEZONEs among ``lines`` (unfolded) whose rules would make lookups walk without end.

    The parser builds a zone from each custom VTIMEZONE while it reads, and
    dateutil walks the observance rules from their DTSTART on every lookup; a
    ``FREQ=SECONDLY`` observance would take hours. So before parsing: at most
    :data:`MAX_TIMEZONES` VTIMEZONEs (more raise at once), and their RRULEs yearly,
    with few values, and with days that exist.
    """
    damaged: list[ZoneDamage] = []
    zones = 0
    begin: int | None = None
    tzid = ""
    error: InvalidCalendarError | None = None
    component = ""
    for index, line in enumerate(lines):
        head = line[:16].upper()
        if head.startswith("BEGIN:VTIMEZONE"):
            zones += 1
            begin, tzid, error, component = index, "", None, ""
            if zones > MAX_TIMEZONES:
                raise InvalidCalendarError(
                    "VTIMEZONE", "", f"<{zones} or more>", f"more than {MAX_TIMEZONES} time zones"
                )
        elif begin is None:
            continue
        elif head.startswith("END:VTIMEZONE"):
            if error is not None:
                damaged.append(ZoneDamage(begin, index, tzid, error))
            begin = None
        elif head.startswith("BEGIN:"):
            component = line[6:].strip().upper()
        elif head.startswith("TZID") and line[4:5] in (":", ";"):
            tzid = line.partition(":")[2]
        elif error is None and head.startswith("RRULE") and line[5:6] in (":", ";"):
            try:
                _check_zone_rule(line.partition(":")[2], component or "VTIMEZONE")
            except InvalidCalendarError as refused:
                error = refused
    if begin is not None and error is not None:
        damaged.append(ZoneDamage(begin, len(lines) - 1, tzid, error))
    return damaged


def _check_zone_rule(value: str, component: str) -> None:
    def bad(reason: str) -> InvalidCalendarError:
        return InvalidCalendarError(component, "RRULE", value, reason)

    parts: dict[str, list[str]] = {}
    for piece in value.upper().split(";"):
        name, _, items = piece.partition("=")
        if name not in _ZONE_PARTS:
            raise bad(f"a time-zone rule may use only {', '.join(sorted(_ZONE_PARTS))}")
        parts[name] = items.split(",")
        if len(parts[name]) > _MAX_ZONE_VALUES:
            raise bad(f"{name} has more than {_MAX_ZONE_VALUES} values")
    if parts.get("FREQ") != ["YEARLY"]:
        raise bad("a time-zone rule must be FREQ=YEARLY")
    for name in _ZONE_TIMES:
        for item in parts.get(name, []):
            out_of_range = number_problem(name, item)
            if out_of_range is not None:
                raise bad(out_of_range)
    if prod(len(parts.get(name, [""])) for name in _ZONE_TIMES) > _MAX_ZONE_TIMES:
        raise bad(f"BYHOUR, BYMINUTE and BYSECOND give more than {_MAX_ZONE_TIMES} times of day")
    not_whole = whole_number_problem("INTERVAL", parts.get("INTERVAL", ["1"])[0], most=100)
    if not_whole is not None:
        raise bad(not_whole)
    weekdays = [m[2] for v in parts.get("BYDAY", []) if (m := WEEKDAY.fullmatch(v)) is not None]
    if len(weekdays) != len(parts.get("BYDAY", [])):
        raise bad(BYDAY_SHAPE)
    probe = {**parts, "BYDAY": weekdays} if weekdays else parts
    filters = tuple(
        (name, tuple(sorted(set(probe[name])))) for name in _DAY_FILTERS if probe.get(name)
    )
    try:
        exists = not filters or _days_exist(filters)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise bad(f"not a valid rule: {error}") from None
    if not exists:
        raise bad("no day matches this rule")


@lru_cache(maxsize=1024)
def _days_exist(filters: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """Whether any day matches these BYxxx filters (a yearly probe over 400 years)."""
    body = "FREQ=YEARLY;" + ";".join(f"{name}={','.join(values)}" for name, values in filters)
    probe = dateutil_rrule.rrulestr(body, dtstart=_PROBE_START)
    return probe.after(_PROBE_START, inc=True) is not None
