"""Where the words come from: CLDR through Babel, or plain English tables without it.

Two back-ends give one small interface (``Words``). With Babel installed every
language uses CLDR's names, numbers, zone names and plural rules. Without it only
English is available, written from the library's English table (``ementoring._words``),
which repeats CLDR's English exactly (tests/display checks it against Babel) except
for one thing: a clock is named by the last part of its IANA key instead of CLDR's
exemplar city.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Literal, Protocol, TypeAlias

from ementoring import _languages
from ementoring._languages import LANGUAGES, Language, resolve
from ementoring._words import plural, plural_category, short_date

__all__ = ["LOCALES", "UNITS", "Unit", "Words", "words"]

Unit: TypeAlias = Literal["day", "hour", "minute", "session"]
"""What :func:`~ementoring.display.count_text` counts."""

UNITS: tuple[Unit, ...] = ("day", "hour", "minute", "session")
"""Every :data:`Unit`, as accepted by :func:`~ementoring.display.count_text`."""

LOCALES: tuple[str, ...] = _languages.LOCALES
"""The languages text can be written in, as passed to ``locale=``: ``("en", "ru")``."""


# CLDR has units for these; "session" comes from the language module's own forms.
_CLDR_UNITS: dict[str, str] = {
    "day": "duration-day",
    "hour": "duration-hour",
    "minute": "duration-minute",
}
# CLDR territories that are not a place: unknown (Etc/GMT+3, UTC) and "world" (EST5EDT).
_NO_PLACE = frozenset({None, "ZZ", "001"})


class Words(Protocol):
    language: Language

    def date_time(self, local: datetime) -> str: ...

    def time(self, local: datetime) -> str: ...

    def clock(self, key: str, local: datetime) -> tuple[Literal["place", "offset"], str]: ...

    def count(self, count: int, unit: Unit) -> str: ...

    def units(self, parts: Sequence[str]) -> str: ...

    def listing(self, items: Sequence[str]) -> str: ...


def words(locale: object, feature: str = "ementoring.display") -> Words:
    """The words of a language: CLDR's when Babel is installed, else plain English.

    Raises:
        InvalidTypeError: ``locale`` is not a string.
        ValidationError: ``locale`` is not one of :data:`LOCALES`.
        MissingExtraError: A language other than English without Babel.
    """
    language, cldr = resolve(locale, feature)
    return _cldr(language.code) if cldr else _PLAIN_ENGLISH


class _Cldr:
    """One language's words from CLDR, through Babel (imported only when asked for)."""

    def __init__(self, language: Language) -> None:
        from babel import Locale, core, dates, lists, numbers, units

        self.language = language
        self._locale = Locale.parse(language.cldr)
        self._dates: Any = dates
        self._lists: Any = lists
        self._numbers: Any = numbers
        self._units: Any = units
        self._aliases: Mapping[str, str] = core.get_global("zone_aliases")
        self._territories: Mapping[str, str] = core.get_global("zone_territories")

    def date_time(self, local: datetime) -> str:
        return str(self._dates.format_datetime(local, self.language.date_time, locale=self._locale))

    def time(self, local: datetime) -> str:
        return str(self._dates.format_datetime(local, self.language.time, locale=self._locale))

    def clock(self, key: str, local: datetime) -> tuple[Literal["place", "offset"], str]:
        territory = self._territories.get(self._aliases.get(key, key))
        if territory in _NO_PLACE:
            return "offset", str(
                self._dates.get_timezone_gmt(local, "long", locale=self._locale, utc=True)
            )
        city = self._dates.get_timezone_location(local.tzinfo, self._locale, return_city=True)
        return "place", str(city)

    def count(self, count: int, unit: Unit) -> str:
        if unit in _CLDR_UNITS:
            return str(
                self._units.format_unit(
                    count, _CLDR_UNITS[unit], length="long", locale=self._locale
                )
            )
        forms = self.language.counted[unit]
        form = forms.get(self._locale.plural_form(count), forms["other"])
        return form.format(count=self._numbers.format_decimal(count, locale=self._locale))

    def units(self, parts: Sequence[str]) -> str:
        return str(self._lists.format_list(list(parts), style="unit-narrow", locale=self._locale))

    def listing(self, items: Sequence[str]) -> str:
        return str(self._lists.format_list(list(items), locale=self._locale))


@cache
def _cldr(code: str) -> _Cldr:
    return _Cldr(LANGUAGES[code])


class _PlainEnglish:
    """English without Babel: ``en.py``'s patterns written out by hand."""

    language = LANGUAGES["en"]

    def date_time(self, local: datetime) -> str:  # "EEE d MMM, HH:mm"
        return f"{short_date(local)}, {local:%H:%M}"

    def time(self, local: datetime) -> str:  # "HH:mm"
        return f"{local:%H:%M}"

    def clock(self, key: str, local: datetime) -> tuple[Literal["place", "offset"], str]:
        if "/" in key and not key.startswith("Etc/"):
            return "place", key.rpartition("/")[2].replace("_", " ")
        return "offset", _utc_offset(local.utcoffset() or timedelta(0))

    def count(self, count: int, unit: Unit) -> str:
        if unit in _CLDR_UNITS:
            return f"{count:,} {plural(count, unit)}"
        form = self.language.counted[unit][plural_category(count)]
        return form.format(count=f"{count:,}")

    def units(self, parts: Sequence[str]) -> str:
        return " ".join(parts)

    def listing(self, items: Sequence[str]) -> str:  # CLDR's English: "A, B, and C"
        if len(items) < 3:
            return " and ".join(items)
        return ", ".join(items[:-1]) + f", and {items[-1]}"


def _utc_offset(offset: timedelta) -> str:
    # CLDR's "UTC{0}" with "+HH:mm", seconds dropped, as Babel writes it.
    seconds = offset // timedelta(seconds=1)
    hours, rest = divmod(abs(seconds), 3600)
    return f"UTC{'-' if seconds < 0 else '+'}{hours:02d}:{rest // 60:02d}"


_PLAIN_ENGLISH = _PlainEnglish()
