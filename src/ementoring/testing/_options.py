"""The checks every strategy runs on its options when it is built, and drawn ids."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from ementoring._validate import require_duration, require_flag, require_identifier, require_type
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.timezones import zone

#: The largest count any option takes, so every drawn example stays small enough to build.
MAX_COUNT = 1_000


def ids_from(fixed: str | None, pattern: str) -> st.SearchStrategy[str]:
    """The given id, or ids drawn from ``pattern``."""
    return st.just(fixed) if fixed is not None else st.from_regex(pattern, fullmatch=True)


def check_positive(value: timedelta, field: str) -> None:
    """A duration option: a positive ``timedelta``."""
    require_duration(value, field, exclusive_minimum=True)


def check_count(value: int, field: str, *, minimum: int = 0) -> None:
    """A count option: a whole number from ``minimum`` to :data:`MAX_COUNT`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "a whole number")
    if not minimum <= value <= MAX_COUNT:
        raise ValidationError(field, value, f"must be from {minimum} to {MAX_COUNT:,}")


def check_flag(value: bool, field: str) -> None:
    """A flag option: ``True`` or ``False``, nothing merely truthy (the kernel's flag rule)."""
    require_flag(value, field)


def check_optional_flag(value: bool | None, field: str) -> None:
    """``None`` or a flag option."""
    if value is not None:
        check_flag(value, field)


def check_id(value: str, field: str) -> None:
    """An id option: a string (else ``InvalidTypeError``) that a model would take as an id."""
    require_type(value, str, field, "an id string")
    require_identifier(value, field)


def check_optional_id(value: str | None, field: str) -> None:
    """``None`` or an id option."""
    if value is not None:
        check_id(value, field)


def check_optional_zone(value: str | None, field: str) -> None:
    """``None`` or an IANA zone key."""
    if value is not None:
        zone(value, field=field)
