"""The time-zone kernel: zones, aware datetimes, to_instant, to_local, transitions."""

from __future__ import annotations

import pickle
import zoneinfo
from datetime import UTC, date, datetime, timedelta
from zoneinfo import _zoneinfo  # type: ignore[attr-defined]

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import (
    AmbiguousTimeError,
    EmentoringError,
    InvalidTypeError,
    NaiveDatetimeError,
    NonexistentTimeError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.testing import STORY_ZONES, instants, zones
from ementoring.timezones import (
    POLICIES,
    LocalClock,
    Policy,
    Transition,
    require_aware,
    to_instant,
    to_local,
    transitions,
    zone,
    zone_key,
)
from ementoring.timezones import _transitions as timezones

H = timedelta(hours=1)
ALL_ZONES = sorted(zoneinfo.available_timezones())


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def zone_error(key: str) -> UnknownTimeZoneError:
    with pytest.raises(UnknownTimeZoneError) as caught:
        zone(key)
    return caught.value


class TestZone:
    def test_known_key_and_zoneinfo_pass_through(self) -> None:
        """A key loads its zone; a ZoneInfo comes back as it is."""
        toronto = zone("America/Toronto")
        assert toronto.key == "America/Toronto"
        assert zone(toronto) is toronto
        assert zone_key(toronto) == "America/Toronto"

    @pytest.mark.parametrize(
        ("key", "reason"),
        [
            ("../etc/passwd", "malformed"),
            ("", "malformed"),
            ("America/Toronto/", "malformed"),
            ("America/ Toronto", "malformed"),
            ("America/Toront", "unknown"),
            ("Mars/Olympus_Mons", "unknown"),
        ],
    )
    def test_bad_keys(self, key: str, reason: str) -> None:
        """Malformed and unknown keys raise UnknownTimeZoneError naming field and value."""
        with pytest.raises(UnknownTimeZoneError) as caught:
            zone(key, field="mentor.zone")
        err = caught.value
        assert isinstance(err, ValidationError)
        assert isinstance(err, ValueError)
        assert err.field == "mentor.zone"
        assert err.value == key
        assert reason in str(err)
        assert repr(key) in str(err)

    def test_suggestions(self) -> None:
        """A near miss suggests the real key; a case slip suggests exactly it."""
        near = zone_error("America/Toront")
        assert "America/Toronto" in near.suggestions
        assert "did you mean 'America/Toronto'" in str(near)
        case = zone_error("europe/moscow")
        assert case.suggestions == ("Europe/Moscow",)
        nothing = zone_error("Qqqq/Zzzz")
        assert nothing.suggestions == ()
        assert "did you mean" not in str(nothing)

    def test_not_a_string(self) -> None:
        """A non-string, non-ZoneInfo value is refused."""
        with pytest.raises(UnknownTimeZoneError):
            zone(42)  # type: ignore[arg-type]

    def test_errors_pickle(self) -> None:
        """Errors survive pickling with their attributes (apps send them between processes)."""
        err = zone_error("America/Toront")
        copy = pickle.loads(pickle.dumps(err))
        assert (copy.field, copy.value, copy.suggestions, str(copy)) == (
            err.field,
            err.value,
            err.suggestions,
            str(err),
        )


class TestRequireAware:
    def test_converts_to_utc(self) -> None:
        """An aware datetime comes back as the same instant in UTC."""
        local = datetime(2026, 7, 1, 12, 0, tzinfo=zone("Asia/Kolkata"))
        result = require_aware(local, "at")
        assert result == local
        assert result.tzinfo is UTC
        assert result == utc(2026, 7, 1, 6, 30)

    def test_naive_is_refused(self) -> None:
        """A naive datetime raises NaiveDatetimeError naming the field."""
        with pytest.raises(NaiveDatetimeError) as caught:
            require_aware(datetime(2026, 1, 1), "session.start")
        assert caught.value.field == "session.start"
        assert "session.start" in str(caught.value)
        assert isinstance(caught.value, EmentoringError)

    def test_not_a_datetime(self) -> None:
        """A date (or anything else) is refused with a ValidationError."""
        with pytest.raises(ValidationError, match="at: expected an aware datetime"):
            require_aware(date(2026, 1, 1), "at")  # type: ignore[arg-type]


# (zone, local reading, policy, expected UTC instant)
TO_INSTANT_CASES: list[tuple[str, datetime, Policy, datetime]] = [
    # The examples.
    ("America/Toronto", datetime(2026, 3, 8, 2, 30), "wall_clock", utc(2026, 3, 8, 7, 0)),
    ("America/Toronto", datetime(2026, 3, 8, 2, 30), "rfc5545", utc(2026, 3, 8, 7, 30)),
    ("America/Toronto", datetime(2026, 11, 1, 1, 30), "wall_clock", utc(2026, 11, 1, 5, 30)),
    ("America/Toronto", datetime(2026, 11, 1, 1, 30), "rfc5545", utc(2026, 11, 1, 5, 30)),
    ("Europe/Berlin", datetime(2026, 3, 29, 2, 30), "wall_clock", utc(2026, 3, 29, 1, 0)),
    ("Europe/Berlin", datetime(2026, 3, 29, 2, 30), "rfc5545", utc(2026, 3, 29, 1, 30)),
    # Ordinary times either side of a gap.
    ("America/Toronto", datetime(2026, 3, 8, 1, 59), "raise", utc(2026, 3, 8, 6, 59)),
    ("America/Toronto", datetime(2026, 3, 8, 3, 0), "raise", utc(2026, 3, 8, 7, 0)),
    # Europe fold: the first pass.
    ("Europe/Berlin", datetime(2026, 10, 25, 2, 30), "wall_clock", utc(2026, 10, 25, 0, 30)),
    # Israel changes on a Friday.
    ("Asia/Jerusalem", datetime(2026, 3, 27, 2, 30), "wall_clock", utc(2026, 3, 27, 0, 0)),
    ("Asia/Jerusalem", datetime(2026, 3, 27, 2, 30), "rfc5545", utc(2026, 3, 27, 0, 30)),
    ("Asia/Jerusalem", datetime(2026, 10, 25, 1, 30), "wall_clock", utc(2026, 10, 24, 22, 30)),
    # Southern hemisphere: Sydney's fold in April, gap in October.
    ("Australia/Sydney", datetime(2026, 4, 5, 2, 30), "wall_clock", utc(2026, 4, 4, 15, 30)),
    ("Australia/Sydney", datetime(2026, 10, 4, 2, 30), "wall_clock", utc(2026, 10, 3, 16, 0)),
    # Lord Howe moves by 30 minutes: 02:00 -> 02:30 in October.
    ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), "wall_clock", utc(2026, 10, 3, 15, 30)),
    ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), "rfc5545", utc(2026, 10, 3, 15, 45)),
    ("Australia/Lord_Howe", datetime(2026, 4, 5, 1, 45), "wall_clock", utc(2026, 4, 4, 14, 45)),
    # No DST in Moscow now; +04:00 before 26 October 2014, and 01:30 repeated then.
    ("Europe/Moscow", datetime(2026, 3, 8, 2, 30), "raise", utc(2026, 3, 7, 23, 30)),
    ("Europe/Moscow", datetime(2014, 6, 1, 12, 0), "raise", utc(2014, 6, 1, 8, 0)),
    ("Europe/Moscow", datetime(2014, 10, 26, 1, 30), "wall_clock", utc(2014, 10, 25, 21, 30)),
    # Samoa skipped 30 December 2011 entirely (-10:00 -> +14:00).
    ("Pacific/Apia", datetime(2011, 12, 30, 12, 0), "wall_clock", utc(2011, 12, 30, 10, 0)),
    ("Pacific/Apia", datetime(2011, 12, 30, 12, 0), "rfc5545", utc(2011, 12, 30, 22, 0)),
    ("Pacific/Apia", datetime(2011, 12, 31, 0, 0), "raise", utc(2011, 12, 30, 10, 0)),
    # Fractional offsets.
    ("Asia/Kathmandu", datetime(2026, 1, 1, 9, 0), "raise", utc(2026, 1, 1, 3, 15)),
    ("America/St_Johns", datetime(2026, 3, 8, 2, 30), "wall_clock", utc(2026, 3, 8, 5, 30)),
]


