"""A connected part of the allowed-pair graph, as the solvers see it, and their solution.

The problem is a min-cost flow: each mentee ``i`` sends ``a_i`` units, each
either to an allowed mentor ``j`` (at most once per pair, at most ``b_j`` per
mentor, gain ``g_ij``) or to "unassigned" (gain 0). Its LP relaxation is
integral, so shortest augmenting paths are exact. Their dual solution,
``u_i >= 0`` per mentee and ``v_j >= 0`` per mentor, certifies optimality:

- a chosen pair has ``u_i + v_j <= g_ij``, an allowed pair not chosen has
  ``u_i + v_j >= g_ij``;
- ``u_i > 0`` only for a mentee who got all ``a_i`` mentors, ``v_j > 0`` only
  for a full mentor.

(:func:`ementoring.matching.verify` checks exactly this.) Among the dual
solutions of an assignment, every back-end returns the same one: each
mentor's price is its shortest residual distance to the sink (the highest
price consistent with the optimum: what its least valued holder brings).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

from ementoring.matching._solvers._arrays import load_numpy, tie_bits

if TYPE_CHECKING:
    from ementoring.matching._solvers._arrays import IntArray

__all__ = ["Adjacency", "Component", "PairUnits", "Solution"]

# (mentor index, gain) for each allowed pair of a mentee, in component-local indices.
Adjacency = list[list[tuple[int, int]]]


class Component:
    """One connected part of the allowed-pair graph, in local indices.

    The pairs are kept either as ``adjacency`` (``(mentor, gain)`` per pair,
    what the pure-Python solver loops over) or as ``lists`` (each mentee's
    mentors and gains as two parallel lists); each is made from the other on
    first use. Or as :class:`PairUnits`, from which the gains are computed only
    when asked for: the outside back-ends compute them as arrays instead
    (``_edges.edge_arrays``), without a Python integer per pair.
    """

    __slots__ = (
        "_adjacency",
        "_lists",
        "bonus",
        "mentee_room",
        "mentees",
        "mentor_room",
        "mentors",
        "pair_units",
        "price_step",
    )

    def __init__(
        self,
        mentees: list[int],
        mentors: list[int],
        mentee_room: list[int],
        mentor_room: list[int],
        adjacency: Adjacency | None = None,
        bonus: int = 0,
        price_step: int = 1,
        *,
        lists: tuple[Sequence[Sequence[int]], Sequence[Sequence[int]]] | None = None,
        pair_units: PairUnits | None = None,
    ) -> None:
        if (adjacency is not None) + (lists is not None) + (pair_units is not None) != 1:
            raise TypeError("give the pairs as adjacency, lists or pair_units")  # pragma: no cover
        self.bonus = bonus  # included in every gain ("most_matched"); 0 otherwise
        self.price_step = price_step  # gain of one unit of score (the warm start's step)
        self.mentees = mentees  # global indices, ascending
        self.mentors = mentors
        self.mentee_room = mentee_room
        self.mentor_room = mentor_room
        self._adjacency = adjacency
        self._lists = lists
        self.pair_units = pair_units

    @property
    def adjacency(self) -> Adjacency:
        """``(mentor, gain)`` for each allowed pair of each mentee."""
        if self._adjacency is None:
            self._adjacency = [
                list(zip(js, gs, strict=True)) for js, gs in zip(*self.lists, strict=True)
            ]
        return self._adjacency

    def pair_count(self) -> int:
        """How many allowed pairs the component has."""
        units = self.pair_units
        mentors = units.mentors if units is not None else self.lists[0]
        return sum(map(len, mentors))

    @property
    def lists(self) -> tuple[Sequence[Sequence[int]], Sequence[Sequence[int]]]:
        """Each mentee's mentors and, in parallel, the pairs' gains."""
        if self._lists is None and self.pair_units is not None:
            self._lists = (self.pair_units.mentors, self.pair_units.gains(self.bonus))
        if self._lists is None:
            assert self._adjacency is not None
            self._lists = (
                [[j for j, _ in edges] for edges in self._adjacency],
                [[g for _, g in edges] for edges in self._adjacency],
            )
        return self._lists


class PairUnits:
    """A component's pairs as score units and id keys, the gains computed from them on demand.

    The gain of a pair is ``bonus + 1 + units * tie_unit + tie``, ``tie``
    being bits 64 to 79 of the product of the two ids' 64-bit keys (as
    ``ementoring.matching._gains.IntegerGains.gain`` computes it).
    """

    __slots__ = ("mentee_keys", "mentor_keys", "mentors", "tie_unit", "units")

    def __init__(
        self,
        mentors: Sequence[Sequence[int]],
        units: Sequence[Sequence[int]],
        mentee_keys: list[int],
        mentor_keys: list[int],
        tie_unit: int,
    ) -> None:
        self.mentors = mentors  # each mentee's mentors, local indices
        self.units = units  # in parallel: the pairs' score units
        self.mentee_keys = mentee_keys
        self.mentor_keys = mentor_keys  # by local mentor index
        self.tie_unit = tie_unit

    def gains(self, bonus: int) -> list[list[int]]:
        """Every pair's gain, as Python integers (one list per mentee)."""
        base, unit, keys = bonus + 1, self.tie_unit, self.mentor_keys
        return [
            [
                base + u * unit + ((key * keys[j] >> 64) & 0xFFFF)
                for j, u in zip(js, us, strict=True)
            ]
            for key, js, us in zip(self.mentee_keys, self.mentors, self.units, strict=True)
        ]

    def units_array(self, size: int) -> IntArray:
        """Every pair's score units, mentee by mentee, as one int64 array of ``size``."""
        np = load_numpy()
        found: IntArray = np.fromiter(chain.from_iterable(self.units), dtype=np.int64, count=size)
        return found

    def relative(self, units: IntArray, mentee: IntArray, mentor: IntArray) -> IntArray:
        """The gains without the bonus of the pairs ``(mentee, mentor)`` (int64 index arrays).

        ``units``: :meth:`units_array`, used up (the gains are computed in it).
        """
        np = load_numpy()
        gains = units
        gains *= self.tie_unit
        gains += tie_bits(
            np.asarray(self.mentee_keys, dtype=np.uint64),
            mentee,
            np.asarray(self.mentor_keys, dtype=np.uint64),
            mentor,
        )
        gains += 1
        return gains


class Solution:
    """Chosen pairs and dual prices of one component, in local indices.

    ``tied``: whether a pair not chosen has a slack of exactly 0, the only
    way another assignment can be worth exactly as much (``None``: not
    known yet; :func:`settle_ties` then looks). ``tight``: when known, every
    pair with a slack of exactly 0, as ``(mentee, mentor, gain)``, or only
    those among ``nodes``: the mentees and mentors (two lists of flags) that
    can lie on a cycle through a tight pair not chosen, when known.
    """

    __slots__ = ("chosen", "mentee_dual", "mentor_dual", "nodes", "tied", "tight")

    def __init__(
        self,
        chosen: list[tuple[int, int]],
        mentee_dual: list[int],
        mentor_dual: list[int],
        *,
        tied: bool | None = None,
        tight: list[tuple[int, int, int]] | None = None,
        nodes: tuple[list[bool], list[bool]] | None = None,
    ) -> None:
        self.chosen = chosen
        self.mentee_dual = mentee_dual
        self.mentor_dual = mentor_dual
        self.tied = tied
        self.tight = tight
        self.nodes = nodes
