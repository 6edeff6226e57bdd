"""Scoring pairs, pruning by required criteria, and the integer weights the solvers see.

This module is the one place where scores become integers: a score ``s`` in
``[0, 1]`` counts as ``round(s * SCALE)`` millionths. The solvers maximise the
sum of integer gains ``units * tie_unit + tie_hash(mentee_id, mentor_id)``,
plus ``bonus`` per pair under ``"most_matched"``:

- ``tie_hash`` is a 16-bit hash of both ids together (blake2b, stable across
  runs and machines) plus 1, so it lies in ``[1, 65536]``. Being a hash of the
  pair, not ``f(mentor) + g(mentee)``, it does not cancel around alternating
  cycles, so among equal-score optima one is preferred whatever the input
  order or solver.
- ``tie_unit`` exceeds any possible sum of tie hashes, so a tie hash never
  outweighs one millionth of score.
- ``bonus`` exceeds any possible sum of the other terms, so one more pair
  always beats any gain in score.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Final

from ementoring.errors import ValidationError
from ementoring.matching._models import MatchingProblem, Mentee, Mentor

__all__ = ["SCALE", "TIE_RANGE", "Context", "Scored", "Weights", "tie_hash", "units"]

SCALE: Final = 1_000_000
"""Integer units per score point: scores are compared in millionths."""

TIE_RANGE: Final = 1 << 16
"""The tie hash lies in ``[1, TIE_RANGE]``."""

# An allowed pair, seen from its mentee: (mentor index, score, units, breakdown).
Candidate = tuple[int, float, int, tuple[float, ...]]


def units(score: float) -> int:
    """Return a score in integer millionths, the resolution at which scores are compared.

    >>> units(0.8333333333)
    833333
    """
    return round(score * SCALE)


def tie_hash(mentee_id: str, mentor_id: str) -> int:
    """Return the stable 16-bit tie-break of a pair, in ``[1, 65536]``.

    >>> tie_hash("olga", "ana") == tie_hash("olga", "ana") != tie_hash("ana", "olga")
    True
    """
    return _tie_hash(_mentee_prefix(mentee_id), mentor_id.encode())


def _mentee_prefix(mentee_id: str) -> bytes:
    # The length prefix keeps ("ab", "c") and ("a", "bc") apart.
    return f"{len(mentee_id)}:{mentee_id}|".encode()


def _tie_hash(mentee_prefix: bytes, mentor_bytes: bytes) -> int:
    digest = hashlib.blake2b(mentee_prefix + mentor_bytes, digest_size=2).digest()
    return 1 + int.from_bytes(digest, "big")


class Weights:
    """The integer gain of every pair of one problem under one objective."""

    __slots__ = ("bonus", "tie_unit")

    def __init__(self, max_pairs: int, objective: str) -> None:
        self.tie_unit = (TIE_RANGE + 1) * (max_pairs + 1)
        self.bonus = (
            max_pairs * (SCALE * self.tie_unit + TIE_RANGE) + 1
            if objective == "most_matched"
            else 0
        )

    def gain(self, score_units: int, mentee_id: str, mentor_id: str) -> int:
        """The integer the solvers maximise for this pair."""
        return self.bonus + score_units * self.tie_unit + tie_hash(mentee_id, mentor_id)

    def gains(
        self, mentee_id: str, pairs: list[tuple[int, int]], mentor_ids: list[str]
    ) -> list[int]:
        """The gains of one mentee's ``(mentor index, units)`` pairs, hashing in bulk."""
        prefix = _mentee_prefix(mentee_id)
        bonus, unit = self.bonus, self.tie_unit
        return [
            bonus + units * unit + _tie_hash(prefix, mentor_ids[j].encode()) for j, units in pairs
        ]


