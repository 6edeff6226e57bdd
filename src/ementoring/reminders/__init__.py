"""Reminders: what is due for a pair and its coordinators, computed without side effects.

The app decides how and when to deliver them; this package says what is due
(:func:`reminders`, each with a stable ``key`` and typed ``params``) and writes
it for its reader (:func:`render`: English or Russian, on the reader's clock).
"""

from ementoring.reminders._params import (
    ActionItemParams,
    NoSessionParams,
    PaceParams,
    Params,
    ReviewParams,
    SessionParams,
)
from ementoring.reminders._reminders import (
    MAX_AGE,
    PARAMS,
    REVIEW_AFTER,
    Reminder,
    ReminderKind,
    reminders,
)
from ementoring.reminders._render import render

__all__ = [
    "MAX_AGE",
    "PARAMS",
    "REVIEW_AFTER",
    "ActionItemParams",
    "NoSessionParams",
    "PaceParams",
    "Params",
    "Reminder",
    "ReminderKind",
    "ReviewParams",
    "SessionParams",
    "reminders",
    "render",
]
