"""Re-pairing with least disruption: only the people left without a partner go back to matching."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Literal, TypeVar

import attrs

from ementoring._languages import resolve
from ementoring._validate import (
    Choice,
    coerce_enum,
    identifier,
    items_of,
    optional_identifier,
    require_identifier,
    require_type,
)
from ementoring.access import Actor
from ementoring.accounting import Mentorship, MentorshipStatus, Program
from ementoring.errors import DuplicateIdError, InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journey._common import Side, side_value
from ementoring.journey._offers import Offer, OfferStatus, offers_from_result
from ementoring.journey._responses import (
    Response,
    checked_responses,
    fit_answers,
    pairs_by_id,
    readable_answers,
)
from ementoring.journey._surveys import PAIRING_FIT, FeedbackPlan, PairingFit
from ementoring.matching import (
    MatchingProblem,
    MatchingResult,
    UnmatchedReason,
    solve,
)
from ementoring.people import Directory
from ementoring.timezones import require_aware

__all__ = [
    "Outcome",
    "PersonChange",
    "Release",
    "ReleaseReason",
    "Repair",
    "Unpaired",
    "change_text",
    "repair",
]

Pair = tuple[str, str]

# A stepped-back person's load: more than any capacity, so no seat of theirs is free.
_EVERY_SEAT = 2**63


class ReleaseReason(Choice):
    """Why a pair no longer holds its seats."""

    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    NOT_A_GOOD_FIT = "not_a_good_fit"
    """The mentee answered the pairing-fit question "not a good fit"."""
    CLOSED_EARLY = "closed_early"
    """The pair's mentorship was closed early."""


class Outcome(Choice):
    """What re-pairing changed for one person."""

    KEPT = "kept"
    """Nothing: every pair they hold stays, and they were offered nobody new."""
    NEW_PARTNER = "new_partner"
    """They are offered one or more new partners."""
    STILL_UNMATCHED = "still_unmatched"
    """They lost a partner, or never had one, and matching found nobody yet."""
    STEPPED_BACK = "stepped_back"
    """They declined with ``no_time`` or ``left_program``: nobody new is offered to them."""


class Unpaired(Choice):
    """Why matching found nobody new for someone who wanted a partner."""

    MENTORS_FULL = "mentors_full"
    """The free seats allowed for the mentee went to other mentees."""
    NO_ALLOWED_MENTOR = "no_allowed_mentor"
    """No mentor with a free seat is allowed for the mentee (by the rules, or having been
    their partner before)."""
    NO_MENTEE = "no_mentee"
    """No waiting mentee suits the mentor's free seat."""


def _reason(value: ReleaseReason | str) -> ReleaseReason:
    return coerce_enum(ReleaseReason, value, "reason")


@attrs.frozen(kw_only=True)
class Release:
    """A pair that no longer holds its seats: the partner, why, and who said so."""

    partner_id: str = attrs.field(validator=identifier)
    reason: ReleaseReason = attrs.field(converter=_reason)
    by: str | None = attrs.field(default=None, validator=optional_identifier)


def _side(value: Side | str) -> Side:
    return side_value(value)


def _outcome(value: Outcome | str) -> Outcome:
    return coerce_enum(Outcome, value, "outcome")


def _unpaired(value: Unpaired | str | None) -> Unpaired | None:
    return None if value is None else coerce_enum(Unpaired, value, "unpaired")


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(items_of(value, str, "partners", "a collection of ids", each="an id")))


def _releases(value: Iterable[Release]) -> tuple[Release, ...]:
    return items_of(value, Release, "released", "an iterable of Release")


@attrs.frozen(kw_only=True)
class PersonChange:
    """What re-pairing changed for one person, as data (:func:`change_text` says it in words).

    Args:
        person_id: The mentor or mentee.
        side: ``mentor`` or ``mentee``.
        outcome: See :class:`Outcome`.
        kept: The partners they keep (pairs accepted, pending or active), sorted.
        new: The partners newly offered to them, sorted.
        released: The pairs they lost, with the reason each ended.
        unpaired: Why nobody new was found, when they wanted someone.
    """

    person_id: str = attrs.field(validator=identifier)
    side: Side = attrs.field(converter=_side)
    outcome: Outcome = attrs.field(converter=_outcome)
    kept: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    new: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    released: tuple[Release, ...] = attrs.field(default=(), converter=_releases)
    unpaired: Unpaired | None = attrs.field(default=None, converter=_unpaired)


