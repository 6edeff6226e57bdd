"""Reminders' documents: a reminder's facts are a tagged union of the params classes."""

from __future__ import annotations

import cattrs

from ementoring.reminders import PARAMS
from ementoring.serialization._encodings import tagged_union

# Each params class once, in the order of the kinds that use it.
PARAMS_CLASSES: tuple[type, ...] = tuple(dict.fromkeys(PARAMS.values()))


def register(conv: cattrs.Converter) -> None:
    """A reminder's ``params`` carry their ``kind`` (``"session_params"``...), like other unions."""
    tagged_union(conv, PARAMS_CLASSES)
