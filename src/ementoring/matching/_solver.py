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
from collections.abc import Sequence
from heapq import heappop, heappush
from itertools import chain
from typing import Any

__all__ = [
    "Component",
    "Solution",
    "certify",
    "settle_ties",
    "solve_ortools",
    "solve_python",
    "solve_scipy",
]

# (mentor index, gain) for each allowed pair of a mentee, in component-local indices.
Adjacency = list[list[tuple[int, int]]]


class Component:
    """One connected part of the allowed-pair graph, in local indices.

    The pairs are kept either as ``adjacency`` (``(mentor, gain)`` per pair,
    what the pure-Python solver loops over) or as ``lists`` (each mentee's
    mentors and gains as two parallel lists); each is made from the other on
    first use. Or as :class:`Scores`, from which the gains are computed only
    when asked for: the outside back-ends compute them as arrays instead
    (:func:`_edges`), without a Python integer per pair.
    """

    __slots__ = (
        "_adjacency",
        "_lists",
        "bonus",
        "mentee_room",
        "mentees",
        "mentor_room",
        "mentors",
        "price_step",
        "scores",
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
        scores: Scores | None = None,
    ) -> None:
        if (adjacency is not None) + (lists is not None) + (scores is not None) != 1:
            raise TypeError("give the pairs as adjacency, lists or scores")  # pragma: no cover
        self.bonus = bonus  # included in every gain ("most_matched"); 0 otherwise
        self.price_step = price_step  # gain of one unit of score (the warm start's step)
        self.mentees = mentees  # global indices, ascending
        self.mentors = mentors
        self.mentee_room = mentee_room
        self.mentor_room = mentor_room
        self._adjacency = adjacency
        self._lists = lists
        self.scores = scores

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
        mentors = self.scores.mentors if self.scores is not None else self.lists[0]
        return sum(map(len, mentors))

    @property
    def lists(self) -> tuple[Sequence[Sequence[int]], Sequence[Sequence[int]]]:
        """Each mentee's mentors and, in parallel, the pairs' gains."""
        if self._lists is None and self.scores is not None:
            self._lists = (self.scores.mentors, self.scores.gains(self.bonus))
        if self._lists is None:
            assert self._adjacency is not None
            self._lists = (
                [[j for j, _ in edges] for edges in self._adjacency],
                [[g for _, g in edges] for edges in self._adjacency],
            )
        return self._lists


class Scores:
    """A component's pairs as score units and id keys, the gains computed from them on demand.

    The gain of a pair is ``bonus + 1 + units * tie_unit + tie``, ``tie``
    being bits 64 to 79 of the product of the two ids' 64-bit keys (as
    ``ementoring.matching._scoring.Weights.gains`` computes it).
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

    def units_array(self, size: int, np: Any) -> Any:
        """Every pair's score units, mentee by mentee, as one int64 array of ``size``."""
        return np.fromiter(chain.from_iterable(self.units), dtype=np.int64, count=size)

    def relative(self, units: Any, mentee: Any, mentor: Any, np: Any) -> Any:
        """The gains without the bonus of the pairs ``(mentee, mentor)`` (int64 index arrays).

        ``units``: :meth:`units_array`, used up (the gains are computed in it).
        """
        gains = units
        gains *= self.tie_unit
        gains += _tie_bits(
            np.asarray(self.mentee_keys, dtype=np.uint64),
            mentee,
            np.asarray(self.mentor_keys, dtype=np.uint64),
            mentor,
            np,
        )
        gains += 1
        return gains


def _tie_bits(a_keys: Any, a_index: Any, b_keys: Any, b_index: Any, np: Any) -> Any:
    """Bits 64 to 79 of the 128-bit products ``a_keys[a_index] * b_keys[b_index]``, as int64.

    In 32-bit halves: ``a * b = a1 b1 2**64 + (a1 b0 + a0 b1) 2**32 + a0 b0``;
    every partial product fits 64 bits, and the high word is only needed
    modulo 2**16, so its additions may wrap. The halves are taken once per
    person, then gathered per pair; the pair arrays are updated in place
    (this runs on every pair of a large problem).
    """
    low_mask = np.uint64(0xFFFFFFFF)
    shift = np.uint64(32)
    a1, a0 = (a_keys >> shift)[a_index], (a_keys & low_mask)[a_index]
    b1, b0 = (b_keys >> shift)[b_index], (b_keys & low_mask)[b_index]
    high = a1 * b1
    a1 *= b0  # the cross products a1 b0 and a0 b1
    b1 *= a0
    a0 *= b0  # the low product
    a0 >>= shift
    carry = a0  # (a0 b0 >> 32) + both low halves of the cross products
    carry += a1 & low_mask
    carry += b1 & low_mask
    carry >>= shift
    high += carry
    a1 >>= shift
    high += a1
    b1 >>= shift
    high += b1
    high &= np.uint64(0xFFFF)
    return high.astype(np.int64)


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