class TestToInstant:
    @pytest.mark.parametrize(("key", "local", "policy", "expected"), TO_INSTANT_CASES)
    def test_table(self, key: str, local: datetime, policy: Policy, expected: datetime) -> None:
        """Each documented DST case converts to its exact instant."""
        result = to_instant(local, key, policy=policy)
        assert result == expected
        assert result.tzinfo is UTC

    def test_gap_raises_with_details(self) -> None:
        """Under "raise", a skipped time names the zone, the time and the transition."""
        with pytest.raises(NonexistentTimeError) as caught:
            to_instant(datetime(2026, 3, 27, 2, 30), "Asia/Jerusalem")
        message = str(caught.value)
        assert caught.value.field == "local"
        assert "Asia/Jerusalem" in message
        assert "2026-03-27 02:30" in message
        assert "from 02:00 to 03:00" in message

    def test_fold_raises_with_details(self) -> None:
        """Under "raise", a repeated time names the zone, the time and the transition."""
        with pytest.raises(AmbiguousTimeError) as caught:
            to_instant(datetime(2026, 11, 1, 1, 30), "America/Toronto")
        message = str(caught.value)
        assert "America/Toronto" in message
        assert "happens twice" in message
        assert "from 02:00 to 01:00" in message

    def test_fold_one_asks_for_second_pass(self) -> None:
        """PEP 495: fold=1 picks the second pass of a repeated time."""
        second = datetime(2026, 11, 1, 1, 30, fold=1)
        assert to_instant(second, "America/Toronto", policy="wall_clock") == utc(2026, 11, 1, 6, 30)
        assert to_instant(second, "America/Toronto", policy="rfc5545") == utc(2026, 11, 1, 6, 30)
        with pytest.raises(AmbiguousTimeError):
            to_instant(second, "America/Toronto", policy="raise")

    def test_bad_arguments(self) -> None:
        """An aware reading, an unknown policy or a bad zone are clear errors."""
        with pytest.raises(ValidationError, match="local: expected a naive wall-clock reading"):
            to_instant(utc(2026, 1, 1), "Europe/Moscow")
        with pytest.raises(ValidationError, match="policy: must be one of"):
            to_instant(datetime(2026, 1, 1), "Europe/Moscow", policy="nearest")  # type: ignore[arg-type]
        with pytest.raises(UnknownTimeZoneError):
            to_instant(datetime(2026, 1, 1), "Europe/Moskva")
        with pytest.raises(ValidationError, match="local: expected a naive datetime"):
            to_instant(date(2026, 1, 1), "Europe/Moscow")  # type: ignore[arg-type]