@attrs.frozen(kw_only=True, eq=False)
class Repair:
    """The outcome of :func:`repair`.

    Attributes:
        at: When re-pairing was done.
        offers: The new offers, one per new pair, ``proposed``.
        changes: What changed for whom: every mentor and mentee offered someone
            new, released from a pair or stepped back, and every mentee still
            waiting for a partner; by side (mentees first), then id. Everyone
            else keeps exactly what they had (:meth:`change` says so for anyone).
        kept: Every pair kept, as ``(mentor_id, mentee_id)``, sorted.
        forbidden: Every pair that may not be offered again, sorted.
        source: The problem given.
        residual: What went back to matching: the people with free seats, each
            seat count cut to what is free, released pairs forbidden.
        result: Matching's answer to ``residual`` (explain it with
            ``ementoring.matching.explain(repair.residual, repair.result, mentee_id)``).
    """

    at: datetime
    offers: tuple[Offer, ...]
    changes: tuple[PersonChange, ...]
    kept: tuple[Pair, ...]
    forbidden: tuple[Pair, ...]
    source: MatchingProblem
    residual: MatchingProblem
    result: MatchingResult

    def change(self, person_id: str, *, side: Side | str | None = None) -> PersonChange:
        """What changed for one person: their entry of :attr:`changes`, else that they keep all.

        Raises:
            UnknownIdError: Nobody of that id (and side) in the problem.
            ValidationError: The id is both a mentor's and a mentee's: give ``side``.

        >>> from datetime import UTC, date, datetime
        >>> from ementoring.accounting import Program
        >>> from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field
        >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="UTC")
        >>> problem = MatchingProblem([Mentor("anna"), Mentor("mark")], [Mentee("olga")], [same_field()])
        >>> done = repair(problem, [], program=program, at=datetime(2026, 3, 2, tzinfo=UTC))
        >>> done.change("olga").new, done.change("anna").outcome.value
        (('mark',), 'kept')
        """
        person_id = require_identifier(person_id, "person_id")
        wanted = (Side.MENTEE, Side.MENTOR) if side is None else (side_value(side),)
        found = []
        for one in wanted:
            people = self.source.mentees if one is Side.MENTEE else self.source.mentors
            if any(p.id == person_id for p in people):
                listed = [c for c in self.changes if (c.side, c.person_id) == (one, person_id)]
                found.append(listed[0] if listed else self._unchanged(person_id, one))
        if not found:
            raise UnknownIdError("person_id", person_id, "not a mentor or mentee of the problem")
        if len(found) > 1:
            raise ValidationError(
                "side", None, f"{person_id!r} is a mentor and a mentee: say which"
            )
        return found[0]

    def _unchanged(self, person_id: str, side: Side) -> PersonChange:
        mine = 0 if side is Side.MENTOR else 1
        partners = [pair[1 - mine] for pair in self.kept if pair[mine] == person_id]
        return PersonChange(person_id=person_id, side=side, outcome=Outcome.KEPT, kept=partners)


_RELEASED_BY_OFFER = {
    OfferStatus.DECLINED: ReleaseReason.DECLINED,
    OfferStatus.EXPIRED: ReleaseReason.EXPIRED,
    OfferStatus.WITHDRAWN: ReleaseReason.WITHDRAWN,
}
_HOLDING_MENTORSHIP = (
    MentorshipStatus.ACTIVE,
    MentorshipStatus.PAUSED,
    MentorshipStatus.COMPLETED,
)


@attrs.define
class _Ledger:
    """Who holds which pair, which pairs ended and why, and who stepped back."""

    mentors: frozenset[str]
    mentees: frozenset[str]
    held: set[Pair] = attrs.Factory(set)
    released: dict[Pair, Release] = attrs.Factory(dict)
    ended: dict[Pair, Release] = attrs.Factory(dict)  # beats holding: not a fit, closed early
    steps_back: dict[Pair, tuple[Side, str]] = attrs.Factory(dict)

    def check_people(self, mentor_id: str, mentee_id: str, field: str) -> None:
        if mentor_id not in self.mentors:
            raise UnknownIdError(f"{field}.mentor_id", mentor_id, "not a mentor of the problem")
        if mentee_id not in self.mentees:
            raise UnknownIdError(f"{field}.mentee_id", mentee_id, "not a mentee of the problem")

    def release(self, pair: Pair, reason: ReleaseReason, by: str | None) -> None:
        # A decline says the most (who, and why): it wins over an expiry or a withdrawal.
        if pair not in self.released or reason is ReleaseReason.DECLINED:
            self.released[pair] = Release(partner_id=pair[1], reason=reason, by=by)

    def outcome(self) -> tuple[set[Pair], dict[Pair, Release], set[tuple[Side, str]]]:
        held = self.held - set(self.ended)
        released = {p: r for p, r in self.released.items() if p not in held}
        released.update(self.ended)
        stepped_back = {who for pair, who in self.steps_back.items() if pair in released}
        return held, released, stepped_back


