"""Local recurring windows and per-person exceptions, as the person's clock reads them.

Everything here is wall-clock data (naive dates and times in a person's zone);
nothing becomes an instant until :mod:`ementoring.scheduling._expand` converts it
with ``ementoring.timezones.to_instant``'s rules.
"""

from __future__ import annotations

import math
import re
from datetime import MAXYEAR, date, datetime, time, timedelta
from typing import Any

import attrs
from dateutil import rrule as dateutil_rrule

from ementoring._validate import Choice, date_value, items_of
from ementoring.errors import ExpansionLimitError, InvalidTypeError, ValidationError
from ementoring.scheduling._intervals import Interval
from ementoring.timezones import UTC, Policy, require_aware, to_instant, to_local

__all__ = [
    "MAX_RRULE_INTERVAL",
    "MAX_RRULE_LENGTH",
    "Busy",
    "BusyLocal",
    "DateException",
    "RecurringWindow",
    "ReplaceDate",
    "SkipDate",
    "Weekday",
    "WeeklyWindow",
]

_DAY = timedelta(days=1)

MAX_RRULE_LENGTH = 1_000
"""The longest RRULE text a :class:`RecurringWindow` accepts, in characters."""

MAX_RRULE_INTERVAL = 1_000
"""The largest ``INTERVAL`` of an RRULE (``COUNT`` may be up to a billion)."""