def offset_at(key: str, instant: datetime) -> timedelta:
    offset = instant.astimezone(zone(key)).utcoffset()
    assert offset is not None
    return offset


class TestTransitions:
    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            ("America/Toronto", [(utc(2026, 3, 8, 7), -5, -4), (utc(2026, 11, 1, 6), -4, -5)]),
            ("Europe/Berlin", [(utc(2026, 3, 29, 1), 1, 2), (utc(2026, 10, 25, 1), 2, 1)]),
            ("Asia/Jerusalem", [(utc(2026, 3, 27, 0), 2, 3), (utc(2026, 10, 24, 23), 3, 2)]),
            (
                "Australia/Lord_Howe",
                [(utc(2026, 4, 4, 15), 11, 10.5), (utc(2026, 10, 3, 15, 30), 10.5, 11)],
            ),
            ("Europe/Moscow", []),
            ("UTC", []),
        ],
    )
    def test_2026(self, key: str, expected: list[tuple[datetime, float, float]]) -> None:
        """The story's zones change exactly when the tz database says."""
        found = transitions(key, utc(2026, 1, 1), utc(2027, 1, 1))
        assert found == tuple(
            Transition(at=at, offset_before=before * H, offset_after=after * H)
            for at, before, after in expected
        )

    def test_historic_changes(self) -> None:
        """Moscow's 2014 change and Samoa's skipped day are found to the second."""
        (moscow,) = transitions("Europe/Moscow", utc(2014, 1, 1), utc(2015, 1, 1))
        assert moscow == Transition(
            at=utc(2014, 10, 25, 22), offset_before=4 * H, offset_after=3 * H
        )
        assert moscow.kind == "fold"
        (apia,) = transitions("Pacific/Apia", utc(2011, 12, 1), utc(2012, 1, 15))
        assert apia == Transition(
            at=utc(2011, 12, 30, 10), offset_before=-10 * H, offset_after=14 * H
        )
        assert apia.shift == 24 * H

    @pytest.mark.parametrize(
        ("key", "year", "expected"),
        [
            (
                "Pacific/Apia",
                2011,
                "clocks go forward from 2011-12-30 00:00 to 2011-12-31 00:00"
                " (UTC-10:00 to UTC+14:00)",
            ),
            (
                "Pacific/Kwajalein",
                1993,
                "clocks go forward from 1993-08-21 00:00 to 1993-08-22 00:00"
                " (UTC-12:00 to UTC+12:00)",
            ),
            (
                "Pacific/Kiritimati",
                1994,
                "clocks go forward from 1994-12-31 00:00 to 1995-01-01 00:00"
                " (UTC-10:00 to UTC+14:00)",
            ),
        ],
    )
    def test_whole_day_jumps_say_both_dates(self, key: str, year: int, expected: str) -> None:
        """A clock that jumps a whole day is described with the date of each reading."""
        (change,) = [
            t for t in transitions(key, utc(year, 1, 1), utc(year + 1, 1, 1)) if t.shift >= 23 * H
        ]
        assert change.describe() == expected

    @given(st.sampled_from(ALL_ZONES), st.integers(1900, 2037))
    def test_describe_names_every_reading(self, key: str, year: int) -> None:
        """Every description shows both readings' times, and their dates when they differ."""
        for change in transitions(key, utc(year, 1, 1), utc(year + 1, 1, 1)):
            text = change.describe()
            before, after = change.local_before, change.local_after
            assert f"{before:%H:%M}" in text
            assert f"{after:%H:%M}" in text
            assert f"{before:%Y-%m-%d}" in text
            if before.date() != after.date():
                assert f"{after:%Y-%m-%d}" in text

    def test_half_open_range(self) -> None:
        """A transition at ``start`` is included; one at ``end`` is not."""
        at = utc(2026, 3, 8, 7)
        assert len(transitions("America/Toronto", at, at + H)) == 1
        assert transitions("America/Toronto", at - H, at) == ()
        assert transitions("America/Toronto", at, at) == ()

    def test_bad_arguments(self) -> None:
        """Naive bounds and a reversed range are refused."""
        with pytest.raises(NaiveDatetimeError):
            transitions("Europe/Berlin", datetime(2026, 1, 1), utc(2027, 1, 1))
        with pytest.raises(ValidationError, match="end: must not be before start"):
            transitions("Europe/Berlin", utc(2027, 1, 1), utc(2026, 1, 1))

    def test_scan_step_is_safe_for_the_database(self) -> None:
        """No offset changes and changes back within one scan step, in any zone.

        ``transitions`` samples offsets once per ``_SCAN_STEP`` and bisects each
        change it sees, so it would miss a change that is undone within one step.
        This reads the raw transition lists (pure-Python zoneinfo internals,
        used here only as an oracle) to check that none exists.
        """
        step = timezones._SCAN_STEP.total_seconds()
        shortest = float("inf")
        for key in ALL_ZONES:
            raw = _zoneinfo.ZoneInfo.no_cache(key)
            offsets = [info.utcoff for info in raw._ttinfos]
            for i in range(1, len(raw._trans_utc) - 1):
                if offsets[i - 1] == offsets[i + 1] != offsets[i]:
                    shortest = min(shortest, raw._trans_utc[i] - raw._trans_utc[i - 1])
        assert shortest > step

    @pytest.mark.parametrize("key", STORY_ZONES)
    def test_agrees_with_hourly_scan(self, key: str) -> None:
        """Over 2024-2028, the changes found match a brute-force hourly scan."""
        start, end = utc(2024, 1, 1), utc(2029, 1, 1)
        found = transitions(key, start, end)
        expected = []
        instant = start
        previous = offset_at(key, instant)
        while instant < end:
            instant += H
            current = offset_at(key, instant)
            if current != previous:
                expected.append(instant)
                previous = current
        # Each change seen between two hourly samples is found inside that hour.
        assert len(found) == len(expected)
        for transition, hour_after in zip(found, expected, strict=True):
            assert hour_after - H < transition.at <= hour_after
        for t in found:
            assert offset_at(key, t.at - timedelta(seconds=1)) == t.offset_before
            assert offset_at(key, t.at) == t.offset_after


