"""Sessions out as iCalendar text: invites (RFC 5546 iTIP), subscription feeds, free/busy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from ementoring._validate import items_of, require_text
from ementoring.accounting import Mentorship, Session, SessionStatus
from ementoring.calendar._common import (
    check_instant,
    check_interval,
    check_uid_domain,
    icalendar,
    unique_ids,
)
from ementoring.calendar._event import (
    MAX_DESCRIPTION,
    MAX_SUMMARY,
    Context,
    Method,
    address,
    context,
    event,
)
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.people import Directory, Person
from ementoring.scheduling import Busy, Interval, IntervalSet
from ementoring.timezones import zone

__all__ = ["PRODID", "Method", "feed", "freebusy", "invite"]

PRODID = "-//ementoring//ementoring//EN"
"""The PRODID of every calendar written here (no version: output bytes stay stable)."""

_METHODS: tuple[Method, ...] = ("REQUEST", "CANCEL", "PUBLISH")


@lru_cache(maxsize=256)
def _vtimezone(key: str, first_year: int, last_year: int) -> Any:
    """A VTIMEZONE for the whole years, made once (it is never changed after)."""
    return icalendar().Timezone.from_tzinfo(
        zone(key), key, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )


def _calendar(context: Context, events: list[Any], name: str | None) -> str:
    calendar = _empty(context.ical, context.method)
    if name is not None:
        calendar.calendar_name = name
    zoned = [
        entry[prop].dt
        for entry in events
        for prop in ("DTSTART", "DTEND")
        if "TZID" in entry[prop].params
    ]
    if zoned:
        first, last = min(zoned), max(zoned)
        calendar.add_component(_vtimezone(context.key, first.year, last.year))
    for entry in events:
        calendar.add_component(entry)
    text: str = calendar.to_ical().decode("utf-8")
    return text


def invite(
    session: Session,
    *,
    people: Directory | Iterable[Person] | None = None,
    organizer_id: str,
    zone: str,
    now: datetime,
    uid_domain: str,
    summary: str | None = None,
    description: str | None = None,
    method: Method = "REQUEST",
    mentorships: Iterable[Mentorship] = (),
    recipient: str | None = None,
    contacts: Iterable[Person] | None = None,
) -> str:
    """One session as an iCalendar invitation (RFC 5545 and RFC 5546 iTIP), for one reader.

    The VEVENT's UID is ``<session id>@<uid_domain>`` for the session's whole
    life; ``SEQUENCE`` counts its changes of time (plus one once cancelled), so
    a calendar replaces its copy with each newer message; ``STATUS`` is
    TENTATIVE while proposed, CONFIRMED once confirmed (also when completed or
    missed) and CANCELLED. DTSTART and DTEND are read on ``zone``'s clock,
    with its VTIMEZONE; an instant in the second pass of a repeated hour, which
    that clock cannot name, is written in UTC. Each ATTENDEE's ``PARTSTAT`` is
    their reply (``Session.replies``: ACCEPTED, DECLINED, TENTATIVE or
    NEEDS-ACTION; the organizer counts as accepted until they answer).

    The text is for ``recipient`` (else the organizer): SUMMARY and
    DESCRIPTION in their language, with ``LANGUAGE`` set; DESCRIPTION says
    what happened (the session booked, moved, confirmed or cancelled) on their
    clock, then each participant's time on that participant's own clock, the
    clocks named as :mod:`ementoring.display` names them, then ``description``.

    Args:
        session: The session (its planned ``interval`` is the event's time).
        people: The directory: an entry, with an e-mail address, for every
            participant and the organizer (a :class:`~ementoring.people.Directory`
            or :class:`~ementoring.people.Person` entries).
        organizer_id: Who sends the invitation (ORGANIZER).
        zone: The event's home clock, e.g. the program's zone; also the clock
            of anyone without a zone.
        now: When the message is made (DTSTAMP).
        uid_domain: The right side of the UID, e.g. ``"mentoring.example.org"``.
        summary: The event's title, in the reader's language; by default the
            language's own ("Mentoring session").
        description: More text, after the participants' times.
        method: ``"REQUEST"`` (invitations and updates), ``"CANCEL"`` (for a
            cancelled session) or ``"PUBLISH"``.
        mentorships: The session's mentorships (a group session serves
            several), so the members of every pair it serves are
            REQ-PARTICIPANT and anyone else (a guest) OPT-PARTICIPANT; without
            them, every participant is REQ-PARTICIPANT.
        recipient: Whose copy this is: its text is in their language, on their clock.
        contacts: Deprecated name of ``people`` (with a ``DeprecationWarning``).

    Returns:
        The VCALENDAR text: CRLF line ends, lines folded at 75 octets, the same
        bytes for the same arguments.

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed, or the
            reader's language is not English and the ``i18n`` extra is not.
        UnknownIdError: A participant, the organizer or the recipient not in
            ``people``, or ``mentorships`` without the session's.
        ValidationError: A bad argument, naming it; someone in the invitation
            without an e-mail address; ``method="CANCEL"`` for a session that
            is not cancelled, or ``"REQUEST"`` for one that is.

    >>> from datetime import UTC, datetime
    >>> from ementoring.accounting import Session
    >>> from ementoring.scheduling import Interval
    >>> call = Session("s1", "m1", Interval(datetime(2026, 3, 10, 16, tzinfo=UTC),
    ...                                     datetime(2026, 3, 10, 17, tzinfo=UTC)), ["olga", "ivan"],
    ...                proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
    >>> people = [Person(id="olga", email="olga@example.org", zone="America/Toronto"),
    ...           Person(id="ivan", email="ivan@example.org", zone="Europe/Moscow", locale="ru")]
    >>> text = invite(call, people=people, organizer_id="olga", zone="America/Toronto",
    ...               now=datetime(2026, 3, 1, tzinfo=UTC), uid_domain="example.org",
    ...               recipient="ivan")
    >>> print("\\n".join(line for line in text.splitlines() if line.startswith(("UID", "DTSTART;"))))
    DTSTART;TZID=America/Toronto:20260310T120000
    UID:s1@example.org
    >>> [line for line in text.splitlines() if line.startswith("SUMMARY")]
    ['SUMMARY;LANGUAGE=ru:Встреча по наставничеству']
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
    shared = context(
        people=people,
        contacts=contacts,
        organizer_id=organizer_id,
        recipient=recipient,
        zone=zone,
        now=now,
        uid_domain=uid_domain,
        summary=summary,
        mentorships=mentorships,
        method=method,
    )
    if description is not None:
        require_text(description, "description", max_length=MAX_DESCRIPTION)
    return _calendar(shared, [event(shared, session, description, "session")], None)


def feed(
    sessions: Iterable[Session],
    *,
    people: Directory | Iterable[Person] | None = None,
    zone: str,
    now: datetime,
    uid_domain: str,
    name: str,
    summary: str | None = None,
    organizer_id: str | None = None,
    mentorships: Iterable[Mentorship] = (),
    recipient: str | None = None,
    contacts: Iterable[Person] | None = None,
) -> str:
    """Sessions as a subscription calendar (METHOD:PUBLISH), e.g. a person's or a pair's.

    Every session is one VEVENT written as :func:`invite` writes it, cancelled
    ones with STATUS:CANCELLED so subscribers drop them; events are in order
    of start, then id. The text is in ``recipient``'s language and on their
    clock (else the organizer's; English on ``zone``'s clock without either).

    Args:
        sessions: The sessions (ids unique).
        people: The directory: an entry, with an e-mail address, for every
            participant (and the organizer).
        zone: The events' home clock.
        now: When the feed is made (DTSTAMP).
        uid_domain: The right side of every UID.
        name: The calendar's name (NAME and X-WR-CALNAME).
        summary: Every event's title; by default the language's own.
        organizer_id: Who organizes them (ORGANIZER), if anyone.
        mentorships: The sessions' mentorships, for the roles (see :func:`invite`).
        recipient: Whose feed this is: its text is in their language, on their clock.
        contacts: Deprecated name of ``people`` (with a ``DeprecationWarning``).

    Returns:
        The VCALENDAR text (CRLF, folded, the same bytes for the same arguments).

    Raises:
        MissingExtraError: The ``calendar`` extra is not installed, or the
            reader's language is not English and the ``i18n`` extra is not.
        DuplicateIdError: Two sessions or two people with one id.
        UnknownIdError: A participant, the organizer or the recipient not in ``people``.
        ValidationError: A bad argument, naming it.

    >>> from datetime import UTC, datetime
    >>> from ementoring.accounting import Session
    >>> from ementoring.scheduling import Interval
    >>> def call(id, day): return Session(id, "m1", Interval(datetime(2026, 3, day, 16, tzinfo=UTC),
    ...                                   datetime(2026, 3, day, 17, tzinfo=UTC)), ["olga", "ivan"],
    ...                                   proposed_at=datetime(2026, 3, 1, tzinfo=UTC))
    >>> people = [Person(id="olga", email="olga@example.org"),
    ...           Person(id="ivan", email="ivan@example.org")]
    >>> text = feed([call("s2", 17), call("s1", 10)], people=people, zone="America/Toronto",
    ...             now=datetime(2026, 3, 1, tzinfo=UTC), uid_domain="example.org",
    ...             name="Olga and Ivan")
    >>> [line for line in text.splitlines() if line.startswith(("METHOD", "UID"))]
    ['METHOD:PUBLISH', 'UID:s1@example.org', 'UID:s2@example.org']
    """
    chosen = items_of(sessions, Session, "sessions", "a collection of Session", each="a Session")
    unique_ids(chosen, "sessions")
    shared = context(
        people=people,
        contacts=contacts,
        organizer_id=organizer_id,
        recipient=recipient,
        zone=zone,
        now=now,
        uid_domain=uid_domain,
        summary=summary,
        mentorships=mentorships,
        method="PUBLISH",
    )
    require_text(name, "name", max_length=MAX_SUMMARY, lines=False)
    order = sorted(range(len(chosen)), key=lambda i: (chosen[i].interval.start, chosen[i].id))
    events = [event(shared, chosen[i], None, f"sessions[{i}]") for i in order]
    return _calendar(shared, events, name)


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
    organizer: Person,
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
        organizer: Whose busy times these are (ORGANIZER; their e-mail address is needed).
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
    ...                 within=Interval(at(0), at(23)), organizer=Person(id="olga", email="olga@example.org"),
    ...                 now=at(0), uid_domain="example.org")
    >>> [line for line in text.splitlines() if line.startswith("FREEBUSY")]
    ['FREEBUSY;FBTYPE=BUSY;VALUE=PERIOD:20260310T160000Z/20260310T180000Z']
    """
    window = check_interval(within, "within")
    if not isinstance(organizer, Person):
        raise InvalidTypeError("organizer", organizer, "a Person (ementoring.people)")
    stamp = check_instant(now, "now")
    domain = check_uid_domain(uid_domain)
    periods = _busy_set(busy).clip(window)
    ical = icalendar()
    start, end = window.start.replace(microsecond=0), _ceil(window.end)
    entry = ical.FreeBusy()
    entry.add(
        "UID",
        require_text(
            f"{organizer.id}-{start:%Y%m%dT%H%M%SZ}-{end:%Y%m%dT%H%M%SZ}@{domain}",
            "organizer.id",
            max_length=500,
            lines=False,
        ),
    )
    entry.add("DTSTAMP", stamp)
    entry.add("DTSTART", start)
    entry.add("DTEND", end)
    entry.add("ORGANIZER", address(ical, organizer, "organizer"))
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
