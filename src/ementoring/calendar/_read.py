"""Busy times in from iCalendar text: events, recurrences and free/busy periods."""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from math import prod
from typing import Any, Literal

from ementoring._extras import require
from ementoring._validate import require_flag
from ementoring.calendar._common import check_interval, icalendar
from ementoring.calendar._parse import (
    MAX_CALENDAR_SIZE,
    children,
    drop_damaged,
    parse,
    remove,
    text_of,
    values,
)
from ementoring.calendar._problems import (
    BusyImport,
    CalendarProblemKind,
    Problems,
    Skip,
    skip,
)
from ementoring.calendar._rules import check_rule, is_empty
from ementoring.errors import (
    EmentoringError,
    ExpansionLimitError,
    InvalidCalendarError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.scheduling import DEFAULT_MAX_OCCURRENCES, Busy, Interval, IntervalSet
from ementoring.timezones import UTC, to_instant, zone, zone_key

__all__ = ["MAX_CALENDAR_SIZE", "AllDay", "busy_from_ics", "import_busy"]

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
_TYPED = ("DATE", "DATE-TIME")
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
_UNITS = (("BYSECOND", 1), ("BYMINUTE", 60), ("BYHOUR", 3_600))
_Kind = CalendarProblemKind


class _Zones:
    """The zone of each TZID in one calendar, decided here rather than by a process-wide cache.

    An IANA key is read from the tz database (as icalendar and recurring-ical-events
    do: the VTIMEZONE beside one is that zone's rules, often cut to recent years).
    Any other TZID is what the calendar's own VTIMEZONE defines (RFC 5545 3.2.19),
    a Windows name ("Eastern Standard Time") included; without a usable one, a
    Windows name or a "globally unique" TZID is read through the IANA zone it names.
    icalendar caches a zone built from a custom VTIMEZONE under its TZID for the
    whole process, so a second calendar with the same TZID and other rules would
    get the first one's: here every calendar's own definition is built.
    """

    def __init__(self, ical: Any, calendar: Any) -> None:
        self._ical = ical
        self._definitions: dict[str, list[Any]] = defaultdict(list)
        for definition in calendar.walk("VTIMEZONE"):
            self._definitions[str(definition.get("TZID", ""))].append(definition)
        self._found: dict[str, tzinfo | tuple[CalendarProblemKind, str]] = {}
        windows = require("icalendar.timezone.windows_to_olson", "calendar")
        self._windows: dict[str, str] = windows.WINDOWS_TO_OLSON

    def __call__(self, tzid: str, prop: str, uid: Any) -> tzinfo:
        if tzid not in self._found:
            self._found[tzid] = self._resolve(tzid)
        found = self._found[tzid]
        if isinstance(found, tuple):
            kind, message = found
            raise skip(kind, "VEVENT", prop, tzid, message, uid)
        return found

    def _known(self, key: str) -> tzinfo | None:
        try:
            return zone(key) if key else None
        except UnknownTimeZoneError:
            return None

    def _named(self, tzid: str) -> tzinfo | None:
        """The IANA zone a Windows name or a "globally unique" TZID names, if any."""
        cleaned = tzid.strip("/")
        candidates = [self._windows.get(cleaned, "")]
        if tzid.startswith("/"):
            # "/vendor/Europe/Berlin" (RFC 5545 3.2.19 globally unique TZIDs).
            parts = cleaned.split("/")
            candidates += ["/".join(parts[i:]) for i in range(1, len(parts))]
        return next((found for key in candidates if (found := self._known(key))), None)

    def _resolve(self, tzid: str) -> tzinfo | tuple[CalendarProblemKind, str]:
        known = self._known(tzid.strip("/"))
        if known is not None:
            return known
        named = self._named(tzid)
        definitions = self._definitions.get(tzid, [])
        if len({definition.to_ical() for definition in definitions}) > 1:
            return (
                _Kind.UNUSABLE_TIME_ZONE,
                f"defined by {len(definitions)} VTIMEZONEs that differ",
            )
        if definitions:
            try:
                built: tzinfo = self._ical.timezone.tzp.create_timezone(definitions[0])
            except Exception as error:  # dateutil cannot build every VTIMEZONE
                if named is not None:
                    return named  # e.g. Samoa's day-long jump of 2011
                return (_Kind.UNUSABLE_TIME_ZONE, f"its VTIMEZONE cannot be used: {error}")
            return built
        if named is not None:
            return named
        return (
            _Kind.UNKNOWN_TIME_ZONE,
            "unknown TZID, and no VTIMEZONE in the calendar defines it",
        )


def _rezone(value: Any, tz: tzinfo) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz)
    if isinstance(value, tuple):
        return tuple(_rezone(item, tz) for item in value)
    return value


