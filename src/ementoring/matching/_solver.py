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

from collections import deque
from heapq import heappop, heappush
from typing import Any

__all__ = ["Component", "Solution", "solve_python", "solve_scipy"]

# (mentor index, gain) for each allowed pair of a mentee, in component-local indices.
Adjacency = list[list[tuple[int, int]]]


class Component:
    """One connected part of the allowed-pair graph, in local indices."""

    __slots__ = (
        "adjacency",
        "bonus",
        "mentee_room",
        "mentees",
        "mentor_room",
        "mentors",
        "price_step",
    )

    def __init__(
        self,
        mentees: list[int],
        mentors: list[int],
        mentee_room: list[int],
        mentor_room: list[int],
        adjacency: Adjacency,
        bonus: int = 0,
        price_step: int = 1,
    ) -> None:
        self.bonus = bonus  # included in every gain ("most_matched"); 0 otherwise
        self.price_step = price_step  # gain of one unit of score (the warm start's step)
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
    h_mentor = [0] * m
    h_sink = 0
    holders: list[dict[int, int]] = [{} for _ in range(m)]  # mentor -> {mentee: gain}
    assigned: list[dict[int, int]] = [{} for _ in range(n)]  # mentee -> {mentor: gain}
    h_mentee = _warm_start(component, holders, assigned, h_mentor)
    infinity = float("inf")
    tentative_mentor: list[float] = [infinity] * m
    reached_mentor = [-1] * m  # mentor -> mentee it was reached from

    for s in range(n):
        for _ in range(mentee_room[s] - len(assigned[s])):
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
    distances = _distances_to_sink(component, assigned, holders, h_mentee, h_mentor, h_sink)
    assert distances is not None  # no budget
    distance_mentee, distance_mentor = distances
    return Solution(
        chosen,
        [max(0, -d) for d in distance_mentee],
        [max(0, d) for d in distance_mentor],
    )


def _warm_start(
    component: Component,
    holders: list[dict[int, int]],
    assigned: list[dict[int, int]],
    h_mentor: list[int],
) -> list[int]:
    """Place most one-seat mentees by bidding, keeping the potentials valid; return h_mentee.

    Jonker and Volgenant's augmenting row reduction, with mentor capacities.
    A free mentee takes the mentor of highest value ``gain + h_mentor`` (a
    mentor's ``-h`` is its price); a full mentor loses the holder whose seat
    is cheapest to take, and its price rises as far as the new holder's
    second-best value (``0``: "unassigned") and the other holders allow.
    Every residual reduced cost stays non-negative and free seats keep
    price 0, so the shortest-path phase starts from a valid state with only
    the mentees left free to place.

    Bidding stops early, because it can settle slowly: two rounds per
    mentee, and no push-out for a price rise under ``component.price_step``
    (one unit of score: below it only the tie-break is at stake, and
    mentees with equal scores would outbid each other by tiny steps for
    thousands of rounds). Mentees wanting several mentors are left to the
    shortest-path phase too. Whatever is left is exact work for Dijkstra.
    """
    adjacency = component.adjacency
    mentor_room = component.mentor_room
    step = component.price_step
    free = deque(i for i, room in enumerate(component.mentee_room) if room == 1)
    budget = 2 * len(free)
    h_mentee = [0] * len(adjacency)
    while free and budget:
        budget -= 1
        i = free.popleft()
        first = second = 0  # the value of staying unassigned
        chosen = chosen_gain = -1
        for j, gain in adjacency[i]:
            value = gain + h_mentor[j]
            if value > second:
                if value > first:
                    first, second, chosen, chosen_gain = value, first, j, gain
                else:
                    second = value
        if chosen < 0:
            continue  # unassigned is best
        held = holders[chosen]
        if len(held) >= mentor_room[chosen]:
            if first - second < step:
                continue
            evicted = max(held, key=lambda k: (h_mentee[k] - held[k], k))
            del held[evicted]
            del assigned[evicted][chosen]
            free.appendleft(evicted)
        held[i] = assigned[i][chosen] = chosen_gain
        if len(held) >= mentor_room[chosen]:
            # The highest h (lowest price) that i's second choice and every
            # other holder's chosen edge allow; never above the current one.
            bound = second - chosen_gain
            for k, gain in held.items():
                if h_mentee[k] - gain > bound and k != i:
                    bound = h_mentee[k] - gain
            h_mentor[chosen] = bound
        h_mentee[i] = chosen_gain + h_mentor[chosen]
    for i, edges in enumerate(adjacency):
        if not assigned[i]:
            h_mentee[i] = max(0, max((gain + h_mentor[j] for j, gain in edges), default=0))
    return h_mentee


