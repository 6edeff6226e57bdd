"""What every part of a pair's journey shares: the two sides of a pair, and who is in it."""

from __future__ import annotations

from typing import Any

from ementoring._validate import Choice, coerce_enum, require_identifier
from ementoring.errors import ValidationError

__all__ = ["Side", "side_of", "side_value"]


class Side(Choice):
    """One side of a pair."""

    MENTOR = "mentor"
    MENTEE = "mentee"


def side_value(value: Any, field: str = "side") -> Side:
    """A :class:`Side` from itself or its value, naming ``field`` if neither."""
    return coerce_enum(Side, value, field)


def side_of(person: Any, mentor_id: str, mentee_id: str, field: str) -> Side:
    """The side ``person`` is on in the pair, or a ``ValidationError`` naming ``field``."""
    person = require_identifier(person, field)
    if person == mentor_id:
        return Side.MENTOR
    if person == mentee_id:
        return Side.MENTEE
    raise ValidationError(field, person, f"is neither the mentor {mentor_id!r} nor the mentee")
