"""The built-in criteria: functions that return a :class:`Criterion`."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime, timedelta
from typing import Any, ParamSpec

import attrs

from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.matching._models import Criterion, Folded, Mentee, Mentor, Recipe, fold
from ementoring.scheduling import (
    Availability,
    FreeBlocks,
    FreeTime,
    Interval,
    check_meeting,
    check_within,
    duration_words,
    has_regular_time,
    meetable_weeks,
    regular_slots,
)
from ementoring.timezones import require_aware, to_local

__all__ = [
    "BUILTIN_CRITERIA",
    "attribute_differs",
    "attribute_equal",
    "regular_time",
    "same_field",
    "schedule_overlap",
    "shared_language",
    "timezone_gap",
    "topic_fit",
]


P = ParamSpec("P")

BUILTIN_CRITERIA: dict[str, Callable[..., Criterion]] = {}
"""Every built-in criterion factory by name; filled by the definitions below."""


def _builtin(factory: Callable[P, Criterion]) -> Callable[P, Criterion]:
    """Register a factory and make its criteria carry their :class:`Recipe`."""
    signature = inspect.signature(factory)

    @functools.wraps(factory)
    def make(*args: P.args, **kwargs: P.kwargs) -> Criterion:
        criterion = factory(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        recipe = Recipe(factory.__name__, tuple(sorted(bound.arguments.items())))
        return attrs.evolve(criterion, recipe=recipe)

    BUILTIN_CRITERIA[factory.__name__] = make
    return make


def _sharing(
    name: str,
    values: Callable[[Folded], frozenset[str]],
    *,
    weight: float,
    required: bool,
) -> Criterion:
    def score(mentor: Mentor, mentee: Mentee) -> float:
        return 0.0 if values(mentor.folded).isdisjoint(values(mentee.folded)) else 1.0

    def mentor_keys(mentor: Mentor) -> Iterable[Hashable]:
        return values(mentor.folded)

    def mentee_keys(mentee: Mentee) -> Iterable[Hashable]:
        return values(mentee.folded)

    # Sharing a key means scoring exactly 1: the solver then skips the call.
    score.index_exact = True  # type: ignore[attr-defined]
    return Criterion(
        name,
        score,
        weight=weight,
        required=required,
        index_keys=(mentor_keys, mentee_keys) if required else None,
    )


def _fields(folded: Folded) -> frozenset[str]:
    return folded.fields


def _languages(folded: Folded) -> frozenset[str]:
    return folded.languages


@_builtin
def same_field(*, weight: float = 1.0, required: bool = False) -> Criterion:
    """Score 1 when mentor and mentee share a professional field, else 0.

    >>> from ementoring.matching import Mentee, Mentor
    >>> same_field().score(Mentor("ana", fields=["Human Resources"]),
    ...                    Mentee("olga", fields=["human  resources"]))
    1.0
    """
    return _sharing("same_field", _fields, weight=weight, required=required)


@_builtin
def shared_language(*, weight: float = 1.0, required: bool = True) -> Criterion:
    """Score 1 when mentor and mentee share a language, else 0 (required by default).

    >>> from ementoring.matching import Mentee, Mentor
    >>> shared_language().score(Mentor("dan", languages=["Hebrew"]),
    ...                         Mentee("olga", languages=["Russian", "English"]))
    0.0
    """
    return _sharing("shared_language", _languages, weight=weight, required=required)


@_builtin
def topic_fit(*, weight: float = 1.0, required: bool = False) -> Criterion:
    """Score the share of the mentee's goals that the mentor offers (0 without goals).

    >>> from ementoring.matching import Mentee, Mentor
    >>> topic_fit().score(Mentor("ana", offers=["CV review", "interviews"]),
    ...                   Mentee("olga", goals=["cv review", "networking"]))
    0.5
    """

    def score(mentor: Mentor, mentee: Mentee) -> float:
        goals = mentee.folded.topics
        if not goals:
            return 0.0
        return len(goals & mentor.folded.topics) / len(goals)

    return Criterion("topic_fit", score, weight=weight, required=required)


def _hours(_field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 12:
        raise ValidationError(_field, value, "must be a number of hours above 0, at most 12")
    return float(value)


@_builtin
def timezone_gap(*, at: datetime, max_hours: float = 8, weight: float = 1.0) -> Criterion:
    """Score how close the two people's clocks are: 1 for the same offset, 0 at ``max_hours``.

    UTC offsets change with daylight saving time and the library has no clock,
    so ``at`` is the instant at which the offsets are read (say, the program's
    start). The gap is the distance between the two clocks around the day
    (UTC-11 and UTC+12 are one hour apart on the clock face). A person without
    a zone scores 0 with everybody.

    Args:
        at: Aware datetime at which to read both zones' UTC offsets.
        max_hours: The gap (hours) at and beyond which the score is 0.
        weight: The criterion's weight.

    Raises:
        NaiveDatetimeError: ``at`` is naive.
        ValidationError: ``max_hours`` is not in ``(0, 12]``.

    >>> from datetime import datetime, UTC
    >>> from ementoring.matching import Mentee, Mentor
    >>> gap = timezone_gap(at=datetime(2026, 3, 16, tzinfo=UTC))
    >>> gap.score(Mentor("ana", zone="America/Toronto"), Mentee("olga", zone="Europe/Moscow"))
    0.125
    """
    instant = require_aware(at, "at")
    limit = _hours("max_hours", max_hours)
    offsets: dict[str, float] = {}

    def offset(key: str) -> float:
        if key not in offsets:
            delta = to_local(instant, key).utcoffset()
            assert delta is not None  # to_local returns aware datetimes
            offsets[key] = delta / timedelta(hours=1)
        return offsets[key]

    def score(mentor: Mentor, mentee: Mentee) -> float:
        if mentor.zone is None or mentee.zone is None:
            return 0.0
        gap = abs(offset(mentor.zone) - offset(mentee.zone)) % 24
        gap = min(gap, 24 - gap)
        return max(0.0, 1.0 - gap / limit)

    return Criterion("timezone_gap", score, weight=weight)


def _keys(key: Any, mentee_key: Any) -> str:
    """Check the attribute names; return the mentee's."""
    for field, value in (("key", key), ("mentee_key", mentee_key)):
        if value is None and field == "mentee_key":
            continue
        if not isinstance(value, str):
            raise InvalidTypeError(field, value, "an attribute name (text)")
        if not value.strip() or len(value) > _MAX_KEY_LENGTH:
            raise ValidationError(
                field, value, f"must be a non-blank name of at most {_MAX_KEY_LENGTH} characters"
            )
    return key if mentee_key is None else mentee_key  # type: ignore[no-any-return]


