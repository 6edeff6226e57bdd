"""The argument checks every scheduling question shares: the span, the meeting, the cap."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ementoring._validate import require_duration
from ementoring.errors import ValidationError
from ementoring.scheduling._intervals import Interval
from ementoring.timezones import EARLIEST, LATEST

__all__ = ["check_limit", "check_meeting", "check_within"]

# Expansion looks up to a week beyond both ends of the range.
_FIRST, _LAST = EARLIEST + timedelta(weeks=1), LATEST - timedelta(weeks=1)


def check_within(within: Any, field: str = "within") -> Interval:
    """Return ``within`` if it is an :class:`Interval` that can be expanded, else raise.

    Expansion looks a few days beyond both ends, so the range must stay clear
    of the first and last years a ``datetime`` can hold.

    Args:
        within: The span to check.
        field: The name the error gives it.

    Returns:
        ``within``, unchanged.

    Raises:
        ValidationError: Not an :class:`Interval`, or too close to the ends
            of the supported range.

    >>> from datetime import UTC, datetime
    >>> week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> check_within(week) is week
    True
    >>> check_within("next week")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: within: expected an Interval(start, end) of aware datetimes, start before end (got 'next week')
    """
    if not isinstance(within, Interval):
        raise ValidationError(
            field, within, "expected an Interval(start, end) of aware datetimes, start before end"
        )
    if within.start < _FIRST or within.end > _LAST:
        raise ValidationError(
            field, within, f"must lie between {_FIRST:%Y-%m-%d} and {_LAST:%Y-%m-%d}"
        )
    return within


def check_limit(value: Any, field: str = "max_occurrences") -> int:
    """Return a positive occurrence cap, else raise naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(field, value, "must be a positive whole number")
    return value


def check_meeting(value: Any, field: str = "meeting") -> timedelta:
    """Return ``value`` if it is a positive ``timedelta`` (a meeting's length), else raise.

    See ``ementoring._validate.require_duration``: at most ``MAX_DURATION``.

    Args:
        value: The meeting length to check.
        field: The name the error gives it.

    Returns:
        ``value``, unchanged.

    Raises:
        InvalidTypeError: Not a ``timedelta``.
        ValidationError: Zero or negative, or beyond ``MAX_DURATION``.

    >>> check_meeting(timedelta(minutes=45))
    datetime.timedelta(seconds=2700)
    >>> check_meeting(timedelta(0), "duration")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: duration: must be more than 0:00:00 (got datetime.timedelta(0))
    """
    return require_duration(value, field, exclusive_minimum=True)
