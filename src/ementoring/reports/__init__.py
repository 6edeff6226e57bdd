"""Program analytics for a coordinator's dashboard, computed from accounting and journals.

:func:`program_analytics` takes every record as it stood at the end of a day
and returns typed figures (pairs by status and pace, time to a first session,
sessions held and missed, hours per pair, journal completion, review latency,
goal coverage, pairs gone quiet); :func:`render_dashboard` draws them as
plain text. See ``docs/reports.md``.
"""

from ementoring.reports._analytics import (
    MAX_BUCKETS,
    DurationSummary,
    GoalCoverage,
    GoalRow,
    HoursBucket,
    HoursDistribution,
    JournalCompletion,
    ProgramAnalytics,
    QuietPair,
    ReviewLatency,
    SessionCounts,
    program_analytics,
)
from ementoring.reports._dashboard import render_dashboard

__all__ = [
    "MAX_BUCKETS",
    "DurationSummary",
    "GoalCoverage",
    "GoalRow",
    "HoursBucket",
    "HoursDistribution",
    "JournalCompletion",
    "ProgramAnalytics",
    "QuietPair",
    "ReviewLatency",
    "SessionCounts",
    "program_analytics",
    "render_dashboard",
]
