"""Regular slots: the same local time every week, free for everybody in every week."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._microseconds import DAY_US, instant_from_us, midnight_us, timedelta_us, us
from ementoring._validate import require_duration, require_type
from ementoring._words import day_month, plural
from ementoring.errors import ExpansionLimitError, InvalidTypeError, ValidationError
from ementoring.scheduling._availability import Availability
from ementoring.scheduling._checks import check_limit, check_meeting, check_within
from ementoring.scheduling._expand import DEFAULT_MAX_OCCURRENCES
from ementoring.scheduling._free import FreeTime, bounds_of
from ementoring.scheduling._intervals import Interval
from ementoring.scheduling._overlap import (
    Booking,
    blocked_by_person,
    check_availabilities,
    preferred_ids,
)
from ementoring.scheduling._windows import Weekday
from ementoring.timezones import LocalClock, ZoneLike, require_aware, to_local, zone_key

__all__ = ["MAX_REGULAR_CHECKS", "LocalStretch", "RegularSlot", "has_regular_time", "regular_slots"]

MAX_REGULAR_CHECKS = 1_000_000
"""How many (grid time, date) readings :func:`regular_slots` may examine in one call."""

_WEEKDAYS = tuple(Weekday)


@attrs.frozen(kw_only=True)
class LocalStretch:
    """How one participant reads a regular slot over weeks with no clock change between them.

    Attributes:
        weekday: The day on the participant's clock.
        start: The local start time.
        end: The local end time (on the next day when at or before ``start``).
        first: The first of these weeks' meetings (its UTC start).
        last: The last of them (its UTC start).
        weeks: How many meetings the stretch holds.
    """

    weekday: Weekday
    start: time
    end: time
    first: datetime
    last: datetime
    weeks: int

    def __attrs_post_init__(self) -> None:
        # Built by regular_slots; checked so that a hand-built one cannot break repr or text().
        require_type(self.weekday, Weekday, "weekday", "a Weekday")
        require_type(self.start, time, "start", "a time of day")
        require_type(self.end, time, "end", "a time of day")
        require_aware(self.first, "first")
        require_aware(self.last, "last")
        require_type(self.weeks, int, "weeks", "a whole number of weeks")
        if self.weeks < 1:
            raise ValidationError("weeks", self.weeks, "must be at least 1")

    def __repr__(self) -> str:
        return (
            f"LocalStretch({self.weekday} {self.start:%H:%M}-{self.end:%H:%M},"
            f" {self.first:%Y-%m-%d}..{self.last:%Y-%m-%d}, weeks={self.weeks})"
        )


def _local(value: Mapping[str, tuple[LocalStretch, ...]]) -> Mapping[str, tuple[LocalStretch, ...]]:
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise InvalidTypeError("local", value, "a mapping of participant ids to local stretches")
    return MappingProxyType(dict(sorted(value.items())))


@attrs.frozen(kw_only=True)
class RegularSlot:
    """A weekly meeting time on one clock that every participant has free in every week.

    Attributes:
        zone: The clock it is regular on.
        weekday: The day on that clock.
        start: The local start time on that clock.
        duration: The meeting length.
        occurrences: Every week's meeting inside the span, in UTC.
        local: Participant id -> their reading, one :class:`LocalStretch` per
            run of weeks between clock changes.
        preferred_by: The participants inside whose preferred windows every one
            of its meetings lies.
    """

    zone: str
    weekday: Weekday
    start: time
    duration: timedelta
    occurrences: tuple[Interval, ...]
    local: Mapping[str, tuple[LocalStretch, ...]] = attrs.field(converter=_local, hash=False)
    preferred_by: frozenset[str] = attrs.field(converter=preferred_ids, factory=frozenset)

    def __attrs_post_init__(self) -> None:
        # Built by regular_slots; checked so that a hand-built one cannot break text().
        for field, value, kind in (
            ("zone", self.zone, str),
            ("weekday", self.weekday, Weekday),
            ("start", self.start, time),
        ):
            if not isinstance(value, kind):
                raise InvalidTypeError(field, value, f"a {kind.__name__}")
        check_meeting(self.duration, "duration")
        if not (
            isinstance(self.occurrences, tuple)
            and all(isinstance(i, Interval) for i in self.occurrences)
        ):
            raise InvalidTypeError("occurrences", self.occurrences, "a tuple of Interval")
        for person, stretches in self.local.items():
            if not (
                isinstance(stretches, tuple)
                and stretches
                and all(isinstance(s, LocalStretch) for s in stretches)
            ):
                raise InvalidTypeError(
                    f"local[{person!r}]", stretches, "a non-empty tuple of LocalStretch"
                )
        strangers = sorted(self.preferred_by - set(self.local))
        if strangers:
            raise ValidationError("preferred_by", strangers, "not participants (keys of local)")

    def text(self) -> str:
        """Say it in words, with each participant's time where it differs from the slot's clock.

        ``"every TU 12:00 America/Toronto, 4 weeks (natalia: TU 20:00, then TU 19:00 from 10 March)"``
        """
        own = (self.weekday, self.start)
        notes = []
        for person, stretches in self.local.items():
            if len(stretches) == 1 and (stretches[0].weekday, stretches[0].start) == own:
                continue
            parts = [f"{stretches[0].weekday} {stretches[0].start:%H:%M}"]
            parts.extend(
                f"then {s.weekday} {s.start:%H:%M} from {day_month(to_local(s.first, self.zone).date())}"
                for s in stretches[1:]
            )
            notes.append(f"{person}: {', '.join(parts)}")
        weeks = len(self.occurrences)
        head = (
            f"every {self.weekday} {self.start:%H:%M} {self.zone}, {weeks} {plural(weeks, 'week')}"
        )
        return f"{head} ({'; '.join(notes)})" if notes else head

    def __repr__(self) -> str:
        return (
            f"RegularSlot({self.weekday} {self.start:%H:%M} {self.zone},"
            f" {self.duration}, weeks={len(self.occurrences)},"
            f" preferred_by={sorted(self.preferred_by)!r})"
        )


def _clock_time(reading: int) -> time:
    """The time of day ``reading`` microseconds after midnight."""
    seconds, micro = divmod(reading, 1_000_000)
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60, micro)


def _check_step(value: Any) -> timedelta:
    return require_duration(value, "step", minimum=timedelta(minutes=1))


def _stretches(occurrences: list[tuple[int, int]], key: str) -> tuple[LocalStretch, ...]:
    """Group consecutive meetings that read the same on ``key``'s clock."""
    stretches: list[LocalStretch] = []
    for start_us, end_us in occurrences:
        start, end = instant_from_us(start_us), instant_from_us(end_us)
        local_start, local_end = to_local(start, key), to_local(end, key)
        weekday = _WEEKDAYS[local_start.weekday()]
        begin, finish = local_start.time(), local_end.time()
        previous = stretches[-1] if stretches else None
        if previous and (previous.weekday, previous.start, previous.end) == (
            weekday,
            begin,
            finish,
        ):
            stretches[-1] = attrs.evolve(previous, last=start, weeks=previous.weeks + 1)
        else:
            stretches.append(
                LocalStretch(
                    weekday=weekday, start=begin, end=finish, first=start, last=start, weeks=1
                )
            )
    return tuple(stretches)


