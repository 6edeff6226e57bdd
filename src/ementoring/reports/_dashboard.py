"""The program analytics as a plain-text page with bar charts, for terminals and e-mails."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time, timedelta

from ementoring._validate import require_type
from ementoring._words import plural
from ementoring.access import Actor
from ementoring.display import count_text, duration_text
from ementoring.errors import InvalidTypeError, PermissionDeniedError, ValidationError
from ementoring.reports._analytics import DurationSummary, ProgramAnalytics
from ementoring.timezones import to_local

__all__ = ["render_dashboard"]

_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)
_ZERO = timedelta(0)


def _span(value: timedelta) -> str:
    """A duration in words, days first: ``4 days 10 hours``, ``45 minutes`` (to the minute)."""
    # Round to the minute first, so that 23:59:40 past a day reads "2 days", not "1 day 24 hours".
    value = max(value + _MINUTE / 2, _ZERO) // _MINUTE * _MINUTE
    days, rest = divmod(value, _DAY)
    if days <= 0:
        return duration_text(value)
    if rest < _MINUTE:
        return count_text(days, "day")
    return f"{count_text(days, 'day')} {duration_text(rest)}"


def _count(n: int, word: str, words: str = "") -> str:
    return f"{n} {plural(n, word, words)}"


def _hours(value: timedelta) -> str:
    return f"{value / _HOUR:.2f} h"


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{100 * rate:.0f} %"


def _chart(rows: Sequence[tuple[str, int, str]], width: int) -> list[str]:
    """One bar per row, scaled so the largest count fills ``width``; any count above 0 shows."""
    most = max((count for _, count, _ in rows), default=0)
    label_width = max((len(label) for label, _, _ in rows), default=0)
    lines = []
    for label, count, note in rows:
        length = 0 if most == 0 else max(round(count * width / most), 1 if count else 0)
        lines.append(f"  {label:<{label_width}}  {'#' * length:<{width}}  {note}".rstrip())
    return lines


def _spread(summary: DurationSummary) -> str:
    if summary.median is None or summary.p90 is None:
        return "none yet"
    return f"median {_span(summary.median)}, 90 % within {_span(summary.p90)}"


def render_dashboard(
    analytics: ProgramAnalytics, *, viewer: Actor, width: int = 30, goal_rows: int = 5
) -> str:
    """The analytics as a plain-text page for its viewer: one line per figure, bar charts for the distributions.

    Figures are computed for one viewer (what they may see of the journals),
    so a page is drawn only for that viewer: a coordinator's figures, which
    read topics, are never shown to an admin, nor one program's to another's.

    Args:
        analytics: What :func:`program_analytics` returned.
        viewer: Who the page is for: the viewer the analytics were computed for.
        width: The longest bar, in characters (1 to 200).
        goal_rows: How many goals to chart, most widely held first (0 to 1,000).

    Returns:
        The page, lines joined by ``\\n``, no trailing new line. The first line
        names the day, and the time on the program's clock for a report at an
        instant other than the end of a day.

    Raises:
        PermissionDeniedError: ``viewer`` is not the analytics' viewer.
        InvalidTypeError: ``analytics`` is not a :class:`ProgramAnalytics`,
            ``viewer`` not an Actor, or ``width``/``goal_rows`` not a whole number.
        ValidationError: ``width`` or ``goal_rows`` out of range.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import HourLedger, Mentorship, Program
    >>> from ementoring.reports import program_analytics
    >>> program = Program("p", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pairs = [Mentorship("m1", "p", "anna", "olga", started_on=date(2026, 3, 2))]
    >>> cora = Actor("cora", roles=["coordinator"], program_ids=["p"])
    >>> page = render_dashboard(program_analytics(program, pairs, [], HourLedger(), [],
    ...                                           viewer=cora, today=date(2026, 3, 9)),
    ...                         viewer=cora, width=10)
    >>> print(page.splitlines()[0]); print(page.splitlines()[2])
    Spring 2026 on 2026-03-09: 1 pair
      active        ##########  1
    >>> monday_8am = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
    >>> figures = program_analytics(program, pairs, [], HourLedger(), [], viewer=cora, at=monday_8am)
    >>> print(render_dashboard(figures, viewer=cora).splitlines()[0])
    Spring 2026 on 2026-03-09 at 08:00: 1 pair
    >>> render_dashboard(figures, viewer=Actor("root", roles=["admin"], program_ids=["p"]))
    Traceback (most recent call last):
    ...
    ementoring.errors.PermissionDeniedError: figures computed for actor 'cora' may not be shown to actor 'root'
    """
    require_type(analytics, ProgramAnalytics, "analytics", "a ProgramAnalytics")
    require_type(viewer, Actor, "viewer", "an Actor")
    if viewer != analytics.viewer:
        raise PermissionDeniedError(
            f"figures computed for actor {analytics.viewer.id!r} may not be shown to actor {viewer.id!r}"
        )
    for name, value, low, top in (("width", width, 1, 200), ("goal_rows", goal_rows, 0, 1_000)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidTypeError(name, value, "a whole number")
        if not low <= value <= top:
            raise ValidationError(name, value, f"must be from {low} to {top:,}")
    a = analytics
    later = f" ({a.starting_later} starting later)" if a.starting_later else ""
    local = to_local(a.at, a.program_zone).time()
    clock = "" if local == time.max else f" at {local:%H:%M}"
    lines = [
        f"{a.program_name} on {a.today.isoformat()}{clock}: {_count(a.pairs, 'pair')}{later}",
        "Pairs by status",
    ]
    lines += _chart([(str(s).replace("_", " "), n, str(n)) for s, n in a.by_status.items()], width)
    lines.append("Active and paused pairs by pace")
    lines += _chart([(str(p).replace("_", " "), n, str(n)) for p, n in a.by_pace.items()], width)
    s = a.sessions
    lines.append(
        f"Sessions: {s.held} held ({_percent(s.held_rate)}), {s.cancelled} cancelled"
        f" ({_percent(s.cancelled_rate)}), {s.missed} missed ({_percent(s.missed_rate)}),"
        f" {s.upcoming} upcoming; {s.rescheduled} moved ({_percent(s.rescheduled_rate)})"
    )
    after = "" if a.first_session.count == 0 else " after the start"
    lines.append(
        f"First session: {_spread(a.first_session)}{after};"
        f" {_count(a.never_met, 'pair')} yet to meet"
    )
    h = a.hours
    median = "-" if h.summary.median is None else _hours(h.summary.median)
    p90 = "-" if h.summary.p90 is None else _hours(h.summary.p90)
    lines.append(f"Hours per pair (median {median}, 90 % at most {p90}, total {_hours(h.total)})")
    lines += _chart(
        [
            (
                f"{b.low / _HOUR:g}-{b.high / _HOUR:g} h"
                if b.high is not None
                else f"{b.low / _HOUR:g} h +",
                b.pairs,
                str(b.pairs),
            )
            for b in h.buckets
        ],
        width,
    )
    j = a.journal
    lines.append(
        f"Journal: {j.written} of {_count(j.expected, 'entry', 'entries')} written ({_percent(j.rate)};"
        f" mentors {_percent(j.mentor_rate)}, mentees {_percent(j.mentee_rate)})"
    )
    r = a.reviews
    since = (
        ""
        if r.oldest_waiting_since is None
        else f", the oldest since {r.oldest_waiting_since.date().isoformat()}"
    )
    lines.append(f"Reviews: first review {_spread(r.summary)}; {r.waiting} waiting{since}")
    g = a.goals
    if g is None:
        lines.append(
            "Goals: not shown (they need the entries' topics, which this viewer does not read)"
        )
    else:
        lines.append(f"Goals: {g.covered} of {g.goals} covered ({_percent(g.rate)})")
        shown = g.rows[:goal_rows]
        lines += _chart(
            [(str(row.topic), row.covered, f"{row.covered} of {row.pairs}") for row in shown], width
        )
    quiet = ", ".join(
        f"{q.mentorship_id} {q.days} days" + (" (never met)" if q.last_session_on is None else "")
        for q in a.gone_quiet[:10]
    )
    more = f", and {len(a.gone_quiet) - 10} more" if len(a.gone_quiet) > 10 else ""
    lines.append(f"Gone quiet: {len(a.gone_quiet)}" + (f": {quiet}{more}" if quiet else ""))
    return "\n".join(lines)
