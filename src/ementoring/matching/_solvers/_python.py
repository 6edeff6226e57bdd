"""The pure-Python solver: a bidding warm start, then successive shortest augmenting paths.

Always available (no extra), exact on every component, and the reference the
outside back-ends are checked against: its canonical duals are the mentors'
shortest residual distances to the sink (see ``_component``).
"""

from __future__ import annotations

from collections import deque
from heapq import heappop, heappush

from ementoring.matching._solvers._component import Component, Solution

__all__ = ["solve_python"]


def solve_python(component: Component) -> Solution:
    """Successive shortest augmenting paths (Dijkstra on reduced costs).

    Mentors keep their capacity as one node (seats are not expanded). After
    a bidding warm start (:func:`_warm_start`), each unit of demand still
    unplaced is inserted, in mentee order, and routed along the cheapest
    residual path to a free seat or to "unassigned"; potentials keep every
    reduced cost non-negative.

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
    # Every mentor starts at 0, so a free seat is a zero-cost exit; the warm
    # start then seats most one-mentor mentees by bidding, and Dijkstra only
    # works on the units left.
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
    distance_mentee, distance_mentor = _distances_to_sink(
        component, assigned, holders, h_mentee, h_mentor, h_sink
    )
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
) -> tuple[list[int], list[int]]:
    """Shortest residual distances to the sink, by Dijkstra backwards on reduced costs.

    These give the canonical duals: ``v_j`` is mentor j's distance, the
    highest price consistent with the optimum; ``u_i`` is minus mentee i's
    distance.
    Being unique for a given assignment, they make every back-end's
    certificate (and so every explanation) the same.

    The search is label-correcting: a node whose distance drops after it was
    scanned is scanned again, so the distances are exact from any potentials
    (the solver's make every reduced cost non-negative, and then every node
    is scanned once, as in plain Dijkstra). The assignment must be optimal:
    a negative cycle would never end.
    """
    mentor_lists, gain_lists = component.lists
    n, m = len(mentor_lists), len(component.mentor_room)
    # Edge i -> j (pair not chosen) costs -gain, reduced -gain + h(i) - h(j).
    # Dense parts (every mentee with every mentor, in order) read each
    # mentor's gains as a column of the table; others gather, per mentor j,
    # (i, h(i) - gain) for its mentees, so relaxing adds one number.
    columns: list[tuple[int, ...]] | None = None
    into_mentor: list[list[tuple[int, int]]] = []
    in_order, in_order_tuple = list(range(m)), tuple(range(m))  # rows are lists or tuples
    if all(js in (in_order, in_order_tuple) for js in mentor_lists):
        columns = list(zip(*gain_lists, strict=True))
    else:
        into_mentor = [[] for _ in range(m)]
        for i, (js, gains) in enumerate(zip(mentor_lists, gain_lists, strict=True)):
            mine, hi = assigned[i], h_mentee[i]
            for j, gain in zip(js, gains, strict=True):
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
            if columns is not None:
                column = columns[x]
                for i in range(n):  # edge i -> x unless chosen
                    nd = base + h_mentee[i] - column[i]
                    if nd < best_mentee[i] and x not in assigned[i]:
                        best_mentee[i] = nd
                        heappush(heap, (nd, 0, i))
                continue
            for i, cost in into_mentor[x]:  # edge i -> x (not chosen)
                nd = base + cost
                if nd < best_mentee[i]:
                    best_mentee[i] = nd
                    heappush(heap, (nd, 0, i))
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
