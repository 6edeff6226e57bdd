"""Settling ties: among equally good optima, the one the total tie order prefers.

Every back-end ends here, so all return the same pairs.
"""

from __future__ import annotations

from ementoring.matching._solvers._component import Component, Solution
from ementoring.matching._solvers._python import solve_python

__all__ = ["settle_ties"]


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
