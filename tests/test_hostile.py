"""Issue 11's examples, one test each: every bad value a typed error, bounded work.

The fuzz suite (tests/fuzz/) finds such problems in general; these pin the
examples that were reported, so a regression names its case directly.
"""

from __future__ import annotations

import json
import time as clock
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import ClassVar

import pytest

from ementoring.accounting import HourEntry, HourLedger, Mentorship, Program, progress
from ementoring.errors import (
    ExpansionLimitError,
    InvalidDocumentError,
    InvalidTypeError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.journal import MAX_TOPICS, Topic, normalise_topic, topics
from ementoring.matching import (
    MatchingProblem,
    Mentee,
    Mentor,
    attribute_equal,
    same_field,
    solve,
    timezone_gap,
)
from ementoring.scheduling import (
    Availability,
    Interval,
    IntervalSet,
    RecurringWindow,
    find_slots,
)
from ementoring.serialization import MAX_DOCUMENT_DEPTH, from_data, to_data
from ementoring.timezones import EARLIEST, LATEST, require_aware, to_instant, zone

START = date(2026, 3, 2)
PROGRAM = Program("p", "P", starts_on=START, zone="America/Toronto")
PAIR = Mentorship("m1", "p", "olga", "ivan", started_on=START)
WEEK = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))


class TestProjection:
    def test_one_second_logged_saturates(self) -> None:
        """One second against ten hours projects past year 9999: no date, not an overflow."""
        entry = HourEntry(
            "e1",
            "m1",
            "olga",
            timedelta(seconds=1),
            "preparation",
            occurred_on=START,
            recorded_at=datetime(2026, 3, 2, 18, tzinfo=UTC),
            recorded_by="olga",
        )
        ledger = HourLedger().record(entry)
        report = progress(
            PROGRAM, PAIR, ledger, [], today=START + timedelta(days=70), kinds=["preparation"]
        )
        assert report.projected_completion is None
        assert report.logged == timedelta(seconds=1)


class TestRecurringWindow:
    @pytest.mark.parametrize(
        "rule",
        [
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=DAILY;INTERVAL=-1",
            "FREQ=MONTHLY;BYDAY=+99MO",
            "FREQ=DAILY;BYSECOND=60",
            "FREQ=DAILY;INTERVAL=99999999999",
            "FREQ=WEEKLY;BYMONTHDAY=3",
            "FREQ=DAILY;BYDAY=2MO",
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=DAILY;COUNT=3;UNTIL=20260101",
            "FREQ=DAILY;FOO=1",
            "FREQ=DAILY;INTERVAL=²",
            "FREQ=DAILY;COUNT=²",
            "FREQ=DAILY;BYMONTH=²",
        ],
    )
    def test_refused_when_built(self, rule: str) -> None:
        """Rules dateutil would accept and then fail on (or walk for seconds) are refused."""
        with pytest.raises(ValidationError, match="rrule"):
            RecurringWindow(rule, time(9), time(10), starting=date(2026, 3, 2))

    def test_refused_when_decoded(self) -> None:
        """A stored rule goes through the same checks."""
        good = to_data(RecurringWindow("FREQ=DAILY", time(9), time(10), starting=START))
        with pytest.raises(InvalidDocumentError, match="rrule"):
            from_data(RecurringWindow, {**good, "rrule": "FREQ=DAILY;INTERVAL=0"})

    def test_utc_until_is_well_formed(self) -> None:
        """UNTIL with a Z (RFC 5545 asks for UTC when DTSTART is zoned) passes the shape check."""
        from ementoring.scheduling._recurring import check_rule_parts

        check_rule_parts("FREQ=DAILY;UNTIL=20260401T000000Z", "x")

    def test_many_rules_share_one_cap(self) -> None:
        """200 secondly rules for one person stop at the per-person cap, quickly."""
        rules = [
            RecurringWindow("FREQ=SECONDLY", time(9), time(9, 0, 1), starting=START)
            for _ in range(200)
        ]
        person = Availability("UTC", recurring=rules)
        day = Interval(WEEK.start, WEEK.start + timedelta(days=1))
        began = clock.perf_counter()
        with pytest.raises(ExpansionLimitError):
            person.intervals(day)
        assert clock.perf_counter() - began < 10


class TestMatching:
    def test_infinite_weight_sum_refused(self) -> None:
        """Two weights of 1e308 add up to infinity, which would make every score 0."""
        with pytest.raises(ValidationError, match="finite"):
            MatchingProblem(
                [Mentor("a")],
                [Mentee("b")],
                [same_field(weight=1e308), timezone_gap(at=WEEK.start, weight=1e308)],
            )

    @pytest.mark.parametrize("value", [["x"], {"a": 1}, float("nan"), object()])
    def test_attribute_values_checked(self, value: object) -> None:
        """A list, a mapping, NaN or an object is not an attribute value."""
        with pytest.raises(InvalidTypeError, match="attributes"):
            Mentor("a", attributes={"city": value})

    def test_attribute_key_checked(self) -> None:
        """attribute_equal takes a name, not a list."""
        with pytest.raises(TypeError, match="key"):
            attribute_equal(["x"])  # type: ignore[arg-type]

    def test_huge_capacity_is_clamped(self) -> None:
        """Capacity beyond the other side's size costs nothing more."""
        problem = MatchingProblem(
            [Mentor("a", capacity=10**19)], [Mentee("b", capacity=10**18)], [same_field()]
        )
        began = clock.perf_counter()
        result = solve(problem, backend="python")
        assert clock.perf_counter() - began < 5
        assert [(m.mentor_id, m.mentee_id) for m in result.matches] == [("a", "b")]


