"""Real calendar exports: our busy times against two other readers, per source program.

Usage: ``python benchmarks/calendar_corpus.py DIR [--markdown]``

Reads every ``*.ics`` file under DIR (a local corpus: the files are not part of
this repository) and, for each, the busy times over two years from its earliest
``DTSTART``, on a UTC clock:

- ours, strict (``busy_from_ics``) and lenient (``import_busy``);
- the reference: icalendar parsing and recurring-ical-events expanding, events
  with TRANSP:TRANSPARENT or STATUS:CANCELLED left out, VFREEBUSY periods added;
- an independent implementation: the ``ical`` package's timeline.

Files are grouped by the program their ``PRODID`` names; files whose PRODID
names no calendar program (RFC examples, library test fixtures) form the last
group. An exception from our reader that is not an ``EmentoringError`` is
counted as untyped (it must be 0). The time columns are the lenient read and the
reference on the same files in the same run.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from ementoring.calendar import busy_from_ics, import_busy
from ementoring.errors import EmentoringError
from ementoring.scheduling import Interval, IntervalSet

# PRODID patterns, first match wins; None marks generators that are not calendar programs.
PROGRAMS: tuple[tuple[str, str | None], ...] = (
    (r"Google Calendar", "Google Calendar"),
    (r"Microsoft|Outlook|Exchange", "Outlook / Exchange"),
    (r"caldav\.icloud|iPhone|Apple", "Apple iCal / iCloud"),
    (r"Mozilla", "Thunderbird / Lightning"),
    (r"Ximian|Evolution", "Evolution"),
    (r"Lotus", "Lotus Notes"),
    (r"Zimbra", "Zimbra"),
    (r"SabreDAV|nextcloud|ownCloud", "Nextcloud / SabreDAV"),
    (r"KOrganizer|K Desktop", "KOrganizer"),
    (r"khal", "khal"),
    (
        r"Proton|SOGo|Groupwise|ORACLE|Sun/Calendar|DAVx5|DavMail|Cyrus|Trumba|Last\.fm|"
        r"Confluence|Podio|Drupal|Plone|ZideStore|RESEARCH IN MOTION|Calendar Labs|"
        r"Offline Calendar|homeassistant|EVDB|bloc\.jp|LifeLint|Sixt|NS Internationaal|"
        r"MailClient|kigkonsult|Windows Calendar|LinkeSOFT|Glow|RESERVAS|Events Calendar|"
        r"CSV To iCal|flaimo|apike",
        "other programs",
    ),
)
FIXTURES = "no program (RFC examples, test fixtures)"
_PRODID = re.compile(r"^PRODID[^:\r\n]*:(.*)$", re.MULTILINE | re.IGNORECASE)
_START = re.compile(r"^DTSTART[^:\r\n]*:(\d{8})", re.MULTILINE)
_SPAN = timedelta(days=730)


def program(text: str) -> str:
    found = _PRODID.search(text)
    if found is None:
        return FIXTURES
    for pattern, name in PROGRAMS:
        if re.search(pattern, found.group(1), re.IGNORECASE):
            return name or FIXTURES
    return FIXTURES


def window(text: str) -> Interval:
    """Two years from the earliest DTSTART (in the supported range), or 2026 and 2027."""
    days = []
    for match in _START.finditer(text):
        try:
            day = datetime.strptime(match.group(1), "%Y%m%d").replace(tzinfo=UTC)
        except ValueError:
            continue
        if datetime(1900, 1, 3, tzinfo=UTC) <= day < datetime(2197, 1, 1, tzinfo=UTC):
            days.append(day)
    start = min(days, default=datetime(2026, 1, 2, tzinfo=UTC)) - timedelta(days=1)
    return Interval(start, start + _SPAN)


def as_utc(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)
    assert isinstance(value, date)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def merged(spans: Iterable[tuple[Any, Any]], within: Interval) -> IntervalSet:
    found = []
    for start, end in spans:
        begin, finish = as_utc(start), as_utc(end)
        if begin < finish:
            found.append(Interval(begin, finish))
    return IntervalSet(found).clip(within)


def reference(text: str, within: Interval) -> IntervalSet:
    """icalendar and recurring-ical-events, read as our docs say busy time is read."""
    low, high = within.start - timedelta(days=2), within.end + timedelta(days=2)
    spans = []
    for calendar in icalendar.Calendar.from_ical(text, multiple=True):
        for event in recurring_ical_events.of(calendar).between(low, high):
            if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
                continue
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                continue
            spans.append((event["DTSTART"].dt, event["DTEND"].dt))
        for component in calendar.walk("VFREEBUSY"):
            entries = component.get("FREEBUSY", [])
            for entry in entries if isinstance(entries, list) else [entries]:
                for period in entry if isinstance(entry, list) else [entry]:
                    kind = str(period.params.get("FBTYPE", "BUSY")).upper()
                    if kind in ("BUSY", "BUSY-TENTATIVE", "BUSY-UNAVAILABLE"):
                        end = period.start + period.duration if period.by_duration else period.end
                        spans.append((period.start, end))
    return merged(spans, within)


def independent(text: str, within: Interval) -> IntervalSet:
    """The ``ical`` package's timeline (events only: it reads VFREEBUSY apart)."""
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(text)
    low, high = within.start - timedelta(days=2), within.end + timedelta(days=2)
    spans = []
    for event in calendar.timeline_tz(UTC).overlapping(low, high):
        if str(event.transparency or "").upper().endswith("TRANSPARENT"):
            continue
        if str(event.status or "").upper().endswith("CANCELLED"):
            continue
        spans.append((event.start, event.end))
    for busy in calendar.freebusy:
        for period in busy.freebusy:
            kind = str(getattr(period.free_busy_type, "value", period.free_busy_type) or "BUSY")
            if kind.upper() in ("BUSY", "BUSY-TENTATIVE", "BUSY-UNAVAILABLE"):
                end = period.end if period.end is not None else period.start + period.duration
                spans.append((period.start, end))
    return merged(spans, within)


