"""Hypothesis strategies for property-testing your own rules on top of ementoring.

Every strategy takes keyword-only options, validates them eagerly (a wrong type
raises :class:`~ementoring.errors.InvalidTypeError`, a bad value
:class:`~ementoring.errors.ValidationError`; counts such as ``max_entries`` go up
to :data:`MAX_COUNT`), and generates only valid objects. They are registered with
Hypothesis through its entry point, so ``st.from_type(Availability)`` works once
ementoring is installed; each strategy is built when Hypothesis first asks for
it (docs/testing.md says what the entry point adds to ``import hypothesis``).

>>> from hypothesis import given
>>> from ementoring.testing import instants, zones
>>> from ementoring.timezones import to_instant, to_local
>>> @given(zones(), instants(around_transitions=True))
... def test_round_trip(key, instant):
...     local = to_local(instant, key).replace(tzinfo=None)
...     assert to_instant(local, key, policy="wall_clock") == instant
>>> test_round_trip()

Install with the ``testing`` extra (``pip install 'ementoring[testing]'``); without
Hypothesis, importing this module raises :class:`~ementoring.errors.MissingExtraError`.
"""

from __future__ import annotations

from ementoring.errors import MissingExtraError

# Before any strategy module: without Hypothesis, the error names the extra to install.
try:
    import hypothesis  # noqa: F401
except ImportError as missing:  # pragma: no cover - tested in a subprocess without Hypothesis
    raise MissingExtraError("testing", "hypothesis", "ementoring.testing") from missing

from ementoring.testing._accounting import ledgers, mentorships, programs, sessions
from ementoring.testing._journal import TOPICS, journal_entries, journals
from ementoring.testing._journey import feedback_plans, goals, offers, responses
from ementoring.testing._matching import matching_problems, mentees, mentors
from ementoring.testing._models import models
from ementoring.testing._options import MAX_COUNT
from ementoring.testing._people import directories, persons
from ementoring.testing._reminders import reminders
from ementoring.testing._scheduling import (
    availabilities,
    interval_sets,
    intervals,
    weekly_windows,
    weeks_near_transitions,
)
from ementoring.testing._timezones import STORY_ZONES, instants, zones

__all__ = [
    "MAX_COUNT",
    "STORY_ZONES",
    "TOPICS",
    "availabilities",
    "directories",
    "feedback_plans",
    "goals",
    "instants",
    "interval_sets",
    "intervals",
    "journal_entries",
    "journals",
    "ledgers",
    "matching_problems",
    "mentees",
    "mentors",
    "mentorships",
    "models",
    "offers",
    "persons",
    "programs",
    "reminders",
    "responses",
    "sessions",
    "weekly_windows",
    "weeks_near_transitions",
    "zones",
]
