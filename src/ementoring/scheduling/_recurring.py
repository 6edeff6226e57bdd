"""Windows on the days of an RFC 5545 recurrence rule, and the checks that keep such a rule sane.

dateutil expands the rules; everything it would accept but cannot expand (or
would walk for seconds) is refused here first, naming the part of the rule.
"""

from __future__ import annotations

import math
import re
from datetime import MAXYEAR, date, datetime, time, timedelta

import attrs
from dateutil import rrule as dateutil_rrule

from ementoring._rrule import (
    BYDAY_SHAPE,
    CYCLE_DAYS,
    CYCLE_YEARS,
    FREQUENCIES,
    NUMBER_PARTS,
    WEEKDAY,
    count_until_problem,
    frequency_problem,
    number_problem,
    part_problem,
    whole_number_problem,
)
from ementoring._validate import date_value
from ementoring.errors import ExpansionLimitError, InvalidTypeError, ValidationError
from ementoring.scheduling._windows import Weekday, end_time, format_span, span_offsets, start_time
from ementoring.timezones import UTC, Policy, require_aware, to_instant, to_local

__all__ = ["MAX_RRULE_INTERVAL", "MAX_RRULE_LENGTH", "RecurringWindow", "check_rule_parts"]

MAX_RRULE_LENGTH = 1_000
"""The longest RRULE text a :class:`RecurringWindow` accepts, in characters."""

MAX_RRULE_INTERVAL = 1_000
"""The largest ``INTERVAL`` of an RRULE (``COUNT`` may be up to a billion)."""

_MAX_COUNT = 1_000_000_000
_UNTIL_TEXT = re.compile(r"\d{8}(T\d{6}Z?)?")
# RFC 5545 section 3.3.10: the frequencies each BYxxx list may not be used with.
_NOT_WITH = {
    "BYMONTHDAY": ("WEEKLY",),
    "BYYEARDAY": ("DAILY", "WEEKLY", "MONTHLY"),
    "BYWEEKNO": FREQUENCIES[1:],
}


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
        unknown = part_problem(name)
        if unknown is not None:
            raise ValidationError("rrule", text, unknown)
        if name in parts:
            raise ValidationError("rrule", text, f"{name} given twice")
        parts[name] = value.strip().upper()
    freq = parts.get("FREQ", "")
    bad_freq = frequency_problem(freq)
    if bad_freq is not None:
        raise ValidationError("rrule", text, bad_freq)
    for name, most in (("INTERVAL", MAX_RRULE_INTERVAL), ("COUNT", _MAX_COUNT)):
        not_whole = whole_number_problem(name, parts[name], most=most) if name in parts else None
        if not_whole is not None:
            raise ValidationError("rrule", text, not_whole)
    both = count_until_problem(parts)
    if both is not None:
        raise ValidationError("rrule", text, both)
    if "UNTIL" in parts and not _UNTIL_TEXT.fullmatch(parts["UNTIL"]):
        raise ValidationError(
            "rrule", text, "UNTIL must be a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z]"
        )
    if "WKST" in parts and parts["WKST"] not in Weekday.__members__:
        raise ValidationError("rrule", text, "WKST must be a weekday MO to SU")
    for name in NUMBER_PARTS:
        if name not in parts:
            continue
        if freq in _NOT_WITH.get(name, ()):
            raise ValidationError("rrule", text, f"{name} may not be used with FREQ={freq}")
        for item in parts[name].split(","):
            out_of_range = number_problem(name, item)
            if out_of_range is not None:
                raise ValidationError("rrule", text, out_of_range)
    if "BYDAY" in parts:
        # An ordinal ("2TU", "-1FR") counts weekdays in the month or the year.
        limit = {"MONTHLY": 5, "YEARLY": 53}.get(freq, 0)
        if freq == "YEARLY" and "BYWEEKNO" in parts:
            limit = 0
        for item in parts["BYDAY"].split(","):
            match = WEEKDAY.fullmatch(item)
            if match is None:
                raise ValidationError("rrule", text, BYDAY_SHAPE)
            if match[1] and not 1 <= abs(int(match[1])) <= limit:
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
    the rule is walked once here, from ``CYCLE_YEARS`` (400) years before the
    year 9999 (where dateutil stops), by a whole number of its periods: a rule
    with an occurrence there has occurrences in every such stretch.
    """
    first: datetime = rule._dtstart  # type: ignore[attr-defined]
    name = FREQUENCIES[rule._freq]  # type: ignore[attr-defined]
    interval: int = rule._interval  # type: ignore[attr-defined]
    # Move the start by whole 400-year cycles (same weekdays, same leap years)
    # that are also whole periods of the rule, so its phase is kept.
    cycle = CYCLE_YEARS
    if name == "YEARLY":
        cycle = math.lcm(CYCLE_YEARS, interval)
    elif name == "MONTHLY":
        cycle = math.lcm(CYCLE_YEARS, interval // math.gcd(interval, 12))
    years = (MAXYEAR - CYCLE_YEARS - first.year) // cycle * cycle
    probe_start = first
    if years > 0:
        length = _FIXED_PERIODS.get(name)
        if length is None:
            probe_start = first.replace(year=first.year + years)
        else:
            period = length * interval
            probe_start = (
                first + timedelta(days=years // CYCLE_YEARS * CYCLE_DAYS) // period * period
            )
    probe = rule.replace(dtstart=probe_start, count=None, until=None)
    if next(iter(probe), None) is None:
        raise ValidationError(
            "rrule", text, f"this rule has no occurrence in {CYCLE_YEARS} years; it never occurs"
        )


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
    start: time = attrs.field(converter=start_time)
    end: time = attrs.field(converter=end_time)
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
        return f"{self.rrule} {format_span(self.start, self.end)} from {self.starting.isoformat()}"
