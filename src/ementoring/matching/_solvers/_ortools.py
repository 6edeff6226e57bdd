"""The OR-tools back-end: min-cost flow on the integer gains, its answer checked in exact integers."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ementoring._extras import require
from ementoring.matching._gains import TIE_RANGE
from ementoring.matching._solvers._arrays import load_numpy
from ementoring.matching._solvers._certificate import certified_solution
from ementoring.matching._solvers._component import Component, Solution
from ementoring.matching._solvers._edges import EdgeArrays, bonus_stand_in, edge_arrays, is_dense

if TYPE_CHECKING:
    from ementoring.matching._solvers._arrays import Flags, IntArray

__all__ = ["solve_ortools"]

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
    the check: its check takes milliseconds (the dense path of ``_certificate``), so a
    failed first try costs little. Elsewhere one solve: the check of a
    sparse part is a search over every pair (0.4 to 0.7 s to refuse a wrong
    candidate on 50,000 x 10,000 x 5, where ``2**17`` does fail it).

    Raises:
        MissingExtraError: OR-tools is not installed.
    """
    flow_module = require("ortools.graph.python.min_cost_flow", "ortools", "backend='ortools'")
    np = load_numpy()
    edges = edge_arrays(component)
    if edges is None:
        return None
    n, m = len(edges.starts), len(edges.room)
    nodes = n + m + 2
    relative = edges.gain - bonus_stand_in(component.bonus)
    step = component.price_step
    dense = is_dense(edges)
    costs = [relative]
    if int(relative.max()) * (nodes + 1) >= _ORTOOLS_COST_LIMIT or (
        dense and step > _DENSE_FIRST_STEP
    ):
        if step <= TIE_RANGE:
            return None  # gains not of the form units * step + tie: nothing to shrink
        units, tie = np.divmod(relative - 1, step)
        fitting = _ORTOOLS_COST_LIMIT // (nodes + 1) // (int(units.max()) + 1)
        if fitting <= TIE_RANGE:
            return None  # too many nodes for even one tie range per unit of score
        steps = [min(step, fitting)]
        if dense and steps[0] > _DENSE_FIRST_STEP:
            steps.insert(0, _DENSE_FIRST_STEP)
        costs = [relative if each == step else units * each + tie + 1 for each in steps]
    for cost in costs:
        chosen = _ortools_chosen(flow_module, edges, cost, bool(component.bonus))
        if chosen is None:
            return None  # pragma: no cover - OR-tools solves every such network
        solution = certified_solution(component, edges, chosen)
        if solution is not None:
            return solution
    return None


def _ortools_chosen(
    flow_module: ModuleType, edges: EdgeArrays, cost: IntArray, most: bool
) -> Flags | None:
    """Which pairs OR-tools' optimum for these pair costs chooses (flags per edge), or ``None``."""
    np = load_numpy()
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
    chosen: Flags = flow.flows(pairs) > 0
    return chosen