def _settled(offer: Offer, at: datetime) -> bool:
    """Whether the offer as of ``at`` is the offer as recorded (most are, and as_of costs)."""
    last = offer.history[-1].at if offer.history else offer.proposed_at
    deadline = offer.respond_by
    return (
        offer.proposed_at <= at
        and last <= at
        and (deadline is None or deadline > at or not offer.status.pending)
    )


def _read_offers(offers: Iterable[Offer], program_id: str, at: datetime, book: _Ledger) -> set[str]:
    given = items_of(offers, Offer, "offers", "an iterable of Offer")
    ids: set[str] = set()
    for index, offer in enumerate(given):
        field = f"offers[{index}]"
        if offer.program_id != program_id:
            raise ValidationError(f"{field}.program_id", offer.program_id, f"not {program_id!r}")
        if offer.id in ids:
            raise DuplicateIdError(f"{field}.id", offer.id, "duplicate id")
        ids.add(offer.id)
        book.check_people(offer.mentor_id, offer.mentee_id, field)
        now = offer if _settled(offer, at) else offer.as_of(at)
        if now is None:
            continue
        pair = (now.mentor_id, now.mentee_id)
        if now.status.holds_seats:
            book.held.add(pair)
            continue
        declined = now.decline
        book.release(
            pair, _RELEASED_BY_OFFER[now.status], None if declined is None else declined.side
        )
        if declined is not None and declined.reason is not None and declined.reason.steps_back:
            side = Side.MENTOR if declined.side == now.mentor_id else Side.MENTEE
            book.steps_back[pair] = (side, str(declined.side))
    return ids


def _read_mentorships(
    mentorships: Iterable[Mentorship], program: Program, at: datetime, book: _Ledger
) -> dict[str, Mentorship]:
    pairs = pairs_by_id(mentorships, program)
    for index, mentorship in enumerate(pairs.values()):
        book.check_people(mentorship.mentor_id, mentorship.mentee_id, f"mentorships[{index}]")
        now = mentorship.as_of(at)
        pair = (now.mentor_id, now.mentee_id)
        if now.status is MentorshipStatus.CLOSED_EARLY:
            book.ended[pair] = Release(partner_id=pair[1], reason=ReleaseReason.CLOSED_EARLY)
        elif now.status in _HOLDING_MENTORSHIP:
            book.held.add(pair)
    return pairs


def _read_fits(
    responses: Iterable[Response],
    plan: FeedbackPlan | None,
    viewer: Actor | None,
    pairs: Mapping[str, Mentorship],
    program: Program,
    at: datetime,
    book: _Ledger,
) -> None:
    """A mentee's last pairing-fit answer the viewer may read, when it is "not a good fit"."""
    given = items_of(responses, Response, "responses", "an iterable of Response")
    if not given:
        return
    if not isinstance(plan, FeedbackPlan):
        raise InvalidTypeError("plan", plan, "the FeedbackPlan the responses answer")
    if not isinstance(viewer, Actor):
        raise InvalidTypeError("viewer", viewer, "an Actor: who re-pairs, reading the answers")
    if plan.program_id != program.id:
        raise ValidationError("plan", plan.program_id, f"not the plan of {program.id!r}")
    readable = []
    for response in checked_responses(plan, pairs, given, at):
        answers, _ = readable_answers(
            plan, pairs[response.mentorship_id], response, viewer, program
        )
        if PAIRING_FIT in answers:
            readable.append(attrs.evolve(response, answers=answers))
    for (mentorship_id, respondent), fit in sorted(fit_answers(readable).items()):
        pair_of = pairs[mentorship_id]
        # A mentee's "not a good fit" re-pairs them; a mentor's is for the coordinator.
        if fit is PairingFit.NOT_A_GOOD_FIT and respondent == pair_of.mentee_id:
            book.ended[(pair_of.mentor_id, pair_of.mentee_id)] = Release(
                partner_id=pair_of.mentee_id, reason=ReleaseReason.NOT_A_GOOD_FIT, by=respondent
            )