def _items(value: Any) -> list[Any]:
    """The dates of a property value: one, or each of an RDATE or EXDATE list."""
    return list(value.dts) if hasattr(value, "dts") else [value]


def _as_text(value: Any) -> str:
    """A property value as iCalendar text (icalendar gives bytes or, for some types, str)."""
    text = value.to_ical()
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def _check_value_types(event: Any) -> None:
    """Refuse a date property that holds no date (a duration), or another type than declared.

    ``DTSTART;VALUE=DATE:20110804T120000`` may mean the date or the time: read
    either way it may be wrong by up to a day, so it is refused, as malformed
    text is (a lenient read skips the event and says so).
    """
    for name in _DATE_PROPERTIES:
        for value in values(event, name):
            for item in _items(value):
                periods = name == "RDATE" and isinstance(item.dt, tuple)
                if not isinstance(item.dt, date) and not periods:
                    raise skip(
                        _Kind.MALFORMED,
                        "VEVENT",
                        name,
                        _as_text(value),
                        "is not a DATE or DATE-TIME",
                        event.get("UID"),
                    )
            declared = str(value.params.get("VALUE", "")).upper()
            if declared not in _TYPED:
                continue
            for item in _items(value):
                held = "DATE-TIME" if isinstance(item.dt, datetime) else "DATE"
                if not isinstance(item.dt, tuple) and held != declared:
                    raise skip(
                        _Kind.WRONG_VALUE_TYPE,
                        "VEVENT",
                        name,
                        _as_text(value),
                        f"says VALUE={declared} but holds a {held}",
                        event.get("UID"),
                    )


def _apply_zones(event: Any, zones: _Zones) -> None:
    """Give every TZID'd value of the event the zone this calendar means by it."""
    for name in _DATE_PROPERTIES:
        for value in values(event, name):
            tzid = value.params.get("TZID")
            if tzid is None:
                continue
            tz = zones(str(tzid), name, event.get("UID"))
            for item in _items(value):
                item.dt = _rezone(item.dt, tz)


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


def _check_event(event: Any) -> date:
    """DTSTART's local date, after checking DTSTART and DTEND make sense."""
    uid = event.get("UID")
    starts = values(event, "DTSTART")
    if not starts:
        raise skip(_Kind.MISSING_PROPERTY, "VEVENT", "DTSTART", uid, "is missing", uid)
    start = starts[0].dt
    if not isinstance(start, date):
        raise skip(
            _Kind.MALFORMED, "VEVENT", "DTSTART", str(start), "is not a DATE or DATE-TIME", uid
        )
    ends = values(event, "DTEND")
    if ends:
        end = ends[0].dt
        if isinstance(start, datetime) and isinstance(end, datetime):
            # One floating and one zoned (ownCloud, Google): both on the zoned one's
            # clock, as recurring-ical-events reads them.
            if start.tzinfo is None and end.tzinfo is not None:
                start = starts[0].dt = start.replace(tzinfo=end.tzinfo)
            elif end.tzinfo is None and start.tzinfo is not None:
                end = ends[0].dt = end.replace(tzinfo=start.tzinfo)
        same_kind = isinstance(end, datetime) == isinstance(start, datetime)
        if not same_kind or (
            isinstance(start, datetime) and (start.tzinfo is None) != (end.tzinfo is None)
        ):
            raise skip(
                _Kind.INCONSISTENT,
                "VEVENT",
                "DTEND",
                str(end),
                "must be of DTSTART's kind (date, floating or zoned)",
                uid,
            )
        if end < start:
            raise skip(
                _Kind.INCONSISTENT, "VEVENT", "DTEND", str(end), f"is before DTSTART {start}", uid
            )
    return start.date() if isinstance(start, datetime) else start


def _tame(event: Any, first: date, last: date, limit: int, patterns: set[Any]) -> None:
    """Check each rule; drop rules that can never recur; bound every walk."""
    rules = values(event, "RRULE")
    kept = []
    for rule in rules:
        try:
            parts = check_rule(rule)
        except InvalidCalendarError as error:
            raise skip(
                _Kind.INVALID_RULE, "VEVENT", "RRULE", error.value, error.reason, event.get("UID")
            ) from None
        if is_empty(parts, first, patterns):
            continue
        if _walk_bound(parts, first, last) > _WALK_FACTOR * limit:
            raise ExpansionLimitError(
                "VEVENT.RRULE",
                _as_text(rule),
                f"walking it from DTSTART {first.isoformat()} to {last.isoformat()} could"
                f" produce more than {_WALK_FACTOR * limit:,} occurrences; raise"
                " max_occurrences or narrow the calendar",
            )
        kept.append(rule)
    if len(kept) != len(rules):
        del event["RRULE"]
        for rule in kept:
            event.add("RRULE", rule)