def settle_ties(component: Component, solution: Solution) -> Solution:
    """The optimum the total tie order prefers, from any optimal solution and its canonical duals.

    Gains already break ties in score by a hash of both ids; two assignments
    can still be worth exactly the same (their hashes sum alike). Then the
    one holding the first pair, by mentee then mentor index (ids order),
    where the two differ wins. Every back-end ends here, so all return the
    same pairs.

    Another optimum differs from this one by cycles of the residual graph
    whose every edge has a reduced cost of 0 (a pair not chosen with slack
    0, a chosen pair with slack 0, a free seat, a mentee short of mentors,
    a price or surplus of 0), and each such cycle uses a pair not chosen
    with slack 0: without one the optimum is unique and nothing is done. Else
    each strongly connected part of those edges that holds such a pair is
    solved again, everything outside it fixed, with gains
    ``gain * 2**(r + 1) + 2**(r - rank)`` over its ``r`` pairs: the same
    optimum first, then the order above, exactly. The duals stay: every
    optimum shares them.
    """
    if solution.tied is False:
        return solution
    u, v = solution.mentee_dual, solution.mentor_dual
    n, m = len(component.mentee_room), len(component.mentor_room)
    # Pairs and counts, not a container per mentee: on a large part, making
    # tens of thousands of small objects costs more (garbage collection
    # passes over the scored pairs) than the rest of this function.
    pairs = set(solution.chosen)
    count, load = [0] * n, [0] * m
    for i, j in solution.chosen:
        count[i] += 1
        load[j] += 1
    found = solution.tight
    if found is None:
        mentor_lists, gain_lists = component.lists
        found = [
            (i, j, gain)
            for i, (js, gains) in enumerate(zip(mentor_lists, gain_lists, strict=True))
            for j, gain in zip(js, gains, strict=True)
            if u[i] + v[j] == gain
        ]
    # Tight edges of the residual graph: mentee i is node i, mentor j is n + j,
    # the sink n + m. Only tight pairs can differ between optima.
    sink = n + m
    out: dict[int, list[int]] = {}
    tight: dict[int, list[tuple[int, int]]] = {}
    open_pairs: list[tuple[int, int]] = []
    for i, j, gain in found:
        tight.setdefault(i, []).append((j, gain))
        if (i, j) in pairs:
            out.setdefault(n + j, []).append(i)  # give the pair up
        else:
            out.setdefault(i, []).append(n + j)  # take it
            open_pairs.append((i, j))
    if not open_pairs:
        solution.tied = False
        return solution
    # Only these nodes can lie on a cycle through an open pair (all, unless known).
    mentee_in, mentor_in = solution.nodes or ([True] * n, [True] * m)
    to_sink: list[int] = []
    for i in range(n):
        if mentee_in[i]:
            if u[i] == 0:
                out.setdefault(i, []).append(sink)  # leave a mentor (or stay unassigned)
            if count[i] < component.mentee_room[i]:
                to_sink.append(i)  # the sink -> i: take one more
    for j in range(m):
        if mentor_in[j]:
            if load[j] < component.mentor_room[j]:
                out.setdefault(n + j, []).append(sink)  # fill a free seat
            if load[j] and v[j] == 0:
                to_sink.append(n + j)  # the sink -> n + j: free a seat
    if to_sink:
        out[sink] = to_sink
    part = _strong_parts(out, n + m + 1, sorted({i for i, _ in open_pairs}))
    regions = {part[i] for i, j in open_pairs if part[i] == part[n + j] >= 0}
    # Each region's tight pairs may change; every other pair stays as it is.
    by_region: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for i, row in sorted(tight.items()):
        label = part[i]
        if label in regions:
            inside = [(j, gain) for j, gain in row if part[n + j] == label]
            if inside:
                by_region.setdefault(label, {})[i] = inside
    for label in sorted(by_region):
        _resolve_region(component, pairs, count, load, by_region[label])
    return Solution(sorted(pairs), solution.mentee_dual, solution.mentor_dual, tied=False)


def _resolve_region(
    component: Component,
    pairs: set[tuple[int, int]],
    count: list[int],
    load: list[int],
    region: dict[int, list[tuple[int, int]]],
) -> None:
    """Re-solve one tied region's pairs, all other pairs fixed (see :func:`settle_ties`).

    ``region``: each of its mentees (ascending) to their tight pairs in it,
    ``(mentor, gain)``. ``pairs``, ``count`` and ``load`` are updated.
    """
    mentees = list(region)
    mentors = sorted({j for row in region.values() for j, _ in row})
    local = {j: k for k, j in enumerate(mentors)}
    size = sum(map(len, region.values()))
    shift = size + 1
    rank = size
    weighted = []
    for i in mentees:
        row = []
        for j, gain in sorted(region[i]):  # by mentor: rank follows (mentee, mentor) order
            rank -= 1
            row.append((local[j], (gain << shift) + (1 << rank)))
            if (i, j) in pairs:  # to be chosen again; the rest stays fixed
                pairs.remove((i, j))
                count[i] -= 1
                load[j] -= 1
        weighted.append(row)
    solved = solve_python(
        Component(
            list(range(len(mentees))),
            list(range(len(mentors))),
            [component.mentee_room[i] - count[i] for i in mentees],
            [component.mentor_room[j] - load[j] for j in mentors],
            weighted,
            component.bonus << shift,
            max(1, component.price_step) << shift,
        )
    )
    for a, b in solved.chosen:
        i, j = mentees[a], mentors[b]
        pairs.add((i, j))
        count[i] += 1
        load[j] += 1


