"""Busy times in from iCalendar text: events, recurrences and free/busy periods."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from math import prod
from typing import Any, Literal

from ementoring._extras import require
from ementoring.calendar._common import check_interval, icalendar
from ementoring.calendar._rules import check_rule, check_timezones, is_empty
from ementoring.errors import (
    EmentoringError,
    ExpansionLimitError,
    InvalidCalendarError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.scheduling import DEFAULT_MAX_OCCURRENCES, Busy, Interval, IntervalSet
from ementoring.timezones import UTC, to_instant, zone, zone_key

__all__ = ["MAX_CALENDAR_SIZE", "AllDay", "busy_from_ics"]

MAX_CALENDAR_SIZE = 10_000_000
"""The longest text :func:`busy_from_ics` reads, in characters (or bytes): about
thirty years of a busy person's calendar."""

AllDay = Literal["busy", "ignore"]
"""What all-day events (DATE values) mean: busy for their whole local days, or nothing."""

_ALL_DAY: tuple[AllDay, ...] = ("busy", "ignore")
_DAY = timedelta(days=1)
# Occurrences may start two days before the range and still reach into it once
# read on a clock up to 26 hours from UTC (floating and all-day values).
_MARGIN = 2 * _DAY
# What recurring-ical-events may walk per rule, as a multiple of max_occurrences:
# dateutil walks every occurrence from DTSTART and lists those in the range.
_WALK_FACTOR = 50
_BUSY_TYPES = frozenset({"BUSY", "BUSY-TENTATIVE", "BUSY-UNAVAILABLE"})
_DATE_PROPERTIES = ("DTSTART", "DTEND", "RDATE", "EXDATE", "RECURRENCE-ID")
# Properties whose damage changes the answer; damage elsewhere (say a bad GEO)
# is ignored as calendar clients do.
_NEEDED = {
    "VEVENT": frozenset({*_DATE_PROPERTIES, "DURATION", "RRULE", "TRANSP", "STATUS"}),
    "VFREEBUSY": frozenset({"FREEBUSY"}),
    "VTIMEZONE": None,  # every property
    "STANDARD": None,
    "DAYLIGHT": None,
    "VCALENDAR": frozenset({"X-WR-TIMEZONE"}),
}
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


def _text(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        if len(value) > MAX_CALENDAR_SIZE:
            raise ValidationError(
                "text",
                f"<{len(value):,} bytes>",
                f"is longer than MAX_CALENDAR_SIZE ({MAX_CALENDAR_SIZE:,})",
            )
        try:
            return bytes(value).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidCalendarError(
                "VCALENDAR",
                "",
                bytes(value[max(0, error.start - 20) : error.end + 20]),
                "is not UTF-8 text",
            ) from None
    if not isinstance(value, str):
        raise ValidationError("text", value, "expected iCalendar text (str or bytes)")
    if len(value) > MAX_CALENDAR_SIZE:
        raise ValidationError(
            "text",
            f"<{len(value):,} characters>",
            f"is longer than MAX_CALENDAR_SIZE ({MAX_CALENDAR_SIZE:,})",
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidCalendarError(
            "VCALENDAR",
            "",
            value[max(0, error.start - 20) : error.end + 20],
            "holds characters that are not valid Unicode",
        ) from None
    return value.removeprefix("\ufeff")


def _parse(ical: Any, text: str) -> list[Any]:
    try:
        found = ical.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # the parser's own errors, said our way
        component, prop, value = _where(error)
        raise InvalidCalendarError(
            component, prop, value or _excerpt(text), f"cannot be parsed: {error}"
        ) from error
    calendars = []
    for component in found:
        if component.name != "VCALENDAR":
            raise InvalidCalendarError(
                component.name or "VCALENDAR",
                "",
                _excerpt(text),
                "expected BEGIN:VCALENDAR at the top",
            )
        calendars.append(component)
    if not calendars:
        raise InvalidCalendarError("VCALENDAR", "", _excerpt(text), "no complete VCALENDAR found")
    return calendars


def _where(error: Exception) -> tuple[str, str, str | None]:
    """The component, property and value the parser stopped at, when its frames say so.

    icalendar raises a bare ``ValueError("Expected period format, got: xx")`` for a
    bad property of a component that does not collect errors (VFREEBUSY,
    VTIMEZONE); the frame that parsed the property still knows its name.
    """
    trace = error.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code.co_name == "parse_and_add_property":
            scope = frame.f_locals
            component = getattr(scope.get("self"), "component", None)
            return (
                str(getattr(component, "name", "") or "VCALENDAR"),
                str(scope.get("name", "")),
                str(scope.get("val", "")) or None,
            )
        trace = trace.tb_next
    return "VCALENDAR", "", None


def _excerpt(text: str) -> str:
    return text[:80]


def _walk(component: Any) -> Iterator[Any]:
    """Every component, depth first, without recursion (nesting depth is the input's)."""
    stack = [component]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.subcomponents))


