"""The English words the library writes with: day and month names, counts, lengths, lists.

The week chart, calendar descriptions, sign-up checks, the words of meetable
weeks and regular slots, the dashboard and the display's English without Babel
all read this one table, so each English word and rule is written once. Other
languages come from CLDR through Babel (see ``ementoring.display``); the
``_languages`` modules hold what a translator translates, not these tables.

>>> from datetime import date, timedelta
>>> day = date(2026, 3, 17)
>>> day_month(day), short_date(day), duration_words(timedelta(minutes=90))
('17 March', 'Tue 17 Mar', '90-minute')
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "day_month",
    "duration_count",
    "duration_words",
    "listing",
    "plural",
    "plural_category",
    "short_date",
]

WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
"""The days of the week, in ``date.weekday()`` order; their first three letters abbreviate them."""

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""The months, January first; their first three letters abbreviate them (CLDR's English)."""


def day_month(day: date) -> str:
    """A date as ``"8 March"``.

    Not ``strftime("%B")``: that follows the process's C locale, which an
    application may change.

    >>> day_month(date(2026, 3, 8))
    '8 March'
    """
    return f"{day.day} {MONTHS[day.month - 1]}"


def short_date(day: date) -> str:
    """A date as ``"Tue 17 Mar"``: CLDR's English ``EEE d MMM``.

    >>> short_date(date(2026, 9, 6))
    'Sun 6 Sep'
    """
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"


def plural_category(count: float) -> str:
    """CLDR's English plural category of a number: ``"one"`` for exactly 1, else ``"other"``.

    >>> plural_category(1), plural_category(0), plural_category(1.5)
    ('one', 'other', 'other')
    """
    return "one" if count == 1 else "other"


def plural(count: float, noun: str, plural_noun: str = "") -> str:
    """The form of ``noun`` for ``count`` (see :func:`plural_category`).

    >>> plural(1, "week"), plural(0, "week"), plural(2.5, "hour"), plural(3, "entry", "entries")
    ('week', 'weeks', 'hours', 'entries')
    """
    return noun if plural_category(count) == "one" else plural_noun or noun + "s"


def _duration_parts(value: timedelta) -> tuple[str, float, str]:
    """A length as a count of its largest whole unit: ``("90", 90, "minute")``."""
    seconds = value / timedelta(seconds=1)
    if seconds % 3600 == 0:
        hours = int(seconds // 3600)
        return str(hours), hours, "hour"
    if seconds % 60 == 0:
        minutes = int(seconds // 60)
        return str(minutes), minutes, "minute"
    return f"{seconds:g}", seconds, "second"


def duration_words(value: timedelta) -> str:
    """A meeting length as an English modifier: ``"1-hour"``, ``"45-minute"``, ``"90-second"``.

    >>> duration_words(timedelta(hours=2)), duration_words(timedelta(minutes=90))
    ('2-hour', '90-minute')
    """
    text, _, unit = _duration_parts(value)
    return f"{text}-{unit}"


def duration_count(value: timedelta) -> str:
    """A meeting length counted: ``"1 hour"``, ``"3 hours"``, ``"90 minutes"``.

    >>> duration_count(timedelta(hours=1)), duration_count(timedelta(seconds=1.5))
    ('1 hour', '1.5 seconds')
    """
    text, count, unit = _duration_parts(value)
    return f"{text} {plural(count, unit)}"


def listing(names: Sequence[str], most: int = 3) -> str:
    """Names joined as English lists them, the first ``most`` by name and the rest counted.

    >>> listing(["2 March"]), listing(["2 March", "9 March"])
    ('2 March', '2 March and 9 March')
    >>> listing(["a", "b", "c"]), listing(["a", "b", "c", "d", "e"])
    ('a, b and c', 'a, b, c and 2 more')
    """
    named, more = names[:most], len(names) - most
    if more > 0:
        return ", ".join(named) + f" and {more} more"
    if len(named) > 1:
        return ", ".join(named[:-1]) + f" and {named[-1]}"
    return named[0]