_MAX_KEY_LENGTH = 200


def _attribute(side: Any, key: str) -> Hashable:
    value = side.attributes.get(key)
    return fold(value) if isinstance(value, str) else value


@_builtin
def attribute_equal(
    key: str,
    *,
    mentee_key: str | None = None,
    weight: float = 1.0,
    required: bool = False,
) -> Criterion:
    """Score 1 when the mentor's ``attributes[key]`` equals the mentee's, else 0.

    Text values compare case- and space-insensitively; a missing value equals
    nothing. ``mentee_key`` reads a differently named mentee attribute.

    >>> from ementoring.matching import Mentee, Mentor
    >>> attribute_equal("city").score(Mentor("ana", attributes={"city": "Toronto"}),
    ...                               Mentee("olga", attributes={"city": "toronto"}))
    1.0
    """
    other = _keys(key, mentee_key)

    def score(mentor: Mentor, mentee: Mentee) -> float:
        a, b = _attribute(mentor, key), _attribute(mentee, other)
        return 1.0 if a is not None and a == b else 0.0

    def mentor_keys(mentor: Mentor) -> Iterable[Hashable]:
        value = _attribute(mentor, key)
        return () if value is None else (value,)

    def mentee_keys(mentee: Mentee) -> Iterable[Hashable]:
        value = _attribute(mentee, other)
        return () if value is None else (value,)

    return Criterion(
        f"attribute_equal({key})",
        score,
        weight=weight,
        required=required,
        index_keys=(mentor_keys, mentee_keys) if required else None,
    )


@_builtin
def attribute_differs(
    key: str,
    *,
    mentee_key: str | None = None,
    weight: float = 1.0,
    required: bool = True,
) -> Criterion:
    """Score 0 when the two values are equal, else 1: "never the same department".

    Required by default. For "never their own manager", compare the mentor's
    own id attribute with the mentee's manager:
    ``attribute_differs("person", mentee_key="manager")``.

    >>> from ementoring.matching import Mentee, Mentor
    >>> rule = attribute_differs("department")
    >>> rule.score(Mentor("ana", attributes={"department": "HR"}),
    ...            Mentee("olga", attributes={"department": "hr"}))
    0.0
    """
    other = _keys(key, mentee_key)

    def score(mentor: Mentor, mentee: Mentee) -> float:
        a, b = _attribute(mentor, key), _attribute(mentee, other)
        return 0.0 if a is not None and a == b else 1.0

    return Criterion(f"attribute_differs({key})", score, weight=weight, required=required)


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
        if mentor.availability is None or mentee.availability is None:
            return 0.0
        mine = self.blocks(mentor.availability)
        return self.share_of(mine, self.blocks(mentee.availability))


def _share(_field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTypeError(_field, value, "a number above 0, at most 1")
    if not 0 < value <= 1:
        raise ValidationError(_field, value, "must be a number above 0, at most 1")
    return float(value)


@_builtin
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

    # The bulk scorer computes the same shares from the meter without calls per pair.
    score.meter = meter  # type: ignore[attr-defined]
    return Criterion("schedule_overlap", score, weight=weight, required=required, describe=describe)


@_builtin
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
