"""The journey's documents: an answer is a number, true or false, or text, as it was given."""

from __future__ import annotations

from typing import Any

import cattrs

from ementoring.journey import AnswerValue
from ementoring.serialization._problems import BadValue


def _structure_answer(value: Any, _type: Any) -> AnswerValue:
    # bool before int: JSON's true stays True, never 1.
    if isinstance(value, bool | str) or (isinstance(value, int) and not isinstance(value, float)):
        return value
    raise BadValue("an answer is a whole number, true or false, or text")


def register(conv: cattrs.Converter) -> None:
    """The journey's hooks: the three kinds of answer, kept apart."""
    conv.register_structure_hook(AnswerValue, _structure_answer)
