"""Clock changes, worked by hand: the issue's examples and the hard zones.

Every expected value below was worked out from the zone's offsets, not taken
from the code's output.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ementoring.scheduling import (
    Availability,
    BusyLocal,
    Interval,
    RecurringWindow,
    ReplaceDate,
    SkipDate,
    find_overlap,
    find_slots,
    weekly_overlap,
)


def z(text: str) -> datetime:
    """An instant from ISO text in UTC: ``z("2026-03-08T07:00")``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def spans(value: object) -> list[tuple[str, str]]:
    """Intervals as ISO text pairs without the offset, for readable tables."""
    return [
        (i.start.strftime("%Y-%m-%dT%H:%M"), i.end.strftime("%Y-%m-%dT%H:%M"))
        for i in value  # type: ignore[attr-defined]
    ]


def window(first: str, last: str) -> Interval:
    return Interval(z(first), z(last))


class TestIssueExamples:
    @pytest.mark.parametrize(
        ("zone", "text", "within", "policy", "expected"),
        [
            # Toronto springs forward at 02:00 on 8 March: 02:30 does not exist.
            ("America/Toronto", "SU 02:30-04:00", ("2026-03-07", "2026-03-09"), "wall_clock",
             [("2026-03-08T07:00", "2026-03-08T08:00")]),
            ("America/Toronto", "SU 02:30-04:00", ("2026-03-07", "2026-03-09"), "rfc5545",
             [("2026-03-08T07:30", "2026-03-08T08:00")]),
            # Toronto falls back at 02:00 on 1 November: 01:30 happens twice; the first counts.
            ("America/Toronto", "SU 01:30-02:30", ("2026-10-31", "2026-11-02"), "wall_clock",
             [("2026-11-01T05:30", "2026-11-01T07:30")]),
            ("America/Toronto", "SU 01:30-02:30", ("2026-10-31", "2026-11-02"), "rfc5545",
             [("2026-11-01T05:30", "2026-11-01T07:30")]),
            # Berlin springs forward at 02:00 on 29 March.
            ("Europe/Berlin", "SU 02:30-03:30", ("2026-03-28", "2026-03-30"), "wall_clock",
             [("2026-03-29T01:00", "2026-03-29T01:30")]),
            ("Europe/Berlin", "SU 02:30-03:30", ("2026-03-28", "2026-03-30"), "rfc5545", []),
        ],
    )  # fmt: skip
    def test_worked_examples(
        self, zone: str, text: str, within: tuple[str, str], policy: str, expected: list[object]
    ) -> None:
        """The issue's three worked examples, under both policies."""
        person = Availability(zone, weekly=[text], policy=policy)  # type: ignore[arg-type]
        assert spans(person.intervals(window(*within))) == expected
        # A single person's overlap is their availability.
        assert spans(find_overlap({"p": person}, window(*within))) == expected


