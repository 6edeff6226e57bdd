"""The access matrix, computed by asking the rules themselves (so docs cannot drift)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import TypeVar

from ementoring._validate import Choice
from ementoring.access._pair_content import AnswerVisibility, answer_access, goal_access
from ementoring.access._rules import (
    Access,
    Actor,
    Role,
    access_level,
    can_review,
    can_write,
)
from ementoring.accounting import Mentorship, Program
from ementoring.journal import JournalEntry, Visibility

__all__ = ["access_matrix", "answer_access_matrix", "goal_access_matrix"]

V = TypeVar("V", bound=Choice)

_PROGRAM = Program("program", "The program", starts_on=date(2026, 3, 2), zone="UTC")
_PAIR = Mentorship("pair", "program", "mentor", "mentee", started_on=date(2026, 3, 2))

# Who asks, described relative to an entry the pair's mentee wrote.
_ROWS: tuple[tuple[str, Actor], ...] = (
    ("its author", Actor("mentee", roles=[Role.MENTEE], mentorship_ids=["pair"])),
    ("the other member of the pair", Actor("mentor", roles=[Role.MENTOR], mentorship_ids=["pair"])),
    ("a member of another pair", Actor("someone", roles=[Role.MENTOR], mentorship_ids=["other"])),
    (
        "a coordinator of the program",
        Actor("coord", roles=[Role.COORDINATOR], program_ids=["program"]),
    ),
    (
        "a coordinator of another program",
        Actor("coord", roles=[Role.COORDINATOR], program_ids=["other"]),
    ),
    ("an admin of the program", Actor("admin", roles=[Role.ADMIN], program_ids=["program"])),
    ("an admin of another program", Actor("admin", roles=[Role.ADMIN], program_ids=["other"])),
    ("anyone else", Actor("anyone", roles=[])),
)

_LEVEL_TEXT = {Access.READ: "read", Access.METADATA: "metadata", Access.NONE: "-"}


def _cell(actor: Actor, entry: JournalEntry) -> str:
    words = [_LEVEL_TEXT[access_level(actor, entry, _PAIR, _PROGRAM)]]
    if can_write(actor, entry, _PAIR, _PROGRAM):
        words.append("amend")
    if can_review(actor, entry, _PAIR, _PROGRAM):
        words.append("review")
    return ", ".join(words)


def access_matrix() -> str:
    """A Markdown table of what each kind of actor may do with an entry, per visibility.

    Computed by calling :func:`access_level`, :func:`can_write` and
    :func:`can_review` on an example pair, so it always states the rules in
    force. ``read`` is the whole entry; ``metadata`` is :func:`redact`'s view;
    ``-`` is nothing at all.

    >>> print(access_matrix())
    | who                              | private     | pair        | pair_and_coordinator |
    |----------------------------------|-------------|-------------|----------------------|
    | its author                       | read, amend | read, amend | read, amend          |
    | the other member of the pair     | -           | read        | read                 |
    | a member of another pair         | -           | -           | -                    |
    | a coordinator of the program     | -           | -           | read, review         |
    | a coordinator of another program | -           | -           | -                    |
    | an admin of the program          | metadata    | metadata    | metadata             |
    | an admin of another program      | -           | -           | -                    |
    | anyone else                      | -           | -           | -                    |
    """
    header = ["who", *(v.value for v in Visibility)]
    rows = [header]
    for label, actor in _ROWS:
        cells = [label]
        for visibility in Visibility:
            entry = JournalEntry(
                "entry",
                "pair",
                "mentee",
                "mentee",
                written_at=datetime(2026, 3, 10, tzinfo=UTC),
                visibility=visibility,
            )
            cells.append(_cell(actor, entry))
        rows.append(cells)
    return _markdown(rows)


def _markdown(rows: list[list[str]]) -> str:
    """Rows (the first is the header) as a Markdown table with aligned columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


def goal_access_matrix() -> str:
    """A Markdown table of how much of a mentee's goal each kind of actor sees, per visibility.

    Computed by calling :func:`goal_access` on an example pair. ``read`` is
    the goal's words (title, description, milestones); ``metadata`` its
    progress without a word of text; ``-`` nothing. The ``read`` cells are
    exactly those of :func:`access_matrix`.

    >>> print(goal_access_matrix())
    | who                              | private  | pair     | pair_and_coordinator |
    |----------------------------------|----------|----------|----------------------|
    | its author                       | read     | read     | read                 |
    | the other member of the pair     | metadata | read     | read                 |
    | a member of another pair         | -        | -        | -                    |
    | a coordinator of the program     | metadata | metadata | read                 |
    | a coordinator of another program | -        | -        | -                    |
    | an admin of the program          | metadata | metadata | metadata             |
    | an admin of another program      | -        | -        | -                    |
    | anyone else                      | -        | -        | -                    |
    """
    return _levels(
        Visibility,
        lambda actor, visibility: goal_access(
            actor, author_id="mentee", visibility=visibility, mentorship=_PAIR, program=_PROGRAM
        ),
    )


def answer_access_matrix() -> str:
    """A Markdown table of who sees a mentee's answer to a question, per the question's visibility.

    Computed by calling :func:`answer_access` on an example pair. ``read`` is
    the answer; ``metadata`` only that it was given; ``-`` nothing.

    >>> print(answer_access_matrix())
    | who                              | coordinators | pair_and_coordinators |
    |----------------------------------|--------------|-----------------------|
    | its author                       | read         | read                  |
    | the other member of the pair     | -            | read                  |
    | a member of another pair         | -            | -                     |
    | a coordinator of the program     | read         | read                  |
    | a coordinator of another program | -            | -                     |
    | an admin of the program          | metadata     | metadata              |
    | an admin of another program      | -            | -                     |
    | anyone else                      | -            | -                     |
    """
    return _levels(
        AnswerVisibility,
        lambda actor, visibility: answer_access(
            actor, respondent_id="mentee", visibility=visibility, mentorship=_PAIR, program=_PROGRAM
        ),
    )


def _levels(columns: Iterable[V], level: Callable[[Actor, V], Access]) -> str:
    """One row per kind of actor, one column per visibility, each cell the rule's answer."""
    kinds = tuple(columns)
    rows = [["who", *(kind.value for kind in kinds)]]
    rows += [
        [label] + [_LEVEL_TEXT[level(actor, kind)] for kind in kinds] for label, actor in _ROWS
    ]
    return _markdown(rows)
