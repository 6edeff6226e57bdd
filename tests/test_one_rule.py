"""One rule in one place: every collection, flag, zone and RRULE value is judged the same way.

Each case calls a public entry point with the value in one argument replaced;
the rule lives in ``ementoring._validate`` (collections, flags),
``ementoring.timezones`` (zones) and ``ementoring._rrule`` (what RFC 5545 lets
an RRULE hold), so every entry point must give its error, naming its own field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring._rrule import NUMBER_PARTS, number_problem
from ementoring._validate import is_collection, items_of, require_flag
from ementoring.calendar import busy_from_ics
from ementoring.errors import (
    InvalidCalendarError,
    InvalidTypeError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.journal import topics
from ementoring.matching import Criterion, Mentee, Mentor
from ementoring.scheduling import (
    Availability,
    Booking,
    Interval,
    IntervalSet,
    RecurringWindow,
    ReplaceDate,
    WeeklyWindow,
    find_overlap,
)
from ementoring.timezones import LocalClock, optional_zone_key, zone_key
from tests.calendar.test_busy import cal, ev
from tests.calendar.test_real_world import lotus_zone

WEEK = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
NOT_COLLECTIONS: list[Any] = ["MO", b"MO", bytearray(b"MO"), {"MO": 1}, 5, None]


def _score(_mentor: Mentor, _mentee: Mentee) -> float:
    return 1.0


COLLECTIONS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "IntervalSet": ("intervals", IntervalSet),
    "Availability.weekly": ("weekly", lambda v: Availability("UTC", weekly=v)),
    "Availability.recurring": ("recurring", lambda v: Availability("UTC", recurring=v)),
    "Availability.preferred": ("preferred", lambda v: Availability("UTC", preferred=v)),
    "Availability.exceptions": ("exceptions", lambda v: Availability("UTC", exceptions=v)),
    "Booking.participants": ("participants", lambda v: Booking("b1", WEEK, v)),
    "find_overlap.bookings": (
        "bookings",
        lambda v: find_overlap({"a": Availability("UTC")}, WEEK, bookings=v),
    ),
}


@pytest.mark.parametrize("value", NOT_COLLECTIONS, ids=repr)
@pytest.mark.parametrize("case", sorted(COLLECTIONS))
def test_a_collection_is_never_text_bytes_or_a_mapping(case: str, value: Any) -> None:
    """Text, bytes, a bytearray, a mapping or a non-iterable: InvalidTypeError naming the field."""
    field, call = COLLECTIONS[case]
    with pytest.raises(InvalidTypeError) as caught:
        call(value)
    assert caught.value.field == field


@pytest.mark.parametrize("value", [b"MO", bytearray(b"MO"), {"MO": 1}, 5])
def test_text_may_stand_for_one_item_and_nothing_else_may(value: Any) -> None:
    """Days and replacement windows take one text ("MO-FR", "09:00-12:00") or a collection."""
    assert WeeklyWindow("MO", time(9), time(10)).days[0].value == "MO"
    assert ReplaceDate(date(2026, 3, 9), "09:00-12:00").windows == ((time(9), time(12)),)
    with pytest.raises(InvalidTypeError) as caught:
        WeeklyWindow(value, time(9), time(10))
    assert caught.value.field == "days"
    with pytest.raises(InvalidTypeError) as caught:
        ReplaceDate(date(2026, 3, 9), value)
    assert caught.value.field == "windows"


@pytest.mark.parametrize("value", [b"CV review", bytearray(b"CV"), {"CV review": 1}, 5])
def test_topics_follow_the_rule(value: Any) -> None:
    """Topics are one string or a collection; bytes and a mapping's keys are refused."""
    with pytest.raises(InvalidTypeError) as caught:
        topics(value)
    assert caught.value.field == "topics"


def test_the_rule_itself() -> None:
    """is_collection says yes to lists, tuples, sets and generators, and no to the rest."""
    collections: list[object] = [[], (), {1}, frozenset(), (x for x in "ab")]
    assert all(is_collection(v) for v in collections)
    assert not any(is_collection(v) for v in NOT_COLLECTIONS)
    assert items_of(["a"], str, "ids", "ids") == ("a",)
    with pytest.raises(InvalidTypeError, match=r"ids\[1\]: expected an id"):
        items_of(["a", 1], str, "ids", "ids", each="an id")


@pytest.mark.parametrize("value", [1, 0, "yes", None, 1.0])
def test_a_flag_is_true_or_false(value: Any) -> None:
    """A flag that is not a bool is an InvalidTypeError, wherever it is given."""
    with pytest.raises(InvalidTypeError, match="required: expected True or False"):
        require_flag(value, "required")
    with pytest.raises(InvalidTypeError, match="required: expected True or False"):
        Criterion(name="c", score=_score, required=value)
    assert require_flag(True, "required") is True


