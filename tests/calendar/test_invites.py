"""Sessions out as iCalendar: invites, feeds and free/busy, read back by the outside tools."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given
from hypothesis import strategies as st

from ementoring.accounting import (
    Answer,
    Mentorship,
    Program,
    Session,
    cancel,
    complete,
    confirm,
    reply,
    reschedule,
)
from ementoring.calendar import Contact, Method, busy_from_ics, feed, freebusy, invite
from ementoring.errors import (
    DuplicateIdError,
    InvalidTypeError,
    MissingExtraError,
    UnknownIdError,
    ValidationError,
)
from ementoring.people import Directory, Person
from ementoring.scheduling import Busy, Interval, IntervalSet
from ementoring.testing import interval_sets, sessions, zones
from ementoring.timezones import EARLIEST

PEOPLE = [
    Person(id="olga", email="olga@example.org", name="Olga Sokolova", zone="America/Toronto"),
    Person(id="ivan", email="ivan@example.org", name="Ivan Petrov", zone="Europe/Moscow"),
    Person(id="dana", email="dana@example.org", name="Dana Levi", zone="Asia/Jerusalem"),
]
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="America/Toronto")
PAIR = Mentorship("m1", "p", "olga", "ivan", started_on=date(2026, 3, 2))


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def call(participants: tuple[str, ...] = ("olga", "ivan")) -> Session:
    return Session(
        "s1", "m1", Interval(at(10, 16), at(10, 17)), list(participants), proposed_at=EARLIEST
    )


def write(session: Session, **changes: object) -> str:
    arguments: dict[str, object] = {
        "people": PEOPLE,
        "organizer_id": "olga",
        "zone": "America/Toronto",
        "now": NOW,
        "uid_domain": "example.org",
        "summary": "Mentoring call",
    }
    arguments.update(changes)
    return invite(session, **arguments)  # type: ignore[arg-type]


def event_of(text: str) -> Any:
    calendar: Any = icalendar.Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    return event


def attendees(event: Any) -> dict[str, dict[str, str]]:
    found = event.get("ATTENDEE")
    values = found if isinstance(found, list) else [found]
    return {str(a).removeprefix("mailto:").split("@")[0]: dict(a.params) for a in values}


class TestInvite:
    def test_the_fields_rfc_5546_asks_for(self) -> None:
        """METHOD, PRODID, VERSION, VTIMEZONE, UID, DTSTAMP, zoned DTSTART, SEQUENCE, STATUS."""
        text = write(call())
        calendar: Any = icalendar.Calendar.from_ical(text)
        assert (str(calendar["METHOD"]), str(calendar["VERSION"])) == ("REQUEST", "2.0")
        assert str(calendar["PRODID"]) == "-//ementoring//ementoring//EN"
        assert [tz.tz_name for tz in calendar.timezones] == ["America/Toronto"]
        event = event_of(text)
        assert str(event["UID"]) == "s1@example.org"
        assert event["DTSTAMP"].dt == NOW
        assert "DTSTART;TZID=America/Toronto:20260310T120000\r\n" in text
        assert event["SEQUENCE"] == 0
        assert str(event["STATUS"]) == "TENTATIVE"

    def test_every_line_is_crlf_and_folded(self) -> None:
        """Lines end in CRLF and none is longer than 75 octets (RFC 5545 3.1)."""
        text = write(call(("olga", "ivan", "dana")), description="Notes " * 80)
        assert text.endswith("\r\n")
        assert "\n" not in text.replace("\r\n", "")
        assert max(len(line.encode()) for line in text.split("\r\n")) <= 75

    def test_same_arguments_same_bytes(self) -> None:
        """Deterministic: the text depends on the arguments only (contact order included)."""
        assert write(call()) == write(call(), people=list(reversed(PEOPLE)))

    def test_sequence_grows_with_each_time_change_and_cancel(self) -> None:
        """A reschedule adds one, a confirmation nothing, a cancellation one more."""
        session = confirm(call(), by="ivan", at=at(2, 0))
        moved = reschedule(
            session, Interval(at(12, 16), at(12, 17)), by="olga", at=at(3, 0), reason="trip"
        )
        gone = cancel(moved, program=PROGRAM, by="olga", at=at(4, 0), reason="ill", final=True)
        sequences = [
            event_of(write(session))["SEQUENCE"],
            event_of(write(moved))["SEQUENCE"],
            event_of(write(gone, method="CANCEL"))["SEQUENCE"],
        ]
        assert sequences == [0, 1, 2]
        assert str(event_of(write(session))["STATUS"]) == "CONFIRMED"
        cancelled = write(gone, method="CANCEL")
        assert "METHOD:CANCEL\r\n" in cancelled
        assert str(event_of(cancelled)["STATUS"]) == "CANCELLED"
        assert str(event_of(cancelled)["UID"]) == "s1@example.org"

    def test_cancel_and_request_follow_the_status(self) -> None:
        """CANCEL only for a cancelled session; a cancelled one is not sent as a REQUEST."""
        with pytest.raises(ValidationError, match="only a cancelled session"):
            write(call(), method="CANCEL")
        gone = cancel(call(), program=PROGRAM, by="olga", at=at(4, 0), reason="x", final=True)
        with pytest.raises(ValidationError, match="sent with CANCEL"):
            write(gone)
        with pytest.raises(ValidationError, match="must be one of"):
            write(call(), method="REPLY")

    def test_roles_partstat_and_rsvp(self) -> None:
        """The pair is required and the guest optional; whoever agreed to the time has accepted."""
        session = confirm(call(("olga", "ivan", "dana")), by="ivan", at=at(2, 0))
        people = attendees(event_of(write(session, mentorships=[PAIR])))
        assert people["olga"]["ROLE"] == people["ivan"]["ROLE"] == "REQ-PARTICIPANT"
        assert people["dana"]["ROLE"] == "OPT-PARTICIPANT"
        assert people["olga"]["PARTSTAT"] == people["ivan"]["PARTSTAT"] == "ACCEPTED"
        assert (people["dana"]["PARTSTAT"], people["dana"]["RSVP"]) == ("NEEDS-ACTION", "TRUE")
        assert people["ivan"]["CN"] == "Ivan Petrov"
        # A new time needs everyone's answer again, except its proposer's.
        moved = reschedule(
            session, Interval(at(12, 16), at(12, 17)), by="dana", at=at(3, 0), reason="clash"
        )
        people = attendees(event_of(write(moved, mentorships=[PAIR])))
        assert people["ivan"]["PARTSTAT"] == "NEEDS-ACTION"
        assert people["dana"]["PARTSTAT"] == "ACCEPTED"
        # Without the mentorship everyone is required.
        assert {p["ROLE"] for p in attendees(event_of(write(session))).values()} == {
            "REQ-PARTICIPANT"
        }
        organizer = event_of(write(session))["ORGANIZER"]
        assert str(organizer) == "mailto:olga@example.org"

    def test_a_group_session_requires_every_pair_it_serves(self) -> None:
        """A session for two pairs: all four members required, the guest optional."""
        other = Mentorship("m2", "p", "anna", "boris", started_on=date(2026, 3, 2))
        everyone = [
            *PEOPLE,
            Person(id="anna", email="anna@example.org"),
            Person(id="boris", email="b@example.org"),
        ]
        group = Session(
            "s7", ["m1", "m2"], Interval(at(10, 16), at(10, 17)),
            ["olga", "ivan", "anna", "boris", "dana"], proposed_at=EARLIEST
        )  # fmt: skip
        roles = {
            person: params["ROLE"]
            for person, params in attendees(
                event_of(write(group, people=everyone, mentorships=[PAIR, other]))
            ).items()
        }
        assert roles == {
            "olga": "REQ-PARTICIPANT",
            "ivan": "REQ-PARTICIPANT",
            "anna": "REQ-PARTICIPANT",
            "b": "REQ-PARTICIPANT",
            "dana": "OPT-PARTICIPANT",
        }

    def test_description_says_each_clock(self) -> None:
        """What happened, each participant's own clock named by its city, then the caller's text."""
        event = event_of(write(call(("olga", "ivan", "dana")), description="Bring your CV."))
        assert str(event["DESCRIPTION"]).splitlines() == [
            "A session is booked for Tue 10 Mar, 12:00–13:00 Toronto time.",
            "",
            "Times for each participant:",
            "- Dana Levi: Tue 10 Mar, 18:00–19:00 Jerusalem time",
            "- Ivan Petrov: Tue 10 Mar, 19:00–20:00 Moscow time",
            "- Olga Sokolova: Tue 10 Mar, 12:00–13:00 Toronto time",
            "",
            "Bring your CV.",
        ]

    def test_a_second_pass_instant_is_written_in_utc(self) -> None:
        """01:30 EST on 1 November (the repeated hour's second pass) cannot be named on the clock."""
        second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
        session = Session(
            "s9",
            "m1",
            Interval(second, second + timedelta(hours=1)),
            ["olga", "ivan"],
            proposed_at=EARLIEST,
        )
        text = write(session)
        assert "DTSTART:20261101T063000Z\r\n" in text
        assert event_of(text)["DTSTART"].dt == second

    def test_bad_arguments(self) -> None:
        """Every bad argument is a typed error naming it."""
        with pytest.raises(InvalidTypeError):
            write("s1")  # type: ignore[arg-type]
        with pytest.raises(UnknownIdError, match="people"):
            write(call(("olga", "zoe")))
        with pytest.raises(UnknownIdError, match="organizer_id"):
            write(call(), organizer_id="zoe")
        with pytest.raises(UnknownIdError, match="recipient"):
            write(call(), recipient="zoe")
        with pytest.raises(DuplicateIdError):
            write(call(), people=[*PEOPLE, PEOPLE[0]])
        with pytest.raises(ValidationError, match=r"people\['ivan'\]\.email"):
            write(call(), people=[PEOPLE[0], Person(id="ivan"), PEOPLE[2]])
        with pytest.raises(ValidationError, match="uid_domain"):
            write(call(), uid_domain="not a domain")
        with pytest.raises(ValidationError, match="summary"):
            write(call(), summary="bell\x07")
        with pytest.raises(ValidationError, match="now"):
            write(call(), now=datetime(2026, 3, 1))
        with pytest.raises(ValidationError, match="zone"):
            write(call(), zone="Mars/Olympus")
        with pytest.raises(UnknownIdError, match="mentorships"):
            write(
                call(), mentorships=[Mentorship("m2", "p", "a", "b", started_on=date(2026, 3, 2))]
            )

    @given(sessions(), zones(), zones(), st.booleans())
    def test_law_every_invite_reads_back_to_the_session_interval(
        self, session: Session, home: str, theirs: str, cancelled: bool
    ) -> None:
        """icalendar and recurring-ical-events read back exactly the session's UTC interval."""
        if cancelled and session.status.value in ("proposed", "confirmed"):
            session = cancel(
                session,
                program=PROGRAM,
                by=session.participants[0],
                at=session.history[-1].at if session.history else session.proposed_at or NOW,
                reason="x",
                final=True,
            )
        people = [Person(id=p, email=f"{p}@example.org", zone=theirs) for p in session.participants]
        method: Method = "CANCEL" if session.status.value == "cancelled" else "REQUEST"

        def send(entries: list[Person]) -> str:
            return invite(session, people=entries, organizer_id=session.participants[0],
                          zone=home, now=NOW, uid_domain="example.org", summary="Call",
                          method=method)  # fmt: skip

        text = send(people)
        event = event_of(text)
        assert event["DTSTART"].dt.astimezone(UTC) == session.interval.start
        assert event["DTEND"].dt.astimezone(UTC) == session.interval.end
        calendar: Any = icalendar.Calendar.from_ical(text)
        day = timedelta(days=2)
        (found,) = recurring_ical_events.of(calendar).between(
            session.interval.start - day, session.interval.end + day
        )
        assert (found["DTSTART"].dt.astimezone(UTC), found["DTEND"].dt.astimezone(UTC)) == (
            session.interval.start,
            session.interval.end,
        )
        assert event["SEQUENCE"] == session.reschedules + (method == "CANCEL")
        assert text == send(people[::-1])


class TestFeed:
    def test_publish_in_order_with_cancelled_sessions(self) -> None:
        """METHOD:PUBLISH, the calendar's name, every session in start order, cancelled kept."""
        later = Session(
            "s2", "m1", Interval(at(17, 16), at(17, 17)), ["olga", "ivan"], proposed_at=EARLIEST
        )
        gone = cancel(later, program=PROGRAM, by="olga", at=at(4, 0), reason="x", final=True)
        text = feed(
            [gone, call()],
            people=PEOPLE,
            zone="America/Toronto",
            now=NOW,
            uid_domain="example.org",
            name="Olga and Ivan",
        )
        calendar: Any = icalendar.Calendar.from_ical(text)
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert calendar.calendar_name == "Olga and Ivan"
        events = calendar.walk("VEVENT")
        assert [str(e["UID"]) for e in events] == ["s1@example.org", "s2@example.org"]
        assert [str(e["STATUS"]) for e in events] == ["TENTATIVE", "CANCELLED"]
        assert all(e["ATTENDEE"][0].params["RSVP"] == "FALSE" for e in events)

    def test_errors(self) -> None:
        """Duplicate sessions and strangers are typed errors."""
        with pytest.raises(DuplicateIdError):
            feed(
                [call(), call()],
                people=PEOPLE,
                zone="UTC",
                now=NOW,
                uid_domain="example.org",
                name="x",
            )
        with pytest.raises(InvalidTypeError):
            feed(
                "s1",  # type: ignore[arg-type]
                people=PEOPLE,
                zone="UTC",
                now=NOW,
                uid_domain="example.org",
                name="x",
            )


class TestFreeBusy:
    @given(interval_sets())
    def test_law_read_back_is_the_busy_set_clipped(self, busy: IntervalSet) -> None:
        """busy_from_ics(freebusy(busy)) is the busy set, widened to whole seconds, clipped."""
        if not busy:
            return
        start = busy[0].start.replace(microsecond=0)
        within = Interval(start + (busy[-1].end - start) // 3, busy[-1].end + timedelta(hours=1))
        within = Interval(within.start.replace(microsecond=0), within.end.replace(microsecond=0))
        text = freebusy(busy, within=within, organizer=PEOPLE[0], now=NOW, uid_domain="example.org")
        got = busy_from_ics(text, within=within, zone="Asia/Jerusalem")
        whole = IntervalSet(Interval(i.start.replace(microsecond=0), _ceil(i.end)) for i in busy)
        assert IntervalSet(b.interval for b in got) == whole.clip(within)

    def test_accepts_busy_values_and_refuses_others(self) -> None:
        """Busy values and intervals both work; anything else is a typed error."""
        window = Interval(at(10, 0), at(11, 0))
        one = freebusy(
            [Busy(Interval(at(10, 16), at(10, 17)))],
            within=window,
            organizer=PEOPLE[0],
            now=NOW,
            uid_domain="example.org",
        )
        assert "FREEBUSY;FBTYPE=BUSY;VALUE=PERIOD:20260310T160000Z/20260310T170000Z" in one
        with pytest.raises(InvalidTypeError, match=r"busy\[0\]"):
            freebusy(
                [5],  # type: ignore[list-item]
                within=window,
                organizer=PEOPLE[0],
                now=NOW,
                uid_domain="example.org",
            )


def _ceil(instant: datetime) -> datetime:
    whole = instant.replace(microsecond=0)
    return whole if whole == instant else whole + timedelta(seconds=1)


class TestContact:
    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            (("", "a@example.org"), "id"),
            (("a", "no-at-sign"), "email"),
            (("a", "a b@example.org"), "email"),
            (("a", "a@example.org", "   "), "name"),
            (("a", "a@example.org", "Line\nbreak"), "name"),
            (("a", "a@example.org", None, "Mars/Olympus"), "zone"),
            (("a", 5), "email"),
        ],
    )
    def test_bad_fields(self, arguments: tuple[object, ...], field: str) -> None:
        """Every field is checked, naming it."""
        with (
            pytest.warns(DeprecationWarning, match="Person"),
            pytest.raises(ValidationError) as caught,
        ):
            Contact(*arguments)  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_deprecated_but_working(self) -> None:
        """Contact(...) gives the Person it describes, and contacts= still writes the same bytes."""
        with pytest.warns(DeprecationWarning, match="ementoring.people.Person"):
            old = [Contact(p.id, p.email or "", p.name, p.zone) for p in PEOPLE]
        assert old == PEOPLE
        with pytest.warns(DeprecationWarning, match="people="):
            text = write(call(), people=None, contacts=old)
        assert text == write(call())
        with pytest.raises(ValidationError, match="not both"):
            write(call(), contacts=old)
        with pytest.raises(InvalidTypeError, match="people"):
            write(call(), people=None)


