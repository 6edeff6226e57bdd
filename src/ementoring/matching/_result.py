"""What solving returns: matches, the unmatched with reasons, and the optimality certificate."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._validate import (
    Choice,
    coerce_enum,
    flag,
    identifier,
    items_of,
    number,
    require_identifier,
    require_number,
    require_type,
)
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.matching._gains import GAIN_RULES
from ementoring.matching._scorer import ScoredPairs

__all__ = [
    "Certificate",
    "Match",
    "MatchingResult",
    "Objective",
    "Recommendation",
    "Unmatched",
    "UnmatchedReason",
]


class Objective(Choice):
    """What :func:`solve` optimises."""

    MOST_MATCHED = "most_matched"
    """The most pairs; among those, the greatest total score."""
    TOTAL_SCORE = "total_score"
    """The greatest total score."""
    STABLE = "stable"
    """Mentee-proposing deferred acceptance: no pair would both rather be together."""


class UnmatchedReason(Choice):
    """Why a mentee got fewer mentors than they wanted."""

    NO_ALLOWED_MENTOR = "no_allowed_mentor"
    MENTORS_FULL = "mentors_full"


def check_objective(value: Objective | str) -> Objective:
    return coerce_enum(Objective, value, "objective")


def _reason(value: UnmatchedReason | str) -> UnmatchedReason:
    return coerce_enum(UnmatchedReason, value, "reason")


# A pair score is a weighted mean of criterion scores in [0, 1]; summed in
# floats it can pass 1 by a few units of rounding (1.0000000000000004).
_LARGEST_SCORE = 1 + 1e-9


def check_scores(score: Any, breakdown: Mapping[str, Any]) -> None:
    """Refuse a pair score or a breakdown that is not scores (from 0 to 1) by criterion name."""
    require_number(score, "score", minimum=0, maximum=_LARGEST_SCORE)
    for name, value in breakdown.items():
        if not isinstance(name, str):
            raise InvalidTypeError("breakdown", name, "criterion names (text) as keys")
        require_number(value, f"breakdown[{name!r}]", minimum=0, maximum=1)


def _whole_numbers(_instance: Any, field: attrs.Attribute[Any], value: Mapping[str, Any]) -> None:
    """Validator: a mapping of ids to whole numbers (seats, prices, surpluses)."""
    for key, item in value.items():
        require_identifier(key, field.name)
        require_type(item, int, f"{field.name}[{key!r}]", "a whole number")


def _whole_number(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    require_type(value, int, field.name, "a whole number")


def _optional_whole_number(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        require_type(value, int, field.name, "a whole number or None")


# What fingerprint() returns: "sha256:" and 64 lower-case hexadecimal digits.
_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


def _fingerprint(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidTypeError(field.name, value, "a fingerprint (text) or None")
    if not _FINGERPRINT.fullmatch(value):
        raise ValidationError(field.name, value, "must be 'sha256:' and 64 hexadecimal digits")


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("mapping", value, "a mapping")
    return MappingProxyType(dict(value))


@attrs.frozen
class Match:
    """One pair in a result.

    Args:
        mentor_id: The mentor.
        mentee_id: The mentee.
        score: The pair score, the weighted mean of ``breakdown``.
        breakdown: Criterion name to its score for this pair.
        pinned: True when the pair was pinned by the problem.
    """

    mentor_id: str = attrs.field(validator=identifier)
    mentee_id: str = attrs.field(validator=identifier)
    score: float
    breakdown: Mapping[str, float] = attrs.field(converter=_frozen_mapping, hash=False)
    pinned: bool = attrs.field(default=False, validator=flag)

    def __attrs_post_init__(self) -> None:
        check_scores(self.score, self.breakdown)


# solve() makes one Match per pair of its result (fifty thousand on a large
# cohort) from values it computed itself: ids from the problem, a float score and
# breakdown from the scorer. Checking each again through __init__ cost more than
# solving (measured in benchmarks/bench_ortools.py), so these two build the
# frozen instances directly. Everyone else goes through the checked constructors.
_new = object.__new__
_set = object.__setattr__


def trusted_match(
    mentor_id: str,
    mentee_id: str,
    score: float,
    breakdown: Mapping[str, float],
    pinned: bool,
) -> Match:
    """A :class:`Match` of values the solver computed (ids, floats), without checking them again.

    ``breakdown`` must be read-only (a ``MappingProxyType`` of a dict nobody
    else holds); matches with equal breakdowns may share one.
    """
    match: Match = _new(Match)
    _set(match, "mentor_id", mentor_id)
    _set(match, "mentee_id", mentee_id)
    _set(match, "score", score)
    _set(match, "breakdown", breakdown)
    _set(match, "pinned", pinned)
    return match


@attrs.frozen
class Unmatched:
    """Why a mentee is short of mentors.

    ``reason`` is ``"no_allowed_mentor"``, with ``detail`` mapping each required
    criterion's name, ``"forbidden"`` and ``"min_score"`` to how many mentors
    it excludes (a mentor can fail several rules); or ``"mentors_full"``, with
    ``detail`` mapping each allowed mentor to the mentees holding their seats.
    """

    reason: UnmatchedReason = attrs.field(converter=_reason)
    detail: Mapping[str, Any] = attrs.field(converter=_frozen_mapping, hash=False)

    def __attrs_post_init__(self) -> None:
        # Counts per rule (no allowed mentor), or the mentees holding each seat (mentors full).
        for key, value in self.detail.items():
            count = isinstance(value, int) and not isinstance(value, bool)
            ids = isinstance(value, tuple) and all(isinstance(i, str) for i in value)
            if not isinstance(key, str) or not (count or ids):
                raise InvalidTypeError(
                    f"detail[{key!r}]", value, "a count or a tuple of mentee ids"
                )


def trusted_unmatched(reason: UnmatchedReason, detail: dict[str, Any]) -> Unmatched:
    """An :class:`Unmatched` the solver built (counts or tuples of ids), without checking again.

    ``detail`` must be a new dict nobody else holds.
    """
    unmatched: Unmatched = _new(Unmatched)
    _set(unmatched, "reason", reason)
    _set(unmatched, "detail", MappingProxyType(detail))
    return unmatched


@attrs.frozen
class Recommendation:
    """A mentor suggested to a mentee, with the pair's score and its breakdown."""

    mentor_id: str = attrs.field(validator=identifier)
    score: float
    breakdown: Mapping[str, float] = attrs.field(converter=_frozen_mapping, hash=False)

    def __attrs_post_init__(self) -> None:
        check_scores(self.score, self.breakdown)


