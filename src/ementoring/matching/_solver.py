"""Exact solvers of the capacitated assignment with an "unassigned" option.

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
solutions of an assignment, both back-ends return the same one: each mentor's
price is its shortest residual distance to the sink (the highest price
consistent with the optimum: what its least valued holder brings).
"""

from __future__ import annotations

from heapq import heappop, heappush
from typing import Any

__all__ = ["Component", "Solution", "solve_python", "solve_scipy"]

# (mentor index, gain) for each allowed pair of a mentee, in component-local indices.
Adjacency = list[list[tuple[int, int]]]


class Component:
    """One connected part of the allowed-pair graph, in local indices."""

    __slots__ = ("adjacency", "bonus", "mentee_room", "mentees", "mentor_room", "mentors")

    def __init__(
        self,
        mentees: list[int],
        mentors: list[int],
        mentee_room: list[int],
        mentor_room: list[int],
        adjacency: Adjacency,
        bonus: int = 0,
    ) -> None:
        self.bonus = bonus  # included in every gain ("most_matched"); 0 otherwise
        self.mentees = mentees  # global indices, ascending
        self.mentors = mentors
        self.mentee_room = mentee_room
        self.mentor_room = mentor_room
        self.adjacency = adjacency


class Solution:
    """Chosen pairs and dual prices of one component, in local indices."""

    __slots__ = ("chosen", "mentee_dual", "mentor_dual")

    def __init__(
        self, chosen: list[tuple[int, int]], mentee_dual: list[int], mentor_dual: list[int]
    ) -> None:
        self.chosen = chosen
        self.mentee_dual = mentee_dual
        self.mentor_dual = mentor_dual


def solve_python(component: Component) -> Solution:
    """Successive shortest augmenting paths (Dijkstra on reduced costs).

    Mentors keep their capacity as one node (seats are not expanded). One unit
    of a mentee's demand is inserted at a time, in index order, and routed
    along the cheapest residual path to a free seat or to "unassigned";
    potentials keep every reduced cost non-negative.

    >>> c = Component([0, 1], [0], [1, 1], [1], [[(0, 5)], [(0, 7)]])
    >>> s = solve_python(c)
    >>> s.chosen, s.mentee_dual, s.mentor_dual
    ([(1, 0)], [0, 0], [7])
    """
    adjacency = component.adjacency
    mentee_room = component.mentee_room
    mentor_room = component.mentor_room
    n, m = len(mentee_room), len(mentor_room)
    # Residual costs are -gain on i->j (not chosen), +gain on j->i (chosen),
    # 0 on j->sink (free seat) and i->sink ("unassigned"). Reduced cost of
    # x->y is cost + h(x) - h(y).
    # Row reduction: a mentee starts at their best gain and every mentor at 0,
    # so a free seat is a zero-cost exit and a mentee whose best mentor is
    # free is placed at once; Dijkstra only works on conflicts.
    h_mentee = [max((gain for _, gain in edges), default=0) for edges in adjacency]
    h_mentor = [0] * m
    h_sink = 0
    holders: list[dict[int, int]] = [{} for _ in range(m)]  # mentor -> {mentee: gain}
    assigned: list[dict[int, int]] = [{} for _ in range(n)]  # mentee -> {mentor: gain}
    infinity = float("inf")
    tentative_mentor: list[float] = [infinity] * m
    reached_mentor = [-1] * m  # mentor -> mentee it was reached from

    for s in range(n):
        for _ in range(mentee_room[s]):
            best = h_mentee[s] - h_sink  # stay unassigned
            end_mentor = -1
            end_mentee = s
            settled_mentee: dict[int, int] = {}
            settled_mentor: dict[int, int] = {}
            tentative_mentee: dict[int, int] = {}
            reached_mentee: dict[int, int] = {}  # mentee -> mentor it leaves
            touched: list[int] = []  # mentors whose tentative distance was set
            heap: list[tuple[int, int, int]] = [(0, 0, s)]
            while heap:
                d, kind, x = heappop(heap)
                if d >= best:
                    break
                if kind == 0:
                    if x in settled_mentee:
                        continue
                    settled_mentee[x] = d
                    hx = h_mentee[x]
                    if x != s:
                        through = d + hx - h_sink  # x leaves its mentor for "unassigned"
                        if through < best:
                            best, end_mentor, end_mentee = through, -1, x
                    # The hot loop. A settled mentor never improves (its
                    # tentative distance is final and at most d), so only
                    # pairs already chosen by x need skipping.
                    mine = assigned[x]
                    base = d + hx
                    for j, gain in adjacency[x]:
                        nd = base - gain - h_mentor[j]
                        if nd < tentative_mentor[j]:
                            if j in mine:
                                continue
                            if tentative_mentor[j] == infinity:
                                touched.append(j)
                            tentative_mentor[j] = nd
                            reached_mentor[j] = x
                            heappush(heap, (nd, 1, j))
                else:
                    if x in settled_mentor:
                        continue
                    settled_mentor[x] = d
                    hx = h_mentor[x]
                    held = holders[x]
                    if len(held) < mentor_room[x]:
                        through = d + hx - h_sink
                        if through < best:
                            best, end_mentor, end_mentee = through, x, -1
                    for k, gain in held.items():
                        if k in settled_mentee:
                            continue
                        nd = d + gain + hx - h_mentee[k]
                        if nd < tentative_mentee.get(k, infinity):
                            tentative_mentee[k] = nd
                            reached_mentee[k] = x
                            heappush(heap, (nd, 0, k))
            for j in touched:
                tentative_mentor[j] = infinity
            for x, d in settled_mentee.items():
                h_mentee[x] += d - best
            for x, d in settled_mentor.items():
                h_mentor[x] += d - best
            # Walk the path back to s, flipping pairs in and out.
            if end_mentor < 0:
                if end_mentee == s:
                    continue
                j = reached_mentee[end_mentee]
                del holders[j][end_mentee]
                del assigned[end_mentee][j]
            else:
                j = end_mentor
            while True:
                i = reached_mentor[j]
                gain = _gain(adjacency[i], j)
                holders[j][i] = gain
                assigned[i][j] = gain
                if i == s:
                    break
                previous = reached_mentee[i]
                del holders[previous][i]
                del assigned[i][previous]
                j = previous

    chosen = sorted((i, j) for i in range(n) for j in assigned[i])
    distance_mentee, distance_mentor = _distances_to_sink(
        component, assigned, holders, h_mentee, h_mentor, h_sink
    )
    return Solution(
        chosen,
        [max(0, -d) for d in distance_mentee],
        [max(0, d) for d in distance_mentor],
    )


