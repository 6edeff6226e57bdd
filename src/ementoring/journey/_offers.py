"""Offers: a proposed pair on its way to becoming a mentorship, with its lifecycle as one table."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    identifier,
    items_of,
    optional_aware,
    optional_identifier,
    optional_utc,
    require_identifier,
    require_type,
    text,
    utc,
)
from ementoring.accounting import Mentorship, Program
from ementoring.errors import (
    InvalidTransitionError,
    InvalidTypeError,
    ValidationError,
)
from ementoring.journey._common import Side, side_of
from ementoring.journey._tables import markdown_table
from ementoring.matching import MatchingResult
from ementoring.timezones import require_aware

__all__ = [
    "MAX_NOTE",
    "OFFER_TRANSITIONS",
    "DeclineReason",
    "Offer",
    "OfferAction",
    "OfferEvent",
    "OfferStatus",
    "accept",
    "approve",
    "decline",
    "offer_lifecycle_table",
    "offers_as_of",
    "offers_from_result",
    "start_mentorship",
    "withdraw",
]

MAX_NOTE = 2_000
"""The longest note on an offer's event (a decline's reason in words), in characters."""


class OfferStatus(Choice):
    """Where an offer stands."""

    PROPOSED = "proposed"
    """Made from a matching result; waiting for the coordinator's approval."""
    APPROVED = "approved"
    """Approved by the coordinator; both sides are asked."""
    MENTOR_ACCEPTED = "mentor_accepted"
    """The mentor accepted; waiting for the mentee."""
    MENTEE_ACCEPTED = "mentee_accepted"
    """The mentee accepted; waiting for the mentor."""
    ACCEPTED = "accepted"
    """Both accepted: the pair may start a mentorship (:func:`start_mentorship`)."""
    DECLINED = "declined"
    """One side declined, with a reason."""
    EXPIRED = "expired"
    """Nobody finished answering by ``respond_by``."""
    WITHDRAWN = "withdrawn"
    """The coordinator took the offer back."""

    @property
    def pending(self) -> bool:
        """Whether someone still has to act on the offer (it can still expire)."""
        return self in _PENDING

    @property
    def holds_seats(self) -> bool:
        """Whether the pair holds its two seats: pending or accepted (re-pairing keeps it)."""
        return self in _PENDING or self is OfferStatus.ACCEPTED


_PENDING = frozenset(
    {
        OfferStatus.PROPOSED,
        OfferStatus.APPROVED,
        OfferStatus.MENTOR_ACCEPTED,
        OfferStatus.MENTEE_ACCEPTED,
    }
)


class OfferAction(Choice):
    """What can happen to an offer (a function each, but ``expire``, which time does)."""

    APPROVE = "approve"
    MENTOR_ACCEPTS = "mentor_accepts"
    MENTEE_ACCEPTS = "mentee_accepts"
    DECLINE = "decline"
    EXPIRE = "expire"
    WITHDRAW = "withdraw"


class DeclineReason(Choice):
    """Why a side declined an offer."""

    NOT_A_FIT = "not_a_fit"
    """This partner does not suit them."""
    SCHEDULE = "schedule"
    """They cannot find times to meet this partner."""
    NO_TIME = "no_time"
    """No time this term: re-pairing offers them nobody new."""
    LEFT_PROGRAM = "left_program"
    """They are leaving the program: re-pairing offers them nobody new."""
    OTHER = "other"
    """Anything else; the note says what."""

    @property
    def steps_back(self) -> bool:
        """Whether whoever declined steps back from the program (re-pairing leaves them out)."""
        return self in (DeclineReason.NO_TIME, DeclineReason.LEFT_PROGRAM)


