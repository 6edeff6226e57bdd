"""The one conversion between wall-clock readings and instants, with its DST policies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal, TypeAlias

from ementoring.errors import (
    AmbiguousTimeError,
    InvalidTypeError,
    NonexistentTimeError,
    ValidationError,
)
from ementoring.timezones import _zones
from ementoring.timezones._transitions import Transition, bisect_change
from ementoring.timezones._zones import EARLIEST, LATEST, ZoneLike, check_range, require_aware

__all__ = ["EARLIEST_READING", "LATEST_READING", "POLICIES", "Policy", "to_instant", "to_local"]

Policy: TypeAlias = Literal["wall_clock", "rfc5545", "raise"]
"""How :func:`to_instant` treats local times in DST gaps and folds."""

POLICIES: tuple[Policy, ...] = ("wall_clock", "rfc5545", "raise")
"""Every :data:`Policy`, in the order the docs explain them."""

# The readings to_instant takes: a day beyond the supported instants each side.
EARLIEST_READING = EARLIEST.replace(tzinfo=None) - timedelta(days=1)
LATEST_READING = LATEST.replace(tzinfo=None) + timedelta(days=1)


def to_local(instant: datetime, zone: ZoneLike, *, field: str = "instant") -> datetime:
    """Return the aware local datetime of an instant in a zone.

    Args:
        instant: An aware datetime.
        zone: The zone whose clock reads it (key or ``ZoneInfo``).
        field: The name to give ``instant`` in an error message.

    Raises:
        NaiveDatetimeError: ``instant`` is naive.
        ValidationError: ``instant`` lies outside [:data:`EARLIEST`, :data:`LATEST`).
        UnknownTimeZoneError: For a bad zone.

    >>> to_local(datetime(2026, 3, 10, 16, 0, tzinfo=UTC), "Europe/Moscow").isoformat()
    '2026-03-10T19:00:00+03:00'
    """
    return require_aware(instant, field).astimezone(_zones.zone(zone))


def to_instant(local: datetime, zone: ZoneLike, *, policy: Policy = "raise") -> datetime:
    """Turn a naive wall-clock reading in a zone into an aware UTC instant.

    This is the only place where wall-clock time becomes an instant.

    Policies for readings that the zone's clock skipped (a gap) or showed
    twice (a fold):

    * ``"wall_clock"``: the first instant at which the clock reads ``local`` or
      later. A repeated reading gives its first pass; a skipped one gives the
      instant of the transition itself (a person free "from 02:30" on the night
      clocks jump from 02:00 to 03:00 is free from 03:00).
    * ``"rfc5545"``: RFC 5545 section 3.3.5: first pass in a fold; in a gap,
      the offset from before the gap (02:30 is read as 03:30).
    * ``"raise"``: :class:`~ementoring.errors.NonexistentTimeError` in a gap,
      :class:`~ementoring.errors.AmbiguousTimeError` in a fold.

    A reading with ``fold=1`` (PEP 495) asks for the second pass of a repeated
    time under ``"wall_clock"`` and ``"rfc5545"``, so
    ``to_instant(to_local(u, z).replace(tzinfo=None), z) == u`` for every instant.

    Args:
        local: A naive datetime: the wall-clock reading.
        zone: The zone whose clock it is read on.
        policy: One of :data:`POLICIES`.

    Returns:
        The instant, with ``tzinfo=UTC``.

    Raises:
        ValidationError: ``local`` is aware, or ``policy`` is unknown.
        UnknownTimeZoneError: For a bad zone.
        NonexistentTimeError: Under ``"raise"``, in a gap.
        AmbiguousTimeError: Under ``"raise"``, in a fold.

    >>> toronto = "America/Toronto"
    >>> to_instant(datetime(2026, 3, 8, 2, 30), toronto, policy="rfc5545").time()
    datetime.time(7, 30)
    >>> to_instant(datetime(2026, 11, 1, 1, 30), toronto, policy="wall_clock").time()
    datetime.time(5, 30)
    >>> to_instant(datetime(2026, 3, 8, 2, 30), toronto)
    Traceback (most recent call last):
    ...
    ementoring.errors.NonexistentTimeError: local: 2026-03-08 02:30 does not exist in America/Toronto: on 2026-03-08 clocks go forward from 02:00 to 03:00 (UTC-05:00 to UTC-04:00) (got datetime.datetime(2026, 3, 8, 2, 30))
    """
    if not isinstance(local, datetime):
        raise InvalidTypeError("local", local, "a naive datetime (a wall-clock reading)")
    if local.tzinfo is not None:
        raise ValidationError(
            "local",
            local,
            "expected a naive wall-clock reading; an aware datetime is already an instant",
        )
    if policy not in POLICIES:
        raise ValidationError("policy", policy, f"must be one of {', '.join(POLICIES)}")
    tz = _zones.zone(zone)
    # A day's margin each side: no zone's offset reaches a day, so the instant
    # is computable; check_range below then decides.
    if not EARLIEST_READING <= local < LATEST_READING:
        check_range(None, "local", local)
    first = local.replace(tzinfo=tz, fold=0)
    second = local.replace(tzinfo=tz, fold=1)
    offset_first = first.utcoffset()
    offset_second = second.utcoffset()
    # A ZoneInfo always gives an offset.
    assert offset_first is not None
    assert offset_second is not None
    # fold=0 reads the time with the offset from before a transition, fold=1
    # with the offset after it (PEP 495); they differ only near a transition.
    instant_first = (local - offset_first).replace(tzinfo=UTC)
    if offset_first == offset_second:
        return check_range(instant_first, "local", local)
    instant_second = (local - offset_second).replace(tzinfo=UTC)
    if instant_first < instant_second:
        # Both readings exist: a fold. The first pass is instant_first, unless
        # the caller asked for the second one with fold=1 (PEP 495).
        if policy != "raise" and local.fold == 1:
            return check_range(instant_second, "local", local)
        if policy == "raise":
            change = bisect_change(tz, instant_first, instant_second)
            why = _why(local, "happens twice", tz.key, change, offset_first, offset_second)
            raise AmbiguousTimeError("local", local, why)
        return check_range(instant_first, "local", local)
    # Neither reading exists: a gap. The transition lies in (instant_second, instant_first].
    if policy == "rfc5545":
        return check_range(instant_first, "local", local)
    change = bisect_change(tz, instant_second, instant_first)
    if policy == "raise":
        why = _why(local, "does not exist", tz.key, change, offset_first, offset_second)
        raise NonexistentTimeError("local", local, why)
    return check_range(change, "local", local)


def _why(
    local: datetime,
    what: str,
    key: str | None,
    at: datetime,
    before: timedelta,
    after: timedelta,
) -> str:
    """Why a reading has no single instant: ``what`` happens to it, and the clock change."""
    change = Transition(at=at, offset_before=before, offset_after=after).describe()
    return f"{local:%Y-%m-%d %H:%M} {what} in {key}: {change}"