def _distances_to_sink(
    component: Component,
    assigned: list[dict[int, int]],
    holders: list[dict[int, int]],
    h_mentee: list[int],
    h_mentor: list[int],
    h_sink: int,
) -> tuple[list[int], list[int]]:
    """Shortest residual distances to the sink, by Dijkstra backwards on reduced costs.

    These give the canonical duals: ``v_j`` is mentor j's distance, the
    highest price consistent with the optimum; ``u_i`` is minus mentee i's
    distance.
    Being unique for a given assignment, they make every back-end's
    certificate (and so every explanation) the same.
    """
    adjacency = component.adjacency
    n, m = len(adjacency), len(component.mentor_room)
    into_mentor: list[list[tuple[int, int]]] = [[] for _ in range(m)]
    for i, edges in enumerate(adjacency):
        for j, gain in edges:
            if j not in assigned[i]:
                into_mentor[j].append((i, gain))
    infinity = float("inf")
    reduced_mentee: dict[int, int] = {}
    reduced_mentor: dict[int, int] = {}
    heap: list[tuple[int, int, int]] = []
    for i in range(n):
        if assigned[i]:
            heap.append((h_mentee[i] - h_sink, 0, i))
    for j in range(m):
        if len(holders[j]) < component.mentor_room[j]:
            heap.append((h_mentor[j] - h_sink, 1, j))
    heap.sort()
    best_mentee: dict[int, int] = {}
    best_mentor: dict[int, int] = {}
    while heap:
        d, kind, x = heappop(heap)
        if kind == 0:
            if x in reduced_mentee:
                continue
            reduced_mentee[x] = d
            hx = h_mentee[x]
            for j, gain in assigned[x].items():  # edge j -> x (the pair is chosen)
                if j in reduced_mentor:
                    continue
                nd = d + gain + h_mentor[j] - hx
                if nd < best_mentor.get(j, infinity):
                    best_mentor[j] = nd
                    heappush(heap, (nd, 1, j))
        else:
            if x in reduced_mentor:
                continue
            reduced_mentor[x] = d
            hx = h_mentor[x]
            for i, gain in into_mentor[x]:  # edge i -> x (not chosen)
                if i in reduced_mentee:
                    continue
                nd = d - gain + h_mentee[i] - hx
                if nd < best_mentee.get(i, infinity):
                    best_mentee[i] = nd
                    heappush(heap, (nd, 0, i))
    # Reduced distance D(x) = d(x) + h(x) - h(sink). Mentees who cannot reach
    # the sink have no chosen pair and a surplus of 0.
    mentee = [
        reduced_mentee[i] - h_mentee[i] + h_sink if i in reduced_mentee else 0 for i in range(n)
    ]
    mentor = [
        reduced_mentor[j] - h_mentor[j] + h_sink if j in reduced_mentor else 0 for j in range(m)
    ]
    return mentee, mentor