def _strong_parts(out: dict[int, list[int]], size: int, roots: list[int]) -> list[int]:
    """Label each node reachable from ``roots`` with its strongly connected part (-1: others).

    Nodes are ``0..size-1``, ``out`` their edges (none when absent). Tarjan's
    algorithm, without recursion.
    """
    nowhere: list[int] = []
    index = [-1] * size
    low = [0] * size
    part = [-1] * size
    on_stack = [False] * size
    stack: list[int] = []
    counter = 0
    for root in roots:
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            x, k = work[-1]
            edges = out.get(x, nowhere)
            if k < len(edges):
                work[-1] = (x, k + 1)
                y = edges[k]
                if index[y] < 0:
                    index[y] = low[y] = counter
                    counter += 1
                    stack.append(y)
                    on_stack[y] = True
                    work.append((y, 0))
                elif on_stack[y]:
                    low[x] = min(low[x], index[y])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[x])
            if low[x] == index[x]:
                while True:
                    y = stack.pop()
                    on_stack[y] = False
                    part[y] = x
                    if y == x:
                        break
    return part


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


# The scipy back-end computes in int64. Under "most_matched" every gain is
# bonus + relative gain, and on large problems the bonus passes what int64
# sums can hold (from about 4,000 pairs in the result), so from _SHADOW on the
# arrays hold _SHADOW in its place. Along the alternating paths of the
# residual graph the bonus appears -1, 0 or +1 times and, being then over
# eight times any relative gain (kept below _RELATIVE_LIMIT), decides every
# comparison it takes part in (which path is shorter, the sign of a slack)
# exactly as _SHADOW does; each value decodes back to exact integers.
_SHADOW = 1 << 60
_RELATIVE_LIMIT = 1 << 57


def _offset(bonus: int) -> int:
    """What stands for the bonus in the int64 arrays."""
    return _SHADOW if bonus > _SHADOW else bonus


def solve_scipy(component: Component) -> Solution | None:
    """Solve with scipy's sparse Jonker-Volgenant, then certify in exact integers.

    Only for components where every mentee wants one mentor (mentor seats are
    expanded into columns). scipy works in floating point, so its assignment
    is only a candidate: the canonical duals are computed from it exactly, in
    int64 (:func:`_exact_distances`, with the bonus stood in for), and
    checked as :func:`certify` does before it is used. ``None`` (the caller
    then uses :func:`solve_python`) if any step fails. Nothing here loops
    over pairs in Python.
    """
    import numpy as np

    if any(room != 1 for room in component.mentee_room):
        return None
    edges = _edges(component, np)
    if edges is None:
        return None
    partner = _assign(component.bonus, edges, np)
    chosen = edges.mentor == partner[edges.mentee]
    # Each mentee placed holds exactly one pair, and it is one of theirs.
    if not np.array_equal(np.bincount(edges.mentee[chosen], minlength=len(partner)), partner >= 0):
        return None  # pragma: no cover - scipy assigns allowed pairs only
    return _certified_solution(component, edges, chosen, np)


# OR-tools' cost-scaling algorithm multiplies every cost by the number of
# nodes plus one and refuses (BAD_COST_RANGE) when that reaches about 2**62
# (measured with OR-tools 9.15); one bit is kept in reserve.
_ORTOOLS_COST_LIMIT = 1 << 61


# On a dense part OR-tools first gets this step per unit of score: above any
# one pair's tie hash, so score still comes first for any exchange of one or
# two pairs, and a smaller cost range, which cost scaling solves in fewer
# passes (2,000 x 400: 0.27 s against 0.43 s with the exact step).
_DENSE_FIRST_STEP = 1 << 17


def solve_ortools(component: Component) -> Solution | None:
    """Solve with OR-tools' min-cost flow on the integer gains, then certify in exact integers.

    Mentors keep their capacity as one arc to the sink (no seat expansion),
    and a mentee who wants several mentors has that many units of supply.
    Under ``"most_matched"`` (a bonus in every gain) OR-tools finds the
    maximum flow of least cost, so the bonus itself never reaches it; under
    ``"total_score"`` every mentee also has a free "unassigned" arc.

    The costs are the gains without the bonus, ``units * tie_unit + tie``,
    when those fit OR-tools' cost range. On large parts they do not, and
    OR-tools then sees ``units * step + tie`` with the largest ``step`` that
    fits (``step`` above any tie, so score still comes first). That order is
    the same unless an improving exchange trades more than ``step / 65536``
    pairs' ties for one millionth of score, which is why the answer is only
    a candidate in both cases: its canonical duals are computed exactly from
    the gains (as for scipy) and checked before it is used. ``None`` (the
    caller falls back to Python) if the check fails.

    A dense part (every mentee with every mentor, one mentor each) is first
    solved with the step ``2**17``, then as above if that candidate fails
    the check: its check takes milliseconds (:func:`_dense_distances`), so a
    failed first try costs little. Elsewhere one solve: the check of a
    sparse part is a search over every pair (0.4 to 0.7 s to refuse a wrong
    candidate on 50,000 x 10,000 x 5, where ``2**17`` does fail it).

    Raises:
        MissingExtraError: OR-tools is not installed.
    """
    from ementoring._extras import require

    flow_module = require("ortools.graph.python.min_cost_flow", "ortools", "backend='ortools'")
    import numpy as np

    edges = _edges(component, np)
    if edges is None:
        return None
    n, m = len(edges.starts), len(edges.room)
    nodes = n + m + 2
    relative = edges.gain - _offset(component.bonus)
    step = component.price_step
    dense = _dense(edges, np)
    costs = [relative]
    if int(relative.max()) * (nodes + 1) >= _ORTOOLS_COST_LIMIT or (
        dense and step > _DENSE_FIRST_STEP
    ):
        if step <= _TIE_LIMIT:
            return None  # gains not of the form units * step + tie: nothing to shrink
        units, tie = np.divmod(relative - 1, step)
        fitting = _ORTOOLS_COST_LIMIT // (nodes + 1) // (int(units.max()) + 1)
        if fitting <= _TIE_LIMIT:
            return None  # too many nodes for even one tie range per unit of score
        steps = [min(step, fitting)]
        if dense and steps[0] > _DENSE_FIRST_STEP:
            steps.insert(0, _DENSE_FIRST_STEP)
        costs = [relative if each == step else units * each + tie + 1 for each in steps]
    for cost in costs:
        chosen = _ortools_chosen(flow_module, edges, cost, bool(component.bonus), np)
        if chosen is None:
            return None  # pragma: no cover - OR-tools solves every such network
        solution = _certified_solution(component, edges, chosen, np)
        if solution is not None:
            return solution
    return None


