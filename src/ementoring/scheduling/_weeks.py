"""Weeks of a span in which a group can hold a meeting of a given length, said in words.

The span is cut into weeks of seven days (168 hours, as instants) from its
start; the last one may be shorter. A week is *meetable* when the common free
time, clipped to that week, has a piece at least as long as the meeting:
exactly what ``find_overlap(people, week, min_duration=meeting)`` finds
non-empty, DST shifts included. The weeks are read from the people's
:class:`FreeTime` (see ``_free``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import attrs

from ementoring._microseconds import us
from ementoring._words import day_month, duration_words, listing, plural
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.scheduling._availability import Availability
from ementoring.scheduling._checks import check_limit, check_meeting, check_within
from ementoring.scheduling._expand import DEFAULT_MAX_OCCURRENCES
from ementoring.scheduling._free import FreeTime, check_weeks
from ementoring.scheduling._intervals import Interval
from ementoring.scheduling._overlap import check_availabilities
from ementoring.timezones import Transition, to_local, transitions

__all__ = ["MeetableWeeks", "meetable_weeks"]


@attrs.frozen(kw_only=True)
class MeetableWeeks:
    """In which weeks of a span a group has a common free block of ``meeting`` length.

    Attributes:
        meeting: The meeting length asked for.
        weeks: The span cut into seven-day weeks from its start (the last may be shorter).
        meetable: Per week, whether it holds a common free block of ``meeting``.
        changes: The participants' clock changes inside the span, as
            ``(zone, transition)`` in time order.
    """

    meeting: timedelta
    weeks: tuple[Interval, ...]
    meetable: tuple[bool, ...]
    changes: tuple[tuple[str, Transition], ...] = ()

    def __attrs_post_init__(self) -> None:
        # Built by meetable_weeks; checked so that a hand-built one cannot break text().
        check_meeting(self.meeting)
        if not (
            isinstance(self.weeks, tuple)
            and self.weeks
            and all(isinstance(w, Interval) for w in self.weeks)
        ):
            raise InvalidTypeError("weeks", self.weeks, "a non-empty tuple of Interval")
        if not (
            isinstance(self.meetable, tuple) and all(isinstance(m, bool) for m in self.meetable)
        ):
            raise InvalidTypeError("meetable", self.meetable, "a tuple of bool")
        if len(self.meetable) != len(self.weeks):
            raise ValidationError("meetable", self.meetable, "needs one flag per week")
        if not (
            isinstance(self.changes, tuple)
            and all(
                isinstance(c, tuple)
                and len(c) == 2
                and isinstance(c[0], str)
                and isinstance(c[1], Transition)
                for c in self.changes
            )
        ):
            raise InvalidTypeError("changes", self.changes, "a tuple of (zone, Transition)")

    @property
    def count(self) -> int:
        """How many weeks are meetable."""
        return sum(self.meetable)

    @property
    def share(self) -> float:
        """Meetable weeks divided by weeks, in ``[0, 1]``."""
        return self.count / len(self.weeks)

    def text(self) -> str:
        """Say it in words, naming a clock change after which no week is meetable.

        >>> from datetime import UTC, datetime
        >>> people = {
        ...     "mentor": Availability("America/Toronto", weekly=["TU 12:00-13:00"]),
        ...     "mentee": Availability("Europe/Moscow", weekly=["TU 20:00-22:00"]),
        ... }
        >>> spring = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))
        >>> meetable_weeks(people, spring).text()
        'a 1-hour slot in 5 of 10 weeks; none after the 8 March clock change'
        """
        words = duration_words(self.meeting)
        total, count = len(self.weeks), self.count
        weeks = plural(total, "week")
        if count == 0:
            return f"no {words} slot in any of the {total} {weeks}"
        head = f"a {words} slot in {count} of {total} {weeks}"
        if count == total:
            return head
        last = max(k for k, ok in enumerate(self.meetable) if ok)
        missed = [k for k, ok in enumerate(self.meetable) if not ok]
        if missed[0] > last:
            # Every week after the last meetable one misses: say what changed.
            window = Interval._trusted(self.weeks[last].start, self.weeks[last + 1].end)
            for key, change in self.changes:
                if change.at in window:
                    day = to_local(change.at, key).date()
                    return f"{head}; none after the {day_month(day)} clock change"
            return f"{head}; none from the week of {day_month(self.weeks[last + 1].start)}"
        listed = listing([day_month(self.weeks[k].start) for k in missed])
        return f"{head}; none in the {plural(len(missed), 'week')} of {listed}"


def meetable_weeks(
    availabilities: Mapping[str, Availability],
    within: Interval,
    *,
    meeting: timedelta = timedelta(hours=1),
    max_occurrences: int = DEFAULT_MAX_OCCURRENCES,
) -> MeetableWeeks:
    """The weeks of ``within`` in which everybody shares a free block of ``meeting`` length.

    Weeks are seven-day blocks from ``within.start`` (the last may be
    shorter); a week counts when :func:`find_overlap` over that week with
    ``min_duration=meeting`` is not empty, DST shifts included.

    Args:
        availabilities: Participant id -> :class:`Availability` (one person is fine).
        within: The span, for example the program's ten weeks.
        meeting: The meeting length that must fit.
        max_occurrences: Cap on each person's expansion.

    Returns:
        The weeks, which of them are meetable, and the clock changes inside the span.

    Raises:
        ValidationError: Bad ``within``, a ``meeting`` that is not a positive
            ``timedelta``, or a bad mapping.
        ExpansionLimitError: Some person's expansion exceeds ``max_occurrences``,
            or the span has more than ``max_occurrences`` weeks.

    >>> from datetime import UTC, datetime
    >>> people = {
    ...     "mentor": Availability("America/Toronto", weekly=["MO-FR 12:00-13:00"]),
    ...     "mentee": Availability("Europe/Moscow", weekly=["MO-FR 19:00-20:30"]),
    ... }
    >>> march = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> found = meetable_weeks(people, march)
    >>> found.meetable, found.share
    ((False, True), 0.5)
    >>> found.text()
    'a 1-hour slot in 1 of 2 weeks; none in the week of 2 March'
    """
    people = check_availabilities(availabilities)
    within = check_within(within)
    meeting = check_meeting(meeting)
    limit = check_limit(max_occurrences)
    check_weeks(us(within.start), us(within.end), within, limit)  # before any expansion
    common: FreeTime | None = None
    for person in sorted(people):
        free = people[person].free_time(within, max_occurrences=limit)
        common = free if common is None else common.common(free)
    assert common is not None  # people is not empty
    flags = common.meetable(meeting)
    weeks = tuple(
        Interval._trusted(
            within.start + timedelta(weeks=k),
            min(within.start + timedelta(weeks=k + 1), within.end),
        )
        for k in range(len(flags))
    )
    zones = sorted({p.zone for p in people.values()})
    changes = sorted(
        ((key, change) for key in zones for change in transitions(key, within.start, within.end)),
        key=lambda item: (item[1].at, item[0]),
    )
    return MeetableWeeks(meeting=meeting, weeks=weeks, meetable=flags, changes=tuple(changes))
