"""Interval and IntervalSet: the laws, checked against a set-of-minutes model."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import NaiveDatetimeError, ValidationError
from ementoring.scheduling import Interval, IntervalSet
from tests.scheduling.strategies import BASE, interval_sets, minute_intervals

MINUTE = timedelta(minutes=1)


def minutes(value: IntervalSet | Interval) -> set[int]:
    """The model: the set of whole minutes (counted from BASE) a value covers."""
    items = [value] if isinstance(value, Interval) else list(value)
    covered: set[int] = set()
    for interval in items:
        covered.update(range((interval.start - BASE) // MINUTE, (interval.end - BASE) // MINUTE))
    return covered


def assert_canonical(value: IntervalSet) -> None:
    """Sorted, non-empty pieces, with a real gap between neighbours (touching ones merge)."""
    for interval in value:
        assert interval.start < interval.end
    for earlier, later in itertools.pairwise(value):
        assert earlier.end < later.start


class TestInterval:
    def test_stored_in_utc(self) -> None:
        """An aware datetime in any zone is stored as the same instant in UTC."""
        toronto = ZoneInfo("America/Toronto")
        interval = Interval(
            datetime(2026, 3, 8, 1, tzinfo=toronto), datetime(2026, 3, 8, 4, tzinfo=toronto)
        )
        assert interval.start == datetime(2026, 3, 8, 6, tzinfo=UTC)
        assert interval.start.tzinfo is UTC
        # 01:00 to 04:00 on spring-forward night is two real hours, not three.
        assert interval.duration == timedelta(hours=2)

    def test_half_open(self) -> None:
        """The start is inside, the end is not; touching intervals do not overlap."""
        a = Interval(BASE, BASE + MINUTE)
        b = Interval(BASE + MINUTE, BASE + 2 * MINUTE)
        assert BASE in a
        assert a.end not in a
        assert not a.overlaps(b)
        assert a.overlaps(Interval(BASE, BASE + 2 * MINUTE))
        assert a in Interval(BASE, BASE + 2 * MINUTE)

    def test_wrong_order_is_refused(self) -> None:
        """``end`` before or equal to ``start`` raises a ValidationError naming ``end``."""
        with pytest.raises(ValidationError, match="end: must be after start"):
            Interval(BASE + MINUTE, BASE)
        with pytest.raises(ValidationError):
            Interval(BASE, BASE)

    def test_naive_is_refused(self) -> None:
        """A naive start or end raises NaiveDatetimeError naming the field."""
        with pytest.raises(NaiveDatetimeError, match="start"):
            Interval(datetime(2026, 3, 1), BASE)
        with pytest.raises(NaiveDatetimeError, match="end"):
            Interval(BASE, datetime(2026, 3, 3))

    def test_naive_membership_is_refused(self) -> None:
        """Asking whether a naive datetime is inside raises rather than guessing a zone."""
        with pytest.raises(NaiveDatetimeError):
            _ = datetime(2026, 3, 2) in Interval(BASE, BASE + MINUTE)


class TestIntervalSetLaws:
    @given(interval_sets(), interval_sets())
    def test_union_matches_model(self, a: IntervalSet, b: IntervalSet) -> None:
        """``|`` covers exactly the minutes of either side and stays canonical."""
        result = a | b
        assert minutes(result) == minutes(a) | minutes(b)
        assert_canonical(result)

    @given(interval_sets(), interval_sets())
    def test_intersection_matches_model(self, a: IntervalSet, b: IntervalSet) -> None:
        """``&`` covers exactly the common minutes and stays canonical."""
        result = a & b
        assert minutes(result) == minutes(a) & minutes(b)
        assert_canonical(result)

    @given(interval_sets(), interval_sets())
    def test_difference_matches_model(self, a: IntervalSet, b: IntervalSet) -> None:
        """``-`` covers exactly the minutes of the left side not in the right one."""
        result = a - b
        assert minutes(result) == minutes(a) - minutes(b)
        assert_canonical(result)

    @given(interval_sets(), interval_sets())
    def test_commutative(self, a: IntervalSet, b: IntervalSet) -> None:
        """Union and intersection do not depend on the order of the operands."""
        assert a | b == b | a
        assert a & b == b & a

    @given(st.lists(minute_intervals(), max_size=10), st.randoms(use_true_random=False))
    def test_built_canonical_in_any_order(self, pieces: list[Interval], rng: object) -> None:
        """Any iterable, in any order, gives the same sorted, merged set."""
        shuffled = list(pieces)
        rng.shuffle(shuffled)  # type: ignore[attr-defined]
        built = IntervalSet(pieces)
        assert built == IntervalSet(shuffled)
        assert_canonical(built)
        assert minutes(built) == set().union(*(minutes(p) for p in pieces))

    @given(interval_sets(), minute_intervals(longest=300))
    def test_clip_matches_model(self, a: IntervalSet, window: Interval) -> None:
        """``clip`` keeps exactly the minutes inside the window."""
        assert minutes(a.clip(window)) == minutes(a) & minutes(window)

    @given(interval_sets(), st.integers(0, 120))
    def test_at_least_keeps_exact_length(self, a: IntervalSet, length: int) -> None:
        """``at_least`` drops only pieces shorter than the duration; one exactly that long stays."""
        kept = a.at_least(timedelta(minutes=length))
        assert set(kept) == {i for i in a if i.duration >= timedelta(minutes=length)}
        exact = IntervalSet([Interval(BASE, BASE + timedelta(minutes=length + 1))])
        assert exact.at_least(timedelta(minutes=length + 1)) == exact

    @given(interval_sets())
    def test_total_matches_model(self, a: IntervalSet) -> None:
        """``total`` is the number of covered minutes."""
        assert a.total() == len(minutes(a)) * MINUTE

    def test_touching_intervals_merge(self) -> None:
        """``[a, b) + [b, c) = [a, c)``."""
        merged = IntervalSet(
            [Interval(BASE, BASE + MINUTE), Interval(BASE + MINUTE, BASE + 2 * MINUTE)]
        )
        assert list(merged) == [Interval(BASE, BASE + 2 * MINUTE)]

    def test_sized_truthy_iterable(self) -> None:
        """An empty set is falsy and has length 0; a non-empty one iterates its pieces."""
        assert not IntervalSet()
        assert len(IntervalSet()) == 0
        one = IntervalSet([Interval(BASE, BASE + MINUTE)])
        assert one
        assert len(one) == 1
        assert BASE in one
        assert BASE + MINUTE not in one

    def test_bad_members_are_refused(self) -> None:
        """Anything but an Interval raises a ValidationError naming its position."""
        with pytest.raises(ValidationError, match=r"intervals\[1\]"):
            IntervalSet([Interval(BASE, BASE + MINUTE), (BASE, BASE + MINUTE)])

    def test_negative_at_least_is_refused(self) -> None:
        """A negative duration raises a ValidationError."""
        with pytest.raises(ValidationError, match="duration"):
            IntervalSet().at_least(timedelta(minutes=-1))