def _dense(edges: _Edges, np: Any) -> bool:
    """Whether every mentee may have every mentor and wants one (the dense path of the check).

    Asked by each solve and each check of a part: worked out once per part.
    """
    if edges.dense is None:
        n, m = len(edges.starts), len(edges.room)
        edges.dense = (
            len(edges.mentee) == n * m
            and m <= _DENSE_MENTORS
            and int(edges.mentee_room.max()) <= 1
            # Every row 0..m-1 in order (rows ascend, so this only guards the layout).
            and bool((edges.mentor.reshape(n, m) == np.arange(m)).all())
        )
    return edges.dense


def _ortools_chosen(flow_module: Any, edges: _Edges, cost: Any, most: bool, np: Any) -> Any:
    """Which pairs OR-tools' optimum for these pair costs chooses (flags per edge), or ``None``."""
    n, m = len(edges.starts), len(edges.room)
    flow = flow_module.SimpleMinCostFlow()
    source, sink = n + m, n + m + 1
    wanted = edges.mentee_room
    pairs = flow.add_arcs_with_capacity_and_unit_cost(
        edges.mentee, edges.mentor + n, np.ones(len(cost), dtype=np.int64), -cost
    )
    mentees = np.arange(n, dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(n, source, dtype=np.int64), mentees, wanted, np.zeros(n, dtype=np.int64)
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(n, n + m, dtype=np.int64),
        np.full(m, sink, dtype=np.int64),
        edges.room,
        np.zeros(m, dtype=np.int64),
    )
    supply = int(wanted.sum())
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    if most:
        status = flow.solve_max_flow_with_min_cost()
    else:
        flow.add_arcs_with_capacity_and_unit_cost(
            mentees, np.full(n, sink, dtype=np.int64), wanted, np.zeros(n, dtype=np.int64)
        )
        status = flow.solve()
    if status != flow.OPTIMAL:
        return None  # pragma: no cover
    return flow.flows(pairs) > 0


# Ties lie in [1, _TIE_LIMIT] (see ementoring.matching._scoring.TIE_RANGE).
_TIE_LIMIT = 1 << 16


def _certified_solution(
    component: Component, edges: _Edges, chosen: Any, np: Any
) -> Solution | None:
    """The solution of a candidate choice of pairs (flags per edge), if its canonical duals prove it optimal."""
    loads = _loads(edges, chosen, np)
    if loads is None:
        return None  # pragma: no cover - the solvers respect every capacity
    count, load = loads
    distances = _exact_distances(edges, chosen, count, load, np)
    if distances is None:
        return None
    to_mentee, to_mentor = distances
    surplus = np.maximum(0, -to_mentee)
    price = np.maximum(0, to_mentor)
    if not _certified(edges, chosen, count, load, surplus, price, np):
        return None
    mentee_dual = _real(surplus, component.bonus, np)
    mentor_dual = _real(price, component.bonus, np)
    if mentee_dual is None or mentor_dual is None:
        return None
    tight = surplus[edges.mentee] + price[edges.mentor] == edges.gain
    tied = bool((tight & ~chosen).any())
    tight_pairs = nodes = None
    if tied:
        mentee_in, mentor_in = _cycle_candidates(
            edges, chosen, tight, count, load, surplus, price, np
        )
        tight &= mentee_in[edges.mentee] & mentor_in[edges.mentor]
        tied = bool((tight & ~chosen).any())
        # A slack of 0: the pair's exact gain is the sum of its duals.
        tight_pairs = [
            (i, j, mentee_dual[i] + mentor_dual[j])
            for i, j in zip(edges.mentee[tight].tolist(), edges.mentor[tight].tolist(), strict=True)
        ]
        nodes = (mentee_in.tolist(), mentor_in.tolist())
    return Solution(
        # Edges ascend by mentee, then mentor: so do the pairs.
        list(zip(edges.mentee[chosen].tolist(), edges.mentor[chosen].tolist(), strict=True)),
        mentee_dual,
        mentor_dual,
        tied=tied,
        tight=tight_pairs,
        nodes=nodes,
    )