def _check_events(
    ical: Any, calendar: Any, window: Interval, limit: int, patterns: set[Any], problems: Problems
) -> None:
    """Check every event, read its zones and bound its rules; skip (or refuse) bad ones."""
    zones = _Zones(ical, calendar)
    last = (window.end + _MARGIN).date()
    dropped: set[int] = set()
    for _, event in children(calendar):
        if event.name != "VEVENT":
            continue
        try:
            _check_value_types(event)
            _apply_zones(event, zones)
            first = _check_event(event)
            _tame(event, first, last, limit, patterns)
        except Skip as found:
            problems.add(found)
            dropped.add(id(event))
    remove(calendar, dropped)


def _check_wr_timezone(calendar: Any, problems: Problems) -> None:
    value = calendar.get("X-WR-TIMEZONE")
    if value is None:
        return
    try:
        zone(str(value))
    except UnknownTimeZoneError:
        problems.add(
            skip(
                _Kind.UNKNOWN_TIME_ZONE,
                "VCALENDAR",
                "X-WR-TIMEZONE",
                str(value),
                "is not a known IANA time zone",
            )
        )
        del calendar["X-WR-TIMEZONE"]


def _recurrence_key(event: Any) -> tuple[str, ...]:
    """Which occurrence an override replaces, comparable across zones."""
    found = []
    for value in values(event, "RECURRENCE-ID"):
        moment = value.dt
        if isinstance(moment, datetime) and moment.utcoffset() is not None:
            moment = moment.astimezone(UTC)
        found.append(f"{type(moment).__name__} {moment.isoformat()}")
    return tuple(sorted(found))