def repair(
    problem: MatchingProblem,
    offers: Iterable[Offer],
    *,
    program: Program,
    at: datetime,
    mentorships: Iterable[Mentorship] = (),
    responses: Iterable[Response] = (),
    plan: FeedbackPlan | None = None,
    viewer: Actor | None = None,
    respond_by: datetime | None = None,
    id_prefix: str = "offer-",
    backend: Literal["auto", "ortools", "python", "scipy"] = "auto",
) -> Repair:
    """Offer new partners to whoever is left without one, moving nobody else.

    As of ``at``, a pair **holds** its seats while an offer for it is pending
    or accepted, or its mentorship is active, paused or completed; it is
    **released** when its offers were declined, expired or withdrawn, its
    mentorship closed early, or its mentee's last pairing-fit answer is "not a
    good fit" (a mentor's is left for the coordinator). Held pairs stay as they
    are: nobody who accepted, or who waits for an answer, is moved. Released
    pairs are forbidden, so none is offered again. Who declined with
    ``no_time`` or ``left_program`` is offered nobody.

    Everyone else with a free seat goes back to matching with the problem's
    criteria and rules: each person's capacity reduced to their free seats,
    the mentors a mentee already has forbidden to them. Each new pair becomes
    a proposed offer.

    Args:
        problem: The program's matching problem: every mentor and mentee of
            the offers and mentorships.
        offers: The program's offers (as recorded; read as of ``at``).
        program: The program.
        at: When re-pairing is done (aware); later steps are not seen.
        mentorships: The program's mentorships (as recorded).
        responses: Answers about those mentorships: the pairing-fit ones count,
            those ``viewer`` may read (see :func:`ementoring.access.answer_access`).
        plan: The plan the responses answer (needed with responses).
        viewer: Who re-pairs, normally a coordinator (needed with responses).
        respond_by: When the new offers expire; ``None`` for never.
        id_prefix: New offers are ``<prefix><n>``, numbered after the count of ``offers``.
        backend: Matching's back-end (the answer is the same on every one).

    Returns:
        A :class:`Repair`: the new offers and what changed for whom.

    Raises:
        UnknownIdError: An offer or mentorship naming someone not in the problem,
            or a response about a mentorship not given.
        DuplicateIdError: An id given twice, or a new offer id already taken.
        InvalidTypeError: Responses without their plan or a viewer.
        ValidationError: An offer, mentorship or plan of another program, a
            response the plan did not ask for, a bad time.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Program
    >>> from ementoring.journey import approve, decline
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="UTC")
    >>> from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field, solve
    >>> problem = MatchingProblem(
    ...     [Mentor("anna", fields=["HR"]), Mentor("mark", fields=["HR"]), Mentor("dana", fields=["HR"])],
    ...     [Mentee("olga", fields=["HR"]), Mentee("pavel", fields=["HR"])], [same_field()])
    >>> first = offers_from_result(solve(problem), program_id="p", at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> [(o.mentor_id, o.mentee_id) for o in first]
    [('dana', 'olga'), ('mark', 'pavel')]
    >>> approved = [approve(o, by="coordinator", at=datetime(2026, 3, 3, tzinfo=UTC)) for o in first]
    >>> declined = decline(approved[1], by="pavel", at=datetime(2026, 3, 4, tzinfo=UTC), reason="schedule")
    >>> again = repair(problem, [approved[0], declined], program=program,
    ...                at=datetime(2026, 3, 5, tzinfo=UTC))
    >>> [(o.id, o.mentor_id, o.mentee_id) for o in again.offers]
    [('offer-3', 'anna', 'pavel')]
    >>> for change in again.changes:
    ...     print(change_text(change))
    pavel: a new offer with anna; the offer with mark was declined.
    anna: a new offer with pavel; there was no partner before.
    mark: no new partner yet; the offer with pavel was declined; no waiting mentee suits them.
    >>> print(change_text(again.change("olga")))
    olga: no change; stays with dana.
    """
    require_type(problem, MatchingProblem, "problem", "a MatchingProblem")
    require_type(program, Program, "program", "a Program")
    program_id = program.id
    at = require_aware(at, "at")
    if not isinstance(id_prefix, str):
        raise InvalidTypeError("id_prefix", id_prefix, "text")
    book = _Ledger(
        mentors=frozenset(m.id for m in problem.mentors),
        mentees=frozenset(m.id for m in problem.mentees),
    )
    taken = _read_offers(offers, program_id, at, book)
    pairs = _read_mentorships(mentorships, program, at, book)
    _read_fits(responses, plan, viewer, pairs, program, at, book)
    held, released, stepped_back = book.outcome()
    residual = _residual(problem, held, released, stepped_back)
    result = solve(residual, backend=backend)
    start = len(taken) + 1
    new_offers = tuple(
        attrs.evolve(offer, id=f"{id_prefix}{number}")
        for number, offer in enumerate(
            offers_from_result(
                result, program_id=program_id, at=at, respond_by=respond_by, id_prefix=id_prefix
            ),
            start=start,
        )
    )
    for index, offer in enumerate(new_offers):
        if offer.id in taken:
            raise DuplicateIdError(f"offers[{index}].id", offer.id, "taken by an existing offer")
    return Repair(
        at=at,
        offers=new_offers,
        changes=_changes(problem, held, released, stepped_back, residual, result),
        kept=tuple(sorted(held)),
        forbidden=tuple(sorted(released)),
        source=problem,
        residual=residual,
        result=result,
    )


