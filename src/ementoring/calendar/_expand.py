"""From checked VEVENTs and VFREEBUSYs to busy spans: series, occurrences and instants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

from ementoring.calendar._parse import as_text, children, values
from ementoring.calendar._problems import CalendarProblemKind, Problems, Skip, skip
from ementoring.errors import EmentoringError, ExpansionLimitError
from ementoring.scheduling import Interval
from ementoring.timezones import UTC, to_instant

__all__ = ["MARGIN", "busy_spans", "freebusy_spans", "separate"]

MARGIN = timedelta(days=2)
"""How far before and after the range occurrences are read: an occurrence may start two
days earlier and still reach into the range once read on a clock up to 26 hours from UTC
(floating and all-day values)."""
_BUSY_TYPES = frozenset({"BUSY", "BUSY-TENTATIVE", "BUSY-UNAVAILABLE"})
_Kind = CalendarProblemKind


def _instant(value: Any, key: str) -> datetime:
    """An occurrence's start or end as an instant: floating times and dates on ``key``'s clock."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            # RFC 5545 3.3.5: a floating time in a gap or fold, as for a TZID.
            return to_instant(value.replace(tzinfo=None, fold=0), key, policy="rfc5545")
        return value.astimezone(UTC)
    # A day begins when the clock first reads midnight or later.
    return to_instant(datetime.combine(value, time(0)), key, policy="wall_clock")


def _recurrence_key(event: Any) -> tuple[str, ...]:
    """Which occurrence an override replaces, comparable across zones."""
    found = []
    for value in values(event, "RECURRENCE-ID"):
        moment = value.dt
        if isinstance(moment, datetime) and moment.utcoffset() is not None:
            moment = moment.astimezone(UTC)
        found.append(f"{type(moment).__name__} {moment.isoformat()}")
    return tuple(sorted(found))


def separate(ical: Any, calendar: Any) -> dict[str, tuple[str, list[Any]]]:
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
    rules = [as_text(rule) for component in components for rule in values(component, "RRULE")]
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


def busy_spans(
    rie: Any,
    ical: Any,
    calendar: Any,
    members: dict[str, tuple[str, list[Any]]],
    window: Interval,
    read: tuple[str, bool, list[int]],
    problems: Problems,
) -> list[tuple[datetime, datetime]]:
    """Every busy occurrence near ``window``; a series the expander cannot read is skipped.

    ``read`` is the owner's zone key, whether all-day events are ignored, and the
    budget of occurrences left (``[left, max_occurrences]``).
    """
    key, ignore_all_day, budget = read
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
    low, high = window.start - MARGIN, window.end + MARGIN
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
                if ignore_all_day and not isinstance(start, datetime):
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


def freebusy_spans(
    calendar: Any, key: str, window: Interval, budget: list[int]
) -> Iterator[tuple[datetime, datetime]]:
    """The busy periods of every VFREEBUSY (FBTYPE BUSY, BUSY-TENTATIVE or BUSY-UNAVAILABLE)."""
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