def _check_damage(calendar: Any) -> None:
    for component in _walk(calendar):
        needed = _NEEDED.get(component.name, frozenset())
        for name, message in component.errors:
            if name is None or needed is None or name in needed:
                raise InvalidCalendarError(
                    component.name, name or "", _raw(component, name), str(message)
                )


def _raw(component: Any, name: str | None) -> Any:
    if name is None:
        return None
    value = component.get(name)
    return str(value) if value is not None else None


def _values(component: Any, name: str) -> list[Any]:
    value = component.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class _Zones:
    """The zone of each TZID in one calendar, decided here rather than by a process-wide cache.

    icalendar caches a zone built from a custom VTIMEZONE under its TZID for the
    whole process, so a second calendar with the same TZID and other rules would
    get the first one's; here every calendar's own definition is used.
    """

    def __init__(self, ical: Any, calendar: Any) -> None:
        self._ical = ical
        self._definitions = {str(tz.get("TZID", "")): tz for tz in calendar.walk("VTIMEZONE")}
        self._found: dict[str, tzinfo] = {}
        windows = require("icalendar.timezone.windows_to_olson", "calendar")
        self._windows: dict[str, str] = windows.WINDOWS_TO_OLSON

    def __call__(self, tzid: str, component: str, prop: str) -> tzinfo:
        if tzid not in self._found:
            self._found[tzid] = self._resolve(tzid, component, prop)
        return self._found[tzid]

    def _resolve(self, tzid: str, component: str, prop: str) -> tzinfo:
        cleaned = tzid.strip("/")
        candidates = [cleaned, self._windows.get(cleaned, "")]
        if tzid.startswith("/"):
            # "/vendor/Europe/Berlin" (RFC 5545 3.2.19 globally unique TZIDs).
            parts = cleaned.split("/")
            candidates += ["/".join(parts[i:]) for i in range(1, len(parts))]
        for candidate in candidates:
            if candidate:
                try:
                    return zone(candidate)
                except UnknownTimeZoneError:
                    pass
        definition = self._definitions.get(tzid)
        if definition is None:
            raise InvalidCalendarError(
                component, prop, tzid, "unknown TZID, and no VTIMEZONE in the calendar defines it"
            )
        try:
            built: tzinfo = self._ical.timezone.tzp.create_timezone(definition)
        except Exception as error:  # dateutil cannot build every VTIMEZONE
            raise InvalidCalendarError(
                "VTIMEZONE", "TZID", tzid, f"cannot be used: {error}"
            ) from error
        return built


def _rezone(value: Any, tz: tzinfo) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz)
    if isinstance(value, tuple):
        return tuple(_rezone(item, tz) for item in value)
    return value


def _apply_zones(ical: Any, calendar: Any) -> None:
    """Give every TZID'd value of the events the zone this calendar means by it."""
    zones = _Zones(ical, calendar)
    for event in calendar.walk("VEVENT"):
        for name in _DATE_PROPERTIES:
            for value in _values(event, name):
                tzid = value.params.get("TZID")
                if tzid is None:
                    continue
                tz = zones(str(tzid), "VEVENT", name)
                if hasattr(value, "dts"):
                    for item in value.dts:
                        item.dt = _rezone(item.dt, tz)
                else:
                    value.dt = _rezone(value.dt, tz)


