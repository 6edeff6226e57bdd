"""The time-zone kernel: zones, aware instants and the one wall-clock conversion.

Every other module goes through this package: it is the only place that
decides whether a zone key is valid, whether a datetime is aware, and what
instant a local wall-clock time means across DST gaps and folds.

Instants are aware ``datetime`` objects in UTC. Wall-clock times are naive
``datetime`` objects read on a given zone's clock, and become instants only
through :func:`to_instant` (or, for many readings at once, :class:`LocalClock`,
which gives the same answers):

>>> from datetime import datetime
>>> to_instant(datetime(2026, 3, 8, 2, 30), "America/Toronto", policy="wall_clock")
datetime.datetime(2026, 3, 8, 7, 0, tzinfo=datetime.timezone.utc)

Do interval arithmetic in UTC: Python subtracts two aware datetimes that share
one ``ZoneInfo`` object by their wall-clock readings, so Saturday noon to Sunday
noon across spring-forward reads 24 hours instead of 23.
"""

from ementoring.timezones._clock import LocalClock
from ementoring.timezones._convert import POLICIES, Policy, to_instant, to_local
from ementoring.timezones._transitions import Transition, transitions
from ementoring.timezones._zones import (
    EARLIEST,
    LATEST,
    MAX_DURATION,
    MAX_ZONE_KEY_LENGTH,
    MAX_ZONE_KEY_PARTS,
    UTC,
    ZONE_KEY_PATTERN,
    ZoneLike,
    is_aware,
    optional_zone_key,
    require_aware,
    zone,
    zone_key,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "MAX_DURATION",
    "MAX_ZONE_KEY_LENGTH",
    "MAX_ZONE_KEY_PARTS",
    "POLICIES",
    "UTC",
    "ZONE_KEY_PATTERN",
    "LocalClock",
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
