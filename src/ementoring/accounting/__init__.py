"""Programs, mentorships, sessions, the hour ledger, progress and pace.

Everything here is immutable: each operation returns a new object, and a
failed one raises a typed error from :mod:`ementoring.errors` and changes
nothing. See ``docs/accounting.md``.
"""

from ementoring.accounting._cohort_report import CohortReport, cohort_report
from ementoring.accounting._hour_entries import (
    MAX_ENTRY_DURATION,
    MEETING_SLACK,
    EntryKind,
    HourEntry,
    entries_for_session,
)
from ementoring.accounting._hours import hours_by_participant, weekly_hours
from ementoring.accounting._ledger import HourLedger
from ementoring.accounting._ledger_lines import LedgerLine, LineCause, LineKind
from ementoring.accounting._mentorship import (
    MENTORSHIP_TRANSITIONS,
    ClosureReason,
    Mentorship,
    MentorshipAction,
    MentorshipEvent,
    MentorshipStatus,
    close_mentorship,
    extend,
    pause_mentorship,
    resume_mentorship,
)
from ementoring.accounting._pace import Pace
from ementoring.accounting._program import MAX_WEEKS, Program
from ementoring.accounting._progress import (
    MAX_SERIES_STEPS,
    ProgressReport,
    progress,
    progress_series,
)
from ementoring.accounting._session import (
    Session,
    SessionEvent,
    session_bookings,
    session_change,
    sessions_as_of,
)
from ementoring.accounting._session_actions import (
    cancel,
    complete,
    confirm,
    mark_no_show,
    reply,
    reschedule,
)
from ementoring.accounting._session_lifecycle import (
    SESSION_TRANSITIONS,
    TRANSITIONS,
    Answer,
    SessionAction,
    SessionStatus,
    lifecycle_table,
    session_lifecycle_table,
)

__all__ = [
    "MAX_ENTRY_DURATION",
    "MAX_SERIES_STEPS",
    "MAX_WEEKS",
    "MEETING_SLACK",
    "MENTORSHIP_TRANSITIONS",
    "SESSION_TRANSITIONS",
    "TRANSITIONS",
    "Answer",
    "ClosureReason",
    "CohortReport",
    "EntryKind",
    "HourEntry",
    "HourLedger",
    "LedgerLine",
    "LineCause",
    "LineKind",
    "Mentorship",
    "MentorshipAction",
    "MentorshipEvent",
    "MentorshipStatus",
    "Pace",
    "Program",
    "ProgressReport",
    "Session",
    "SessionAction",
    "SessionEvent",
    "SessionStatus",
    "cancel",
    "close_mentorship",
    "cohort_report",
    "complete",
    "confirm",
    "entries_for_session",
    "extend",
    "hours_by_participant",
    "lifecycle_table",
    "mark_no_show",
    "pause_mentorship",
    "progress",
    "progress_series",
    "reply",
    "reschedule",
    "resume_mentorship",
    "session_bookings",
    "session_change",
    "session_lifecycle_table",
    "sessions_as_of",
    "weekly_hours",
]