def answered(session: Session, **changes: object) -> dict[str, str]:
    return {
        who: params["PARTSTAT"]
        for who, params in attendees(event_of(write(session, **changes))).items()
    }


class TestReplies:
    def test_each_attendee_s_reply_is_their_partstat(self) -> None:
        """Accepted, declined, tentative, and NEEDS-ACTION (asked to reply) for whoever has not."""
        everyone = Session(
            "s3",
            "m1",
            Interval(at(10, 16), at(10, 17)),
            ["olga", "ivan", "dana", "yael"],
            proposed_at=at(1, 0),
        )
        people = [*PEOPLE, Person(id="yael", email="yael@example.org", name="Yael")]
        session = reply(everyone, by="ivan", answer="declined", at=at(2, 0))
        session = reply(session, by="dana", answer="tentative", at=at(3, 0))
        found = attendees(event_of(write(session, people=people)))
        assert {who: p["PARTSTAT"] for who, p in found.items()} == {
            "olga": "ACCEPTED",  # the organizer, until she answers otherwise
            "ivan": "DECLINED",
            "dana": "TENTATIVE",
            "yael": "NEEDS-ACTION",
        }
        assert {who: p["RSVP"] for who, p in found.items()} == {
            "olga": "FALSE",
            "ivan": "FALSE",
            "dana": "FALSE",
            "yael": "TRUE",
        }
        declined = reply(session, by="olga", answer="declined", at=at(4, 0))
        assert answered(declined, people=people)["olga"] == "DECLINED"

    def test_a_guest_s_confirmation_is_not_lost(self) -> None:
        """confirm records one person; the guest who replies later shows ACCEPTED in the update."""
        session = confirm(call(("olga", "ivan", "dana")), by="ivan", at=at(2, 0))
        assert answered(session)["dana"] == "NEEDS-ACTION"
        session = reply(session, by="dana", answer="accepted", at=at(3, 0))
        assert answered(session) == dict.fromkeys(["olga", "ivan", "dana"], "ACCEPTED")

    @given(sessions())
    def test_law_partstat_is_the_reply(self, session: Session) -> None:
        """For any session, each attendee's PARTSTAT is Session.replies (the organizer's no answer
        reads as accepted)."""
        if session.status.value == "cancelled":
            return
        people = [Person(id=p, email=f"{p}@example.org") for p in session.participants]
        organizer = session.participants[0]
        text = invite(session, people=people, organizer_id=organizer, zone="UTC", now=NOW,
                      uid_domain="example.org")  # fmt: skip
        names = {"accepted": "ACCEPTED", "declined": "DECLINED", "tentative": "TENTATIVE",
                 "no_answer": "NEEDS-ACTION"}  # fmt: skip
        expected = {p: names[a.value] for p, a in session.replies.items()}
        if session.replies[organizer] is Answer.NO_ANSWER:
            expected[organizer] = "ACCEPTED"
        got = {who: params["PARTSTAT"] for who, params in attendees(event_of(text)).items()}
        assert got == expected


