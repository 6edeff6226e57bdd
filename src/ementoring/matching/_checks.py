"""Sign-up checks: what in a person's availability will hurt their matching, as data."""

from __future__ import annotations

from datetime import timedelta

import attrs

from ementoring._validate import Choice, items_of, require_type
from ementoring._words import day_month, duration_count, listing, plural
from ementoring.errors import InvalidTypeError
from ementoring.matching._models import Mentee, Mentor
from ementoring.scheduling import (
    Availability,
    Interval,
    RecurringWindow,
    WeeklyWindow,
    check_meeting,
    check_within,
    meetable_weeks,
)

__all__ = ["SignUpProblem", "SignUpProblemKind", "check_person"]


class SignUpProblemKind(Choice):
    """What :func:`check_person` found."""

    NO_AVAILABILITY = "no_availability"
    """The person gave no availability: schedule criteria score them 0 with everybody."""
    NO_FREE_TIME = "no_free_time"
    """The availability holds no free time at all in the span."""
    SHORT_WEEKS = "short_weeks"
    """Some weeks hold no free block as long as one meeting."""
    PREFERRED_OUTSIDE = "preferred_outside"
    """Some preferred windows lie (partly) outside the weekly availability."""


@attrs.frozen(kw_only=True)
class SignUpProblem:
    """One problem with a person's sign-up, for a form to show before matching.

    Attributes:
        kind: What is wrong.
        message: The problem in English words.
        weeks: For ``SHORT_WEEKS``: the weeks without a block of the meeting's length.
        windows: For ``PREFERRED_OUTSIDE``: the preferred windows concerned.
    """

    kind: SignUpProblemKind
    message: str
    weeks: tuple[Interval, ...] = ()
    windows: tuple[WeeklyWindow | RecurringWindow, ...] = ()

    def __attrs_post_init__(self) -> None:
        # Built by check_person; checked so that a hand-built one holds what it says.
        require_type(self.kind, SignUpProblemKind, "kind", "a SignUpProblemKind")
        require_type(self.message, str, "message", "text")
        require_type(self.weeks, tuple, "weeks", "a tuple of Interval")
        items_of(self.weeks, Interval, "weeks", "an iterable of Interval")
        require_type(self.windows, tuple, "windows", "a tuple of windows")
        items_of(self.windows, (WeeklyWindow, RecurringWindow), "windows", "an iterable of windows")


def _outside(
    availability: Availability, within: Interval
) -> tuple[WeeklyWindow | RecurringWindow, ...]:
    """The preferred windows with an occurrence not covered by the person's windows."""
    # Against the windows alone: a preferred time on a skipped date is not a sign-up mistake.
    plain = Availability(
        availability.zone,
        weekly=availability.weekly,
        recurring=availability.recurring,
        policy=availability.policy,
    ).intervals(within)
    found = []
    for window in availability.preferred:
        alone = Availability(
            availability.zone,
            weekly=[window] if isinstance(window, WeeklyWindow) else (),
            recurring=[window] if isinstance(window, RecurringWindow) else (),
            policy=availability.policy,
        ).intervals(within)
        if alone - plain:
            found.append(window)
    return tuple(found)


def check_person(
    person: Mentor | Mentee, *, within: Interval, meeting: timedelta = timedelta(hours=1)
) -> tuple[SignUpProblem, ...]:
    """The problems in a person's availability that matching on time would suffer from.

    Empty when all is well. Checked: an availability is given; it holds free
    time in ``within``; every week of ``within`` (seven-day blocks from its
    start, see :func:`ementoring.scheduling.meetable_weeks`) holds a free block
    of ``meeting`` length; every preferred window lies inside the weekly and
    recurring windows. (A person's zone cannot disagree with their
    availability's: the availability's zone is the person's.)

    Args:
        person: A :class:`Mentor` or :class:`Mentee`.
        within: The program's span.
        meeting: The meeting length.

    Returns:
        The problems found, in the order above.

    Raises:
        InvalidTypeError: ``person`` is not a ``Mentor`` or ``Mentee``, or
            ``meeting`` is not a ``timedelta``.
        ValidationError: A bad ``within`` or a ``meeting`` that is not positive.
        ExpansionLimitError: The availability expands beyond the default cap.

    >>> from datetime import UTC, datetime
    >>> march = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> olga = Mentee("olga", availability=Availability(
    ...     "Europe/Moscow", weekly=["MO 19:00-19:45", "WE 19:00-21:00"],
    ...     exceptions=[], preferred=["SA 10:00-12:00"]))
    >>> [p.kind.value for p in check_person(olga, within=march)]
    ['preferred_outside']
    >>> for problem in check_person(olga, within=march, meeting=timedelta(hours=3)):
    ...     print(problem.message)
    no free block of 3 hours in 2 of 2 weeks: the weeks of 2 March and 9 March
    preferred windows outside the availability: SA 10:00-12:00
    """
    if not isinstance(person, Mentor | Mentee):
        raise InvalidTypeError("person", person, "a Mentor or a Mentee")
    within = check_within(within)
    meeting = check_meeting(meeting)
    availability = person.availability
    if availability is None:
        return (
            SignUpProblem(
                kind=SignUpProblemKind.NO_AVAILABILITY,
                message="no availability given: matching cannot find a time to meet",
            ),
        )
    problems: list[SignUpProblem] = []
    found = meetable_weeks({person.id: availability}, within, meeting=meeting)
    if not availability.intervals(within):
        problems.append(
            SignUpProblem(
                kind=SignUpProblemKind.NO_FREE_TIME,
                message="the availability holds no free time in the program's span",
            )
        )
    elif found.count < len(found.weeks):
        short = tuple(w for w, ok in zip(found.weeks, found.meetable, strict=True) if not ok)
        listed = listing([day_month(w.start) for w in short])
        problems.append(
            SignUpProblem(
                kind=SignUpProblemKind.SHORT_WEEKS,
                message=f"no free block of {duration_count(meeting)} in {len(short)}"
                f" of {len(found.weeks)} weeks: the {plural(len(short), 'week')} of {listed}",
                weeks=short,
            )
        )
    outside = _outside(availability, within)
    if outside:
        problems.append(
            SignUpProblem(
                kind=SignUpProblemKind.PREFERRED_OUTSIDE,
                message="preferred windows outside the availability: "
                + ", ".join(str(w) for w in outside),
                windows=outside,
            )
        )
    return tuple(problems)
