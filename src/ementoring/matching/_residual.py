"""The residual graph of an optimised result: how much a pair's score would have to rise.

An explanation says, for an allowed mentor not chosen, how much the pair's
gain would have to rise for it to be chosen: the cost of the cheapest
residual cycle through the pair, read from the certificate's dual prices.
"""

from __future__ import annotations

from heapq import heappop, heappush

from ementoring.matching._gains import pair_hash
from ementoring.matching._result import MatchingResult
from ementoring.matching._scorer import ScoredPairs

__all__ = ["rises_of"]


class ResidualGraphs:
    """The residual graph of an optimised result, built one connected part at a time.

    Explaining one mentee only searches their own part of the allowed-pair
    graph (a cycle through the sink stays inside it), so the first
    explanation builds that part alone, not the whole problem.
    """

    def __init__(self, scored: ScoredPairs, result: MatchingResult) -> None:
        certificate = result.certificate
        assert certificate is not None
        self.scored = scored
        self.result = result
        scorer = scored.scorer
        self.bonus, self.tie_unit = certificate.bonus, certificate.tie_unit
        n, m = len(scorer.mentees), len(scorer.mentors)
        # Potentials from the certificate: reduced costs are then all >= 0.
        self.p_mentee = [certificate.mentee_surplus[e] for e in scorer.mentee_ids]
        self.p_mentor = [-certificate.mentor_price[r] for r in scorer.mentor_ids]
        self.chosen: dict[int, set[int]] = {}
        count = [0] * n
        load = [0] * m
        for match in result.matches:
            if not match.pinned:
                i = scorer.mentee_index[match.mentee_id]
                j = scorer.mentor_index[match.mentor_id]
                self.chosen.setdefault(i, set()).add(j)
                count[i] += 1
                load[j] += 1
        self.sink_to_mentee = [count[i] < scorer.mentee_room[i] for i in range(n)]
        self.sink_to_mentor = [load[j] > 0 for j in range(m)]
        self.free_seat = [load[j] < scorer.mentor_room[j] for j in range(m)]
        self.part = _part_labels(scored)
        self.members: dict[int, list[int]] = {}  # mentee and mentor nodes (mentor j is n + j)
        for x, label in enumerate(self.part):
            self.members.setdefault(label, []).append(x)
        self._parts: dict[int, PartResidual] = {}

    def of(self, i: int) -> PartResidual:
        """The residual graph of mentee ``i``'s part."""
        label = self.part[i]
        found = self._parts.get(label)
        if found is None:
            found = self._parts[label] = PartResidual(self, self.members[label])
        return found


