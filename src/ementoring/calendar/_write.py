"""Sessions out as iCalendar text: invites (RFC 5546 iTIP), subscription feeds, free/busy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

import attrs

from ementoring._validate import items_of
from ementoring._words import short_date
from ementoring.accounting import Mentorship, Session, SessionAction, SessionStatus
from ementoring.calendar._common import (
    check_instant,
    check_interval,
    check_uid_domain,
    icalendar,
    unique_ids,
)
from ementoring.calendar._contacts import Contact, check_text
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.scheduling import Busy, Interval, IntervalSet
from ementoring.timezones import to_instant, to_local, zone, zone_key

__all__ = ["PRODID", "Method", "feed", "freebusy", "invite"]

PRODID = "-//ementoring//ementoring//EN"
"""The PRODID of every calendar written here (no version: output bytes stay stable)."""

Method = Literal["REQUEST", "CANCEL", "PUBLISH"]
"""The iTIP methods :func:`invite` writes (RFC 5546)."""

_METHODS: tuple[Method, ...] = ("REQUEST", "CANCEL", "PUBLISH")
_STATUS = {
    SessionStatus.PROPOSED: "TENTATIVE",
    SessionStatus.CONFIRMED: "CONFIRMED",
    SessionStatus.COMPLETED: "CONFIRMED",
    SessionStatus.NO_SHOW: "CONFIRMED",
    SessionStatus.CANCELLED: "CANCELLED",
}
_MAX_SUMMARY = 500
_MAX_DESCRIPTION = 10_000


def sequence(session: Session) -> int:
    """RFC 5546 SEQUENCE: one more for every change of time, and for a cancellation."""
    cancelled = 1 if session.status is SessionStatus.CANCELLED else 0
    return session.reschedules + cancelled


def _contacts(value: Any) -> dict[str, Contact]:
    contacts = items_of(value, Contact, "contacts", "a collection of Contact", each="a Contact")
    unique_ids(contacts, "contacts")
    return {c.id: c for c in contacts}


def _contact(contacts: Mapping[str, Contact], person: str, field: str) -> Contact:
    found = contacts.get(person)
    if found is None:
        raise UnknownIdError(field, person, "has no Contact in contacts")
    return found


def _pair_members(session: Session, mentorships: tuple[Mentorship, ...]) -> frozenset[str]:
    """Who the session is for (REQ-PARTICIPANT); with no mentorships given, everyone."""
    if not mentorships:
        return frozenset(session.participants)
    members = {person for m in mentorships if session.serves(m.id) for person in m.participant_ids}
    if not members:
        raise UnknownIdError(
            "mentorships", session.mentorship_ids, "none of them is the session's mentorship"
        )
    return frozenset(members)


def _accepted(session: Session) -> set[str]:
    """Who has agreed to the current time: its proposer and whoever confirmed it since."""
    agreed: set[str] = set()
    for event in session.history:
        if event.action is SessionAction.RESCHEDULE:
            agreed = set()
        if event.action in (SessionAction.RESCHEDULE, SessionAction.CONFIRM) and event.by:
            agreed.add(event.by)
    return agreed


def _written(instant: datetime, key: str) -> datetime:
    """The instant on the zone's clock, or in UTC when that reading would mean another instant.

    A reading in a fold's second pass is read back as the first (RFC 5545
    section 3.3.5), so such an instant is written in UTC, which is exact.
    """
    local = to_local(instant, key)
    if to_instant(local.replace(tzinfo=None, fold=0), key, policy="rfc5545") == instant:
        return local
    return instant


def _clock(interval: Interval, key: str) -> str:
    start, end = to_local(interval.start, key), to_local(interval.end, key)

    def day(value: datetime) -> str:
        return f"{short_date(value)} {value.year}"

    if start.date() == end.date():
        return f"{day(start)}, {start:%H:%M}-{end:%H:%M} ({key})"
    return f"{day(start)}, {start:%H:%M} - {day(end)}, {end:%H:%M} ({key})"


def _description(
    session: Session, contacts: Mapping[str, Contact], interval: Interval, extra: str | None
) -> str | None:
    lines = [
        f"- {contact.name or contact.id}: {_clock(interval, contact.zone)}"
        for person in session.participants
        if (contact := contacts[person]).zone is not None
    ]
    parts = []
    if lines:
        parts.append("Times for each participant:\n" + "\n".join(lines))
    if extra:
        parts.append(extra)
    return "\n\n".join(parts) or None


@lru_cache(maxsize=256)
def _vtimezone(key: str, first_year: int, last_year: int) -> Any:
    """A VTIMEZONE for the whole years, made once (it is never changed after)."""
    return icalendar().Timezone.from_tzinfo(
        zone(key), key, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )


def _address(ical: Any, contact: Contact, **params: str) -> Any:
    address = ical.vCalAddress(f"mailto:{contact.email}")
    if contact.name is not None:
        address.params["CN"] = contact.name
    for key, value in params.items():
        address.params[key] = value
    return address


@attrs.frozen
class _Context:
    """What every event of one message shares (all checked already)."""

    ical: Any
    contacts: Mapping[str, Contact]
    organizer: Contact | None
    key: str
    now: datetime
    uid_domain: str
    summary: str
    mentorships: tuple[Mentorship, ...]
    method: Method


def _event(context: _Context, session: Session, description: str | None, field: str) -> Any:
    ical, contacts, organizer, method = (
        context.ical,
        context.contacts,
        context.organizer,
        context.method,
    )
    interval = check_interval(session.interval, f"{field}.interval")
    start, end = check_instant(interval.start, "start"), check_instant(interval.end, "end")
    if not start < end:
        raise ValidationError(
            f"{field}.interval", interval, "lasts under a second (iCalendar has whole seconds)"
        )
    uid = check_text(
        f"{session.id}@{context.uid_domain}", f"{field}.id", max_length=500, lines=False
    )
    for person in session.participants:
        _contact(contacts, person, f"{field}.participants")
    members = _pair_members(session, context.mentorships)
    event = ical.Event()
    event.add("UID", uid)
    event.add("DTSTAMP", context.now)
    event.add("DTSTART", _written(start, context.key))
    event.add("DTEND", _written(end, context.key))
    event.add("SEQUENCE", sequence(session))
    event.add("STATUS", _STATUS[session.status])
    event.add("SUMMARY", context.summary)
    text = _description(session, contacts, Interval(start, end), description)
    if text is not None:
        event.add("DESCRIPTION", text)
    if organizer is not None:
        event.add("ORGANIZER", _address(ical, organizer))
    agreed = _accepted(session)
    if organizer is not None:
        agreed.add(organizer.id)
    for person in session.participants:
        answered = person in agreed
        event.add(
            "ATTENDEE",
            _address(
                ical,
                contacts[person],
                ROLE="REQ-PARTICIPANT" if person in members else "OPT-PARTICIPANT",
                PARTSTAT="ACCEPTED" if answered else "NEEDS-ACTION",
                RSVP="TRUE" if method == "REQUEST" and not answered else "FALSE",
            ),
        )
    return event


def _calendar(context: _Context, events: list[Any], name: str | None) -> str:
    calendar = _empty(context.ical, context.method)
    if name is not None:
        calendar.calendar_name = name
    zoned = [
        event[prop].dt
        for event in events
        for prop in ("DTSTART", "DTEND")
        if "TZID" in event[prop].params
    ]
    if zoned:
        first, last = min(zoned), max(zoned)
        calendar.add_component(_vtimezone(context.key, first.year, last.year))
    for event in events:
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _context(
    *,
    contacts: Any,
    organizer_id: Any,
    zone: Any,
    now: Any,
    uid_domain: Any,
    summary: Any,
    mentorships: Any,
    method: Method,
) -> _Context:
    known = _contacts(contacts)
    organizer = None
    if organizer_id is not None:
        if not isinstance(organizer_id, str):
            raise InvalidTypeError("organizer_id", organizer_id, "a participant id")
        organizer = _contact(known, organizer_id, "organizer_id")
    return _Context(
        ical=icalendar(),
        contacts=known,
        organizer=organizer,
        key=zone_key(zone, "zone"),
        now=check_instant(now, "now"),
        uid_domain=check_uid_domain(uid_domain),
        summary=check_text(summary, "summary", max_length=_MAX_SUMMARY),
        mentorships=items_of(
            mentorships,
            Mentorship,
            "mentorships",
            "a collection of Mentorship",
            each="a Mentorship",
        ),
        method=method,
    )


def invite(
    session: Session,
    *,
    contacts: Iterable[Contact],
    organizer_id: str,
    zone: str,
    now: datetime,
    uid_domain: str,
    summary: str,
    description: str | None = None,
    method: Method = "REQUEST",
    mentorships: Iterable[Mentorship] = (),
) -> str:
    """One session as an iCalendar invitation (RFC 5545 and RFC 5546 iTIP).

    The VEVENT's UID is ``<session id>@<uid_domain>`` for the session's whole
    life; ``SEQUENCE`` counts its changes of time (plus one once cancelled), so
    a calendar replaces its copy with each newer message; ``STATUS`` is
    TENTATIVE while proposed, CONFIRMED once confirmed (also when completed or
    missed) and CANCELLED. DTSTART and DTEND are read on ``zone``'s clock,
    with its VTIMEZONE; an instant in the second pass of a repeated hour, which
    that clock cannot name, is written in UTC. DESCRIPTION says the time on
    each participant's own clock (their ``Contact.zone``), then ``description``.

    Args:
        session: The session (its planned ``interval`` is the event's time).
        contacts: A :class:`Contact` for every participant and the organizer.
        organizer_id: Who sends the invitation (ORGANIZER; counts as accepted).
        zone: The event's home clock, e.g. the program's zone.
        now: When the message is made (DTSTAMP).
        uid_domain: The right side of the UID, e.g. ``"mentoring.example.org"``.
        summary: The event's title.
        description: More text, after the participants' times.
        method: ``"REQUEST"`` (invitations and updates), ``"CANCEL"`` (for a
            cancelled session) or ``"PUBLISH"``.
        mentorships: The session's mentorships (a group session serves
            several), so the members of every pair it serves are
            REQ-PARTICIPANT and anyone else (a guest) OPT-PARTICIPANT; without
            them, every participant is REQ-PARTICIPANT.

    Returns:
        The VCALENDAR text: CRLF line ends, lines folded at 75 octets, the same
        bytes for the same arguments.

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed.
        UnknownIdError: A participant or the organizer without a Contact, or
            ``mentorships`` without the session's.
        ValidationError: A bad argument, naming it; ``method="CANCEL"`` for a
            session that is not cancelled, or ``"REQUEST"`` for one that is.

    >>> from datetime import UTC, datetime
    >>> from ementoring.accounting import Session
    >>> from ementoring.scheduling import Interval
    >>> call = Session("s1", "m1", Interval(datetime(2026, 3, 10, 16, tzinfo=UTC),
    ...                                     datetime(2026, 3, 10, 17, tzinfo=UTC)), ["olga", "ivan"],
    ...                proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
    >>> people = [Contact("olga", "olga@example.org", "Olga", "America/Toronto"),
    ...           Contact("ivan", "ivan@example.org", "Ivan", "Europe/Moscow")]
    >>> text = invite(call, contacts=people, organizer_id="olga", zone="America/Toronto",
    ...               now=datetime(2026, 3, 1, tzinfo=UTC), uid_domain="example.org",
    ...               summary="Mentoring call")
    >>> print("\\n".join(line for line in text.splitlines() if line.startswith(("UID", "DTSTART;"))))
    DTSTART;TZID=America/Toronto:20260310T120000
    UID:s1@example.org
    """
    if not isinstance(session, Session):
        raise InvalidTypeError("session", session, "a Session")
    if method not in _METHODS:
        raise ValidationError("method", method, f"must be one of {', '.join(_METHODS)}")
    cancelled = session.status is SessionStatus.CANCELLED
    if method == "CANCEL" and not cancelled:
        raise ValidationError("method", method, "only a cancelled session is sent with CANCEL")
    if method == "REQUEST" and cancelled:
        raise ValidationError(
            "method", method, "a cancelled session is sent with CANCEL (RFC 5546)"
        )
    if organizer_id is None:
        raise InvalidTypeError("organizer_id", organizer_id, "a participant id")
    context = _context(
        contacts=contacts,
        organizer_id=organizer_id,
        zone=zone,
        now=now,
        uid_domain=uid_domain,
        summary=summary,
        mentorships=mentorships,
        method=method,
    )
    if description is not None:
        check_text(description, "description", max_length=_MAX_DESCRIPTION)
    event = _event(context, session, description, "session")
    return _calendar(context, [event], None)


def feed(
    sessions: Iterable[Session],
    *,
    contacts: Iterable[Contact],
    zone: str,
    now: datetime,
    uid_domain: str,
    name: str,
    summary: str = "Mentoring session",
    organizer_id: str | None = None,
    mentorships: Iterable[Mentorship] = (),
) -> str:
    """Sessions as a subscription calendar (METHOD:PUBLISH), e.g. a person's or a pair's.

    Every session is one VEVENT written as :func:`invite` writes it, cancelled
    ones with STATUS:CANCELLED so subscribers drop them; events are in order
    of start, then id.

    Args:
        sessions: The sessions (ids unique).
        contacts: A :class:`Contact` for every participant (and the organizer).
        zone: The events' home clock.
        now: When the feed is made (DTSTAMP).
        uid_domain: The right side of every UID.
        name: The calendar's name (NAME and X-WR-CALNAME).
        summary: Every event's title.
        organizer_id: Who organizes them (ORGANIZER), if anyone.
        mentorships: The sessions' mentorships, for the roles (see :func:`invite`).

    Returns:
        The VCALENDAR text (CRLF, folded, the same bytes for the same arguments).

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed.
        DuplicateIdError: Two sessions or two contacts with one id.
        UnknownIdError: A participant or the organizer without a Contact.
        ValidationError: A bad argument, naming it.

    >>> from datetime import UTC, datetime
    >>> from ementoring.accounting import Session
    >>> from ementoring.scheduling import Interval
    >>> def call(id, day): return Session(id, "m1", Interval(datetime(2026, 3, day, 16, tzinfo=UTC),
    ...                                   datetime(2026, 3, day, 17, tzinfo=UTC)), ["olga", "ivan"],
    ...                                   proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
    >>> people = [Contact("olga", "olga@example.org"), Contact("ivan", "ivan@example.org")]
    >>> text = feed([call("s2", 17), call("s1", 10)], contacts=people, zone="America/Toronto",
    ...             now=datetime(2026, 3, 1, tzinfo=UTC), uid_domain="example.org",
    ...             name="Olga and Ivan")
    >>> [line for line in text.splitlines() if line.startswith(("METHOD", "UID"))]
    ['METHOD:PUBLISH', 'UID:s1@example.org', 'UID:s2@example.org']
    """
    chosen = items_of(sessions, Session, "sessions", "a collection of Session", each="a Session")
    unique_ids(chosen, "sessions")
    context = _context(
        contacts=contacts,
        organizer_id=organizer_id,
        zone=zone,
        now=now,
        uid_domain=uid_domain,
        summary=summary,
        mentorships=mentorships,
        method="PUBLISH",
    )
    check_text(name, "name", max_length=_MAX_SUMMARY, lines=False)
    order = sorted(range(len(chosen)), key=lambda i: (chosen[i].interval.start, chosen[i].id))
    events = [_event(context, chosen[i], None, f"sessions[{i}]") for i in order]
    return _calendar(context, events, name)


def _empty(ical: Any, method: Method) -> Any:
    calendar = ical.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("METHOD", method)
    return calendar


def _busy_set(value: Any) -> IntervalSet:
    if isinstance(value, IntervalSet):
        return value
    entries = items_of(value, object, "busy", "a collection of Busy or Interval")
    intervals = []
    for index, entry in enumerate(entries):
        if isinstance(entry, Busy):
            intervals.append(entry.interval)
        elif isinstance(entry, Interval):
            intervals.append(entry)
        else:
            raise InvalidTypeError(f"busy[{index}]", entry, "a Busy or an Interval")
    return IntervalSet(intervals)


def freebusy(
    busy: Iterable[Busy | Interval] | IntervalSet,
    *,
    within: Interval,
    organizer: Contact,
    now: datetime,
    uid_domain: str,
) -> str:
    """A person's busy times as a VFREEBUSY (what calendar servers publish), in UTC.

    Busy periods are merged, clipped to ``within`` and written as
    ``FREEBUSY;FBTYPE=BUSY`` periods, to the whole second (starts rounded
    down, ends up, so nothing busy is lost).

    Args:
        busy: :class:`~ementoring.scheduling.Busy` values, intervals or an ``IntervalSet``.
        within: The range the free/busy information covers (DTSTART, DTEND).
        organizer: Whose busy times these are (ORGANIZER).
        now: When it is made (DTSTAMP).
        uid_domain: The right side of the UID.

    Returns:
        The VCALENDAR text (METHOD:PUBLISH; CRLF, folded, deterministic).

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed.
        ValidationError: A bad argument, naming it.

    >>> from datetime import UTC, datetime
    >>> from ementoring.scheduling import Interval
    >>> def at(hour): return datetime(2026, 3, 10, hour, tzinfo=UTC)
    >>> text = freebusy([Interval(at(16), at(17)), Interval(at(16), at(18))],
    ...                 within=Interval(at(0), at(23)), organizer=Contact("olga", "olga@example.org"),
    ...                 now=at(0), uid_domain="example.org")
    >>> [line for line in text.splitlines() if line.startswith("FREEBUSY")]
    ['FREEBUSY;FBTYPE=BUSY;VALUE=PERIOD:20260310T160000Z/20260310T180000Z']
    """
    window = check_interval(within, "within")
    if not isinstance(organizer, Contact):
        raise InvalidTypeError("organizer", organizer, "a Contact")
    stamp = check_instant(now, "now")
    domain = check_uid_domain(uid_domain)
    periods = _busy_set(busy).clip(window)
    ical = icalendar()
    start, end = window.start.replace(microsecond=0), _ceil(window.end)
    entry = ical.FreeBusy()
    entry.add(
        "UID",
        check_text(
            f"{organizer.id}-{start:%Y%m%dT%H%M%SZ}-{end:%Y%m%dT%H%M%SZ}@{domain}",
            "organizer.id",
            max_length=500,
            lines=False,
        ),
    )
    entry.add("DTSTAMP", stamp)
    entry.add("DTSTART", start)
    entry.add("DTEND", end)
    entry.add("ORGANIZER", _address(ical, organizer))
    whole = IntervalSet(Interval(p.start.replace(microsecond=0), _ceil(p.end)) for p in periods)
    if whole:
        entry.add("FREEBUSY", [(p.start, p.end) for p in whole], parameters={"FBTYPE": "BUSY"})
    calendar = _empty(ical, "PUBLISH")
    calendar.add_component(entry)
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _ceil(instant: datetime) -> datetime:
    if instant.microsecond:
        return instant.replace(microsecond=0) + timedelta(seconds=1)
    return instant
