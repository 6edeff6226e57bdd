"""What RFC 5545 (section 3.3.10) lets a recurrence rule hold: its parts, frequencies and values.

One definition for every room that reads RRULEs: scheduling checks the text of a
``RecurringWindow``'s rule against it, the calendar the rules of the events and
time zones it imports. Each check returns the reason a value is refused (or
``None``), and the caller raises its own error, naming its own field, so the
same mistake reads the same everywhere.

>>> number_problem("BYMONTH", 13)
'BYMONTH values must be 1 to 12'
>>> number_problem("BYMONTHDAY", "-31") is None, number_problem("BYMONTHDAY", "0")
(True, 'BYMONTHDAY values must be -31 to -1 or 1 to 31')
>>> part_problem("FOO"), frequency_problem("DAILY")
("unknown RRULE part 'FOO'", None)
>>> whole_number_problem("INTERVAL", "0", most=1_000)
'INTERVAL must be a whole number from 1 to 1,000'
>>> WEEKDAY.fullmatch("-1FR").groups()
('-1', 'FR')
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = [
    "BYDAY_SHAPE",
    "CYCLE_DAYS",
    "CYCLE_YEARS",
    "FREQUENCIES",
    "NUMBER_PARTS",
    "PARTS",
    "WEEKDAY",
    "count_until_problem",
    "frequency_problem",
    "number_problem",
    "part_problem",
    "whole_number_problem",
]

FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
"""The values of ``FREQ``, longest period first (dateutil numbers them 0 to 6 in this order)."""

NUMBER_PARTS: dict[str, tuple[int, int, bool]] = {
    # BYSECOND=60 (a leap second) is valid RFC 5545, but Python has no such second:
    # dateutil cannot build it, so it is refused here rather than by the expander.
    "BYSECOND": (0, 59, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
"""Each BYxxx list of numbers: the lowest and highest value, and whether it may be negative."""

PARTS = frozenset({"FREQ", "UNTIL", "COUNT", "INTERVAL", "WKST", "BYDAY", *NUMBER_PARTS})
"""Every part a rule may have."""

WEEKDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
"""A ``BYDAY`` value (upper case): an optional signed ordinal, then a weekday."""

BYDAY_SHAPE = "BYDAY values must be like MO, 2TU or -1FR"
"""Why a ``BYDAY`` value that :data:`WEEKDAY` does not match is refused."""

CYCLE_YEARS = 400
"""The Gregorian calendar, weekdays and leap years included, repeats every 400 years, so a
rule with no day in 400 years has none ever: a probe that long bounds the walk."""

CYCLE_DAYS = 146_097
"""The days in :data:`CYCLE_YEARS` years."""


_MAX_DIGITS = 18


def part_problem(name: str) -> str | None:
    """Why ``name`` (upper case) cannot be a part of a rule, or ``None``."""
    return None if name in PARTS else f"unknown RRULE part {name!r}"


def frequency_problem(value: str) -> str | None:
    """Why ``value`` (upper case) cannot be a rule's ``FREQ``, or ``None``."""
    return None if value in FREQUENCIES else f"FREQ must be one of {', '.join(FREQUENCIES)}"


def _integer(value: object, *, signed: bool) -> int | None:
    """A number as a parser gives it, or its text (``"12"``, and ``"-1"``/``"+5"`` when signed)."""
    if isinstance(value, str):
        digits = value[1:] if signed and value[:1] in ("+", "-") else value
        # Only text int() reads: "²" is a digit to isdigit() but not to int(), and int()
        # refuses thousands of digits; no value in range needs more than _MAX_DIGITS.
        return int(value) if digits.isdecimal() and len(digits) <= _MAX_DIGITS else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def number_problem(name: str, value: object) -> str | None:
    """Why ``value`` (a number, or its text) cannot be in the BYxxx list ``name``, or ``None``."""
    low, high, signed = NUMBER_PARTS[name]
    number = _integer(value, signed=signed)
    if number is not None and low <= (abs(number) if signed else number) <= high:
        return None
    bound = f"-{high} to -{low} or {low} to {high}" if signed else f"{low} to {high}"
    return f"{name} values must be {bound}"


def whole_number_problem(name: str, value: object, *, most: int | None = None) -> str | None:
    """Why ``value`` (a number, or its text) cannot be the ``INTERVAL`` or ``COUNT`` ``name``.

    ``None`` for a whole number of 1 or more, and at most ``most`` when given.
    """
    number = _integer(value, signed=False)
    if number is not None and number >= 1 and (most is None or number <= most):
        return None
    if most is None:
        return f"{name} must be a whole number of 1 or more"
    return f"{name} must be a whole number from 1 to {most:,}"


def count_until_problem(names: Collection[str]) -> str | None:
    """Why a rule with these parts is refused for having both ``COUNT`` and ``UNTIL``, or ``None``."""
    return "COUNT and UNTIL may not both be given" if {"COUNT", "UNTIL"} <= set(names) else None
