"""Plain-sentence explanations of a result, read from its dual prices."""

from __future__ import annotations

from heapq import heappop, heappush
from typing import TYPE_CHECKING

from ementoring.errors import UnknownIdError, ValidationError
from ementoring.matching._result import UnmatchedReason
from ementoring.matching._scoring import SCALE, Scored, pair_hash, units

if TYPE_CHECKING:
    from ementoring.matching._result import MatchingResult

__all__ = ["explain"]

# How many alternatives an explanation names.
_ALTERNATIVES = 3


def _breakdown(names: tuple[str, ...], scores: tuple[float, ...]) -> str:
    return ", ".join(f"{name} {score:.2f}" for name, score in zip(names, scores, strict=True))


def _described(context: Scored, i: int, j: int) -> list[str]:
    """What criteria that can say it in words (``Criterion.describe``) say of a pair."""
    criteria = context.context.criteria
    mentor, mentee = context.context.mentors[j], context.context.mentees[i]
    return [
        f"  {c.name}: {c.describe(mentor, mentee)}." for c in criteria if c.describe is not None
    ]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def explain(result: MatchingResult, mentee_id: str) -> str:
    """Explain what happened to one mentee (see :meth:`MatchingResult.explain`)."""
    scored = result._scored
    if scored is None:
        raise ValidationError(
            "result", "MatchingResult", "only a result returned by solve() can be explained"
        )
    context = scored.context
    i = context.mentee_index.get(mentee_id)
    if i is None:
        raise UnknownIdError("mentee_id", mentee_id, "unknown mentee id")
    names = context.names
    mentee = context.mentees[i]
    lines: list[str] = []
    mine = [m for m in result.matches if m.mentee_id == mentee_id]
    for match in mine:
        how = "is pinned to" if match.pinned else "is matched with"
        scores = tuple(match.breakdown[name] for name in names)
        lines.append(
            f"{mentee_id} {how} {match.mentor_id} "
            f"(score {match.score:.2f}: {_breakdown(names, scores)})."
        )
        lines.extend(_described(scored, i, context.mentor_index[match.mentor_id]))
    if mentee.capacity == 0:
        lines.append(f"{mentee_id} is not looking for a mentor now (capacity 0).")
    unmatched = result.unmatched.get(mentee_id)
    if unmatched is not None:
        if unmatched.reason is UnmatchedReason.NO_ALLOWED_MENTOR:
            rules = [
                f"{name} excludes {count}" for name, count in unmatched.detail.items() if count
            ]
            lines.append(
                f"{mentee_id} is not matched: no allowed mentor among "
                f"{_plural(len(context.mentors), 'mentor')}"
                + (f" ({'; '.join(rules)})." if rules else ".")
            )
        else:
            full = [
                f"{mentor_id} (held by {', '.join(held) if held else 'nobody: no seats'})"
                for mentor_id, held in unmatched.detail.items()
            ]
            lines.append(
                f"{mentee_id} is not matched: every allowed mentor is full: {'; '.join(full)}."
            )
    taken = {m.mentor_id for m in mine}
    alternatives = [c for c in scored.allowed[i] if context.mentor_ids[c[0]] not in taken]
    alternatives.sort(key=lambda c: (-c[2], context.mentor_ids[c[0]]))
    shown = alternatives[:_ALTERNATIVES]
    rises: dict[int, int] = {}
    if result.certificate is not None and context.mentee_room[i] > 0:
        rises = _rises(result, i, {c[0] for c in shown if context.mentor_room[c[0]] > 0})
    for j, score, score_units, breakdown in shown:
        mentor_id = context.mentor_ids[j]
        lines.append(
            f"Alternative {mentor_id} (score {score:.2f}: {_breakdown(names, breakdown)}) "
            + _rise(result, i, j, score_units, rises.get(j))
        )
        lines.extend(_described(scored, i, j))
    if unmatched is None or unmatched.reason is not UnmatchedReason.NO_ALLOWED_MENTOR:
        lines.extend(_not_allowed(result, i))
    return "\n".join(lines)


