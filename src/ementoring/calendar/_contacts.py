"""How a participant appears in a calendar: an address, a name and a clock.

The library knows people by id only; the caller supplies the rest here.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from ementoring._validate import identifier, require_text
from ementoring.errors import ValidationError
from ementoring.timezones import optional_zone_key

__all__ = ["Contact"]

# A practical address: no spaces, quotes, brackets or separators that a
# calendar's CAL-ADDRESS (a mailto: URI written unescaped) would misread.
_EMAIL = re.compile(r"[^@\s\"<>\\,;:()\[\]]+@[^@\s\"<>\\,;:()\[\]]+")


def _email(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    require_text(value, field.name, max_length=254, lines=False)
    if not _EMAIL.fullmatch(value):
        raise ValidationError(
            field.name, value, "expected an e-mail address such as 'ivan@example.org'"
        )


def _name(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    require_text(value, field.name, max_length=200, lines=False)
    if not value.strip():
        raise ValidationError(field.name, value, "must not be blank (give None instead)")


def _id(instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    identifier(instance, field, value)
    require_text(value, field.name, max_length=200, lines=False)


@attrs.frozen
class Contact:
    """How one participant appears in a calendar.

    Args:
        id: The participant's id, as in sessions.
        email: Their address (written as ``mailto:`` in ORGANIZER and ATTENDEE).
        name: Their name (the ``CN`` parameter), or ``None``.
        zone: Their IANA zone, or ``None``; invites say the time on this clock.

    Raises:
        ValidationError: A field that is not usable in a calendar, naming it.
        UnknownTimeZoneError: For a bad zone.

    >>> Contact("ivan", "ivan@example.org", "Ivan Petrov", zone="Europe/Moscow").zone
    'Europe/Moscow'
    >>> Contact("ivan", "not an address")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: email: expected an e-mail address such as 'ivan@example.org' (got 'not an address')
    """

    id: str = attrs.field(validator=_id)
    email: str = attrs.field(validator=_email)
    name: str | None = attrs.field(default=None, validator=_name)
    zone: str | None = attrs.field(default=None, converter=optional_zone_key)