OFFER_TRANSITIONS: Mapping[tuple[OfferStatus, OfferAction], OfferStatus] = MappingProxyType(
    {
        (OfferStatus.PROPOSED, OfferAction.APPROVE): OfferStatus.APPROVED,
        (OfferStatus.PROPOSED, OfferAction.EXPIRE): OfferStatus.EXPIRED,
        (OfferStatus.PROPOSED, OfferAction.WITHDRAW): OfferStatus.WITHDRAWN,
        # Either side may answer first; Everwise asks the mentor, then the mentee.
        (OfferStatus.APPROVED, OfferAction.MENTOR_ACCEPTS): OfferStatus.MENTOR_ACCEPTED,
        (OfferStatus.APPROVED, OfferAction.MENTEE_ACCEPTS): OfferStatus.MENTEE_ACCEPTED,
        (OfferStatus.APPROVED, OfferAction.DECLINE): OfferStatus.DECLINED,
        (OfferStatus.APPROVED, OfferAction.EXPIRE): OfferStatus.EXPIRED,
        (OfferStatus.APPROVED, OfferAction.WITHDRAW): OfferStatus.WITHDRAWN,
        (OfferStatus.MENTOR_ACCEPTED, OfferAction.MENTEE_ACCEPTS): OfferStatus.ACCEPTED,
        (OfferStatus.MENTOR_ACCEPTED, OfferAction.DECLINE): OfferStatus.DECLINED,
        (OfferStatus.MENTOR_ACCEPTED, OfferAction.EXPIRE): OfferStatus.EXPIRED,
        (OfferStatus.MENTOR_ACCEPTED, OfferAction.WITHDRAW): OfferStatus.WITHDRAWN,
        (OfferStatus.MENTEE_ACCEPTED, OfferAction.MENTOR_ACCEPTS): OfferStatus.ACCEPTED,
        (OfferStatus.MENTEE_ACCEPTED, OfferAction.DECLINE): OfferStatus.DECLINED,
        (OfferStatus.MENTEE_ACCEPTED, OfferAction.EXPIRE): OfferStatus.EXPIRED,
        (OfferStatus.MENTEE_ACCEPTED, OfferAction.WITHDRAW): OfferStatus.WITHDRAWN,
    }
)
"""The offer lifecycle: ``(status, action) -> new status``. Every pair missing here
raises :class:`~ementoring.errors.InvalidTransitionError`. ``accepted``,
``declined``, ``expired`` and ``withdrawn`` are final."""


def offer_lifecycle_table() -> str:
    """The offer lifecycle as a Markdown table, generated from :data:`OFFER_TRANSITIONS`.

    Rows are the current status, columns the action, cells the new status
    (``-``: not allowed, raises ``InvalidTransitionError``).

    >>> print(offer_lifecycle_table())
    | status \\ action | approve | mentor_accepts | mentee_accepts | decline | expire | withdraw |
    |---|---|---|---|---|---|---|
    | proposed | approved | - | - | - | expired | withdrawn |
    | approved | - | mentor_accepted | mentee_accepted | declined | expired | withdrawn |
    | mentor_accepted | - | - | accepted | declined | expired | withdrawn |
    | mentee_accepted | - | accepted | - | declined | expired | withdrawn |
    | accepted | - | - | - | - | - | - |
    | declined | - | - | - | - | - | - |
    | expired | - | - | - | - | - | - |
    | withdrawn | - | - | - | - | - | - |
    """
    return markdown_table(OFFER_TRANSITIONS, OfferStatus, OfferAction)


def _action(value: OfferAction | str) -> OfferAction:
    return coerce_enum(OfferAction, value, "action")


def _reason(value: DeclineReason | str | None) -> DeclineReason | None:
    return None if value is None else coerce_enum(DeclineReason, value, "reason")