class TestCalendarEdges:
    @pytest.mark.parametrize(
        "value",
        [
            datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12))),
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=2))),
            datetime(2200, 1, 1, tzinfo=UTC),
            datetime(1899, 12, 31, 23, 59, tzinfo=UTC),
        ],
    )
    def test_outside_the_supported_range(self, value: datetime) -> None:
        """Instants outside [EARLIEST, LATEST) are a ValidationError naming the field."""
        with pytest.raises(ValidationError, match=r"^at: must lie"):
            require_aware(value, "at")
        with pytest.raises(ValidationError, match="start"):
            Interval(value, value + timedelta(microseconds=1) if value.year < 9999 else value)

    def test_range_ends(self) -> None:
        """The ends themselves: EARLIEST is in, LATEST is out; wall readings likewise."""
        assert require_aware(EARLIEST, "at") == EARLIEST
        with pytest.raises(ValidationError):
            require_aware(LATEST, "at")
        with pytest.raises(ValidationError, match="local"):
            to_instant(datetime(9999, 12, 31, 23), "Etc/GMT+12")
        with pytest.raises(ValidationError, match="local"):
            to_instant(datetime(1, 1, 1), "Etc/GMT-14")


class TestZoneKeys:
    def test_deep_key_is_refused_cheaply(self) -> None:
        """A key of a thousand parts is refused by its shape, not by the import machinery."""
        with pytest.raises(UnknownTimeZoneError, match="malformed"):
            zone("/".join(["a"] * 1000))
        with pytest.raises(UnknownTimeZoneError, match="malformed"):
            zone("A" * 10_000)


class TestTopics:
    def test_long_label_checked_before_normalising(self) -> None:
        """10 MB of U+FDFA is refused by its length before NFKC makes it 18 times longer."""
        label = "\ufdfa" * 10_000_000
        with pytest.raises(ValidationError, match="at most"):
            Topic(label)
        with pytest.raises(ValidationError, match="at most"):
            normalise_topic(label)

    def test_topic_count_capped(self) -> None:
        """More than MAX_TOPICS topics in one list is refused without reading them all."""
        many = (f"t{i}" for i in range(10**9))
        with pytest.raises(ValidationError, match="at most"):
            topics(many)
        with pytest.raises(ValidationError, match="at most"):
            topics(";".join(f"t{i}" for i in range(MAX_TOPICS + 1)))


class TestSlots:
    def test_slot_enumeration_is_capped(self) -> None:
        """Free all the time, one-second slots over a month: a typed error, not gigabytes."""
        people = {"a": Availability("UTC", weekly=["MO-SU 00:00-24:00"])}
        month = Interval(WEEK.start, WEEK.start + timedelta(days=30))
        with pytest.raises(ExpansionLimitError, match="max_slots"):
            find_slots(people, month, duration=timedelta(seconds=1), step=timedelta(seconds=1))


class TestDocuments:
    BASE: ClassVar[dict[str, object]] = {"schema": 1, "type": "IntervalSet"}

    @pytest.mark.parametrize(
        ("body", "path"),
        [
            ({1: 2}, ""),
            ({"intervals": "x" * 1_000_000}, "intervals"),
            ({"intervals": [0] * 300_000}, "intervals[0]"),
            ({"intervals": [{"start": 1e400, "end": 10**400}]}, "intervals[0]"),
            ({"intervals": [{"start": "2026-03-10T16:00Z", "end": "x", "extra": 1}]}, "extra"),
        ],
    )
    def test_bad_documents(self, body: dict[object, object], path: str) -> None:
        """Each bad document is one InvalidDocumentError naming the paths, quickly."""
        began = clock.perf_counter()
        with pytest.raises(InvalidDocumentError) as caught:
            from_data(IntervalSet, {**self.BASE, **body})  # type: ignore[dict-item]
        assert clock.perf_counter() - began < 5
        assert any(path in p for p, _ in caught.value.problems)

    def test_deep_nesting(self) -> None:
        """Nesting a million deep is refused at the depth limit, with no RecursionError."""
        deep: list[object] = []
        inner = deep
        for _ in range(1_000_000):
            inner.append([])
            inner = inner[0]  # type: ignore[assignment]
        with pytest.raises(InvalidDocumentError, match=f"more than {MAX_DOCUMENT_DEPTH}"):
            from_data(IntervalSet, {**self.BASE, "intervals": deep})

    def test_canonical_round_trip(self) -> None:
        """A document the library wrote comes back byte-identical (4 stays 4, not 4.0)."""
        problem = MatchingProblem(
            [Mentor("a", attributes={"n": 4.0})],
            [Mentee("b")],
            [timezone_gap(at=WEEK.start, max_hours=4), same_field(weight=2)],
        )
        text = json.dumps(to_data(problem))
        again = json.dumps(to_data(from_data(MatchingProblem, json.loads(text))))
        assert again == text
