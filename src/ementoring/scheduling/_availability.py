"""One person's availability: local windows in their zone, exceptions, and preferences."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Any

import attrs

from ementoring._microseconds import local_us, us
from ementoring._validate import items_of
from ementoring.errors import DuplicateIdError, ValidationError
from ementoring.scheduling._bounds import Bounds, from_bounds, intersect, merge, subtract
from ementoring.scheduling._checks import check_limit, check_within
from ementoring.scheduling._expand import DEFAULT_MAX_OCCURRENCES, expand, local_dates
from ementoring.scheduling._free import FreeTime, free_time_of
from ementoring.scheduling._intervals import Interval, IntervalSet
from ementoring.scheduling._recurring import RecurringWindow
from ementoring.scheduling._windows import (
    Busy,
    BusyLocal,
    DateException,
    ReplaceDate,
    SkipDate,
    WeeklyWindow,
)
from ementoring.timezones import POLICIES, LocalClock, Policy, zone_key

__all__ = ["Availability"]


_A_COLLECTION = "a collection (a tuple or list)"


def _weekly_window(value: Any, field: str) -> WeeklyWindow:
    if isinstance(value, WeeklyWindow):
        return value
    if isinstance(value, str):
        try:
            return WeeklyWindow.parse(value)
        except ValidationError as error:
            raise ValidationError(field, value, error.reason) from None
    raise ValidationError(field, value, "expected a WeeklyWindow or text like 'MO 09:00-12:00'")


def _weekly(value: Any) -> tuple[WeeklyWindow, ...]:
    items = items_of(value, object, "weekly", _A_COLLECTION)
    return tuple(_weekly_window(item, f"weekly[{i}]") for i, item in enumerate(items))


def _recurring(value: Any) -> tuple[RecurringWindow, ...]:
    return items_of(value, RecurringWindow, "recurring", _A_COLLECTION, each="a RecurringWindow")


def _preferred(value: Any) -> tuple[WeeklyWindow | RecurringWindow, ...]:
    items = items_of(value, object, "preferred", _A_COLLECTION)
    return tuple(
        item if isinstance(item, RecurringWindow) else _weekly_window(item, f"preferred[{i}]")
        for i, item in enumerate(items)
    )


def _exceptions(value: Any) -> tuple[DateException, ...]:
    items = items_of(
        value,
        (SkipDate, ReplaceDate, BusyLocal, Busy),
        "exceptions",
        _A_COLLECTION,
        each="SkipDate, ReplaceDate, BusyLocal or Busy",
    )
    seen: set[date] = set()
    for index, item in enumerate(items):
        if isinstance(item, SkipDate | ReplaceDate):
            if item.date in seen:
                # Two rules for one date would silently lose one of them.
                raise DuplicateIdError(
                    f"exceptions[{index}]", item, "another SkipDate or ReplaceDate has this date"
                )
            seen.add(item.date)
    return items


def _policy(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value not in POLICIES:
        raise ValidationError(field.name, value, f"must be one of {', '.join(POLICIES)}")


@attrs.frozen(cache_hash=True)
class Availability:
    """When one person can meet, written on their own clock in their own zone.

    Args:
        zone: The person's IANA zone (``"America/Toronto"``).
        weekly: :class:`WeeklyWindow` values (or their text, ``"MO-FR 09:00-17:00"``).
        recurring: :class:`RecurringWindow` values for rules beyond weekly.
        exceptions: :class:`SkipDate`, :class:`ReplaceDate` (at most one per
            date), :class:`BusyLocal` and :class:`Busy`.
        preferred: Windows (weekly or recurring) inside which the person would
            rather meet; they only rank slots and never add availability.
        policy: How local endpoints in DST gaps and folds become instants; see
            :func:`ementoring.timezones.to_instant`.

    Raises:
        UnknownTimeZoneError: For a bad zone.
        DuplicateIdError: Two date exceptions for one date.
        ValidationError: For anything else malformed, naming the field.

    >>> from datetime import UTC, datetime
    >>> mentor = Availability("America/Toronto", weekly=["TU,TH 18:00-20:00"])
    >>> week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> for free in mentor.intervals(week):
    ...     print(free.start.isoformat(), free.end.time())
    2026-03-10T22:00:00+00:00 00:00:00
    2026-03-12T22:00:00+00:00 00:00:00
    """

    zone: str = attrs.field(converter=zone_key)
    weekly: tuple[WeeklyWindow, ...] = attrs.field(kw_only=True, default=(), converter=_weekly)
    recurring: tuple[RecurringWindow, ...] = attrs.field(
        kw_only=True, default=(), converter=_recurring
    )
    exceptions: tuple[DateException, ...] = attrs.field(
        kw_only=True, default=(), converter=_exceptions
    )
    preferred: tuple[WeeklyWindow | RecurringWindow, ...] = attrs.field(
        kw_only=True, default=(), converter=_preferred
    )
    policy: Policy = attrs.field(kw_only=True, default="wall_clock", validator=_policy)

    def intervals(
        self, within: Interval, *, max_occurrences: int = DEFAULT_MAX_OCCURRENCES
    ) -> IntervalSet:
        """The instants inside ``within`` at which this person is available.

        Occurrences with date exceptions applied, converted with ``policy``,
        minus ``BusyLocal`` and ``Busy`` ranges, clipped to ``within``.

        Raises:
            ValidationError: ``within`` is not an :class:`Interval`.
            ExpansionLimitError: More than ``max_occurrences`` occurrences.
        """
        within = check_within(within)
        return from_bounds(self._free_bounds(within, [], check_limit(max_occurrences)))

    def free_time(
        self,
        within: Interval,
        *,
        busy: Iterable[Interval] = (),
        max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
    ) -> FreeTime:
        """This person's free time inside ``within``, expanded once, to be read many times.

        :meth:`intervals` minus ``busy`` (meetings already booked, say), as a
        :class:`FreeTime`: the value that the common free time of a group, the
        weeks that hold a meeting and regular times are read from, so that
        comparing this person with many others expands them once.

        Args:
            within: The span.
            busy: Instants to leave out.
            max_occurrences: Cap on the expansion.

        Raises:
            ValidationError: ``within`` is not an :class:`Interval` that can be
                expanded, or a bad ``max_occurrences``.
            InvalidTypeError: ``busy`` is not an iterable of :class:`Interval`.
            ExpansionLimitError: More than ``max_occurrences`` occurrences.

        >>> from datetime import UTC, datetime
        >>> mentor = Availability("America/Toronto", weekly=["TU,TH 18:00-20:00"])
        >>> week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        >>> talk = Interval(datetime(2026, 3, 10, 22, tzinfo=UTC), datetime(2026, 3, 10, 23, tzinfo=UTC))
        >>> for free in mentor.free_time(week, busy=[talk]).intervals():
        ...     print(free.start.isoformat(), free.end.time())
        2026-03-10T23:00:00+00:00 00:00:00
        2026-03-12T22:00:00+00:00 00:00:00
        """
        within = check_within(within)
        blocked = [
            (us(piece.start), us(piece.end))
            for piece in items_of(busy, Interval, "busy", "an iterable of Interval")
        ]
        limit = check_limit(max_occurrences)
        return free_time_of(within, self._free_bounds(within, blocked, limit))

    def _free_bounds(self, within: Interval, blocked: list[tuple[int, int]], limit: int) -> Bounds:
        """:meth:`intervals` minus ``blocked``, as bounds (see ``_bounds``)."""
        clock = LocalClock(self.zone, self.policy, within.start, within.end)
        first, last = local_dates(self.zone, within)
        skipped: set[date] = set()
        replaced: dict[date, tuple[tuple[time, time], ...]] = {}
        busy = list(blocked)
        for exception in self.exceptions:
            if isinstance(exception, SkipDate):
                skipped.add(exception.date)
            elif isinstance(exception, ReplaceDate):
                replaced[exception.date] = exception.windows
            elif isinstance(exception, Busy):
                busy.append((us(exception.interval.start), us(exception.interval.end)))
            else:
                # Parts far outside the range cannot matter; clipping them also keeps
                # readings near year 1 or 9999 from overflowing.
                low, high = clock.readings
                first_reading = max(local_us(exception.start), low)
                last_reading = min(local_us(exception.end), high)
                if first_reading < last_reading:
                    start, end = clock.instant(first_reading), clock.instant(last_reading)
                    if start < end:
                        busy.append((start, end))
        spans = expand(
            weekly=self.weekly,
            recurring=self.recurring,
            skipped=skipped,
            replaced=replaced,
            first=first,
            last=last,
            limit=limit,
            zone=self.zone,
            policy=self.policy,
        )
        available = merge(clock.convert(spans))
        if busy:
            available = subtract(available, merge(busy))
        return intersect(available, [us(within.start), us(within.end)])

    def preferred_intervals(
        self, within: Interval, *, max_occurrences: int = DEFAULT_MAX_OCCURRENCES
    ) -> IntervalSet:
        """The part of :meth:`intervals` that lies inside this person's preferred windows.

        Raises:
            ValidationError: ``within`` is not an :class:`Interval`.
            ExpansionLimitError: More than ``max_occurrences`` occurrences.

        >>> from datetime import UTC, datetime
        >>> mentee = Availability("Europe/Moscow", weekly=["MO-FR 18:00-23:00"],
        ...                       preferred=["SA,SU 10:00-12:00", "WE 19:00-21:00"])
        >>> week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        >>> mentee.preferred_intervals(week)
        IntervalSet([Interval('2026-03-11T16:00:00+00:00' -> '2026-03-11T18:00:00+00:00')])
        """
        within = check_within(within)
        limit = check_limit(max_occurrences)
        available = self._free_bounds(within, [], limit)
        if not self.preferred or not available:
            return IntervalSet()
        clock = LocalClock(self.zone, self.policy, within.start, within.end)
        first, last = local_dates(self.zone, within)
        spans = expand(
            weekly=[w for w in self.preferred if isinstance(w, WeeklyWindow)],
            recurring=[w for w in self.preferred if isinstance(w, RecurringWindow)],
            skipped=set(),
            replaced={},
            first=first,
            last=last,
            limit=limit,
            zone=self.zone,
            policy=self.policy,
        )
        return from_bounds(intersect(merge(clock.convert(spans)), available))