@attrs.frozen(kw_only=True)
class OfferEvent:
    """One recorded step of an offer: what, who, when, and on whose behalf.

    ``by`` is ``None`` only for ``expire``, which nobody records: :meth:`Offer.as_of`
    adds it when the deadline has passed. ``on_behalf_of`` names the side a
    coordinator accepted or declined for (Everwise lets a coordinator accept
    for someone); ``reason`` and ``note`` say why a side declined.
    """

    action: OfferAction = attrs.field(converter=_action)
    at: datetime = attrs.field(converter=utc, validator=aware)
    by: str | None = attrs.field(default=None, validator=optional_identifier)
    on_behalf_of: str | None = attrs.field(default=None, validator=optional_identifier)
    reason: DeclineReason | None = attrs.field(default=None, converter=_reason)
    note: str = attrs.field(default="", validator=text(max_length=MAX_NOTE))

    def __attrs_post_init__(self) -> None:
        declining = self.action is OfferAction.DECLINE
        if (self.by is None) != (self.action is OfferAction.EXPIRE):
            raise ValidationError("by", self.by, "required for every action but expire")
        if declining != (self.reason is not None):
            raise ValidationError("reason", self.reason, "given exactly when declining")
        if self.reason is DeclineReason.OTHER and not self.note.strip():
            raise ValidationError("note", self.note, "required when the reason is 'other'")
        answers = (OfferAction.MENTOR_ACCEPTS, OfferAction.MENTEE_ACCEPTS, OfferAction.DECLINE)
        if self.on_behalf_of is not None:
            if self.action not in answers:
                raise ValidationError(
                    "on_behalf_of", self.on_behalf_of, "only for accepting or declining"
                )
            if self.on_behalf_of == self.by:
                raise ValidationError(
                    "on_behalf_of", self.on_behalf_of, "is who acted: leave it out"
                )

    @property
    def side(self) -> str | None:
        """Who answered for their side: ``on_behalf_of`` if given, else ``by``."""
        return self.on_behalf_of if self.on_behalf_of is not None else self.by


def _events(value: Iterable[OfferEvent]) -> tuple[OfferEvent, ...]:
    return items_of(value, OfferEvent, "history", "an iterable of OfferEvent")