def _cycle_candidates(
    edges: _Edges,
    chosen: Any,
    tight: Any,
    count: Any,
    load: Any,
    surplus: Any,
    price: Any,
    np: Any,
) -> tuple[Any, Any]:
    """The mentees and mentors that may lie on a cycle through a tight pair not chosen.

    The graph is :func:`settle_ties`' (tight pairs, and the sink's edges, for
    each mentee's count of pairs). A node on such a cycle is reachable from the mentor
    of a tight pair not chosen and reaches its mentee; two breadth-first
    searches in arrays find those nodes, so that Tarjan's algorithm, in
    Python, visits only them (on 50,000 x 10,000, 19,000 of 60,000 nodes).
    """
    n, m = len(count), len(load)
    sink = n + m
    open_pairs = tight & ~chosen
    given_up = tight & chosen
    unpriced = np.flatnonzero(surplus == 0)
    short = np.flatnonzero(count < edges.mentee_room)
    free_seat = np.flatnonzero(load < edges.room)
    seat_to_free = np.flatnonzero((load > 0) & (price == 0))
    tails = np.concatenate(
        [
            edges.mentee[open_pairs],
            edges.mentor[given_up] + n,
            unpriced,
            np.full(len(short), sink),
            free_seat + n,
            np.full(len(seat_to_free), sink),
        ]
    )
    heads = np.concatenate(
        [
            edges.mentor[open_pairs] + n,
            edges.mentee[given_up],
            np.full(len(unpriced), sink),
            short,
            np.full(len(free_seat), sink),
            seat_to_free + n,
        ]
    )
    size = sink + 1
    ahead = _reached(edges.mentor[open_pairs] + n, tails, heads, size, np)
    behind = _reached(edges.mentee[open_pairs], heads, tails, size, np)
    both = ahead & behind
    return both[:n], both[n:sink]


def _reached(starts: Any, tails: Any, heads: Any, size: int, np: Any) -> Any:
    """Which nodes can be reached from ``starts`` along the edges ``tails -> heads`` (flags)."""
    targets = heads[_grouped(tails, size, np)]
    first = _offsets(np.bincount(tails, minlength=size), np)
    seen = np.zeros(size, dtype=bool)
    frontier = np.unique(starts)
    seen[frontier] = True
    while len(frontier):
        index, _ = _slices(first, frontier, np)
        found = targets[index]
        frontier = np.unique(found[~seen[found]])
        seen[frontier] = True
    return seen


def _grouped(keys: Any, size: int, np: Any) -> Any:
    """The stable order that groups ``keys`` (integers in ``[0, size)``) in ascending order.

    Keys that fit 16 bits are sorted as such: numpy sorts those by radix
    (on 950,000 pairs by mentor, 11 ms against 68 ms as 32-bit keys). Others
    as 32-bit keys: a part never has 2**31 people.
    """
    small = keys.astype(np.uint16 if size <= 1 << 16 else np.int32)
    return np.argsort(small, kind="stable")


def _offsets(counts: Any, np: Any) -> Any:
    """Where each node's entries begin in arrays grouped by node, given how many each has.

    One more entry than ``counts``: the last is the total (see :func:`_slices`).
    """
    first = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=first[1:])
    return first


def _slices(first: Any, nodes: Any, np: Any) -> tuple[Any, Any]:
    """The positions of ``nodes``' entries in arrays grouped by node, and how many each has.

    ``first[x]`` is where node ``x``'s entries begin, ``first[x + 1]`` where
    they end (offsets from a cumulative count).
    """
    lengths = first[nodes + 1] - first[nodes]
    index = np.repeat(first[nodes] - np.cumsum(lengths) + lengths, lengths)
    index += np.arange(int(lengths.sum()), dtype=np.int64)
    return index, lengths


def certify(component: Component, solution: Solution) -> bool:
    """Check in exact integers that a solution is feasible and its duals prove it optimal.

    Needs numpy: each chosen pair allowed and chosen once, no mentee or
    mentor above their capacity, and the duals satisfy complementary
    slackness against every allowed pair.
    """
    import numpy as np

    edges = _edges(component, np)
    if edges is None or len(solution.mentee_dual) != len(component.mentee_room):
        return False
    if len(solution.mentor_dual) != len(component.mentor_room):
        return False
    m = len(component.mentor_room)
    keys = edges.mentee * m + edges.mentor
    wanted = np.asarray([i * m + j for i, j in solution.chosen], dtype=np.int64)
    if len(np.unique(wanted)) != len(wanted):
        return False  # a pair chosen twice
    chosen = np.isin(keys, wanted)
    if int(chosen.sum()) != len(wanted):
        return False  # a pair not allowed
    placed = _loads(edges, chosen, np)
    if placed is None:
        return False
    if min(solution.mentee_dual, default=0) < 0 or min(solution.mentor_dual, default=0) < 0:
        return False
    surplus = _shadow(solution.mentee_dual, component.bonus, np)
    price = _shadow(solution.mentor_dual, component.bonus, np)
    if surplus is None or price is None:
        return False
    return _certified(edges, chosen, *placed, surplus, price, np)


