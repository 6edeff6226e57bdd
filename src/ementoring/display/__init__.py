"""Times, durations and counts as words, in a language, on each reader's own clock.

Dates, times, weekday and month names, time-zone names, numbers and plural rules
come from CLDR through Babel (``pip install 'ementoring[i18n]'``). Without Babel,
English still works, from the library's own tables: the same words, except that a
clock is named by the last part of its IANA key ("Toronto time") rather than by
CLDR's exemplar city; any other language then raises
:class:`~ementoring.errors.MissingExtraError` naming the extra. docs/messages.md
tells how to add a language.

It reads people from :mod:`ementoring.people` (a reader's clock and language,
each participant's name and zone) and imports nothing else of ours but the
kernel, so any other package may use it.
"""

from ementoring.display._clocks import (
    SESSION_CHANGES,
    SessionChange,
    interval_text,
    local_time_text,
    on_each_clock,
    session_change_text,
)
from ementoring.display._display import MAX_COUNT, count_text, duration_text, list_text
from ementoring.display._words import LOCALES, UNITS, Unit

__all__ = [
    "LOCALES",
    "MAX_COUNT",
    "SESSION_CHANGES",
    "UNITS",
    "SessionChange",
    "Unit",
    "count_text",
    "duration_text",
    "interval_text",
    "list_text",
    "local_time_text",
    "on_each_clock",
    "session_change_text",
]