@st.composite
def zones_and_instants(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone and an instant, half the time within a day of one of that zone's transitions."""
    key = draw(zones())
    instant = draw(instants(zone_key=key, min_value=utc(1990, 1, 1), max_value=utc(2040, 1, 1)))
    return key, instant


class TestLaws:
    @given(zones_and_instants(), st.sampled_from(["wall_clock", "rfc5545"]))
    def test_round_trip(self, case: tuple[str, datetime], policy: Policy) -> None:
        """to_instant(to_local(u)) == u for every instant, under both lenient policies."""
        key, instant = case
        local = to_local(instant, key)
        # Not ``local == instant``: PEP 495 makes an aware time in the second
        # pass of a fold unequal to every time in another zone.
        assert local.astimezone(UTC) == instant
        assert to_instant(local.replace(tzinfo=None), key, policy=policy) == instant

    @given(zones_and_instants(), st.integers(0, 6 * 3600))
    def test_wall_clock_is_monotone(self, case: tuple[str, datetime], seconds: int) -> None:
        """A later wall-clock reading never gives an earlier instant under wall_clock."""
        key, instant = case
        earlier = to_local(instant, key).replace(tzinfo=None, fold=0)
        later = earlier + timedelta(seconds=seconds)
        assert to_instant(earlier, key, policy="wall_clock") <= to_instant(
            later, key, policy="wall_clock"
        )

    @given(zones_and_instants(), st.integers(-3 * 3600, 3 * 3600))
    def test_wall_clock_reads_at_least_local(
        self, case: tuple[str, datetime], seconds: int
    ) -> None:
        """The wall_clock instant is the first at which the clock reads the time or later."""
        key, instant = case
        reading = to_local(instant, key).replace(tzinfo=None, fold=0) + timedelta(seconds=seconds)
        result = to_instant(reading, key, policy="wall_clock")
        assert to_local(result, key).replace(tzinfo=None) >= reading
        just_before = to_local(result - timedelta(seconds=1), key).replace(tzinfo=None)
        assert just_before < reading


MICRO = timedelta(microseconds=1)
NAIVE_EPOCH = datetime(1970, 1, 1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def exact_or_error(reading: int, key: str, policy: Policy) -> int | type[ValidationError]:
    """What to_instant says of a reading in microseconds: the instant, or the error class."""
    try:
        return (to_instant(NAIVE_EPOCH + reading * MICRO, key, policy=policy) - EPOCH) // MICRO
    except (NonexistentTimeError, AmbiguousTimeError) as err:
        return type(err)


class TestLocalClock:
    @given(
        zones_and_instants(),
        st.sampled_from(POLICIES),
        st.integers(0, 40 * 24 * 3600),
        st.lists(st.integers(-10 * 24 * 3600, 50 * 24 * 3600), min_size=1, max_size=20),
    )
    def test_agrees_with_to_instant(
        self, case: tuple[str, datetime], policy: Policy, length: int, seconds: list[int]
    ) -> None:
        """Every reading, inside the range or beyond it, in a gap or a fold, gets to_instant's answer."""
        key, low = case
        high = low + timedelta(seconds=length)
        clock = LocalClock(key, policy, low, high)
        base = (to_local(low, key).replace(tzinfo=None) - NAIVE_EPOCH) // MICRO
        readings = [base + s * 1_000_000 for s in seconds]
        for change in transitions(key, low - timedelta(days=10), high + timedelta(days=10)):
            edge = (change.local_before - NAIVE_EPOCH) // MICRO
            readings += [edge + d for d in (-1, 0, 1, 900_000_000, -900_000_000)]
        for reading in readings:
            expected = exact_or_error(reading, key, policy)
            if isinstance(expected, int):
                assert clock.instant(reading) == expected
            else:
                with pytest.raises(expected):
                    clock.instant(reading)
            skipped = exact_or_error(reading, key, "raise") is NonexistentTimeError
            assert clock.exists(reading) is not skipped
        spans = [(a, a + 3_600_000_000) for a in readings]
        answers = [
            (exact_or_error(a, key, policy), exact_or_error(b, key, policy)) for a, b in spans
        ]
        pairs = [(a, b) for a, b in answers if isinstance(a, int) and isinstance(b, int)]
        if len(pairs) == len(answers):
            assert clock.convert(spans) == [(a, b) for a, b in pairs if a < b]

    def test_refuses_what_it_cannot_convert(self) -> None:
        """Bad arguments and readings raise the library's errors, naming the field."""
        low, high = utc(2026, 3, 1), utc(2026, 4, 1)
        with pytest.raises(UnknownTimeZoneError):
            LocalClock("Mars/Olympus_Mons", "wall_clock", low, high)
        with pytest.raises(ValidationError, match="policy"):
            LocalClock("UTC", "nearest", low, high)  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError):
            LocalClock("UTC", "wall_clock", datetime(2026, 3, 1), high)
        with pytest.raises(ValidationError, match="high: must not be before low"):
            LocalClock("UTC", "wall_clock", high, low)
        clock = LocalClock("America/Toronto", "wall_clock", low, high)
        with pytest.raises(InvalidTypeError, match="reading"):
            clock.instant("09:00")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="reading: must lie from"):
            clock.instant(10**30)
        with pytest.raises(ValidationError, match="reading: must lie from"):
            clock.exists(float("nan"))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="spans"):
            clock.convert([(1,)])  # type: ignore[list-item]
