"""Pace: how a mentorship is doing against the straight line to its hour target, and why."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from ementoring._validate import Choice, require_duration, require_number
from ementoring._words import plural
from ementoring.accounting._program import Program
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


def _pace_rules(
    tolerance: Any, risk_factor: Any, quiet_after: Any, program_quiet_after: timedelta
) -> tuple[timedelta, Fraction, timedelta]:
    """The thresholds of the pace rules, checked; ``quiet_after`` defaults to the program's."""
    tolerance = require_duration(tolerance, "tolerance")
    require_number(
        risk_factor, "risk_factor", minimum=0, exclusive_minimum=True, kinds=(int, float, Fraction)
    )
    quiet_after = require_duration(
        quiet_after, "quiet_after", exclusive_minimum=True, optional=True
    )
    return (
        tolerance,
        Fraction(risk_factor),
        program_quiet_after if quiet_after is None else quiet_after,
    )


def _judge_pace(
    program: Program,
    *,
    logged: timedelta,
    expected: timedelta,
    days_left: int,
    quiet_since: date,
    met_yet: bool,
    today: date,
    tolerance: timedelta,
    risk_factor: Fraction,
    quiet_after: timedelta,
) -> tuple[Pace, tuple[str, ...]]:
    """The pace and why, in words: the first rule of :func:`progress` that holds.

    ``quiet_since`` is the day of the last completed session, or the start
    when there was none (``met_yet`` tells which, for the words).
    """
    target = program.target
    remaining = max(target - logged, _ZERO)
    planned_days = program.planned_weeks * 7
    quiet_days = (today - quiet_since).days
    reasons: list[str] = []
    if logged >= target:
        pace = Pace.COMPLETE
        reasons.append(f"logged {logged} of the {target} target")
    else:
        if quiet_days * _DAY >= quiet_after:
            what = "no session since" if met_yet else "no session yet since"
            reasons.append(
                f"{what} {quiet_since.isoformat()} ({quiet_days} days; quiet after {_in_words(quiet_after)})"
            )
        rate_limit = risk_factor * _microseconds(target) * max(days_left, 0)
        if Fraction(_microseconds(remaining) * planned_days) > rate_limit:
            reasons.append(
                f"{remaining} left in {max(days_left, 0)} days needs more than {risk_factor}"
                f" times the planned weekly rate ({target / program.planned_weeks})"
            )
        if reasons:
            pace = Pace.AT_RISK
        elif logged < expected - tolerance:
            pace = Pace.BEHIND
            reasons.append(f"logged {logged}, expected {expected} by now (tolerance {tolerance})")
        elif logged > expected + tolerance:
            pace = Pace.AHEAD
            reasons.append(f"logged {logged}, expected {expected} by now (tolerance {tolerance})")
        else:
            pace = Pace.ON_TRACK
            reasons.append(f"logged {logged}, expected {expected} by now (tolerance {tolerance})")
    return pace, tuple(reasons)


def _in_words(value: timedelta) -> str:
    """A duration in words: whole days as ``21 days``, anything else as ``1:30:00``."""
    if value % _DAY == _ZERO:
        return f"{value.days} {plural(value.days, 'day')}"
    return str(value)


def _microseconds(value: timedelta) -> int:
    """A duration as a whole number of microseconds, for exact arithmetic."""
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def _projected_completion(
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
    days_needed = -(-(_microseconds(remaining) * days_elapsed) // _microseconds(logged))
    if days_needed >= (_LAST_DAY - today).days:
        # Saturate: not within the supported calendar at this pace (one
        # second logged against a target of hours would pass year 9999).
        return None
    return today + timedelta(days=days_needed)
