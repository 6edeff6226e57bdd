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

from ementoring.accounting import Mentorship, Program, Session, cancel, confirm, reschedule
from ementoring.calendar import Contact, Method, busy_from_ics, feed, freebusy, invite
from ementoring.errors import (
    DuplicateIdError,
    InvalidTypeError,
    MissingExtraError,
    UnknownIdError,
    ValidationError,
)
from ementoring.scheduling import Busy, Interval, IntervalSet
from ementoring.testing import interval_sets, sessions, zones
from ementoring.timezones import EARLIEST

PEOPLE = [
    Contact("olga", "olga@example.org", "Olga Sokolova", "America/Toronto"),
    Contact("ivan", "ivan@example.org", "Ivan Petrov", "Europe/Moscow"),
    Contact("dana", "dana@example.org", "Dana Levi", "Asia/Jerusalem"),
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
        "contacts": PEOPLE,
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
        assert write(call()) == write(call(), contacts=list(reversed(PEOPLE)))

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
        everyone = [*PEOPLE, Contact("anna", "anna@example.org"), Contact("boris", "b@example.org")]
        group = Session(
            "s7", ["m1", "m2"], Interval(at(10, 16), at(10, 17)),
            ["olga", "ivan", "anna", "boris", "dana"], proposed_at=EARLIEST
        )  # fmt: skip
        roles = {
            person: params["ROLE"]
            for person, params in attendees(
                event_of(write(group, contacts=everyone, mentorships=[PAIR, other]))
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
        """Each participant's own clock, then the caller's text."""
        event = event_of(write(call(("olga", "ivan", "dana")), description="Bring your CV."))
        assert str(event["DESCRIPTION"]).splitlines() == [
            "Times for each participant:",
            "- Dana Levi: Tue 10 Mar 2026, 18:00-19:00 (Asia/Jerusalem)",
            "- Ivan Petrov: Tue 10 Mar 2026, 19:00-20:00 (Europe/Moscow)",
            "- Olga Sokolova: Tue 10 Mar 2026, 12:00-13:00 (America/Toronto)",
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
        with pytest.raises(UnknownIdError, match="contacts"):
            write(call(("olga", "zoe")))
        with pytest.raises(UnknownIdError, match="organizer_id"):
            write(call(), organizer_id="zoe")
        with pytest.raises(DuplicateIdError):
            write(call(), contacts=[*PEOPLE, PEOPLE[0]])
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
        people = [Contact(p, f"{p}@example.org", zone=theirs) for p in session.participants]
        method: Method = "CANCEL" if session.status.value == "cancelled" else "REQUEST"

        def send(contacts: list[Contact]) -> str:
            return invite(session, contacts=contacts, organizer_id=session.participants[0],
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
            contacts=PEOPLE,
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
                contacts=PEOPLE,
                zone="UTC",
                now=NOW,
                uid_domain="example.org",
                name="x",
            )
        with pytest.raises(InvalidTypeError):
            feed(
                "s1",  # type: ignore[arg-type]
                contacts=PEOPLE,
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
        with pytest.raises(ValidationError) as caught:
            Contact(*arguments)  # type: ignore[arg-type]
        assert caught.value.field == field


class TestWithoutTheExtra:
    def test_calling_names_the_pip_command(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without icalendar the module imports, and calling it says how to install the extra."""
        monkeypatch.setitem(sys.modules, "icalendar", None)
        with pytest.raises(MissingExtraError, match=r"pip install 'ementoring\[calendar\]'"):
            write(call())
        with pytest.raises(MissingExtraError):
            busy_from_ics("", within=Interval(at(1, 0), at(2, 0)), zone="UTC")
