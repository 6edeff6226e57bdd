"""The allowed pairs of a problem, kept column-wise per mentee, as the solvers read them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Final

__all__ = ["EMPTY_ROW", "AllowedRow", "Candidate", "CandidateLists"]

# An allowed pair, seen from its mentee: (mentor index, score, units, breakdown).
Candidate = tuple[int, float, int, tuple[float, ...]]


class AllowedRow:
    """The allowed pairs of one mentee, column-wise; candidate tuples are made on demand.

    ``mentors`` ascending, with each pair's ``scores`` and ``units``, and one
    column of criterion values per criterion (``None``: 1.0 for every pair).
    Scoring a large problem makes one of these per mentee; the solvers read
    the mentors and units, and only what a result shows (its matches, an
    explanation) needs the breakdown of a pair.
    """

    __slots__ = ("columns", "mentors", "scores", "units")

    def __init__(
        self,
        mentors: list[int],
        scores: list[float],
        units: list[int],
        columns: list[list[float] | None],
    ) -> None:
        self.mentors = tuple(mentors)
        self.scores = tuple(scores)
        self.units = tuple(units)
        self.columns = tuple(None if c is None else tuple(c) for c in columns)

    @classmethod
    def of(cls, candidates: list[Candidate]) -> AllowedRow:
        """The row of candidate tuples (all breakdowns of one length)."""
        if not candidates:
            return EMPTY_ROW
        mentors, scores, units, breakdowns = (list(part) for part in zip(*candidates, strict=True))
        columns: list[list[float] | None] = [list(c) for c in zip(*breakdowns, strict=True)]
        return cls(mentors, scores, units, columns)

    def candidates(self) -> list[Candidate]:
        """Every pair as ``(mentor, score, units, breakdown)``."""
        ones = [1.0] * len(self.mentors)
        breakdowns = zip(*[ones if c is None else c for c in self.columns], strict=True)
        return list(zip(self.mentors, self.scores, self.units, breakdowns, strict=True))

    def values_of(self, j: int) -> tuple[float, tuple[float, ...]]:
        """The score of the pair with mentor ``j`` (in the row) and its criterion values."""
        t = bisect_left(self.mentors, j)  # mentors ascending
        return self.scores[t], self._values_at(t)

    def _values_at(self, t: int) -> tuple[float, ...]:
        return tuple([1.0 if c is None else c[t] for c in self.columns])

    def candidate(self, j: int) -> Candidate:
        """The pair with mentor ``j`` (which must be in the row)."""
        t = bisect_left(self.mentors, j)  # mentors ascending
        return (j, self.scores[t], self.units[t], self._values_at(t))


EMPTY_ROW: Final = AllowedRow([], [], [], [])


class CandidateLists:
    """Every mentee's allowed pairs as candidate tuples, each list made on first use."""

    __slots__ = ("_lists", "rows")

    def __init__(self, rows: list[AllowedRow]) -> None:
        self.rows = rows
        self._lists: list[list[Candidate] | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> list[Candidate]:
        found = self._lists[i]
        if found is None:
            found = self._lists[i] = self.rows[i].candidates()
        return found

    def __iter__(self) -> Iterator[list[Candidate]]:
        return (self[i] for i in range(len(self.rows)))
