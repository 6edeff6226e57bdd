"""The upgrade steps: one pure function per document type and schema version, and their table.

A step takes the body of a document (everything but ``"schema"`` and
``"type"``) of one version and returns the body of the next, as a new dict
(the parts it does not change may be shared). It runs before the document is
validated, so it changes only what it recognises and leaves anything else for
``from_data`` to report; when the old document cannot be carried over
faithfully, it raises :class:`Refusal`, which the reader turns into a
:class:`~ementoring.errors.DocumentVersionError` naming the type and version.
A step of a type that other documents hold (a criterion in a problem) is
called by their steps too: a document's version covers everything inside it.

To add a version: write the step below, with a docstring whose first line
says what changed, add it at the end of its type's tuple in :data:`UPGRADE_STEPS`
(the type's version is one more than its steps), and follow the recipe in
docs/upgrading.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ementoring.errors import ValidationError
from ementoring.timezones import EARLIEST, zone_key

__all__ = ["UPGRADE_STEPS", "Body", "Refusal", "Step"]

Body = dict[str, Any]
"""A document without its ``"schema"`` and ``"type"``."""

Step = Callable[[Body], Body]
"""One upgrade step: a body of one version in, the body of the next out."""


class Refusal(Exception):
    """A document a step cannot carry over faithfully: where, why, and what the caller can do."""

    def __init__(self, path: str, reason: str, remedy: str) -> None:
        super().__init__(path, reason, remedy)
        self.path, self.reason, self.remedy = path, reason, remedy

    def below(self, part: str) -> Refusal:
        """The same refusal, for a document held at ``part`` of a bigger one."""
        if not self.path:
            return Refusal(part, self.reason, self.remedy)
        joiner = "" if self.path.startswith("[") else "."
        return Refusal(f"{part}{joiner}{self.path}", self.reason, self.remedy)


def _each(body: Body, field: str, step: Step) -> Body:
    """``body`` with every object of its array ``field`` through ``step``."""
    items = body.get(field)
    if not isinstance(items, list):
        return body
    done = []
    for index, item in enumerate(items):
        if isinstance(item, Mapping):
            try:
                item = step(dict(item))
            except Refusal as refusal:
                raise refusal.below(f"{field}[{index}]") from None
        done.append(item)
    return {**body, field: done}


def criterion_1_to_2(body: Body) -> Body:
    """``schedule_overlap`` stored with ``target`` becomes ``average_overlap``, which keeps its meaning.

    ementoring 0.1 wrote ``schedule_overlap(within, target, weight, required)``
    (the average common free time per week, 1 at ``target``) until its
    meetable-time change (commit 2eb2933), and from then on
    ``schedule_overlap(within, meeting, weight, required, min_share)`` (the
    share of weeks with a common block of one meeting), under the same name
    and schema 1. A stored one with ``target`` is read as
    :func:`~ementoring.matching.average_overlap` with the same arguments and
    the name ``"schedule_overlap"``, which its results' breakdowns carry, so it
    scores as it did. One with none of ``target``, ``meeting`` and
    ``min_share`` is refused: ``to_data`` always wrote them, and nothing says
    which meaning it had.
    """
    if body.get("factory") != "schedule_overlap":
        return body
    arguments = body.get("arguments")
    if not isinstance(arguments, Mapping):
        return body
    named = set(arguments) & {"target", "meeting", "min_share"}
    if named == {"target"}:
        renamed = {**arguments}
        renamed.setdefault("name", "schedule_overlap")
        return {**body, "factory": "average_overlap", "arguments": renamed}
    if not named:
        raise Refusal(
            "arguments",
            "a schedule_overlap with none of target, meeting and min_share, which 0.1 gave two"
            " meanings; nothing says which it had",
            "add target (0.1's average weekly overlap, read as average_overlap) or meeting and"
            " min_share (the share of weeks with a meeting), then read it again",
        )
    return body


def _key(value: Any) -> str | None:
    """A zone key as the models keep it, or ``None`` if it is not one (validation reports it)."""
    if not isinstance(value, str):
        return None
    try:
        return zone_key(value)
    except ValidationError:
        return None


def person_1_to_2(body: Body) -> Body:
    """One zone per person: a zone other than the availability's is refused.

    Until ementoring 0.1's commit 2eb2933 a mentor's or mentee's ``zone`` and
    their availability's zone were separate facts (``timezone_gap`` read the
    first, the overlap criteria the second); since then a person with an
    availability has its zone. A stored person with two different zones
    cannot be read without choosing one, so it is refused, saying how to
    choose. A person with an availability and no zone (written before that
    commit) is read with the availability's zone, the zone their free time is
    written in; inside a problem that ``timezone_gap`` scores, the problem's
    step refuses it instead (``timezone_gap`` gave such a person 0).
    """
    availability = body.get("availability")
    if not isinstance(availability, Mapping):
        return body
    mine, theirs = _key(body.get("zone")), _key(availability.get("zone"))
    if mine is not None and theirs is not None and mine != theirs:
        raise Refusal(
            "zone",
            f"zone {mine!r} and an availability in {theirs!r}, which 0.1 kept apart"
            " (timezone_gap read the first, the overlap criteria the second); a person now"
            " has one zone, the availability's",
            "choose one: set zone to null to keep the availability as it is, or write the"
            " availability in the person's zone, then read it again",
        )
    return body


def problem_1_to_2(body: Body) -> Body:
    """Mentors, mentees and criteria go through their own steps; a person without a zone under ``timezone_gap`` is refused.

    A person stored with an availability and no zone scored 0 with everybody
    on ``timezone_gap`` in ementoring 0.1 before its commit 2eb2933; read now,
    they would take their availability's zone and score otherwise, so a
    problem with ``timezone_gap`` and such a person is refused. Criteria and
    people go through :func:`criterion_1_to_2` and :func:`person_1_to_2`.
    """
    body = _each(
        _each(_each(body, "mentors", person_1_to_2), "mentees", person_1_to_2),
        "criteria",
        criterion_1_to_2,
    )
    criteria = body.get("criteria")
    gap = isinstance(criteria, list) and any(
        isinstance(c, Mapping) and c.get("factory") == "timezone_gap" for c in criteria
    )
    if not gap:
        return body
    for field in ("mentors", "mentees"):
        people = body.get(field)
        for index, person in enumerate(people if isinstance(people, list) else ()):
            if (
                isinstance(person, Mapping)
                and person.get("zone") is None
                and isinstance(person.get("availability"), Mapping)
            ):
                raise Refusal(
                    f"{field}[{index}].zone",
                    "a person with an availability and no zone, whom 0.1's timezone_gap scored"
                    " 0 with everybody; read now, they would take the availability's zone and"
                    " score otherwise",
                    "set their zone to the availability's (timezone_gap then scores them, as"
                    " this version does) or take timezone_gap out of the problem, then read it"
                    " again",
                )
    return body


def certificate_1_to_2(body: Body) -> Body:
    """``gain_rules`` is recorded; 0.1's certificates did not say theirs, so they read as ``null``.

    ementoring 0.1 changed the rules of the integer gains that dual prices are
    computed against twice (the tie hash at its commit 9f7728b, the weights'
    clamped capacities at c389b8d) and wrote every certificate as schema 1, so
    a stored one may be of any of the three. It is read with ``gain_rules``
    null: ``verify`` accepts it when its prices hold for today's gains, and
    otherwise says that the certificate predates them and that the problem must
    be solved again for a proof.
    """
    if "gain_rules" in body:
        return body
    return {**body, "gain_rules": None}


def result_1_to_2(body: Body) -> Body:
    """The certificate goes through its own step; ``problem_fingerprint`` is recorded, ``null`` for 0.1's results.

    A result stored by ementoring 0.1 does not say which problem it solved,
    so ``verify`` and ``explain`` check it in full against the problem they
    are given (as 0.1 did) instead of comparing fingerprints first. Its
    matches stand as stored.
    """
    certificate = body.get("certificate")
    if isinstance(certificate, Mapping):
        body = {**body, "certificate": certificate_1_to_2(dict(certificate))}
    if "problem_fingerprint" in body:
        return body
    return {**body, "problem_fingerprint": None}


def session_event_1_to_2(body: Body) -> Body:
    """``answer`` is recorded (a ``reply`` step's); 0.1's steps had no replies, so they read ``null``.

    Sessions gained the ``reply`` action in 0.2.0: each attendee's answer is a
    step of the history, and every step now carries ``answer``.
    """
    if "answer" in body:
        return body
    return {**body, "answer": None}


# What to_data writes for timezones.EARLIEST.
_EARLIEST = EARLIEST.isoformat().removesuffix("+00:00") + "Z"


def session_1_to_2(body: Body) -> Body:
    """``mentorship_id`` becomes ``mentorship_ids``; a missing ``proposed_at`` is the earliest instant.

    ementoring 0.1 wrote a session's mentorship as ``mentorship_id`` until its
    commit 34afa79 (sessions of several mentorships), which reads as the list
    of that one id. It wrote no ``proposed_at`` before f00b226, and ``null``
    after it for a session whose proposal time was not given; ``proposed_at``
    is now required, and either reads as :data:`~ementoring.timezones.EARLIEST`,
    "proposed before anything in its history", which is what such a session
    always meant to the reports and reminders. Its history's steps go through
    their own step.
    """
    if "mentorship_id" in body and "mentorship_ids" not in body:
        body = {
            **{key: value for key, value in body.items() if key != "mentorship_id"},
            "mentorship_ids": [body["mentorship_id"]],
        }
    if body.get("proposed_at") is None:
        body = {**body, "proposed_at": _EARLIEST}
    return _each(body, "history", session_event_1_to_2)


UPGRADE_STEPS: Mapping[str, tuple[Step, ...]] = MappingProxyType(
    {
        "Certificate": (certificate_1_to_2,),
        "Criterion": (criterion_1_to_2,),
        "MatchingProblem": (problem_1_to_2,),
        "MatchingResult": (result_1_to_2,),
        "Mentee": (person_1_to_2,),
        "Mentor": (person_1_to_2,),
        "Session": (session_1_to_2,),
        "SessionEvent": (session_event_1_to_2,),
    }
)
"""Each document type's upgrade steps in order: the first reads schema 1, the next schema 2...

A type's current version is one more than its steps; types not listed are at 1.
"""
