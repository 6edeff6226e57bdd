"""From text to parsed VCALENDARs: size and encoding, the parser, and what it could not read.

A strict read refuses the text at the first damaged part. A lenient read parses
the text whole when it can (the usual case, at no extra cost) and otherwise one
top-level component at a time, skipping those the parser refuses; components
that do not bear on busy time (VTODO, VJOURNAL, VALARM...) are dropped there
without a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ementoring.calendar._problems import CalendarProblemKind, Problems, Skip, skip
from ementoring.calendar._rules import ZoneDamage, check_timezones
from ementoring.errors import InvalidCalendarError, ValidationError

__all__ = [
    "DATE_PROPERTIES",
    "MAX_CALENDAR_SIZE",
    "as_text",
    "children",
    "drop_damaged",
    "items",
    "parse",
    "remove",
    "text_of",
    "values",
]

MAX_CALENDAR_SIZE = 10_000_000
"""The longest text :func:`busy_from_ics` reads, in characters (or bytes): about
thirty years of a busy person's calendar."""

DATE_PROPERTIES = ("DTSTART", "DTEND", "RDATE", "EXDATE", "RECURRENCE-ID")
"""The properties of a VEVENT that hold its dates and times."""

# Properties whose damage changes the answer; damage elsewhere (say a bad GEO)
# is ignored as calendar clients do.
_NEEDED = {
    "VEVENT": frozenset({*DATE_PROPERTIES, "DURATION", "RRULE", "TRANSP", "STATUS"}),
    "VFREEBUSY": frozenset({"FREEBUSY"}),
    "VTIMEZONE": None,  # every property
    "STANDARD": None,
    "DAYLIGHT": None,
    "VCALENDAR": frozenset({"X-WR-TIMEZONE", "CALSCALE"}),
}
# The components a lenient read reports when it must skip them: the others
# never change busy time.
_READ = frozenset({"VEVENT", "VFREEBUSY", "VTIMEZONE"})
_UNFOLD = re.compile(r"\r?\n[ \t]")
_WRAP = "BEGIN:VCALENDAR\r\n{}\r\nEND:VCALENDAR\r\n"
# icalendar's message for a line it cannot split into name, parameters and value.
_BROKEN_LINE = re.compile(r"Content line could not be parsed into parts: '(.*)': [^']*\Z", re.S)
_NAME = re.compile(r"[A-Za-z-]*")


def text_of(value: Any) -> str:
    """The calendar's text: a ``str``, or UTF-8 ``bytes`` (a byte-order mark is dropped)."""
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


def parse(ical: Any, text: str, problems: Problems) -> list[Any]:
    """The VCALENDARs of ``text``, with time zones whose rules the guard refuses taken out."""
    lines = _unfolded(text)
    damaged = check_timezones(lines)
    if damaged:
        text = _without_zones(lines, damaged, problems)
    try:
        found = ical.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # the parser's own errors, said our way
        if problems.strict:
            component, prop, value = where(error)
            raise InvalidCalendarError(
                component, prop, value or text[:80], f"cannot be parsed: {error}"
            ) from error
        found = _parse_each(ical, text, problems)
    else:
        if not found and not problems.strict:
            # Every VCALENDAR left open (a component cut off before its END).
            found = _parse_each(ical, text, problems)
    calendars = []
    for component in found:
        if component.name != "VCALENDAR":
            raise InvalidCalendarError(
                component.name or "VCALENDAR",
                "",
                text[:80],
                "expected BEGIN:VCALENDAR at the top",
            )
        calendars.append(component)
    if not calendars:
        raise InvalidCalendarError("VCALENDAR", "", text[:80], "no complete VCALENDAR found")
    return calendars


def _unfolded(text: str) -> list[str]:
    """The content lines of ``text``, each folded line joined again (RFC 5545 3.1)."""
    return _UNFOLD.sub("", text).splitlines()


def _without_zones(lines: list[str], damaged: list[ZoneDamage], problems: Problems) -> str:
    for damage in damaged:
        error = damage.error
        problems.add(
            skip(
                CalendarProblemKind.INVALID_RULE,
                error.component,
                error.property,
                error.value,
                error.reason,
                damage.tzid,
            )
        )
    cut: set[int] = set()
    for damage in damaged:
        cut.update(range(damage.first, damage.last + 1))
    return "\r\n".join(line for index, line in enumerate(lines) if index not in cut) + "\r\n"


def where(error: Exception) -> tuple[str, str, str | None]:
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


def _split(text: str) -> Iterator[tuple[list[str], list[tuple[str, list[str], bool]]]]:
    """Each VCALENDAR's own lines, and its top-level components' lines (without VALARMs).

    Each component comes as ``(name, lines, closed)``. An END line closes the
    component it names and every one opened inside it (those are not closed); an
    END naming no open component is left out.
    """
    header: list[str] = []
    blocks: list[tuple[str, list[str], bool]] = []
    block: list[str] = []
    opened: list[str] = []  # the names of the open components, VCALENDAR first
    for line in _unfolded(text):
        head = line[:6].upper()
        alarm = "VALARM" in opened[2:]
        if head.startswith("BEGIN:"):
            name = line[6:].strip().upper()
            if not opened and name != "VCALENDAR":
                continue  # text outside a calendar
            opened.append(name)
            if len(opened) == 1:
                if header:
                    yield header, blocks
                header, blocks = [line], []
            elif len(opened) == 2:
                block = [line]
                blocks.append((name, block, False))
            elif not alarm and name != "VALARM":
                block.append(line)
        elif head.startswith("END:"):
            name = line[4:].strip().upper()
            if name not in opened:
                continue
            depth = len(opened) - opened[::-1].index(name)  # the innermost of that name
            if depth == 1:
                header.append(line)
            elif depth == 2:
                block.append(line)
                blocks[-1] = (blocks[-1][0], block, len(opened) == 2)
            elif not alarm:
                block.append(line)
            del opened[depth - 1 :]
        elif len(opened) == 1:
            header.append(line)
        elif len(opened) >= 2 and not alarm:
            block.append(line)
    if header:
        yield header, blocks


