"""Reminders: what is due for a pair and its coordinators, computed without side effects.

The app decides how and when to deliver them; this package only says what is due.
"""

from ementoring.reminders._reminders import REVIEW_AFTER, Reminder, ReminderKind, reminders

__all__ = ["REVIEW_AFTER", "Reminder", "ReminderKind", "reminders"]
