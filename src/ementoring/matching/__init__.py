"""Provably optimal, explainable mentor-mentee assignment with capacities and hard rules."""

from ementoring.matching._assign import solve
from ementoring.matching._checks import SignUpProblem, SignUpProblemKind, check_person
from ementoring.matching._criteria import (
    BUILTIN_CRITERIA,
    attribute_differs,
    attribute_equal,
    same_field,
    shared_language,
    timezone_gap,
    topic_fit,
)
from ementoring.matching._custom import custom
from ementoring.matching._explain import Alternative, Exclusion, Explanation, Outcome, explain
from ementoring.matching._fingerprint import fingerprint
from ementoring.matching._gains import GAIN_RULES, SCALE
from ementoring.matching._graph import to_networkx
from ementoring.matching._greedy import greedy_fill
from ementoring.matching._models import (
    MAX_CRITERIA,
    MAX_WEIGHT,
    BulkScorer,
    Criterion,
    Folded,
    MatchingProblem,
    Mentee,
    Mentor,
    Recipe,
    fold,
)
from ementoring.matching._recommend import recommend, recommend_all
from ementoring.matching._result import (
    Certificate,
    Match,
    MatchingResult,
    Objective,
    Recommendation,
    Unmatched,
    UnmatchedReason,
)
from ementoring.matching._schedule_criteria import average_overlap, regular_time, schedule_overlap
from ementoring.matching._verify import blocking_pairs, verify

__all__ = [
    "BUILTIN_CRITERIA",
    "GAIN_RULES",
    "MAX_CRITERIA",
    "MAX_WEIGHT",
    "SCALE",
    "Alternative",
    "BulkScorer",
    "Certificate",
    "Criterion",
    "Exclusion",
    "Explanation",
    "Folded",
    "Match",
    "MatchingProblem",
    "MatchingResult",
    "Mentee",
    "Mentor",
    "Objective",
    "Outcome",
    "Recipe",
    "Recommendation",
    "SignUpProblem",
    "SignUpProblemKind",
    "Unmatched",
    "UnmatchedReason",
    "attribute_differs",
    "attribute_equal",
    "average_overlap",
    "blocking_pairs",
    "check_person",
    "custom",
    "explain",
    "fingerprint",
    "fold",
    "greedy_fill",
    "recommend",
    "recommend_all",
    "regular_time",
    "same_field",
    "schedule_overlap",
    "shared_language",
    "solve",
    "timezone_gap",
    "to_networkx",
    "topic_fit",
    "verify",
]