def _parse_each(ical: Any, text: str, problems: Problems) -> list[Any]:
    """Parse each top-level component alone, skipping (and reporting) those that fail."""
    calendars = []
    for header, blocks in _split(text):
        calendar = _shell(ical, header, problems)
        for name, block, closed in blocks:
            try:
                if not closed:
                    raise ValueError(f"BEGIN:{name} has no END line")
                part = ical.Calendar.from_ical(_WRAP.format("\r\n".join(block)))
            except Exception as error:  # the parser's own errors, kept as problems
                if name in _READ:
                    problems.add(_unparsed(name, block, error))
                continue
            for component in part.subcomponents:
                calendar.add_component(component)
        calendars.append(calendar)
    return calendars


def _shell(ical: Any, header: list[str], problems: Problems) -> Any:
    """The VCALENDAR with its own properties: those the parser refuses are left out."""
    own = [line for line in header if not line[:6].upper().startswith(("BEGIN:", "END:"))]
    kept = []
    for line in own:
        try:
            ical.Calendar.from_ical(_WRAP.format(line))
        except Exception as error:  # the parser's own errors, kept as problems
            _, prop, value = where(error)
            if prop in (_NEEDED["VCALENDAR"] or ()):
                problems.add(
                    skip(
                        CalendarProblemKind.MALFORMED,
                        "VCALENDAR",
                        prop,
                        value or line,
                        f"cannot be parsed: {error}",
                    )
                )
            continue
        kept.append(line)
    return ical.Calendar.from_ical(_WRAP.format("\r\n".join(kept)))


def _unparsed(name: str, block: list[str], error: Exception) -> Skip:
    component, prop, value = where(error)
    names = [line.partition(":")[0].partition(";")[0].upper() for line in block]
    uid = next(
        (line.partition(":")[2] for line, key in zip(block, names, strict=True) if key == "UID"),
        next(
            (
                line.partition(":")[2]
                for line, key in zip(block, names, strict=True)
                if key == "TZID"
            ),
            "",
        ),
    )
    return skip(
        CalendarProblemKind.MALFORMED,
        component if component != "VCALENDAR" else name,
        prop,
        value if value is not None else block[0],
        f"cannot be parsed: {error}",
        uid,
    )


def values(component: Any, name: str) -> list[Any]:
    """Every value of property ``name`` (a property given several times comes as a list)."""
    value = component.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def items(value: Any) -> list[Any]:
    """The dates of a property value: one, or each of an RDATE or EXDATE list."""
    return list(value.dts) if hasattr(value, "dts") else [value]


def as_text(value: Any) -> str:
    """A property value as iCalendar text (icalendar gives bytes or, for some types, str)."""
    text = value.to_ical()
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def children(root: Any) -> Iterator[tuple[Any, Any]]:
    """Every component below ``root`` with its parent, depth first, without recursion."""
    stack = [(root, child) for child in reversed(root.subcomponents)]
    while stack:
        parent, current = stack.pop()
        yield parent, current
        stack.extend((current, child) for child in reversed(current.subcomponents))


def remove(root: Any, dropped: set[int]) -> None:
    """Take the components whose ``id`` is in ``dropped`` out of the tree below ``root``."""
    if not dropped:
        return
    stack = [root]
    while stack:
        current = stack.pop()
        kept = [child for child in current.subcomponents if id(child) not in dropped]
        if len(kept) != len(current.subcomponents):
            current.subcomponents[:] = kept
        stack.extend(kept)


def _matters(name: str | None, message: str, needed: frozenset[str] | None) -> bool:
    """Whether a damaged property, or a line that is not a property at all, changes busy time.

    A line the parser cannot split (a broken DESCRIPTION continued without the
    leading space, as in exports of quoted-printable text) names no property; it
    matters only when it starts like one that does (``DTEND20260310T100000Z``).
    """
    if needed is None:
        return True
    if name is not None:
        return name in needed
    line = _BROKEN_LINE.match(message)
    if line is None:
        return True
    head = _NAME.match(line.group(1))
    start = head.group().upper() if head else ""
    return any(start.startswith(prop) for prop in needed)


def drop_damaged(calendar: Any, problems: Problems) -> None:
    """Skip every component whose damage changes busy time (a bad property of the
    calendar itself is taken out alone)."""
    dropped: set[int] = set()
    for component in (calendar, *(child for _, child in children(calendar))):
        needed = _NEEDED.get(component.name, frozenset())
        for name, message in component.errors:
            if _matters(name, str(message), needed):
                raw = component.get(name) if name is not None else None
                problems.add(
                    skip(
                        CalendarProblemKind.MALFORMED,
                        component.name,
                        name or "",
                        None if raw is None else str(raw),
                        str(message),
                        component.get("UID"),
                    )
                )
                if component is calendar and name is not None:
                    del calendar[name]
                else:
                    dropped.add(id(component))
                    break
    remove(calendar, dropped)
