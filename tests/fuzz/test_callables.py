"""Every public callable with hostile arguments: it works or raises an EmentoringError."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .budget import CALL_EXAMPLES, LONG
from .discover import Target, targets
from .judge import TALLY, judge
from .registry import EXAMPLES, Example
from .values import HOSTILE_CONSTANTS, hostile, hostile_for, plausible

_SETTINGS = settings(
    max_examples=CALL_EXAMPLES,
    deadline=None,
    database=None,
    # Quick runs (make test) draw the same examples every time, so they pass
    # or fail the same way on every machine; long runs explore.
    derandomize=not LONG,
    suppress_health_check=list(HealthCheck),
)


def _hints(target: Target) -> dict[str, Any]:
    try:
        function: Any = target.function
        return typing.get_type_hints(function.__init__ if isinstance(function, type) else function)  # type: ignore[misc]
    except Exception:
        return {}


@pytest.mark.parametrize("target", targets(), ids=lambda t: t.name)
def test_hostile_arguments(target: Target) -> None:
    """Plausible arguments with some replaced by hostile values: a result or an EmentoringError."""
    hints = _hints(target)
    parameters = target.parameters
    examples = EXAMPLES.get(target.name, [])
    before = len(TALLY.problems)

    @_SETTINGS
    @given(st.data())
    def run(data: st.DataObject) -> None:
        use_example: bool = bool(examples) and data.draw(st.booleans(), label="use an example")
        if use_example:
            example: Example = data.draw(st.sampled_from(examples), label="example")
            given_args, given_kwargs = example()
            args: list[Any] = list(given_args)
            kwargs: dict[str, Any] = dict(given_kwargs)
            # Replace some arguments, by position or by name, with hostile values.
            for index in range(len(args)):
                if data.draw(st.integers(0, 3)) == 0:
                    args[index] = data.draw(hostile, label=f"args[{index}]")
            for key in list(kwargs):
                if data.draw(st.integers(0, 3)) == 0:
                    kwargs[key] = data.draw(hostile, label=key)
            call_args: tuple[Any, ...] = tuple(args)
        else:
            hostile_count = data.draw(st.integers(0, min(2, len(parameters))), label="hostile")
            chosen = set(
                data.draw(
                    st.lists(
                        st.sampled_from([p.name for p in parameters])
                        if parameters
                        else st.nothing(),
                        max_size=hostile_count,
                        unique=True,
                    ),
                    label="hostile parameters",
                )
            )
            kwargs = {}
            positional: list[Any] = []
            for parameter in parameters:
                required = parameter.default is parameter.empty
                if parameter.name not in chosen and not required and data.draw(st.booleans()):
                    continue  # keep the default
                annotation = hints.get(parameter.name, parameter.annotation)
                strategy = (
                    hostile_for(annotation) if parameter.name in chosen else plausible(annotation)
                )
                value = data.draw(strategy, label=parameter.name)
                if parameter.kind is parameter.POSITIONAL_ONLY:
                    positional.append(value)
                else:
                    kwargs[parameter.name] = value
            call_args = tuple(positional)
        if target.owner is not None:
            instance = data.draw(plausible(target.owner), label="self")
            if not isinstance(instance, target.owner):
                return
            call_args = (instance, *call_args)
        judge(target.name, target.function, call_args, kwargs)

    run()
    found = list(TALLY.problems.values())[before:]
    assert not found, "\n\n".join(found)


@pytest.mark.skipif(not LONG, reason="make fuzz only: one call per parameter and hostile value")
@pytest.mark.parametrize("target", targets(), ids=lambda t: t.name)
def test_every_hostile_value(target: Target) -> None:
    """Each parameter in turn gets every hand-picked hostile value, the others plausible ones.

    Random draws rarely pick one given value of a hundred; this pass tries them all.
    """
    hints = _hints(target)
    parameters = target.parameters
    before = len(TALLY.problems)

    @settings(_SETTINGS, max_examples=2)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        base: dict[str, Any] = {}
        for parameter in parameters:
            annotation = hints.get(parameter.name, parameter.annotation)
            base[parameter.name] = data.draw(plausible(annotation), label=parameter.name)
        prefix: tuple[Any, ...] = ()
        if target.owner is not None:
            instance = data.draw(plausible(target.owner), label="self")
            if not isinstance(instance, target.owner):
                return
            prefix = (instance,)
        positional = [p.name for p in parameters if p.kind is p.POSITIONAL_ONLY]
        for parameter in parameters:
            for value in HOSTILE_CONSTANTS:
                given_values = {**base, parameter.name: value}
                args = prefix + tuple(given_values.pop(name) for name in positional)
                judge(target.name, target.function, args, given_values)

    run()
    found = list(TALLY.problems.values())[before:]
    assert not found, "\n\n".join(found)
