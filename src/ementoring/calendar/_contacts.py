"""``Contact``, kept so that code written before the people directory keeps working."""

from __future__ import annotations

import warnings

from ementoring.errors import ValidationError
from ementoring.people import Person
from ementoring.timezones import ZoneLike

__all__ = ["Contact"]


def Contact(id: str, email: str, name: str | None = None, zone: ZoneLike | None = None) -> Person:
    """Deprecated: build a :class:`~ementoring.people.Person` instead (this returns one).

    ``Contact(id, email, name, zone)`` was how a participant appeared in a
    calendar; a directory entry now says it, with the person's language too, and
    is stored like every model. Upgrade with
    ``Person(id=id, email=email, name=name, zone=zone, locale=...)``.

    Args:
        id: The participant's id, as in sessions.
        email: Their address (required here, as it was).
        name: Their name, or ``None``.
        zone: Their zone, or ``None``.

    Returns:
        The same person as a :class:`~ementoring.people.Person`, in English.

    Raises:
        ValidationError: A field that is not usable in a calendar, naming it.
        UnknownTimeZoneError: For a bad zone.

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     Contact("ivan", "ivan@example.org", "Ivan Petrov", zone="Europe/Moscow")
    Person(id='ivan', name='Ivan Petrov', email='ivan@example.org', zone='Europe/Moscow', locale='en')
    """
    warnings.warn(
        "ementoring.calendar.Contact is deprecated: use ementoring.people.Person"
        "(id=..., email=..., name=..., zone=..., locale=...)",
        DeprecationWarning,
        stacklevel=2,
    )
    if email is None:
        raise ValidationError(
            "email", email, "expected an e-mail address such as 'ivan@example.org'"
        )
    return Person(id=id, email=email, name=name, zone=zone)
