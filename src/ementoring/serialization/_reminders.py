"""Reminders' documents: a reminder's facts are a tagged union of the params classes."""

from __future__ import annotations

import cattrs

from ementoring.reminders import (
    ActionItemParams,
    NoSessionParams,
    PaceParams,
    ReviewParams,
    SessionParams,
)
from ementoring.serialization._encodings import tagged_union


def register(conv: cattrs.Converter) -> None:
    """A reminder's ``params`` carry their ``kind`` (``"session_params"``...), like other unions."""
    tagged_union(conv, (SessionParams, NoSessionParams, PaceParams, ReviewParams, ActionItemParams))
