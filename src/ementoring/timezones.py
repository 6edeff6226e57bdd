"""The time-zone kernel: zones, aware instants and the one wall-clock conversion.

Every other module goes through these functions: they are the only place that
decides whether a zone key is valid, whether a datetime is aware, and what
instant a local wall-clock time means across DST gaps and folds.

Instants are aware ``datetime`` objects in UTC. Wall-clock times are naive
``datetime`` objects read on a given zone's clock, and become instants only
through :func:`to_instant`:

>>> from datetime import datetime
>>> to_instant(datetime(2026, 3, 8, 2, 30), "America/Toronto", policy="wall_clock")
datetime.datetime(2026, 3, 8, 7, 0, tzinfo=datetime.timezone.utc)

Do interval arithmetic in UTC: Python subtracts two aware datetimes that share
one ``ZoneInfo`` object by their wall-clock readings, so Saturday noon to Sunday
noon across spring-forward reads 24 hours instead of 23.
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache, lru_cache
from typing import Literal, TypeAlias

import attrs

from ementoring.errors import (
    AmbiguousTimeError,
    InvalidTypeError,
    NaiveDatetimeError,
    NonexistentTimeError,
    UnknownTimeZoneError,
    ValidationError,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "MAX_ZONE_KEY_LENGTH",
    "POLICIES",
    "UTC",
    "Policy",
    "Transition",
    "ZoneLike",
    "is_aware",
    "optional_zone_key",
    "require_aware",
    "to_instant",
    "to_local",
    "transitions",
    "zone",
    "zone_key",
]

Policy: TypeAlias = Literal["wall_clock", "rfc5545", "raise"]
"""How :func:`to_instant` treats local times in DST gaps and folds."""

POLICIES: tuple[Policy, ...] = ("wall_clock", "rfc5545", "raise")
"""Every :data:`Policy`, in the order the docs explain them."""

UTC = UTC
"""The UTC zone (the standard library's ``datetime.UTC``): every instant ementoring returns carries it."""

ZoneLike: TypeAlias = "str | zoneinfo.ZoneInfo"
"""An IANA key such as ``"America/Toronto"``, or a ``ZoneInfo``."""

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
"""The earliest instant the library accepts (inclusive).

Instants are checked against :data:`EARLIEST` and :data:`LATEST` wherever they
come in, so the date arithmetic behind schedules, projections and reminders
(weeks and years added to an instant) can never leave the range a ``datetime``
holds: an instant outside is refused with a ``ValidationError``, never an
``OverflowError``.
"""

LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""The end of the supported range (exclusive): instants must be before it."""

MAX_ZONE_KEY_LENGTH = 64
"""The longest zone key looked up (the longest IANA key has 32 characters).

A longer key is refused before it reaches the import machinery or the
suggestion search, whose work grows with the key.
"""

# An IANA key is one or more path components of letters, digits, "_", "+", "-".
_KEY_PATTERN = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")
# The deepest IANA keys have three parts ("America/Argentina/Buenos_Aires").
_MAX_KEY_SLASHES = 3

# In the tz database an offset never changes and changes back within less than
# about a week (the shortest such round trip is 601,200 s), so sampling once a
# day sees every change; each one seen is then pinned to the second by
# bisection. tests/test_timezones.py checks this against the raw data.
_SCAN_STEP = timedelta(days=1)
_EARLIEST_READING = EARLIEST.replace(tzinfo=None) - timedelta(days=1)
_LATEST_READING = LATEST.replace(tzinfo=None) + timedelta(days=1)
_ONE_SECOND = timedelta(seconds=1)


def zone(key: ZoneLike, field: str = "zone") -> zoneinfo.ZoneInfo:
    """Return the ``ZoneInfo`` for an IANA key, or the ``ZoneInfo`` given.

    Args:
        key: An IANA time-zone key (``"Europe/Moscow"``) or a ``ZoneInfo``.
        field: The name to give in an error message.

    Returns:
        The zone, loaded from the time-zone database.

    Raises:
        UnknownTimeZoneError: The key is malformed (``"../etc/passwd"``, ``""``)
            or not in the database; the message suggests close matches.

    >>> zone("Asia/Jerusalem")
    zoneinfo.ZoneInfo(key='Asia/Jerusalem')
    >>> zone("America/Toront")
    Traceback (most recent call last):
    ...
    ementoring.errors.UnknownTimeZoneError: zone: unknown time zone; did you mean 'America/Toronto' or ...? (got 'America/Toront')
    """
    if isinstance(key, zoneinfo.ZoneInfo):
        if key.key is None:
            raise UnknownTimeZoneError(
                field, key, "a ZoneInfo built from a file has no IANA key; use zone(key)"
            )
        return key
    if not isinstance(key, str):
        raise UnknownTimeZoneError(field, key, "expected an IANA key such as 'America/Toronto'")
    if len(key) > MAX_ZONE_KEY_LENGTH or key.count("/") > _MAX_KEY_SLASHES:
        raise UnknownTimeZoneError(
            field,
            key,
            f"malformed time-zone key (at most {MAX_ZONE_KEY_LENGTH} characters"
            f" and {_MAX_KEY_SLASHES + 1} parts)",
        )
    if not _KEY_PATTERN.fullmatch(key):
        raise UnknownTimeZoneError(field, key, "malformed time-zone key", suggestions=_suggest(key))
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimeZoneError(field, key, suggestions=_suggest(key)) from None


# For the functions whose parameter ``zone`` (the public name callers pass) hides zone().
_zone_info = zone


def zone_key(value: ZoneLike, field: str = "zone") -> str:
    """Return the IANA key of a zone, validating it: the converter of every zone field.

    Models store a zone as its key (a string compares, hashes and serialises
    plainly); ``attrs.field(converter=zone_key)`` names the field ``zone`` in
    its errors.

    >>> zone_key(zone("Europe/Moscow"))
    'Europe/Moscow'
    """
    key = zone(value, field).key
    assert key is not None  # zone() refuses keyless zones
    return key


def optional_zone_key(value: ZoneLike | None, field: str = "zone") -> str | None:
    """Return ``None`` for ``None``, else the validated IANA key, as :func:`zone_key` does.

    >>> optional_zone_key(None), optional_zone_key("Europe/Moscow")
    (None, 'Europe/Moscow')
    """
    return None if value is None else zone_key(value, field)


@cache
def _known_keys() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def _suggest(key: str) -> tuple[str, ...]:
    if not key:
        return ()
    known = _known_keys()
    folded = {k.casefold(): k for k in known}
    if key.casefold() in folded:
        return (folded[key.casefold()],)
    matches = difflib.get_close_matches(key.casefold(), list(folded), n=3, cutoff=0.75)
    return tuple(folded[m] for m in matches)


def is_aware(value: datetime) -> bool:
    """Tell whether a datetime carries a UTC offset.

    >>> is_aware(datetime(2026, 1, 1, tzinfo=UTC)), is_aware(datetime(2026, 1, 1))
    (True, False)

    Raises:
        InvalidTypeError: ``value`` is not a datetime.
    """
    if not isinstance(value, datetime):
        raise InvalidTypeError("value", value, "a datetime")
    return value.tzinfo is not None and value.tzinfo.utcoffset(value) is not None


def require_aware(value: datetime, field: str) -> datetime:
    """Return an aware datetime converted to UTC, refusing naive ones.

    Args:
        value: The datetime to check.
        field: The name to give in an error message.

    Returns:
        The same instant, with ``tzinfo=UTC``.

    Raises:
        NaiveDatetimeError: ``value`` has no UTC offset.
        InvalidTypeError: ``value`` is not a datetime at all.
        ValidationError: ``value`` lies outside [:data:`EARLIEST`, :data:`LATEST`).

    >>> require_aware(datetime(2026, 3, 10, 12, 0, tzinfo=zone("America/Toronto")), "at")
    datetime.datetime(2026, 3, 10, 16, 0, tzinfo=datetime.timezone.utc)
    >>> require_aware(datetime(2026, 3, 10, 12, 0), "at")
    Traceback (most recent call last):
    ...
    ementoring.errors.NaiveDatetimeError: at: a naive datetime ... (got datetime.datetime(2026, 3, 10, 12, 0))
    """
    if not isinstance(value, datetime):
        raise InvalidTypeError(field, value, "an aware datetime")
    if not is_aware(value):
        raise NaiveDatetimeError(field, value)
    try:
        instant = value if value.tzinfo is UTC else value.astimezone(UTC)
    except OverflowError:
        # Year 1 at a positive offset, or year 9999 at a negative one.
        instant = None
    return _check_range(instant, field, value)


def _check_range(instant: datetime | None, field: str, value: object) -> datetime:
    """Return a UTC instant if it lies in the supported range, else raise naming ``field``.

    Args:
        instant: The instant in UTC, or ``None`` when it could not even be computed.
        field: The name to give in an error message.
        value: What the caller gave (shown in the message).

    Raises:
        ValidationError: ``instant`` is ``None`` or outside [:data:`EARLIEST`, :data:`LATEST`).

    >>> _check_range(datetime(2300, 1, 1, tzinfo=UTC), "at", "2300")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: at: must lie from 1900-01-01T00:00:00Z to before 2200-01-01T00:00:00Z (got '2300')
    """
    if instant is None or not EARLIEST <= instant < LATEST:
        raise ValidationError(
            field,
            value,
            f"must lie from {EARLIEST:%Y-%m-%dT%H:%M:%SZ} to before {LATEST:%Y-%m-%dT%H:%M:%SZ}",
        )
    return instant


@attrs.frozen(kw_only=True)
class Transition:
    """A change of a zone's UTC offset at one instant.

    Attributes:
        at: The instant (UTC) from which ``offset_after`` applies.
        offset_before: The UTC offset just before ``at``.
        offset_after: The UTC offset from ``at`` on.

    >>> t = transitions("America/Toronto", datetime(2026, 3, 1, tzinfo=UTC),
    ...                 datetime(2026, 4, 1, tzinfo=UTC))[0]
    >>> t.at, t.kind, t.shift
    (datetime.datetime(2026, 3, 8, 7, 0, tzinfo=datetime.timezone.utc), 'gap', datetime.timedelta(seconds=3600))
    """

    at: datetime
    offset_before: timedelta
    offset_after: timedelta

    @property
    def shift(self) -> timedelta:
        """How far the wall clock moved: positive for a gap (spring forward)."""
        return self.offset_after - self.offset_before

    @property
    def kind(self) -> Literal["gap", "fold"]:
        """``"gap"`` when local times were skipped, ``"fold"`` when repeated."""
        return "gap" if self.shift > timedelta(0) else "fold"

    @property
    def local_before(self) -> datetime:
        """The naive wall-clock reading at which the change happens, on the old offset."""
        return (self.at + self.offset_before).replace(tzinfo=None)

    @property
    def local_after(self) -> datetime:
        """The naive wall-clock reading just after the change, on the new offset."""
        return (self.at + self.offset_after).replace(tzinfo=None)

    def describe(self) -> str:
        """Say the change in words.

        >>> t = transitions("Asia/Jerusalem", datetime(2026, 3, 1, tzinfo=UTC),
        ...                 datetime(2026, 4, 1, tzinfo=UTC))[0]
        >>> t.describe()
        'on 2026-03-27 clocks go forward from 02:00 to 03:00 (UTC+02:00 to UTC+03:00)'

        When the reading jumps to another date, both readings carry their date
        (Samoa skipped 30 December 2011):

        >>> apia = transitions("Pacific/Apia", datetime(2011, 12, 29, tzinfo=UTC),
        ...                    datetime(2012, 1, 1, tzinfo=UTC))[0]
        >>> apia.describe()
        'clocks go forward from 2011-12-30 00:00 to 2011-12-31 00:00 (UTC-10:00 to UTC+14:00)'
        """
        verb = "go forward" if self.kind == "gap" else "go back"
        offsets = (
            f"(UTC{_format_offset(self.offset_before)} to UTC{_format_offset(self.offset_after)})"
        )
        before, after = self.local_before, self.local_after
        if before.date() != after.date():
            # A jump across midnight (a whole day at Apia in 2011): the times
            # alone would read "from 00:00 to 00:00", so both readings get a date.
            return f"clocks {verb} from {before:%Y-%m-%d %H:%M} to {after:%Y-%m-%d %H:%M} {offsets}"
        return f"on {before:%Y-%m-%d} clocks {verb} from {before:%H:%M} to {after:%H:%M} {offsets}"


def _format_offset(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return text + (f":{seconds:02d}" if seconds else "")


def _offset(tz: tzinfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(tz).utcoffset()
    assert offset is not None
    return offset


def _bisect_change(tz: tzinfo, low: datetime, high: datetime) -> datetime:
    """The first second in ``(low, high]`` whose offset differs from ``low``'s."""
    before = _offset(tz, low)
    while high - low > _ONE_SECOND:
        middle = low + (high - low) // 2
        middle -= timedelta(microseconds=middle.microsecond)
        if middle <= low:
            middle = low + _ONE_SECOND
        if _offset(tz, middle) == before:
            low = middle
        else:
            high = middle
    return high


def _iter_transitions(tz: tzinfo, start: datetime, end: datetime) -> Iterator[Transition]:
    # Begin one second early so that a change exactly at ``start`` is seen.
    cursor = start - _ONE_SECOND
    current = _offset(tz, cursor)
    while cursor < end:
        step_end = min(cursor + _SCAN_STEP, end)
        probe = _offset(tz, step_end)
        if probe == current:
            cursor = step_end
            continue
        at = _bisect_change(tz, cursor, step_end)
        after = _offset(tz, at)
        if at < end:
            yield Transition(at=at, offset_before=current, offset_after=after)
        cursor, current = at, after


def transitions(zone: ZoneLike, start: datetime, end: datetime) -> tuple[Transition, ...]:
    """Every change of a zone's UTC offset in ``[start, end)``, exact to the second.

    Args:
        zone: The zone (key or ``ZoneInfo``).
        start: Aware start of the range (inclusive).
        end: Aware end of the range (exclusive).

    Returns:
        The transitions in time order (empty for a zone without changes then).

    Raises:
        UnknownTimeZoneError: For a bad zone.
        NaiveDatetimeError: For a naive ``start`` or ``end``.
        ValidationError: When ``end`` is before ``start``.

    >>> for t in transitions("Europe/Berlin", datetime(2026, 1, 1, tzinfo=UTC),
    ...                      datetime(2027, 1, 1, tzinfo=UTC)):
    ...     print(t.at.isoformat(), t.kind)
    2026-03-29T01:00:00+00:00 gap
    2026-10-25T01:00:00+00:00 fold
    >>> transitions("Europe/Moscow", datetime(2026, 1, 1, tzinfo=UTC),
    ...             datetime(2027, 1, 1, tzinfo=UTC))
    ()
    """
    tz = _zone_info(zone)
    start = require_aware(start, "start")
    end = require_aware(end, "end")
    if end < start:
        raise ValidationError("end", end, f"must not be before start {start.isoformat()}")
    return _cached_transitions(tz, start, end)


@lru_cache(maxsize=4096)
def _cached_transitions(
    tz: zoneinfo.ZoneInfo, start: datetime, end: datetime
) -> tuple[Transition, ...]:
    return tuple(_iter_transitions(tz, start, end))


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
    return require_aware(instant, field).astimezone(_zone_info(zone))


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
    tz = _zone_info(zone)
    # A day's margin each side: no zone's offset reaches a day, so the instant
    # is computable; check_range below then decides.
    if not _EARLIEST_READING <= local < _LATEST_READING:
        _check_range(None, "local", local)
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
        return _check_range(instant_first, "local", local)
    instant_second = (local - offset_second).replace(tzinfo=UTC)
    if instant_first < instant_second:
        # Both readings exist: a fold. The first pass is instant_first, unless
        # the caller asked for the second one with fold=1 (PEP 495).
        if policy != "raise" and local.fold == 1:
            return _check_range(instant_second, "local", local)
        if policy == "raise":
            change = _bisect_change(tz, instant_first, instant_second)
            raise AmbiguousTimeError(
                "local",
                local,
                f"{local:%Y-%m-%d %H:%M} happens twice in {tz.key}: "
                + Transition(
                    at=change, offset_before=offset_first, offset_after=offset_second
                ).describe(),
            )
        return _check_range(instant_first, "local", local)
    # Neither reading exists: a gap. The transition lies in (instant_second, instant_first].
    if policy == "rfc5545":
        return _check_range(instant_first, "local", local)
    change = _bisect_change(tz, instant_second, instant_first)
    if policy == "raise":
        raise NonexistentTimeError(
            "local",
            local,
            f"{local:%Y-%m-%d %H:%M} does not exist in {tz.key}: "
            + Transition(
                at=change, offset_before=offset_first, offset_after=offset_second
            ).describe(),
        )
    return _check_range(change, "local", local)
