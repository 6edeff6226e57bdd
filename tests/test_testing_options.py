"""ementoring.testing's strategies check their options when built, with our own errors.

A wrong type raises ``InvalidTypeError``, a bad value ``ValidationError``, both
naming the option; nothing else escapes (no ``TypeError`` from ``tuple(5)``, no
``OverflowError`` at draw time).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ementoring.testing as testing
from ementoring.errors import EmentoringError, InvalidTypeError, ValidationError
from ementoring.scheduling import Interval
from ementoring.timezones import LATEST

FACTORIES: dict[str, Callable[..., st.SearchStrategy[Any]]] = {
    name: getattr(testing, name)
    for name in testing.__all__
    if inspect.isfunction(getattr(testing, name))
}
HOSTILE: list[object] = [
    None, True, -1, 0, 10**30, 2.5, float("nan"), "", " x ", "x", b"x", [], ["Nowhere/City"],
    {}, object(), timedelta(0), timedelta(days=-1), timedelta.max,
    datetime(2026, 1, 1), datetime.max.replace(tzinfo=UTC), LATEST,
]  # fmt: skip


def options(factory: Callable[..., object]) -> list[str]:
    return list(inspect.signature(factory).parameters)


def build(factory: Callable[..., object], option: str, value: object) -> object:
    """The strategy, or the EmentoringError raised instead (anything else propagates)."""
    try:
        return factory(**{option: value})
    except EmentoringError as error:
        return error


@pytest.mark.parametrize("name", sorted(FACTORIES))
@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_any_option_value_builds_or_raises_our_error(name: str, value: object) -> None:
    """Each option, given each hostile value alone, builds a strategy or raises an EmentoringError."""
    factory = FACTORIES[name]
    for option in options(factory):
        outcome = build(factory, option, value)
        if isinstance(outcome, EmentoringError):
            assert isinstance(outcome, ValidationError)
            # The option named is this one, or the one it must agree with.
            assert outcome.field.split("[")[0] in options(factory), (option, outcome)
        else:
            assert isinstance(outcome, st.SearchStrategy)


@pytest.mark.parametrize(
    ("name", "option", "value", "error"),
    [
        ("zones", "keys", 5, InvalidTypeError),
        ("zones", "keys", "Europe/Berlin", InvalidTypeError),
        ("zones", "story_only", "yes", InvalidTypeError),
        ("ledgers", "max_entries", 10**6, ValidationError),
        ("ledgers", "max_entries", True, InvalidTypeError),
        ("mentorships", "program_id", " p1", ValidationError),
        ("journal_entries", "mentor_id", 7, InvalidTypeError),
        ("availabilities", "within", "this week", InvalidTypeError),
        ("programs", "require_new_time_on_cancel", 1, InvalidTypeError),
        ("intervals", "max_duration", timedelta.max, ValidationError),
        ("matching_problems", "with_availability", None, InvalidTypeError),
    ],
)
def test_bad_options_name_the_option(
    name: str, option: str, value: object, error: type[ValidationError]
) -> None:
    """Wrong types are InvalidTypeError, bad values ValidationError, each naming the option."""
    with pytest.raises(error) as caught:
        FACTORIES[name](**{option: value})
    assert caught.value.field == option


def test_every_factory_is_checked() -> None:
    """The fuzz above covers every public factory, so a new one cannot skip it."""
    assert {"zones", "instants", "availabilities", "journals", "matching_problems"} <= set(
        FACTORIES
    )
    assert all(
        options(factory) or name == "weeks_near_transitions" for name, factory in FACTORIES.items()
    )


@settings(max_examples=30)
@given(
    testing.intervals(
        min_value=LATEST - timedelta(days=10),
        max_value=LATEST - timedelta(days=3),
        max_duration=timedelta(days=2),
    )
)
def test_intervals_draw_up_to_the_end_of_the_range(interval: Interval) -> None:
    """Bounds near the end of the supported range draw intervals that end inside it."""
    assert interval.end < LATEST


def test_intervals_refuse_to_end_past_the_range() -> None:
    """A duration that would carry an interval past the supported range is refused up front."""
    with pytest.raises(ValidationError) as caught:
        testing.intervals(max_value=LATEST - timedelta(days=1), max_duration=timedelta(days=2))
    assert caught.value.field == "max_duration"


@settings(max_examples=20)
@given(
    testing.availabilities(
        within=Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC)),
        max_windows=1,
    )
)
def test_checked_options_still_draw(person: object) -> None:
    """Options that pass the checks draw as before."""
    assert person is not None
