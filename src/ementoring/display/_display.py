"""Durations and counts in words, in a language, with its plural rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from ementoring._validate import items_of
from ementoring.display._words import UNITS, Unit, words
from ementoring.errors import InvalidTypeError, ValidationError

__all__ = ["MAX_COUNT", "count_text", "duration_text", "list_text"]

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


def list_text(items: Iterable[str], *, locale: str = "en") -> str:
    """Names or phrases joined as the language lists them: ``"Olga, Boris, and Yael"``.

    CLDR's list pattern for the language ("Olga, Boris и Yael" in Russian);
    a message naming everyone at a group session uses it.

    Args:
        items: One or more texts, in the order to show them.
        locale: A language of :data:`LOCALES`.

    Returns:
        The items joined.

    Raises:
        InvalidTypeError: ``items`` is not a collection of strings.
        ValidationError: ``items`` is empty, or ``locale`` unknown.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> list_text(["Olga"]), list_text(["Olga", "Boris"]), list_text(["Olga", "Boris", "Yael"])
    ('Olga', 'Olga and Boris', 'Olga, Boris, and Yael')
    >>> list_text(["Olga", "Boris", "Yael"], locale="ru")
    'Olga, Boris и Yael'
    """
    given = items_of(items, str, "items", "a collection of strings")
    if not given:
        raise ValidationError("items", items, "must hold at least one item")
    return words(locale).listing(given)
