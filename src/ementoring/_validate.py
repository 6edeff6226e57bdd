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
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, Literal, TypeVar, overload

import attrs

from ementoring.errors import DuplicateIdError, InvalidTypeError, ValidationError
from ementoring.timezones import EARLIEST, LATEST, MAX_DURATION, UTC, is_aware, require_aware

__all__ = [
    "Choice",
    "Duration",
    "Number",
    "Text",
    "WholeNumber",
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
    "number",
    "optional_aware",
    "optional_identifier",
    "optional_utc",
    "require_date",
    "require_duration",
    "require_flag",
    "require_identifier",
    "require_number",
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
_ZERO = timedelta(0)
# The largest finite float: a number beyond it (10**400, an infinity) has no float.
_LARGEST_FLOAT = float.fromhex("0x1.fffffffffffffp+1023")


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


@attrs.frozen
class Text:
    """Validator: a string, at most ``max_length`` characters long (made by :func:`text`).

    A class rather than a closure, so the limit can be read where it is described
    (the JSON Schema of ``ementoring.serialization`` reads it).
    """

    max_length: int | None = None

    def __call__(self, _instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str):
            raise ValidationError(field.name, value, "must be a string")
        if self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(
                field.name,
                f"<{len(value)} characters>",
                f"must be at most {self.max_length:,} characters",
            )


def text(*, max_length: int | None = None) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: a string, at most ``max_length`` characters long."""
    return Text(max_length)


@attrs.frozen
class Duration:
    """Validator: a ``timedelta`` within bounds (made by :func:`duration`; see :func:`require_duration`).

    A class rather than a closure, so the bounds can be read where they are
    described (the JSON Schema of ``ementoring.serialization`` reads them).
    """

    minimum: timedelta | None = timedelta(0)
    maximum: timedelta | None = None
    exclusive_minimum: bool = False
    optional: bool = False

    def __call__(self, _instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        require_duration(
            value,
            field.name,
            minimum=self.minimum,
            maximum=self.maximum,
            exclusive_minimum=self.exclusive_minimum,
            optional=self.optional,
        )


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


@overload
def require_duration(
    value: Any,
    field: str,
    *,
    minimum: timedelta | None = ...,
    maximum: timedelta | None = ...,
    exclusive_minimum: bool = ...,
    optional: Literal[False] = ...,
) -> timedelta: ...
@overload
def require_duration(
    value: Any,
    field: str,
    *,
    minimum: timedelta | None = ...,
    maximum: timedelta | None = ...,
    exclusive_minimum: bool = ...,
    optional: Literal[True],
) -> timedelta | None: ...
@overload
def require_duration(
    value: Any,
    field: str,
    *,
    minimum: timedelta | None = ...,
    maximum: timedelta | None = ...,
    exclusive_minimum: bool = ...,
    optional: bool,
) -> timedelta | None: ...
def require_duration(
    value: Any,
    field: str,
    *,
    minimum: timedelta | None = _ZERO,
    maximum: timedelta | None = None,
    exclusive_minimum: bool = False,
    optional: bool = False,
) -> timedelta | None:
    """Return ``value`` if it is a ``timedelta`` within bounds, else raise naming ``field``.

    The one check of every duration the library takes. Whatever the bounds,
    a duration lies within :data:`~ementoring.timezones.MAX_DURATION` either
    way (the span of supported instants), so arithmetic on supported instants
    never overflows.

    Args:
        value: The duration given.
        field: The name to give in an error message.
        minimum: The least allowed (zero by default); ``None`` for
            ``-MAX_DURATION``.
        maximum: The most allowed; ``None`` for ``MAX_DURATION``.
        exclusive_minimum: ``minimum`` itself is refused (a positive duration).
        optional: ``None`` passes (and is returned).

    Returns:
        ``value``, unchanged.

    Raises:
        InvalidTypeError: Not a ``timedelta`` (nor ``None`` when ``optional``).
        ValidationError: Outside the bounds.

    >>> require_duration(timedelta(minutes=45), "meeting", exclusive_minimum=True)
    datetime.timedelta(seconds=2700)
    >>> require_duration(timedelta(0), "step", exclusive_minimum=True)
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: step: must be more than 0:00:00 (got datetime.timedelta(0))
    >>> require_duration(timedelta.max, "tolerance")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: tolerance: must be at most 109573 days, 0:00:00 (got datetime.timedelta(days=999999999, seconds=86399, microseconds=999999))
    >>> require_duration(0, "review_after")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: review_after: expected a timedelta (got 0)
    """
    if value is None and optional:
        return None
    if not isinstance(value, timedelta):
        raise InvalidTypeError(field, value, "a timedelta" + (" or None" if optional else ""))
    low = -MAX_DURATION if minimum is None else max(minimum, -MAX_DURATION)
    high = MAX_DURATION if maximum is None else min(maximum, MAX_DURATION)
    if exclusive_minimum and value <= low:
        raise ValidationError(field, value, f"must be more than {low}")
    if value < low:
        raise ValidationError(field, value, f"must be at least {low}")
    if value > high:
        raise ValidationError(field, value, f"must be at most {high}")
    return value


def duration(
    *,
    minimum: timedelta | None = _ZERO,
    maximum: timedelta | None = None,
    exclusive_minimum: bool = False,
    optional: bool = False,
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: a ``timedelta`` within bounds (by default zero or more; see :func:`require_duration`)."""
    return Duration(minimum, maximum, exclusive_minimum, optional)


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


@attrs.frozen
class WholeNumber:
    """Validator: an ``int`` (not a ``bool``) in ``[minimum, maximum]`` (made by :func:`whole_number`)."""

    minimum: int = 0
    maximum: int | None = None
    optional: bool = False

    def __call__(self, _instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        if value is None and self.optional:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidTypeError(
                field.name, value, "a whole number" + (" or None" if self.optional else "")
            )
        if value < self.minimum:
            raise ValidationError(field.name, value, f"must be at least {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(field.name, value, f"must be at most {self.maximum:,}")


def whole_number(
    *, minimum: int = 0, maximum: int | None = None, optional: bool = False
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: an ``int`` (not a ``bool``) in ``[minimum, maximum]``; ``None`` if ``optional``."""
    return WholeNumber(minimum, maximum, optional)


def require_number(
    value: Any,
    field: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_minimum: bool = False,
    kinds: type | tuple[type, ...] = (int, float),
) -> Any:
    """Return ``value`` if it is a finite number within bounds, else raise naming ``field``.

    The one check of every number the library takes (weights, shares, hours,
    scores): ``True`` and ``False`` are not numbers; NaN, the infinities and
    integers too large for a float (``10**400``) are refused by comparison,
    which is exact for any size, so the check itself never overflows.

    Args:
        value: The number given.
        field: The name to give in an error message.
        minimum: The least allowed, if any.
        maximum: The most allowed, if any.
        exclusive_minimum: ``minimum`` itself is refused.
        kinds: The number types taken (``int`` and ``float`` by default).

    Returns:
        ``value``, unchanged.

    Raises:
        InvalidTypeError: Not one of ``kinds``, or a ``bool``.
        ValidationError: Not finite as a float, or outside the bounds.

    >>> require_number(2, "weight", minimum=0, exclusive_minimum=True)
    2
    >>> require_number(10**400, "weight", minimum=0, exclusive_minimum=True)
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: weight: must be a finite number above 0 (got 100000000000000000...0000000000000000000)
    >>> require_number(True, "score")
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTypeError: score: expected a number (got True)
    """
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise InvalidTypeError(field, value, "a number")
    given: Any = value  # a number of one of kinds: they all compare with floats
    low = -_LARGEST_FLOAT if minimum is None else minimum
    high = _LARGEST_FLOAT if maximum is None else maximum
    # Each comparison is False for NaN, so a NaN fails here too.
    inside = (low < given if exclusive_minimum else low <= given) and given <= high
    if not (inside and -_LARGEST_FLOAT <= given <= _LARGEST_FLOAT):
        raise ValidationError(
            field, value, "must be a finite number" + _range(minimum, maximum, exclusive_minimum)
        )
    return value


def _range(minimum: float | None, maximum: float | None, exclusive_minimum: bool) -> str:
    """`` above 0, at most 1``: the bounds of :func:`require_number`, in words."""
    words = []
    if minimum is not None:
        words.append(f"{'above' if exclusive_minimum else 'at least'} {minimum:,}")
    if maximum is not None:
        words.append(f"at most {maximum:,}")
    return " " + ", ".join(words) if words else ""


@attrs.frozen
class Number:
    """Validator: a finite number within bounds (made by :func:`number`; see :func:`require_number`)."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False

    def __call__(self, _instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        require_number(
            value,
            field.name,
            minimum=self.minimum,
            maximum=self.maximum,
            exclusive_minimum=self.exclusive_minimum,
        )


def number(
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_minimum: bool = False,
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: a finite number within bounds (see :func:`require_number`)."""
    return Number(minimum, maximum, exclusive_minimum)


unit_float = number(minimum=0, maximum=1)
"""Validator: a real number in ``[0, 1]`` (NaN refused)."""


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
