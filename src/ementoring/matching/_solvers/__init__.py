"""The exact solvers of the capacitated assignment, one algorithm per module.

- ``_component``: a connected part of the allowed-pair graph, and a solution
  (chosen pairs and canonical dual prices); the problem and its duals.
- ``_python``: the pure-Python solver (bidding warm start, shortest augmenting paths).
- ``_ties``: among equally good optima, the one the total tie order prefers.
- ``_scipy`` and ``_ortools``: the optional outside back-ends, which only propose.
- ``_certificate``: the exact check of a proposal, in int64 arrays.
- ``_edges`` and ``_arrays``: a part's pairs as arrays, and the array helpers.
"""

from ementoring.matching._solvers._certificate import certify
from ementoring.matching._solvers._component import Adjacency, Component, PairUnits, Solution
from ementoring.matching._solvers._ortools import solve_ortools
from ementoring.matching._solvers._python import solve_python
from ementoring.matching._solvers._scipy import solve_scipy
from ementoring.matching._solvers._ties import settle_ties

__all__ = [
    "Adjacency",
    "Component",
    "PairUnits",
    "Solution",
    "certify",
    "settle_ties",
    "solve_ortools",
    "solve_python",
    "solve_scipy",
]
