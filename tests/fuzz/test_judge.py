"""The fuzz harness itself: it must flag a bare exception and accept a typed one."""

from __future__ import annotations

from typing import Any

import pytest

from ementoring.errors import InvalidTypeError
from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field, solve

from . import judge as judging
from .discover import Target, targets
from .judge import TALLY, Problem, describe_call, judge, short
from .test_callables import _call
from .values import places


def _typed(value: Any) -> int:
    if not isinstance(value, int):
        raise InvalidTypeError("value", value, "a whole number")
    return value


def _careless(value: Any) -> int:
    return int(value.real)


class TestJudge:
    def test_typed_errors_and_results_pass(self) -> None:
        """A result or an EmentoringError is what the contract allows."""
        assert judge("typed", _typed, (3,), {}) == 3
        assert judge("typed", _typed, ("x",), {}) is None

    def test_a_bare_exception_is_a_problem(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An AttributeError is reported with the callable, the arguments and the line."""
        monkeypatch.setattr(judging, "LONG", False)
        monkeypatch.setattr(TALLY, "problems", {})
        monkeypatch.setattr(TALLY, "summaries", {})
        with pytest.raises(Problem) as caught:
            judge("careless", _careless, ("x",), {})
        message = str(caught.value)
        assert "careless('x') raised AttributeError" in message
        assert "test_judge.py" in message

    def test_wrong_arity_is_not_a_call(self) -> None:
        """Arguments the signature cannot bind are Python's own TypeError, not tried."""
        before = TALLY.calls
        assert judge("typed", _typed, (1, 2), {}) is None
        assert TALLY.calls == before

    def test_reprs_are_bounded(self) -> None:
        """Deep nesting and huge text do not break or flood the report."""
        deep: list[Any] = []
        for _ in range(5_000):
            deep = [deep]
        assert len(short(deep)) < 200
        assert len(describe_call("f", ("x" * 10**6,), {})) < 200


class TestReach:
    """What the harness reaches beyond a call's arguments (issue 25's classes)."""

    def test_properties_of_what_comes_back_are_read(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A value a constructor accepted and a property then trips on is a problem too."""

        class Broken:
            @property
            def blocked(self) -> int:
                raise OverflowError("date value out of range")

        Broken.__module__ = "ementoring.scheduling._overlap"
        monkeypatch.setattr(judging, "LONG", False)
        monkeypatch.setattr(TALLY, "problems", {})
        monkeypatch.setattr(TALLY, "summaries", {})
        with pytest.raises(Problem, match=r"Broken\.blocked\(.*OverflowError"):
            _call(Target("make", Broken), (), {})

    def test_places_reach_a_field_of_a_model_inside_a_model(self) -> None:
        """``result.matches[0].score`` is one of the places a hostile value is put."""
        problem = MatchingProblem([Mentor("ana")], [Mentee("olga")], [same_field()])
        result = solve(problem)
        rebuilt = []
        for rebuild in places(result):
            try:
                rebuilt.append(rebuild(0.25))
            except Exception:
                continue
        # Other places take 0.25 too (where the library lets them): look for this one.
        scores = [
            getattr(r.matches[0], "score", None)
            for r in rebuilt
            if isinstance(r.matches, tuple) and r.matches
        ]
        assert 0.25 in scores

    def test_operators_are_targets(self) -> None:
        """``in`` and ``[]`` of the classes that define them are fuzzed, with IndexError allowed for ``[]``."""
        found = {t.name: t for t in targets()}
        assert "ementoring.accounting.HourLedger.__contains__" in found
        assert found["ementoring.scheduling.IntervalSet.__getitem__"].allowed == (IndexError,)
