"""Many wall-clock readings of one zone turned into instants at once, exactly as ``to_instant`` does.

``to_instant`` is exact, and slow when called for every occurrence of a year, so
:class:`LocalClock` learns the zone's transitions over a range once
(``transitions``, cached) and converts every reading that no transition can
affect with its segment's constant offset: a reading outside every gap and fold
has exactly one instant, ``reading - offset``. Readings inside a gap or a fold,
or outside the range, go to ``to_instant`` with the clock's policy.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable
from datetime import datetime, timedelta

from ementoring._microseconds import local_from_us, local_us, timedelta_us, us
from ementoring.errors import (
    AmbiguousTimeError,
    EmentoringError,
    InvalidTypeError,
    NonexistentTimeError,
    ValidationError,
)
from ementoring.timezones import _zones
from ementoring.timezones._convert import (
    EARLIEST_READING,
    LATEST_READING,
    POLICIES,
    Policy,
    to_instant,
)
from ementoring.timezones._transitions import transitions
from ementoring.timezones._zones import EARLIEST, LATEST, ZoneLike, check_range, require_aware

__all__ = ["LocalClock"]

# Callers ask about readings a little outside [low, high]: an occurrence may
# start up to two days before the range and lasts under 48 hours, and offsets
# add at most 26 hours more. Readings beyond the margins still convert, exactly.
_MARGIN_BEFORE = timedelta(days=5)
_MARGIN_AFTER = timedelta(days=6)
_LAST_INSTANT = LATEST - timedelta(microseconds=1)
_FIRST_READING_US = local_us(EARLIEST_READING)
_END_READING_US = local_us(LATEST_READING)
_A_READING = "a reading in whole microseconds since 1970-01-01 00:00"


class LocalClock:
    """One zone's wall-clock readings turned into instants, fast, over a range of time.

    Readings and instants are whole microseconds: a reading counts from
    1970-01-01 00:00 on the zone's clock, an instant from 1970-01-01 00:00 UTC.
    Every answer is exactly ``to_instant(reading, zone, policy=policy)``'s
    (:func:`to_instant`): readings near ``[low, high]`` that no clock change
    touches take their segment's constant offset, and any other goes the exact way.

    Args:
        zone: The zone whose clock the readings are on (key or ``ZoneInfo``).
        policy: How readings in DST gaps and folds become instants, one of :data:`POLICIES`.
        low: The aware start of the range of interest.
        high: Its aware end, not before ``low``.

    Raises:
        UnknownTimeZoneError: For a bad zone.
        ValidationError: An unknown ``policy``; ``low`` or ``high`` naive or
            outside the supported range, or ``high`` before ``low``.

    >>> from datetime import UTC, datetime, timedelta
    >>> clock = LocalClock("America/Toronto", "wall_clock",
    ...                    datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    >>> micro = timedelta(microseconds=1)
    >>> skipped = (datetime(2026, 3, 8, 2, 30) - datetime(1970, 1, 1)) // micro
    >>> clock.exists(skipped)
    False
    >>> datetime(1970, 1, 1, tzinfo=UTC) + clock.instant(skipped) * micro
    datetime.datetime(2026, 3, 8, 7, 0, tzinfo=datetime.timezone.utc)
    """

    __slots__ = ("_ends", "_key", "_offsets", "_policy", "_readings", "_slow_everywhere", "_starts")

    def __init__(self, zone: ZoneLike, policy: Policy, low: datetime, high: datetime) -> None:
        self._key = _zones.zone_key(zone, "zone")
        if policy not in POLICIES:
            raise ValidationError("policy", policy, f"must be one of {', '.join(POLICIES)}")
        self._policy: Policy = policy
        low, high = require_aware(low, "low"), require_aware(high, "high")
        if high < low:
            raise ValidationError("high", high, f"must not be before low {low.isoformat()}")
        start = max(low - _MARGIN_BEFORE, EARLIEST)
        end = min(high + _MARGIN_AFTER, _LAST_INSTANT)
        first = start.astimezone(_zones.zone(self._key)).utcoffset()
        assert first is not None  # a ZoneInfo always has an offset
        offsets = [timedelta_us(first)]
        lows: list[int] = []
        highs: list[int] = []
        for change in transitions(self._key, start, end):
            before, after = local_us(change.local_before), local_us(change.local_after)
            # Gap: readings [before, after) never happen. Fold: [after, before) happen twice.
            lows.append(min(before, after))
            highs.append(max(before, after))
            offsets.append(timedelta_us(change.offset_after))
        # Gaps and folds are ordered and disjoint in every real zone; if one day
        # they are not, convert everything the exact way rather than guess.
        self._slow_everywhere = any(lows[i] < highs[i - 1] for i in range(1, len(lows)))
        # Outside the range the transitions are unknown: readings there go the exact way.
        self._readings = (us(start) + offsets[0], us(end) + offsets[-1])
        # The stretches of readings with one offset each: offsets[k] holds in
        # [starts[k], ends[k]). The first, empty, stretch begins below every
        # number, so bisecting a reading always lands on a stretch.
        self._starts: list[float] = [-math.inf, self._readings[0], *highs]
        self._ends: list[float] = [-math.inf, *lows, self._readings[1]]
        self._offsets = [0, *offsets]

    @property
    def readings(self) -> tuple[int, int]:
        """The readings this clock converts with known offsets: ``[first, last)``."""
        return self._readings

    def _exact(self, reading: int, policy: Policy) -> int:
        if not _FIRST_READING_US <= reading < _END_READING_US:
            check_range(None, "reading", reading)  # raises: no instant has such a reading
        return us(to_instant(local_from_us(reading), self._key, policy=policy))

    def instant(self, reading: int) -> int:
        """The instant of a reading, under the clock's policy.

        Raises:
            InvalidTypeError: ``reading`` is not a number.
            ValidationError: ``reading`` lies outside the supported range, or
                (under the ``"raise"`` policy) in a gap or a fold.
        """
        try:
            index = bisect_right(self._starts, reading) - 1
            # "not <" rather than ">=", so that NaN goes the exact way (and is refused).
            known = not self._slow_everywhere and reading < self._ends[index]
        except TypeError:
            raise InvalidTypeError("reading", reading, _A_READING) from None
        return reading - self._offsets[index] if known else self._exact(reading, self._policy)

    def exists(self, reading: int) -> bool:
        """Whether the clock shows this reading at least once (no gap skips it).

        Raises:
            InvalidTypeError: ``reading`` is not a number.
            ValidationError: ``reading`` lies outside the supported range.
        """
        try:
            index = bisect_right(self._starts, reading) - 1
            known = not self._slow_everywhere and reading < self._ends[index]
        except TypeError:
            raise InvalidTypeError("reading", reading, _A_READING) from None
        if known:
            return True
        if not self._slow_everywhere and 0 < index < len(self._offsets) - 1:
            # Between stretch index and the next: a gap if the clock jumped forward.
            return not self._offsets[index + 1] > self._offsets[index]
        try:
            self._exact(reading, "raise")
        except NonexistentTimeError:
            return False
        except AmbiguousTimeError:
            return True
        return True

    def convert(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """The instants ``(start, end)`` of reading spans, in order, dropping the empty ones.

        Raises:
            InvalidTypeError: ``spans`` is not a collection of ``(start, end)`` numbers.
            ValidationError: A reading lies outside the supported range, or
                (under the ``"raise"`` policy) in a gap or a fold.
        """
        try:
            return self._convert(spans if isinstance(spans, list) else list(spans))
        except EmentoringError:
            raise
        except (TypeError, ValueError):
            raise InvalidTypeError("spans", spans, "(start, end) pairs of readings") from None

    def _convert(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        policy = self._policy
        exact = self._exact
        if self._slow_everywhere:
            pairs = [(exact(a, policy), exact(b, policy)) for a, b in spans]
            return [(a, b) for a, b in pairs if a < b]
        starts, ends, offsets = self._starts, self._ends, self._offsets
        if len(starts) == 2:
            # No clock change anywhere near: one offset for every known reading.
            first, last = self._readings
            offset = offsets[1]
            found = [(a - offset, b - offset) for a, b in spans if first <= a < b < last]
            if len(found) == len(spans):
                return found
        result: list[tuple[int, int]] = []
        append = result.append
        for local_start, local_end in spans:
            index = bisect_right(starts, local_start) - 1
            if local_start < ends[index]:
                start = local_start - offsets[index]
            else:
                start = exact(local_start, policy)
            index = bisect_right(starts, local_end) - 1
            if local_end < ends[index]:
                end = local_end - offsets[index]
            else:
                end = exact(local_end, policy)
            if start < end:
                append((start, end))
        return result
