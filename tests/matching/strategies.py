"""Hypothesis strategies for matching problems (to move to ementoring.testing later)."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import strategies as st

from ementoring.matching import Criterion, MatchingProblem, Mentee, Mentor

SCORES = (0.0, 0.25, 0.5, 0.75, 1.0)


def table_criterion(
    name: str,
    table: Mapping[tuple[str, str], float],
    *,
    weight: float = 1.0,
    required: bool = False,
) -> Criterion:
    """A criterion that reads its scores from a ``(mentor_id, mentee_id)`` table."""

    def score(mentor: Mentor, mentee: Mentee) -> float:
        return table[mentor.id, mentee.id]

    return Criterion(name, score, weight=weight, required=required)


@st.composite
def problems(
    draw: st.DrawFn,
    *,
    max_mentors: int = 3,
    max_mentees: int = 4,
    max_capacity: int = 2,
    mentee_capacity: bool = True,
    pins: bool = True,
) -> MatchingProblem:
    """Small random problems: table criteria with many ties, forbidden and pinned pairs."""
    mentor_count = draw(st.integers(0, max_mentors))
    mentee_count = draw(st.integers(0, max_mentees))
    mentors = [
        Mentor(f"r{k}", capacity=draw(st.integers(0, max_capacity))) for k in range(mentor_count)
    ]
    mentees = [
        Mentee(
            f"e{k}",
            capacity=draw(st.integers(0, max_capacity)) if mentee_capacity else 1,
        )
        for k in range(mentee_count)
    ]
    pairs = [(r.id, e.id) for r in mentors for e in mentees]
    criteria = []
    for index in range(draw(st.integers(1, 2))):
        table = {pair: draw(st.sampled_from(SCORES)) for pair in pairs}
        criteria.append(
            table_criterion(
                f"c{index}",
                table,
                weight=draw(st.sampled_from((1.0, 2.0))),
                required=draw(st.booleans()),
            )
        )
    forbidden = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    pinned: list[tuple[str, str]] = []
    if pins and pairs:
        room = {m.id: m.capacity for m in mentors} | {m.id: m.capacity for m in mentees}
        for pair in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2)):
            if pair not in forbidden and room[pair[0]] > 0 and room[pair[1]] > 0:
                room[pair[0]] -= 1
                room[pair[1]] -= 1
                pinned.append(pair)
    return MatchingProblem(
        mentors,
        mentees,
        criteria,
        forbidden=forbidden,
        pinned=pinned,
        min_score=draw(st.sampled_from((0.0, 0.0, 0.3))),
    )