def _instant(value: Any, key: str) -> datetime:
    """An occurrence's start or end as an instant: floating times and dates on ``key``'s clock."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            # RFC 5545 3.3.5: a floating time in a gap or fold, as for a TZID.
            return to_instant(value.replace(tzinfo=None, fold=0), key, policy="rfc5545")
        return value.astimezone(UTC)
    # A day begins when the clock first reads midnight or later.
    return to_instant(datetime.combine(value, time(0)), key, policy="wall_clock")


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


_UNITS = (("BYSECOND", 1), ("BYMINUTE", 60), ("BYHOUR", 3_600))


def _uid(event: Any) -> str:
    return str(event.get("UID", "?"))


def _check_event(event: Any) -> date:
    """DTSTART's local date, after checking DTSTART and DTEND make sense."""
    starts = _values(event, "DTSTART")
    if not starts:
        raise InvalidCalendarError("VEVENT", "DTSTART", _uid(event), "is missing")
    start = starts[0].dt
    if not isinstance(start, date):
        raise InvalidCalendarError("VEVENT", "DTSTART", str(start), "is not a DATE or DATE-TIME")
    ends = _values(event, "DTEND")
    if ends:
        end = ends[0].dt
        same_kind = isinstance(end, datetime) == isinstance(start, datetime)
        if not same_kind or (
            isinstance(start, datetime) and (start.tzinfo is None) != (end.tzinfo is None)
        ):
            raise InvalidCalendarError(
                "VEVENT", "DTEND", str(end), "must be of DTSTART's kind (date, floating or zoned)"
            )
        if end < start:
            raise InvalidCalendarError("VEVENT", "DTEND", str(end), f"is before DTSTART {start}")
    return start.date() if isinstance(start, datetime) else start


def _tame(calendar: Any, window: Interval, limit: int, patterns: set[Any]) -> None:
    """Check each event and rule; drop rules that can never recur; bound every walk."""
    last = (window.end + _MARGIN).date()
    for event in calendar.walk("VEVENT"):
        first = _check_event(event)
        rules = _values(event, "RRULE")
        kept = []
        for rule in rules:
            parts = check_rule(rule)
            if is_empty(parts, first, patterns):
                continue
            if _walk_bound(parts, first, last) > _WALK_FACTOR * limit:
                raise ExpansionLimitError(
                    "VEVENT.RRULE",
                    rule.to_ical().decode("utf-8", "replace"),
                    f"walking it from DTSTART {first.isoformat()} to {last.isoformat()} could"
                    f" produce more than {_WALK_FACTOR * limit:,} occurrences; raise"
                    " max_occurrences or narrow the calendar",
                )
            kept.append(rule)
        if len(kept) != len(rules):
            del event["RRULE"]
            for rule in kept:
                event.add("RRULE", rule)


def _check_wr_timezone(calendar: Any) -> None:
    value = calendar.get("X-WR-TIMEZONE")
    if value is not None:
        try:
            zone(str(value))
        except UnknownTimeZoneError:
            raise InvalidCalendarError(
                "VCALENDAR", "X-WR-TIMEZONE", str(value), "is not a known IANA time zone"
            ) from None