class PartResidual:
    """The residual graph of one connected part, edges stored by their head.

    Only integers are stored per pair at first (who can take each mentor,
    with the pair's score units); a mentor's edges get their gains when a
    search first reaches it, and a search often stops after a corner of the
    part.
    """

    def __init__(self, whole: ResidualGraphs, members: list[int]) -> None:
        scorer = whole.scored.scorer
        n = len(scorer.mentees)
        self.whole = whole
        self.p_mentee, self.p_mentor = whole.p_mentee, whole.p_mentor
        self.sink_to_mentee, self.sink_to_mentor = whole.sink_to_mentee, whole.sink_to_mentor
        rooms, chosen = scorer.mentor_room, whole.chosen
        # Pairs not chosen, by mentor: the mentees and the pairs' score units.
        self.takers: dict[int, tuple[list[int], list[int]]] = {}
        self.from_mentee: list[int] = []
        for i in members:
            if i >= n:
                break  # mentors follow the mentees
            mine = chosen.get(i, set())
            if mine:
                self.from_mentee.append(i)
            row = whole.scored.rows[i]
            for j, score_units in zip(row.mentors, row.units, strict=True):
                if rooms[j] > 0 and j not in mine:
                    found = self.takers.get(j)
                    if found is None:
                        found = self.takers[j] = ([], [])
                    found[0].append(i)
                    found[1].append(score_units)
        self.from_mentor = [x - n for x in members if x >= n and whole.free_seat[x - n]]
        self._into_mentor: dict[int, list[tuple[int, int]]] = {}

    def into_mentor(self, j: int) -> list[tuple[int, int]]:
        """``(i, -gain)`` for the pairs not chosen of mentor j, computed once, when first reached."""
        found = self._into_mentor.get(j)
        if found is None:
            takers, score_units = self.takers.get(j, ([], []))
            found = self._into_mentor[j] = [
                (i, -self.gain(i, j, u)) for i, u in zip(takers, score_units, strict=True)
            ]
        return found

    def gain(self, i: int, j: int, score_units: int | None = None) -> int:
        """The integer gain of pair (mentee i, mentor j), as the solver saw it."""
        whole, scorer = self.whole, self.whole.scored.scorer
        if score_units is None:
            score_units = whole.scored.rows[i].candidate(j)[2]
        return (
            whole.bonus
            + score_units * whole.tie_unit
            + pair_hash(scorer.mentee_keys[i], scorer.mentor_keys[j])
        )

    def rises(self, target: int, mentors: set[int]) -> dict[int, int]:
        """For each mentor j, the least gain increase that lets pair (target, j) be chosen.

        That is the cost of the cheapest residual cycle through the pair: the
        path from j back to the mentee, found by Dijkstra backwards on reduced
        costs, minus the pair's gain.
        """
        p_mentee, p_mentor = self.p_mentee, self.p_mentor
        distance: dict[tuple[int, int], int] = {}
        best: dict[tuple[int, int], int] = {(0, target): 0}
        heap: list[tuple[int, int, int]] = [(0, 0, target)]
        left = set(mentors)
        sink_done = False
        while heap and left:
            d, kind, y = heappop(heap)
            if (kind, y) in distance:
                continue
            distance[kind, y] = d
            edges: list[tuple[int, int, int]] = []  # (kind of tail, tail, reduced cost)
            if kind == 0:  # mentee y: edges j -> y of the pairs y holds, at +gain
                p_y = p_mentee[y]
                edges += [
                    (1, j, self.gain(y, j) + p_mentor[j] - p_y)
                    for j in sorted(self.whole.chosen.get(y, ()))
                ]
                if self.sink_to_mentee[y] and not sink_done:
                    edges.append((2, 0, -p_y))
            elif kind == 1:  # mentor y: edges i -> y of the pairs not chosen, at -gain
                left.discard(y)
                p_y = p_mentor[y]
                edges += [(0, i, p_mentee[i] - p_y + cost) for i, cost in self.into_mentor(y)]
                if self.sink_to_mentor[y] and not sink_done:
                    edges.append((2, 0, -p_y))
            else:
                sink_done = True
                edges += [(1, j, p_mentor[j]) for j in self.from_mentor]
                edges += [(0, i, p_mentee[i]) for i in self.from_mentee]
            for tail_kind, tail, reduced in edges:
                nd = d + reduced
                if (tail_kind, tail) not in distance and nd < best.get((tail_kind, tail), nd + 1):
                    best[tail_kind, tail] = nd
                    heappush(heap, (nd, tail_kind, tail))
        rises = {}
        for j in mentors:
            if (1, j) in distance:
                path = distance[1, j] - p_mentor[j] + p_mentee[target]
                rises[j] = path - self.gain(target, j)
        return rises


def _part_labels(scored: ScoredPairs) -> list[int]:
    """Label each node (mentee i, mentor n + j) with its connected part, as the solver split them.

    A mentee without a usable pair is a part of their own.
    """
    scorer = scored.scorer
    n = len(scorer.mentees)
    part = scored.mentor_parts()
    rooms = scorer.mentor_room
    labels = [
        next((n + part[j] for j in row.mentors if rooms[j] > 0), i)
        for i, row in enumerate(scored.rows)
    ]
    return labels + [n + root for root in part]


def rises_of(
    scored: ScoredPairs, result: MatchingResult, i: int, mentors: set[int]
) -> dict[int, int]:
    """For each of ``mentors``, the least gain increase that lets its pair with mentee ``i`` be chosen.

    The residual graph of the mentee's part is built on first use and kept
    with the scored pairs, for the next mentee of the same result.
    """
    residual = scored.residual
    if not isinstance(residual, ResidualGraphs) or residual.result is not result:
        residual = scored.residual = ResidualGraphs(scored, result)
    return residual.of(i).rises(i, mentors)
