"""to_networkx: the allowed-pair graph, as networkx sees it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from ementoring.errors import InvalidTypeError, MissingExtraError
from ementoring.matching import MatchingProblem, recommend, solve, to_networkx
from tests.matching.strategies import problems

nx = pytest.importorskip("networkx")


class TestToNetworkx:
    @settings(max_examples=60, deadline=None)
    @given(problems())
    def test_edges_are_the_allowed_and_pinned_pairs(self, problem: MatchingProblem) -> None:
        """One node per person with its side and capacity; one edge per allowed or pinned pair."""
        graph = to_networkx(problem)
        for mentor in problem.mentors:
            node = graph.nodes["mentor", mentor.id]
            assert node["bipartite"] == 1
            assert node["capacity"] == mentor.capacity
        for mentee in problem.mentees:
            assert graph.nodes["mentee", mentee.id]["bipartite"] == 0
        expected = {(p[1], p[0]): True for p in problem.pinned}
        for mentee in problem.mentees:
            for rec in recommend(problem, mentee.id, k=10_000):
                expected[mentee.id, rec.mentor_id] = False
                edge = graph.edges[("mentee", mentee.id), ("mentor", rec.mentor_id)]
                assert edge["score"] == rec.score
                assert dict(edge["breakdown"]) == dict(rec.breakdown)
                assert edge["units"] == round(rec.score * 1_000_000)
        # recommend leaves out mentors without a free seat: their pairs are edges too.
        found = {
            (a[1], b[1]) if a[0] == "mentee" else (b[1], a[1]): data["pinned"]
            for a, b, data in graph.edges(data=True)
        }
        assert {k: v for k, v in found.items() if k in expected} == expected
        assert all(found[p[1], p[0]] for p in problem.pinned)

    @settings(max_examples=60, deadline=None)
    @given(problems(max_capacity=1, mentee_capacity=False, pins=False))
    def test_networkx_matching_size_is_ours(self, problem: MatchingProblem) -> None:
        """With one seat each, networkx's maximum matching has as many pairs as most_matched."""
        graph = to_networkx(problem)
        usable = graph.subgraph(n for n, d in graph.nodes(data=True) if d["room"] > 0)
        size = len(nx.max_weight_matching(usable, maxcardinality=True))
        assert size == len(solve(problem).matches)

    def test_wrong_type(self) -> None:
        """A problem of the wrong type is an InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="problem"):
            to_networkx({"mentors": []})  # type: ignore[arg-type]

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without networkx the error names the extra to install."""
        import sys

        from ementoring.matching import Mentee, Mentor, same_field

        monkeypatch.setitem(sys.modules, "networkx", None)
        problem = MatchingProblem([Mentor("a")], [Mentee("b")], [same_field()])
        with pytest.raises(MissingExtraError, match=r"ementoring\[graph\]"):
            to_networkx(problem)
