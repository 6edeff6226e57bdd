"""Plain-English wording for reminders: fixed names, no locale, so output is deterministic."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ementoring.timezones import to_local

__all__ = ["day_text", "hours_text", "shorten", "when_text"]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
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


def day_text(day: date) -> str:
    """``"Tuesday 17 March 2026"``.

    >>> day_text(date(2026, 3, 17))
    'Tuesday 17 March 2026'
    """
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def when_text(instant: datetime, zone: str) -> str:
    """An instant on a zone's clock: ``"Tuesday 17 March 2026 at 18:00 (America/Toronto)"``.

    >>> from datetime import UTC
    >>> when_text(datetime(2026, 3, 17, 22, 0, tzinfo=UTC), "America/Toronto")
    'Tuesday 17 March 2026 at 18:00 (America/Toronto)'
    """
    local = to_local(instant, zone)
    return f"{day_text(local.date())} at {local:%H:%M} ({zone})"


def hours_text(amount: timedelta) -> str:
    """A duration in words: ``"1 hour"``, ``"2.5 hours"``, ``"45 minutes"``.

    >>> hours_text(timedelta(hours=2, minutes=30)), hours_text(timedelta(minutes=45))
    ('2.5 hours', '45 minutes')
    >>> hours_text(timedelta(hours=1)), hours_text(timedelta(0))
    ('1 hour', '0 hours')
    """
    minutes = round(amount.total_seconds() / 60)
    if 0 < abs(minutes) < 60:
        return f"{minutes} minute{'s' if abs(minutes) != 1 else ''}"
    hours = round(minutes / 60, 1)
    number = f"{hours:g}"
    return f"{number} hour{'' if number == '1' else 's'}"


def shorten(text: str, limit: int = 80) -> str:
    """The text on one line, cut to ``limit`` characters with an ellipsis.

    >>> shorten("Research three   Toronto HR associations", 20)
    'Research three To...'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
