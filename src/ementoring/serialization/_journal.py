"""The journal's documents: a topic is its label."""

from __future__ import annotations

from typing import Any

from ementoring.journal import Topic
from ementoring.serialization._problems import _BadValue


def _structure_topic(value: Any, _type: type) -> Topic:
    if not isinstance(value, str):
        raise _BadValue("not a topic label")
    return Topic(value)
