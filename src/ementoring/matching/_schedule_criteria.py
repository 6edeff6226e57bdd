"""The built-in criteria on when people can meet: the weeks a pair shares, a regular time.

Both read each person's :class:`~ementoring.scheduling.FreeTime` over the
program's span, expanded once per person and kept (a cohort's pairs ask for
each person many times).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from ementoring._validate import require_identifier, require_number
from ementoring._words import duration_words
from ementoring.matching._criteria import builtin, classes
from ementoring.matching._models import Criterion, Mentee, Mentor, TrustedBulk, TrustedScores
from ementoring.scheduling import (
    Availability,
    FreeBlocks,
    FreeTime,
    Interval,
    check_meeting,
    check_within,
    has_regular_time,
    meetable_weeks,
    regular_slots,
    weekly_overlap,
)

__all__ = ["average_overlap", "regular_time", "schedule_overlap"]


class _WeekShares:
    """The share of one span's weeks in which a pair can hold one meeting.

    :func:`schedule_overlap` scores pair by pair through :meth:`share`; its
    bulk scorer reads the same :meth:`blocks` per person and :meth:`share_of`
    per pair, so both give identical floats.
    """

    def __init__(self, within: Interval, meeting: timedelta, min_share: float | None) -> None:
        self.within = within
        self.meeting = meeting
        self.min_share = min_share
        # Nobody's free time: made now, it refuses a span of too many weeks
        # here rather than while scoring.
        self.weeks = FreeTime(within).blocks(meeting).weeks
        # Scoring a cohort asks for each person many times; the cache is per
        # criterion and bounded.
        self.blocks = functools.lru_cache(maxsize=4096)(self._blocks)

    def _blocks(self, availability: Availability) -> FreeBlocks:
        return availability.free_time(self.within).blocks(self.meeting)

    def share_of(self, a: FreeBlocks, b: FreeBlocks) -> float:
        """The score of a pair whose free time is ``a`` and ``b`` (see :meth:`blocks`)."""
        share = a.weeks_with(b) / self.weeks
        if self.min_share is not None and share < self.min_share:
            return 0.0
        return share

    def share(self, mentor: Mentor, mentee: Mentee) -> float:
        """The score of one pair."""
        if mentor.availability is None or mentee.availability is None:
            return 0.0
        mine = self.blocks(mentor.availability)
        return self.share_of(mine, self.blocks(mentee.availability))

    def bulk(self, mentors: Sequence[Mentor]) -> TrustedScores:
        """The scores of one mentee against many mentors, each pair of availabilities once.

        People with equal availabilities (a form's presets, one zone) form a
        class, whose blocks are made on first use (a mentor never scored is
        never expanded); each pair of classes is scored once, by
        :meth:`share_of`, as :meth:`share` scores it.
        """
        availability_class, firsts = classes(mentor.availability for mentor in mentors)
        members = [mentors[k].availability for k in firsts]
        expanded: list[FreeBlocks | None] = [None] * len(members)
        tables: dict[Availability, list[float | None]] = {}
        share_of, blocks = self.share_of, self.blocks

        def scores(mentee: Mentee, positions: Sequence[int]) -> list[float]:
            theirs = mentee.availability
            if theirs is None:
                return [0.0] * len(positions)
            table = tables.get(theirs)
            if table is None:
                table = tables[theirs] = [None] * len(members)
            mine: FreeBlocks | None = None
            found = []
            for j in positions:
                k = availability_class[j]
                value = table[k]
                if value is None:
                    member = members[k]
                    if member is None:
                        value = table[k] = 0.0
                    else:
                        free = expanded[k]
                        if free is None:
                            free = expanded[k] = blocks(member)
                        if mine is None:
                            mine = blocks(theirs)
                        value = table[k] = share_of(free, mine)
                found.append(value)
            return found

        return scores


def _share(field: str, value: Any) -> float:
    return float(require_number(value, field, minimum=0, exclusive_minimum=True, maximum=1))


@builtin
def schedule_overlap(
    within: Interval,
    *,
    meeting: timedelta = timedelta(hours=1),
    weight: float = 1.0,
    required: bool = False,
    min_share: float = 1.0,
) -> Criterion:
    """Score the share of the program's weeks in which the pair can hold a ``meeting``.

    ``within`` is cut into seven-day weeks from its start (the last may be
    shorter); a week counts when the mentor's and the mentee's
    :class:`~ementoring.scheduling.Availability` share a free block of at
    least ``meeting`` in it, exactly as
    ``find_overlap(..., min_duration=meeting)`` over that week finds one,
    clock changes included (:func:`ementoring.scheduling.meetable_weeks`).
    The score is the weeks that count divided by the weeks. A person without
    an availability scores 0 with everybody. The pair's explanation says it in
    words (``criterion.describe(mentor, mentee)``).

    Args:
        within: The program's span.
        meeting: The meeting length that must fit in a week.
        weight: The criterion's weight.
        required: Refuse a pair unless at least ``min_share`` of the weeks count.
        min_share: With ``required``, the lowest share of weeks allowed (above
            0, at most 1; compared with the score as it is computed, so
            ``0.7`` accepts 7 of 10 weeks). Ignored when not required.

    Raises:
        ValidationError: ``within`` is not an ``Interval`` that can be
            expanded, ``meeting`` is not a positive ``timedelta``, or
            ``min_share`` is not in ``(0, 1]``.
        ExpansionLimitError: ``within`` holds more than 10,000 weeks.

    >>> from datetime import datetime, UTC
    >>> from ementoring.scheduling import Availability, Interval
    >>> from ementoring.matching import Mentee, Mentor
    >>> spring = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))
    >>> meetable = schedule_overlap(spring)
    >>> ana = Mentor("ana", availability=Availability("America/Toronto", weekly=["TU 12:00-13:00"]))
    >>> olga = Mentee("olga", availability=Availability("Europe/Moscow", weekly=["TU 20:00-22:00"]))
    >>> meetable.score(ana, olga)
    0.5
    >>> meetable.describe(ana, olga)
    'a 1-hour slot in 5 of 10 weeks; none after the 8 March clock change'
    >>> schedule_overlap(spring, required=True, min_share=0.8).score(ana, olga)
    0.0
    """
    within = check_within(within)
    meeting = check_meeting(meeting)
    threshold = _share("min_share", min_share)
    meter = _WeekShares(within, meeting, threshold if required is True else None)

    def score(mentor: Mentor, mentee: Mentee) -> float:
        return meter.share(mentor, mentee)

    def describe(mentor: Mentor, mentee: Mentee) -> str:
        if mentor.availability is None or mentee.availability is None:
            return "no availability to compare"
        people = {"mentee": mentee.availability, "mentor": mentor.availability}
        return meetable_weeks(people, within, meeting=meeting).text()

    return Criterion(
        "schedule_overlap",
        score,
        weight=weight,
        required=required,
        describe=describe,
        bulk=TrustedBulk(meter.bulk),
    )


@builtin
def regular_time(
    within: Interval,
    *,
    meeting: timedelta = timedelta(hours=1),
    step: timedelta = timedelta(minutes=30),
    weight: float = 1.0,
    required: bool = False,
) -> Criterion:
    """Score 1 when the pair has a regular weekly time, else 0.

    A regular time is a slot of :func:`ementoring.scheduling.regular_slots`:
    the same local time every week of ``within`` on the mentor's or on the
    mentee's clock (grid ``step``), free for both in every week. A person
    without an availability scores 0 with everybody. ``describe`` names the
    first such time.

    Args:
        within: The program's span.
        meeting: The meeting length.
        step: The grid of start times, at least one minute.
        weight: The criterion's weight.
        required: Whether a pair without a regular time is refused.

    Raises:
        ValidationError: ``within`` is not an ``Interval`` that can be
            expanded, ``meeting`` is not a positive ``timedelta``, or ``step``
            is under a minute.
        ExpansionLimitError: ``within`` and ``step`` make more than
            :data:`~ementoring.scheduling.MAX_REGULAR_CHECKS` readings.

    >>> from datetime import datetime, UTC
    >>> from ementoring.scheduling import Availability, Interval
    >>> from ementoring.matching import Mentee, Mentor
    >>> spring = Interval(datetime(2026, 3, 2, 5, tzinfo=UTC), datetime(2026, 3, 30, 4, tzinfo=UTC))
    >>> ana = Mentor("ana", availability=Availability("America/Toronto", weekly=["TU 11:30-13:00"]))
    >>> olga = Mentee("olga", availability=Availability("Europe/Moscow", weekly=["TU 19:00-21:30"]))
    >>> usual = regular_time(spring)
    >>> usual.score(ana, olga)
    1.0
    >>> usual.describe(ana, olga)
    'every TU 12:00 America/Toronto, 4 weeks (mentee: TU 20:00, then TU 19:00 from 10 March)'
    """
    within = check_within(within)
    meeting = check_meeting(meeting)
    # Asked of nobody's free time, the question checks the step and refuses a
    # span far too long here, not while scoring (zones shift the count by a day at most).
    has_regular_time(FreeTime(within), meeting, zone="UTC", step=step)

    @functools.lru_cache(maxsize=4096)
    def free(availability: Availability) -> FreeTime:
        return availability.free_time(within)

    def score(mentor: Mentor, mentee: Mentee) -> float:
        a, b = mentor.availability, mentee.availability
        if a is None or b is None:
            return 0.0
        common = free(a).common(free(b))
        for key in sorted({a.zone, b.zone}):
            if has_regular_time(common, meeting, zone=key, step=step):
                return 1.0
        return 0.0

    def describe(mentor: Mentor, mentee: Mentee) -> str:
        a, b = mentor.availability, mentee.availability
        if a is None or b is None:
            return "no availability to compare"
        people = {"mentee": b, "mentor": a}
        for key in sorted({a.zone, b.zone}):
            slots = regular_slots(people, within, meeting, zone=key, step=step)
            if slots:
                return slots[0].text()
        return f"no regular {duration_words(meeting)} time every week"

    return Criterion("regular_time", score, weight=weight, required=required, describe=describe)


@builtin
def average_overlap(
    within: Interval,
    *,
    target: timedelta = timedelta(hours=2),
    weight: float = 1.0,
    required: bool = False,
    name: str = "average_overlap",
) -> Criterion:
    """Score the pair's average common free time per week, reaching 1 at ``target``.

    The score is ``min(1, weekly_overlap(mentor, mentee, within) / target)``
    (:func:`ementoring.scheduling.weekly_overlap`: the common free time over
    ``within`` scaled to one week, in whole seconds), the meaning
    ``schedule_overlap(within, target=...)`` had in ementoring 0.1 before the
    meetable-time change. Stored problems that name that criterion are read
    with this one (see docs/upgrading.md), under the name their results were
    stored with. It counts fragments of any length, so a pair sharing many
    short pieces scores as well as one sharing whole meetings:
    :func:`schedule_overlap` is the better question for new programs.

    Args:
        within: The program's span, over which the overlap is averaged.
        target: The weekly overlap that scores 1.
        weight: The criterion's weight.
        required: Whether a pair with no overlap at all is refused.
        name: The criterion's name in breakdowns and explanations.

    Raises:
        ValidationError: ``within`` is not an ``Interval`` that can be
            expanded, ``target`` is not a positive ``timedelta``, or ``name``
            is not an id.

    >>> from datetime import datetime, UTC
    >>> from ementoring.scheduling import Availability, Interval
    >>> from ementoring.matching import Mentee, Mentor
    >>> march = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    >>> overlap = average_overlap(march)
    >>> overlap.score(
    ...     Mentor("ana", availability=Availability("America/Toronto", weekly=["MO 12:00-14:00"])),
    ...     Mentee("olga", availability=Availability("Europe/Moscow", weekly=["MO 20:00-22:00"])))
    0.5
    """
    within = check_within(within)
    target = check_meeting(target, "target")
    require_identifier(name, "name")

    def score(mentor: Mentor, mentee: Mentee) -> float:
        if mentor.availability is None or mentee.availability is None:
            return 0.0
        return min(1.0, weekly_overlap(mentor.availability, mentee.availability, within) / target)

    return Criterion(name, score, weight=weight, required=required)
