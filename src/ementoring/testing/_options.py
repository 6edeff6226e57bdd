"""The checks every strategy runs on its options when it is built, and drawn ids."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.timezones import zone


def _ids(fixed: str | None, pattern: str) -> st.SearchStrategy[str]:
    """The given id, or ids drawn from ``pattern``."""
    return st.just(fixed) if fixed is not None else st.from_regex(pattern, fullmatch=True)


def _check_positive(value: timedelta, field: str) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise ValidationError(field, value, "must be a positive timedelta")


#: The largest count any option takes, so every drawn example stays small enough to build.
MAX_COUNT = 1_000


def _check_count(value: int, field: str, *, minimum: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "a whole number")
    if not minimum <= value <= MAX_COUNT:
        raise ValidationError(field, value, f"must be from {minimum} to {MAX_COUNT:,}")


def _check_flag(value: bool, field: str) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(field, value, "True or False")


def _check_optional_flag(value: bool | None, field: str) -> None:
    if value is not None:
        _check_flag(value, field)


def _check_id(value: str, field: str) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "an id string")
    if not value or value != value.strip():
        raise ValidationError(field, value, "must be a non-empty string without surrounding spaces")


def _check_optional_id(value: str | None, field: str) -> None:
    if value is not None:
        _check_id(value, field)


def _check_optional_zone(value: str | None, field: str) -> None:
    if value is not None:
        zone(value, field=field)