def _residual(
    problem: MatchingProblem,
    held: set[Pair],
    released: Mapping[Pair, Release],
    stepped_back: set[tuple[Side, str]],
) -> MatchingProblem:
    """The people with free seats, their capacities cut to them, released pairs forbidden."""
    mentor_load = Counter(mentor_id for mentor_id, _ in held)
    mentee_load = Counter(mentee_id for _, mentee_id in held)
    for side, person in stepped_back:
        (mentor_load if side is Side.MENTOR else mentee_load)[person] = _EVERY_SEAT
    mentors = [
        m if seats == m.capacity else attrs.evolve(m, capacity=seats)
        for m in problem.mentors
        if (seats := m.capacity - mentor_load[m.id]) > 0
    ]
    mentees = [
        m if seats == m.capacity else attrs.evolve(m, capacity=seats)
        for m in problem.mentees
        if (seats := m.capacity - mentee_load[m.id]) > 0
    ]
    mentor_ids = {m.id for m in mentors}
    mentee_ids = {m.id for m in mentees}

    def inside(pair: Pair) -> bool:
        return pair[0] in mentor_ids and pair[1] in mentee_ids

    # A released pair is never offered again, and nobody gets a mentor they already have.
    forbidden = sorted({p for p in (*problem.forbidden, *released, *held) if inside(p)})
    # A pinned pair of the problem that no offer made yet stays pinned, seats allowing.
    room = {(Side.MENTOR, m.id): m.capacity for m in mentors}
    room.update({(Side.MENTEE, m.id): m.capacity for m in mentees})
    pinned: list[Pair] = []
    for pair in sorted(set(problem.pinned) - held - set(released)):
        ends = ((Side.MENTOR, pair[0]), (Side.MENTEE, pair[1]))
        if inside(pair) and all(room[end] > 0 for end in ends):
            pinned.append(pair)
            for end in ends:
                room[end] -= 1
    return MatchingProblem(
        mentors,
        mentees,
        problem.criteria,
        forbidden=forbidden,
        pinned=pinned,
        min_score=problem.min_score,
    )


def _changes(
    problem: MatchingProblem,
    held: set[Pair],
    released: Mapping[Pair, Release],
    stepped_back: set[tuple[Side, str]],
    residual: MatchingProblem,
    result: MatchingResult,
) -> tuple[PersonChange, ...]:
    # Plain lists per person: a program of 20,000 pairs has tens of thousands of people.
    kept: dict[tuple[Side, str], list[str]] = {}
    new: dict[tuple[Side, str], list[str]] = {}
    lost: dict[tuple[Side, str], list[Release]] = {}
    for mentor_id, mentee_id in held:
        kept.setdefault((Side.MENTOR, mentor_id), []).append(mentee_id)
        kept.setdefault((Side.MENTEE, mentee_id), []).append(mentor_id)
    for (mentor_id, mentee_id), release in sorted(released.items()):
        lost.setdefault((Side.MENTOR, mentor_id), []).append(release)  # its partner: the mentee
        lost.setdefault((Side.MENTEE, mentee_id), []).append(
            _trusted(Release, partner_id=mentor_id, reason=release.reason, by=release.by)
        )
    for match in result.matches:
        new.setdefault((Side.MENTOR, match.mentor_id), []).append(match.mentee_id)
        new.setdefault((Side.MENTEE, match.mentee_id), []).append(match.mentor_id)
    in_play = {m.id for m in residual.mentees}
    changes = []
    sides = (
        (Side.MENTEE, sorted(m.id for m in problem.mentees)),
        (Side.MENTOR, sorted(m.id for m in problem.mentors)),
    )
    for side, people in sides:
        for person in people:
            key = (side, person)
            unpaired = None
            if key in stepped_back:
                outcome = Outcome.STEPPED_BACK
            elif key in new:
                outcome = Outcome.NEW_PARTNER
            elif key in lost or (side is Side.MENTEE and key not in kept):
                # A mentee without a partner waits; a mentor's free seat is no news.
                outcome = Outcome.STILL_UNMATCHED
                unpaired = _why_unpaired(side, person, in_play, result)
            else:
                continue  # nothing changed: Repair.change says so when asked
            changes.append(
                _trusted(
                    PersonChange,
                    person_id=person,
                    side=side,
                    outcome=outcome,
                    kept=tuple(sorted(kept.get(key, ()))),
                    new=tuple(sorted(new.get(key, ()))),
                    released=tuple(lost.get(key, ())),
                    unpaired=unpaired,
                )
            )
    return tuple(changes)