@attrs.frozen(kw_only=True)
class Certificate:
    """The dual solution that proves a result optimal (see :func:`verify`).

    Gains are integers: ``bonus + units * tie_unit + tie_hash`` per pair, with
    ``units`` the score in millionths (see ``ementoring.matching._gains``).

    Args:
        mentee_surplus: ``u`` per mentee, 0 or more.
        mentor_price: ``v`` per mentor: what one more seat of theirs is worth.
        tie_unit: The gain of one millionth of score.
        bonus: The gain added per pair under ``"most_matched"`` (else 0).
        gain_rules: The rules of the integer gains the prices were computed
            against (the tie hash and the weights): this version's are
            :data:`~ementoring.matching.GAIN_RULES`. ``None`` for a certificate read from an ementoring 0.1
            document, which did not record them and may predate them (see
            :func:`verify`).
    """

    mentee_surplus: Mapping[str, int] = attrs.field(
        converter=_frozen_mapping, validator=_whole_numbers, hash=False
    )
    mentor_price: Mapping[str, int] = attrs.field(
        converter=_frozen_mapping, validator=_whole_numbers, hash=False
    )
    tie_unit: int = attrs.field(validator=_whole_number)
    bonus: int = attrs.field(validator=_whole_number)
    gain_rules: int | None = attrs.field(default=GAIN_RULES, validator=_optional_whole_number)


def _matches(value: Any) -> tuple[Match, ...]:
    return items_of(value, Match, "matches", "a collection of Match", each="a Match")


def _unmatched(_instance: Any, field: attrs.Attribute[Any], value: Mapping[str, Any]) -> None:
    for key, item in value.items():
        require_identifier(key, field.name)
        require_type(item, Unmatched, f"{field.name}[{key!r}]", "an Unmatched")


def _certificate(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        require_type(value, Certificate, field.name, "a Certificate or None")


def _scored(_instance: Any, _field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        require_type(value, ScoredPairs, "scored", "the ScoredPairs of solve() or None")


def _explainer(_instance: Any, _field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not callable(value):
        raise InvalidTypeError("explainer", value, "the explainer of solve() or None")


@attrs.frozen(kw_only=True)
class MatchingResult:
    """The outcome of :func:`solve`.

    Args:
        objective: What was optimised.
        matches: Pairs, sorted by mentee id then mentor id.
        unmatched: Mentee id to why they got fewer mentors than they wanted.
        spare_capacity: Mentor id to free seats.
        total_score: The sum of the matches' scores.
        certificate: The optimality proof (``None`` for ``"stable"``).
        problem_fingerprint: The :func:`~ementoring.matching.fingerprint` of
            the problem solved, so :func:`verify` and :func:`explain` can tell
            another problem; ``None`` when it is not known (a problem with a
            criterion made from a bare function, a result built by hand or
            stored by ementoring 0.1).
    """

    objective: Objective = attrs.field(converter=check_objective)
    matches: tuple[Match, ...] = attrs.field(converter=_matches)
    unmatched: Mapping[str, Unmatched] = attrs.field(
        converter=_frozen_mapping, validator=_unmatched, hash=False
    )
    spare_capacity: Mapping[str, int] = attrs.field(
        converter=_frozen_mapping, validator=_whole_numbers, hash=False
    )
    total_score: float = attrs.field(validator=number())
    certificate: Certificate | None = attrs.field(default=None, validator=_certificate)
    problem_fingerprint: str | None = attrs.field(default=None, validator=_fingerprint)
    # What explain() reads: every allowed pair, scored once (not part of equality).
    _scored: ScoredPairs | None = attrs.field(
        default=None, validator=_scored, repr=False, eq=False, hash=False
    )
    # How solve() explains its own result: given by solve(), which sits above both
    # this module and the explanations (they read this one, so it cannot read them).
    _explainer: Callable[[MatchingResult, str], str] | None = attrs.field(
        default=None, validator=_explainer, repr=False, eq=False, hash=False
    )

    def mentors_of(self, mentee_id: str) -> tuple[str, ...]:
        """The mentor ids matched with a mentee, sorted."""
        return tuple(m.mentor_id for m in self.matches if m.mentee_id == mentee_id)

    def explain(self, mentee_id: str) -> str:
        """Explain in plain sentences what happened to one mentee, and why.

        A shortcut for ``explain(problem, result, mentee_id).text()`` (see
        :func:`ementoring.matching.explain`, which also gives the same as
        data) on a result fresh from :func:`solve`, which knows its problem.

        Raises:
            UnknownIdError: No such mentee.
            ValidationError: The result was built by hand or read back from a
                document: it does not know its problem; call
                ``explain(problem, result, mentee_id)``.
        """
        if self._explainer is None:
            raise ValidationError(
                "result",
                "MatchingResult",
                "only a result returned by solve() knows its problem:"
                " use explain(problem, result, mentee_id)",
            )
        return self._explainer(self, mentee_id)