def _shadow(values: list[int], bonus: int, np: Any) -> Any | None:
    """Exact integers as int64 stand-ins (see ``_SHADOW``); ``None`` if one cannot be."""
    found = values
    if _offset(bonus) != bonus:
        found = []
        for value in values:
            times, rest = divmod(value + bonus // 2, bonus)
            found.append(times * _SHADOW + rest - bonus // 2)
    if any(abs(value) >= 2 * _SHADOW for value in found):
        return None
    return np.asarray(found, dtype=np.int64)


def _real(values: Any, bonus: int, np: Any) -> list[int] | None:
    """The exact integers int64 stand-ins stand for (see ``_SHADOW``); ``None`` if ambiguous."""
    if _offset(bonus) == bonus:
        return list(values.tolist())
    times = np.floor_divide(values + _SHADOW // 2, _SHADOW)
    rest = values - times * _SHADOW
    if (np.abs(rest) >= 2 * _RELATIVE_LIMIT).any():
        return None  # a relative part no dual can have: do not guess
    return [t * bonus + r for t, r in zip(times.tolist(), rest.tolist(), strict=True)]


def _edges(component: Component, np: Any) -> _Edges | None:
    """The component's pairs as int64 arrays (gains stood in for); ``None`` if it cannot be.

    Relative gains (without the bonus) must stay below ``_RELATIVE_LIMIT``
    (problems of tens of millions of pairs).
    """
    scores = component.scores
    mentor_lists = scores.mentors if scores is not None else component.lists[0]
    n = len(mentor_lists)
    counts = np.fromiter(map(len, mentor_lists), dtype=np.int64, count=n)
    if n == 0 or not counts.all():
        return None
    size = int(counts.sum())
    bonus = component.bonus
    m = len(component.mentor_room)
    mentee = np.repeat(np.arange(n, dtype=np.int64), counts)
    if scores is not None and size == n * m:
        # Dense: scored rows ascend without repeats, so every row is 0..m-1.
        mentor = np.tile(np.arange(m, dtype=np.int64), n)
    else:
        mentor = np.fromiter(chain.from_iterable(mentor_lists), dtype=np.int64, count=size)
    relative = None
    if scores is not None:
        units = scores.units_array(size, np)
        if scores.tie_unit * (1 + int(units.max())) < _RELATIVE_LIMIT:
            relative = scores.relative(units, mentee, mentor, np)  # no integer per pair
    if relative is None:
        gains = chain.from_iterable(component.lists[1])
        try:
            relative = np.fromiter(
                (g - bonus for g in gains) if bonus else gains, dtype=np.int64, count=size
            )
        except OverflowError:
            return None
    if int(relative.max()) >= _RELATIVE_LIMIT or int(relative.min()) < 0:
        return None
    return _Edges(
        mentee,
        mentor,
        relative + _offset(bonus),
        np.asarray(component.mentor_room, dtype=np.int64),
        np.asarray(component.mentee_room, dtype=np.int64),
    )


def _loads(edges: _Edges, chosen: Any, np: Any) -> tuple[Any, Any] | None:
    """Each mentee's and each mentor's count of chosen pairs; ``None`` if one is over capacity."""
    count = np.bincount(edges.mentee[chosen], minlength=len(edges.starts))
    load = np.bincount(edges.mentor[chosen], minlength=len(edges.room))
    if (count > edges.mentee_room).any() or (load > edges.room).any():
        return None
    return count, load


class _Edges:
    """A component's allowed pairs as arrays, grouped by mentee (numpy, int64)."""

    __slots__ = ("dense", "gain", "mentee", "mentee_room", "mentor", "room", "starts")

    def __init__(self, mentee: Any, mentor: Any, gain: Any, room: Any, mentee_room: Any) -> None:
        self.mentee = mentee  # ascending
        self.mentor = mentor
        self.gain = gain
        self.room = room  # per mentor
        self.mentee_room = mentee_room  # per mentee
        self.dense: bool | None = None  # see _dense
        first = mentee[1:] != mentee[:-1]
        self.starts = (first.nonzero()[0] + 1).tolist()
        self.starts.insert(0, 0)  # each mentee's first edge


def _assign(bonus: int, edges: _Edges, np: Any) -> Any:
    """The mentor of each mentee (-1: unassigned) in an optimal assignment, by scipy.

    Costs are ``top - gain`` per seat of an allowed mentor (gains without the
    bonus: small floats, exact) and, in an extra column per mentee,
    "unassigned": ``top`` for ``"total_score"``, or under ``"most_matched"``
    more than any ``n`` seats together, so that one more pair always wins.
    The cheapest matching of every row is then the best assignment. Without
    those extra columns scipy 1.17's solver was seen never to return on
    dense, tie-heavy parts.
    """
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    room = edges.room
    n = len(edges.starts)
    seat_start = _offsets(room, np)  # each mentor's first seat
    seats = int(seat_start[-1])
    # One entry per (mentee, seat of an allowed mentor).
    edge_room = room[edges.mentor]
    total = int(edge_room.sum())
    rows = np.repeat(edges.mentee, edge_room)
    first_seat = seat_start[:-1][edges.mentor] - np.cumsum(edge_room) + edge_room
    cols = np.repeat(first_seat, edge_room) + np.arange(total)
    relative = edges.gain - _offset(bonus)
    top = int(relative.max()) + 1
    unassigned = float(top) * (n + 1) if bonus else float(top)
    own = np.arange(n, dtype=np.int64)
    values = np.concatenate(
        [np.repeat((top - relative).astype(np.float64), edge_room), np.full(n, unassigned)]
    )
    matrix = coo_array(
        (values, (np.concatenate([rows, own]), np.concatenate([cols, seats + own]))),
        shape=(n, seats + n),
    ).tocsr()
    row_of, col_of = min_weight_full_bipartite_matching(matrix)
    partner = np.full(n, -1, dtype=np.int64)
    placed = col_of < seats
    partner[row_of[placed]] = np.repeat(np.arange(len(room), dtype=np.int64), room)[col_of[placed]]
    return partner


# _exact_distances relaxes, each round, the quarter of the waiting mentors
# nearest the sink: near Dijkstra's order, fewer distances are lowered twice
# (on 50,000 x 10,000 x 5, 11 million relaxations instead of 24 million).
_NEAREST_SHARE = 0.25
# After this many rounds it also keeps, for each node, the neighbour its
# distance came through, and looks for a cycle among them every
# _CYCLE_CHECK_EVERY rounds: such a cycle is a negative cycle (the candidate
# assignment is not optimal), found in a few rounds more instead of running
# to the bound on rounds.
_ROUNDS_BEFORE_CYCLE_CHECKS = 512
_CYCLE_CHECK_EVERY = 32


# A dense part (every mentee allowed with every mentor) of at most this many
# mentors gets its prices from the mentors' own graph, a matrix of this size squared.
_DENSE_MENTORS = 4096


def _exact_distances(
    edges: _Edges, chosen: Any, count: Any, load: Any, np: Any
) -> tuple[Any, Any] | None:
    """Shortest residual distances to the sink in exact int64; see :func:`_sparse_distances`.

    A dense part where every mentee holds at most one pair goes through
    :func:`_dense_distances` (the same distances, by whole-matrix steps).
    """
    if _dense(edges, np):
        return _dense_distances(edges, chosen, count, load, np)
    return _sparse_distances(edges, chosen, count, load, np)


def _dense_distances(
    edges: _Edges, chosen: Any, count: Any, load: Any, np: Any
) -> tuple[Any, Any] | None:
    """:func:`_sparse_distances` for a dense part whose mentees hold one pair at most.

    A mentee's distance is ``min(0, d(j') - g(i, j'))`` over the mentors
    ``j'`` it does not hold (no 0 for a mentee holding nothing), so a
    mentor's is ``min(b(j), W(j, j') + d(j'))`` (and 0 with a free seat):
    ``b(j)`` the least gain among its holders, ``W(j, j')`` the least
    ``g(i, j) - g(i, j')`` among them (``W(j, j)`` is 0, harmless). That is
    Bellman-Ford on the mentors alone, one matrix step per round: on 2,000 x
    400 a few milliseconds where relaxing the pairs took a tenth of a
    second. Still changing after as many rounds as mentors: a negative
    cycle, ``None``.
    """
    n, m = len(count), len(load)
    limit = _SHADOW + _RELATIVE_LIMIT * 4
    gains = edges.gain.reshape(n, m)  # edges ascend by mentee, then mentor
    holders = np.flatnonzero(count)
    own = edges.mentor[chosen]  # the mentor of each holder, in holder order
    order = _grouped(own, m, np)
    holders, own = holders[order], own[order]
    held_gain = gains[holders, own]
    owners, starts = np.unique(own, return_index=True)
    to_mentor = np.zeros(m, dtype=np.int64)  # a free seat: 0; every mentor reaches the sink
    least = np.minimum.reduceat(held_gain, starts) if len(owners) else held_gain
    free = load[owners] < edges.room[owners]
    to_mentor[owners] = np.where(free, np.minimum(least, 0), least)
    if len(owners):
        step = np.minimum.reduceat(held_gain[:, None] - gains[holders], starts, axis=0)
        for _ in range(m + 1):
            through = (step + to_mentor[None, :]).min(axis=1)
            lower = through < to_mentor[owners]
            if not lower.any():
                break
            to_mentor[owners[lower]] = through[lower]
            if (to_mentor < -limit).any():
                return None
        else:
            return None  # still falling: a negative cycle
    if (np.abs(to_mentor) > limit).any():
        return None  # pragma: no cover - no distance goes past this
    through_mentor = to_mentor[None, :] - gains
    through_mentor[holders, own] = 1 << 62  # a mentee's own pair leads back, not forward
    to_mentee = through_mentor.min(axis=1)
    to_mentee[holders] = np.minimum(to_mentee[holders], 0)
    return to_mentee, to_mentor


def _sparse_distances(
    edges: _Edges, chosen: Any, count: Any, load: Any, np: Any
) -> tuple[Any, Any] | None:
    """Shortest residual distances to the sink in exact int64 (label-correcting, vectorised).

    The residual graph of the assignment: mentee -> mentor at ``-gain`` for a
    pair not chosen, mentor -> mentee at ``+gain`` for a chosen one, and a
    zero-cost exit for a mentee holding a pair ("unassigned") and for a
    mentor with a free seat. The distances are those of
    :func:`_distances_to_sink`, with the bonus stood in for (see ``_SHADOW``);
    0 for a node that cannot reach the sink. ``None`` when there is a
    negative cycle (the assignment is not optimal) or the distances leave
    the range in which stand-ins decode exactly.
    """
    unreachable = 1 << 62
    # A reachable distance is the bonus (or its stand-in, at most _SHADOW)
    # -1, 0 or +1 times plus relative gains: never past this.
    limit = _SHADOW + _RELATIVE_LIMIT * 4
    n, m = len(count), len(load)
    holds = count > 0
    to_mentee = np.where(holds, 0, unreachable).astype(np.int64)
    to_mentor = np.full(m, unreachable, dtype=np.int64)
    to_mentor[load < edges.room] = 0
    # The pairs not chosen, grouped by mentor (their relaxations go mentor -> mentee).
    free = ~chosen
    free_mentor = edges.mentor[free]
    order = _grouped(free_mentor, m, np)
    into_mentee = edges.mentee[free][order]
    into_cost = np.negative(edges.gain[free][order])
    first = _offsets(np.bincount(free_mentor, minlength=m), np)
    # The chosen pairs, grouped by mentee (edges ascend by mentee already).
    held = np.flatnonzero(chosen)
    held_first = _offsets(count, np)
    held_mentor = edges.mentor[held]
    held_gain = edges.gain[held]
    # For the cycle check: the mentor each mentee's distance came through,
    # and the holder each mentor's came through (-1: not since checks began).
    via_mentor = np.full(n, -1, dtype=np.int64)
    via_holder = np.full(m, -1, dtype=np.int64)
    tracking = False
    waiting = to_mentor == 0  # a free seat: the sink is one step away
    mentees = np.flatnonzero(holds)  # whose distance fell: their mentor may follow
    rounds = 0
    while True:
        if len(mentees):
            # Mentee i -> each mentor it holds (the pair given up), at +gain.
            index, lengths = _slices(held_first, mentees, np)
            targets = held_mentor[index]
            sources = np.repeat(mentees, lengths)
            values = to_mentee[sources] + held_gain[index]
            before = to_mentor.copy()
            np.minimum.at(to_mentor, targets, values)
            fell = to_mentor < before
            if tracking:
                won = fell[targets] & (values == to_mentor[targets])
                via_holder[targets[won]] = sources[won]
            waiting |= fell
        candidates = np.flatnonzero(waiting)
        if not len(candidates):
            break
        rounds += 1
        if rounds > 16 * (n + m + 2):
            return None  # pragma: no cover - the cycle checks end it long before
        if (np.abs(to_mentor[candidates]) > limit).any():
            return None  # no distance goes past this: the candidate is wrong
        if len(candidates) > 16:
            values = to_mentor[candidates]
            cut = np.partition(values, int(len(values) * _NEAREST_SHARE))[
                int(len(values) * _NEAREST_SHARE)
            ]
            candidates = candidates[values <= cut]
        waiting[candidates] = False
        index, lengths = _slices(first, candidates, np)
        targets = into_mentee[index]
        values = np.repeat(to_mentor[candidates], lengths)
        values += into_cost[index]
        before = to_mentee.copy()
        np.minimum.at(to_mentee, targets, values)
        fell = to_mentee < before
        if (to_mentee[fell] < -limit).any():
            return None
        if tracking:
            won = fell[targets] & (values == to_mentee[targets])
            via_mentor[targets[won]] = np.repeat(candidates, lengths)[won]
            if rounds % _CYCLE_CHECK_EVERY == 0 and _has_cycle(via_mentor, via_holder, n, np):
                return None
        elif rounds >= _ROUNDS_BEFORE_CYCLE_CHECKS:
            tracking = True
        mentees = np.flatnonzero(fell & holds)
    to_mentee[to_mentee >= unreachable] = 0
    to_mentor[to_mentor >= unreachable] = 0
    return to_mentee, to_mentor


def _has_cycle(via_mentor: Any, via_holder: Any, n: int, np: Any) -> bool:
    """Whether the nodes' "came through" links close a cycle (then a negative one exists).

    Nodes: mentees ``0..n-1``, mentors ``n..``; a mentee links to the mentor
    its distance came through, a mentor to its holder; ``-1``, no link. A
    cycle among the links of a label-correcting search always has a negative
    length (Cherkassky and Goldberg, 1999). Pointer doubling: after enough
    doublings, every node not led into a cycle has reached the end.
    """
    end = len(via_mentor) + len(via_holder)
    link = np.concatenate([np.where(via_mentor >= 0, via_mentor + n, end), via_holder])
    link = np.where(link >= 0, link, end)
    link = np.append(link, end)  # the end links to itself
    for _ in range(max(1, int(end).bit_length())):
        link = link[link]
    return bool((link[:end] != end).any())


def _certified(
    edges: _Edges, chosen: Any, count: Any, load: Any, surplus: Any, price: Any, np: Any
) -> bool:
    """Complementary slackness of an assignment and its duals, exactly."""
    slack = surplus[edges.mentee] + price[edges.mentor] - edges.gain
    return bool(
        (slack[chosen] <= 0).all()
        and (slack[~chosen] >= 0).all()
        and not ((surplus > 0) & (count < edges.mentee_room)).any()
        and not ((price > 0) & (load < edges.room)).any()
    )