TABLE = [
    # Southern hemisphere: Sydney springs forward 02:00 -> 03:00 on 4 October (+10 -> +11).
    ("Australia/Sydney", "SU 02:30-03:30", ("2026-10-03", "2026-10-05"), "wall_clock",
     [("2026-10-03T16:00", "2026-10-03T16:30")]),
    ("Australia/Sydney", "SU 02:30-03:30", ("2026-10-03", "2026-10-05"), "rfc5545", []),
    # ... and falls back 03:00 -> 02:00 on 5 April (+11 -> +10): 02:00-03:00 lasts two hours.
    ("Australia/Sydney", "SU 02:00-03:00", ("2026-04-04", "2026-04-06"), "wall_clock",
     [("2026-04-04T15:00", "2026-04-04T17:00")]),
    # Santiago springs forward at midnight on 6 September (-04 -> -03): a window across
    # midnight that contains the gap lasts one real hour instead of two.
    ("America/Santiago", "SA 23:00-01:00", ("2026-09-05", "2026-09-07"), "wall_clock",
     [("2026-09-06T03:00", "2026-09-06T04:00")]),
    # Toronto's fall-back night inside an overnight window: five real hours for four.
    ("America/Toronto", "SA 23:00-03:00", ("2026-10-31", "2026-11-02"), "wall_clock",
     [("2026-11-01T03:00", "2026-11-01T08:00")]),
    # Toronto's spring-forward night inside an overnight window: three real hours for four.
    ("America/Toronto", "SA 23:00-03:00", ("2026-03-07", "2026-03-09"), "wall_clock",
     [("2026-03-08T04:00", "2026-03-08T07:00")]),
    # Half-hour and 45-minute offsets.
    ("Asia/Kolkata", "MO 09:00-10:00", ("2026-03-09", "2026-03-10"), "wall_clock",
     [("2026-03-09T03:30", "2026-03-09T04:30")]),
    ("Asia/Kathmandu", "MO 09:00-10:00", ("2026-03-09", "2026-03-10"), "wall_clock",
     [("2026-03-09T03:15", "2026-03-09T04:15")]),
    # Chatham: +12:45, +13:45 in summer; falls back 03:45 -> 02:45 on 5 April.
    ("Pacific/Chatham", "SU 02:00-04:00", ("2026-04-04", "2026-04-06"), "wall_clock",
     [("2026-04-04T12:15", "2026-04-04T15:15")]),
    # Lord Howe moves its clocks by 30 minutes: back 02:00 -> 01:30 on 5 April (+11 -> +10:30),
    ("Australia/Lord_Howe", "SU 01:00-03:00", ("2026-04-04", "2026-04-06"), "wall_clock",
     [("2026-04-04T14:00", "2026-04-04T16:30")]),
    # ... forward 02:00 -> 02:30 on 4 October (+10:30 -> +11).
    ("Australia/Lord_Howe", "SU 02:15-03:00", ("2026-10-03", "2026-10-05"), "wall_clock",
     [("2026-10-03T15:30", "2026-10-03T16:00")]),
    ("Australia/Lord_Howe", "SU 02:15-03:00", ("2026-10-03", "2026-10-05"), "rfc5545",
     [("2026-10-03T15:45", "2026-10-03T16:00")]),
    # Moscow moved from +04 to +03 for good at 02:00 on 26 October 2014 (back to 01:00).
    ("Europe/Moscow", "MO-SU 12:00-13:00", ("2014-10-25", "2014-10-28"), "wall_clock",
     [("2014-10-25T08:00", "2014-10-25T09:00"), ("2014-10-26T09:00", "2014-10-26T10:00"),
      ("2014-10-27T09:00", "2014-10-27T10:00")]),
    # Samoa skipped Friday 30 December 2011 (-10 -> +14 at midnight): no Friday occurrence,
    ("Pacific/Apia", "TH,FR 09:00-10:00", ("2011-12-28", "2012-01-01"), "wall_clock",
     [("2011-12-29T19:00", "2011-12-29T20:00")]),
    # ... and a Thursday-night window ends when the clock jumps past its end,
    ("Pacific/Apia", "TH 22:00-02:00", ("2011-12-28", "2012-01-01"), "wall_clock",
     [("2011-12-30T08:00", "2011-12-30T10:00")]),
    # ... while RFC 5545 reads the missing 02:00 with the old offset.
    ("Pacific/Apia", "TH 22:00-02:00", ("2011-12-28", "2012-01-01"), "rfc5545",
     [("2011-12-30T08:00", "2011-12-30T12:00")]),
]  # fmt: skip


class TestTable:
    @pytest.mark.parametrize(("zone", "text", "within", "policy", "expected"), TABLE)
    def test_single_window(
        self, zone: str, text: str, within: tuple[str, str], policy: str, expected: list[object]
    ) -> None:
        """One window per zone across its clock change, worked out by hand."""
        person = Availability(zone, weekly=[text], policy=policy)  # type: ignore[arg-type]
        assert spans(person.intervals(window(*within))) == expected


