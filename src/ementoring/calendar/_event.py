"""One session as a VEVENT for one reader: attendees with their replies, text in the reader's language."""

from __future__ import annotations

import warnings
from datetime import datetime
from typing import Any, Literal

import attrs

from ementoring._languages import LANGUAGES
from ementoring._validate import items_of, require_text
from ementoring.accounting import Answer, Mentorship, Session, SessionStatus, session_change
from ementoring.calendar._common import check_instant, check_interval, check_uid_domain, icalendar
from ementoring.display import SessionChange, on_each_clock, session_change_text
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.people import Directory, Person, as_directory
from ementoring.scheduling import Interval
from ementoring.timezones import to_instant, to_local, zone_key

__all__ = ["Context", "Method", "address", "context", "event"]

Method = Literal["REQUEST", "CANCEL", "PUBLISH"]
"""The iTIP methods :func:`~ementoring.calendar.invite` writes (RFC 5546)."""

_STATUS = {
    SessionStatus.PROPOSED: "TENTATIVE",
    SessionStatus.CONFIRMED: "CONFIRMED",
    SessionStatus.COMPLETED: "CONFIRMED",
    SessionStatus.NO_SHOW: "CONFIRMED",
    SessionStatus.CANCELLED: "CANCELLED",
}
_PARTSTAT = {
    Answer.ACCEPTED: "ACCEPTED",
    Answer.DECLINED: "DECLINED",
    Answer.TENTATIVE: "TENTATIVE",
    Answer.NO_ANSWER: "NEEDS-ACTION",
}
MAX_SUMMARY = 500
MAX_DESCRIPTION = 10_000


def _sequence(session: Session) -> int:
    """RFC 5546 SEQUENCE: one more for every change of time, and for a cancellation."""
    cancelled = 1 if session.status is SessionStatus.CANCELLED else 0
    return session.reschedules + cancelled


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


def _written(instant: datetime, key: str) -> datetime:
    """The instant on the zone's clock, or in UTC when that reading would mean another instant.

    A reading in a fold's second pass is read back as the first (RFC 5545
    section 3.3.5), so such an instant is written in UTC, which is exact.
    """
    local = to_local(instant, key)
    if to_instant(local.replace(tzinfo=None, fold=0), key, policy="rfc5545") == instant:
        return local
    return instant


def _change(session: Session, method: Method) -> SessionChange | None:
    """What the message tells its reader: the session's state, as a change they hear about."""
    return "cancelled" if method == "CANCEL" else session_change(session)


def address(ical: Any, person: Person, field: str, **params: str) -> Any:
    """A CAL-ADDRESS (``mailto:``) with the person's name as ``CN``."""
    if person.email is None:
        raise ValidationError(
            f"{field}[{person.id!r}].email", None, "a calendar needs this person's e-mail address"
        )
    value = ical.vCalAddress(f"mailto:{person.email}")
    if person.name is not None:
        value.params["CN"] = person.name
    for key, value_of in params.items():
        value.params[key] = value_of
    return value


@attrs.frozen
class Context:
    """What every event of one message shares (all checked already)."""

    ical: Any
    people: Directory
    field: str
    organizer: Person | None
    reader: Person | None
    key: str
    now: datetime
    uid_domain: str
    summary: str | None
    mentorships: tuple[Mentorship, ...]
    method: Method

    @property
    def locale(self) -> str:
        """The reader's language; English when the message has no reader."""
        return self.reader.locale if self.reader is not None else "en"

    def person(self, person_id: str, field: str) -> Person:
        found = self.people.get(person_id)
        if found is None:
            raise UnknownIdError(field, person_id, f"has no entry in {self.field}")
        return found


def _people(people: Any, contacts: Any) -> tuple[Directory, str]:
    """The directory given as ``people``, or through the deprecated ``contacts``."""
    if contacts is None:
        if people is None:
            raise InvalidTypeError("people", None, "a Directory or a collection of Person")
        return as_directory(people, "people"), "people"
    if people is not None:
        raise ValidationError("contacts", contacts, "give people=, not both people= and contacts=")
    warnings.warn(
        "contacts= is deprecated: pass people= (a Directory or Person entries, ementoring.people)",
        DeprecationWarning,
        stacklevel=4,
    )
    return as_directory(contacts, "contacts"), "contacts"


