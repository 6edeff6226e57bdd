"""Coordinator reviews of journal entries (the queue of entries awaiting one is in ``ementoring.access``)."""

from __future__ import annotations

from datetime import datetime

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    identifier,
    non_blank,
    text,
    utc,
)

__all__ = ["MAX_COMMENT", "Review", "ReviewKind"]

MAX_COMMENT = 20_000
"""The longest review comment accepted, in characters."""


class ReviewKind(Choice):
    """What a coordinator's answer to an entry is."""

    ENCOURAGEMENT = "encouragement"
    SUGGESTION = "suggestion"
    CONCERN = "concern"


def _kind(value: ReviewKind | str) -> ReviewKind:
    return coerce_enum(ReviewKind, value, "kind")


@attrs.frozen
class Review:
    """A coordinator's answer to a journal entry: encouragement, a suggestion or a concern.

    Args:
        id: The review's id, unique in its journal.
        entry_id: The entry reviewed (any of its versions).
        coordinator_id: Who reviewed it.
        written_at: When (aware).
        comment: The answer (not blank; at most ``MAX_COMMENT`` characters;
            left out of ``repr``).
        kind: ``"encouragement"``, ``"suggestion"`` or ``"concern"``.

    >>> from datetime import datetime, UTC
    >>> Review("r1", "e1", "anna", written_at=datetime(2026, 3, 12, tzinfo=UTC),
    ...     comment="Great progress on the CV!", kind="encouragement").kind
    <ReviewKind.ENCOURAGEMENT: 'encouragement'>
    """

    id: str = attrs.field(validator=identifier)
    entry_id: str = attrs.field(validator=identifier)
    coordinator_id: str = attrs.field(validator=identifier)
    written_at: datetime = attrs.field(kw_only=True, converter=utc, validator=aware)
    comment: str = attrs.field(
        kw_only=True, validator=[text(max_length=MAX_COMMENT), non_blank], repr=False
    )
    kind: ReviewKind = attrs.field(kw_only=True, converter=_kind)
