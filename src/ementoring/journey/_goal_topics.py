"""Goals kept as topic strings beside the records, written as the pairs' journey goals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from ementoring._validate import check_unique, items_of
from ementoring.accounting import Mentorship
from ementoring.errors import InvalidTypeError, UnknownIdError
from ementoring.journal import Topic, Visibility, topics
from ementoring.journey._goals import Goal, write_goal

__all__ = ["goals_from_topics"]


def goals_from_topics(
    mentorships: Iterable[Mentorship],
    goals: Mapping[str, str | Iterable[str | Topic]],
    *,
    at: datetime,
    visibility: Visibility | str = Visibility.PAIR_AND_COORDINATOR,
) -> tuple[Goal, ...]:
    """Each pair's goals kept as topics (the old ``goals=`` mapping), as the mentee's journey goals.

    The upgrade from :func:`ementoring.reports.program_analytics`' deprecated
    ``goals=`` mapping: store what this returns with the pairs' other records
    and pass it as ``goals=`` instead. Each topic becomes one goal, titled with
    the topic as first spelled, written by the pair's mentee at ``at`` with
    ``visibility``; its id is ``"<mentorship id>-goal-<n>"`` (``n`` from 1, in
    the order the topics were written). With the default visibility a
    coordinator's goal coverage counts these goals exactly as it counted the
    topics, for any report at ``at`` or later.

    Args:
        mentorships: The pairs the mapping is about.
        goals: Mentorship id -> the mentee's goals (``"a; b"`` or a collection of topics).
        at: When the goals count as written (aware): the program's first day,
            or when they were recorded.
        visibility: Who reads the goals besides the mentee (``pair_and_coordinator``).

    Returns:
        The goals, by mentorship id, then in the order written.

    Raises:
        InvalidTypeError: ``goals`` is not a mapping with string keys, or a bad argument type.
        UnknownIdError: A key is not one of the mentorships given.
        ValidationError: A goal that is not a topic, or a bad ``at`` or ``visibility``.
        DuplicateIdError: A mentorship id given twice.

    >>> from datetime import UTC, date, datetime
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> found = goals_from_topics([pair], {"m1": "HR practice in Canada; mock interviews"},
    ...                           at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> [(g.id, g.title, g.author_id, g.visibility.value) for g in found]
    [('m1-goal-1', 'HR practice in Canada', 'mila', 'pair_and_coordinator'), ('m1-goal-2', 'mock interviews', 'mila', 'pair_and_coordinator')]
    """
    pairs = items_of(
        mentorships, Mentorship, "mentorships", "an iterable of Mentorship", each="a Mentorship"
    )
    check_unique(pairs, key=lambda m: m.id, field="mentorships")
    if not isinstance(goals, Mapping):
        raise InvalidTypeError("goals", goals, "a mapping of mentorship id -> goals")
    by_id = {m.id: m for m in pairs}
    for key in goals:
        if not isinstance(key, str):
            raise InvalidTypeError("goals", key, "mentorship ids (strings) as keys")
        if key not in by_id:
            raise UnknownIdError("goals", key, "not one of the mentorships given")
    found = []
    for mentorship_id in sorted(goals):
        pair = by_id[mentorship_id]
        for number, topic in enumerate(
            topics(goals[mentorship_id], f"goals[{mentorship_id!r}]"), 1
        ):
            found.append(
                write_goal(
                    pair,
                    f"{pair.id}-goal-{number}",
                    title=topic.label,
                    by=pair.mentee_id,
                    at=at,
                    visibility=visibility,
                )
            )
    return tuple(found)
