"""Free time over a span, expanded once and read many times.

:class:`FreeTime` is what someone's availability leaves free inside one span
(or what a group shares): every question about that span reads it (which
weeks hold a meeting, regular times, the common time of a group), so a person
is expanded once however often they are compared. :class:`FreeBlocks` keeps,
for one meeting length, only what comparing two people's weeks needs, so that
matching can ask it of every pair of a cohort.

A week is seven days (168 hours, as instants) from the span's start; the
last one may be shorter. A week is *meetable* when the free time, clipped to
that week, has a piece at least as long as the meeting: exactly what
``find_overlap(people, week, min_duration=meeting)`` finds non-empty, DST
shifts included. The sweeps work on microsecond bounds (see ``_bounds``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import timedelta

import attrs

from ementoring._microseconds import DAY_US, timedelta_us, us
from ementoring._validate import items_of, require_duration
from ementoring.errors import ExpansionLimitError, InvalidTypeError, ValidationError
from ementoring.scheduling._bounds import from_bounds, intersect
from ementoring.scheduling._checks import check_meeting, check_within
from ementoring.scheduling._expand import DEFAULT_MAX_OCCURRENCES
from ementoring.scheduling._intervals import Interval, IntervalSet

__all__ = [
    "WEEK_US",
    "FreeBlocks",
    "FreeTime",
    "bounds_of",
    "check_weeks",
    "free_time_of",
    "long_pieces",
    "may_meet",
    "meetable_flags",
    "week_count",
    "week_mask",
]

WEEK_US = 7 * DAY_US


def week_count(start_us: int, end_us: int) -> int:
    """How many weeks (the last one possibly shorter) cover ``[start_us, end_us)``."""
    return -(-(end_us - start_us) // WEEK_US)


def check_weeks(start_us: int, end_us: int, within: Interval, limit: int) -> int:
    """The number of weeks of the span, or raise beyond ``limit`` weeks (the work stays bounded)."""
    weeks = week_count(start_us, end_us)
    if weeks > limit:
        raise ExpansionLimitError(
            "within", within, f"more than {limit:,} weeks to examine; narrow the range"
        )
    return weeks


def meetable_flags(
    a: Sequence[int], b: Sequence[int], start_us: int, end_us: int, meeting_us: int
) -> list[bool]:
    """Per week of ``[start_us, end_us)``: does the common part of ``a`` and ``b`` hold a block?

    ``a`` and ``b`` are bounds lists clipped to the span; a week counts when
    some common piece, clipped to the week as ``find_overlap`` over the week
    would cut it, lasts at least ``meeting_us``. One sweep over both lists
    that builds no list of the common part and, once a week counts, jumps
    to the next week: matching runs it once per pair.
    """
    flags = [False] * week_count(start_us, end_us)
    i = j = 0
    len_a, len_b = len(a), len(b)
    while i < len_a and j < len_b:
        start = a[i] if a[i] > b[j] else b[j]
        end_a, end_b = a[i + 1], b[j + 1]
        end = end_a if end_a < end_b else end_b
        if end - start >= meeting_us:
            week = (start - start_us) // WEEK_US
            last = (end - 1 - start_us) // WEEK_US
            while week <= last:
                low = start_us + week * WEEK_US
                high = min(low + WEEK_US, end_us)
                if min(end, high) - max(start, low) >= meeting_us:
                    flags[week] = True
                week += 1
            if flags[last]:
                # The rest of week `last` cannot add anything: skip the pieces ending in it.
                boundary = start_us + (last + 1) * WEEK_US
                p = bisect_right(a, boundary, i)
                i = max(i, p - 1 if p % 2 else p)
                p = bisect_right(b, boundary, j)
                j = max(j, p - 1 if p % 2 else p)
                continue
        if end_a < end_b:
            i += 2
        else:
            j += 2
    return flags


_QUARTER_US = 15 * 60 * 1_000_000
_QUARTERS = WEEK_US // _QUARTER_US  # 672 quarter hours in a week
_ALL_QUARTERS = (1 << _QUARTERS) - 1


def week_mask(bounds: Sequence[int], start_us: int) -> int:
    """The quarter hours of the week (from ``start_us``) that some piece of ``bounds`` touches.

    Bit ``q`` is set when a piece overlaps quarter hour ``q`` of some week:
    every week folded onto one, so the mask is a superset of each week's
    free time, at quarter-hour resolution.
    """
    mask = 0
    for k in range(0, len(bounds), 2):
        a, b = bounds[k], bounds[k + 1]
        if b - a >= WEEK_US:
            return _ALL_QUARTERS
        first = (a - start_us) // _QUARTER_US
        count = (b - 1 - start_us) // _QUARTER_US - first + 1
        bits = ((1 << count) - 1) << (first % _QUARTERS)
        mask |= (bits & _ALL_QUARTERS) | (bits >> _QUARTERS)
    return mask


def may_meet(a: int, b: int, meeting_us: int) -> bool:
    """False only if two :func:`week_mask` values rule out any common block of ``meeting_us``.

    A common block of length ``L`` lies in a piece of each person, so the
    quarter hours it touches are set in both masks: at least one, and at
    least ``L // 15 min - 1`` in a row (across the end of the week too).
    """
    common = a & b
    if not common:
        return False
    run = max(1, meeting_us // _QUARTER_US - 1)
    # Doubled, so a run across the end of the week is a run.
    found = common | (common << _QUARTERS)
    for _ in range(run - 1):
        found &= found >> 1
        if not found:
            return False
    return True


def long_pieces(bounds: Sequence[int], meeting_us: int) -> tuple[int, ...]:
    """The pieces of ``bounds`` lasting at least ``meeting_us``: only they can hold a common block."""
    return tuple(
        [
            bound
            for k in range(0, len(bounds), 2)
            if bounds[k + 1] - bounds[k] >= meeting_us
            for bound in (bounds[k], bounds[k + 1])
        ]
    )


@attrs.frozen(init=False, repr=False)
class FreeTime:
    """The instants inside one span at which someone is free: expanded once, read many times.

    :meth:`Availability.free_time <ementoring.scheduling.Availability.free_time>`
    makes a person's; :meth:`common` gives what a group shares. The questions
    about the span read it without expanding anybody again: :meth:`meetable`
    (which weeks hold a meeting), :meth:`blocks` (the weeks two people share,
    asked of many pairs), :func:`has_regular_time` and :meth:`intervals`.

    Args:
        within: The span.
        free: Free instants; only their part inside ``within`` is kept.

    Raises:
        ValidationError: ``within`` is not an :class:`Interval` that can be
            expanded.
        InvalidTypeError: ``free`` is not an iterable of :class:`Interval`.

    >>> from datetime import UTC, datetime, timedelta
    >>> from ementoring.scheduling import Availability
    >>> spring = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))
    >>> ana = Availability("America/Toronto", weekly=["TU 12:00-13:00"]).free_time(spring)
    >>> olga = Availability("Europe/Moscow", weekly=["TU 20:00-22:00"]).free_time(spring)
    >>> ana.common(olga).meetable(timedelta(hours=1))
    (True, True, True, True, True, False, False, False, False, False)
    >>> len(ana.intervals()), len(ana.common(olga).at_least(timedelta(hours=1)).intervals())
    (10, 5)
    """

    within: Interval
    _bounds: tuple[int, ...]

    def __init__(self, within: Interval, free: Iterable[Interval] = ()) -> None:
        within = check_within(within)
        pieces = IntervalSet(items_of(free, Interval, "free", "an iterable of Interval"))
        bounds = tuple(
            bound for piece in pieces.clip(within) for bound in (us(piece.start), us(piece.end))
        )
        self.__attrs_init__(within, bounds)

    def __bool__(self) -> bool:
        return bool(self._bounds)

    def __repr__(self) -> str:
        return f"FreeTime({self.within!r}, {list(self.intervals())!r})"

    def intervals(self) -> IntervalSet:
        """The free instants, as an :class:`IntervalSet`."""
        return from_bounds(self._bounds)

    def common(self, *others: FreeTime) -> FreeTime:
        """The free time this one shares with all ``others``, over the same span.

        Raises:
            InvalidTypeError: One of ``others`` is not a :class:`FreeTime`.
            ValidationError: One of ``others`` covers another span.
        """
        bounds: Sequence[int] = self._bounds
        for index, other in enumerate(others):
            if not isinstance(other, FreeTime):
                raise InvalidTypeError(f"others[{index}]", other, "a FreeTime")
            if other.within != self.within:
                raise ValidationError(
                    f"others[{index}]", other.within, f"must be the span {self.within!r}"
                )
            bounds = intersect(bounds, other._bounds)
        return free_time_of(self.within, bounds)

    def at_least(self, duration: timedelta) -> FreeTime:
        """Only the pieces at least ``duration`` long (one exactly that long stays).

        Raises:
            ValidationError: ``duration`` is not a ``timedelta`` of zero or more.
        """
        duration = require_duration(duration, "duration")
        if not duration:
            return self  # every piece lasts longer than nothing
        return free_time_of(self.within, long_pieces(self._bounds, timedelta_us(duration)))

    def meetable(self, meeting: timedelta) -> tuple[bool, ...]:
        """Per week of the span: whether it holds a free block of ``meeting`` length.

        Weeks are seven days from the span's start (the last may be shorter).

        Raises:
            InvalidTypeError: ``meeting`` is not a ``timedelta``.
            ValidationError: ``meeting`` is not positive.
        """
        length = timedelta_us(check_meeting(meeting))
        start, end = us(self.within.start), us(self.within.end)
        return tuple(meetable_flags(self._bounds, (start, end), start, end, length))

    def blocks(self, meeting: timedelta) -> FreeBlocks:
        """What comparing this free time's weeks with others' needs, for one meeting length.

        See :class:`FreeBlocks`; the same as ``FreeBlocks(self, meeting)``.
        """
        return FreeBlocks(self, meeting)


def free_time_of(within: Interval, bounds: Sequence[int]) -> FreeTime:
    """A :class:`FreeTime` of bounds already sorted, merged and inside ``within`` (not checked)."""
    free: FreeTime = object.__new__(FreeTime)
    free.__attrs_init__(within, tuple(bounds))
    return free


def bounds_of(free: FreeTime) -> tuple[int, ...]:
    """The microsecond bounds of a :class:`FreeTime`, for the sweeps of this package."""
    return free._bounds


@attrs.frozen(init=False, repr=False)
class FreeBlocks:
    """Someone's free time reduced to what can hold one meeting length, ready to compare.

    Counting the weeks in which two people share a free block of a meeting
    (:meth:`weeks_with`) is what matching asks of every pair of a cohort.
    This holds what that needs of one person, worked out once: the pieces at
    least ``meeting`` long (no shorter piece can hold a common block) and the
    quarter hours of the week they touch (two people sharing too few of those
    cannot meet in any week, found without comparing the pieces).

    Args:
        free: The person's free time (see :meth:`FreeTime.blocks`).
        meeting: The meeting length.

    Attributes:
        within: The span.
        meeting: The meeting length.
        weeks: How many weeks the span holds (the last may be shorter).

    Raises:
        InvalidTypeError: ``free`` is not a :class:`FreeTime`, or ``meeting``
            not a ``timedelta``.
        ValidationError: ``meeting`` is not positive.
        ExpansionLimitError: The span holds more than
            :data:`DEFAULT_MAX_OCCURRENCES` weeks (each comparison walks them).

    >>> from datetime import UTC, datetime, timedelta
    >>> from ementoring.scheduling import Availability
    >>> spring = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))
    >>> hour = timedelta(hours=1)
    >>> ana = Availability("America/Toronto", weekly=["TU 12:00-13:00"]).free_time(spring)
    >>> olga = Availability("Europe/Moscow", weekly=["TU 20:00-22:00"]).free_time(spring)
    >>> ana.blocks(hour).weeks_with(olga.blocks(hour)), ana.blocks(hour).weeks
    (5, 10)
    """

    within: Interval
    meeting: timedelta
    weeks: int
    _pieces: tuple[int, ...]
    _mask: int
    # What two must share to be compared: the span's ends and the meeting, in microseconds.
    _key: tuple[int, int, int]

    def __init__(self, free: FreeTime, meeting: timedelta) -> None:
        if not isinstance(free, FreeTime):
            raise InvalidTypeError("free", free, "a FreeTime")
        length = timedelta_us(check_meeting(meeting))
        within = free.within
        start, end = us(within.start), us(within.end)
        weeks = check_weeks(start, end, within, DEFAULT_MAX_OCCURRENCES)
        pieces = long_pieces(free._bounds, length)
        self.__attrs_init__(
            within, meeting, weeks, pieces, week_mask(pieces, start), (start, end, length)
        )

    def __repr__(self) -> str:
        return (
            f"FreeBlocks({self.within!r}, meeting={self.meeting}, pieces={len(self._pieces) // 2})"
        )

    def weeks_with(self, other: FreeBlocks) -> int:
        """How many weeks of the span hold a block of ``meeting`` free for both.

        The count of ``free.common(other_free).meetable(meeting)``, without
        building the common free time.

        Raises:
            InvalidTypeError: ``other`` is not a :class:`FreeBlocks`.
            ValidationError: ``other`` was made for another span or meeting length.
        """
        if not isinstance(other, FreeBlocks):
            raise InvalidTypeError("other", other, "FreeBlocks")
        key = self._key
        if other._key != key:
            raise ValidationError("other", other, "must be made for the same span and meeting")
        mine, theirs = self._mask, other._mask
        # No week can count: what the sweep would find, at a fraction of the
        # cost (most pairs of a cohort share no quarter hour at all).
        if not mine & theirs or not may_meet(mine, theirs, key[2]):
            return 0
        return sum(meetable_flags(self._pieces, other._pieces, *key))
