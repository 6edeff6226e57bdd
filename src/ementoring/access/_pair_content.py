"""Who may read a pair's goals and its answers to the program's questions."""

from __future__ import annotations

from typing import Any

from ementoring._validate import Choice, coerce_enum, require_identifier
from ementoring.access._rules import (
    Access,
    Actor,
    Role,
    _acts_for,
    _check_types,
    _member_as,
    content_level,
)
from ementoring.accounting import Mentorship, Program
from ementoring.errors import ValidationError
from ementoring.journal import Visibility

__all__ = ["AnswerVisibility", "answer_access", "goal_access"]


class AnswerVisibility(Choice):
    """Who, besides the person answering, reads an answer to one of the program's questions."""

    COORDINATORS = "coordinators"
    """The program's coordinators only (the default: answers are candid)."""
    PAIR_AND_COORDINATORS = "pair_and_coordinators"
    """Also the other member of the pair."""


def _check_pair(actor: Any, mentorship: Any, program: Any) -> None:
    _check_types(actor, mentorship, program)
    if mentorship.program_id != program.id:
        raise ValidationError(
            "program", program.id, f"is not the mentorship's program {mentorship.program_id!r}"
        )


def _visibility(value: Any) -> Visibility:
    return coerce_enum(Visibility, value, "visibility")


def goal_access(
    actor: Actor,
    *,
    author_id: str,
    visibility: Visibility | str,
    mentorship: Mentorship,
    program: Program,
) -> Access:
    """How much of a pair's goal an actor may see: its words by the journal's rules, its progress wider.

    1. ``read`` (the goal's title, description and milestones) exactly when a
       journal entry with the same author and visibility would be read (see
       :func:`access_level`): the rule is the journal's own.
    2. Otherwise ``metadata`` (status, dates, counts of milestones and evidence,
       never a word of text) for the members of the pair and the program's
       coordinators and admins: coordinators follow progress, not content.
    3. Nobody else sees anything.

    Args:
        actor: Who asks.
        author_id: Who holds the goal: the mentee, or the mentor for a
            suggestion not yet adopted.
        visibility: The goal's visibility, as a journal entry's.
        mentorship: The goal's mentorship.
        program: The mentorship's program.

    Returns:
        ``read``, ``metadata`` or ``none``.

    Raises:
        InvalidTypeError: An argument of the wrong type.
        ValidationError: A bad id or visibility, or ``program`` is not the mentorship's.

    >>> from datetime import date
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> anna = Actor("anna", roles=["coordinator"], program_ids=["spring-2026"])
    >>> goal_access(anna, author_id="olga", visibility="pair", mentorship=pair, program=program)
    <Access.METADATA: 'metadata'>
    """
    _check_pair(actor, mentorship, program)
    author_id = require_identifier(author_id, "author_id")
    level = content_level(actor, author_id, _visibility(visibility), mentorship, program)
    if level is Access.READ:
        return level
    follows = (
        _member_as(actor, mentorship) is not None
        or _acts_for(actor, Role.COORDINATOR, program)
        or _acts_for(actor, Role.ADMIN, program)
    )
    return Access.METADATA if follows else Access.NONE


def _answer_visibility(value: Any) -> AnswerVisibility:
    return coerce_enum(AnswerVisibility, value, "visibility")


def answer_access(
    actor: Actor,
    *,
    respondent_id: str,
    visibility: AnswerVisibility | str,
    mentorship: Mentorship,
    program: Program,
) -> Access:
    """How much of one answer to one question an actor may see.

    1. The person who answered reads it.
    2. The program's coordinators read it, whatever the visibility.
    3. ``pair_and_coordinators``: the other member of the pair reads it too.
    4. The program's admins see that it was answered (``metadata``), never the answer.
    5. Nobody else sees anything; with ``coordinators`` (the default of every
       question) the partner does not even learn whether it was answered.

    Raises:
        InvalidTypeError: An argument of the wrong type.
        ValidationError: A bad id or visibility, or ``program`` is not the mentorship's.

    >>> from datetime import date
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> david = Actor("david", roles=["mentor"], mentorship_ids=["m1"])
    >>> [answer_access(david, respondent_id="olga", visibility=v, mentorship=pair, program=program).value
    ...  for v in ("coordinators", "pair_and_coordinators")]
    ['none', 'read']
    """
    _check_pair(actor, mentorship, program)
    respondent_id = require_identifier(respondent_id, "respondent_id")
    shown = _answer_visibility(visibility)
    if actor.id == respondent_id or _acts_for(actor, Role.COORDINATOR, program):
        return Access.READ
    if shown is AnswerVisibility.PAIR_AND_COORDINATORS and _member_as(actor, mentorship):
        return Access.READ
    if _acts_for(actor, Role.ADMIN, program):
        return Access.METADATA
    return Access.NONE
