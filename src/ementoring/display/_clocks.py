"""Instants and sessions in words on each reader's own clock, with the clock named."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Literal, TypeAlias

from ementoring._languages import SESSION_CHANGE_PLACEHOLDERS
from ementoring._validate import check_unique, items_of
from ementoring.display._words import Words, words
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.people import Directory, Person
from ementoring.timezones import ZoneLike, require_aware, to_local, zone_key

__all__ = [
    "SESSION_CHANGES",
    "SessionChange",
    "interval_text",
    "local_time_text",
    "on_each_clock",
    "session_change_text",
]

SessionChange: TypeAlias = Literal["booked", "moved", "confirmed", "cancelled"]
"""What happened to a session that its people are told (see :func:`session_change_text`)."""

SESSION_CHANGES: tuple[SessionChange, ...] = ("booked", "moved", "confirmed", "cancelled")
"""Every :data:`SessionChange`, as :func:`session_change_text` takes them."""

_ONE_US = timedelta(microseconds=1)


def local_time_text(
    instant: datetime, zone: ZoneLike | Person, *, locale: str | None = None
) -> str:
    """An instant on one clock, with the clock named: ``"Tue 17 Mar, 19:00 Moscow time"``.

    The clock is named by CLDR's exemplar city for the zone, in the language
    ("Москва"); a zone with no city (``Etc/GMT+3``, ``UTC``) by its offset
    (``"UTC-03:00"``). Abbreviations such as ``"+03"`` or ``"EST"`` are never used:
    they are ambiguous and often not even words. Without Babel, English names the
    clock by the last part of its key ("Toronto").

    Args:
        instant: An aware datetime.
        zone: The reader's zone (key or ``ZoneInfo``), or the reader: a
            :class:`~ementoring.people.Person` with a zone, whose language is
            then the default.
        locale: A language of :data:`LOCALES`; by default the reader's, else ``"en"``.

    Returns:
        Weekday, day, month and time on that clock, and the clock's name.

    Raises:
        NaiveDatetimeError: ``instant`` is naive.
        ValidationError: ``instant`` is outside the supported range (see
            :func:`~ementoring.timezones.require_aware`), ``locale`` is unknown,
            or the reader has no zone.
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
    >>> local_time_text(call, Person(id="natalia", zone="Europe/Moscow", locale="ru"))
    'вт, 17 мар., 19:00 (Москва)'
    """
    key, text = _reader(zone, locale)
    local = to_local(instant, key)
    return _on_clock(text, key, local, text.date_time(local))


def interval_text(interval: object, zone: ZoneLike | Person, *, locale: str | None = None) -> str:
    """A stretch of time on one clock, the clock named: ``"Tue 17 Mar, 19:00–19:45 Moscow time"``.

    The end shows only its time when it falls on the same local day (a session
    ending at midnight ends on its own day); the clock is named as
    :func:`local_time_text` names it.

    Args:
        interval: Anything with aware ``start`` and ``end`` (a
            :class:`~ementoring.scheduling.Interval`, a ``Session``'s ``interval``).
        zone: The reader's zone, or the reader (a :class:`~ementoring.people.Person`
            with a zone, whose language is then the default).
        locale: A language of :data:`LOCALES`; by default the reader's, else ``"en"``.

    Returns:
        The start's day and time, the end, and the clock's name.

    Raises:
        InvalidTypeError: ``interval`` has no ``start`` and ``end``.
        NaiveDatetimeError: ``start`` or ``end`` is naive.
        ValidationError: ``end`` is before ``start``, ``locale`` is unknown, or
            the reader has no zone.
        UnknownTimeZoneError: ``zone`` is not a time zone.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> from datetime import UTC
    >>> from ementoring.scheduling import Interval
    >>> call = Interval(datetime(2026, 3, 17, 16, 0, tzinfo=UTC),
    ...                 datetime(2026, 3, 17, 16, 45, tzinfo=UTC))
    >>> interval_text(call, "Europe/Moscow"), interval_text(call, "Europe/Moscow", locale="ru")
    ('Tue 17 Mar, 19:00–19:45 Moscow time', 'вт, 17 мар., 19:00–19:45 (Москва)')
    """
    key, text = _reader(zone, locale)
    return _stretch(text, key, *_bounds(interval, "interval"))


def session_change_text(
    change: SessionChange,
    interval: object,
    zone: ZoneLike | Person,
    *,
    locale: str | None = None,
    before: object | None = None,
) -> str:
    """One sentence telling a reader what happened to a session, on their clock, in their language.

    Args:
        change: ``"booked"``, ``"moved"``, ``"confirmed"`` or ``"cancelled"``.
        interval: The session's time (for ``"moved"``, the new one).
        zone: The reader's zone, or the reader (a :class:`~ementoring.people.Person`
            with a zone, whose language is then the default).
        locale: A language of :data:`LOCALES`; by default the reader's, else ``"en"``.
        before: The earlier time: required for ``"moved"``, and only for it.

    Returns:
        The sentence, each time written as :func:`interval_text` writes it.

    Raises:
        ValidationError: An unknown ``change``, ``before`` missing or given
            where it does not belong, an unknown ``locale``, or a reader without a zone.
        InvalidTypeError: ``interval`` or ``before`` has no ``start`` and ``end``.
        NaiveDatetimeError: A naive bound.
        UnknownTimeZoneError: ``zone`` is not a time zone.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> from datetime import UTC
    >>> from ementoring.scheduling import Interval
    >>> def at(day): return Interval(datetime(2026, 3, day, 16, tzinfo=UTC),
    ...                              datetime(2026, 3, day, 17, tzinfo=UTC))
    >>> session_change_text("moved", at(19), "America/Toronto", before=at(17))
    'The session has moved to Thu 19 Mar, 12:00–13:00 Toronto time; it was Tue 17 Mar, 12:00–13:00 Toronto time.'
    >>> natalia = Person(id="natalia", zone="Europe/Moscow", locale="ru")
    >>> session_change_text("cancelled", at(17), natalia)
    'Встреча отменена: вт, 17 мар., 19:00–20:00 (Москва).'
    """
    if not isinstance(change, str) or change not in SESSION_CHANGE_PLACEHOLDERS:
        raise ValidationError("change", change, f"must be one of {', '.join(SESSION_CHANGES)}")
    key, text = _reader(zone, locale)
    values = {"when": _stretch(text, key, *_bounds(interval, "interval"))}
    if change == "moved":
        if before is None:
            raise ValidationError("before", before, "a moved session needs its earlier time")
        values["before"] = _stretch(text, key, *_bounds(before, "before"))
    elif before is not None:
        raise ValidationError("before", before, f"only a moved session has one, not {change!r}")
    return text.language.session_changes[change].format(**values)


def on_each_clock(
    interval: object,
    people: Directory | Iterable[Person],
    *,
    locale: str = "en",
    zone: ZoneLike | None = None,
) -> tuple[str, ...]:
    """A session on each participant's clock: one line per person.

    Args:
        interval: Anything with aware ``start`` and ``end`` (a
            :class:`~ementoring.scheduling.Interval`, a ``Session``'s ``interval``).
        people: The participants: :class:`~ementoring.people.Person` entries (in
            the order given) or a :class:`~ementoring.people.Directory` (by id),
            each named by display name and shown on their own zone. A mapping
            of display names to zones is still read, with a ``DeprecationWarning``.
        locale: The reader's language, one of :data:`LOCALES`.
        zone: The clock of anyone without a zone of their own (the program's).

    Returns:
        ``"<name>: <start>–<end> <clock>"`` for each person, the time written as
        :func:`interval_text` writes it.

    Raises:
        InvalidTypeError: ``interval`` has no ``start`` and ``end``, ``people`` is
            not a collection of Person, or ``locale`` is not a string.
        DuplicateIdError: Two entries with one id.
        NaiveDatetimeError: ``start`` or ``end`` is naive.
        ValidationError: ``end`` is before ``start``, ``locale`` is unknown, or
            someone has no zone and no ``zone`` is given.
        UnknownTimeZoneError: A zone is not a time zone.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> from datetime import UTC
    >>> from ementoring.scheduling import Interval
    >>> call = Interval(datetime(2026, 3, 17, 16, 0, tzinfo=UTC),
    ...                 datetime(2026, 3, 17, 16, 45, tzinfo=UTC))
    >>> people = [Person(id="anna", name="Anna", zone="America/Toronto"),
    ...           Person(id="natalia", name="Natalia", zone="Europe/Moscow"),
    ...           Person(id="dana", name="Dana", zone="Asia/Jerusalem")]
    >>> for line in on_each_clock(call, people):
    ...     print(line)
    Anna: Tue 17 Mar, 12:00–12:45 Toronto time
    Natalia: Tue 17 Mar, 19:00–19:45 Moscow time
    Dana: Tue 17 Mar, 18:00–18:45 Jerusalem time
    >>> on_each_clock(call, [Person(id="n", name="Наталья", zone="Europe/Moscow")], locale="ru")
    ('Наталья: вт, 17 мар., 19:00–19:45 (Москва)',)
    """
    text = words(locale)
    start, end = _bounds(interval, "interval")
    default = None if zone is None else zone_key(zone)
    return tuple(
        text.language.person_line.format(name=name, when=_stretch(text, key, start, end))
        for name, key in _clocks(people, default)
    )


def _reader(zone: Any, locale: str | None) -> tuple[str, Words]:
    """The clock and the words of a reader given as a zone or as a Person."""
    if isinstance(zone, Person):
        if zone.zone is None:
            raise ValidationError(
                "zone", zone, "this person has no zone: give their clock, person.clock(default)"
            )
        return zone.zone, words(zone.locale if locale is None else locale)
    return zone_key(zone), words("en" if locale is None else locale)


def _bounds(interval: object, field: str) -> tuple[datetime, datetime]:
    try:
        start, end = interval.start, interval.end  # type: ignore[attr-defined]
    except AttributeError:
        raise InvalidTypeError(field, interval, "an interval with start and end") from None
    start, end = require_aware(start, f"{field}.start"), require_aware(end, f"{field}.end")
    if end < start:
        raise ValidationError(f"{field}.end", end, f"must not be before {start.isoformat()}")
    return start, end


def _on_clock(text: Words, key: str, local: datetime, when: str) -> str:
    kind, name = text.clock(key, local)
    if kind == "place":
        return text.language.at_place.format(when=when, place=name)
    return text.language.at_offset.format(when=when, offset=name)


def _stretch(text: Words, key: str, start: datetime, end: datetime) -> str:
    first = to_local(start, key, field="interval.start")
    last = to_local(end, key, field="interval.end")
    # A session ending at midnight ends on the day it started.
    same_day = end == start or (last - _ONE_US).date() == first.date()
    if same_day:
        when = text.language.time_range.format(start=text.date_time(first), end=text.time(last))
    else:
        when = text.language.span.format(start=text.date_time(first), end=text.date_time(last))
    return _on_clock(text, key, first, when)


def _clocks(people: Any, default: str | None) -> list[tuple[str, str]]:
    """Each person's name and clock, in the order to show them."""
    if isinstance(people, Mapping) and not isinstance(people, Directory):
        warnings.warn(
            "on_each_clock: a mapping of display names to zones is deprecated;"
            " pass Person entries or a Directory (ementoring.people)",
            DeprecationWarning,
            stacklevel=3,
        )
        named = []
        for name, person_zone in people.items():
            if not isinstance(name, str):
                raise InvalidTypeError("people", name, "display names (strings) as keys")
            named.append((name, zone_key(person_zone, f"people[{name!r}]")))
        return named
    if isinstance(people, Directory):
        entries = people.people
    else:
        entries = items_of(
            people, Person, "people", "a Directory or a collection of Person", each="a Person"
        )
        check_unique(entries, key=lambda person: person.id, field="people")
    found = []
    for person in entries:
        key = person.zone if person.zone is not None else default
        if key is None:
            raise ValidationError(
                f"people[{person.id!r}].zone", None, "no zone: give zone= for people without one"
            )
        found.append((person.display_name, key))
    return found
