"""Shared attrs converters and validators: one place for each input rule.

Every model uses these, so a bad value always raises the same typed error,
naming the attrs field it was given for. Example::

    def _kind(value: Kind | str) -> Kind:
        return coerce_enum(Kind, value, "kind")

    @attrs.frozen(kw_only=True)
    class Thing:
        id: str = attrs.field(validator=identifier)
        at: datetime = attrs.field(converter=utc, validator=aware)
        kind: Kind = attrs.field(converter=_kind)
        spent: timedelta = attrs.field(validator=duration(minimum=timedelta(0)))
        topics: tuple[str, ...] = attrs.field(converter=string_tuple, validator=strings, default=())
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import attrs

from ementoring.errors import DuplicateIdError, InvalidTypeError, ValidationError
from ementoring.timezones import EARLIEST, LATEST, UTC, is_aware, require_aware

__all__ = [
    "Choice",
    "aware",
    "check_unique",
    "coerce_enum",
    "date_value",
    "duration",
    "flag",
    "identifier",
    "is_collection",
    "items_of",
    "non_blank",
    "optional_aware",
    "optional_identifier",
    "optional_utc",
    "require_date",
    "require_flag",
    "require_identifier",
    "require_text",
    "require_type",
    "string_tuple",
    "strings",
    "text",
    "unit_float",
    "utc",
    "whole_number",
]

E = TypeVar("E", bound=enum.Enum)

# Dates follow the supported range of instants (ementoring.timezones).
_FIRST_DAY, _END_DAY = EARLIEST.date(), LATEST.date()
T = TypeVar("T")
# They iterate, but never as a collection of items (see is_collection).
_NOT_A_COLLECTION = (str, bytes, bytearray, Mapping)


class _ChoiceType(enum.EnumType):
    """Enum lookups that raise ``ValidationError`` instead of a bare ``ValueError``.

    ``Status("nope")`` on a plain enum raises ``ValueError`` (and formats the
    value's ``repr`` first, which fails for deeply nested values); a lookup
    here names the allowed values. Creating an enum through the functional
    API (more arguments than the value) is left to ``enum.EnumType``.
    """

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return super().__call__(value, *args, **kwargs)
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            member = cls._value2member_map_.get(value)
            if member is not None:
                return member
        allowed = ", ".join(repr(m.value) for m in cls)  # type: ignore[var-annotated]
        if isinstance(value, str):
            raise ValidationError("value", value, f"must be one of {allowed}")
        raise InvalidTypeError("value", value, f"one of {allowed}")


class Choice(enum.StrEnum, metaclass=_ChoiceType):
    """Base of the library's enums: a ``StrEnum`` whose lookup of a bad value is a typed error.

    >>> class Colour(Choice):
    ...     RED = "red"
    >>> Colour("red"), Colour("blue")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: value: must be one of 'red' (got 'blue')
    """


def require_type(value: T, kind: type | tuple[type, ...], field: str, expected: str) -> T:
    """Return ``value`` if it is a ``kind``, else raise ``InvalidTypeError`` naming ``field``.

    >>> require_type(5, str, "entry", "a JournalEntry")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: entry: expected a JournalEntry (got 5)
    """
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
        raise InvalidTypeError(field, value, expected)
    return value


def is_collection(value: object) -> bool:
    """Whether ``value`` is a collection of items: iterable, and not text, bytes or a mapping.

    Text, bytes and mappings iterate too (characters, integers, keys), but given
    where a collection of items belongs they are almost always a mistake: this
    is the one rule that says so for every collection the library takes.

    >>> is_collection(["a", "b"]), is_collection(("a",)), is_collection(x for x in "ab")
    (True, True, True)
    >>> is_collection("ab"), is_collection(b"ab"), is_collection({"a": 1}), is_collection(3)
    (False, False, False, False)
    """
    return isinstance(value, Iterable) and not isinstance(value, _NOT_A_COLLECTION)


def items_of(
    value: Any,
    kind: type | tuple[type, ...],
    field: str,
    expected: str,
    *,
    each: str | None = None,
) -> tuple[Any, ...]:
    """A tuple of the items of a collection (see :func:`is_collection`), each a ``kind``.

    Args:
        value: The collection given.
        kind: What every item must be (``object`` for anything).
        field: The name to give in an error message.
        expected: What ``field`` takes, in words, for the error.
        each: What one item must be, in words; by default ``expected``
            without a leading ``"an iterable of "``.

    Returns:
        The items, in their order.

    Raises:
        InvalidTypeError: ``value`` is not a collection (text, bytes and mappings
            are refused), or an item is not a ``kind``; the error names its
            position, e.g. ``entries[2]``.

    >>> items_of(["a", "b"], str, "ids", "an iterable of ids")
    ('a', 'b')
    >>> items_of(None, str, "entries", "an iterable of JournalEntry")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: entries: expected an iterable of JournalEntry (got None)
    >>> items_of(["a", 2], str, "ids", "a collection of ids", each="an id")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: ids[1]: expected an id (got 2)
    """
    if not is_collection(value):
        raise InvalidTypeError(field, value, expected)
    found = tuple(value)
    for index, item in enumerate(found):
        if not isinstance(item, kind):
            raise InvalidTypeError(
                f"{field}[{index}]",
                item,
                expected.removeprefix("an iterable of ") if each is None else each,
            )
    return found


def require_flag(value: Any, field: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False``, else raise ``InvalidTypeError``.

    The one rule for every flag: truthy stand-ins (``1``, ``"yes"``, ``None``)
    are refused rather than guessed at.

    >>> require_flag(True, "required")
    True
    >>> require_flag(1, "required")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: required: expected True or False (got 1)
    """
    if not isinstance(value, bool):
        raise InvalidTypeError(field, value, "True or False")
    return value


def flag(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: ``True`` or ``False`` (see :func:`require_flag`)."""
    require_flag(value, field.name)


def utc(value: datetime) -> datetime:
    """Converter: an aware datetime moved to UTC; anything else is left for :func:`aware`."""
    if isinstance(value, datetime) and is_aware(value) and value.tzinfo is not UTC:
        try:
            return value.astimezone(UTC)
        except OverflowError:
            return value  # refused, naming the field and the range, by aware()
    return value


def optional_utc(value: datetime | None) -> datetime | None:
    """Converter: like :func:`utc`, with ``None`` passing."""
    return None if value is None else utc(value)


def aware(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: an aware datetime (use with ``converter=utc``)."""
    require_aware(value, field.name)


def optional_aware(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: ``None`` or an aware datetime (use with ``converter=optional_utc``)."""
    if value is not None:
        require_aware(value, field.name)


def coerce_enum(cls: type[E], value: Any, field: str) -> E:
    """A member of ``cls`` from itself or its value (``"active"``), naming ``field`` if neither.

    Use it in a small named converter per field (mypy's attrs plugin needs a
    named function): ``def _status(v: Status | str) -> Status: return coerce_enum(Status, v, "status")``.
    """
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValidationError(field, value, f"must be one of {allowed}") from None


def require_identifier(value: Any, field: str) -> str:
    """Return ``value`` if it is an id: a non-empty string without surrounding white space.

    >>> require_identifier("olga", "mentee_id")
    'olga'
    >>> require_identifier(" olga", "mentee_id")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: mentee_id: must be a non-empty string without surrounding spaces (got ' olga')
    """
    if not isinstance(value, str) or not value or value != value.strip():
        raise ValidationError(field, value, "must be a non-empty string without surrounding spaces")
    return value


def identifier(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a non-empty string without surrounding white space (see :func:`require_identifier`)."""
    require_identifier(value, field.name)


def optional_identifier(instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: ``None`` or an :func:`identifier`."""
    if value is not None:
        identifier(instance, field, value)


def non_blank(_instance: Any, field: attrs.Attribute[Any], value: str) -> None:
    """Validator: text with something besides white space (use after :func:`text`)."""
    if not value.strip():
        raise ValidationError(field.name, value, "must not be blank")


def text(*, max_length: int | None = None) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: a string, at most ``max_length`` characters long."""

    def validate(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str):
            raise ValidationError(field.name, value, "must be a string")
        if max_length is not None and len(value) > max_length:
            raise ValidationError(
                field.name,
                f"<{len(value)} characters>",
                f"must be at most {max_length:,} characters",
            )

    return validate


# RFC 5545 TEXT (and a message line) allows no control characters besides tab and line feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def require_text(value: Any, field: str, *, max_length: int, lines: bool = True) -> str:
    """Return ``value`` if it is text a message or a calendar can carry, else raise naming ``field``.

    Refused: non-strings, control characters (line feeds and tabs only when
    ``lines``), lone surrogates (not encodable as UTF-8) and text over ``max_length``.

    >>> require_text("Ivan Petrov", "name", max_length=200, lines=False)
    'Ivan Petrov'
    >>> require_text("Ivan\\nPetrov", "name", max_length=200, lines=False)
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: name: must not contain control characters (got 'Ivan\\nPetrov')
    """
    if not isinstance(value, str):
        raise ValidationError(field, value, "must be a string")
    if len(value) > max_length:
        raise ValidationError(
            field, f"<{len(value)} characters>", f"must be at most {max_length:,} characters"
        )
    if _CONTROL.search(value) or (not lines and ("\n" in value or "\t" in value)):
        raise ValidationError(field, value, "must not contain control characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(field, value, "must be valid Unicode text") from None
    return value


def duration(
    *,
    minimum: timedelta | None = timedelta(0),
    maximum: timedelta | None = None,
    exclusive_minimum: bool = False,
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: a ``timedelta`` within bounds (by default zero or more)."""

    def validate(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, timedelta):
            raise ValidationError(field.name, value, "must be a timedelta")
        if minimum is not None:
            if exclusive_minimum and value <= minimum:
                raise ValidationError(field.name, value, f"must be more than {minimum}")
            if value < minimum:
                raise ValidationError(field.name, value, f"must be at least {minimum}")
        if maximum is not None and value > maximum:
            raise ValidationError(field.name, value, f"must be at most {maximum}")

    return validate


def require_date(value: Any, field: str) -> date:
    """Return ``value`` if it is a calendar ``date``, else raise ``InvalidTypeError`` saying what it is.

    The one check for every day the library takes (``today``, ``start``,
    ``started_on``...). A ``datetime`` is a ``date`` to Python but an instant
    here, so it is refused too; the message names the type given.

    >>> require_date(date(2026, 3, 5), "today")
    datetime.date(2026, 3, 5)
    >>> require_date("2026-03-05", "today")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: today: expected a date, not a str (got '2026-03-05')
    >>> require_date(datetime(2026, 3, 5), "today")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: today: expected a date, not a datetime (got datetime.datetime(2026, 3, 5, 0, 0))
    """
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidTypeError(field, value, f"a date, not a {type(value).__name__}")
    return value


def date_value(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a calendar ``date`` in the supported range (see :func:`require_date`)."""
    require_date(value, field.name)
    if not _FIRST_DAY <= value < _END_DAY:
        raise ValidationError(field.name, value, f"must lie from {_FIRST_DAY} to before {_END_DAY}")


def whole_number(
    *, minimum: int = 0, maximum: int | None = None, optional: bool = False
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: an ``int`` (not a ``bool``) in ``[minimum, maximum]``; ``None`` if ``optional``."""

    def validate(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidTypeError(
                field.name, value, "a whole number" + (" or None" if optional else "")
            )
        if value < minimum:
            raise ValidationError(field.name, value, f"must be at least {minimum}")
        if maximum is not None and value > maximum:
            raise ValidationError(field.name, value, f"must be at most {maximum:,}")

    return validate


def unit_float(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a real number in ``[0, 1]`` (NaN refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValidationError(field.name, value, "must be a number between 0 and 1")
    if not 0 <= value <= 1:
        raise ValidationError(field.name, value, "must be between 0 and 1")


def string_tuple(value: Iterable[str]) -> tuple[str, ...]:
    """Converter: a tuple from any collection of strings (use with the :func:`strings` validator)."""
    if not is_collection(value):
        return value  # type: ignore[return-value]  # refused, naming the field, by strings()
    return tuple(value)


def strings(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a tuple of strings; a bare string is refused (it is almost always a mistake)."""
    if not isinstance(value, tuple):
        raise InvalidTypeError(field.name, value, "a collection of strings, not a string")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise InvalidTypeError(f"{field.name}[{index}]", item, "a string")


def check_unique(items: Iterable[T], key: Callable[[T], Hashable], field: str) -> None:
    """Raise ``DuplicateIdError`` naming the first key that appears twice.

    >>> check_unique(["a", "b", "a"], key=str, field="mentors")
    Traceback (most recent call last):
    ...
    ementoring.errors.DuplicateIdError: mentors: duplicate id (got 'a')
    """
    seen: set[Hashable] = set()
    for item in items:
        k = key(item)
        if k in seen:
            raise DuplicateIdError(field, k, "duplicate id")
        seen.add(k)
