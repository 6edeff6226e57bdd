"""Times, durations and counts as words, in a language, on each reader's own clock.

Dates, times, weekday and month names, time-zone names, numbers and plural rules
come from CLDR through Babel (``pip install 'ementoring[i18n]'``). Without Babel,
English still works, from the library's own tables: the same words, except that a
clock is named by the last part of its IANA key ("Toronto time") rather than by
CLDR's exemplar city; any other language then raises
:class:`~ementoring.errors.MissingExtraError` naming the extra. docs/messages.md
tells how to add a language.

This package imports nothing of ours but ``timezones`` and ``errors`` (and the
language data), so any other package may use it.
"""

from ementoring.display._display import (
    MAX_COUNT,
    count_text,
    duration_text,
    local_time_text,
    on_each_clock,
)
from ementoring.display._words import LOCALES, UNITS, Unit

__all__ = [
    "LOCALES",
    "MAX_COUNT",
    "UNITS",
    "Unit",
    "count_text",
    "duration_text",
    "local_time_text",
    "on_each_clock",
]