def _score(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(field.name, value, "must be a number between 0 and 1, or None")
    if not 0 <= value <= 1:
        raise ValidationError(field.name, value, "must be between 0 and 1")


def _breakdown(value: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("breakdown", value, "a mapping of criterion names to scores")
    checked: dict[str, float] = {}
    for name, score in value.items():
        field = f"breakdown[{name!r:.40}]"
        require_identifier(name, field)
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise InvalidTypeError(field, score, "a score between 0 and 1")
        if not (math.isfinite(score) and 0 <= score <= 1):
            raise ValidationError(field, score, "must be between 0 and 1")
        checked[name] = float(score)
    return MappingProxyType(dict(sorted(checked.items())))


@attrs.frozen(kw_only=True)
class Offer:
    """A pair proposed to a mentor and a mentee, and every step of its answer.

    The status is not stored: it is replayed from ``history`` through
    :data:`OFFER_TRANSITIONS`, so it cannot disagree with what happened.
    The deadline needs no step: :meth:`as_of` an instant at or after
    ``respond_by`` shows a pending offer ``expired`` at ``respond_by``.

    Args:
        id: The offer's id.
        program_id: The program the pair would join.
        mentor_id: The mentor offered.
        mentee_id: The mentee offered (not the mentor).
        proposed_at: When the offer was made (aware).
        respond_by: When a pending offer expires; ``None`` for never.
        score: The pair's matching score, if it came from matching.
        breakdown: The score per matching criterion (names to scores in [0, 1]).
        history: Every step, oldest first; times never run backwards.

    Raises:
        ValidationError: A bad field, or a history the lifecycle does not allow
            (naming the step, e.g. ``history[2]``).

    >>> from datetime import UTC, datetime
    >>> offer = Offer(id="o1", program_id="spring-2026", mentor_id="anna", mentee_id="olga",
    ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC),
    ...               respond_by=datetime(2026, 3, 16, tzinfo=UTC))
    >>> offer.status.value, offer.awaiting
    ('proposed', ('coordinator',))
    >>> offer.as_of(datetime(2026, 3, 16, tzinfo=UTC)).status.value
    'expired'
    """

    id: str = attrs.field(validator=identifier)
    program_id: str = attrs.field(validator=identifier)
    mentor_id: str = attrs.field(validator=identifier)
    mentee_id: str = attrs.field(validator=identifier)
    proposed_at: datetime = attrs.field(converter=utc, validator=aware)
    respond_by: datetime | None = attrs.field(
        default=None, converter=optional_utc, validator=optional_aware
    )
    score: float | None = attrs.field(default=None, validator=_score)
    breakdown: Mapping[str, float] = attrs.field(factory=dict, converter=_breakdown, hash=False)
    history: tuple[OfferEvent, ...] = attrs.field(default=(), converter=_events)
    status: OfferStatus = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.mentee_id == self.mentor_id:
            raise ValidationError("mentee_id", self.mentee_id, "must differ from mentor_id")
        if self.respond_by is not None and self.respond_by <= self.proposed_at:
            raise ValidationError("respond_by", self.respond_by, "must be after proposed_at")
        status = OfferStatus.PROPOSED
        previous = self.proposed_at
        for index, event in enumerate(self.history):
            status = self._check_step(status, event, previous, f"history[{index}]")
            previous = event.at
        object.__setattr__(self, "status", status)

    def _check_step(
        self, status: OfferStatus, event: OfferEvent, previous: datetime, field: str
    ) -> OfferStatus:
        """The status after ``event``, or a ``ValidationError`` naming ``field``."""
        if event.at < previous:
            raise ValidationError(f"{field}.at", event.at, "must not be before the previous step")
        target = OFFER_TRANSITIONS.get((status, event.action))
        if target is None:
            raise ValidationError(
                f"{field}.action",
                event.action.value,
                f"cannot {event.action.value} an offer that is {status.value}",
            )
        if event.action is OfferAction.EXPIRE:
            if event.at != self.respond_by:
                raise ValidationError(f"{field}.at", event.at, "an offer expires at respond_by")
        elif self.respond_by is not None and event.at >= self.respond_by:
            raise ValidationError(f"{field}.at", event.at, "is not before respond_by")
        self._check_who(event, field)
        return target

    def _check_who(self, event: OfferEvent, field: str) -> None:
        """Each step is taken by the one who may take it (the one rule, for history and actions)."""
        sides = (self.mentor_id, self.mentee_id)
        action = event.action
        if action in (OfferAction.APPROVE, OfferAction.WITHDRAW) and event.by in sides:
            raise ValidationError(
                f"{field}.by", event.by, f"the pair itself may not {action.value} its offer"
            )
        answering = {
            OfferAction.MENTOR_ACCEPTS: (self.mentor_id,),
            OfferAction.MENTEE_ACCEPTS: (self.mentee_id,),
            OfferAction.DECLINE: sides,
        }.get(action)
        if answering is not None and event.side not in answering:
            where = "on_behalf_of" if event.on_behalf_of is not None else "by"
            raise ValidationError(
                f"{field}.{where}", event.side, f"only {' or '.join(answering)} may {action.value}"
            )
        if event.on_behalf_of is not None and event.by in sides:
            raise ValidationError(
                f"{field}.by", event.by, "a member of the pair answers only for themselves"
            )

    @property
    def accepted_at(self) -> datetime | None:
        """When the second side accepted, or ``None`` if the offer is not accepted."""
        if self.status is not OfferStatus.ACCEPTED:
            return None
        return self.history[-1].at

    @property
    def awaiting(self) -> tuple[str, ...]:
        """Who must act next: ``("coordinator",)``, or the ids of the sides yet to accept.

        Empty once the offer is final (as recorded: see :meth:`as_of` for the deadline).
        """
        return {
            OfferStatus.PROPOSED: ("coordinator",),
            OfferStatus.APPROVED: (self.mentor_id, self.mentee_id),
            OfferStatus.MENTOR_ACCEPTED: (self.mentee_id,),
            OfferStatus.MENTEE_ACCEPTED: (self.mentor_id,),
        }.get(self.status, ())

    @property
    def decline(self) -> OfferEvent | None:
        """The step that declined the offer, or ``None``."""
        last = self.history[-1] if self.history else None
        return last if last is not None and last.action is OfferAction.DECLINE else None

    def as_of(self, at: datetime) -> Offer | None:
        """The offer as it stood at ``at``: later steps undone, the deadline applied.

        ``None`` before ``proposed_at`` (the offer did not exist). A pending
        offer whose ``respond_by`` is at or before ``at`` is ``expired``, with
        an ``expire`` step at ``respond_by``: nobody has to record it.

        Raises:
            NaiveDatetimeError: ``at`` has no UTC offset.
            ValidationError: ``at`` is not a datetime.

        >>> from datetime import UTC, datetime
        >>> offer = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga",
        ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
        >>> offer.as_of(datetime(2026, 3, 1, tzinfo=UTC)) is None
        True
        """
        at = require_aware(at, "at")
        if at < self.proposed_at:
            return None
        kept = bisect.bisect_right(self.history, at, key=lambda event: event.at)
        offer = (
            self if kept == len(self.history) else attrs.evolve(self, history=self.history[:kept])
        )
        deadline = offer.respond_by
        if offer.status.pending and deadline is not None and deadline <= at:
            expiry = OfferEvent(action=OfferAction.EXPIRE, at=deadline)
            offer = attrs.evolve(offer, history=(*offer.history, expiry))
        return offer


def offers_as_of(offers: Iterable[Offer], at: datetime) -> tuple[Offer, ...]:
    """Each offer as it stood at ``at`` (see :meth:`Offer.as_of`), those not yet made left out.

    The list of pending matches with their status, as of any instant: sorted by id.

    Raises:
        InvalidTypeError: ``offers`` is not a collection of offers.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import UTC, datetime
    >>> offer = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga",
    ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> [(o.id, o.status.value) for o in offers_as_of([offer], datetime(2026, 3, 3, tzinfo=UTC))]
    [('o1', 'proposed')]
    """
    given = items_of(offers, Offer, "offers", "an iterable of Offer")
    at = require_aware(at, "at")
    found = (offer.as_of(at) for offer in given)
    return tuple(sorted((o for o in found if o is not None), key=lambda o: o.id))


def _step(offer: Offer, event: OfferEvent) -> Offer:
    """Append ``event`` to the offer as it stands at ``event.at``, or raise a typed error."""
    require_type(offer, Offer, "offer", "an Offer")
    current = offer.as_of(event.at)
    if current is None:
        raise ValidationError("at", event.at, "is before the offer was proposed")
    if offer.history and event.at < offer.history[-1].at:
        raise ValidationError(
            "at", event.at, f"must not be before the last step {offer.history[-1].at.isoformat()}"
        )
    if (current.status, event.action) not in OFFER_TRANSITIONS:
        raise InvalidTransitionError(current.status.value, event.action.value)
    # The same rule as the constructor: who may take the step.
    current._check_who(event, "event")
    return attrs.evolve(offer, history=(*offer.history, event))


def approve(offer: Offer, *, by: str, at: datetime) -> Offer:
    """The coordinator approves a proposed offer: both sides may now answer.

    Raises:
        InvalidTransitionError: The offer is not proposed (as of ``at``: an
            offer past its deadline has expired).
        ValidationError: ``by`` is a member of the pair, or ``at`` runs backwards.

    >>> from datetime import UTC, datetime
    >>> offer = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga",
    ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> approve(offer, by="coordinator", at=datetime(2026, 3, 3, tzinfo=UTC)).status.value
    'approved'
    """
    return _step(offer, OfferEvent(action=OfferAction.APPROVE, at=at, by=by))


def accept(offer: Offer, *, by: str, at: datetime, on_behalf_of: str | None = None) -> Offer:
    """One side accepts an approved offer; the second acceptance makes it ``accepted``.

    Args:
        offer: The offer.
        by: Who acts: the mentor or the mentee, or a coordinator with ``on_behalf_of``.
        at: When (aware).
        on_behalf_of: The side a coordinator accepts for (recorded as such).

    Raises:
        InvalidTransitionError: That side cannot accept now (not approved yet,
            already accepted, or final as of ``at``).
        ValidationError: ``by`` (or ``on_behalf_of``) is not a side of the pair.

    >>> from datetime import UTC, datetime
    >>> offer = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga",
    ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> offer = approve(offer, by="coordinator", at=datetime(2026, 3, 3, tzinfo=UTC))
    >>> offer = accept(offer, by="coordinator", on_behalf_of="anna", at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> offer = accept(offer, by="olga", at=datetime(2026, 3, 5, tzinfo=UTC))
    >>> offer.status.value, [(e.action.value, e.by, e.on_behalf_of) for e in offer.history[1:]]
    ('accepted', [('mentor_accepts', 'coordinator', 'anna'), ('mentee_accepts', 'olga', None)])
    """
    require_type(offer, Offer, "offer", "an Offer")
    side = side_of(
        by if on_behalf_of is None else on_behalf_of,
        offer.mentor_id,
        offer.mentee_id,
        "by" if on_behalf_of is None else "on_behalf_of",
    )
    action = OfferAction.MENTOR_ACCEPTS if side is Side.MENTOR else OfferAction.MENTEE_ACCEPTS
    return _step(offer, OfferEvent(action=action, at=at, by=by, on_behalf_of=on_behalf_of))


def decline(
    offer: Offer,
    *,
    by: str,
    at: datetime,
    reason: DeclineReason | str,
    note: str = "",
    on_behalf_of: str | None = None,
) -> Offer:
    """One side declines an approved offer, with a reason (``other`` needs a note).

    ``no_time`` and ``left_program`` step the decliner back: re-pairing offers
    them nobody new. The others forbid only this pair.

    Raises:
        InvalidTransitionError: The offer is not awaiting an answer (as of ``at``).
        ValidationError: ``by`` (or ``on_behalf_of``) is not a side of the pair,
            a bad reason, or ``other`` without a note.

    >>> from datetime import UTC, datetime
    >>> offer = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga",
    ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> offer = approve(offer, by="coordinator", at=datetime(2026, 3, 3, tzinfo=UTC))
    >>> declined = decline(offer, by="olga", at=datetime(2026, 3, 4, tzinfo=UTC), reason="schedule")
    >>> declined.status.value, declined.decline.reason.value
    ('declined', 'schedule')
    """
    event = OfferEvent(
        action=OfferAction.DECLINE,
        at=at,
        by=by,
        reason=reason,
        note=note,
        on_behalf_of=on_behalf_of,
    )
    return _step(offer, event)


def withdraw(offer: Offer, *, by: str, at: datetime, note: str = "") -> Offer:
    """The coordinator takes back an offer that is still pending.

    Raises:
        InvalidTransitionError: The offer is final (as of ``at``).
        ValidationError: ``by`` is a member of the pair.

    >>> from datetime import UTC, datetime
    >>> offer = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga",
    ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> withdraw(offer, by="coordinator", at=datetime(2026, 3, 3, tzinfo=UTC)).status.value
    'withdrawn'
    """
    return _step(offer, OfferEvent(action=OfferAction.WITHDRAW, at=at, by=by, note=note))


def offers_from_result(
    result: MatchingResult,
    *,
    program_id: str,
    at: datetime,
    respond_by: datetime | None = None,
    id_prefix: str = "offer-",
) -> tuple[Offer, ...]:
    """One proposed offer per pair of a matching result, with the pair's score and breakdown.

    Args:
        result: What :func:`~ementoring.matching.solve` returned.
        program_id: The program the pairs would join.
        at: When the offers are made (aware).
        respond_by: When pending offers expire (after ``at``); ``None`` for never.
        id_prefix: The offers are ``<prefix>1``, ``<prefix>2``... in the
            result's order (by mentee id, then mentor id).

    Returns:
        The offers, in the result's order.

    Raises:
        InvalidTypeError: ``result`` is not a ``MatchingResult``.
        ValidationError: A bad id, prefix or time.

    >>> from datetime import UTC, datetime
    >>> from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field, solve
    >>> result = solve(MatchingProblem([Mentor("anna", fields=["HR"])],
    ...                                [Mentee("olga", fields=["HR"])], [same_field()]))
    >>> [(o.id, o.mentor_id, o.mentee_id, o.score) for o in offers_from_result(
    ...     result, program_id="spring-2026", at=datetime(2026, 3, 2, tzinfo=UTC))]
    [('offer-1', 'anna', 'olga', 1.0)]
    """
    require_type(result, MatchingResult, "result", "a MatchingResult")
    if not isinstance(id_prefix, str):
        raise InvalidTypeError("id_prefix", id_prefix, "text")
    return tuple(
        _offer(
            f"{id_prefix}{number}",
            program_id=program_id,
            mentor_id=match.mentor_id,
            mentee_id=match.mentee_id,
            proposed_at=at,
            respond_by=respond_by,
            score=match.score,
            breakdown=match.breakdown,
        )
        for number, match in enumerate(result.matches, start=1)
    )


def _offer(offer_id: str, **fields: Any) -> Offer:
    """A new offer; a bad id is named ``id_prefix``, the rest by their own names."""
    if not offer_id or offer_id != offer_id.strip():
        raise ValidationError("id_prefix", offer_id, "must make ids with no surrounding spaces")
    return Offer(id=offer_id, **fields)


def start_mentorship(
    offer: Offer,
    *,
    program: Program,
    mentorship_id: str | None = None,
    started_on: date | None = None,
) -> Mentorship:
    """The mentorship an offer accepted by both sides becomes.

    Args:
        offer: An ``accepted`` offer.
        program: The offer's program.
        mentorship_id: The new mentorship's id (default: the offer's).
        started_on: Its first day (default: the day of the second acceptance,
            on the program's clock).

    Returns:
        A new, active :class:`~ementoring.accounting.Mentorship`.

    Raises:
        InvalidTransitionError: The offer is not accepted by both sides.
        ValidationError: ``program`` is not the offer's, or a bad id or date.

    >>> from datetime import UTC, datetime
    >>> from ementoring.accounting import Program
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> offer = Offer(id="o1", program_id="p", mentor_id="anna", mentee_id="olga",
    ...               proposed_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> offer = approve(offer, by="coordinator", at=datetime(2026, 3, 3, tzinfo=UTC))
    >>> offer = accept(offer, by="anna", at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> offer = accept(offer, by="olga", at=datetime(2026, 3, 5, 2, tzinfo=UTC))
    >>> pair = start_mentorship(offer, program=program)
    >>> pair.id, pair.mentor_id, pair.mentee_id, pair.started_on  # 4 March, 21:00 in Toronto
    ('o1', 'anna', 'olga', datetime.date(2026, 3, 4))
    """
    require_type(offer, Offer, "offer", "an Offer")
    require_type(program, Program, "program", "a Program")
    if program.id != offer.program_id:
        raise ValidationError("program", program.id, f"is not the offer's {offer.program_id!r}")
    accepted_at = offer.accepted_at
    if accepted_at is None:
        raise InvalidTransitionError(offer.status.value, "start a mentorship")
    return Mentorship(
        offer.id if mentorship_id is None else require_identifier(mentorship_id, "mentorship_id"),
        offer.program_id,
        offer.mentor_id,
        offer.mentee_id,
        started_on=program.local_date(accepted_at) if started_on is None else started_on,
    )
