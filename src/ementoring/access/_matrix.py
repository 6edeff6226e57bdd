"""The access and figure matrices, computed by asking the rules themselves (so docs cannot drift)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TypeVar

from ementoring._validate import Choice
from ementoring.access._pair_content import AnswerVisibility, answer_access, goal_access
from ementoring.access._rules import (
    Access,
    Actor,
    Role,
    _acts_for,
    access_level,
    can_review,
    can_write,
)
from ementoring.accounting import Mentorship, Program
from ementoring.journal import JournalEntry, Visibility

__all__ = ["access_matrix", "answer_access_matrix", "figure_matrix", "goal_access_matrix"]

V = TypeVar("V", bound=Choice)

_PROGRAM = Program("program", "The program", starts_on=date(2026, 3, 2), zone="UTC")
_PAIR = Mentorship("pair", "program", "mentor", "mentee", started_on=date(2026, 3, 2))

# Who asks, described relative to an entry the pair's mentee wrote: the label in
# the access matrix, the short name in the figure matrix, and the actor.
_ROWS: tuple[tuple[str, str, Actor], ...] = (
    ("its author", "author", Actor("mentee", roles=[Role.MENTEE], mentorship_ids=["pair"])),
    (
        "the other member of the pair",
        "partner",
        Actor("mentor", roles=[Role.MENTOR], mentorship_ids=["pair"]),
    ),
    (
        "a member of another pair",
        "another pair",
        Actor("someone", roles=[Role.MENTOR], mentorship_ids=["other"]),
    ),
    (
        "a coordinator of the program",
        "coordinator",
        Actor("coord", roles=[Role.COORDINATOR], program_ids=["program"]),
    ),
    (
        "a coordinator of another program",
        "another program's coordinator",
        Actor("coord", roles=[Role.COORDINATOR], program_ids=["other"]),
    ),
    (
        "an admin of the program",
        "admin",
        Actor("admin", roles=[Role.ADMIN], program_ids=["program"]),
    ),
    (
        "an admin of another program",
        "another program's admin",
        Actor("admin", roles=[Role.ADMIN], program_ids=["other"]),
    ),
    ("anyone else", "anyone else", Actor("anyone", roles=[])),
)

_LEVEL_TEXT = {Access.READ: "read", Access.METADATA: "metadata", Access.NONE: "-"}


def _entry(visibility: Visibility) -> JournalEntry:
    return JournalEntry(
        "entry",
        "pair",
        "mentee",
        "mentee",
        written_at=datetime(2026, 3, 10, tzinfo=UTC),
        visibility=visibility,
    )


def _table(rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, the first row its header, columns padded to line up."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


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
    rows = [["who", *(v.value for v in Visibility)]]
    for label, _, actor in _ROWS:
        rows.append([label, *(_cell(actor, _entry(v)) for v in Visibility)])
    return _table(rows)


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
        [label] + [_LEVEL_TEXT[level(actor, kind)] for kind in kinds] for label, _, actor in _ROWS
    ]
    return _table(rows)


# What a figure draws on from one entry, asked of the rules for an actor.
_Uses = Callable[[Actor, JournalEntry], bool]


def _reads(actor: Actor, entry: JournalEntry) -> bool:
    return access_level(actor, entry, _PAIR, _PROGRAM) is Access.READ


def _knows(actor: Actor, entry: JournalEntry) -> bool:
    return access_level(actor, entry, _PAIR, _PROGRAM) is not Access.NONE


def _knows_shared(actor: Actor, entry: JournalEntry) -> bool:
    return entry.visibility.coordinators_read and _knows(actor, entry)


def _reviews(actor: Actor, entry: JournalEntry) -> bool:
    return can_review(actor, entry, _PAIR, _PROGRAM)


def _own_or_reviews(actor: Actor, entry: JournalEntry) -> bool:
    return can_write(actor, entry, _PAIR, _PROGRAM) or _reviews(actor, entry)


def _nothing(_actor: Actor, _entry: JournalEntry) -> bool:
    return False


def _anyone(_actor: Actor) -> bool:
    return True


def _coordinators(actor: Actor) -> bool:
    return _acts_for(actor, Role.COORDINATOR, _PROGRAM)


def _staff(actor: Actor) -> bool:
    return _coordinators(actor) or _acts_for(actor, Role.ADMIN, _PROGRAM)


# Each view of journal content: its name, the function, who may ask (anyone
# else is refused), what it draws on from an entry, and whether it is withheld
# (None) from someone who may ask but draws on no entry at all.
_FIGURES: tuple[tuple[str, str, Callable[[Actor], bool], _Uses, bool], ...] = (
    ("entries in full", "visible_entries", _anyone, _reads, False),
    ("entry metadata", "redacted_entries", _anyone, _knows, False),
    ("topics covered, asked for, suggested next", "coverage", _anyone, _reads, False),
    ("review queue", "review_queue", _coordinators, _reviews, False),
    ("entries expected, and whether written", "expected_entries", _anyone, _knows, False),
    ("reminders (each person's own)", "reminders", _anyone, _own_or_reviews, False),
    ("pairs, paces, sessions, hours, gone quiet", "program_analytics", _staff, _nothing, False),
    ("journal completion", "program_analytics", _staff, _knows, False),
    ("review latency", "program_analytics", _staff, _knows_shared, False),
    ("goal coverage", "program_analytics", _staff, _reads, True),
)


def figure_matrix() -> str:
    """A Markdown table of who may see what of each view of journal content, per visibility.

    For an entry written by a pair's mentee, each cell names who the view
    draws on it for: an entry not drawn on for a viewer changes nothing that
    viewer gets, not its figures, not its counts, and when nobody else is
    named, not by existing either. "asked by" lists who may call the view
    (anyone else is refused with ``PermissionDeniedError``); "(withheld)"
    marks who may ask but gets ``None`` for that figure, as it would draw on
    no entry. The cells come from :func:`access_level`, :func:`can_write` and
    :func:`can_review` on an example pair, like :func:`access_matrix`; the
    non-interference tests hold each function to its row.

    >>> print(figure_matrix())
    | figure                                    | function          | asked by                      | private       | pair                   | pair_and_coordinator                |
    |-------------------------------------------|-------------------|-------------------------------|---------------|------------------------|-------------------------------------|
    | entries in full                           | visible_entries   | anyone                        | author        | author, partner        | author, partner, coordinator        |
    | entry metadata                            | redacted_entries  | anyone                        | author, admin | author, partner, admin | author, partner, coordinator, admin |
    | topics covered, asked for, suggested next | coverage          | anyone                        | author        | author, partner        | author, partner, coordinator        |
    | review queue                              | review_queue      | coordinator                   | -             | -                      | coordinator                         |
    | entries expected, and whether written     | expected_entries  | anyone                        | author, admin | author, partner, admin | author, partner, coordinator, admin |
    | reminders (each person's own)             | reminders         | anyone                        | author        | author                 | author, coordinator                 |
    | pairs, paces, sessions, hours, gone quiet | program_analytics | coordinator, admin            | -             | -                      | -                                   |
    | journal completion                        | program_analytics | coordinator, admin            | admin         | admin                  | coordinator, admin                  |
    | review latency                            | program_analytics | coordinator, admin            | -             | -                      | coordinator, admin                  |
    | goal coverage                             | program_analytics | coordinator, admin (withheld) | -             | -                      | coordinator                         |
    """
    rows = [["figure", "function", "asked by", *(v.value for v in Visibility)]]
    for figure, function, may_ask, uses, withheld in _FIGURES:
        askers = [(name, actor) for _, name, actor in _ROWS if may_ask(actor)]
        drawn = [[name for name, actor in askers if uses(actor, _entry(v))] for v in Visibility]
        asked_by = []
        for name, actor in askers:
            draws_on_none = not any(uses(actor, _entry(v)) for v in Visibility)
            asked_by.append(f"{name} (withheld)" if withheld and draws_on_none else name)
        if len(askers) == len(_ROWS):
            asked_by = ["anyone"]
        rows.append([figure, function, ", ".join(asked_by), *(", ".join(n) or "-" for n in drawn)])
    return _table(rows)
