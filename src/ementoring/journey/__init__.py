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

__all__ = [
    "MAX_NOTE",
    "OFFER_TRANSITIONS",
    "DeclineReason",
    "Offer",
    "OfferAction",
    "OfferEvent",
    "OfferStatus",
    "Side",
    "accept",
    "approve",
    "decline",
    "offer_lifecycle_table",
    "offers_as_of",
    "offers_from_result",
    "start_mentorship",
    "withdraw",
]
