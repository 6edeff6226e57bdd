"""Scheduling's documents: availabilities, wall-clock busy ranges, and tagged unions of exceptions and windows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from ementoring.scheduling import (
    Availability,
    Busy,
    BusyLocal,
    RecurringWindow,
    ReplaceDate,
    SkipDate,
    WeeklyWindow,
)
from ementoring.serialization._encodings import tagged_union, zone_keyed
from ementoring.serialization._problems import BadValue


def _structure_reading(value: Any, _type: type) -> datetime:
    # A naive wall-clock reading, written without an offset: it is not an instant.
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
    raise BadValue("not a local date and time YYYY-MM-DDTHH:MM (without an offset)")


def register(conv: cattrs.Converter) -> None:
    """Scheduling's hooks: a zone-keyed availability, busy readings, the two tagged unions."""
    zone_keyed(conv, Availability)
    conv.register_unstructure_hook(
        BusyLocal, lambda busy: {"start": busy.start.isoformat(), "end": busy.end.isoformat()}
    )

    def structure_busy_local(value: Any, _type: type) -> BusyLocal:
        if not isinstance(value, Mapping):
            raise BadValue("expected a mapping")
        extra = set(value) - {"start", "end"}
        if extra:
            raise ForbiddenExtraKeysError("", BusyLocal, extra)
        return BusyLocal(
            _structure_reading(value.get("start"), datetime),
            _structure_reading(value.get("end"), datetime),
        )

    conv.register_structure_hook(BusyLocal, structure_busy_local)
    tagged_union(conv, (SkipDate, ReplaceDate, BusyLocal, Busy))
    tagged_union(conv, (WeeklyWindow, RecurringWindow))
