"""Weeks of a span in which a group can hold a meeting of a given length.

The span is cut into weeks of seven days (168 hours, as instants) from its
start; the last one may be shorter. A week is *meetable* when the common free
time, clipped to that week, has a piece at least as long as the meeting:
exactly what ``find_overlap(people, week, min_duration=meeting)`` finds
non-empty, DST shifts included. The sweep works on microsecond bounds (see
``_bounds``) so matching can run it for every pair of a large cohort.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import attrs

from ementoring._words import day_month, duration_words, listing, plural
from ementoring.errors import ExpansionLimitError, InvalidTypeError, ValidationError
from ementoring.scheduling._availability import Availability, check_limit, check_within
from ementoring.scheduling._bounds import DAY_US, intersect, timedelta_us, us
from ementoring.scheduling._expand import DEFAULT_MAX_OCCURRENCES
from ementoring.scheduling._intervals import Interval
from ementoring.scheduling._overlap import check_availabilities
from ementoring.timezones import Transition, to_local, transitions

__all__ = [
    "WEEK_US",
    "MeetableWeeks",
    "check_meeting",
    "check_weeks",
    "day_month",
    "duration_words",
    "long_pieces",
    "may_meet",
    "meetable_flags",
    "meetable_weeks",
    "week_count",
    "week_mask",
]

WEEK_US = 7 * DAY_US


def check_meeting(value: Any, field: str = "meeting") -> timedelta:
    """Return a positive ``timedelta``, else raise naming ``field``."""
    if not isinstance(value, timedelta):
        raise InvalidTypeError(field, value, "a positive timedelta")
    if value <= timedelta(0):
        raise ValidationError(field, value, "must be a positive timedelta")
    return value


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
        bound
        for k in range(0, len(bounds), 2)
        if bounds[k + 1] - bounds[k] >= meeting_us
        for bound in (bounds[k], bounds[k + 1])
    )


@attrs.frozen(kw_only=True)
class MeetableWeeks:
    """In which weeks of a span a group has a common free block of ``meeting`` length.

    Attributes:
        meeting: The meeting length asked for.
        weeks: The span cut into seven-day weeks from its start (the last may be shorter).
        meetable: Per week, whether it holds a common free block of ``meeting``.
        changes: The participants' clock changes inside the span, as
            ``(zone, transition)`` in time order.
    """

    meeting: timedelta
    weeks: tuple[Interval, ...]
    meetable: tuple[bool, ...]
    changes: tuple[tuple[str, Transition], ...] = ()

    def __attrs_post_init__(self) -> None:
        # Built by meetable_weeks; checked so that a hand-built one cannot break text().
        if not isinstance(self.meeting, timedelta):
            raise InvalidTypeError("meeting", self.meeting, "a timedelta")
        if not (isinstance(self.weeks, tuple) and all(isinstance(w, Interval) for w in self.weeks)):
            raise InvalidTypeError("weeks", self.weeks, "a tuple of Interval")
        if not (
            isinstance(self.meetable, tuple) and all(isinstance(m, bool) for m in self.meetable)
        ):
            raise InvalidTypeError("meetable", self.meetable, "a tuple of bool")
        if len(self.meetable) != len(self.weeks):
            raise ValidationError("meetable", self.meetable, "needs one flag per week")
        if not (
            isinstance(self.changes, tuple)
            and all(
                isinstance(c, tuple)
                and len(c) == 2
                and isinstance(c[0], str)
                and isinstance(c[1], Transition)
                for c in self.changes
            )
        ):
            raise InvalidTypeError("changes", self.changes, "a tuple of (zone, Transition)")

    @property
    def count(self) -> int:
        """How many weeks are meetable."""
        return sum(self.meetable)

    @property
    def share(self) -> float:
        """Meetable weeks divided by weeks, in ``[0, 1]``."""
        return self.count / len(self.weeks)

    def text(self) -> str:
        """Say it in words, naming a clock change after which no week is meetable.

        >>> from datetime import UTC, datetime
        >>> people = {
        ...     "mentor": Availability("America/Toronto", weekly=["TU 12:00-13:00"]),
        ...     "mentee": Availability("Europe/Moscow", weekly=["TU 20:00-22:00"]),
        ... }
        >>> spring = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))
        >>> meetable_weeks(people, spring).text()
        'a 1-hour slot in 5 of 10 weeks; none after the 8 March clock change'
        """
        words = duration_words(self.meeting)
        total, count = len(self.weeks), self.count
        weeks = plural(total, "week")
        if count == 0:
            return f"no {words} slot in any of the {total} {weeks}"
        head = f"a {words} slot in {count} of {total} {weeks}"
        if count == total:
            return head
        last = max(k for k, ok in enumerate(self.meetable) if ok)
        missed = [k for k, ok in enumerate(self.meetable) if not ok]
        if missed[0] > last:
            # Every week after the last meetable one misses: say what changed.
            window = Interval._trusted(self.weeks[last].start, self.weeks[last + 1].end)
            for key, change in self.changes:
                if change.at in window:
                    day = to_local(change.at, key).date()
                    return f"{head}; none after the {day_month(day)} clock change"
            return f"{head}; none from the week of {day_month(self.weeks[last + 1].start)}"
        listed = listing([day_month(self.weeks[k].start) for k in missed])
        return f"{head}; none in the {plural(len(missed), 'week')} of {listed}"


def meetable_weeks(
    availabilities: Mapping[str, Availability],
    within: Interval,
    *,
    meeting: timedelta = timedelta(hours=1),
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
) -> MeetableWeeks:
    """The weeks of ``within`` in which everybody shares a free block of ``meeting`` length.

    Weeks are seven-day blocks from ``within.start`` (the last may be
    shorter); a week counts when :func:`find_overlap` over that week with
    ``min_duration=meeting`` is not empty, DST shifts included.

    Args:
        availabilities: Participant id -> :class:`Availability` (one person is fine).
        within: The span, for example the program's ten weeks.
        meeting: The meeting length that must fit.
        max_occurrences: Cap on each person's expansion.

    Returns:
        The weeks, which of them are meetable, and the clock changes inside the span.

    Raises:
        ValidationError: Bad ``within``, a ``meeting`` that is not a positive
            ``timedelta``, or a bad mapping.
        ExpansionLimitError: Some person's expansion exceeds ``max_occurrences``,
            or the span has more than ``max_occurrences`` weeks.

    >>> from datetime import UTC, datetime
    >>> people = {
    ...     "mentor": Availability("America/Toronto", weekly=["MO-FR 12:00-13:00"]),
    ...     "mentee": Availability("Europe/Moscow", weekly=["MO-FR 19:00-20:30"]),
    ... }
    >>> march = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> found = meetable_weeks(people, march)
    >>> found.meetable, found.share
    ((False, True), 0.5)
    >>> found.text()
    'a 1-hour slot in 1 of 2 weeks; none in the week of 2 March'
    """
    people = check_availabilities(availabilities)
    within = check_within(within)
    meeting = check_meeting(meeting)
    limit = check_limit(max_occurrences)
    start_us, end_us = us(within.start), us(within.end)
    check_weeks(start_us, end_us, within, limit)
    common: list[int] | None = None
    for person in sorted(people):
        free = people[person]._free_bounds(within, [], limit)
        common = free if common is None else intersect(common, free)
    assert common is not None  # people is not empty
    flags = meetable_flags(common, [start_us, end_us], start_us, end_us, timedelta_us(meeting))
    weeks = tuple(
        Interval._trusted(
            within.start + timedelta(weeks=k),
            min(within.start + timedelta(weeks=k + 1), within.end),
        )
        for k in range(len(flags))
    )
    zones = sorted({p.zone for p in people.values()})
    changes = sorted(
        ((key, change) for key in zones for change in transitions(key, within.start, within.end)),
        key=lambda item: (item[1].at, item[0]),
    )
    return MeetableWeeks(
        meeting=meeting, weeks=weeks, meetable=tuple(flags), changes=tuple(changes)
    )
