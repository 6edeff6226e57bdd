"""The custom criterion factory the golden matching problems were stored with.

A stored custom criterion is only its name and JSON arguments, so reading one
back needs its factory: ``from_data(MatchingProblem, doc, criteria=FACTORIES)``.
The generator's driver calls it inside old commits too, so it uses only
``Criterion(name, score, weight=..., required=...)``, which every version has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ementoring.matching import Criterion

__all__ = ["FACTORIES", "department_rule"]


def department_rule(
    *,
    departments: list[str],
    weight: float = 1.0,
    required: bool = False,
    levels: Mapping[str, float] | None = None,
) -> Criterion:
    """1 when both people work in one of ``departments`` (or its level there), else 0.

    >>> from ementoring.matching import Mentee, Mentor
    >>> rule = department_rule(departments=["people"], levels={"people": 0.5})
    >>> rule.score(Mentor("r", attributes={"department": "people"}),
    ...            Mentee("e", attributes={"department": "people"}))
    0.5
    """
    # Imported here: the driver imports this module in versions without matching.
    from ementoring.matching import Criterion

    chosen = frozenset(departments)
    level = dict(levels or {})

    def score(mentor: Any, mentee: Any) -> float:
        department = mentor.attributes.get("department")
        if department in chosen and mentee.attributes.get("department") == department:
            return float(level.get(department, 1.0))
        return 0.0

    return Criterion("department_rule", score, weight=weight, required=required)


FACTORIES: Mapping[str, Callable[..., Criterion]] = {"department_rule": department_rule}
"""The factories by the name the golden documents store them under."""