def context(
    *,
    people: Any,
    contacts: Any,
    organizer_id: Any,
    recipient: Any,
    zone: Any,
    now: Any,
    uid_domain: Any,
    summary: Any,
    mentorships: Any,
    method: Method,
) -> Context:
    """Check every argument a message shares, naming the bad one."""
    directory, field = _people(people, contacts)
    ids = {"organizer_id": organizer_id, "recipient": recipient}
    for name, value in ids.items():
        if value is not None and not isinstance(value, str):
            raise InvalidTypeError(name, value, "a person id")
    organizer = recipient_entry = None
    if organizer_id is not None:
        organizer = directory.get(organizer_id)
        if organizer is None:
            raise UnknownIdError("organizer_id", organizer_id, f"has no entry in {field}")
    if recipient is not None:
        recipient_entry = directory.get(recipient)
        if recipient_entry is None:
            raise UnknownIdError("recipient", recipient, f"has no entry in {field}")
    if summary is not None:
        summary = require_text(summary, "summary", max_length=MAX_SUMMARY)
    return Context(
        ical=icalendar(),
        people=directory,
        field=field,
        organizer=organizer,
        # The message is in the recipient's language; the organizer's own copy in theirs.
        reader=recipient_entry if recipient_entry is not None else organizer,
        key=zone_key(zone, "zone"),
        now=check_instant(now, "now"),
        uid_domain=check_uid_domain(uid_domain),
        summary=summary,
        mentorships=items_of(
            mentorships,
            Mentorship,
            "mentorships",
            "a collection of Mentorship",
            each="a Mentorship",
        ),
        method=method,
    )


def _description(context: Context, session: Session, when: Interval, extra: str | None) -> str:
    """What happened, each participant's time on their own clock, then the caller's text."""
    language = LANGUAGES[context.locale]
    clock = context.reader.clock(context.key) if context.reader is not None else context.key
    parts = []
    change = _change(session, context.method)
    if change is not None:
        before = session.earlier_intervals[-1] if change == "moved" else None
        parts.append(session_change_text(change, when, clock, locale=context.locale, before=before))
    everyone = [context.people[person] for person in session.participants]
    lines = on_each_clock(when, everyone, locale=context.locale, zone=context.key)
    parts.append("\n".join([language.times_heading, *(f"- {line}" for line in lines)]))
    if extra:
        parts.append(extra)
    return "\n\n".join(parts)


def event(context: Context, session: Session, description: str | None, field: str) -> Any:
    """The VEVENT of ``session``, written for the context's reader."""
    ical = context.ical
    interval = check_interval(session.interval, f"{field}.interval")
    start, end = check_instant(interval.start, "start"), check_instant(interval.end, "end")
    if not start < end:
        raise ValidationError(
            f"{field}.interval", interval, "lasts under a second (iCalendar has whole seconds)"
        )
    uid = require_text(
        f"{session.id}@{context.uid_domain}", f"{field}.id", max_length=500, lines=False
    )
    attendees = [context.person(p, f"{field}.participants") for p in session.participants]
    members = _pair_members(session, context.mentorships)
    language = {"LANGUAGE": context.locale}
    summary = context.summary or LANGUAGES[context.locale].session_title
    text = _description(context, session, Interval(start, end), description)
    entry = ical.Event()
    entry.add("UID", uid)
    entry.add("DTSTAMP", context.now)
    entry.add("DTSTART", _written(start, context.key))
    entry.add("DTEND", _written(end, context.key))
    entry.add("SEQUENCE", _sequence(session))
    entry.add("STATUS", _STATUS[session.status])
    entry.add("SUMMARY", summary, parameters=language)
    entry.add("DESCRIPTION", text, parameters=language)
    organizer = context.organizer
    if organizer is not None:
        entry.add("ORGANIZER", address(ical, organizer, context.field))
    replies = session.replies
    for person in attendees:
        answer = replies[person.id]
        if organizer is not None and person.id == organizer.id and answer is Answer.NO_ANSWER:
            answer = Answer.ACCEPTED  # who sends the invitation takes part unless they said not
        partstat = _PARTSTAT[answer]
        entry.add(
            "ATTENDEE",
            address(
                ical,
                person,
                context.field,
                ROLE="REQ-PARTICIPANT" if person.id in members else "OPT-PARTICIPANT",
                PARTSTAT=partstat,
                RSVP="TRUE"
                if context.method == "REQUEST" and partstat == "NEEDS-ACTION"
                else "FALSE",
            ),
        )
    return entry