def _distances_to_sink(
    component: Component,
    assigned: list[dict[int, int]],
    holders: list[dict[int, int]],
    h_mentee: list[int],
    h_mentor: list[int],
    h_sink: int,
    *,
    budget: int | None = None,
) -> tuple[list[int], list[int]] | None:
    """Shortest residual distances to the sink, by Dijkstra backwards on reduced costs.

    These give the canonical duals: ``v_j`` is mentor j's distance, the
    highest price consistent with the optimum; ``u_i`` is minus mentee i's
    distance.
    Being unique for a given assignment, they make every back-end's
    certificate (and so every explanation) the same.

    The search is label-correcting: a node whose distance drops after it was
    scanned is scanned again, so the distances are exact even when a few
    reduced costs are negative (potentials rounded from floating point); with
    exact potentials every node is scanned once, as in plain Dijkstra.
    ``budget`` caps the scans (a negative cycle, i.e. a non-optimal
    assignment, would never end): ``None`` is returned past it.
    """
    adjacency = component.adjacency
    n, m = len(adjacency), len(component.mentor_room)
    # Edge i -> j (pair not chosen) costs -gain, reduced -gain + h(i) - h(j):
    # store (i, h(i) - gain) per mentor j, so relaxing adds one number.
    into_mentor: list[list[tuple[int, int]]] = [[] for _ in range(m)]
    for i, edges in enumerate(adjacency):
        mine, hi = assigned[i], h_mentee[i]
        for j, gain in edges:
            if j not in mine:
                into_mentor[j].append((i, hi - gain))
    # Tentative reduced distances; an entry popped above its node's distance is stale.
    infinity = float("inf")
    best_mentee: list[float] = [infinity] * n
    best_mentor: list[float] = [infinity] * m
    heap: list[tuple[int, int, int]] = []
    for i in range(n):
        if assigned[i]:
            best_mentee[i] = d = h_mentee[i] - h_sink
            heap.append((d, 0, i))
    for j in range(m):
        if len(holders[j]) < component.mentor_room[j]:
            best_mentor[j] = d = h_mentor[j] - h_sink
            heap.append((d, 1, j))
    heap.sort()
    scans = 0
    while heap:
        d, kind, x = heappop(heap)
        if kind == 0:
            if d > best_mentee[x]:
                continue
            base = d - h_mentee[x]
            for j, gain in assigned[x].items():  # edge j -> x (the pair is chosen)
                nd = base + gain + h_mentor[j]
                if nd < best_mentor[j]:
                    best_mentor[j] = nd
                    heappush(heap, (nd, 1, j))
        else:
            if d > best_mentor[x]:
                continue
            base = d - h_mentor[x]
            for i, cost in into_mentor[x]:  # edge i -> x (not chosen)
                nd = base + cost
                if nd < best_mentee[i]:
                    best_mentee[i] = nd
                    heappush(heap, (nd, 0, i))
        scans += 1
        if budget is not None and scans > budget:
            return None
    # Reduced distance D(x) = d(x) + h(x) - h(sink). Mentees who cannot reach
    # the sink have no chosen pair and a surplus of 0.
    mentee = [
        int(best) - h_mentee[i] + h_sink if best != infinity else 0
        for i, best in enumerate(best_mentee)
    ]
    mentor = [
        int(best) - h_mentor[j] + h_sink if best != infinity else 0
        for j, best in enumerate(best_mentor)
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
    only seeds the exact part: a vectorised Bellman-Ford (numpy, stopping as
    soon as it converges) gives potentials, the canonical duals are then
    computed in Python integers exactly as after :func:`solve_python` (a
    label-correcting search, exact even where rounding left a reduced cost
    slightly negative), and :func:`certify` checks everything. ``None`` (the
    caller then uses :func:`solve_python`) if any step fails.

    Under ``"most_matched"``, when there are seats for every mentee, the
    assignment is first sought among full matchings without the bonus, which
    keeps the floating-point values small enough to be exact.
    """
    if any(room != 1 for room in component.mentee_room):
        return None
    import numpy as np
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

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
        # Unassigned columns dearer than any full matching, so a full one wins
        # whenever it exists. Without them (n x seats only) scipy 1.17's
        # solver was seen never to return on dense, tie-heavy parts.
        dear = float(top) * (n + 1)
        matrix = coo_array(
            (
                np.concatenate([seat_costs, np.full(n, dear)]),
                (np.concatenate([seat_rows, own]), np.concatenate([seat_cols, seats + own])),
            ),
            shape=(n, seats + n),
        ).tocsr()
        found = min_weight_full_bipartite_matching(matrix)
        if (found[1] >= seats).any():  # no matching covers every mentee
            found = None
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
    for i, j in chosen:
        if j in assigned[i] or len(holders[j]) >= mentor_room[j]:
            return None
        assigned[i][j] = holders[j][i] = _gain(adjacency[i], j)
    distances = _distances_scipy(
        component,
        chosen,
        holders,
        (edge_mentee, edge_mentor),
        shift,
        full,
        np,
    )
    if distances is None:
        return None
    to_mentee, to_mentor = distances
    # Potentials in solve_python's convention (reduced cost c + h(x) - h(y)).
    h_mentee = [shift - d for d in to_mentee]
    h_mentor = [-d for d in to_mentor]
    budget = 4 * (n + m) + 100
    exact = _distances_to_sink(component, assigned, holders, h_mentee, h_mentor, 0, budget=budget)
    if exact is None:
        return None
    distance_mentee, distance_mentor = exact
    solution = Solution(
        chosen,
        [max(0, -d) for d in distance_mentee],
        [max(0, d) for d in distance_mentor],
    )
    return solution if certify(component, solution) else None


def _distances_scipy(
    component: Component,
    chosen: list[tuple[int, int]],
    holders: list[dict[int, int]],
    edges: tuple[Any, Any],
    shift: int,
    full: bool,
    np: Any,
) -> tuple[list[int], list[int]] | None:
    """Potentials: residual distances to the sink or anywhere (Bellman-Ford, rounded).

    With ``full``, mentees may not become unassigned and gains are taken
    without ``shift`` (the bonus); :func:`solve_scipy` adds it back. The
    graph is built with numpy from ``edges`` (mentee and mentor of every
    allowed pair, in adjacency order).
    """
    adjacency = component.adjacency
    n, m = len(adjacency), len(component.mentor_room)
    sink = n + m
    edge_mentee, edge_mentor = edges
    relative = np.asarray([float(g - shift) for pairs in adjacency for _, g in pairs])
    partner = np.full(n, -1, dtype=np.int64)
    for i, j in chosen:
        partner[i] = j
    is_chosen = partner[edge_mentee] == edge_mentor
    # Each residual edge a -> b is stored reversed (b -> a), so distances from
    # the sink are distances to it; every node also starts at 0 (a virtual
    # node joined to all), so all distances are finite.
    rows = [np.where(is_chosen, edge_mentee, n + edge_mentor)]
    cols = [np.where(is_chosen, n + edge_mentor, edge_mentee)]
    costs = [np.where(is_chosen, relative, -relative)]
    if not full:
        matched = np.flatnonzero(partner >= 0)
        rows.append(np.full(len(matched), sink))
        cols.append(matched)
        costs.append(np.zeros(len(matched)))
    free = [n + j for j in range(m) if len(holders[j]) < component.mentor_room[j]]
    rows.append(np.full(len(free), sink))
    cols.append(np.asarray(free, dtype=np.int64))
    costs.append(np.zeros(len(free)))
    distances = _relax(
        np, np.concatenate(rows), np.concatenate(cols), np.concatenate(costs), n + m + 1
    )
    if distances is None:
        return None
    values = np.rint(distances).astype(np.int64).tolist()
    return values[:n], values[n : n + m]


def _relax(np: Any, sources: Any, targets: Any, costs: Any, size: int) -> Any:
    """Bellman-Ford from a virtual node joined to every node at cost 0, vectorised.

    Every node starts at 0; each round relaxes all edges at once and the
    rounds stop as soon as nothing changes (scipy's ``bellman_ford`` always
    runs as many rounds as there are nodes). ``None`` after ``size`` rounds
    (a negative cycle).
    """
    order = np.argsort(targets, kind="stable")
    sources, targets, costs = sources[order], targets[order], costs[order]
    starts = np.flatnonzero(np.diff(targets, prepend=-1))
    heads = targets[starts]
    distance = np.zeros(size)
    for _ in range(size + 1):
        best = np.minimum.reduceat(distance[sources] + costs, starts)
        improved = best < distance[heads]
        if not improved.any():
            return distance
        distance[heads[improved]] = best[improved]
    return None


def certify(component: Component, solution: Solution) -> bool:
    """Check primal feasibility and complementary slackness in exact integers."""
    u, v = solution.mentee_dual, solution.mentor_dual
    mentee_room, mentor_room = component.mentee_room, component.mentor_room
    if len(u) != len(mentee_room) or len(v) != len(mentor_room):
        return False
    partners: list[set[int]] = [set() for _ in mentee_room]
    mentor_count = [0] * len(mentor_room)
    for i, j in solution.chosen:
        if j in partners[i]:
            return False  # a pair chosen twice
        partners[i].add(j)
        mentor_count[j] += 1
    for i, edges in enumerate(component.adjacency):
        mine, ui = partners[i], u[i]
        tight = 0
        for j, gain in edges:
            slack = ui + v[j] - gain
            if j in mine:
                tight += 1
                if slack > 0:
                    return False
            elif slack < 0:
                return False
        if tight != len(mine):
            return False  # a chosen pair that is not allowed
    for i, room in enumerate(mentee_room):
        count = len(partners[i])
        if count > room or u[i] < 0 or (u[i] > 0 and count < room):
            return False
    for j, room in enumerate(mentor_room):
        count = mentor_count[j]
        if count > room or v[j] < 0 or (v[j] > 0 and count < room):
            return False
    return True