class TestShoulderWeeks:
    def test_toronto_berlin_late_october(self) -> None:
        """26-30 Oct 2026: Berlin is already on winter time, Toronto is not yet.

        Toronto 09:00-12:00 and Berlin 17:00-20:00 share an hour in the weeks
        around it (offsets 6 hours apart) but nothing in the shoulder week
        (5 hours apart: the windows only touch).
        """
        people = {
            "mentor": Availability("America/Toronto", weekly=["MO-FR 09:00-12:00"]),
            "mentee": Availability("Europe/Berlin", weekly=["MO-FR 17:00-20:00"]),
        }
        before = window("2026-10-19", "2026-10-24")
        shoulder = window("2026-10-26", "2026-10-31")
        after = window("2026-11-02", "2026-11-07")
        assert spans(find_overlap(people, before))[0] == ("2026-10-19T15:00", "2026-10-19T16:00")
        assert len(find_overlap(people, before)) == 5
        assert spans(find_overlap(people, shoulder)) == []
        assert spans(find_overlap(people, after))[0] == ("2026-11-02T16:00", "2026-11-02T17:00")
        assert len(find_overlap(people, after)) == 5

    def test_toronto_tel_aviv_moscow_march(self) -> None:
        """8-27 March: Toronto has moved, Israel and Moscow not yet; the meeting shifts in UTC.

        Two hours a day in common throughout, but 16-18Z before 8 March and
        15-17Z from then on: the Moscow mentee meets an hour earlier locally.
        """
        people = {
            "mentor": Availability("America/Toronto", weekly=["MO-FR 11:00-13:00"]),
            "interviewer": Availability("Asia/Jerusalem", weekly=["MO-FR 17:00-20:00"]),
            "mentee": Availability("Europe/Moscow", weekly=["MO-FR 18:00-21:00"]),
        }
        # Before 8 March: Toronto 16-18Z, Jerusalem (+2) 15-18Z, Moscow 15-18Z: 2 h a day.
        assert find_overlap(people, window("2026-03-02", "2026-03-07")).total() == timedelta(
            hours=10
        )
        # 9-13 March: Toronto 15-17Z: still 2 h; 30 March on, Jerusalem (+3) 14-17Z.
        shoulder = find_overlap(people, window("2026-03-09", "2026-03-14"))
        assert spans(shoulder)[0] == ("2026-03-09T15:00", "2026-03-09T17:00")
        later = find_overlap(people, window("2026-03-30", "2026-04-04"))
        assert spans(later)[0] == ("2026-03-30T15:00", "2026-03-30T17:00")


class TestDateline:
    def test_kiritimati_monday_is_pago_pago_sunday(self) -> None:
        """+14 and -11 are 25 hours apart: the same instants, one calendar day apart."""
        within = window("2026-03-01", "2026-03-22")
        kiritimati = Availability("Pacific/Kiritimati", weekly=["MO 10:00-12:00"])
        pago_pago = Availability("Pacific/Pago_Pago", weekly=["SU 09:00-11:00"])
        assert kiritimati.intervals(within) == pago_pago.intervals(within)
        assert spans(kiritimati.intervals(within))[0] == ("2026-03-01T20:00", "2026-03-01T22:00")
        assert weekly_overlap(kiritimati, pago_pago, within) == timedelta(hours=2)


class TestExceptions:
    def test_skip_date_leaves_overnight_from_day_before(self) -> None:
        """Skipping a date drops what starts on it, not what started the night before."""
        within = window("2026-06-14", "2026-06-20")
        person = Availability(
            "UTC", weekly=["MO-SU 22:00-02:00"], exceptions=[SkipDate(date(2026, 6, 16))]
        )
        free = spans(person.intervals(within))
        assert ("2026-06-15T22:00", "2026-06-16T02:00") in free  # from Monday night
        assert all(not start.startswith("2026-06-16T22") for start, _ in free)

    def test_replace_date_uses_local_date(self) -> None:
        """A date override applies to the person's local date, even far from UTC."""
        within = window("2026-06-14", "2026-06-21")
        person = Availability(
            "Pacific/Kiritimati",
            weekly=["MO-FR 09:00-10:00"],
            exceptions=[ReplaceDate(date(2026, 6, 17), ["01:00-02:00", "23:00-00:30"])],
        )
        free = spans(person.intervals(within))
        # Wednesday 17 June local (+14) is 16 June in UTC.
        assert ("2026-06-16T11:00", "2026-06-16T12:00") in free
        assert ("2026-06-17T09:00", "2026-06-17T10:30") in free
        assert ("2026-06-16T19:00", "2026-06-16T20:00") not in free

    def test_empty_replacement_clears_the_date(self) -> None:
        """ReplaceDate with no windows makes the date unavailable."""
        within = window("2026-06-15", "2026-06-16")
        person = Availability(
            "UTC", weekly=["MO 09:00-10:00"], exceptions=[ReplaceDate(date(2026, 6, 15), [])]
        )
        assert not person.intervals(within)

    def test_busy_local_follows_the_policy(self) -> None:
        """A local busy range in a gap is converted like any endpoint."""
        within = window("2026-03-08", "2026-03-09")
        busy = BusyLocal(datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 8, 3, 30))
        wall = Availability("America/Toronto", weekly=["SU 00:00-06:00"], exceptions=[busy])
        rfc = Availability(
            "America/Toronto", weekly=["SU 00:00-06:00"], exceptions=[busy], policy="rfc5545"
        )
        # wall_clock: busy from 03:00 EDT (07:00Z, the jump) to 03:30 EDT (07:30Z).
        assert spans(wall.intervals(within)) == [
            ("2026-03-08T05:00", "2026-03-08T07:00"),
            ("2026-03-08T07:30", "2026-03-08T10:00"),
        ]
        # rfc5545: 02:30 is read as 03:30 EDT, so the busy range is empty.
        assert spans(rfc.intervals(within)) == [("2026-03-08T05:00", "2026-03-08T10:00")]


