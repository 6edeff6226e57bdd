"""Weekly windows and per-person date exceptions, as the person's clock reads them.

Everything here is wall-clock data (naive dates and times in a person's zone);
nothing becomes an instant until ``ementoring.timezones.LocalClock`` converts it
with ``ementoring.timezones.to_instant``'s rules. Windows on the days of an
RFC 5545 rule are in ``_recurring``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from ementoring._validate import Choice, date_value, items_of
from ementoring.errors import ValidationError
from ementoring.scheduling._intervals import Interval

__all__ = [
    "Busy",
    "BusyLocal",
    "DateException",
    "ReplaceDate",
    "SkipDate",
    "Weekday",
    "WeeklyWindow",
    "end_time",
    "format_span",
    "span_offsets",
    "start_time",
]

_DAY = timedelta(days=1)


class Weekday(Choice):
    """A day of the week, written as in RFC 5545 (``"MO"`` .. ``"SU"``).

    >>> Weekday("TH").number, Weekday.SU.number
    (3, 6)
    """

    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"

    @property
    def number(self) -> int:
        """Monday is 0 and Sunday 6, like ``date.weekday()``."""
        return _WEEKDAY_ORDER.index(self)


_WEEKDAY_ORDER: tuple[Weekday, ...] = tuple(Weekday)
_TIME_TEXT = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_WINDOW_TEXT = re.compile(
    r"\s*(\S+)\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*-\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*"
)
_MIDNIGHT_END = "24:00"


def _parse_time(text: str, field: str, *, allow_end_of_day: bool) -> time:
    match = _TIME_TEXT.fullmatch(text.strip())
    if match is None:
        raise ValidationError(field, text, "expected a time such as '09:00'")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if allow_end_of_day and (hour, minute, second) == (24, 0, 0):
        return time(0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        raise ValidationError(field, text, "expected a time between 00:00 and 23:59:59")
    return time(hour, minute, second)


def _local_time(value: Any, field: str, *, allow_end_of_day: bool) -> time:
    if isinstance(value, str):
        return _parse_time(value, field, allow_end_of_day=allow_end_of_day)
    if not isinstance(value, time):
        raise ValidationError(field, value, "expected a datetime.time or text such as '09:00'")
    if value.tzinfo is not None:
        raise ValidationError(
            field, value, "expected a local (naive) time; the zone belongs to the Availability"
        )
    return value.replace(fold=0)


def start_time(value: time | str) -> time:
    """Converter: a window's local start, from a naive ``time`` or text such as ``"09:00"``."""
    return _local_time(value, "start", allow_end_of_day=False)


def end_time(value: time | str) -> time:
    """Converter: a window's local end; ``"24:00"`` (or ``time(0)``) is the end of the day."""
    return _local_time(value, "end", allow_end_of_day=True)


def _since_midnight(value: time) -> timedelta:
    return timedelta(
        hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond
    )


def span_offsets(start: time, end: time) -> tuple[timedelta, timedelta]:
    """Wall-clock offsets of a window's start and end from its start date's midnight.

    An ``end`` of ``time(0)`` is midnight at the end of the day; an ``end`` at or
    before ``start`` is on the next day.
    """
    begin = _since_midnight(start)
    finish = _since_midnight(end)
    if finish <= begin:
        finish += _DAY
    return begin, finish


def _format_time(value: time) -> str:
    text = f"{value:%H:%M}"
    if value.second or value.microsecond:
        text = value.isoformat()
    return text


def format_span(start: time, end: time) -> str:
    """A window's times as written: ``"09:00-17:00"``, ``"22:00-24:00"``."""
    end_text = _MIDNIGHT_END if end == time(0) else _format_time(end)
    return f"{_format_time(start)}-{end_text}"


def _one_day(value: Any, field: str) -> Weekday:
    if isinstance(value, Weekday):
        return value
    if isinstance(value, str) and value.strip().upper() in Weekday.__members__:
        return Weekday(value.strip().upper())
    raise ValidationError(field, value, "expected a weekday 'MO', 'TU', ... 'SU'")


