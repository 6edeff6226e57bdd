"""Zones and instants: the tricky zones first, and the hours around clock changes."""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cache

from hypothesis import strategies as st

from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.testing._options import check_flag, check_optional_zone
from ementoring.timezones import require_aware, transitions, zone

STORY_ZONES: tuple[str, ...] = (
    "America/Toronto",
    "Europe/Moscow",
    "Asia/Jerusalem",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "America/Santiago",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Pacific/Apia",
    "UTC",
)
"""Zones with the cases that break schedulers: both hemispheres' DST, Israel's Friday change,
half-hour and 45-minute offsets, Lord Howe's 30-minute DST, the dateline, no DST at all."""

DEFAULT_MIN = datetime(2000, 1, 1, tzinfo=UTC)
DEFAULT_MAX = datetime(2040, 1, 1, tzinfo=UTC)


@cache
def _all_zone_keys() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def zones(*, keys: Sequence[str] | None = None, story_only: bool = False) -> st.SearchStrategy[str]:
    """IANA zone keys: the story's tricky zones first (so failures shrink to them), then all.

    Args:
        keys: Draw only from these keys (each validated now).
        story_only: Draw only from :data:`STORY_ZONES`.

    Raises:
        UnknownTimeZoneError: A key in ``keys`` is not a zone.
        ValidationError: ``keys`` is empty, or an option has the wrong type.

    >>> from hypothesis import given
    >>> @given(zones(keys=["Asia/Kolkata", "Asia/Kathmandu"]))
    ... def test_offsets_are_fractional(key):
    ...     assert key in ("Asia/Kolkata", "Asia/Kathmandu")
    >>> test_offsets_are_fractional()
    """
    check_flag(story_only, "story_only")
    if keys is not None:
        if isinstance(keys, str) or not isinstance(keys, Sequence):
            raise InvalidTypeError("keys", keys, "a list of IANA zone keys")
        chosen = tuple(keys)
        if not chosen:
            raise ValidationError("keys", keys, "must name at least one zone")
        for index, key in enumerate(chosen):
            zone(key, field=f"keys[{index}]")
        return st.sampled_from(chosen)
    if story_only:
        return st.sampled_from(STORY_ZONES)
    return st.sampled_from(STORY_ZONES) | st.sampled_from(_all_zone_keys())


def instants(
    *,
    min_value: datetime = DEFAULT_MIN,
    max_value: datetime = DEFAULT_MAX,
    around_transitions: bool = True,
    zone_key: str | None = None,
) -> st.SearchStrategy[datetime]:
    """Aware UTC instants, often within a day of a DST transition.

    Args:
        min_value: Earliest instant (aware).
        max_value: Latest instant (aware), after ``min_value``.
        around_transitions: Draw about half the instants within a day of a
            transition of ``zone_key`` (or of one of :data:`STORY_ZONES`).
        zone_key: The zone whose transitions to aim at.

    Raises:
        NaiveDatetimeError: For a naive bound.
        ValidationError: When ``max_value`` is not after ``min_value``.

    >>> from hypothesis import given
    >>> @given(instants(zone_key="Europe/Berlin"))
    ... def test_instants_are_utc(instant):
    ...     assert instant.tzinfo is UTC
    >>> test_instants_are_utc()
    """
    low = require_aware(min_value, "min_value")
    high = require_aware(max_value, "max_value")
    if not low < high:
        raise ValidationError("max_value", max_value, "must be after min_value")
    check_flag(around_transitions, "around_transitions")
    check_optional_zone(zone_key, "zone_key")
    plain = st.datetimes(
        min_value=low.replace(tzinfo=None), max_value=high.replace(tzinfo=None)
    ).map(lambda naive: naive.replace(tzinfo=UTC))
    if not around_transitions:
        return plain
    keys = st.just(zone_key) if zone_key is not None else st.sampled_from(STORY_ZONES)

    @st.composite
    def near_a_transition(draw: st.DrawFn) -> datetime:
        key = draw(keys)
        year = draw(st.integers(low.year, high.year))
        start = max(low, datetime(year, 1, 1, tzinfo=UTC))
        end = min(high, datetime(year + 1, 1, 1, tzinfo=UTC))
        found = transitions(key, start, end) if start < end else ()
        if not found:
            return draw(plain)
        at = draw(st.sampled_from(found)).at
        instant = at + timedelta(seconds=draw(st.integers(-86_400, 86_400)))
        return min(max(instant, low), high)

    return st.one_of(near_a_transition(), plain)


def minutes_after(start: datetime, *, days: int) -> st.SearchStrategy[datetime]:
    return st.integers(0, days * 24 * 60).map(lambda m: start + timedelta(minutes=m))
