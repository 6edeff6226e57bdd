"""The exact check of a candidate assignment: its canonical duals, computed in int64 arrays.

The outside back-ends only propose an assignment; it is used when the
canonical duals computed from it (each mentor's shortest residual distance to
the sink, as the pure-Python solver finds them) satisfy complementary
slackness against every pair, in exact integers. Everything here runs on
arrays: no Python loop over pairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ementoring.matching._solvers._arrays import (
    group_offsets,
    group_slices,
    grouped_order,
    load_numpy,
)
from ementoring.matching._solvers._component import Component, Solution
from ementoring.matching._solvers._edges import (
    RELATIVE_LIMIT,
    SHADOW,
    EdgeArrays,
    chosen_counts,
    edge_arrays,
    from_stand_ins,
    is_dense,
    to_stand_ins,
)

if TYPE_CHECKING:
    from ementoring.matching._solvers._arrays import Flags, IntArray

__all__ = ["certified_solution", "certify"]

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


def certify(component: Component, solution: Solution) -> bool:
    """Check in exact integers that a solution is feasible and its duals prove it optimal.

    Needs numpy: each chosen pair allowed and chosen once, no mentee or
    mentor above their capacity, and the duals satisfy complementary
    slackness against every allowed pair.
    """
    np = load_numpy()
    edges = edge_arrays(component)
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
    placed = chosen_counts(edges, chosen)
    if placed is None:
        return False
    if min(solution.mentee_dual, default=0) < 0 or min(solution.mentor_dual, default=0) < 0:
        return False
    surplus = to_stand_ins(solution.mentee_dual, component.bonus)
    price = to_stand_ins(solution.mentor_dual, component.bonus)
    if surplus is None or price is None:
        return False
    return _certified(edges, chosen, *placed, surplus, price)


def certified_solution(component: Component, edges: EdgeArrays, chosen: Flags) -> Solution | None:
    """The solution of a candidate choice of pairs (flags per edge), if its canonical duals prove it optimal."""
    np = load_numpy()
    loads = chosen_counts(edges, chosen)
    if loads is None:
        return None  # pragma: no cover - the solvers respect every capacity
    count, load = loads
    distances = _exact_distances(edges, chosen, count, load)
    if distances is None:
        return None
    to_mentee, to_mentor = distances
    surplus = np.maximum(0, -to_mentee)
    price = np.maximum(0, to_mentor)
    if not _certified(edges, chosen, count, load, surplus, price):
        return None
    mentee_dual = from_stand_ins(surplus, component.bonus)
    mentor_dual = from_stand_ins(price, component.bonus)
    if mentee_dual is None or mentor_dual is None:
        return None
    tight = surplus[edges.mentee] + price[edges.mentor] == edges.gain
    tied = bool((tight & ~chosen).any())
    tight_pairs = nodes = None
    if tied:
        mentee_in, mentor_in = _cycle_candidates(edges, chosen, tight, count, load, surplus, price)
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


def _certified(
    edges: EdgeArrays,
    chosen: Flags,
    count: IntArray,
    load: IntArray,
    surplus: IntArray,
    price: IntArray,
) -> bool:
    """Complementary slackness of an assignment and its duals, exactly."""
    slack = surplus[edges.mentee] + price[edges.mentor] - edges.gain
    return bool(
        (slack[chosen] <= 0).all()
        and (slack[~chosen] >= 0).all()
        and not ((surplus > 0) & (count < edges.mentee_room)).any()
        and not ((price > 0) & (load < edges.room)).any()
    )


def _exact_distances(
    edges: EdgeArrays, chosen: Flags, count: IntArray, load: IntArray
) -> tuple[IntArray, IntArray] | None:
    """Shortest residual distances to the sink in exact int64; see :func:`_sparse_distances`.

    A dense part where every mentee holds at most one pair goes through
    :func:`_dense_distances` (the same distances, by whole-matrix steps).
    """
    if is_dense(edges):
        return _dense_distances(edges, chosen, count, load)
    return _sparse_distances(edges, chosen, count, load)


def _dense_distances(
    edges: EdgeArrays, chosen: Flags, count: IntArray, load: IntArray
) -> tuple[IntArray, IntArray] | None:
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
    np = load_numpy()
    n, m = len(count), len(load)
    limit = SHADOW + RELATIVE_LIMIT * 4
    gains = edges.gain.reshape(n, m)  # edges ascend by mentee, then mentor
    holders = np.flatnonzero(count)
    own = edges.mentor[chosen]  # the mentor of each holder, in holder order
    order = grouped_order(own, m)
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
    edges: EdgeArrays, chosen: Flags, count: IntArray, load: IntArray
) -> tuple[IntArray, IntArray] | None:
    """Shortest residual distances to the sink in exact int64 (label-correcting, vectorised).

    The residual graph of the assignment: mentee -> mentor at ``-gain`` for a
    pair not chosen, mentor -> mentee at ``+gain`` for a chosen one, and a
    zero-cost exit for a mentee holding a pair ("unassigned") and for a
    mentor with a free seat. The distances are those of
    :func:`_distances_to_sink`, with the bonus stood in for (see ``SHADOW``);
    0 for a node that cannot reach the sink. ``None`` when there is a
    negative cycle (the assignment is not optimal) or the distances leave
    the range in which stand-ins decode exactly.
    """
    np = load_numpy()
    unreachable = 1 << 62
    # A reachable distance is the bonus (or its stand-in, at most SHADOW)
    # -1, 0 or +1 times plus relative gains: never past this.
    limit = SHADOW + RELATIVE_LIMIT * 4
    n, m = len(count), len(load)
    holds = count > 0
    to_mentee = np.where(holds, 0, unreachable).astype(np.int64)
    to_mentor = np.full(m, unreachable, dtype=np.int64)
    to_mentor[load < edges.room] = 0
    # The pairs not chosen, grouped by mentor (their relaxations go mentor -> mentee).
    free = ~chosen
    free_mentor = edges.mentor[free]
    order = grouped_order(free_mentor, m)
    into_mentee = edges.mentee[free][order]
    into_cost = np.negative(edges.gain[free][order])
    first = group_offsets(np.bincount(free_mentor, minlength=m))
    # The chosen pairs, grouped by mentee (edges ascend by mentee already).
    held = np.flatnonzero(chosen)
    held_first = group_offsets(count)
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
            index, lengths = group_slices(held_first, mentees)
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
        index, lengths = group_slices(first, candidates)
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
            if rounds % _CYCLE_CHECK_EVERY == 0 and _has_cycle(via_mentor, via_holder, n):
                return None
        elif rounds >= _ROUNDS_BEFORE_CYCLE_CHECKS:
            tracking = True
        mentees = np.flatnonzero(fell & holds)
    to_mentee[to_mentee >= unreachable] = 0
    to_mentor[to_mentor >= unreachable] = 0
    return to_mentee, to_mentor


def _has_cycle(via_mentor: IntArray, via_holder: IntArray, n: int) -> bool:
    """Whether the nodes' "came through" links close a cycle (then a negative one exists).

    Nodes: mentees ``0..n-1``, mentors ``n..``; a mentee links to the mentor
    its distance came through, a mentor to its holder; ``-1``, no link. A
    cycle among the links of a label-correcting search always has a negative
    length (Cherkassky and Goldberg, 1999). Pointer doubling: after enough
    doublings, every node not led into a cycle has reached the end.
    """
    np = load_numpy()
    end = len(via_mentor) + len(via_holder)
    link = np.concatenate([np.where(via_mentor >= 0, via_mentor + n, end), via_holder])
    link = np.where(link >= 0, link, end)
    link = np.append(link, end)  # the end links to itself
    for _ in range(max(1, int(end).bit_length())):
        link = link[link]
    return bool((link[:end] != end).any())


def _cycle_candidates(
    edges: EdgeArrays,
    chosen: Flags,
    tight: Flags,
    count: IntArray,
    load: IntArray,
    surplus: IntArray,
    price: IntArray,
) -> tuple[Flags, Flags]:
    """The mentees and mentors that may lie on a cycle through a tight pair not chosen.

    The graph is :func:`settle_ties`' (tight pairs, and the sink's edges, for
    each mentee's count of pairs). A node on such a cycle is reachable from the mentor
    of a tight pair not chosen and reaches its mentee; two breadth-first
    searches in arrays find those nodes, so that Tarjan's algorithm, in
    Python, visits only them (on 50,000 x 10,000, 19,000 of 60,000 nodes).
    """
    np = load_numpy()
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
    ahead = _reached(edges.mentor[open_pairs] + n, tails, heads, size)
    behind = _reached(edges.mentee[open_pairs], heads, tails, size)
    both = ahead & behind
    return both[:n], both[n:sink]


def _reached(starts: IntArray, tails: IntArray, heads: IntArray, size: int) -> Flags:
    """Which nodes can be reached from ``starts`` along the edges ``tails -> heads`` (flags)."""
    np = load_numpy()
    targets = heads[grouped_order(tails, size)]
    first = group_offsets(np.bincount(tails, minlength=size))
    seen: Flags = np.zeros(size, dtype=bool)
    frontier = np.unique(starts)
    seen[frontier] = True
    while len(frontier):
        index, _ = group_slices(first, frontier)
        found = targets[index]
        frontier = np.unique(found[~seen[found]])
        seen[frontier] = True
    return seen