def _gain(edges: list[tuple[int, int]], j: int) -> int:
    for mentor, gain in edges:
        if mentor == j:
            return gain
    raise AssertionError("path uses a pair that is not allowed")  # pragma: no cover


def solve_scipy(component: Component) -> Solution | None:
    """Solve with scipy's sparse Jonker-Volgenant, then certify in exact integers.

    Only for components where every mentee wants one mentor (mentor seats are
    expanded into columns). scipy works in floating point, so its assignment
    only seeds the exact part: Bellman-Ford (scipy) gives potentials, the
    canonical duals are then computed in Python integers exactly as after
    :func:`solve_python`, and :func:`certify` checks everything. ``None`` (the
    caller then uses :func:`solve_python`) if any step fails.

    Under ``"most_matched"``, when there are seats for every mentee, the
    assignment is first sought among full matchings without the bonus, which
    keeps the floating-point values small enough to be exact.
    """
    if any(room != 1 for room in component.mentee_room):
        return None
    import numpy as np
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import (
        NegativeCycleError,
        bellman_ford,
        min_weight_full_bipartite_matching,
    )

    adjacency = component.adjacency
    mentor_room = component.mentor_room
    n, m = len(adjacency), len(mentor_room)
    seat_start = [0] * (m + 1)
    for j in range(m):
        seat_start[j + 1] = seat_start[j] + mentor_room[j]
    seats = seat_start[m]
    bonus = component.bonus
    full = bool(bonus) and n <= seats  # all mentees can perhaps be matched
    shift = bonus if full else 0
    top = max((g - shift for edges in adjacency for _, g in edges), default=0) + 1
    # One entry per (mentee, seat of an allowed mentor), built with numpy.
    edge_mentee = np.asarray(
        [i for i, edges in enumerate(adjacency) for _ in edges], dtype=np.int64
    )
    edge_mentor = np.asarray([j for edges in adjacency for j, _ in edges], dtype=np.int64)
    edge_cost = np.asarray([float(top - g + shift) for edges in adjacency for _, g in edges])
    room = np.asarray(mentor_room, dtype=np.int64)[edge_mentor]
    first_seat = np.asarray(seat_start[:m], dtype=np.int64)[edge_mentor]
    total = int(room.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(room) - room, room)
    seat_rows = np.repeat(edge_mentee, room)
    seat_cols = np.repeat(first_seat, room) + offsets
    seat_costs = np.repeat(edge_cost, room)
    own = np.arange(n, dtype=np.int64)
    found = None
    if full:
        matrix = coo_array((seat_costs, (seat_rows, seat_cols)), shape=(n, seats)).tocsr()
        try:
            found = min_weight_full_bipartite_matching(matrix)
        except ValueError:  # no matching covers every mentee: add the unassigned columns
            full, shift = False, 0
            seat_costs = seat_costs + float(bonus)
    if found is None:
        matrix = coo_array(
            (
                np.concatenate([seat_costs, np.full(n, float(top))]),
                (np.concatenate([seat_rows, own]), np.concatenate([seat_cols, seats + own])),
            ),
            shape=(n, seats + n),
        ).tocsr()
        found = min_weight_full_bipartite_matching(matrix)
    seat_owner = np.repeat(np.arange(m), mentor_room)
    chosen: list[tuple[int, int]] = []
    for i, col in zip(found[0].tolist(), found[1].tolist(), strict=True):
        if col < seats:
            chosen.append((i, int(seat_owner[col])))
    chosen.sort()
    assigned: list[dict[int, int]] = [{} for _ in range(n)]
    holders: list[dict[int, int]] = [{} for _ in range(m)]
    gains = [dict(edges) for edges in adjacency]
    for i, j in chosen:
        if j in assigned[i] or len(holders[j]) >= mentor_room[j]:
            return None
        assigned[i][j] = holders[j][i] = gains[i][j]
    distances = _distances_scipy(
        component, assigned, holders, shift, full, np, coo_array, bellman_ford, NegativeCycleError
    )
    if distances is None:
        return None
    to_mentee, to_mentor = distances
    # Potentials in solve_python's convention (reduced cost c + h(x) - h(y)).
    h_mentee = [shift - d for d in to_mentee]
    h_mentor = [-d for d in to_mentor]
    distance_mentee, distance_mentor = _distances_to_sink(
        component, assigned, holders, h_mentee, h_mentor, 0
    )
    solution = Solution(
        chosen,
        [max(0, -d) for d in distance_mentee],
        [max(0, d) for d in distance_mentor],
    )
    return solution if certify(component, solution) else None


