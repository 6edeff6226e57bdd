"""A fixed-width text chart of one week of availability, in one zone's hours."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from ementoring._words import WEEKDAYS
from ementoring.errors import ValidationError
from ementoring.scheduling._availability import Availability
from ementoring.scheduling._intervals import Interval, IntervalSet
from ementoring.scheduling._overlap import check_availabilities, find_overlap
from ementoring.timezones import ZoneLike, to_instant, transitions, zone_key

__all__ = ["render_week"]

_DAY = timedelta(days=1)
_HOUR = timedelta(hours=1)
_OVERLAP_LABEL = "(overlap)"
_FULL, _PART, _NONE, _SKIPPED = "#", "+", ".", " "
# One character per hour, a mark every six hours, one space between days.
_RULER = "".join(str(h).ljust(6) for h in range(0, 24, 6)) + " "
_LEGEND = (
    f"{_FULL} free the whole hour   {_PART} free part of it   {_NONE} not free"
    "   (blank) an hour the clock skipped"
)


def _cell(free: IntervalSet, hour: Interval | None) -> str:
    if hour is None:
        return _SKIPPED
    covered = free.clip(hour).total()
    if covered == hour.duration:
        return _FULL
    return _PART if covered else _NONE


def render_week(availabilities: Mapping[str, Availability], week_of: date, zone: ZoneLike) -> str:
    """Draw one week (Monday to Sunday) as a text chart, one column per local hour of ``zone``.

    One row per person (sorted by id) and a last row for the time everyone
    shares. Hours are read on ``zone``'s clock: an hour the clock skipped is
    blank, and an hour it repeated covers both passes. Clock changes in the
    week are listed under the chart.

    Args:
        availabilities: Participant id -> :class:`Availability`.
        week_of: Any date of the week to draw.
        zone: The zone whose hours are the columns.

    Returns:
        The chart, lines joined by ``"\\n"`` (no trailing newline).

    Raises:
        ValidationError: ``week_of`` is not a date, or bad availabilities.
        UnknownTimeZoneError: A bad ``zone``.

    >>> people = {"mentor": Availability("America/Toronto", weekly=["MO-FR 09:00-11:30"])}
    >>> print(render_week(people, date(2026, 3, 11), "Europe/London"))  # doctest: +ELLIPSIS
    Week of Monday 2026-03-09, hours in Europe/London
               Mo 03-09                 Tu 03-10 ...
               0     6     12    18     0     6 ...
    mentor     .............##+........ .............##+........ ...
    (overlap)  .............##+........ .............##+........ ...
    # free the whole hour   + free part of it   . not free   (blank) an hour the clock skipped
    """
    people = check_availabilities(availabilities)
    if not isinstance(week_of, date) or isinstance(week_of, datetime):
        raise ValidationError("week_of", week_of, "must be a date (not a datetime)")
    key = zone_key(zone, "zone")
    monday = week_of - timedelta(days=week_of.weekday())
    first = datetime.combine(monday, time(0))

    def instant(reading: datetime) -> datetime:
        return to_instant(reading, key, policy="wall_clock")

    week = Interval(instant(first), instant(first + 7 * _DAY))
    hours: list[list[Interval | None]] = []
    for day in range(7):
        row: list[Interval | None] = []
        for hour in range(24):
            start = instant(first + day * _DAY + hour * _HOUR)
            end = instant(first + day * _DAY + (hour + 1) * _HOUR)
            row.append(Interval(start, end) if start < end else None)
        hours.append(row)
    rows = [(person, people[person].intervals(week)) for person in sorted(people)]
    rows.append((_OVERLAP_LABEL, find_overlap(people, week)))
    width = max(len(label) for label, _ in rows) + 2
    day_labels = "".join(
        f"{WEEKDAYS[day][:2]} {monday + day * _DAY:%m-%d}".ljust(25) for day in range(7)
    )
    ruler = "".join(_RULER for _ in range(7))
    lines = [
        f"Week of {WEEKDAYS[0]} {monday.isoformat()}, hours in {key}",
        " " * width + day_labels.rstrip(),
        " " * width + ruler.rstrip(),
    ]
    for label, free in rows:
        cells = " ".join("".join(_cell(free, hour) for hour in day) for day in hours)
        lines.append(label.ljust(width) + cells)
    lines.append(_LEGEND)
    lines.extend("Note: " + change.describe() for change in transitions(key, week.start, week.end))
    return "\n".join(lines)