def _parse_days(text: str, field: str) -> tuple[Weekday, ...]:
    days: list[Weekday] = []
    for part in text.split(","):
        if "-" in part:
            first_text, _, last_text = part.partition("-")
            first, last = _one_day(first_text, field), _one_day(last_text, field)
            # A range may wrap around the week: "FR-MO" is Friday to Monday.
            span = (last.number - first.number) % 7
            days.extend(_WEEKDAY_ORDER[(first.number + k) % 7] for k in range(span + 1))
        else:
            days.append(_one_day(part, field))
    return tuple(days)


def _days(value: Any) -> tuple[Weekday, ...]:
    if isinstance(value, Weekday):
        items: tuple[Weekday, ...] = (value,)
    elif isinstance(value, str):
        items = _parse_days(value, "days")
    else:
        given = items_of(value, object, "days", "weekdays such as ('MO', 'WE') or 'MO-FR'")
        items = tuple(_one_day(item, f"days[{i}]") for i, item in enumerate(given))
    if not items:
        raise ValidationError("days", value, "must name at least one weekday")
    return tuple(sorted(set(items), key=lambda d: d.number))


def _format_days(days: tuple[Weekday, ...]) -> str:
    indexes = [d.number for d in days]
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    parts = []
    for first, last in runs:
        names = _WEEKDAY_ORDER[first].value, _WEEKDAY_ORDER[last].value
        if first == last:
            parts.append(names[0])
        elif last == first + 1:
            parts.append(f"{names[0]},{names[1]}")
        else:
            parts.append(f"{names[0]}-{names[1]}")
    return ",".join(parts)


@attrs.frozen
class WeeklyWindow:
    """A window that repeats every week on the listed days, in local wall-clock time.

    Args:
        days: ``Weekday`` values or ``"MO"`` .. ``"SU"`` (also ``"MO-FR"`` or
            ``"SA,SU"`` as one string); stored sorted, without repeats.
        start: Local start as ``datetime.time`` (or ``"09:00"``).
        end: Local end; ``time(0)`` or ``"24:00"`` is midnight at the end of the
            day; an ``end`` at or before ``start`` crosses midnight and ends on
            the next day.

    Raises:
        ValidationError: For unknown days, no days, or a time that is not a naive
            ``datetime.time`` (or ``"HH:MM"`` text).

    >>> WeeklyWindow(("MO", "TU"), time(9), time(17))
    WeeklyWindow('MO,TU 09:00-17:00')
    >>> WeeklyWindow.parse("TH 22:00-01:00").crosses_midnight
    True
    """

    days: tuple[Weekday, ...] = attrs.field(converter=_days)
    start: time = attrs.field(converter=start_time)
    end: time = attrs.field(converter=end_time)

    @classmethod
    def parse(cls, text: str) -> WeeklyWindow:
        """Read a window written as ``"DAYS HH:MM-HH:MM"``.

        Days are comma-separated weekdays or ranges (``"MO-FR"``, ``"SA,SU"``,
        ``"MO,WE-FR"``); ``"24:00"`` ends at midnight.

        Raises:
            ValidationError: The text does not follow that form; the message quotes it.

        >>> WeeklyWindow.parse("MO-FR 09:00-17:00")
        WeeklyWindow('MO-FR 09:00-17:00')
        >>> WeeklyWindow.parse("SA,SU 00:00-24:00").duration
        datetime.timedelta(days=1)
        >>> WeeklyWindow.parse("Monday 9-5")
        Traceback (most recent call last):
        ...
        ementoring.errors.ValidationError: text: expected a window such as 'MO-FR 09:00-17:00' ... (got 'Monday 9-5')
        """
        if not isinstance(text, str):
            raise ValidationError("text", text, "expected text such as 'MO-FR 09:00-17:00'")
        match = _WINDOW_TEXT.fullmatch(text)
        reason = "expected a window such as 'MO-FR 09:00-17:00' or 'TH 22:00-01:00'"
        if match is None:
            raise ValidationError("text", text, reason)
        try:
            return cls(
                _parse_days(match[1], "days"),
                _parse_time(match[2], "start", allow_end_of_day=False),
                _parse_time(match[3], "end", allow_end_of_day=True),
            )
        except ValidationError as error:
            raise ValidationError("text", text, f"{reason}; {error.reason}") from None

    @property
    def crosses_midnight(self) -> bool:
        """Whether an occurrence ends on the day after it starts (``24:00`` does not)."""
        return self.end != time(0) and self.end <= self.start

    @property
    def duration(self) -> timedelta:
        """The wall-clock length of one occurrence (real time differs on DST days)."""
        begin, finish = span_offsets(self.start, self.end)
        return finish - begin

    def __str__(self) -> str:
        return f"{_format_days(self.days)} {format_span(self.start, self.end)}"

    def __repr__(self) -> str:
        return f"WeeklyWindow({str(self)!r})"


