"""One person as messages and calendars show them: a name, an address, a clock and a language."""

from __future__ import annotations

import re
from typing import Any

import attrs

from ementoring._languages import check_locale
from ementoring._validate import require_identifier, require_text
from ementoring.errors import ValidationError
from ementoring.timezones import ZoneLike, optional_zone_key, zone_key

__all__ = ["Person"]

# A practical address: no spaces, quotes, brackets or separators that a
# calendar's CAL-ADDRESS (a mailto: URI written unescaped) would misread.
_EMAIL = re.compile(r"[^@\s\"<>\\,;:()\[\]]+@[^@\s\"<>\\,;:()\[\]]+")


def _id(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    require_identifier(value, field.name)
    require_text(value, field.name, max_length=200, lines=False)


def _name(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    require_text(value, field.name, max_length=200, lines=False)
    if not value.strip():
        raise ValidationError(field.name, value, "must not be blank (give None instead)")


def _email(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    require_text(value, field.name, max_length=254, lines=False)
    if not _EMAIL.fullmatch(value):
        raise ValidationError(
            field.name, value, "expected an e-mail address such as 'ivan@example.org'"
        )


def _locale(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    check_locale(value, field.name)


@attrs.frozen(kw_only=True)
class Person:
    """One person of a program, as every message, invite and feed shows them.

    The library knows people by id; this entry says how to show one: by name,
    at an address, on their clock, in their language. Build a
    :class:`~ementoring.people.Directory` of them and hand it to
    :func:`~ementoring.display.on_each_clock`, :func:`~ementoring.calendar.invite`
    and :func:`~ementoring.calendar.feed`. It is stored with
    :func:`~ementoring.serialization.to_data` like every model.

    Args:
        id: The person's id, as in sessions and mentorships.
        name: How they are named (an invite's ``CN``), or ``None``: then by id.
        email: Their address, or ``None`` (an invite needs one for everyone in it).
        zone: Their IANA zone, or ``None``: then each reader falls back on the
            program's or the event's clock.
        locale: The language they read, one of :data:`~ementoring.display.LOCALES`
            (``"en"``, ``"ru"``). Checked without Babel: writing a language
            other than English then raises ``MissingExtraError``, as
            :mod:`ementoring.display` does.

    Raises:
        ValidationError: A field that cannot be shown in a message or a
            calendar (control characters, a line break in a name, a malformed
            address, an unknown language), naming it.
        UnknownTimeZoneError: For a bad zone.

    >>> natalia = Person(id="natalia", name="Natalia Smirnova", email="natalia@example.org",
    ...                  zone="Europe/Moscow", locale="ru")
    >>> natalia.display_name, natalia.clock("America/Toronto")
    ('Natalia Smirnova', 'Europe/Moscow')
    >>> Person(id="dana").clock("Asia/Jerusalem"), Person(id="dana").display_name
    ('Asia/Jerusalem', 'dana')
    >>> Person(id="ivan", locale="de")
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: locale: must be one of en, ru (got 'de')
    """

    id: str = attrs.field(validator=_id)
    name: str | None = attrs.field(default=None, validator=_name)
    email: str | None = attrs.field(default=None, validator=_email)
    zone: str | None = attrs.field(default=None, converter=optional_zone_key)
    locale: str = attrs.field(default="en", validator=_locale)

    @property
    def display_name(self) -> str:
        """The name to show: ``name``, or the id when there is none."""
        return self.name if self.name is not None else self.id

    def clock(self, default: ZoneLike) -> str:
        """The zone key of the clock they read: their own ``zone``, else ``default``.

        Args:
            default: The clock for a person without a zone (the program's, the event's).

        Raises:
            UnknownTimeZoneError: ``default`` is needed and is not a time zone.

        >>> Person(id="olga", zone="America/Toronto").clock("UTC")
        'America/Toronto'
        """
        return self.zone if self.zone is not None else zone_key(default, "default")
