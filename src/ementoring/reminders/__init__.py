"""Reminders: what is due for the people of a program, computed without side effects.

The app decides how and when to deliver them; this package says what is due
(:func:`reminders`, each with a stable ``key`` and typed ``params``) and writes
it for its reader (:func:`render`: from the people directory, in the reader's
language, on the reader's clock).
"""

from ementoring.reminders._params import (
    ActionItemParams,
    ChangeParams,
    NoSessionParams,
    PaceParams,
    Params,
    ReplyParams,
    ReviewParams,
    SessionParams,
    SurveyParams,
)
from ementoring.reminders._reminder import JOURNAL_SUBJECTS, PARAMS, Reminder, ReminderKind
from ementoring.reminders._reminders import MAX_AGE, REPLY_LEAD, REVIEW_AFTER, reminders
from ementoring.reminders._render import render

__all__ = [
    "JOURNAL_SUBJECTS",
    "MAX_AGE",
    "PARAMS",
    "REPLY_LEAD",
    "REVIEW_AFTER",
    "ActionItemParams",
    "ChangeParams",
    "NoSessionParams",
    "PaceParams",
    "Params",
    "Reminder",
    "ReminderKind",
    "ReplyParams",
    "ReviewParams",
    "SessionParams",
    "SurveyParams",
    "reminders",
    "render",
]
