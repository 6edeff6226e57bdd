"""The built-in criteria on who people are (fields, languages, topics, zones, attributes).

Each built-in factory returns a :class:`Criterion` carrying its :class:`Recipe`;
those that can score faster many pairs at a time give it a ``bulk`` scorer
(bitsets of the folded values, tables per zone). The criteria on when people
can meet are in ``_schedule_criteria``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, ParamSpec

import attrs

from ementoring._validate import require_number
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.matching._models import (
    Criterion,
    Folded,
    Mentee,
    Mentor,
    Recipe,
    TrustedBulk,
    TrustedScores,
    fold,
)
from ementoring.timezones import require_aware, to_local

__all__ = [
    "BUILTIN_CRITERIA",
    "attribute_differs",
    "attribute_equal",
    "builtin",
    "classes",
    "same_field",
    "shared_language",
    "timezone_gap",
    "topic_fit",
]


P = ParamSpec("P")

BUILTIN_CRITERIA: dict[str, Callable[..., Criterion]] = {}
"""Every built-in criterion factory by name; filled by the definitions (here and in ``_schedule_criteria``)."""


def builtin(factory: Callable[P, Criterion]) -> Callable[P, Criterion]:
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

    def bulk(mentors: Sequence[Mentor]) -> TrustedScores:
        masks, bit_of = _bitsets([values(mentor.folded) for mentor in mentors])

        def scores(mentee: Mentee, positions: Sequence[int]) -> list[float]:
            mine = _mask(values(mentee.folded), bit_of)
            return [1.0 if masks[j] & mine else 0.0 for j in positions]

        return scores

    return Criterion(
        name,
        score,
        weight=weight,
        required=required,
        index_keys=(mentor_keys, mentee_keys) if required else None,
        index_exact=required,
        bulk=TrustedBulk(bulk),
    )


def _bitsets(values: list[frozenset[str]]) -> tuple[list[int], dict[str, int]]:
    """Each person's values as a bitmask, and the bit of each value seen."""
    bit_of: dict[str, int] = {}
    masks = []
    for mine in values:
        mask = 0
        for value in mine:
            mask |= 1 << bit_of.setdefault(value, len(bit_of))
        masks.append(mask)
    return masks, bit_of


def _mask(values: Iterable[str], bit_of: dict[str, int]) -> int:
    """The bitmask of ``values`` (values without a bit are nobody's: they match nothing)."""
    mask = 0
    for value in values:
        bit = bit_of.get(value)
        if bit is not None:
            mask |= 1 << bit
    return mask


def classes(keys: Iterable[Hashable]) -> tuple[list[int], list[int]]:
    """Group people by a key their score depends on alone: each one's class, and each class's first member."""
    class_of: dict[Hashable, int] = {}
    firsts: list[int] = []
    found = []
    for position, key in enumerate(keys):
        k = class_of.get(key)
        if k is None:
            k = class_of[key] = len(firsts)
            firsts.append(position)
        found.append(k)
    return found, firsts


def _fields(folded: Folded) -> frozenset[str]:
    return folded.fields


def _languages(folded: Folded) -> frozenset[str]:
    return folded.languages


@builtin
def same_field(*, weight: float = 1.0, required: bool = False) -> Criterion:
    """Score 1 when mentor and mentee share a professional field, else 0.

    >>> from ementoring.matching import Mentee, Mentor
    >>> same_field().score(Mentor("ana", fields=["Human Resources"]),
    ...                    Mentee("olga", fields=["human  resources"]))
    1.0
    """
    return _sharing("same_field", _fields, weight=weight, required=required)


@builtin
def shared_language(*, weight: float = 1.0, required: bool = True) -> Criterion:
    """Score 1 when mentor and mentee share a language, else 0 (required by default).

    >>> from ementoring.matching import Mentee, Mentor
    >>> shared_language().score(Mentor("dan", languages=["Hebrew"]),
    ...                         Mentee("olga", languages=["Russian", "English"]))
    0.0
    """
    return _sharing("shared_language", _languages, weight=weight, required=required)


@builtin
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

    def bulk(mentors: Sequence[Mentor]) -> TrustedScores:
        # The same integers divided, with the intersection counted on bitsets.
        masks, bit_of = _bitsets([mentor.folded.topics for mentor in mentors])

        def scores(mentee: Mentee, positions: Sequence[int]) -> list[float]:
            goals = mentee.folded.topics
            if not goals:
                return [0.0] * len(positions)
            share = [count / len(goals) for count in range(len(goals) + 1)]
            mine = _mask(goals, bit_of)
            return [share[(masks[j] & mine).bit_count()] for j in positions]

        return scores

    return Criterion("topic_fit", score, weight=weight, required=required, bulk=TrustedBulk(bulk))


def _hours(field: str, value: Any) -> float:
    return float(require_number(value, field, minimum=0, exclusive_minimum=True, maximum=12))


@builtin
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

    def bulk(mentors: Sequence[Mentor]) -> TrustedScores:
        # The score depends on the two zones alone: one mentor per zone is
        # scored, once per mentee zone.
        zone_class, firsts = classes(mentor.zone for mentor in mentors)
        representatives = [mentors[k] for k in firsts]
        tables: dict[str | None, list[float]] = {}

        def scores(mentee: Mentee, positions: Sequence[int]) -> list[float]:
            table = tables.get(mentee.zone)
            if table is None:
                table = tables[mentee.zone] = [score(r, mentee) for r in representatives]
            return [table[zone_class[j]] for j in positions]

        return scores

    return Criterion("timezone_gap", score, weight=weight, bulk=TrustedBulk(bulk))


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


@builtin
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


@builtin
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