ZONES: dict[str, tuple[str, Callable[[Any], object]]] = {
    "zone_key": ("zone", zone_key),
    "optional_zone_key": ("zone", optional_zone_key),
    "Availability": ("zone", Availability),
    "Mentor": ("zone", lambda v: Mentor("m1", zone=v)),
    "LocalClock": ("zone", lambda v: LocalClock(v, "wall_clock", WEEK.start, WEEK.end)),
}


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", 5, b"UTC", "../etc/passwd"])
@pytest.mark.parametrize("case", sorted(ZONES))
def test_a_zone_is_judged_by_the_kernel(case: str, value: Any) -> None:
    """Every zone field converts through zone_key: the same error, naming the field."""
    field, call = ZONES[case]
    with pytest.raises(UnknownTimeZoneError) as caught:
        call(value)
    assert caught.value.field == field
    assert str(caught.value) == str(_kernel_error(value))


def _kernel_error(value: Any) -> UnknownTimeZoneError:
    with pytest.raises(UnknownTimeZoneError) as caught:
        zone_key(value)
    return caught.value


def test_an_optional_zone_may_be_none() -> None:
    """None passes where a zone is optional, and only there."""
    assert optional_zone_key(None) is None
    assert Mentor("m1", zone=None).zone is None
    with pytest.raises(UnknownTimeZoneError, match="zone"):
        Availability(None)  # type: ignore[arg-type]


@given(name=st.sampled_from(sorted(NUMBER_PARTS)), number=st.integers(-400, 400))
def test_an_rrule_number_reads_alike_as_text_and_as_a_number(name: str, number: int) -> None:
    """A BYxxx value is judged by its range alone, whether a parser gave a number or the text."""
    low, high, signed = NUMBER_PARTS[name]
    allowed = low <= (abs(number) if signed else number) <= high
    assert (number_problem(name, number) is None) == allowed
    assert number_problem(name, str(number)) == number_problem(name, number)
    if signed and number >= 0:
        assert number_problem(name, f"+{number}") == number_problem(name, number)
    if not signed:  # a list that takes no negative value takes no sign either
        assert number_problem(name, f"+{number}") is not None


@pytest.mark.parametrize(
    ("name", "good", "bad", "reason"),
    [
        ("BYSECOND", 59, 60, "BYSECOND values must be 0 to 59"),
        ("BYHOUR", 0, 24, "BYHOUR values must be 0 to 23"),
        ("BYMONTH", 12, 0, "BYMONTH values must be 1 to 12"),
        ("BYMONTHDAY", -31, 32, "BYMONTHDAY values must be -31 to -1 or 1 to 31"),
        ("BYYEARDAY", 366, -367, "BYYEARDAY values must be -366 to -1 or 1 to 366"),
        ("BYWEEKNO", -53, 0, "BYWEEKNO values must be -53 to -1 or 1 to 53"),
        ("BYSETPOS", -1, 367, "BYSETPOS values must be -366 to -1 or 1 to 366"),
    ],
)
def test_rrule_ranges_are_rfc_5545s(name: str, good: int, bad: int, reason: str) -> None:
    """The edges of each range (RFC 5545 3.3.10; no leap second, which Python cannot hold)."""
    assert number_problem(name, good) is None
    assert number_problem(name, bad) == reason
    assert number_problem(name, "x") == number_problem(name, True) == reason


def _window_reason(rule: str) -> str:
    with pytest.raises(ValidationError) as caught:
        RecurringWindow(rule, time(9), time(10), starting=date(2026, 3, 10))
    return caught.value.reason


def _calendar_reason(text: str) -> str:
    with pytest.raises(InvalidCalendarError) as caught:
        busy_from_ics(text, within=WEEK, zone="UTC")
    return caught.value.reason


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=DAILY;BYMONTH=13", "BYMONTH values must be 1 to 12"),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY values must be -31 to -1 or 1 to 31"),
        ("FREQ=DAILY;BYSECOND=60", "BYSECOND values must be 0 to 59"),
        ("FREQ=DAILY;FOO=1", "unknown RRULE part 'FOO'"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20260401T000000Z", "COUNT and UNTIL may not both be given"),
    ],
)
def test_an_rrule_mistake_reads_alike_in_scheduling_and_calendars(rule: str, reason: str) -> None:
    """A RecurringWindow and a calendar's event refuse the same mistake in the same words."""
    event = cal(*ev("DTSTART:20260310T090000Z", "DURATION:PT1H", f"RRULE:{rule}"))
    assert _window_reason(rule) == _calendar_reason(event) == reason


@pytest.mark.parametrize("part", ["BYSECOND=60", "BYMINUTE=60", "BYHOUR=24"])
def test_a_time_zone_rule_reads_its_times_alike(part: str) -> None:
    """A VTIMEZONE's time of change is judged by the same ranges as any other rule."""
    rule = f"FREQ=YEARLY;{part};BYDAY=-1SU;BYMONTH=10"
    assert _calendar_reason(cal(*lotus_zone(rule))) == _window_reason(rule)