class Context:
    """A problem sorted by id, with lookups and the index of required values."""

    def __init__(self, problem: MatchingProblem) -> None:
        self.problem = problem
        self.mentors: list[Mentor] = sorted(problem.mentors, key=lambda m: m.id)
        self.mentees: list[Mentee] = sorted(problem.mentees, key=lambda m: m.id)
        self.mentor_ids = [m.id for m in self.mentors]
        self.mentee_ids = [m.id for m in self.mentees]
        self.mentor_index = {mid: j for j, mid in enumerate(self.mentor_ids)}
        self.mentee_index = {mid: i for i, mid in enumerate(self.mentee_ids)}
        self.criteria = problem.criteria
        self.names = tuple(c.name for c in problem.criteria)
        total = sum(c.weight for c in problem.criteria)
        self.shares = tuple(c.weight / total for c in problem.criteria)
        # Required criteria are evaluated first, so a failing pair stops early.
        self.order = sorted(range(len(self.criteria)), key=lambda k: not self.criteria[k].required)
        self.forbidden: dict[int, set[int]] = {}
        for mentor_id, mentee_id in problem.forbidden_set:
            i, j = self.mentee_index[mentee_id], self.mentor_index[mentor_id]
            self.forbidden.setdefault(i, set()).add(j)
        self.pinned = [
            (self.mentee_index[mentee_id], self.mentor_index[mentor_id])
            for mentor_id, mentee_id in problem.pinned
        ]
        pinned_set = set(self.pinned)
        self.pinned_of: dict[int, set[int]] = {}
        for i, j in pinned_set:
            self.pinned_of.setdefault(i, set()).add(j)
        self.mentor_room = [m.capacity for m in self.mentors]
        self.mentee_room = [m.capacity for m in self.mentees]
        for i, j in self.pinned:
            self.mentor_room[j] -= 1
            self.mentee_room[i] -= 1
        self._keyed = [c for c in self.criteria if c.required and c.index_keys is not None]
        self._exact = {c for c in self._keyed if getattr(c.score, "index_exact", False) is True}
        self._index: list[dict[object, set[int]]] = []
        for criterion in self._keyed:
            assert criterion.index_keys is not None
            mentor_keys = criterion.index_keys[0]
            index: dict[object, set[int]] = {}
            for j, mentor in enumerate(self.mentors):
                for key in mentor_keys(mentor):
                    index.setdefault(key, set()).add(j)
            self._index.append(index)

    def candidates(self, i: int) -> Iterable[int]:
        """Mentor indices that pass the indexed required criteria for mentee ``i``."""
        if not self._keyed:
            return range(len(self.mentors))
        mentee = self.mentees[i]
        found: set[int] | None = None
        for criterion, index in zip(self._keyed, self._index, strict=True):
            assert criterion.index_keys is not None
            union: set[int] = set()
            for key in criterion.index_keys[1](mentee):
                union |= index.get(key, set())
            found = union if found is None else found & union
            if not found:
                return ()
        assert found is not None
        return sorted(found)

    def evaluate(self, i: int, j: int, *, stop_on_required: bool) -> tuple[float, ...] | int:
        """Score every criterion for the pair, or return the index of a failed required one."""
        mentor, mentee = self.mentors[j], self.mentees[i]
        scores = [0.0] * len(self.criteria)
        for k in self.order:
            criterion = self.criteria[k]
            value = criterion.score(mentor, mentee)
            try:
                ok = bool(0.0 <= value <= 1.0)
            except TypeError:
                ok = False
            if not ok:
                raise ValidationError(
                    f"criteria[{criterion.name!r}].score(mentor={mentor.id!r}, mentee={mentee.id!r})",
                    value,
                    "a criterion must score a pair between 0 and 1",
                )
            if criterion.required and value == 0 and stop_on_required:
                return k
            scores[k] = float(value)
        return tuple(scores)

    def score_of(self, breakdown: tuple[float, ...]) -> float:
        """The weighted mean of a breakdown (summed in criterion order, as in :meth:`allowed`)."""
        score = 0.0
        for value, share in zip(breakdown, self.shares, strict=True):
            score += value * share
        return score

    def allowed(self, i: int) -> list[Candidate]:
        """The allowed, not pinned, pairs of mentee ``i``, by mentor index."""
        forbidden = self.forbidden.get(i, ())
        pinned = self.pinned_of.get(i, ())
        minimum = self.problem.min_score
        mentee, mentors = self.mentees[i], self.mentors
        # The hot loop of scoring: criteria in evaluation order, required first.
        plan = [
            (k, self.criteria[k].score, self.criteria[k].required)
            for k in self.order
            if self.criteria[k] not in self._exact
        ]
        shares = self.shares
        # Built-in sharing criteria used for the index score exactly 1 on candidates.
        exact_scores = [1.0 if c in self._exact else 0.0 for c in self.criteria]
        found: list[Candidate] = []
        for j in self.candidates(i):
            if j in forbidden or j in pinned:
                continue
            mentor = mentors[j]
            scores = list(exact_scores)
            try:
                for k, score_function, required in plan:
                    value = score_function(mentor, mentee)
                    if not 0.0 <= value <= 1.0:  # also refuses NaN
                        raise TypeError
                    if required and not value:
                        break
                    scores[k] = float(value)
                else:
                    score = 0.0
                    for value, share in zip(scores, shares, strict=True):
                        score += value * share
                    if score >= minimum:
                        found.append((j, score, round(score * SCALE), tuple(scores)))
            except TypeError:
                self.evaluate(i, j, stop_on_required=False)  # raises, naming the pair
                raise  # pragma: no cover - evaluate() always raises here
        return found

    def why_not(self, i: int, j: int) -> str:
        """Name the rules that exclude pair (mentee i, mentor j), in a short phrase."""
        breakdown = self.evaluate(i, j, stop_on_required=False)
        assert not isinstance(breakdown, int)
        rules = [
            f"no {c.name}" for k, c in enumerate(self.criteria) if c.required and breakdown[k] == 0
        ]
        if j in self.forbidden.get(i, ()):
            rules.append("forbidden")
        if not rules:
            score = self.score_of(breakdown)
            rules.append(f"score {score:.2f} below min_score {self.problem.min_score:.2f}")
        return ", ".join(rules)

    def exclusions(self, i: int) -> dict[str, int]:
        """How many mentors each rule excludes for mentee ``i`` (one mentor may fail several)."""
        counts = {c.name: 0 for c in self.criteria if c.required}
        counts["forbidden"] = 0
        counts["min_score"] = 0
        forbidden = self.forbidden.get(i, ())
        for j in range(len(self.mentors)):
            if j in self.pinned_of.get(i, ()):
                continue
            breakdown = self.evaluate(i, j, stop_on_required=False)
            assert not isinstance(breakdown, int)
            failed = False
            for k, criterion in enumerate(self.criteria):
                if criterion.required and breakdown[k] == 0:
                    counts[criterion.name] += 1
                    failed = True
            if j in forbidden:
                counts["forbidden"] += 1
                failed = True
            if not failed and self.score_of(breakdown) < self.problem.min_score:
                counts["min_score"] += 1
        return counts


class Scored:
    """Every allowed pair of a problem, scored once."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.allowed: list[list[Candidate]] = [
            context.allowed(i) if context.mentee_room[i] > 0 else []
            for i in range(len(context.mentees))
        ]
        self.pinned: list[tuple[int, int, float, tuple[float, ...]]] = []
        for i, j in context.pinned:
            breakdown = context.evaluate(i, j, stop_on_required=False)
            assert not isinstance(breakdown, int)
            self.pinned.append((i, j, context.score_of(breakdown), breakdown))
        # The residual graph of a solved result, built by explain() on first use.
        self.residual: object = None

    def max_pairs(self) -> int:
        """An upper bound on the number of pairs the solver can add."""
        rooms = self.context.mentor_room
        mentee_side = sum(
            r for r, a in zip(self.context.mentee_room, self.allowed, strict=True) if a
        )
        return min(mentee_side, sum(r for r in rooms if r > 0))