@attrs.frozen
class SkipDate:
    """Drop every occurrence whose local start date is ``date`` (like RFC 5545 EXDATE).

    An overnight occurrence that began the day before is untouched.

    >>> SkipDate(date(2026, 12, 25))
    SkipDate(date=datetime.date(2026, 12, 25))
    """

    date: date = attrs.field(validator=date_value)


def _replacement(value: Any, index: int) -> tuple[time, time]:
    field = f"windows[{index}]"
    if isinstance(value, str):
        start_text, dash, end_text = value.partition("-")
        if not dash:
            raise ValidationError(field, value, "expected text such as '09:00-12:00'")
        try:
            return (
                _parse_time(start_text, field, allow_end_of_day=False),
                _parse_time(end_text, field, allow_end_of_day=True),
            )
        except ValidationError as error:
            raise ValidationError(field, value, error.reason) from None
    if isinstance(value, tuple) and len(value) == 2:
        return (
            _local_time(value[0], field, allow_end_of_day=False),
            _local_time(value[1], field, allow_end_of_day=True),
        )
    raise ValidationError(field, value, "expected (start, end) times or text like '09:00-12:00'")


def _replacements(value: Any) -> tuple[tuple[time, time], ...]:
    if isinstance(value, str):
        value = (value,)
    given = items_of(value, object, "windows", "a collection of windows")
    return tuple(sorted({_replacement(item, i) for i, item in enumerate(given)}))


@attrs.frozen
class ReplaceDate:
    """On ``date``, drop the usual occurrences and use these local windows instead.

    Args:
        date: The local date whose occurrences are replaced (a date override).
        windows: ``(start, end)`` pairs of local times, or text such as
            ``"09:00-12:00"``; ends follow :class:`WeeklyWindow`'s rules. An
            empty collection makes the whole date unavailable.

    >>> ReplaceDate(date(2026, 3, 9), ["08:00-10:00", "22:00-01:00"]).windows
    ((datetime.time(8, 0), datetime.time(10, 0)), (datetime.time(22, 0), datetime.time(1, 0)))
    """

    date: date = attrs.field(validator=date_value)
    windows: tuple[tuple[time, time], ...] = attrs.field(converter=_replacements)


def _naive_local(value: Any, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise ValidationError(field, value, "expected a naive local datetime")
    if value.tzinfo is not None:
        raise ValidationError(
            field, value, "expected a naive local datetime (read on the person's clock)"
        )
    return value.replace(fold=0)


def _busy_start(value: datetime) -> datetime:
    return _naive_local(value, "start")


def _busy_end(value: datetime) -> datetime:
    return _naive_local(value, "end")


@attrs.frozen
class BusyLocal:
    """A busy range read on the person's clock; converted with their policy, then subtracted.

    >>> BusyLocal(datetime(2026, 3, 9, 12), datetime(2026, 3, 9, 13)).end.hour
    13
    """

    start: datetime = attrs.field(converter=_busy_start)
    end: datetime = attrs.field(converter=_busy_end)

    def __attrs_post_init__(self) -> None:
        if not self.start < self.end:
            raise ValidationError("end", self.end, f"must be after start {self.start.isoformat()}")


def _busy_interval(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Interval):
        raise ValidationError(field.name, value, "expected an Interval (aware, UTC)")


@attrs.frozen
class Busy:
    """A busy interval of real time (UTC), subtracted from the person's availability."""

    interval: Interval = attrs.field(validator=_busy_interval)


DateException = SkipDate | ReplaceDate | BusyLocal | Busy
"""Anything accepted in ``Availability(exceptions=...)``."""