def _separate(ical: Any, calendar: Any) -> dict[str, tuple[str, list[Any]]]:
    """Give every series an unambiguous UID; return each UID's original UID and components.

    recurring-ical-events keeps one master per UID (the highest SEQUENCE, else the
    first) and one override per RECURRENCE-ID, so a second series with the same UID
    (invalid by RFC 5545 3.8.4.7, yet exported) would vanish, and which one depends
    on the order of the text. Here no component hides another: every master of a
    shared UID is a series of its own; an override is applied only when its UID
    has one master and no other override names the same occurrence, and otherwise
    it is an event of its own (busy at its time, cancelling nothing). Busy time is
    never under-reported, and never depends on the order of the components.
    """
    events = [event for _, event in children(calendar) if event.name == "VEVENT"]
    masters: dict[str, list[Any]] = defaultdict(list)
    overrides: dict[str, dict[tuple[str, ...], list[Any]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        if "UID" not in event:
            continue  # a series of its own below
        uid = str(event["UID"])
        if "RECURRENCE-ID" in event:
            overrides[uid][_recurrence_key(event)].append(event)
        else:
            masters[uid].append(event)
    alone = {id(event) for event in events if "UID" not in event}
    alone.update(id(event) for group in masters.values() if len(group) > 1 for event in group)
    for uid, occurrences in overrides.items():
        ambiguous = len(masters.get(uid, ())) > 1
        for group in occurrences.values():
            if ambiguous or len(group) > 1:
                alone.update(id(event) for event in group)
    taken = {str(event["UID"]) for event in events if "UID" in event}
    members: dict[str, tuple[str, list[Any]]] = {}
    for number, event in enumerate(events):
        original = str(event["UID"]) if "UID" in event else ""
        if id(event) in alone:
            fresh = f"{original}#{number}"
            while fresh in taken:
                fresh += "#"
            taken.add(fresh)
            event.pop("UID", None)
            event.add("UID", ical.prop.vText(fresh))
        members.setdefault(str(event["UID"]), (original, []))[1].append(event)
    return members


def _series(
    rie: Any,
    ical: Any,
    calendar: Any,
    members: dict[str, tuple[str, list[Any]]],
    problems: Problems,
) -> list[Any]:
    """recurring-ical-events' series of the calendar; those it cannot build are problems."""
    try:
        found: list[Any] = rie.of(calendar, components=("VEVENT",), skip_bad_series=True).series
    except EmentoringError:
        raise
    except Exception:  # an error it does not skip: build each series alone to find it
        found = []
        for uid in sorted(members):
            alone = ical.Calendar()
            if "X-WR-TIMEZONE" in calendar:
                alone.add("X-WR-TIMEZONE", calendar["X-WR-TIMEZONE"])
            for component in members[uid][1]:
                alone.add_component(component)
            try:
                found.extend(rie.of(alone, components=("VEVENT",)).series)
            except Exception as error:  # the expander's own errors, said our way
                problems.add(_expansion_problem(error, *members[uid]))
        return found
    present = {str(series.uid) for series in found}
    for uid in sorted(set(members) - present):
        problems.add(_series_problem(rie, ical, members[uid]))
    return found


def _series_problem(rie: Any, ical: Any, member: tuple[str, list[Any]]) -> Skip:
    """Why recurring-ical-events could not build or expand a series, naming its rule."""
    original, components = member
    alone = ical.Calendar()
    for component in components:
        alone.add_component(component)
    try:
        for series in rie.of(alone, components=("VEVENT",)).series:
            series.between(datetime(1900, 1, 1, tzinfo=UTC), datetime(1900, 1, 2, tzinfo=UTC))
    except Exception as error:  # the expander's own errors, said our way
        return _expansion_problem(error, original, components)
    return skip(_Kind.UNREADABLE, "VEVENT", "", original, "cannot be read", original)


def _expansion_problem(error: Exception, uid: str, components: list[Any]) -> Skip:
    rules = [_as_text(rule) for component in components for rule in values(component, "RRULE")]
    prop = _property_of(error)
    if prop == "" and rules:
        prop = "RRULE"
    value = " / ".join(rules) if prop == "RRULE" else uid
    return skip(
        _Kind.UNREADABLE,
        "VEVENT",
        prop,
        value,
        f"cannot be expanded: {type(error).__name__}: {error}",
        uid,
    )


def _property_of(error: Exception) -> str:
    name = type(error).__name__
    if name == "BadRuleStringFormat":
        return "RRULE"
    if name == "PeriodEndBeforeStart":
        return "DTEND"
    return ""


def _spend(budget: list[int], window: Interval) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise ExpansionLimitError(
            "within",
            window,
            f"the calendar has more than {budget[1]:,} busy periods near this range;"
            " narrow it or raise max_occurrences",
        )


def _events(
    rie: Any,
    ical: Any,
    calendar: Any,
    members: dict[str, tuple[str, list[Any]]],
    window: Interval,
    read: tuple[str, AllDay, list[int]],
    problems: Problems,
) -> list[tuple[datetime, datetime]]:
    """Every busy occurrence near ``window``; a series the expander cannot read is skipped."""
    key, all_day, budget = read
    scale = str(calendar.get("CALSCALE", "GREGORIAN"))
    if scale.upper() != "GREGORIAN":
        problems.add(
            skip(
                _Kind.UNREADABLE,
                "VCALENDAR",
                "CALSCALE",
                scale,
                "only the Gregorian calendar is read (RFC 5545 3.7.1)",
            )
        )
        return []
    low, high = window.start - _MARGIN, window.end + _MARGIN
    found: list[tuple[datetime, datetime]] = []
    for series in _series(rie, ical, calendar, members, problems):
        spans = []
        try:
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
                spans.append((_instant(start, key), _instant(end, key)))
        except EmentoringError:
            raise
        except Exception as error:  # the expander's own errors, said our way
            original, components = members.get(str(series.uid), ("", []))
            problems.add(_expansion_problem(error, original, components))
            continue
        found.extend(spans)
    return found


def _freebusy(
    calendar: Any, key: str, window: Interval, budget: list[int]
) -> Iterator[tuple[datetime, datetime]]:
    for component in calendar.walk("VFREEBUSY"):
        for entry in values(component, "FREEBUSY"):
            periods = entry if isinstance(entry, list) else [entry]
            for period in periods:
                kind = str(period.params.get("FBTYPE", "BUSY")).upper()
                if kind not in _BUSY_TYPES:
                    continue
                _spend(budget, window)
                start = period.start
                end = start + period.duration if period.by_duration else period.end
                yield _instant(start, key), _instant(end, key)


def _read(
    text: Any,
    *,
    within: Any,
    zone: Any,
    all_day: Any,
    max_occurrences: Any,
    problems: Problems,
) -> tuple[Busy, ...]:
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
    source = text_of(text)
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
            for calendar in parse(ical, source, problems):
                drop_damaged(calendar, problems)
                _check_wr_timezone(calendar, problems)
                _check_events(ical, calendar, window, max_occurrences, patterns, problems)
                members = _separate(ical, calendar)
                spans = [
                    *_freebusy(calendar, key, window, budget),
                    *_events(
                        rie, ical, calendar, members, window, (key, all_day, budget), problems
                    ),
                ]
                found.extend(Interval(start, end) for start, end in spans if start < end)
    except EmentoringError:
        raise
    except Exception as error:  # never a dependency's own exception
        raise InvalidCalendarError(
            "VCALENDAR", "", source[:80], f"cannot be read: {type(error).__name__}: {error}"
        ) from error
    merged = IntervalSet(found).clip(window)
    return tuple(Busy(interval) for interval in merged)


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
    Several events with one UID each count (see ``docs/calendar.md``).

    This is the strict read: any damaged part that matters raises. To read the rest
    and get a list of what was skipped, use :func:`import_busy`.

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
    return _read(
        text,
        within=within,
        zone=zone,
        all_day=all_day,
        max_occurrences=max_occurrences,
        problems=Problems(strict=True),
    )


def import_busy(
    text: str | bytes,
    *,
    within: Interval,
    zone: str,
    all_day: AllDay = "busy",
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
    strict: bool = False,
) -> BusyImport:
    """The busy times in a calendar export, and the parts that could not be read.

    Reads what :func:`busy_from_ics` reads. A damaged component (a ``VEVENT``,
    ``VFREEBUSY`` or ``VTIMEZONE`` the parser refuses, a bad ``RRULE``, an unknown
    ``TZID``, a value of the wrong type...) is skipped and listed in
    :attr:`BusyImport.problems` (the first :data:`MAX_PROBLEMS` in a fixed order;
    :attr:`BusyImport.unlisted` counts the rest); everything else is read. A
    person importing their calendar gets every other event and can be shown what
    was skipped; a platform syncing calendars keeps everyone's busy times current
    and can alert on the problems, where one bad event would otherwise stop the
    whole calendar. With ``strict=True`` the first problem raises instead.

    Text that is not iCalendar at all, and the limits (``MAX_CALENDAR_SIZE``,
    ``max_occurrences``, the walk bound, 100 ``VTIMEZONE``\\ s, 500 day patterns),
    raise in both modes: they say the text is not a calendar or too costly to read,
    not that a part of it is bad.

    Args:
        text: The iCalendar text (``str``, or UTF-8 ``bytes``); one or more VCALENDARs.
        within: The range of interest; the busy times are clipped to it.
        zone: The calendar owner's IANA zone, for all-day and floating times.
        all_day: ``"busy"`` or ``"ignore"``.
        max_occurrences: The most busy periods read near ``within``.
        strict: Raise at the first damaged part instead of skipping it.

    Returns:
        A :class:`BusyImport`: ``busy`` (sorted, merged, clipped), ``problems``, ``unlisted``.

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed.
        InvalidCalendarError: Text that is not iCalendar (or, when ``strict``, a
            damaged part), naming the component and property.
        ExpansionLimitError: More than ``max_occurrences`` periods near
            ``within``, or a rule that would walk far more from its DTSTART.
        ValidationError: A bad argument, or text over :data:`MAX_CALENDAR_SIZE`.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Interval
    >>> export = "\\r\\n".join([
    ...     "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    ...     "BEGIN:VEVENT", "UID:call@google.com", "DTSTART:20260310T160000Z",
    ...     "DTEND:20260310T170000Z", "END:VEVENT",
    ...     "BEGIN:VEVENT", "UID:birthday@google.com", "DTSTART;VALUE=DATE:20131210",
    ...     "RRULE:FREQ=YEARLY", "RDATE:20131210Z", "END:VEVENT", "END:VCALENDAR", ""])
    >>> march = Interval(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    >>> found = import_busy(export, within=march, zone="America/Toronto")
    >>> [str(b.interval) for b in found.busy]
    ["Interval('2026-03-10T16:00:00+00:00' -> '2026-03-10T17:00:00+00:00')"]
    >>> problem, = found.problems
    >>> problem.kind, problem.field, problem.value, problem.uid
    (<CalendarProblemKind.MALFORMED: 'malformed'>, 'VEVENT.RDATE', '20131210Z', 'birthday@google.com')
    """
    require_flag(strict, "strict")
    problems = Problems(strict=strict)
    busy = _read(
        text,
        within=within,
        zone=zone,
        all_day=all_day,
        max_occurrences=max_occurrences,
        problems=problems,
    )
    return problems.result(busy)