IVAN_IN_RUSSIAN = Person(id="ivan", email="ivan@example.org", name="Иван Петров", zone="Europe/Moscow",
                 locale="ru")  # fmt: skip
IN_RUSSIAN = [PEOPLE[0], IVAN_IN_RUSSIAN, PEOPLE[2]]


class TestEachRecipient:
    def test_in_the_recipient_s_language_with_the_language_set(self) -> None:
        """Ivan's copy is in Russian on his clock; Olga's in English on hers; LANGUAGE says which."""
        session = call(("olga", "ivan", "dana"))
        russian = event_of(write(session, people=IN_RUSSIAN, recipient="ivan", summary=None))
        assert (str(russian["SUMMARY"]), russian["SUMMARY"].params["LANGUAGE"]) == (
            "Встреча по наставничеству",
            "ru",
        )
        assert russian["DESCRIPTION"].params["LANGUAGE"] == "ru"
        assert str(russian["DESCRIPTION"]).splitlines() == [
            "Назначена встреча: вт, 10 мар., 19:00–20:00 (Москва).",
            "",
            "Время встречи у каждого участника:",
            "- Dana Levi: вт, 10 мар., 18:00–19:00 (Иерусалим)",
            "- Иван Петров: вт, 10 мар., 19:00–20:00 (Москва)",
            "- Olga Sokolova: вт, 10 мар., 12:00–13:00 (Торонто)",
        ]
        english = event_of(write(session, people=IN_RUSSIAN, recipient="olga", summary=None))
        assert (str(english["SUMMARY"]), english["SUMMARY"].params["LANGUAGE"]) == (
            "Mentoring session",
            "en",
        )
        assert str(english["DESCRIPTION"]).startswith(
            "A session is booked for Tue 10 Mar, 12:00–13:00 Toronto time."
        )
        # Without a recipient, the organizer's copy: in her language.
        assert write(session, people=IN_RUSSIAN) == write(
            session, people=IN_RUSSIAN, recipient="olga"
        )

    def test_every_copy_tells_the_same_event(self) -> None:
        """Only the words change between copies: UID, times, SEQUENCE and attendees are the same."""
        session = confirm(call(("olga", "ivan", "dana")), by="ivan", at=at(2, 0))
        copies = [
            event_of(write(session, people=IN_RUSSIAN, recipient=p))
            for p in ("olga", "ivan", "dana")
        ]
        for prop in ("UID", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "ORGANIZER"):
            assert len({e[prop].to_ical() for e in copies}) == 1, prop
        assert len({tuple(a.to_ical() for a in e["ATTENDEE"]) for e in copies}) == 1

    @pytest.mark.parametrize(
        ("steps", "english", "russian"),
        [
            ("booked", "A session is booked for Tue 10 Mar, 12:00–13:00 Toronto time.",
             "Назначена встреча: вт, 10 мар., 19:00–20:00 (Москва)."),
            ("confirmed", "The session on Tue 10 Mar, 12:00–13:00 Toronto time is confirmed.",
             "Встреча подтверждена: вт, 10 мар., 19:00–20:00 (Москва)."),
            ("moved", "The session has moved to Thu 12 Mar, 12:00–13:00 Toronto time;"
                      " it was Tue 10 Mar, 12:00–13:00 Toronto time.",
             "Встреча перенесена: чт, 12 мар., 19:00–20:00 (Москва)."
             " Прежнее время: вт, 10 мар., 19:00–20:00 (Москва)."),
            ("cancelled", "The session on Tue 10 Mar, 12:00–13:00 Toronto time is cancelled.",
             "Встреча отменена: вт, 10 мар., 19:00–20:00 (Москва)."),
        ],
    )  # fmt: skip
    def test_what_happened_in_both_languages(self, steps: str, english: str, russian: str) -> None:
        """Booked, confirmed, moved and cancelled: the first line of each copy, on its reader's clock."""
        session = call()
        method: Method = "REQUEST"
        if steps == "confirmed":
            session = confirm(session, by="ivan", at=at(2, 0))
        elif steps == "moved":
            session = reschedule(
                session, Interval(at(12, 16), at(12, 17)), by="olga", at=at(3, 0), reason="trip"
            )
        elif steps == "cancelled":
            session = cancel(
                session, program=PROGRAM, by="olga", at=at(4, 0), reason="ill", final=True
            )
            method = "CANCEL"
        for reader, first in (("olga", english), ("ivan", russian)):
            event = event_of(write(session, people=IN_RUSSIAN, recipient=reader, method=method))
            assert str(event["DESCRIPTION"]).splitlines()[0] == first

    def test_a_past_session_tells_nothing_new(self) -> None:
        """A completed session's event starts with the times: there is nothing to act on."""
        done = complete(call(), at=at(10, 18))
        assert str(event_of(write(done))["DESCRIPTION"]).startswith("Times for each participant:")

    def test_someone_without_a_zone_reads_the_event_s_clock(self) -> None:
        """A person without a zone is shown on the home clock, and reads their copy on it."""
        people = [PEOPLE[0], Person(id="ivan", email="ivan@example.org", name="Ivan")]
        lines = str(event_of(write(call(), people=people, recipient="ivan"))["DESCRIPTION"])
        assert "- Ivan: Tue 10 Mar, 12:00–13:00 Toronto time" in lines.splitlines()
        assert lines.startswith("A session is booked for Tue 10 Mar, 12:00–13:00 Toronto time.")

    @given(sessions(), st.sampled_from(["olga", "ivan", "dana"]), st.randoms())
    def test_law_byte_deterministic(self, session: Session, reader: str, rng: Any) -> None:
        """The same arguments give the same bytes, whatever the order or form of the directory."""
        if session.status.value == "cancelled" or reader not in session.participants:
            return
        people = [
            Person(id=p, email=f"{p}@example.org", name=p.title(), zone=z, locale=locale)
            for p, z, locale in (
                ("olga", "America/Toronto", "en"),
                ("ivan", "Europe/Moscow", "ru"),
                ("dana", None, "ru"),
            )
        ]
        shuffled = list(people)
        rng.shuffle(shuffled)

        def send(entries: object) -> str:
            return invite(session, people=entries, organizer_id=session.participants[0],  # type: ignore[arg-type]
                          zone="America/Toronto", now=NOW, uid_domain="example.org",
                          recipient=reader)  # fmt: skip

        text = send(people)
        assert text == send(shuffled) == send(Directory(people=shuffled))
        assert text.encode("utf-8") == send(people).encode("utf-8")
        locale = "ru" if reader in ("ivan", "dana") else "en"
        assert f"SUMMARY;LANGUAGE={locale}:" in text
        assert max(len(line.encode()) for line in text.split("\r\n")) <= 75


class TestWithoutTheExtra:
    def test_calling_names_the_pip_command(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without icalendar the module imports, and calling it says how to install the extra."""
        monkeypatch.setitem(sys.modules, "icalendar", None)
        with pytest.raises(MissingExtraError, match=r"pip install 'ementoring\[calendar\]'"):
            write(call())
        with pytest.raises(MissingExtraError):
            busy_from_ics("", within=Interval(at(1, 0), at(2, 0)), zone="UTC")

    def test_russian_needs_the_i18n_extra_english_does_not(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without Babel an English copy is written from the library's tables (the same words for
        these zones); a Russian one raises MissingExtraError naming the i18n extra."""
        english = write(call(), people=IN_RUSSIAN, recipient="olga")
        monkeypatch.setitem(sys.modules, "babel", None)
        assert write(call(), people=IN_RUSSIAN, recipient="olga") == english
        with pytest.raises(MissingExtraError, match=r"pip install 'ementoring\[i18n\]'"):
            write(call(), people=IN_RUSSIAN, recipient="ivan")
