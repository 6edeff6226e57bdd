"""The scipy back-end: sparse Jonker-Volgenant on seats, its answer checked in exact integers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ementoring._extras import require
from ementoring.matching._solvers._arrays import group_offsets, load_numpy
from ementoring.matching._solvers._certificate import certified_solution
from ementoring.matching._solvers._component import Component, Solution
from ementoring.matching._solvers._edges import EdgeArrays, bonus_stand_in, edge_arrays

if TYPE_CHECKING:
    from ementoring.matching._solvers._arrays import IntArray

__all__ = ["solve_scipy"]


def solve_scipy(component: Component) -> Solution | None:
    """Solve with scipy's sparse Jonker-Volgenant, then certify in exact integers.

    Only for components where every mentee wants one mentor (mentor seats are
    expanded into columns). scipy works in floating point, so its assignment
    is only a candidate: the canonical duals are computed from it exactly, in
    int64 (with the bonus stood in for) and checked, as ``certify`` does,
    before it is used. ``None`` (the caller then uses ``solve_python``) if
    any step fails. Nothing here loops
    over pairs in Python.
    """
    np = load_numpy()
    if any(room != 1 for room in component.mentee_room):
        return None
    edges = edge_arrays(component)
    if edges is None:
        return None
    partner = _assign(component.bonus, edges)
    chosen = edges.mentor == partner[edges.mentee]
    # Each mentee placed holds exactly one pair, and it is one of theirs.
    if not np.array_equal(np.bincount(edges.mentee[chosen], minlength=len(partner)), partner >= 0):
        return None  # pragma: no cover - scipy assigns allowed pairs only
    return certified_solution(component, edges, chosen)


def _assign(bonus: int, edges: EdgeArrays) -> IntArray:
    """The mentor of each mentee (-1: unassigned) in an optimal assignment, by scipy.

    Costs are ``top - gain`` per seat of an allowed mentor (gains without the
    bonus: small floats, exact) and, in an extra column per mentee,
    "unassigned": ``top`` for ``"total_score"``, or under ``"most_matched"``
    more than any ``n`` seats together, so that one more pair always wins.
    The cheapest matching of every row is then the best assignment. The
    extra columns are also why scipy's solver (1.17) returns on dense,
    tie-heavy parts: without them it can run without end on those
    (``tests/matching/test_solve.py::TestScipyDenseTies``).
    """
    np = load_numpy()
    sparse = require("scipy.sparse", "fast", "backend='scipy'")
    csgraph = require("scipy.sparse.csgraph", "fast", "backend='scipy'")
    room = edges.room
    n = len(edges.starts)
    seat_start = group_offsets(room)  # each mentor's first seat
    seats = int(seat_start[-1])
    # One entry per (mentee, seat of an allowed mentor).
    edge_room = room[edges.mentor]
    total = int(edge_room.sum())
    rows = np.repeat(edges.mentee, edge_room)
    first_seat = seat_start[:-1][edges.mentor] - np.cumsum(edge_room) + edge_room
    cols = np.repeat(first_seat, edge_room) + np.arange(total)
    relative = edges.gain - bonus_stand_in(bonus)
    top = int(relative.max()) + 1
    unassigned = float(top) * (n + 1) if bonus else float(top)
    own = np.arange(n, dtype=np.int64)
    values = np.concatenate(
        [np.repeat((top - relative).astype(np.float64), edge_room), np.full(n, unassigned)]
    )
    matrix = sparse.coo_array(
        (values, (np.concatenate([rows, own]), np.concatenate([cols, seats + own]))),
        shape=(n, seats + n),
    ).tocsr()
    row_of, col_of = csgraph.min_weight_full_bipartite_matching(matrix)
    partner: IntArray = np.full(n, -1, dtype=np.int64)
    placed = col_of < seats
    partner[row_of[placed]] = np.repeat(np.arange(len(room), dtype=np.int64), room)[col_of[placed]]
    return partner
