"""Every public callable with hostile arguments: it works or raises an EmentoringError."""

from __future__ import annotations

import functools
import inspect
import operator
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ementoring.errors import EmentoringError

from .budget import CALL_EXAMPLES, LONG
from .discover import Target, targets
from .judge import TALLY, judge
from .registry import EXAMPLES, Example, instances_for
from .values import HOSTILE_CONSTANTS, hostile, hostile_for, places, plausible, tampered

_SETTINGS = settings(
    max_examples=CALL_EXAMPLES,
    deadline=None,
    database=None,
    # Quick runs (make test) draw the same examples every time, so they pass
    # or fail the same way on every machine; long runs explore.
    derandomize=not LONG,
    suppress_health_check=list(HealthCheck),
)


def _call(target: Target, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Judge one call, then read every property of what it returned.

    A value a constructor accepted must not break later: ``Booking(...,
    buffer_after=timedelta.max).blocked`` is part of the contract too.
    """
    result = judge(
        target.name,
        target.function,
        args,
        kwargs,
        allowed=(EmentoringError, *target.allowed),
    )
    cls = type(result)
    if not cls.__module__.startswith("ementoring"):
        return
    for name in sorted(dir(cls)):
        raw = inspect.getattr_static(cls, name, None)
        if not name.startswith("_") and isinstance(raw, property | functools.cached_property):
            judge(
                f"{cls.__module__}.{cls.__qualname__}.{name}",
                operator.attrgetter(name),
                (result,),
                {},
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
        # A model class without registered examples is its own: a valid instance's fields.
        own = not examples and _is_model(target)
        use_example: bool = (bool(examples) or own) and data.draw(
            st.booleans(), label="use an example"
        )
        example: Example | None = None
        if use_example:
            example = (
                _instance_example(target, data)
                if own
                else data.draw(st.sampled_from(examples), label="example")
            )
        if example is not None:
            given_args, given_kwargs = example()
            args: list[Any] = list(given_args)
            kwargs: dict[str, Any] = dict(given_kwargs)
            # Replace some arguments, by position or by name, with hostile values,
            # or with themselves holding a hostile value somewhere inside.
            for index in range(len(args)):
                if data.draw(st.integers(0, 3)) == 0:
                    args[index] = data.draw(
                        st.one_of(hostile, tampered(args[index])), label=f"args[{index}]"
                    )
            for key in list(kwargs):
                if data.draw(st.integers(0, 3)) == 0:
                    kwargs[key] = data.draw(st.one_of(hostile, tampered(kwargs[key])), label=key)
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
        _call(target, call_args, kwargs)

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
                _call(target, args, given_values)
        example = _instance_example(target, data)
        if example is not None:
            _every_hostile_value_in(target, example)

    run()
    for example in EXAMPLES.get(target.name, []):
        _every_hostile_value_in(target, example)
    found = list(TALLY.problems.values())[before:]
    assert not found, "\n\n".join(found)


def _every_hostile_value_in(target: Target, example: Example) -> None:
    """On a valid example: each parameter, then each place inside each model given, gets each value.

    Random arguments rarely fit together (a mentorship *of* that program), so
    their first check refuses them before any arithmetic; the examples get
    past it, and so does every hostile value put into them, one at a time,
    down to a field of a model inside a model (``result.matches[0].score``).
    """
    given_args, given_kwargs = example()
    try:
        bound = inspect.signature(target.function).bind(*given_args, **given_kwargs)
    except (TypeError, ValueError):
        return
    base = dict(bound.arguments)
    positional = [p.name for p in target.parameters if p.kind is p.POSITIONAL_ONLY]

    def call(values: dict[str, Any]) -> None:
        kwargs = dict(values)
        args = tuple(kwargs.pop(name) for name in positional if name in kwargs)
        _call(target, args, kwargs)

    for parameter in target.parameters:
        for value in HOSTILE_CONSTANTS:
            call({**base, parameter.name: value})
    for name, argument in base.items():
        for rebuild in places(argument):
            for value in HOSTILE_CONSTANTS:
                try:
                    changed = rebuild(value)
                except Exception:
                    continue  # refused when built: the constructor's own fuzz judges that
                call({**base, name: changed})


def _is_model(target: Target) -> bool:
    """Whether the target is a model class with registered instances (see ``registry``)."""
    cls = target.function
    return (
        target.owner is None
        and isinstance(cls, type)
        and attrs.has(cls)
        and instances_for(cls) is not None
    )


def _instance_example(target: Target, data: st.DataObject) -> Example | None:
    """For a model class: a valid instance's own fields, as its constructor's arguments."""
    if not _is_model(target):
        return None
    cls: Any = target.function
    instances = instances_for(cls)
    assert instances is not None  # a model, by _is_model
    instance = data.draw(instances, label="valid instance")
    arguments = {f.alias: getattr(instance, f.name) for f in attrs.fields(cls) if f.init}
    return lambda: ((), dict(arguments))
