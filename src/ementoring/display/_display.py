"""Instants, durations and counts in words, in a language, on each reader's own clock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from ementoring.display._words import UNITS, Unit, Words, words
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.timezones import ZoneLike, require_aware, to_local, zone_key

__all__ = ["MAX_COUNT", "count_text", "duration_text", "local_time_text", "on_each_clock"]

MAX_COUNT = 10**12
"""The largest number :func:`count_text` writes (far beyond any hour or day count)."""

_MINUTE_US = 60_000_000
_ONE_US = timedelta(microseconds=1)


def count_text(count: int, unit: Unit, *, locale: str = "en") -> str:
    """A number of days, hours, minutes or sessions, with the noun in the right plural form.

    Plural forms follow CLDR's rule for the language (Russian has three for whole
    numbers: 1 час, 2 часа, 5 часов, 21 час).

    Args:
        count: How many, from 0 to :data:`MAX_COUNT`.
        unit: ``"day"``, ``"hour"``, ``"minute"`` or ``"session"``.
        locale: A language of :data:`LOCALES`.

    Returns:
        The count and its noun.

    Raises:
        InvalidTypeError: ``count`` is not an integer, or ``locale`` not a string.
        ValidationError: ``count`` is out of range, or ``unit`` or ``locale`` unknown.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> count_text(1, "session"), count_text(21, "day", locale="ru")
    ('1 session', '21 день')
    >>> [count_text(n, "hour", locale="ru") for n in (1, 2, 5, 11, 22)]
    ['1 час', '2 часа', '5 часов', '11 часов', '22 часа']
    """
    if isinstance(count, bool) or not isinstance(count, int):
        raise InvalidTypeError("count", count, "a whole number")
    if not 0 <= count <= MAX_COUNT:
        raise ValidationError("count", count, f"must be between 0 and {MAX_COUNT:,}")
    if unit not in UNITS:
        raise ValidationError("unit", unit, f"must be one of {', '.join(UNITS)}")
    return words(locale).count(count, unit)


def duration_text(amount: timedelta, *, locale: str = "en") -> str:
    """A duration in hours and minutes, rounded to the minute: ``"2 hours 30 minutes"``.

    Args:
        amount: Zero or more.
        locale: A language of :data:`LOCALES`.

    Returns:
        Whole hours, then minutes; ``"0 hours"`` for nothing, no hours under one hour.

    Raises:
        InvalidTypeError: ``amount`` is not a ``timedelta``.
        ValidationError: ``amount`` is negative, or ``locale`` unknown.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> duration_text(timedelta(hours=2, minutes=30))
    '2 hours 30 minutes'
    >>> duration_text(timedelta(hours=2, minutes=30), locale="ru")
    '2 часа 30 минут'
    >>> duration_text(timedelta(minutes=45)), duration_text(timedelta(hours=21), locale="ru")
    ('45 minutes', '21 час')
    """
    if not isinstance(amount, timedelta):
        raise InvalidTypeError("amount", amount, "a timedelta")
    if amount < timedelta(0):
        raise ValidationError("amount", amount, "must not be negative")
    # Integer microseconds: no float rounding and no overflow near timedelta.max.
    minutes = (amount // _ONE_US + _MINUTE_US // 2) // _MINUTE_US
    hours, minutes = divmod(minutes, 60)
    text = words(locale)
    parts = [text.count(hours, "hour")] if hours or not minutes else []
    if minutes:
        parts.append(text.count(minutes, "minute"))
    return text.units(parts)


def local_time_text(instant: datetime, zone: ZoneLike, *, locale: str = "en") -> str:
    """An instant on one clock, with the clock named: ``"Tue 17 Mar, 19:00 Moscow time"``.

    The clock is named by CLDR's exemplar city for the zone, in the language
    ("Москва"); a zone with no city (``Etc/GMT+3``, ``UTC``) by its offset
    (``"UTC-03:00"``). Abbreviations such as ``"+03"`` or ``"EST"`` are never used:
    they are ambiguous and often not even words. Without Babel, English names the
    clock by the last part of its key ("Toronto").

    Args:
        instant: An aware datetime.
        zone: The reader's zone (key or ``ZoneInfo``).
        locale: A language of :data:`LOCALES`.

    Returns:
        Weekday, day, month and time on that clock, and the clock's name.

    Raises:
        NaiveDatetimeError: ``instant`` is naive.
        ValidationError: ``instant`` is outside the supported range (see
            :func:`~ementoring.timezones.require_aware`), or ``locale`` is unknown.
        UnknownTimeZoneError: ``zone`` is not a time zone.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> from datetime import UTC
    >>> call = datetime(2026, 3, 17, 16, 0, tzinfo=UTC)
    >>> local_time_text(call, "Europe/Moscow")
    'Tue 17 Mar, 19:00 Moscow time'
    >>> local_time_text(call, "Europe/Moscow", locale="ru")
    'вт, 17 мар., 19:00 (Москва)'
    >>> local_time_text(call, "Etc/GMT+3")
    'Tue 17 Mar, 13:00 UTC-03:00'
    """
    text = words(locale)
    key = zone_key(zone)
    local = to_local(instant, key)
    return _on_clock(text, key, local, text.date_time(local))


def _on_clock(text: Words, key: str, local: datetime, when: str) -> str:
    kind, name = text.clock(key, local)
    if kind == "place":
        return text.language.at_place.format(when=when, place=name)
    return text.language.at_offset.format(when=when, offset=name)


def on_each_clock(
    interval: object, people: Mapping[str, ZoneLike], *, locale: str = "en"
) -> tuple[str, ...]:
    """A session on each participant's clock: one line per person, in the order given.

    Args:
        interval: Anything with aware ``start`` and ``end`` (a
            :class:`~ementoring.scheduling.Interval`, a ``Session``'s ``interval``).
        people: Display name -> that person's zone.
        locale: A language of :data:`LOCALES`.

    Returns:
        ``"<name>: <start>–<end> <clock>"`` for each person; the end shows only
        the time when it falls on the same local day (a session ending at
        midnight ends on its own day).

    Raises:
        InvalidTypeError: ``interval`` has no ``start`` and ``end``, ``people`` is
            not a mapping of names, or ``locale`` is not a string.
        NaiveDatetimeError: ``start`` or ``end`` is naive.
        ValidationError: ``end`` is before ``start``, or ``locale`` is unknown.
        UnknownTimeZoneError: A zone is not a time zone.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> from datetime import UTC
    >>> from ementoring.scheduling import Interval
    >>> call = Interval(datetime(2026, 3, 17, 16, 0, tzinfo=UTC),
    ...                 datetime(2026, 3, 17, 16, 45, tzinfo=UTC))
    >>> for line in on_each_clock(call, {"Anna": "America/Toronto", "Natalia": "Europe/Moscow",
    ...                                  "Dana": "Asia/Jerusalem"}):
    ...     print(line)
    Anna: Tue 17 Mar, 12:00–12:45 Toronto time
    Natalia: Tue 17 Mar, 19:00–19:45 Moscow time
    Dana: Tue 17 Mar, 18:00–18:45 Jerusalem time
    >>> on_each_clock(call, {"Наталья": "Europe/Moscow"}, locale="ru")
    ('Наталья: вт, 17 мар., 19:00–19:45 (Москва)',)
    """
    text = words(locale)
    try:
        start, end = interval.start, interval.end  # type: ignore[attr-defined]
    except AttributeError:
        raise InvalidTypeError("interval", interval, "an interval with start and end") from None
    start, end = require_aware(start, "interval.start"), require_aware(end, "interval.end")
    if end < start:
        raise ValidationError("interval.end", end, f"must not be before {start.isoformat()}")
    if not isinstance(people, Mapping):
        raise InvalidTypeError("people", people, "a mapping of display names to zones")
    lines = []
    for name, person_zone in people.items():
        if not isinstance(name, str):
            raise InvalidTypeError("people", name, "display names (strings) as keys")
        key = zone_key(person_zone, f"people[{name!r}]")
        first = to_local(start, key, field="interval.start")
        last = to_local(end, key, field="interval.end")
        # A session ending at midnight ends on the day it started.
        same_day = end == start or (last - _ONE_US).date() == first.date()
        if same_day:
            when = text.language.time_range.format(start=text.date_time(first), end=text.time(last))
        else:
            when = text.language.span.format(start=text.date_time(first), end=text.date_time(last))
        lines.append(
            text.language.person_line.format(name=name, when=_on_clock(text, key, first, when))
        )
    return tuple(lines)
