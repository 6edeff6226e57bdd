"""The journey's records are stored losslessly, each as a document of its own."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.journey import FeedbackPlan, Goal, Offer, Response
from ementoring.serialization import SCHEMA, from_data, to_data
from ementoring.testing import feedback_plans, goals, offers, responses

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "offers": offers(),
    "goals": goals(),
    "feedback_plans": feedback_plans(),
    "responses": responses(),
}


def round_trip(obj: Any) -> None:
    data = to_data(obj)
    assert data["schema"] == SCHEMA
    assert data["type"] == type(obj).__name__
    rebuilt = from_data(type(obj), json.loads(json.dumps(data)))
    assert rebuilt == obj
    assert to_data(rebuilt) == data


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_every_record_and_its_parts_round_trip(name: str) -> None:
    @settings(max_examples=40, deadline=None)
    @given(STRATEGIES[name])
    def check(obj: Offer | Goal | FeedbackPlan | Response) -> None:
        round_trip(obj)
        parts: list[Any] = []
        if isinstance(obj, Offer | Goal):
            parts = list(obj.history)
        elif isinstance(obj, FeedbackPlan):
            parts = [*obj.surveys, *(q for s in obj.surveys for q in s.questions)]
        for part in parts:
            round_trip(part)

    check()


@given(responses())
def test_an_answer_keeps_its_kind(response: Response) -> None:
    """true stays True, 1 stays 1: yes/no and scale answers never blur."""
    back = from_data(Response, json.loads(json.dumps(to_data(response))))
    assert [type(v) for v in back.answers.values()] == [type(v) for v in response.answers.values()]


@given(offers())
def test_the_status_is_replayed_not_stored(offer: Offer) -> None:
    data = to_data(offer)
    assert "status" not in data
    assert from_data(Offer, data).status is offer.status
