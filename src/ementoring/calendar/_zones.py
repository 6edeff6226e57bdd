"""The zone each TZID of one calendar means: IANA keys, Windows names, its own VTIMEZONEs."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, tzinfo
from typing import Any

from ementoring._extras import require
from ementoring.calendar._parse import DATE_PROPERTIES, items, values
from ementoring.calendar._problems import CalendarProblemKind, Problems, skip
from ementoring.errors import UnknownTimeZoneError
from ementoring.timezones import zone

__all__ = ["Zones", "apply_zones", "check_wr_timezone"]

_Kind = CalendarProblemKind


class Zones:
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


def apply_zones(event: Any, zones: Zones) -> None:
    """Give every TZID'd value of the event the zone this calendar means by it."""
    for name in DATE_PROPERTIES:
        for value in values(event, name):
            tzid = value.params.get("TZID")
            if tzid is None:
                continue
            tz = zones(str(tzid), name, event.get("UID"))
            for item in items(value):
                item.dt = _rezone(item.dt, tz)


def check_wr_timezone(calendar: Any, problems: Problems) -> None:
    """Take out (as a problem) an ``X-WR-TIMEZONE`` that names no IANA zone."""
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
