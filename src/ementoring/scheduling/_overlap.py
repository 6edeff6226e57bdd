"""Common free time of several people, bookings, and slots on a local grid."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal

import attrs

from ementoring._microseconds import timedelta_us
from ementoring._validate import check_unique, duration, identifier, items_of, require_duration
from ementoring.errors import ExpansionLimitError, InvalidTypeError, UnknownIdError, ValidationError
from ementoring.scheduling._availability import Availability
from ementoring.scheduling._bounds import overlap_us
from ementoring.scheduling._checks import check_limit, check_within
from ementoring.scheduling._expand import DEFAULT_MAX_OCCURRENCES, DEFAULT_MAX_SLOTS
from ementoring.scheduling._free import FreeTime, bounds_of
from ementoring.scheduling._intervals import Interval, IntervalSet
from ementoring.timezones import LATEST, ZoneLike, require_aware, transitions, zone, zone_key

__all__ = [
    "Booking",
    "Slot",
    "blocked_by_person",
    "check_availabilities",
    "find_overlap",
    "find_slots",
    "preferred_ids",
    "weekly_overlap",
]

_WEEK = timedelta(weeks=1)
_DAY = timedelta(days=1)
_ZERO = timedelta(0)


def _participants(value: Any) -> tuple[str, ...]:
    items = items_of(
        value, object, "participants", "a collection of participant ids, not one string"
    )
    if not items:
        raise ValidationError("participants", value, "must name at least one participant")
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item or item != item.strip():
            raise ValidationError(f"participants[{index}]", item, "must be a non-empty id")
    check_unique(items, key=str, field="participants")
    return tuple(sorted(items))


def _interval(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Interval):
        raise ValidationError(field.name, value, "expected an Interval of aware datetimes")


@attrs.frozen
class Booking:
    """A meeting already booked: it blocks its participants, buffers included.

    Args:
        id: The booking's id (``ignore_booking`` refers to it).
        interval: When the meeting takes place.
        participants: Ids of the people it blocks; anyone who is not being
            scheduled (not a key of the availabilities) is ignored.
        buffer_before: Time blocked before the start (travel, preparation).
        buffer_after: Time blocked after the end.

    >>> from datetime import UTC
    >>> talk = Booking("b1", Interval(datetime(2026, 3, 10, 16, tzinfo=UTC),
    ...                               datetime(2026, 3, 10, 17, tzinfo=UTC)),
    ...                ["mentor"], buffer_after=timedelta(minutes=15))
    >>> talk.blocked
    Interval('2026-03-10T16:00:00+00:00' -> '2026-03-10T17:15:00+00:00')
    """

    id: str = attrs.field(validator=identifier)
    interval: Interval = attrs.field(validator=_interval)
    participants: tuple[str, ...] = attrs.field(converter=_participants)
    buffer_before: timedelta = attrs.field(kw_only=True, default=_ZERO, validator=duration())
    buffer_after: timedelta = attrs.field(kw_only=True, default=_ZERO, validator=duration())

    @property
    def blocked(self) -> Interval:
        """``[start - buffer_before, end + buffer_after)``."""
        return Interval._trusted(
            self.interval.start - self.buffer_before, self.interval.end + self.buffer_after
        )


def check_availabilities(availabilities: Any) -> Mapping[str, Availability]:
    if not isinstance(availabilities, Mapping) or not availabilities:
        raise ValidationError(
            "availabilities", availabilities, "expected a non-empty mapping of id -> Availability"
        )
    for key, value in availabilities.items():
        if not isinstance(key, str):
            raise ValidationError("availabilities", key, "ids must be strings")
        if not isinstance(value, Availability):
            raise ValidationError(f"availabilities[{key!r}]", value, "expected an Availability")
    return availabilities


def blocked_by_person(
    availabilities: Mapping[str, Availability],
    bookings: Any,
    ignore_booking: str | None,
) -> dict[str, list[Interval]]:
    """Per person being scheduled, the times their bookings block (``ignore_booking`` left out)."""
    items = items_of(bookings, Booking, "bookings", "a collection of Booking", each="a Booking")
    check_unique(items, key=lambda b: b.id, field="bookings")
    if ignore_booking is not None and all(b.id != ignore_booking for b in items):
        raise UnknownIdError("ignore_booking", ignore_booking, "no booking has this id")
    blocked: dict[str, list[Interval]] = {person: [] for person in availabilities}
    for booking in items:
        if booking.id == ignore_booking:
            continue
        span = booking.blocked
        for person in booking.participants:
            # A platform keeps everyone's bookings in one list: a booking blocks
            # the people in it who are being scheduled and nobody else.
            mine = blocked.get(person)
            if mine is not None:
                mine.append(span)
    return blocked


def find_overlap(
    availabilities: Mapping[str, Availability],
    within: Interval,
    *,
    min_duration: timedelta = _ZERO,
    bookings: Iterable[Booking] = (),
    ignore_booking: str | None = None,
    now: datetime | None = None,
    min_notice: timedelta = _ZERO,
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
) -> IntervalSet:
    """The instants inside ``within`` at which every participant is free.

    Per person: their availability minus their bookings (except
    ``ignore_booking``, the one being moved); then the intersection of all of
    them, clipped to ``within`` and to ``now + min_notice`` when ``now`` is
    given; pieces shorter than ``min_duration`` are dropped.

    Args:
        availabilities: Participant id -> :class:`Availability`.
        within: The range to search.
        min_duration: Drop common pieces shorter than this.
        bookings: Existing bookings (everyone's, in one list if you like):
            each blocks those of its participants who are being scheduled;
            participants without an availability here are ignored.
        ignore_booking: The id of a booking that does not block (it is being moved).
        now: The current instant; nothing before ``now + min_notice`` is offered.
        min_notice: How long before a meeting it must be booked.
        max_occurrences: Cap on each person's expansion (see :class:`RecurringWindow`).

    Returns:
        The common free time, sorted and merged.

    Raises:
        ValidationError: Bad ``within``, a negative duration, a non-Booking.
        NaiveDatetimeError: A naive ``now``.
        UnknownIdError: ``ignore_booking`` matches no booking.
        DuplicateIdError: Two bookings share an id.
        ExpansionLimitError: Some person's expansion exceeds ``max_occurrences``.

    >>> week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> people = {
    ...     "mentor": Availability("America/Toronto", weekly=["MO-FR 12:00-14:00"]),
    ...     "mentee": Availability("Europe/Moscow", weekly=["MO-FR 19:00-23:00"]),
    ... }
    >>> common = find_overlap(people, week)
    >>> common[0], len(common)
    (Interval('2026-03-09T16:00:00+00:00' -> '2026-03-09T18:00:00+00:00'), 5)
    """
    people = check_availabilities(availabilities)
    within = check_within(within)
    min_duration = require_duration(min_duration, "min_duration")
    min_notice = require_duration(min_notice, "min_notice")
    limit = check_limit(max_occurrences)
    if ignore_booking is not None and not isinstance(ignore_booking, str):
        raise ValidationError("ignore_booking", ignore_booking, "expected a booking id")
    earliest = None
    if now is not None:
        now = require_aware(now, "now")
        # A notice reaching past the supported range leaves nothing, not an overflow.
        earliest = now + min_notice if min_notice < LATEST - now else LATEST
    blocked = blocked_by_person(people, bookings, ignore_booking)
    if earliest is not None:
        if earliest >= within.end:
            return IntervalSet()
        if earliest > within.start:
            within = Interval._trusted(earliest, within.end)
    common: FreeTime | None = None
    for person in sorted(people):
        free = people[person].free_time(within, busy=blocked[person], max_occurrences=limit)
        common = free if common is None else common.common(free)
        if not common:
            return IntervalSet()
    assert common is not None  # people is not empty
    return common.at_least(min_duration).intervals()


def weekly_overlap(a: Availability, b: Availability, within: Interval) -> timedelta:
    """The average common free time per week of two people over ``within``.

    Args:
        a: One person's availability.
        b: The other's.
        within: The range to average over (any length; scaled to one week).

    Returns:
        Total overlap times one week divided by the length of ``within``, in
        whole seconds: rounded to the nearest second, a half second up.

    Raises:
        ValidationError: ``within`` is not an :class:`Interval`, or ``a``/``b``
            is not an :class:`Availability`.

    >>> four_weeks = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC))
    >>> toronto = Availability("America/Toronto", weekly=["MO-FR 12:00-14:00"])
    >>> moscow = Availability("Europe/Moscow", weekly=["MO-FR 18:00-21:00"])
    >>> weekly_overlap(toronto, moscow, four_weeks)  # 1 h a day before 8 March, 2 h after
    datetime.timedelta(seconds=31500)
    """
    within = check_within(within)
    if not isinstance(a, Availability):
        raise ValidationError("a", a, "expected an Availability")
    if not isinstance(b, Availability):
        raise ValidationError("b", b, "expected an Availability")
    total = overlap_us(bounds_of(_free_time(a, within)), bounds_of(_free_time(b, within)))
    # total (us) * one week (s) / span (us) is the weekly figure in seconds;
    # integer arithmetic rounds it exactly, halves up.
    scaled = total * (timedelta_us(_WEEK) // 1_000_000)
    span = timedelta_us(within.duration)
    return timedelta(seconds=(2 * scaled + span) // (2 * span))


@lru_cache(maxsize=1024)
def _free_time(person: Availability, within: Interval) -> FreeTime:
    # A cohort's pairs over one range ask for each person many times: expand
    # each once. Both arguments are immutable, so the cache cannot go stale.
    return person.free_time(within)


Order = Literal["time", "comfort"]


def _local(
    value: Mapping[str, tuple[datetime, datetime]],
) -> Mapping[str, tuple[datetime, datetime]]:
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise InvalidTypeError("local", value, "a mapping of participant ids to local times")
    return MappingProxyType(dict(sorted(value.items())))


def preferred_ids(value: Iterable[str]) -> frozenset[str]:
    """The converter of every ``preferred_by``: a frozenset of participant ids."""
    return frozenset(items_of(value, str, "preferred_by", "an iterable of participant ids"))


@attrs.frozen
class Slot:
    """A meeting time that suits everyone, with each person's local reading.

    Attributes:
        start: The instant the slot starts (UTC).
        end: The instant it ends (UTC).
        local: Participant id -> (local start, local end), aware, in their zone.
        preferred_by: The participants inside whose preferred windows it lies.
    """

    start: datetime
    end: datetime
    local: Mapping[str, tuple[datetime, datetime]] = attrs.field(converter=_local, hash=False)
    preferred_by: frozenset[str] = attrs.field(converter=preferred_ids, factory=frozenset)

    @property
    def interval(self) -> Interval:
        """``[start, end)`` as an :class:`Interval`."""
        return Interval._trusted(self.start, self.end)

    def __repr__(self) -> str:
        return (
            f"Slot({self.start.isoformat()!r} -> {self.end.isoformat()!r},"
            f" preferred_by={sorted(self.preferred_by)!r})"
        )


def _grid_starts(
    piece: Interval, duration: timedelta, step: timedelta, align: str
) -> Iterable[datetime]:
    """Every ``t`` with ``[t, t + duration)`` in ``piece`` and a local reading on the grid.

    The reading (``align``'s wall clock, as time since local midnight) must be a
    whole multiple of ``step``. Within each stretch of constant offset the
    readings advance with real time, so the grid is walked in readings and each
    point mapped back with that stretch's offset.
    """
    last_start = piece.end - duration
    if last_start < piece.start:
        return
    tz = zone(align)
    stop = last_start + timedelta(microseconds=1)
    bounds = [piece.start]
    bounds.extend(t.at for t in transitions(align, piece.start, stop) if t.at > piece.start)
    bounds.append(stop)
    for low, high in itertools.pairwise(bounds):
        offset = low.astimezone(tz).utcoffset()
        assert offset is not None
        reading = (low + offset).replace(tzinfo=None)
        end_reading = (high + offset).replace(tzinfo=None)
        midnight = reading.replace(hour=0, minute=0, second=0, microsecond=0)
        # The first grid point of this day at or after the reading.
        steps = -((midnight - reading) // step)
        point = midnight + steps * step
        while True:
            if point >= midnight + _DAY:
                # The grid starts again at each local midnight.
                midnight += _DAY
                point = midnight
            if point >= end_reading:
                break
            yield (point - offset).replace(tzinfo=UTC)
            point += step


def find_slots(
    availabilities: Mapping[str, Availability],
    within: Interval,
    *,
    duration: timedelta,
    step: timedelta = timedelta(minutes=30),
    align_zone: ZoneLike | None = None,
    order: Order = "time",
    limit: int | None = None,
    min_duration: timedelta = _ZERO,
    bookings: Iterable[Booking] = (),
    ignore_booking: str | None = None,
    now: datetime | None = None,
    min_notice: timedelta = _ZERO,
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
    max_slots: int = DEFAULT_MAX_SLOTS,
) -> tuple[Slot, ...]:
    """Meeting slots of ``duration`` inside the common free time, on a local grid.

    A slot starts at every ``t`` with ``[t, t + duration)`` inside one piece of
    :func:`find_overlap` whose local time in ``align_zone`` (default: the first
    participant's zone, in mapping order) is a whole multiple of ``step`` after
    local midnight. ``order="comfort"`` ranks by how many participants prefer the
    slot, then by time; ``limit`` keeps the first ones. At most ``max_slots``
    slots are enumerated (in time order, ``limit`` stops the walk earlier).

    Raises:
        ValidationError: A ``duration`` or ``step`` not positive, an unknown
            ``order``, a bad ``limit``, and everything :func:`find_overlap` raises.
        ExpansionLimitError: More than ``max_slots`` slots (field ``max_slots``);
            use a longer ``step``, a ``limit`` or a shorter range.
        UnknownTimeZoneError: A bad ``align_zone``.

    >>> week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> people = {
    ...     "mentor": Availability("America/Toronto", weekly=["TU 12:00-13:30"],
    ...                            preferred=["TU 12:30-13:30"]),
    ...     "mentee": Availability("Asia/Kathmandu", weekly=["TU 20:00-23:59"]),
    ... }
    >>> for slot in find_slots(people, week, duration=timedelta(hours=1), order="comfort"):
    ...     print(slot.local["mentee"][0].time(), slot.start.time(), sorted(slot.preferred_by))
    22:15:00 16:30:00 ['mentor']
    21:45:00 16:00:00 []
    """
    people = check_availabilities(availabilities)
    duration = require_duration(duration, "duration", exclusive_minimum=True)
    step = require_duration(step, "step", exclusive_minimum=True)
    if order not in ("time", "comfort"):
        raise ValidationError("order", order, "must be 'time' or 'comfort'")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValidationError("limit", limit, "must be None or a whole number of zero or more")
    max_slots = check_limit(max_slots, "max_slots")
    align = zone_key(
        next(iter(people.values())).zone if align_zone is None else align_zone, "align_zone"
    )
    overlap = find_overlap(
        people,
        within,
        min_duration=min_duration,
        bookings=bookings,
        ignore_booking=ignore_booking,
        now=now,
        min_notice=min_notice,
        max_occurrences=max_occurrences,
    )
    zones = {person: zone(people[person].zone) for person in sorted(people)}
    preferred = {
        person: people[person].preferred_intervals(within, max_occurrences=max_occurrences)
        for person in sorted(people)
        if people[person].preferred
    }
    slots: list[Slot] = []
    if limit == 0:
        return ()
    enough = limit if order == "time" else None
    for piece in overlap.at_least(duration):
        for start in _grid_starts(piece, duration, step, align):
            end = start + duration
            candidate = Interval._trusted(start, end)
            slots.append(
                Slot(
                    start=start,
                    end=end,
                    local={
                        p: (start.astimezone(tz), end.astimezone(tz)) for p, tz in zones.items()
                    },
                    preferred_by=[p for p, free in preferred.items() if candidate in free],
                )
            )
            if enough is not None and len(slots) >= enough:
                return tuple(slots)
            if len(slots) > max_slots:
                raise ExpansionLimitError(
                    "max_slots",
                    max_slots,
                    f"more than {max_slots:,} slots; use a longer step, a limit or a shorter range",
                )
    if order == "comfort":
        slots.sort(key=lambda s: (-len(s.preferred_by), s.start))
    return tuple(slots if limit is None else slots[:limit])
