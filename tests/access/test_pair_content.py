"""Goals read by the journal's rules; answers by their question's visibility."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.access import (
    Access,
    Actor,
    AnswerVisibility,
    Role,
    access_level,
    answer_access,
    answer_access_matrix,
    goal_access,
    goal_access_matrix,
)
from ementoring.accounting import Mentorship, Program
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.journal import JournalEntry, Visibility

from .strategies import actors

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
PAIR = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
T0 = datetime(2026, 3, 10, 18, tzinfo=UTC)


@given(actors, st.sampled_from(["olga", "david"]), st.sampled_from(list(Visibility)))
def test_goal_words_read_exactly_as_a_journal_entry_would(
    actor: Actor, author: str, visibility: Visibility
) -> None:
    """goal_access gives `read` exactly when access_level reads an entry of that author and visibility."""
    role = "mentee" if author == "olga" else "mentor"
    entry = JournalEntry("e1", "m1", author, role, written_at=T0, visibility=visibility)
    goal = goal_access(
        actor, author_id=author, visibility=visibility, mentorship=PAIR, program=PROGRAM
    )
    assert (goal is Access.READ) == (access_level(actor, entry, PAIR, PROGRAM) is Access.READ)


@given(actors, st.sampled_from(list(Visibility)))
def test_progress_is_seen_by_the_pair_and_the_programs_staff_only(
    actor: Actor, visibility: Visibility
) -> None:
    """Anyone who sees nothing of the goal is outside the pair and the program's staff."""
    level = goal_access(
        actor, author_id="olga", visibility=visibility, mentorship=PAIR, program=PROGRAM
    )
    member = PAIR.id in actor.mentorship_ids and (
        (actor.id == "olga" and Role.MENTEE in actor.roles)
        or (actor.id == "david" and Role.MENTOR in actor.roles)
    )
    staff = PROGRAM.id in actor.program_ids and bool(
        {Role.COORDINATOR, Role.ADMIN} & set(actor.roles)
    )
    assert (level is Access.NONE) == (not member and not staff and actor.id != "olga")


# Who reads a mentee's answer, written out by hand: coordinators-only, then pair-and-coordinators.
ANSWER_RULES = {
    "the mentee": (Actor("olga", roles=["mentee"], mentorship_ids=["m1"]), "RR"),
    "the mentor": (Actor("david", roles=["mentor"], mentorship_ids=["m1"]), "-R"),
    "another mentor": (Actor("ivan", roles=["mentor"], mentorship_ids=["m2"]), "--"),
    "a coordinator": (Actor("anna", roles=["coordinator"], program_ids=["spring-2026"]), "RR"),
    "another coordinator": (Actor("anna", roles=["coordinator"], program_ids=["autumn"]), "--"),
    "an admin": (Actor("root", roles=["admin"], program_ids=["spring-2026"]), "MM"),
    "nobody": (Actor("x", roles=[]), "--"),
}
_LEVELS = {"R": Access.READ, "M": Access.METADATA, "-": Access.NONE}


@pytest.mark.parametrize("who", sorted(ANSWER_RULES))
def test_answer_rules(who: str) -> None:
    actor, expected = ANSWER_RULES[who]
    for visibility, letter in zip(AnswerVisibility, expected, strict=True):
        level = answer_access(
            actor, respondent_id="olga", visibility=visibility, mentorship=PAIR, program=PROGRAM
        )
        assert level is _LEVELS[letter], (who, visibility)


def test_the_tables_are_generated_from_the_rules() -> None:
    goals = {line.split("|")[1].strip(): line for line in goal_access_matrix().splitlines()[2:]}
    assert goals["a coordinator of the program"].split("|")[2:5] == [
        " metadata ",
        " metadata ",
        " read                 ",
    ]
    answers = {
        line.split("|")[1].strip(): line.split("|")[2].strip()
        for line in answer_access_matrix().splitlines()[2:]
    }
    assert answers["the other member of the pair"] == "-"
    assert answers["an admin of the program"] == "metadata"


def test_refusals_are_typed() -> None:
    olga = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
    other = Program("autumn", "Autumn", starts_on=date(2026, 9, 1), zone="UTC")
    with pytest.raises(ValidationError, match="program"):
        goal_access(olga, author_id="olga", visibility="pair", mentorship=PAIR, program=other)
    with pytest.raises(ValidationError, match="visibility"):
        goal_access(olga, author_id="olga", visibility="public", mentorship=PAIR, program=PROGRAM)
    with pytest.raises(InvalidTypeError, match="actor"):
        answer_access(
            "olga",  # type: ignore[arg-type]
            respondent_id="olga",
            visibility="coordinators",
            mentorship=PAIR,
            program=PROGRAM,
        )
    with pytest.raises(ValidationError, match="respondent_id"):
        answer_access(
            olga, respondent_id=" ", visibility="coordinators", mentorship=PAIR, program=PROGRAM
        )