class _Residuals:
    """The residual graph of an optimised result, built one connected part at a time.

    Explaining one mentee only searches their own part of the allowed-pair
    graph (a cycle through the sink stays inside it), so the first
    explanation builds that part alone, not the whole problem.
    """

    def __init__(self, result: MatchingResult) -> None:
        scored = result._scored
        certificate = result.certificate
        assert scored is not None
        assert certificate is not None
        self.scored = scored
        context = scored.context
        self.bonus, self.tie_unit = certificate.bonus, certificate.tie_unit
        n, m = len(context.mentees), len(context.mentors)
        # Potentials from the certificate: reduced costs are then all >= 0.
        self.p_mentee = [certificate.mentee_surplus[e] for e in context.mentee_ids]
        self.p_mentor = [-certificate.mentor_price[r] for r in context.mentor_ids]
        self.chosen: dict[int, set[int]] = {}
        count = [0] * n
        load = [0] * m
        for match in result.matches:
            if not match.pinned:
                i = context.mentee_index[match.mentee_id]
                j = context.mentor_index[match.mentor_id]
                self.chosen.setdefault(i, set()).add(j)
                count[i] += 1
                load[j] += 1
        self.sink_to_mentee = [count[i] < context.mentee_room[i] for i in range(n)]
        self.sink_to_mentor = [load[j] > 0 for j in range(m)]
        self.free_seat = [load[j] < context.mentor_room[j] for j in range(m)]
        self.part = _parts(scored)
        self.members: dict[int, list[int]] = {}  # mentee and mentor nodes (mentor j is n + j)
        for x, label in enumerate(self.part):
            self.members.setdefault(label, []).append(x)
        self._parts: dict[int, _Residual] = {}

    def of(self, i: int) -> _Residual:
        """The residual graph of mentee ``i``'s part."""
        label = self.part[i]
        found = self._parts.get(label)
        if found is None:
            found = self._parts[label] = _Residual(self, self.members[label])
        return found


class _Residual:
    """The residual graph of one connected part, edges stored by their head.

    Only integers are stored per pair at first (who can take each mentor,
    with the pair's score units); a mentor's edges get their gains when a
    search first reaches it, and a search often stops after a corner of the
    part.
    """

    def __init__(self, whole: _Residuals, members: list[int]) -> None:
        context = whole.scored.context
        n = len(context.mentees)
        self.whole = whole
        self.p_mentee, self.p_mentor = whole.p_mentee, whole.p_mentor
        self.sink_to_mentee, self.sink_to_mentor = whole.sink_to_mentee, whole.sink_to_mentor
        rooms, chosen = context.mentor_room, whole.chosen
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
        whole, context = self.whole, self.whole.scored.context
        if score_units is None:
            score_units = whole.scored.rows[i].candidate(j)[2]
        return (
            whole.bonus
            + score_units * whole.tie_unit
            + pair_hash(context.mentee_keys[i], context.mentor_keys[j])
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


def _parts(scored: Scored) -> list[int]:
    """Label each node (mentee i, mentor n + j) with its connected part, as the solver split them.

    A mentee without a usable pair is a part of their own.
    """
    context = scored.context
    n = len(context.mentees)
    part = scored.mentor_parts()
    rooms = context.mentor_room
    labels = [
        next((n + part[j] for j in row.mentors if rooms[j] > 0), i)
        for i, row in enumerate(scored.rows)
    ]
    return labels + [n + root for root in part]


def _rises(result: MatchingResult, i: int, mentors: set[int]) -> dict[int, int]:
    scored = result._scored
    assert scored is not None
    if scored.residual is None:
        scored.residual = _Residuals(result)
    assert isinstance(scored.residual, _Residuals)
    return scored.residual.of(i).rises(i, mentors)


def _not_allowed(result: MatchingResult, i: int) -> list[str]:
    scored = result._scored
    assert scored is not None
    context = scored.context
    allowed = {c[0] for c in scored.allowed[i]} | context.pinned_of.get(i, set())
    if context.mentee_room[i] <= 0:
        return []
    excluded = [j for j in range(len(context.mentors)) if j not in allowed]
    if not excluded:
        return []
    reasons = [f"{context.mentor_ids[j]} ({context.why_not(i, j)})" for j in excluded[:3]]
    more = f" and {len(excluded) - 3} more" if len(excluded) > 3 else ""
    return [f"Not allowed: {', '.join(reasons)}{more}."]


def _rise(result: MatchingResult, i: int, j: int, score_units: int, rise: int | None) -> str:
    scored = result._scored
    assert scored is not None
    context = scored.context
    mentor_id = context.mentor_ids[j]
    if context.mentor_room[j] <= 0:
        return "has no seat left after pinned pairs."
    certificate = result.certificate
    if certificate is None or rise is None:
        holders = [m.score for m in result.matches if m.mentor_id == mentor_id]
        if len(holders) < context.mentors[j].capacity:
            return "has a free seat but ranks below this mentee's match."
        lowest = min(units(score) for score in holders)
        if lowest <= score_units:
            return "ties with a mentee holding a seat; the fixed tie-break (a hash of both ids) decided."
        needed = (lowest - score_units) / SCALE
        return f"prefers the mentees holding their seats: this pair would need {needed:.2f} more."
    if certificate.bonus and rise >= certificate.bonus:
        return "could only be chosen by leaving another mentee without a mentor."
    if rise < certificate.tie_unit:
        return "ties with the choice made; the fixed tie-break (a hash of both ids) decided."
    return f"would need a score {rise / (certificate.tie_unit * SCALE):.2f} higher to be chosen."