def _events(
    rie: Any, calendar: Any, key: str, window: Interval, all_day: AllDay, budget: list[int]
) -> Iterator[tuple[datetime, datetime]]:
    query = rie.of(calendar, components=("VEVENT",))
    low, high = window.start - _MARGIN, window.end + _MARGIN
    for series in query.series:
        for occurrence in series.between(low, high):
            _spend(budget, window)
            component = occurrence.as_component(False)
            if str(component.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
                continue
            if str(component.get("STATUS", "")).upper() == "CANCELLED":
                continue
            start, end = occurrence.start, occurrence.end
            if all_day == "ignore" and not isinstance(start, datetime):
                continue
            yield _instant(start, key), _instant(end, key)


def _spend(budget: list[int], window: Interval) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise ExpansionLimitError(
            "within",
            window,
            f"the calendar has more than {budget[1]:,} busy periods near this range;"
            " narrow it or raise max_occurrences",
        )


def _freebusy(
    calendar: Any, key: str, window: Interval, budget: list[int]
) -> Iterator[tuple[datetime, datetime]]:
    for component in calendar.walk("VFREEBUSY"):
        for entry in _values(component, "FREEBUSY"):
            periods = entry if isinstance(entry, list) else [entry]
            for period in periods:
                kind = str(period.params.get("FBTYPE", "BUSY")).upper()
                if kind not in _BUSY_TYPES:
                    continue
                _spend(budget, window)
                start = period.start
                end = start + period.duration if period.by_duration else period.end
                yield _instant(start, key), _instant(end, key)


def busy_from_ics(
    text: str | bytes,
    *,
    within: Interval,
    zone: str,
    all_day: AllDay = "busy",
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
) -> tuple[Busy, ...]:
    """The busy times in a calendar export, ready for ``Availability(exceptions=...)``.

    Read: every VEVENT (DTSTART with DTEND or DURATION), expanded with its
    RRULE, RDATE, EXDATE and RECURRENCE-ID overrides by recurring-ical-events;
    events with TRANSP:TRANSPARENT or STATUS:CANCELLED are skipped. All-day
    events (DATE values) are busy from the first local midnight to the last,
    on ``zone``'s clock (or skipped with ``all_day="ignore"``); floating times
    are read on ``zone``'s clock too (RFC 5545 3.3.5 in gaps and folds). VFREEBUSY
    periods of FBTYPE BUSY, BUSY-TENTATIVE and BUSY-UNAVAILABLE are busy. TZIDs may
    be IANA keys, Windows names ("Eastern Standard Time", as Outlook writes) or
    custom VTIMEZONE definitions; Google's ``X-WR-TIMEZONE`` is applied first.

    Args:
        text: The iCalendar text (``str``, or UTF-8 ``bytes``); one or more VCALENDARs.
        within: The range of interest; the result is clipped to it.
        zone: The calendar owner's IANA zone, for all-day and floating times.
        all_day: ``"busy"`` or ``"ignore"``.
        max_occurrences: The most busy periods read near ``within``.

    Returns:
        :class:`~ementoring.scheduling.Busy` values, sorted, merged and clipped.

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed.
        InvalidCalendarError: Text that is not iCalendar, or a damaged
            property that matters here, naming the component and property.
        ExpansionLimitError: More than ``max_occurrences`` periods near
            ``within``, or a rule that would walk far more from its DTSTART.
        ValidationError: A bad argument, or text over :data:`MAX_CALENDAR_SIZE`.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Interval
    >>> export = "\\r\\n".join([
    ...     "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//example//EN",
    ...     "BEGIN:VEVENT", "UID:gym@example.org", "DTSTAMP:20260301T000000Z",
    ...     "DTSTART;TZID=America/Toronto:20260302T070000", "DURATION:PT1H",
    ...     "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", "END:VEVENT", "END:VCALENDAR", ""])
    >>> march = Interval(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    >>> for busy in busy_from_ics(export, within=march, zone="America/Toronto"):
    ...     print(busy.interval.start.isoformat())
    2026-03-02T12:00:00+00:00
    2026-03-04T12:00:00+00:00
    2026-03-09T11:00:00+00:00
    """
    window = check_interval(within, "within")
    key = zone_key(zone, "zone")
    if all_day not in _ALL_DAY:
        raise ValidationError("all_day", all_day, "must be 'busy' or 'ignore'")
    if (
        isinstance(max_occurrences, bool)
        or not isinstance(max_occurrences, int)
        or max_occurrences < 1
    ):
        raise ValidationError("max_occurrences", max_occurrences, "must be a positive whole number")
    source = _text(text)
    check_timezones(source)
    ical = icalendar()
    rie = require("recurring_ical_events", "calendar")
    require("x_wr_timezone", "calendar")
    budget = [max_occurrences, max_occurrences]
    patterns: set[Any] = set()
    found: list[Interval] = []
    try:
        # icalendar warns about guessed TZIDs; the guess is checked here instead.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for calendar in _parse(ical, source):
                _check_damage(calendar)
                _apply_zones(ical, calendar)
                _check_wr_timezone(calendar)
                _tame(calendar, window, max_occurrences, patterns)
                spans = [
                    *_freebusy(calendar, key, window, budget),
                    *_events(rie, calendar, key, window, all_day, budget),
                ]
                found.extend(Interval(start, end) for start, end in spans if start < end)
    except EmentoringError:
        raise
    except Exception as error:  # never a dependency's own exception
        raise InvalidCalendarError(
            _component_of(error),
            _property_of(error),
            _excerpt(source),
            f"cannot be read: {type(error).__name__}: {error}",
        ) from error
    merged = IntervalSet(found).clip(window)
    return tuple(Busy(interval) for interval in merged)


def _component_of(error: Exception) -> str:
    return "VEVENT" if type(error).__module__.startswith("recurring_ical_events") else "VCALENDAR"


def _property_of(error: Exception) -> str:
    name = type(error).__name__
    if name == "BadRuleStringFormat":
        return "RRULE"
    if name == "PeriodEndBeforeStart":
        return "DTEND"
    return ""
