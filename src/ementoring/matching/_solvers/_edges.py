"""A component's pairs as int64 arrays, for the outside back-ends and the exact check.

Every pair is one entry of parallel arrays (mentee, mentor, gain), grouped by
mentee; gains are Python integers of any size, and the arrays hold them with
a stand-in for the bonus once it outgrows 64 bits (``SHADOW``).
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from ementoring.matching._solvers._arrays import load_numpy
from ementoring.matching._solvers._component import Component

if TYPE_CHECKING:
    from ementoring.matching._solvers._arrays import Flags, IntArray

__all__ = [
    "DENSE_MENTORS",
    "RELATIVE_LIMIT",
    "SHADOW",
    "EdgeArrays",
    "bonus_stand_in",
    "chosen_counts",
    "edge_arrays",
    "from_stand_ins",
    "is_dense",
    "to_stand_ins",
]

# The arrays hold int64. Under "most_matched" every gain is
# bonus + relative gain, and on large problems the bonus passes what int64
# sums can hold (from about 4,000 pairs in the result), so from SHADOW on the
# arrays hold SHADOW in its place. Along the alternating paths of the
# residual graph the bonus appears -1, 0 or +1 times and, being then over
# eight times any relative gain (kept below RELATIVE_LIMIT), decides every
# comparison it takes part in (which path is shorter, the sign of a slack)
# exactly as SHADOW does; each value decodes back to exact integers.
SHADOW = 1 << 60
RELATIVE_LIMIT = 1 << 57


def bonus_stand_in(bonus: int) -> int:
    """What stands for the bonus in the int64 arrays."""
    return SHADOW if bonus > SHADOW else bonus


def to_stand_ins(values: list[int], bonus: int) -> IntArray | None:
    """Exact integers as int64 stand-ins (see ``SHADOW``); ``None`` if one cannot be."""
    np = load_numpy()
    found = values
    if bonus_stand_in(bonus) != bonus:
        found = []
        for value in values:
            times, rest = divmod(value + bonus // 2, bonus)
            found.append(times * SHADOW + rest - bonus // 2)
    if any(abs(value) >= 2 * SHADOW for value in found):
        return None
    stand_ins: IntArray = np.asarray(found, dtype=np.int64)
    return stand_ins


def from_stand_ins(values: IntArray, bonus: int) -> list[int] | None:
    """The exact integers int64 stand-ins stand for (see ``SHADOW``); ``None`` if ambiguous."""
    np = load_numpy()
    if bonus_stand_in(bonus) == bonus:
        return list(values.tolist())
    times = np.floor_divide(values + SHADOW // 2, SHADOW)
    rest = values - times * SHADOW
    if (np.abs(rest) >= 2 * RELATIVE_LIMIT).any():
        return None  # a relative part no dual can have: do not guess
    return [t * bonus + r for t, r in zip(times.tolist(), rest.tolist(), strict=True)]


# A dense part (every mentee allowed with every mentor) of at most this many
# mentors gets its prices from the mentors' own graph, a matrix of this size squared.
DENSE_MENTORS = 4096


class EdgeArrays:
    """A component's allowed pairs as arrays, grouped by mentee (numpy, int64)."""

    __slots__ = ("dense", "gain", "mentee", "mentee_room", "mentor", "room", "starts")

    def __init__(
        self,
        mentee: IntArray,
        mentor: IntArray,
        gain: IntArray,
        room: IntArray,
        mentee_room: IntArray,
    ) -> None:
        self.mentee = mentee  # ascending
        self.mentor = mentor
        self.gain = gain
        self.room = room  # per mentor
        self.mentee_room = mentee_room  # per mentee
        self.dense: bool | None = None  # see is_dense
        first = mentee[1:] != mentee[:-1]
        self.starts = (first.nonzero()[0] + 1).tolist()
        self.starts.insert(0, 0)  # each mentee's first edge


def edge_arrays(component: Component) -> EdgeArrays | None:
    """The component's pairs as int64 arrays (gains stood in for); ``None`` if it cannot be.

    Relative gains (without the bonus) must stay below ``RELATIVE_LIMIT``
    (problems of tens of millions of pairs).
    """
    np = load_numpy()
    units = component.pair_units
    mentor_lists = units.mentors if units is not None else component.lists[0]
    n = len(mentor_lists)
    counts = np.fromiter(map(len, mentor_lists), dtype=np.int64, count=n)
    if n == 0 or not counts.all():
        return None
    size = int(counts.sum())
    bonus = component.bonus
    m = len(component.mentor_room)
    mentee = np.repeat(np.arange(n, dtype=np.int64), counts)
    if units is not None and size == n * m:
        # Dense: scored rows ascend without repeats, so every row is 0..m-1.
        mentor = np.tile(np.arange(m, dtype=np.int64), n)
    else:
        mentor = np.fromiter(chain.from_iterable(mentor_lists), dtype=np.int64, count=size)
    relative = None
    if units is not None:
        units_array = units.units_array(size)
        if units.tie_unit * (1 + int(units_array.max())) < RELATIVE_LIMIT:
            relative = units.relative(units_array, mentee, mentor)  # no integer per pair
    if relative is None:
        gains = chain.from_iterable(component.lists[1])
        try:
            relative = np.fromiter(
                (g - bonus for g in gains) if bonus else gains, dtype=np.int64, count=size
            )
        except OverflowError:
            return None
    if int(relative.max()) >= RELATIVE_LIMIT or int(relative.min()) < 0:
        return None
    return EdgeArrays(
        mentee,
        mentor,
        relative + bonus_stand_in(bonus),
        np.asarray(component.mentor_room, dtype=np.int64),
        np.asarray(component.mentee_room, dtype=np.int64),
    )


def chosen_counts(edges: EdgeArrays, chosen: Flags) -> tuple[IntArray, IntArray] | None:
    """Each mentee's and each mentor's count of chosen pairs; ``None`` if one is over capacity."""
    np = load_numpy()
    count = np.bincount(edges.mentee[chosen], minlength=len(edges.starts))
    load = np.bincount(edges.mentor[chosen], minlength=len(edges.room))
    if (count > edges.mentee_room).any() or (load > edges.room).any():
        return None
    return count, load


def is_dense(edges: EdgeArrays) -> bool:
    """Whether every mentee may have every mentor and wants one (the dense path of the check).

    Asked by each solve and each check of a part: worked out once per part.
    """
    np = load_numpy()
    if edges.dense is None:
        n, m = len(edges.starts), len(edges.room)
        edges.dense = (
            len(edges.mentee) == n * m
            and m <= DENSE_MENTORS
            and int(edges.mentee_room.max()) <= 1
            # Every row 0..m-1 in order (rows ascend, so this only guards the layout).
            and bool((edges.mentor.reshape(n, m) == np.arange(m)).all())
        )
    return edges.dense
