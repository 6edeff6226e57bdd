"""The people to match, the criteria that score a pair, and the problem to solve."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from ementoring._validate import (
    check_unique,
    flag,
    identifier,
    is_collection,
    require_flag,
    require_number,
    string_tuple,
    strings,
    unit_float,
)
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.matching._json import thaw
from ementoring.scheduling import Availability
from ementoring.timezones import optional_zone_key

__all__ = [
    "MAX_CRITERIA",
    "MAX_WEIGHT",
    "RESERVED_NAMES",
    "BulkScorer",
    "Criterion",
    "Folded",
    "MatchingProblem",
    "Mentee",
    "Mentor",
    "MentorScores",
    "Pair",
    "TrustedBulk",
    "TrustedScores",
    "fold",
]

Pair: TypeAlias = tuple[str, str]
"""A ``(mentor_id, mentee_id)`` pair."""

MAX_CRITERIA = 100
"""The most criteria one problem may have (each is called for every pair)."""

MAX_WEIGHT = 10**15
"""The largest weight of a criterion.

Weights only matter relative to each other. Every whole number up to this one
is exact as a float and fits a stored document's 64-bit integers, and
:data:`MAX_CRITERIA` such weights add up to a finite number.
"""

RESERVED_NAMES = frozenset({"forbidden", "min_score"})
"""Names a criterion may not take: they label the other exclusion rules in reports."""


def fold(value: str) -> str:
    """Return the form in which text values compare: case- and space-insensitive.

    Runs of white space count as one space and surrounding spaces are ignored;
    the value a user recorded is stored unchanged, only comparisons use this.

    >>> fold("  Human   Resources ") == fold("human resources")
    True

    Raises:
        InvalidTypeError: ``value`` is not text.
    """
    if not isinstance(value, str):
        raise InvalidTypeError("value", value, "text")
    return " ".join(value.split()).casefold()


def _capacity(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field.name, value, "a whole number")
    if value < 0:
        raise ValidationError(field.name, value, "must be a whole number, 0 or more")


def _availability(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Availability):
        raise ValidationError(field.name, value, "must be an Availability or None")


def _one_zone(person: Mentor | Mentee) -> None:
    """Make the availability's zone the person's zone: one source of truth."""
    availability = person.availability
    if availability is None:
        return
    if person.zone is None:
        object.__setattr__(person, "zone", availability.zone)
    elif person.zone != availability.zone:
        raise ValidationError(
            "zone",
            person.zone,
            f"differs from the availability's zone {availability.zone!r}; a person with an"
            " availability takes its zone (leave zone out, or pass zone=None when changing"
            " the availability with attrs.evolve)",
        )


def _attributes(value: Mapping[str, Hashable]) -> Mapping[str, Hashable]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("attributes", value, "a mapping of names to values")
    for key, item in value.items():
        if not isinstance(key, str):
            raise InvalidTypeError("attributes", key, "text keys")
        check_attribute_value(item, f"attributes[{key!r}]")
    return MappingProxyType(dict(value))


def check_attribute_value(value: Any, field: str) -> None:
    """Refuse an attribute value that is not text, a finite number, a bool or ``None``.

    Values are compared and used as index keys, so they must be hashable
    scalars; a list, a mapping or a nested structure is a mistake.
    """
    if value is None or isinstance(value, str | bool | int):
        return
    if isinstance(value, float) and math.isfinite(value):
        return
    raise InvalidTypeError(field, value, "text, a finite number, True, False or None")


@attrs.frozen
class Folded:
    """A person's text values in their compared form (see :func:`fold`), computed once."""

    languages: frozenset[str]
    fields: frozenset[str]
    topics: frozenset[str]
    """What a mentor offers, or what a mentee wants help with."""


def _folded(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(v) for v in values)