@dataclass
class Row:
    files: int = 0
    strict: int = 0
    lenient: int = 0
    with_problems: int = 0
    problems: int = 0
    reference_read: int = 0
    equal_reference: int = 0
    ical_read: int = 0
    equal_ical: int = 0
    untyped: int = 0
    ours_seconds: float = 0.0
    reference_seconds: float = 0.0
    differ: list[str] = field(default_factory=list)
    untyped_files: list[str] = field(default_factory=list)


def busy_set(busy: Iterable[Any]) -> IntervalSet:
    return IntervalSet(b.interval for b in busy)


def forget_custom_zones() -> None:
    """Empty icalendar's process-wide cache of zones built from VTIMEZONEs.

    It keeps the first definition of each custom TZID for the whole process, so
    without this the reference would read a file with another file's zone.
    """
    cache = getattr(icalendar.timezone.tzp, "_TZP__tz_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def measure(path: Path, row: Row, has_ical: bool) -> None:
    forget_custom_zones()
    text = path.read_bytes().decode("utf-8", "replace")
    within = window(text)
    row.files += 1
    try:
        busy_from_ics(text, within=within, zone="UTC")
        row.strict += 1
    except EmentoringError:
        pass
    except Exception as error:
        row.untyped += 1
        row.untyped_files.append(f"{path}: strict {type(error).__name__}: {error}")
    ours: IntervalSet | None = None
    begin = time.perf_counter()
    try:
        found = import_busy(text, within=within, zone="UTC")
        ours = busy_set(found.busy)
        row.lenient += 1
        row.problems += len(found.problems) + found.unlisted
        row.with_problems += not found.complete
    except EmentoringError:
        pass
    except Exception as error:
        row.untyped += 1
        row.untyped_files.append(f"{path}: lenient {type(error).__name__}: {error}")
    ours_time = time.perf_counter() - begin
    begin = time.perf_counter()
    try:
        theirs: IntervalSet | None = reference(text, within)
    except Exception:
        theirs = None
    reference_time = time.perf_counter() - begin
    if ours is not None and theirs is not None:
        row.reference_read += 1
        row.ours_seconds += ours_time
        row.reference_seconds += reference_time
        if ours == theirs:
            row.equal_reference += 1
        else:
            row.differ.append(f"{path}: differs from recurring-ical-events")
    if has_ical:
        try:
            other: IntervalSet | None = independent(text, within)
        except Exception:
            other = None
        if ours is not None and other is not None:
            row.ical_read += 1
            if ours == other:
                row.equal_ical += 1


HEADER = (
    "| source program | files | read strict | read lenient | with problems | problems "
    "| equal to reference | equal to ical | untyped exceptions | ours (s) | reference (s) |"
)


def line(name: str, row: Row) -> str:
    return (
        f"| {name} | {row.files} | {row.strict} | {row.lenient} | {row.with_problems}"
        f" | {row.problems} | {row.equal_reference} / {row.reference_read}"
        f" | {row.equal_ical} / {row.ical_read} | {row.untyped}"
        f" | {row.ours_seconds:.2f} | {row.reference_seconds:.2f} |"
    )


def total(rows: Iterable[Row]) -> Row:
    result = Row()
    for row in rows:
        for name in Row.__dataclass_fields__:
            value = getattr(row, name)
            setattr(result, name, getattr(result, name) + value)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--verbose", action="store_true", help="name the files that differ")
    arguments = parser.parse_args(argv)
    try:
        import ical  # noqa: F401  (optional: the independent column)

        has_ical = True
    except ImportError:
        has_ical = False
    rows: dict[str, Row] = defaultdict(Row)
    warnings.simplefilter("ignore")
    for path in sorted(arguments.directory.rglob("*.ics")):
        text = path.read_bytes().decode("utf-8", "replace")
        measure(path, rows[program(text)], has_ical)
    order = [name for _, name in PROGRAMS if name in rows] + [FIXTURES]
    print(HEADER)
    print("|" + "---|" * 11)
    for name in order:
        if name in rows:
            print(line(name, rows[name]))
    real = total(rows[name] for name in order if name != FIXTURES and name in rows)
    print(line("**all programs**", real))
    everything = total(rows.values())
    print(line("**all files**", everything))
    if everything.reference_seconds:
        ratio = everything.ours_seconds / everything.reference_seconds
        print(f"\nOverhead on the files both read: {ratio:.2f}x the reference's time.")
    for row in rows.values():
        for text in row.untyped_files:
            print("UNTYPED", text)
        if arguments.verbose:
            for text in row.differ:
                print(text)
    return 1 if everything.untyped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