# How far ahead a rule is walked, once, to prove it can occur at all: the
# Gregorian calendar repeats every 400 years, so a rule of day filters
# (BYMONTH, BYMONTHDAY, BYDAY...) that never matches in 400 years never will.
_PROBE_YEARS = 400
_MAX_COUNT = 1_000_000_000
_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
_WEEKDAY_TEXT = re.compile(r"([+-]?)(\d{0,2})(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL_TEXT = re.compile(r"\d{8}(T\d{6}Z?)?")
# RFC 5545 section 3.3.10: each BYxxx list, the range of its values, whether
# the values may be negative, and the frequencies it may not be used with.
_NUMBER_PARTS: dict[str, tuple[int, int, bool, tuple[str, ...]]] = {
    # BYSECOND=60 (a leap second) is valid RFC 5545 but Python has no such second.
    "BYSECOND": (0, 59, False, ()),
    "BYMINUTE": (0, 59, False, ()),
    "BYHOUR": (0, 23, False, ()),
    "BYMONTHDAY": (1, 31, True, ("WEEKLY",)),
    "BYYEARDAY": (1, 366, True, ("DAILY", "WEEKLY", "MONTHLY")),
    "BYWEEKNO": (1, 53, True, _FREQUENCIES[1:]),
    "BYMONTH": (1, 12, False, ()),
    "BYSETPOS": (1, 366, True, ()),
}
_KNOWN_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST", *_NUMBER_PARTS})


def check_rule_parts(body: str, text: str) -> None:
    """Check every part of an RRULE value against RFC 5545, naming the first bad one.

    dateutil accepts rules it cannot expand (``INTERVAL=0`` divides by zero,
    ``BYDAY=+99MO`` indexes out of range, ``BYSECOND=60`` has no ``datetime``),
    so the rule is checked here, completely, before it is built.
    """
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        name, equals, value = piece.partition("=")
        name = name.strip().upper()
        if not equals or not value.strip():
            raise ValidationError("rrule", text, f"not a valid RRULE part {piece!r}")
        if name not in _KNOWN_PARTS:
            raise ValidationError("rrule", text, f"unknown RRULE part {name!r}")
        if name in parts:
            raise ValidationError("rrule", text, f"{name} given twice")
        parts[name] = value.strip().upper()
    freq = parts.get("FREQ", "")
    if freq not in _FREQUENCIES:
        raise ValidationError("rrule", text, f"FREQ must be one of {', '.join(_FREQUENCIES)}")
    for name, high in (("INTERVAL", MAX_RRULE_INTERVAL), ("COUNT", _MAX_COUNT)):
        if name in parts and not (parts[name].isdigit() and 1 <= int(parts[name]) <= high):
            raise ValidationError(
                "rrule", text, f"{name} must be a whole number from 1 to {high:,}"
            )
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError("rrule", text, "COUNT and UNTIL may not both be given")
    if "UNTIL" in parts and not _UNTIL_TEXT.fullmatch(parts["UNTIL"]):
        raise ValidationError(
            "rrule", text, "UNTIL must be a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z]"
        )
    if "WKST" in parts and parts["WKST"] not in Weekday.__members__:
        raise ValidationError("rrule", text, "WKST must be a weekday MO to SU")
    for name, (low, high, signed, not_with) in _NUMBER_PARTS.items():
        if name not in parts:
            continue
        if freq in not_with:
            raise ValidationError("rrule", text, f"{name} may not be used with FREQ={freq}")
        for item in parts[name].split(","):
            number = item[1:] if signed and item[:1] in "+-" else item
            if not (number.isdigit() and low <= int(number) <= high):
                bound = f"-{high} to -{low} or {low} to {high}" if signed else f"{low} to {high}"
                raise ValidationError("rrule", text, f"{name} values must be {bound}")
    if "BYDAY" in parts:
        # An ordinal ("2TU", "-1FR") counts weekdays in the month or the year.
        limit = {"MONTHLY": 5, "YEARLY": 53}.get(freq, 0)
        if freq == "YEARLY" and "BYWEEKNO" in parts:
            limit = 0
        for item in parts["BYDAY"].split(","):
            match = _WEEKDAY_TEXT.fullmatch(item)
            if match is None or (match[1] and not match[2]):
                raise ValidationError("rrule", text, "BYDAY values must be like MO, 2TU or -1FR")
            if match[2] and not 1 <= int(match[2]) <= limit:
                raise ValidationError(
                    "rrule",
                    text,
                    f"BYDAY ordinals must be 1 to {limit} with FREQ={freq}"
                    if limit
                    else f"BYDAY may not have an ordinal with FREQ={freq}"
                    + (" and BYWEEKNO" if freq == "YEARLY" else ""),
                )


def _check_can_occur(rule: dateutil_rrule.rrule, text: str) -> None:
    """Refuse a rule with no occurrence at all, at the cost of one bounded walk.

    dateutil walks a rule that never matches (``BYMONTH=2;BYMONTHDAY=30``) up
    to the year 9999 before giving up, which takes seconds per expansion. So
    the rule is walked once here, from :data:`_PROBE_YEARS` years before the
    year 9999 (where dateutil stops), by a whole number of its periods: a rule
    with an occurrence there has occurrences in every such stretch.
    """
    first: datetime = rule._dtstart  # type: ignore[attr-defined]
    name = _FREQUENCIES[rule._freq]  # type: ignore[attr-defined]
    interval: int = rule._interval  # type: ignore[attr-defined]
    # Move the start by whole 400-year cycles (same weekdays, same leap years)
    # that are also whole periods of the rule, so its phase is kept.
    cycle = 400
    if name == "YEARLY":
        cycle = math.lcm(400, interval)
    elif name == "MONTHLY":
        cycle = math.lcm(400, interval // math.gcd(interval, 12))
    years = (MAXYEAR - _PROBE_YEARS - first.year) // cycle * cycle
    probe_start = first
    if years > 0:
        length = _FIXED_PERIODS.get(name)
        if length is None:
            probe_start = first.replace(year=first.year + years)
        else:
            period = length * interval
            probe_start = first + timedelta(days=years // 400 * 146_097) // period * period
    probe = rule.replace(dtstart=probe_start, count=None, until=None)
    if next(iter(probe), None) is None:
        raise ValidationError(
            "rrule", text, f"this rule has no occurrence in {_PROBE_YEARS} years; it never occurs"
        )


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
# RFC 5545 section 3.3.10: with a zoned DTSTART, UNTIL is written in UTC.
_UTC_UNTIL = re.compile(r"(?:^|;)UNTIL=(\d{8}T\d{6})Z(?=;|$)", re.IGNORECASE)
# A local reading and its instant differ by less than this in every zone (the
# largest offset is 14 hours, and Samoa's whole-day jump is 24).
_OFFSET_MARGIN = timedelta(days=2)
_FIXED_PERIODS = {
    "WEEKLY": timedelta(weeks=1),
    "DAILY": timedelta(days=1),
    "HOURLY": timedelta(hours=1),
    "MINUTELY": timedelta(minutes=1),
    "SECONDLY": timedelta(seconds=1),
}


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


def _start_time(value: time | str) -> time:
    return _local_time(value, "start", allow_end_of_day=False)


def _end_time(value: time | str) -> time:
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


def _format_span(start: time, end: time) -> str:
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
    start: time = attrs.field(converter=_start_time)
    end: time = attrs.field(converter=_end_time)

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
        return f"{_format_days(self.days)} {_format_span(self.start, self.end)}"

    def __repr__(self) -> str:
        return f"WeeklyWindow({str(self)!r})"


@attrs.frozen
class RecurringWindow:
    """A window on the days of an RFC 5545 recurrence rule, in local wall-clock time.

    Args:
        rrule: An RRULE value such as ``"FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"``
            (with or without the ``RRULE:`` prefix; no ``DTSTART``: use ``starting``).
        start: Local start time of each occurrence (the rule's DTSTART time).
        end: Local end, with :class:`WeeklyWindow`'s rules (``"24:00"``, crossing midnight).
        starting: The local date of the first possible occurrence (DTSTART's date).

    ``UNTIL`` may be written three ways: in UTC (``UNTIL=20260309T063000Z``, the
    form RFC 5545 section 3.3.10 requires beside a zoned DTSTART; an occurrence
    is kept when its start instant, read in the availability's zone, is not
    after it), as a local reading (``UNTIL=20260309T013000``, compared with the
    local starts) or as a date (``UNTIL=20260309``, the whole local day).

    Raises:
        ValidationError: The rule cannot be parsed (the message quotes it), holds
            several rules or a DTSTART, UNTIL together with COUNT, or a time or
            date is not valid.

    >>> every_other_thursday = RecurringWindow("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
    ...     time(18), time(20), starting=date(2026, 3, 5))
    >>> every_other_thursday.local_starts(datetime(2026, 3, 1), datetime(2026, 4, 1))
    [datetime.datetime(2026, 3, 5, 18, 0), datetime.datetime(2026, 3, 19, 18, 0)]
    >>> daily = RecurringWindow("FREQ=DAILY;UNTIL=20260309T063000Z", time(1, 30), time(2),
    ...                         starting=date(2026, 3, 7))
    >>> daily.local_starts(datetime(2026, 3, 1), datetime(2026, 4, 1), zone="America/Toronto")
    [datetime.datetime(2026, 3, 7, 1, 30), datetime.datetime(2026, 3, 8, 1, 30), datetime.datetime(2026, 3, 9, 1, 30)]
    """

    rrule: str = attrs.field()
    start: time = attrs.field(converter=_start_time)
    end: time = attrs.field(converter=_end_time)
    starting: date = attrs.field(kw_only=True, validator=date_value)
    _rule: dateutil_rrule.rrule = attrs.field(init=False, eq=False, hash=False, repr=False)
    _until: datetime | None = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_until", None)
        object.__setattr__(self, "_rule", self._parse_rule())

    def _parse_rule(self) -> dateutil_rrule.rrule:
        text = self.rrule
        if not isinstance(text, str):
            raise InvalidTypeError("rrule", text, "an RRULE such as 'FREQ=WEEKLY;BYDAY=TH'")
        if not text.strip():
            raise ValidationError("rrule", text, "expected an RRULE such as 'FREQ=WEEKLY;BYDAY=TH'")
        if len(text) > MAX_RRULE_LENGTH:
            raise ValidationError(
                "rrule", f"<{len(text):,} characters>", f"at most {MAX_RRULE_LENGTH} characters"
            )
        if "DTSTART" in text.upper():
            raise ValidationError("rrule", text, "give the first date as starting=, not DTSTART")
        body = text.strip()
        if "\n" in body or body.upper().count("FREQ=") != 1:
            raise ValidationError("rrule", text, "expected exactly one RRULE")
        if body.upper().startswith("RRULE:"):
            body = body[len("RRULE:") :]
        check_rule_parts(body, text)
        until = _UTC_UNTIL.search(body)
        if until is not None:
            # dateutil refuses a UTC UNTIL beside a naive DTSTART; the instant is
            # kept aside and applied in local_starts, where the zone is known.
            try:
                instant = datetime.strptime(until[1], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
            except ValueError:
                raise ValidationError("rrule", text, "UNTIL is not a valid date-time") from None
            # Within the supported range, so that reading it on a clock cannot overflow.
            object.__setattr__(self, "_until", require_aware(instant, "rrule"))
            body = (body[: until.start()] + body[until.end() :]).strip(";")
        first = datetime.combine(self.starting, self.start)
        try:
            rule = dateutil_rrule.rrulestr(body, dtstart=first, forceset=False)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
            raise ValidationError("rrule", text, f"not a valid RRULE: {error}") from None
        if not isinstance(rule, dateutil_rrule.rrule):
            raise ValidationError("rrule", text, "expected exactly one RRULE")
        _check_can_occur(rule, text)
        return rule

    @property
    def duration(self) -> timedelta:
        """The wall-clock length of one occurrence."""
        begin, finish = span_offsets(self.start, self.end)
        return finish - begin

    def _skip_period(self) -> timedelta | None:
        """A whole period by which DTSTART may move without changing later occurrences.

        For a rule without COUNT whose frequency has a fixed length (weekly and
        faster), every BYxxx part either filters or is taken from DTSTART's
        weekday and time, which a shift by whole ``INTERVAL`` periods keeps. So
        the rule can start just before the range instead of at ``starting``.
        Monthly and yearly rules (months differ in length) and COUNT rules
        (which count from the first occurrence) are walked from ``starting``.
        """
        parts = dict(
            part.partition("=")[::2]
            for part in self.rrule.strip().upper().removeprefix("RRULE:").split(";")
        )
        length = _FIXED_PERIODS.get(parts.get("FREQ", ""))
        if length is None or "COUNT" in parts:
            return None
        return length * int(parts.get("INTERVAL", "1") or "1")

    def local_starts(
        self,
        low: datetime,
        high: datetime,
        *,
        limit: int = 10_000,
        zone: str | None = None,
        policy: Policy = "wall_clock",
    ) -> list[datetime]:
        """Local (naive) starts of the occurrences that begin in ``[low, high)``.

        The rule is walked from ``starting`` (or, for weekly and faster rules
        without COUNT, from a whole number of periods later, just before ``low``)
        and every occurrence walked counts toward ``limit``, so the work done is
        bounded whatever the rule.

        ``zone`` and ``policy`` are needed only for an ``UNTIL`` in UTC: a start
        is kept when ``to_instant(start, zone, policy=policy)`` is not after it.

        Raises:
            ExpansionLimitError: More than ``limit`` occurrences walked before ``high``.
            ValidationError: The rule's ``UNTIL`` is in UTC and no ``zone`` is given.
            InvalidTypeError: ``low`` or ``high`` is not a naive datetime, or
                ``limit`` not a whole number.
        """
        for field, value in (("low", low), ("high", high)):
            if not isinstance(value, datetime) or value.tzinfo is not None:
                raise InvalidTypeError(field, value, "a naive datetime (a local reading)")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidTypeError("limit", limit, "a whole number of at least 1")
        until = self._until
        local_until = None
        if until is not None:
            if zone is None:
                raise ValidationError(
                    "zone", zone, "this rule's UNTIL is in UTC: give the zone its times are read in"
                )
            local_until = to_local(until, zone).replace(tzinfo=None, fold=0)
        rule = self._rule
        first = datetime.combine(self.starting, self.start)
        period = self._skip_period()
        if period is not None and low > first:
            periods = (low - first) // period - 1
            if periods > 0:
                first += periods * period
                rule = rule.replace(dtstart=first)
        found: list[datetime] = []
        start: datetime
        for count, start in enumerate(rule, start=1):
            if start >= high:
                break
            if local_until is not None and start > local_until + _OFFSET_MARGIN:
                break
            if count > limit:
                raise ExpansionLimitError(
                    "rrule",
                    self.rrule,
                    f"more than {limit:,} occurrences from {first:%Y-%m-%d}"
                    f" to {high:%Y-%m-%d}; start it later or narrow the range",
                )
            if start < low:
                continue
            if local_until is not None and start > local_until - _OFFSET_MARGIN:
                # Near the end only the instant decides (a clock change may lie between).
                assert until is not None
                assert zone is not None
                if to_instant(start, zone, policy=policy) > until:
                    continue
            found.append(start)
        return found

    def __str__(self) -> str:
        return f"{self.rrule} {_format_span(self.start, self.end)} from {self.starting.isoformat()}"


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