@attrs.frozen
class Mentor:
    """A professional who can take ``capacity`` mentees (0: not taking anyone now).

    Args:
        id: Unique among the mentors of a problem.
        capacity: How many mentees they take at once.
        zone: Their IANA time zone, validated by :mod:`ementoring.timezones`;
            with an ``availability``, its zone (giving another one raises).
        languages: Languages they mentor in.
        fields: Their professional fields.
        offers: Topics they can help with.
        availability: Their weekly availability, for :func:`schedule_overlap`
            and :func:`regular_time`.
        attributes: Any other facts, for :func:`attribute_equal` and
            :func:`attribute_differs` (department, manager...).

    Text values are kept as given and compare case- and space-insensitively.

    >>> Mentor("ana", capacity=2, zone="America/Toronto", languages=["English"])
    Mentor(id='ana', capacity=2, zone='America/Toronto', languages=('English',), ...)
    """

    id: str = attrs.field(validator=identifier)
    capacity: int = attrs.field(default=1, validator=_capacity, kw_only=True)
    zone: str | None = attrs.field(default=None, converter=optional_zone_key, kw_only=True)
    languages: tuple[str, ...] = attrs.field(
        default=(), converter=string_tuple, validator=strings, kw_only=True
    )
    fields: tuple[str, ...] = attrs.field(
        default=(), converter=string_tuple, validator=strings, kw_only=True
    )
    offers: tuple[str, ...] = attrs.field(
        default=(), converter=string_tuple, validator=strings, kw_only=True
    )
    availability: Availability | None = attrs.field(
        default=None, validator=_availability, kw_only=True
    )
    attributes: Mapping[str, Hashable] = attrs.field(
        factory=dict, converter=_attributes, kw_only=True, hash=False
    )
    folded: Folded = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        folded = Folded(
            languages=_folded(self.languages),
            fields=_folded(self.fields),
            topics=_folded(self.offers),
        )
        object.__setattr__(self, "folded", folded)
        _one_zone(self)


@attrs.frozen
class Mentee:
    """A newcomer who wants ``capacity`` mentors (usually one).

    Args:
        id: Unique among the mentees of a problem.
        capacity: How many mentors they want (0: none right now).
        zone: Their IANA time zone; with an ``availability``, its zone
            (giving another one raises).
        languages: Languages they can be mentored in.
        fields: The professional fields they aim at.
        goals: Topics they want help with.
        availability: Their weekly availability, for :func:`schedule_overlap`
            and :func:`regular_time`.
        attributes: Any other facts.

    >>> Mentee("olga", zone="Europe/Moscow", fields=["HR"]).fields
    ('HR',)
    """

    id: str = attrs.field(validator=identifier)
    capacity: int = attrs.field(default=1, validator=_capacity, kw_only=True)
    zone: str | None = attrs.field(default=None, converter=optional_zone_key, kw_only=True)
    languages: tuple[str, ...] = attrs.field(
        default=(), converter=string_tuple, validator=strings, kw_only=True
    )
    fields: tuple[str, ...] = attrs.field(
        default=(), converter=string_tuple, validator=strings, kw_only=True
    )
    goals: tuple[str, ...] = attrs.field(
        default=(), converter=string_tuple, validator=strings, kw_only=True
    )
    availability: Availability | None = attrs.field(
        default=None, validator=_availability, kw_only=True
    )
    attributes: Mapping[str, Hashable] = attrs.field(
        factory=dict, converter=_attributes, kw_only=True, hash=False
    )
    folded: Folded = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        folded = Folded(
            languages=_folded(self.languages),
            fields=_folded(self.fields),
            topics=_folded(self.goals),
        )
        object.__setattr__(self, "folded", folded)
        _one_zone(self)


ScoreFunction: TypeAlias = Callable[[Mentor, Mentee], float]
KeyFunctions: TypeAlias = tuple[
    Callable[[Mentor], Iterable[Hashable]], Callable[[Mentee], Iterable[Hashable]]
]

MentorScores: TypeAlias = Callable[[Mentee, Sequence[int]], Sequence[float]]
"""One mentee's scores against the mentors at the given positions, in that order."""

BulkScorer: TypeAlias = Callable[[Sequence[Mentor]], MentorScores]
"""A criterion's way of scoring many pairs at once (:attr:`Criterion.bulk`).

Called once per problem with its mentors, it returns a function that scores
one mentee against the mentors at the given positions (indices into those
mentors), in that order.
"""


TrustedScores: TypeAlias = Callable[[Mentee, Sequence[int]], list[float]]
"""What a :class:`TrustedBulk` scorer returns: one mentee's scores, a list of floats in ``[0, 1]``."""


class TrustedBulk:
    """A built-in criterion's bulk scorer, whose values are floats in ``[0, 1]`` by construction.

    Scoring checks the values of every other bulk scorer, one pass or four
    over each column (a cohort has millions of pairs); the built-in ones are
    the library's own arithmetic on checked people, so their columns are
    used as they come, as ``trusted_match`` builds a solver's matches.
    """

    __slots__ = ("_prepare",)

    def __init__(self, prepare: Callable[[Sequence[Mentor]], TrustedScores]) -> None:
        self._prepare = prepare

    def __call__(self, mentors: Sequence[Mentor]) -> TrustedScores:
        return self._prepare(mentors)