T = TypeVar("T")


def _trusted(cls: type[T], **fields: object) -> T:
    """A frozen record of values computed here, without checking them again.

    A program of 20,000 pairs has some 27,000 people, each with a change: their
    checks cost more than re-pairing itself (measured in benchmarks/bench_journey.py).
    Everyone else builds them through the checked constructors.
    """
    record: T = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(record, name, value)
    return record


def _why_unpaired(
    side: Side, person_id: str, in_play: set[str], result: MatchingResult
) -> Unpaired:
    if side is Side.MENTOR:
        return Unpaired.NO_MENTEE
    unmatched = result.unmatched.get(person_id) if person_id in in_play else None
    if unmatched is not None and unmatched.reason is UnmatchedReason.MENTORS_FULL:
        return Unpaired.MENTORS_FULL
    return Unpaired.NO_ALLOWED_MENTOR


_RELEASE_WORDS = {
    ReleaseReason.DECLINED: "released_declined",
    ReleaseReason.EXPIRED: "released_expired",
    ReleaseReason.WITHDRAWN: "released_withdrawn",
    ReleaseReason.NOT_A_GOOD_FIT: "released_not_a_good_fit",
    ReleaseReason.CLOSED_EARLY: "released_closed_early",
}


def change_text(
    change: PersonChange, *, locale: str = "en", people: Directory | None = None
) -> str:
    """What re-pairing changed for one person, in a sentence, in a language.

    Args:
        change: One of :attr:`Repair.changes`.
        locale: A language of :data:`~ementoring.display.LOCALES`.
        people: Shows people by their names; without it, by id.

    Raises:
        InvalidTypeError: ``change`` is not a :class:`PersonChange`, or ``people`` not a Directory.
        ValidationError: An unknown ``locale``.
        MissingExtraError: A language other than English without the ``i18n`` extra.

    >>> change = PersonChange(person_id="pavel", side="mentee", outcome="still_unmatched",
    ...     released=(Release(partner_id="dana", reason="expired"),), unpaired="mentors_full")
    >>> print(change_text(change, locale="ru"))
    pavel: нового партнёра пока нет; срок ответа на предложение истёк (партнёр: dana); подходящие свободные места достались другим.
    """
    require_type(change, PersonChange, "change", "a PersonChange")
    if people is not None:
        require_type(people, Directory, "people", "a Directory")
    language, _ = resolve(locale, "ementoring.journey.change_text")
    words = language.journey

    def name(person: str) -> str:
        return person if people is None else people.name_of(person)

    def names(ids: Iterable[str]) -> str:
        return ", ".join(name(p) for p in ids)

    reasons = [
        words[_RELEASE_WORDS[release.reason]].format(partner=name(release.partner_id))
        for release in change.released
    ] or [words["never_matched"]]
    reason = "; ".join(reasons)
    person = name(change.person_id)
    if change.outcome is Outcome.STEPPED_BACK:
        return words["repair_stepped_back"].format(person=person)
    if change.outcome is Outcome.NEW_PARTNER:
        return words["repair_new_partner"].format(
            person=person, partners=names(change.new), reason=reason
        )
    if change.outcome is Outcome.STILL_UNMATCHED:
        why = words[f"unmatched_{(change.unpaired or Unpaired.NO_ALLOWED_MENTOR).value}"]
        return words["repair_still_unmatched"].format(person=person, reason=reason, why=why)
    if change.kept:
        return words["repair_kept"].format(person=person, partners=names(change.kept))
    return words["repair_unchanged"].format(person=person)