def _check_work(within: Interval, key: str, step_us: int) -> tuple[date, int]:
    """The first local date and the number of dates to examine, or raise beyond the cap."""
    first = to_local(within.start, key).date()
    days = (to_local(within.end, key).date() - first).days + 1
    if -(-DAY_US // step_us) * days > MAX_REGULAR_CHECKS:
        raise ExpansionLimitError(
            "within",
            within,
            f"finding regular slots would examine more than {MAX_REGULAR_CHECKS:,} readings;"
            " narrow the range or widen the step",
        )
    return first, days


def _regular_times(
    common: Sequence[int],
    within: Interval,
    length: int,
    key: str,
    step_us: int,
    *,
    first_only: bool = False,
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The regular times of a common free time (bounds): ``(weekday, reading, meetings)``.

    ``reading`` is the local start in microseconds after midnight on ``key``'s
    clock; ``meetings`` the ``(start, end)`` instants, in microseconds.
    ``first_only`` stops at the first one found (:func:`has_regular_time`).
    """
    start_us, end_us = us(within.start), us(within.end)
    grid = range(0, DAY_US, step_us)
    first, days = _check_work(within, key, step_us)
    found: list[tuple[int, int, list[tuple[int, int]]]] = []
    if not common:
        return found
    clock = LocalClock(key, "wall_clock", within.start, within.end)
    for weekday in range(7):
        offset = (weekday - first.weekday()) % 7
        midnights = [
            midnight_us(first) + (offset + 7 * k) * DAY_US for k in range((days - offset + 6) // 7)
        ]
        for reading in grid:
            meetings: list[tuple[int, int]] = []
            for midnight in midnights:
                if not clock.exists(midnight + reading):
                    break  # the time is skipped that day: not the same time every week
                begin = clock.instant(midnight + reading)
                end = begin + length
                if begin < start_us or end > end_us:
                    continue
                # Free for everybody: inside one piece of the common free time.
                index = bisect_right(common, begin)
                if not (index % 2 and end <= common[index]):
                    break
                meetings.append((begin, end))
            else:
                if meetings:
                    found.append((weekday, reading, meetings))
                    if first_only:
                        return found
    return found


def has_regular_time(
    free: FreeTime,
    meeting: timedelta,
    *,
    zone: ZoneLike,
    step: timedelta = timedelta(minutes=30),
) -> bool:
    """Whether some free time holds a meeting at one local time in ``zone`` every week.

    The question :func:`regular_slots` answers in full, asked of a
    :class:`FreeTime` (for a group, their common one: ``a.common(b)``) and
    answered at the first regular time found: true exactly when
    :func:`regular_slots` over ``free.within`` finds a slot of ``meeting``
    length on ``zone``'s clock with this ``step``.

    Args:
        free: The free time, over the span.
        meeting: The meeting length.
        zone: The clock on which the time stays the same.
        step: The grid of start times, at least one minute.

    Raises:
        InvalidTypeError: ``free`` is not a :class:`FreeTime`, or a
            ``meeting`` or ``step`` that is not a ``timedelta``.
        ValidationError: A ``meeting`` that is not positive, or a ``step``
            under a minute.
        UnknownTimeZoneError: A bad ``zone``.
        ExpansionLimitError: More than :data:`MAX_REGULAR_CHECKS` readings
            would be examined.

    >>> from datetime import UTC, datetime
    >>> spring = Interval(datetime(2026, 3, 2, 5, tzinfo=UTC), datetime(2026, 3, 30, 4, tzinfo=UTC))
    >>> anna = Availability("America/Toronto", weekly=["TU 11:30-13:00"]).free_time(spring)
    >>> natalia = Availability("Europe/Moscow", weekly=["TU 19:00-21:30"]).free_time(spring)
    >>> both, hour = anna.common(natalia), timedelta(hours=1)
    >>> has_regular_time(both, hour, zone="America/Toronto"), has_regular_time(both, hour, zone="Europe/Moscow")
    (True, False)
    """
    if not isinstance(free, FreeTime):
        raise InvalidTypeError("free", free, "a FreeTime")
    length = timedelta_us(check_meeting(meeting))
    step_us = timedelta_us(_check_step(step))
    key = zone_key(zone, "zone")
    found = _regular_times(bounds_of(free), free.within, length, key, step_us, first_only=True)
    return bool(found)


def regular_slots(
    availabilities: Mapping[str, Availability],
    within: Interval,
    duration: timedelta,
    *,
    zone: ZoneLike,
    step: timedelta = timedelta(minutes=30),
    bookings: Iterable[Booking] = (),
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
) -> tuple[RegularSlot, ...]:
    """Weekly meeting times at one local time in ``zone`` that suit everybody every week.

    A candidate is a weekday and a local time on ``zone``'s clock that is a
    whole multiple of ``step`` after local midnight. Its meetings are that
    time on every such day whose ``[start, start + duration)`` lies inside
    ``within``; the candidate is regular when there is at least one meeting,
    every meeting is free for everybody (inside :func:`find_overlap` with the
    same ``bookings``), and the time exists on every such day (not skipped by
    a clock change). Each participant's local time is reported per stretch
    between clock changes, so a Tuesday 12:00 Toronto call that is 20:00, then
    19:00 in St. Petersburg is one regular slot.

    Args:
        availabilities: Participant id -> :class:`Availability`.
        within: The span (say, the program's ten weeks; start it at a local
            midnight so the first week is whole).
        duration: The meeting length.
        zone: The clock on which the time stays the same.
        step: The grid of start times, at least one minute.
        bookings: Meetings already booked, as :func:`find_slots` takes them
            (``Session.booking()``, ``session_bookings``): a one-off session
            blocks the weekly times it falls on, buffers included, for those of
            its participants being scheduled.
        max_occurrences: Cap on each person's expansion.

    Returns:
        The regular slots, the most preferred first: by how many participants
        prefer every one of its meetings (:attr:`RegularSlot.preferred_by`),
        then by weekday (Monday first) and time on ``zone``'s clock.

    Raises:
        ValidationError: A bad mapping, ``within``, ``duration``, ``step`` or booking.
        DuplicateIdError: Two bookings share an id.
        UnknownTimeZoneError: A bad ``zone``.
        ExpansionLimitError: Some person's expansion exceeds
            ``max_occurrences``, or more than :data:`MAX_REGULAR_CHECKS`
            readings would be examined (narrow ``within`` or widen ``step``).

    >>> from datetime import UTC, datetime
    >>> people = {
    ...     "anna": Availability("America/Toronto", weekly=["TU 11:30-13:00"]),
    ...     "natalia": Availability("Europe/Moscow", weekly=["TU 19:00-21:30"]),
    ... }
    >>> spring = Interval(datetime(2026, 3, 2, 5, tzinfo=UTC), datetime(2026, 3, 30, 4, tzinfo=UTC))
    >>> [slot] = regular_slots(people, spring, timedelta(hours=1), zone="America/Toronto")
    >>> slot
    RegularSlot(TU 12:00 America/Toronto, 1:00:00, weeks=4, preferred_by=[])
    >>> slot.local["natalia"]
    (LocalStretch(TU 20:00-21:00, 2026-03-03..2026-03-03, weeks=1), LocalStretch(TU 19:00-20:00, 2026-03-10..2026-03-24, weeks=3))
    """
    people = check_availabilities(availabilities)
    within = check_within(within)
    duration = check_meeting(duration, "duration")
    step = _check_step(step)
    key = zone_key(zone, "zone")
    limit = check_limit(max_occurrences)
    blocked = blocked_by_person(people, bookings, None)
    _check_work(within, key, timedelta_us(step))  # before any expansion
    length = timedelta_us(duration)
    common: FreeTime | None = None
    for person in sorted(people):
        free = people[person].free_time(within, busy=blocked[person], max_occurrences=limit)
        common = free if common is None else common.common(free)
    assert common is not None  # people is not empty
    found = _regular_times(bounds_of(common), within, length, key, timedelta_us(step))
    preferred = {
        person: people[person].preferred_intervals(within, max_occurrences=limit)
        for person in sorted(people)
        if people[person].preferred
    }
    slots = []
    for weekday, reading, meetings in found:
        occurrences = tuple(
            Interval._trusted(instant_from_us(a), instant_from_us(b)) for a, b in meetings
        )
        slots.append(
            RegularSlot(
                zone=key,
                weekday=_WEEKDAYS[weekday],
                start=_clock_time(reading),
                duration=duration,
                occurrences=occurrences,
                local={person: _stretches(meetings, people[person].zone) for person in people},
                preferred_by=[
                    person
                    for person, liked in preferred.items()
                    if all(meeting in liked for meeting in occurrences)
                ],
            )
        )
    # Found by weekday then time; a stable sort keeps that order among equals.
    slots.sort(key=lambda slot: -len(slot.preferred_by))
    return tuple(slots)