def _distances_scipy(
    component: Component,
    assigned: list[dict[int, int]],
    holders: list[dict[int, int]],
    shift: int,
    full: bool,
    np: Any,
    coo_array: Any,
    bellman_ford: Any,
    negative_cycle: Any,
) -> tuple[list[int], list[int]] | None:
    """Valid potentials: residual distances to the sink or anywhere (Bellman-Ford, rounded).

    With ``full``, mentees may not become unassigned and gains are taken
    without ``shift`` (the bonus); :func:`solve_scipy` adds it back.
    """
    adjacency = component.adjacency
    n, m = len(adjacency), len(component.mentor_room)
    sink, anywhere = n + m, n + m + 1
    rows: list[int] = []
    cols: list[int] = []
    costs: list[float] = []
    # Each residual edge a -> b is stored reversed (b -> a), so distances from
    # the sink are distances to it; every node also reaches "anywhere" at
    # cost 0, so all distances are finite. Explicit zeros are csgraph edges.
    for i, edges in enumerate(adjacency):
        for j, gain in edges:
            if j in assigned[i]:
                rows.append(i)
                cols.append(n + j)
                costs.append(float(gain - shift))
            else:
                rows.append(n + j)
                cols.append(i)
                costs.append(float(shift - gain))
        if assigned[i] and not full:
            rows.append(sink)
            cols.append(i)
            costs.append(0.0)
    for j in range(m):
        if len(holders[j]) < component.mentor_room[j]:
            rows.append(sink)
            cols.append(n + j)
            costs.append(0.0)
    for x in range(n + m + 1):
        rows.append(anywhere)
        cols.append(x)
        costs.append(0.0)
    graph = coo_array((costs, (rows, cols)), shape=(n + m + 2, n + m + 2)).tocsr()
    try:
        distances = bellman_ford(graph, indices=anywhere)
    except negative_cycle:
        return None
    values = [round(float(d)) for d in np.asarray(distances).tolist()]
    return values[:n], values[n : n + m]


def certify(component: Component, solution: Solution) -> bool:
    """Check primal feasibility and complementary slackness in exact integers."""
    u, v = solution.mentee_dual, solution.mentor_dual
    mentee_count = [0] * len(component.mentee_room)
    mentor_count = [0] * len(component.mentor_room)
    chosen = set(solution.chosen)
    if len(chosen) != len(solution.chosen):
        return False
    for i, j in chosen:
        mentee_count[i] += 1
        mentor_count[j] += 1
    for i, edges in enumerate(component.adjacency):
        for j, gain in edges:
            slack = u[i] + v[j] - gain
            if ((i, j) in chosen and slack > 0) or ((i, j) not in chosen and slack < 0):
                return False
    allowed = {(i, j) for i, edges in enumerate(component.adjacency) for j, _ in edges}
    if not chosen <= allowed:
        return False
    for i, room in enumerate(component.mentee_room):
        if mentee_count[i] > room or u[i] < 0 or (u[i] > 0 and mentee_count[i] < room):
            return False
    for j, room in enumerate(component.mentor_room):
        if mentor_count[j] > room or v[j] < 0 or (v[j] > 0 and mentor_count[j] < room):
            return False
    return True
