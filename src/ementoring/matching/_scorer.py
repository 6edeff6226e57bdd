"""Scoring a problem's pairs: sorted by id, pruned by required criteria, scored in bulk."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from ementoring._validate import is_collection
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.matching._gains import SCALE, mentee_key, mentor_key, pair_hash
from ementoring.matching._models import Criterion, MatchingProblem, Mentee, Mentor, TrustedBulk
from ementoring.matching._pairs import EMPTY_ROW, AllowedRow, Candidate, CandidateLists

__all__ = ["PairScorer", "ScoredPairs"]

# Scores one criterion for a mentee against a list of mentor indices: floats
# in [0, 1], or None when some value is outside (the caller then names it).
_CriterionColumn = Callable[[Mentee, list[int]], "list[float] | None"]


def unit_score(value: Any) -> float | None:
    """A score a criterion's code returned, as a float, or ``None`` unless it is one.

    The one judge of a value that comes back from a caller's scoring code: a
    number from 0 to 1 that converts to a float (``int``, ``float``, ``bool``,
    ``Fraction``, ``Decimal``, a NumPy scalar...). NaN, text, a type, a
    collection or anything else that does not compare with numbers is not.
    """
    try:
        if 0.0 <= value <= 1.0:  # False for NaN
            return float(value)
    except (TypeError, ValueError, ArithmeticError):
        # Not comparable with numbers (text, a type), not one truth value (an
        # array), or a Decimal NaN, which refuses comparison with an ArithmeticError.
        pass
    return None


def _checked(values: Sequence[float], count: int) -> list[float] | None:
    """``count`` values as floats, or ``None`` unless each is a score (see :func:`unit_score`)."""
    try:
        if len(values) != count or not (min(values) >= 0.0 and max(values) <= 1.0):
            return None
        found = list(map(float, values))
    except (TypeError, ValueError, ArithmeticError):  # as unit_score, or not a sequence
        return None
    total = sum(found)
    return None if total != total else found  # a NaN makes the sum NaN


def _index_keys(
    criterion: Criterion, side: int, keys_of: Callable[[Any], Any], person: Mentor | Mentee
) -> tuple[Hashable, ...]:
    """A person's keys from a criterion's ``index_keys`` (a caller's code), checked as they enter."""
    found = keys_of(person)
    role = "mentor" if side == 0 else "mentee"
    field = f"criteria[{criterion.name!r}].index_keys[{side}]({role}={person.id!r})"
    if not is_collection(found):
        raise InvalidTypeError(field, found, "an iterable of hashable keys")
    keys = tuple(found)
    for key in keys:
        try:
            hash(key)
        except TypeError:
            raise InvalidTypeError(field, key, "hashable keys") from None
    return keys


def _bit_indices(mask: int) -> list[int]:
    """The positions of the set bits of a non-negative ``mask``, ascending."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


class PairScorer:
    """A problem sorted by id, with its lookups, the index of required values, and its pairs' scores."""

    def __init__(self, problem: MatchingProblem) -> None:
        if not isinstance(problem, MatchingProblem):
            raise InvalidTypeError("problem", problem, "a MatchingProblem")
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
        # A person can be paired with each one on the other side at most once, so a
        # capacity beyond that count is clamped: a huge capacity costs no more.
        self.mentor_room = [min(m.capacity, len(self.mentees)) for m in self.mentors]
        self.mentee_room = [min(m.capacity, len(self.mentors)) for m in self.mentees]
        for i, j in self.pinned:
            self.mentor_room[j] -= 1
            self.mentee_room[i] -= 1
        self.mentor_keys = [mentor_key(mid) for mid in self.mentor_ids]
        self.mentee_keys = [mentee_key(mid) for mid in self.mentee_ids]
        self._keyed = [c for c in self.criteria if c.required and c.index_keys is not None]
        # The index finds exactly the pairs these score 1: no need to score them.
        self._exact = {c for c in self._keyed if c.index_exact}
        # Mentors by required value, as bitmasks of mentor indices (bit j is
        # mentor j): a union of keys is an OR, the intersection an AND.
        self._index: list[dict[object, int]] = []
        for criterion in self._keyed:
            assert criterion.index_keys is not None
            mentor_keys = criterion.index_keys[0]
            index: dict[object, int] = {}
            for j, mentor in enumerate(self.mentors):
                for key in _index_keys(criterion, 0, mentor_keys, mentor):
                    index[key] = index.get(key, 0) | (1 << j)
            self._index.append(index)
        self._columns: list[_CriterionColumn | None] | None = None  # built on first use
        # Mentees with the same required values (field, language) share candidates.
        self._mentee_keys = [(c, c.index_keys[1]) for c in self._keyed if c.index_keys is not None]
        self._candidates: dict[tuple[tuple[object, ...], ...], tuple[int, ...]] = {}

    def candidates(self, i: int) -> Sequence[int]:
        """Mentor indices that pass the indexed required criteria for mentee ``i``, ascending."""
        if not self._keyed:
            return range(len(self.mentors))
        mentee = self.mentees[i]
        keys = tuple(_index_keys(c, 1, mentee_keys, mentee) for c, mentee_keys in self._mentee_keys)
        cached = self._candidates.get(keys)
        if cached is not None:
            return cached
        found = -1  # every mentor
        for index, mentee_keys in zip(self._index, keys, strict=True):
            union = 0
            for key in mentee_keys:
                union |= index.get(key, 0)
            found &= union
            if not found:
                break
        indices = self._candidates[keys] = tuple(_bit_indices(found)) if found else ()
        return indices

    def _allowed(self, position: int, mentee: Mentee) -> int:
        """The mentors an indexed criterion allows the mentee, as a bitmask (bit j: mentor j)."""
        criterion, mentee_keys = self._mentee_keys[position]
        union = 0
        for key in _index_keys(criterion, 1, mentee_keys, mentee):
            union |= self._index[position].get(key, 0)
        return union

    def evaluate(self, i: int, j: int, *, stop_on_required: bool) -> tuple[float, ...] | int:
        """Score every criterion for the pair, or return the index of a failed required one."""
        mentor, mentee = self.mentors[j], self.mentees[i]
        scores = [0.0] * len(self.criteria)
        for k in self.order:
            criterion = self.criteria[k]
            value = criterion.score(mentor, mentee)
            score = unit_score(value)
            if score is None:
                raise ValidationError(
                    f"criteria[{criterion.name!r}].score(mentor={mentor.id!r}, mentee={mentee.id!r})",
                    value,
                    "a criterion must score a pair between 0 and 1",
                )
            if criterion.required and score == 0 and stop_on_required:
                return k
            scores[k] = score
        return tuple(scores)

    def tie(self, i: int, j: int) -> int:
        """:func:`tie_hash` of mentee ``i`` and mentor ``j``, from the keys computed once."""
        return pair_hash(self.mentee_keys[i], self.mentor_keys[j])

    def score_of(self, breakdown: tuple[float, ...]) -> float:
        """The weighted mean of a breakdown (summed in criterion order, as in :meth:`allowed`)."""
        score = 0.0
        for value, share in zip(breakdown, self.shares, strict=True):
            score += value * share
        return score

    def allowed(self, i: int) -> list[Candidate]:
        """The allowed, not pinned, pairs of mentee ``i``, by mentor index."""
        return self.allowed_row(i).candidates()

    def allowed_row(self, i: int) -> AllowedRow:
        """:meth:`allowed`, column-wise: what scoring computes, before any tuple per pair.

        Criteria are evaluated column by column over the mentee's candidates
        (required ones first, each dropping the pairs it refuses), through
        their bulk scorer when they have one; the pair score is summed in
        criterion order exactly as in :meth:`allowed_reference`, so both give
        identical floats.
        """
        columns = self._columns
        if columns is None:
            columns = self._columns = [self._column(c) for c in self.criteria]
        mentors: list[int] = list(self.candidates(i))
        forbidden = self.forbidden.get(i)
        pinned = self.pinned_of.get(i)
        if forbidden or pinned:
            skip = (forbidden or set()) | (pinned or set())
            mentors = [j for j in mentors if j not in skip]
        if not mentors:
            return EMPTY_ROW
        mentee = self.mentees[i]
        values: list[list[float] | None] = [None] * len(self.criteria)  # None: all 1.0
        for k in self.order:
            column = columns[k]
            if column is None:
                continue
            found = column(mentee, mentors)
            if found is None:
                return AllowedRow.of(self.allowed_reference(i))  # raises, naming the pair
            if self.criteria[k].required and 0.0 in found:
                keep = [t for t, value in enumerate(found) if value]
                if not keep:
                    return EMPTY_ROW
                mentors = [mentors[t] for t in keep]
                found = [found[t] for t in keep]
                for earlier, done in enumerate(values):
                    if done is not None:
                        values[earlier] = [done[t] for t in keep]
            values[k] = found
        # The weighted mean, summed term by term in criterion order (as in
        # allowed_reference), on whole columns; leading constant terms stay
        # one number.
        total: float | list[float] = 0.0
        for found, share in zip(values, self.shares, strict=True):
            if found is None:
                term = 1.0 * share
                total = total + term if isinstance(total, float) else [t + term for t in total]
            elif isinstance(total, float):
                start = total
                total = [start + value * share for value in found]
            else:
                total = [t + value * share for t, value in zip(total, found, strict=True)]
        scores = [total] * len(mentors) if isinstance(total, float) else total
        minimum = self.problem.min_score
        if minimum > 0 and min(scores) < minimum:
            keep = [t for t, score in enumerate(scores) if score >= minimum]
            mentors = [mentors[t] for t in keep]
            scores = [scores[t] for t in keep]
            values = [None if found is None else [found[t] for t in keep] for found in values]
        return AllowedRow(mentors, scores, [round(score * SCALE) for score in scores], values)

    def _column(self, criterion: Criterion) -> _CriterionColumn | None:
        """How to score one criterion over a mentee's candidates; ``None``: 1.0 for every one."""
        if criterion in self._exact:
            return None
        everyone = self.mentors
        if criterion.bulk is None:
            score = criterion.score

            def each(mentee: Mentee, mentors: list[int]) -> list[float] | None:
                return _checked([score(everyone[j], mentee) for j in mentors], len(mentors))

            return each
        if isinstance(criterion.bulk, TrustedBulk):
            return criterion.bulk(everyone)
        scores = criterion.bulk(everyone)
        if not callable(scores) or isinstance(scores, type):
            raise InvalidTypeError(
                f"criteria[{criterion.name!r}].bulk(mentors)",
                scores,
                "a function scoring a mentee against mentor positions",
            )

        def bulk(mentee: Mentee, mentors: list[int]) -> list[float] | None:
            return _checked(scores(mentee, mentors), len(mentors))

        return bulk

    def allowed_reference(self, i: int) -> list[Candidate]:
        """:meth:`allowed`, pair by pair: the plain definition, and the path that names errors.

        :meth:`allowed` falls back to it for a mentee when a criterion scores
        a pair outside ``[0, 1]``, so the error is the one this loop raises.
        """
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
        # The index finds exactly the pairs the exact criteria score 1.
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
                    # Floats in [0, 1] (the usual case) pass at once; anything else is judged.
                    if value.__class__ is not float or not 0.0 <= value <= 1.0:
                        judged = unit_score(value)
                        if judged is None:
                            raise TypeError
                        value = judged
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

    def exclusions(self, i: int) -> dict[str, int]:
        """How many mentors each rule excludes for mentee ``i`` (one mentor may fail several).

        Column by column over every mentor, as scoring does: an exact-indexed
        criterion fails the mentors outside the mentee's keys (its index says
        exactly which score 0), the others through their bulk scorer. A mentee
        left with no allowed mentor costs a few column passes, not a call of
        every criterion on every pair; :meth:`exclusions_reference` is the
        plain definition, and the path that names a criterion scoring out of range.
        """
        columns = self._columns
        if columns is None:
            columns = self._columns = [self._column(c) for c in self.criteria]
        pinned = self.pinned_of.get(i, set())
        mentee = self.mentees[i]
        counts = {c.name: 0 for c in self.criteria if c.required}
        forbidden = self.forbidden.get(i, set())
        # Without a minimum score only the required criteria and forbidden pairs exclude,
        # and the exact-indexed ones are counted on their index's bits alone.
        scored = self.problem.min_score > 0
        if not scored and all(c in self._exact for c in self.criteria if c.required):
            everyone = ((1 << len(self.mentors)) - 1) ^ sum(1 << j for j in pinned)
            for position, keyed in enumerate(self._keyed):
                if keyed.required:
                    union = self._allowed(position, mentee)
                    counts[keyed.name] = everyone.bit_count() - (union & everyone).bit_count()
            counts["forbidden"] = len(forbidden - pinned)
            counts["min_score"] = 0
            return counts
        mentors = [j for j in range(len(self.mentors)) if j not in pinned]
        failed = [False] * len(mentors)
        values: list[list[float] | None] = [None] * len(self.criteria)  # None: all 1.0
        for k, criterion in enumerate(self.criteria):
            if not (criterion.required or scored):
                continue
            if criterion in self._exact:
                position = self._keyed.index(criterion)
                union = self._allowed(position, mentee)
                found = [float(union >> j & 1) for j in mentors]
            elif (column := columns[k]) is not None:
                checked = column(mentee, mentors)
                if checked is None:
                    return self.exclusions_reference(i)  # raises, naming the pair
                found = checked
            else:
                continue
            values[k] = found
            if criterion.required:
                zeros = [t for t, value in enumerate(found) if value == 0]
                counts[criterion.name] = len(zeros)
                for t in zeros:
                    failed[t] = True
        counts["forbidden"] = 0
        for t, j in enumerate(mentors):
            if j in forbidden:
                counts["forbidden"] += 1
                failed[t] = True
        counts["min_score"] = 0
        minimum = self.problem.min_score
        for t, gone in enumerate(failed if scored else ()):
            if not gone:
                breakdown = tuple(1.0 if found is None else found[t] for found in values)
                counts["min_score"] += self.score_of(breakdown) < minimum
        return counts

    def exclusions_reference(self, i: int) -> dict[str, int]:
        """:meth:`exclusions`, pair by pair: every criterion called on every mentor."""
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


class ScoredPairs:
    """Every allowed pair of a problem, scored once."""

    def __init__(self, scorer: PairScorer) -> None:
        self.scorer = scorer
        self.rows: list[AllowedRow] = [
            scorer.allowed_row(i) if scorer.mentee_room[i] > 0 else EMPTY_ROW
            for i in range(len(scorer.mentees))
        ]
        self.allowed = CandidateLists(self.rows)
        self.pinned: list[tuple[int, int, float, tuple[float, ...]]] = []
        for i, j in scorer.pinned:
            breakdown = scorer.evaluate(i, j, stop_on_required=False)
            assert not isinstance(breakdown, int)
            self.pinned.append((i, j, scorer.score_of(breakdown), breakdown))
        # The residual graph of a solved result, built by explain() on first use.
        self.residual: object = None
        # The result these pairs were scored for (explain trusts only that one:
        # a copy made by attrs.evolve may have been changed).
        self.owner: object = None
        self._mentor_parts: list[int] | None = None

    def mentor_parts(self) -> list[int]:
        """Each mentor's connected part of the usable pairs, as one mentor index per part (cached).

        Usable: the mentee wants a mentor and the mentor has a seat left after
        the pinned pairs. A mentee belongs to the part of their usable mentors.
        """
        if self._mentor_parts is not None:
            return self._mentor_parts
        rooms = self.scorer.mentor_room
        parent = list(range(len(rooms)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = x = parent[parent[x]]
            return x

        everyone_has_room = all(room > 0 for room in rooms)
        for row in self.rows:
            mentors = row.mentors if everyone_has_room else [j for j in row.mentors if rooms[j] > 0]
            if mentors:
                root = find(mentors[0])
                for j in mentors:
                    if parent[j] != root:  # else already joined: the common case, kept cheap
                        other = find(j)
                        if other != root:
                            parent[other] = root
        self._mentor_parts = [find(j) for j in range(len(rooms))]
        return self._mentor_parts

    def max_pairs(self) -> int:
        """An upper bound on the number of pairs the solver can add."""
        rooms = self.scorer.mentor_room
        mentee_side = sum(
            r for r, row in zip(self.scorer.mentee_room, self.rows, strict=True) if row.mentors
        )
        return min(mentee_side, sum(r for r in rooms if r > 0))