class TestRecurring:
    def test_every_other_thursday(self) -> None:
        """An RRULE expands on the person's local dates, with skips applied."""
        person = Availability(
            "America/Toronto",
            recurring=[
                RecurringWindow(
                    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "18:00", "20:00", starting=date(2026, 2, 26)
                )
            ],
            exceptions=[SkipDate(date(2026, 3, 26))],
        )
        free = spans(person.intervals(window("2026-02-23", "2026-04-13")))
        assert free == [
            ("2026-02-26T23:00", "2026-02-27T01:00"),  # EST
            ("2026-03-12T22:00", "2026-03-13T00:00"),  # EDT
            ("2026-04-09T22:00", "2026-04-10T00:00"),  # 26 March skipped
        ]

    def test_first_sunday_of_the_month_and_a_gap(self) -> None:
        """Occurrences at a skipped local time follow the policy, unlike plain dateutil."""
        rule = RecurringWindow(
            "FREQ=MONTHLY;BYDAY=1SU", "02:30", "03:30", starting=date(2026, 1, 1)
        )
        person = Availability("America/Toronto", recurring=[rule])
        free = spans(person.intervals(window("2026-02-01", "2026-04-01")))
        assert free == [
            ("2026-02-01T07:30", "2026-02-01T08:30"),
            ("2026-03-01T07:30", "2026-03-01T08:30"),
        ]
        # The second Sunday of March is the spring-forward night.
        second = RecurringWindow(
            "FREQ=MONTHLY;BYDAY=2SU", "02:30", "03:30", starting=date(2026, 3, 1)
        )
        person = Availability("America/Toronto", recurring=[second])
        assert spans(person.intervals(window("2026-03-01", "2026-03-31"))) == [
            ("2026-03-08T07:00", "2026-03-08T07:30")
        ]


class TestSlotGrid:
    def test_kathmandu_and_utc_grids_differ_by_15_minutes(self) -> None:
        """Half-hour slots fall on :00/:30 of the aligning zone's clock."""
        within = window("2026-03-09", "2026-03-10")
        people = {
            "a": Availability("Asia/Kathmandu", weekly=["MO 09:00-11:00"]),
            "b": Availability("UTC", weekly=["MO 03:00-06:00"]),
        }
        hour = timedelta(hours=1)
        # Overlap is 03:15-05:15Z.
        in_kathmandu = find_slots(people, within, duration=hour)
        assert [s.start.strftime("%H:%M") for s in in_kathmandu] == ["03:15", "03:45", "04:15"]
        assert [s.local["a"][0].strftime("%H:%M") for s in in_kathmandu] == [
            "09:00",
            "09:30",
            "10:00",
        ]
        in_utc = find_slots(people, within, duration=hour, align_zone="UTC")
        assert [s.start.strftime("%H:%M") for s in in_utc] == ["03:30", "04:00"]

    def test_grid_follows_the_clock_across_fall_back(self) -> None:
        """On fall-back night both passes of 01:00 and 01:30 are on the grid."""
        within = window("2026-11-01T04:00", "2026-11-01T08:00")
        person = {"p": Availability("America/Toronto", weekly=["SU 00:00-03:00"])}
        slots = find_slots(person, within, duration=timedelta(minutes=30))
        # 00:00 EDT = 04:00Z ... 01:30 EDT = 05:30Z, then 01:00 EST = 06:00Z ... 02:30 EST.
        assert [s.start.strftime("%H:%M") for s in slots] == [
            "04:00", "04:30", "05:00", "05:30", "06:00", "06:30", "07:00", "07:30",
        ]  # fmt: skip
        assert [s.local["p"][0].strftime("%H:%M") for s in slots] == [
            "00:00", "00:30", "01:00", "01:30", "01:00", "01:30", "02:00", "02:30",
        ]  # fmt: skip

    def test_grid_after_spring_forward(self) -> None:
        """After the jump the grid is on the new offset's :00 and :30."""
        within = window("2026-03-08T04:00", "2026-03-08T09:00")
        person = {"p": Availability("America/Toronto", weekly=["SU 00:00-05:00"])}
        starts = [
            s.local["p"][0].strftime("%H:%M")
            for s in find_slots(
                person, within, duration=timedelta(minutes=60), step=timedelta(hours=1)
            )
        ]
        assert starts == ["00:00", "01:00", "03:00", "04:00"]