def _weight(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    require_number(value, field.name, minimum=0, exclusive_minimum=True, maximum=MAX_WEIGHT)


def _callable(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    # A class is callable too, but calling one with a pair builds an object (or
    # fails with a TypeError of its own) instead of answering.
    if not callable(value) or isinstance(value, type):
        raise ValidationError(field.name, value, "must be a function (not a class)")


def _index_exact(instance: Criterion, field: attrs.Attribute[Any], value: Any) -> None:
    require_flag(value, field.name)
    if value and instance.index_keys is None:
        raise ValidationError(field.name, value, "needs index_keys")


def _index_keys(instance: Criterion, field: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(callable(f) and not isinstance(f, type) for f in value)
    ):
        raise ValidationError(field.name, value, "must be a pair of functions or None")
    if not instance.required:
        raise ValidationError(field.name, value, "only a required criterion can prune by keys")


def _arguments(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    """Validator: ``(name, value)`` pairs with hashable values (a criterion's identity hashes them)."""
    if not isinstance(value, tuple):
        raise InvalidTypeError(field.name, value, "a tuple of (name, value) pairs")
    for index, pair in enumerate(value):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            raise InvalidTypeError(f"{field.name}[{index}]", pair, "a (name, value) pair")
        try:
            hash(pair[1])
        except TypeError:
            raise InvalidTypeError(
                f"{field.name}[{index}]", pair, "a hashable value (a frozen JSON value)"
            ) from None


def _recipe(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Recipe):
        raise InvalidTypeError(field.name, value, "a Recipe or None")


@attrs.frozen
class Recipe:
    """How a built-in or :func:`~ementoring.matching.custom` criterion was made: factory and arguments.

    It lets a criterion be stored and rebuilt (``ementoring.serialization``),
    and makes two criteria made the same way equal.

    >>> from ementoring.matching import same_field
    >>> same_field(weight=2).recipe
    Recipe(factory='same_field', arguments=(('required', False), ('weight', 2)))
    >>> same_field(weight=2) == same_field(weight=2)
    True
    """

    factory: str = attrs.field(validator=identifier)
    arguments: tuple[tuple[str, Any], ...] = attrs.field(validator=_arguments)
    custom: bool = attrs.field(default=False, validator=flag, kw_only=True, repr=False)
    """Made by :func:`~ementoring.matching.custom`: ``factory`` names a caller's factory."""

    def json_arguments(self) -> dict[str, Any]:
        """A custom criterion's arguments as plain JSON values (fresh lists and dicts).

        >>> from ementoring.matching import Criterion, custom
        >>> def fluent(*, languages: list[str]) -> Criterion:
        ...     return Criterion("fluent", lambda mentor, mentee: 1.0)
        >>> custom("fluent", fluent, languages=["en", "ru"]).recipe.json_arguments()
        {'languages': ['en', 'ru']}
        """
        return {name: thaw(value) for name, value in self.arguments}


@attrs.frozen(eq=False)
class Criterion:
    """One way of scoring a pair: ``score(mentor, mentee)`` in ``[0, 1]``.

    Args:
        name: Unique among a problem's criteria; names the score in breakdowns.
        score: The scoring function. A value outside ``[0, 1]`` or NaN raises
            ``ValidationError`` when the problem is solved, naming the
            criterion and the pair.
        weight: Its weight in the pair score (a weighted mean).
        required: When true, a pair scoring 0 on it is not allowed.
        index_keys: Optional, for required criteria only: a function giving a
            mentor's keys and one giving a mentee's keys, such that the pair can
            score above 0 only if they share a key. Lets the solver index
            mentors instead of scoring every pair; the built-in
            :func:`same_field` and :func:`shared_language` set it.
        index_exact: With ``index_keys``: the score is exactly 1 for a pair
            sharing a key (and 0 otherwise), so the pairs the index finds need
            no scoring at all. The built-in sharing criteria set it.
        describe: Optional: says in words how a pair fares on this criterion
            (``describe(mentor, mentee) -> str``); explanations show it.
        bulk: Optional (a :data:`BulkScorer`): the same scores, many pairs at
            a time, so that scoring a large problem makes no call per pair.
            ``bulk(mentors)`` is called once per problem, with its mentors
            sorted by id, and returns ``scores(mentee, positions)``: one
            value per position, each exactly what ``score`` gives that pair.
            Solving, :func:`greedy_fill`, :func:`recommend` and the other
            functions that score every pair use it; should it give a value
            outside ``[0, 1]`` (or NaN, or a count that does not match), the
            mentee's pairs are scored by ``score`` instead. Every built-in
            criterion that can score faster in bulk sets it.

    >>> tall = Criterion("tall", lambda mentor, mentee: 1.0, weight=2)
    >>> tall.weight, tall.required
    (2, False)

    A criterion that depends on the mentor alone can work out each mentor's
    score once and read it for every mentee:

    >>> from ementoring.matching import MatchingProblem, solve
    >>> def years(mentor: Mentor, mentee: Mentee) -> float:
    ...     return min(mentor.attributes.get("years", 0), 10) / 10
    >>> def years_in_bulk(mentors):
    ...     table = [years(mentor, Mentee("anyone")) for mentor in mentors]
    ...     return lambda mentee, positions: [table[j] for j in positions]
    >>> seniority = Criterion("seniority", years, bulk=years_in_bulk)
    >>> problem = MatchingProblem(
    ...     [Mentor("ana", attributes={"years": 12}), Mentor("ben", attributes={"years": 4})],
    ...     [Mentee("olga")], [seniority])
    >>> [(m.mentor_id, m.score) for m in solve(problem).matches]
    [('ana', 1.0)]
    """

    name: str = attrs.field(validator=identifier)
    score: ScoreFunction = attrs.field(validator=_callable)
    weight: float = attrs.field(default=1.0, validator=_weight, kw_only=True)
    required: bool = attrs.field(default=False, validator=flag, kw_only=True)
    index_keys: KeyFunctions | None = attrs.field(
        default=None, validator=_index_keys, kw_only=True, repr=False
    )
    index_exact: bool = attrs.field(default=False, validator=_index_exact, kw_only=True, repr=False)
    recipe: Recipe | None = attrs.field(default=None, validator=_recipe, kw_only=True, repr=False)
    describe: Callable[[Mentor, Mentee], str] | None = attrs.field(
        default=None, validator=attrs.validators.optional(_callable), kw_only=True, repr=False
    )
    bulk: BulkScorer | None = attrs.field(
        default=None, validator=attrs.validators.optional(_callable), kw_only=True, repr=False
    )

    def _identity(self) -> tuple[Any, ...]:
        # Made by a built-in factory: the recipe says everything. Otherwise the
        # scoring function itself is the identity (functions compare by identity).
        if self.recipe is not None:
            return (self.name, self.weight, self.required, self.recipe)
        return (
            self.name,
            self.weight,
            self.required,
            self.score,
            self.index_keys,
            self.index_exact,
            self.describe,
            self.bulk,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Criterion):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if not is_collection(value):
        return value  # type: ignore[return-value]  # refused by the validators below
    return tuple(value)


def _of_type(kind: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidTypeError(field.name, value, f"a collection of {kind.__name__}")
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                raise InvalidTypeError(f"{field.name}[{index}]", item, f"a {kind.__name__}")

    return validate


def _pairs(value: Iterable[Any]) -> tuple[Pair, ...]:
    if not is_collection(value):
        return value  # type: ignore[return-value]  # refused by _pair_list
    return tuple(tuple(p) if isinstance(p, list | tuple) else p for p in value)


def _pair_list(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple):
        raise ValidationError(field.name, value, "must be a collection of (mentor_id, mentee_id)")
    for index, pair in enumerate(value):
        if not (
            isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        ):
            raise ValidationError(f"{field.name}[{index}]", pair, "must be (mentor_id, mentee_id)")


@attrs.frozen
class MatchingProblem:
    """Mentors, mentees, the criteria that score a pair, and the hard rules.

    A pair is allowed when every required criterion scores it above 0, it is
    not ``forbidden``, and its score (the weighted mean of the criteria) is at
    least ``min_score``. ``pinned`` pairs must be in the result: they use
    capacity on both sides and bypass the criteria and ``min_score`` (a
    coordinator's decision), but not ``forbidden``.

    Args:
        mentors: Mentors with unique ids.
        mentees: Mentees with unique ids.
        criteria: At least one criterion, with unique names.
        forbidden: ``(mentor_id, mentee_id)`` pairs never to make.
        pinned: ``(mentor_id, mentee_id)`` pairs that must be made.
        min_score: The lowest pair score allowed.

    Raises:
        DuplicateIdError: A mentor, mentee, criterion name or pinned pair twice.
        UnknownIdError: A forbidden or pinned pair naming an unknown id.
        ValidationError: A pinned pair that is forbidden, or more pinned pairs
            for one person than their capacity.

    >>> from ementoring.matching import same_field
    >>> MatchingProblem([Mentor("ana")], [Mentee("olga")], [same_field()],
    ...                 pinned=[("ana", "olga"), ("ana", "olga")])
    Traceback (most recent call last):
    ...
    ementoring.errors.DuplicateIdError: pinned: duplicate id (got ('ana', 'olga'))
    """

    mentors: tuple[Mentor, ...] = attrs.field(converter=_tuple, validator=_of_type(Mentor))
    mentees: tuple[Mentee, ...] = attrs.field(converter=_tuple, validator=_of_type(Mentee))
    criteria: tuple[Criterion, ...] = attrs.field(converter=_tuple, validator=_of_type(Criterion))
    forbidden: tuple[Pair, ...] = attrs.field(
        default=(), converter=_pairs, validator=_pair_list, kw_only=True
    )
    pinned: tuple[Pair, ...] = attrs.field(
        default=(), converter=_pairs, validator=_pair_list, kw_only=True
    )
    min_score: float = attrs.field(default=0.0, validator=unit_float, kw_only=True)
    forbidden_set: frozenset[Pair] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        check_unique(self.mentors, lambda m: m.id, "mentors")
        check_unique(self.mentees, lambda m: m.id, "mentees")
        if not self.criteria:
            raise ValidationError("criteria", self.criteria, "give at least one criterion")
        if len(self.criteria) > MAX_CRITERIA:
            raise ValidationError(
                "criteria", f"<{len(self.criteria):,} criteria>", f"at most {MAX_CRITERIA} criteria"
            )
        check_unique(self.criteria, lambda c: c.name, "criteria")
        for criterion in self.criteria:
            if criterion.name in RESERVED_NAMES:
                raise ValidationError(
                    "criteria", criterion.name, "this name is reserved for the other rules"
                )
        mentors = {m.id: m for m in self.mentors}
        mentees = {m.id: m for m in self.mentees}
        for field, pairs in (("forbidden", self.forbidden), ("pinned", self.pinned)):
            for index, (mentor_id, mentee_id) in enumerate(pairs):
                if mentor_id not in mentors:
                    raise UnknownIdError(f"{field}[{index}]", mentor_id, "unknown mentor id")
                if mentee_id not in mentees:
                    raise UnknownIdError(f"{field}[{index}]", mentee_id, "unknown mentee id")
        check_unique(self.pinned, lambda p: p, "pinned")
        forbidden = frozenset(self.forbidden)
        object.__setattr__(self, "forbidden_set", forbidden)
        mentor_pins: dict[str, int] = {}
        mentee_pins: dict[str, int] = {}
        for index, pair in enumerate(self.pinned):
            if pair in forbidden:
                raise ValidationError(f"pinned[{index}]", pair, "this pair is also forbidden")
            mentor_pins[pair[0]] = mentor_pins.get(pair[0], 0) + 1
            mentee_pins[pair[1]] = mentee_pins.get(pair[1], 0) + 1
        for mentor_id, count in sorted(mentor_pins.items()):
            if count > mentors[mentor_id].capacity:
                raise ValidationError(
                    "pinned",
                    mentor_id,
                    f"{count} pinned pairs for mentor {mentor_id!r}, "
                    f"whose capacity is {mentors[mentor_id].capacity}",
                )
        for mentee_id, count in sorted(mentee_pins.items()):
            if count > mentees[mentee_id].capacity:
                raise ValidationError(
                    "pinned",
                    mentee_id,
                    f"{count} pinned pairs for mentee {mentee_id!r}, "
                    f"whose capacity is {mentees[mentee_id].capacity}",
                )

    def mentor(self, mentor_id: str) -> Mentor:
        """Return the mentor with this id.

        Raises:
            UnknownIdError: No such mentor.
        """
        for mentor in self.mentors:
            if mentor.id == mentor_id:
                return mentor
        raise UnknownIdError("mentor_id", mentor_id, "unknown mentor id")

    def mentee(self, mentee_id: str) -> Mentee:
        """Return the mentee with this id.

        Raises:
            UnknownIdError: No such mentee.
        """
        for mentee in self.mentees:
            if mentee.id == mentee_id:
                return mentee
        raise UnknownIdError("mentee_id", mentee_id, "unknown mentee id")
