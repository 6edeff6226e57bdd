"""Pace: how a mentorship is doing against the straight line to its hour target."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from ementoring._validate import Choice
from ementoring.errors import ValidationError
from ementoring.timezones import LATEST

__all__ = ["Pace"]

_DAY = timedelta(days=1)
_ZERO = timedelta(0)
_LAST_DAY = LATEST.date()


class Pace(Choice):
    """How a mentorship is doing against the straight line to its target."""

    COMPLETE = "complete"
    AT_RISK = "at_risk"
    BEHIND = "behind"
    ON_TRACK = "on_track"
    AHEAD = "ahead"


def _validate_rules(
    tolerance: Any, risk_factor: Any, quiet_after: Any
) -> tuple[timedelta, Fraction, timedelta | None]:
    if not isinstance(tolerance, timedelta) or tolerance < _ZERO:
        raise ValidationError("tolerance", tolerance, "must be a timedelta of zero or more")
    if (
        isinstance(risk_factor, bool)
        or not isinstance(risk_factor, int | float | Fraction)
        or not risk_factor > 0
        or risk_factor != risk_factor
        or risk_factor == float("inf")
    ):
        raise ValidationError("risk_factor", risk_factor, "must be a finite number above 0")
    if quiet_after is not None and (not isinstance(quiet_after, timedelta) or quiet_after <= _ZERO):
        raise ValidationError("quiet_after", quiet_after, "must be None or a positive timedelta")
    return tolerance, Fraction(risk_factor), quiet_after


def _say(value: timedelta) -> str:
    """A duration in words: whole days as ``21 days``, anything else as ``1:30:00``."""
    if value % _DAY == _ZERO:
        return f"{value.days} day{'s' if value.days != 1 else ''}"
    return str(value)


def _micro(value: timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def _projection(
    pieces: list[tuple[date, timedelta]],
    logged: timedelta,
    remaining: timedelta,
    target: timedelta,
    days_elapsed: int,
    today: date,
) -> date | None:
    """The day the target was reached, or will be at the pace so far (None: no pace yet)."""
    if logged >= target:
        running = _ZERO
        for day, piece in pieces:
            running += piece
            if running >= target:
                return day
    if logged <= _ZERO or days_elapsed <= 0:
        return None
    # remaining / (logged / days_elapsed), rounded up to a whole day.
    days_needed = -(-(_micro(remaining) * days_elapsed) // _micro(logged))
    if days_needed >= (_LAST_DAY - today).days:
        # Saturate: not within the supported calendar at this pace (one
        # second logged against a target of hours would pass year 9999).
        return None
    return today + timedelta(days=days_needed)
