"""A pair's journey, from the offer to the last evaluation.

Offers made from a matching result, with their lifecycle as one table; re-pairing
with least disruption when an offer is declined or expires; a pair's goals with
milestones and evidence, read through :mod:`ementoring.access`; the program's
questions, when each is due, who may read the answers, and what they tell a
coordinator. Everything is as of an instant, replayable and deterministic.
"""

from ementoring.journey._common import Side
from ementoring.journey._offers import (
    MAX_NOTE,
    OFFER_TRANSITIONS,
    DeclineReason,
    Offer,
    OfferAction,
    OfferEvent,
    OfferStatus,
    accept,
    approve,
    decline,
    offer_lifecycle_table,
    offers_as_of,
    offers_from_result,
    start_mentorship,
    withdraw,
)
from ementoring.journey._repair import (
    Outcome,
    PersonChange,
    Release,
    ReleaseReason,
    Repair,
    Unpaired,
    change_text,
    repair,
)
from ementoring.journey._responses import (
    MAX_OCCASION,
    AnswerValue,
    Response,
    respond,
    visible_answers,
)
from ementoring.journey._surveys import (
    MAX_ANSWER,
    MAX_PROMPT,
    PAIRING_FIT,
    FeedbackPlan,
    PairingFit,
    Question,
    QuestionKind,
    Survey,
    SurveyTiming,
    standard_plan,
)

__all__ = [
    "MAX_ANSWER",
    "MAX_NOTE",
    "MAX_OCCASION",
    "MAX_PROMPT",
    "OFFER_TRANSITIONS",
    "PAIRING_FIT",
    "AnswerValue",
    "DeclineReason",
    "FeedbackPlan",
    "Offer",
    "OfferAction",
    "OfferEvent",
    "OfferStatus",
    "Outcome",
    "PairingFit",
    "PersonChange",
    "Question",
    "QuestionKind",
    "Release",
    "ReleaseReason",
    "Repair",
    "Response",
    "Side",
    "Survey",
    "SurveyTiming",
    "Unpaired",
    "accept",
    "approve",
    "change_text",
    "decline",
    "offer_lifecycle_table",
    "offers_as_of",
    "offers_from_result",
    "repair",
    "respond",
    "standard_plan",
    "start_mentorship",
    "visible_answers",
    "withdraw",
]
