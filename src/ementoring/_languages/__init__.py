"""The languages messages are written in: one module of plain data per language.

To add a language, copy ``en.py`` to ``<code>.py``, translate it, and add it to
``LANGUAGES`` below; docs/messages.md says what the tests then check.
"""

from __future__ import annotations

from collections.abc import Mapping

from ementoring._extras import require
from ementoring._languages import en, ru
from ementoring._languages._spec import (
    JOURNEY_PLACEHOLDERS,
    PLACEHOLDERS,
    SESSION_CHANGE_PLACEHOLDERS,
    Language,
)
from ementoring.errors import InvalidTypeError, MissingExtraError, ValidationError

__all__ = [
    "JOURNEY_PLACEHOLDERS",
    "LANGUAGES",
    "LOCALES",
    "PLACEHOLDERS",
    "SESSION_CHANGE_PLACEHOLDERS",
    "Language",
    "check_locale",
    "resolve",
]

LANGUAGES: Mapping[str, Language] = {module.LANGUAGE.code: module.LANGUAGE for module in (en, ru)}
"""Every language, by the tag passed as ``locale=``."""

LOCALES: tuple[str, ...] = tuple(sorted(LANGUAGES))
"""The languages text can be written in, as passed to ``locale=``."""


def check_locale(locale: object, field: str = "locale") -> str:
    """Return ``locale`` if it is a language of :data:`LOCALES`, else raise naming ``field``.

    Whether Babel is installed does not matter here: that is asked when text is
    written (see :func:`resolve`).

    Raises:
        InvalidTypeError: ``locale`` is not a string.
        ValidationError: ``locale`` is not one of :data:`LOCALES`.
    """
    if not isinstance(locale, str):
        raise InvalidTypeError(field, locale, f"a language tag, one of {', '.join(LOCALES)}")
    if locale not in LANGUAGES:
        raise ValidationError(field, locale, f"must be one of {', '.join(LOCALES)}")
    return locale


def resolve(locale: object, feature: str) -> tuple[Language, bool]:
    """The language of a ``locale=`` argument, and whether Babel (CLDR) is there to write it.

    Raises:
        InvalidTypeError: ``locale`` is not a string.
        ValidationError: ``locale`` is not one of :data:`LOCALES`.
        MissingExtraError: A language other than English without Babel: only
            English has the library's own tables to fall back on.
    """
    locale = check_locale(locale)
    try:
        require("babel", "i18n", f"{feature} (locale={locale!r})")
    except MissingExtraError:
        if locale == "en":
            return LANGUAGES[locale], False
        raise
    return LANGUAGES[locale], True
