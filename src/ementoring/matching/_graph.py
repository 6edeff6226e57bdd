"""The allowed-pair graph as a networkx graph, for teams that analyse or draw it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ementoring._extras import require
from ementoring.errors import InvalidTypeError
from ementoring.matching._gains import units
from ementoring.matching._models import MatchingProblem, Mentee, Mentor
from ementoring.matching._scorer import PairScorer

__all__ = ["to_networkx"]


def to_networkx(problem: MatchingProblem) -> Any:
    """Return the problem's allowed pairs as a networkx ``Graph`` (the optional ``graph`` extra).

    Nodes are ``("mentee", id)`` with ``bipartite=0`` and ``("mentor", id)``
    with ``bipartite=1`` (networkx's convention for the two sides), each with
    its ``capacity`` and ``room`` (the seats the solver can still fill: the
    capacity less pinned pairs, at most the number of people on the other
    side).
    Every allowed pair is an edge with its ``score``, ``units`` (the score
    in integer millionths, the solver's resolution, for networkx's flow
    algorithms, which want integers), ``breakdown`` (criterion name to
    score) and ``pinned=False``, whatever the capacities; pinned pairs are
    edges too, with ``pinned=True``. People without any allowed pair are
    isolated nodes.

    Args:
        problem: The matching problem.

    Returns:
        A new ``networkx.Graph``.

    Raises:
        InvalidTypeError: ``problem`` is not a ``MatchingProblem``.
        MissingExtraError: networkx is not installed
            (``pip install 'ementoring[graph]'``).
        ValidationError: A criterion scores a pair outside ``[0, 1]``.

    >>> from ementoring.matching import MatchingProblem, Mentee, Mentor, topic_fit
    >>> problem = MatchingProblem([Mentor("ana", offers=["cv"], capacity=2)],
    ...                           [Mentee("olga", goals=["cv", "visa"])], [topic_fit()])
    >>> graph = to_networkx(problem)
    >>> graph.nodes["mentor", "ana"]
    {'bipartite': 1, 'capacity': 2, 'room': 1}
    >>> graph.edges[("mentee", "olga"), ("mentor", "ana")]
    {'score': 0.5, 'units': 500000, 'breakdown': {'topic_fit': 0.5}, 'pinned': False}
    """
    if not isinstance(problem, MatchingProblem):
        raise InvalidTypeError("problem", problem, "a MatchingProblem")
    networkx = require("networkx", "graph", "ementoring.matching.to_networkx")
    scorer = PairScorer(problem)
    names = scorer.names
    graph = networkx.Graph()
    sides: tuple[tuple[int, Sequence[Mentee | Mentor], list[int]], ...] = (
        (0, scorer.mentees, scorer.mentee_room),
        (1, scorer.mentors, scorer.mentor_room),
    )
    for side, people, rooms in sides:
        kind = "mentee" if side == 0 else "mentor"
        for person, room in zip(people, rooms, strict=True):
            graph.add_node((kind, person.id), bipartite=side, capacity=person.capacity, room=room)
    for i in range(len(scorer.mentees)):
        mentee_node = ("mentee", scorer.mentee_ids[i])
        for j, score, pair_units, breakdown in scorer.allowed(i):
            graph.add_edge(
                mentee_node,
                ("mentor", scorer.mentor_ids[j]),
                score=score,
                units=pair_units,
                breakdown=dict(zip(names, breakdown, strict=True)),
                pinned=False,
            )
    for i, j in scorer.pinned:
        pinned = scorer.evaluate(i, j, stop_on_required=False)
        assert not isinstance(pinned, int)  # stop_on_required=False: always the breakdown
        score = scorer.score_of(pinned)
        graph.add_edge(
            ("mentee", scorer.mentee_ids[i]),
            ("mentor", scorer.mentor_ids[j]),
            score=score,
            units=units(score),
            breakdown=dict(zip(names, pinned, strict=True)),
            pinned=True,
        )
    return graph
