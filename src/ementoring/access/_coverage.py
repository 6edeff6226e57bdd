"""Which topics a pair has covered and what to take up next, from what the viewer may read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from ementoring._validate import aware, items_of, require_type, utc, whole_number
from ementoring.access._rules import Actor, visible_entries
from ementoring.accounting import Mentorship, Program
from ementoring.journal import Journal, Topic, topics
from ementoring.timezones import require_aware

__all__ = ["AskedTopic", "CoveredTopic", "TopicCoverage", "coverage"]


def _topic(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    require_type(value, Topic, field.name, "a Topic")


@attrs.frozen(kw_only=True)
class CoveredTopic:
    """A topic that came up: in how many meetings, first and last when.

    ``times`` counts distinct sessions (the mentor's and the mentee's entries
    about one session count once); an entry with no session counts on its own.
    """

    topic: Topic = attrs.field(validator=_topic)
    times: int = attrs.field(validator=whole_number(minimum=1))
    first_at: datetime = attrs.field(converter=utc, validator=aware)
    last_at: datetime = attrs.field(converter=utc, validator=aware)


@attrs.frozen(kw_only=True)
class AskedTopic:
    """A topic someone asked to take up next that has not come up since.

    ``asked_at`` is the first request still open (after the last discussion).
    """

    topic: Topic = attrs.field(validator=_topic)
    asked_at: datetime = attrs.field(converter=utc, validator=aware)


# Built by coverage(); checked so that a hand-built one cannot break covered_topics.
def _covered(value: Any) -> tuple[CoveredTopic, ...]:
    return items_of(value, CoveredTopic, "covered", "a collection of CoveredTopic")


def _asked_for(value: Any) -> tuple[AskedTopic, ...]:
    return items_of(value, AskedTopic, "asked_for", "a collection of AskedTopic")


def _untouched_goals(value: Any) -> tuple[Topic, ...]:
    return items_of(value, Topic, "untouched_goals", "a collection of Topic")


def _suggested_next(value: Any) -> tuple[Topic, ...]:
    return items_of(value, Topic, "suggested_next", "a collection of Topic")


@attrs.frozen(kw_only=True)
class TopicCoverage:
    """What has been covered and what else to study, as far as the viewer may read.

    Attributes:
        covered: Topics discussed, sorted by topic key.
        asked_for: Topics asked for next and not discussed since, longest waiting first.
        untouched_goals: Goals never discussed, in the order the goals were given.
        suggested_next: A next agenda: asked-for topics first, then untouched goals.
    """

    covered: tuple[CoveredTopic, ...] = attrs.field(converter=_covered)
    asked_for: tuple[AskedTopic, ...] = attrs.field(converter=_asked_for)
    untouched_goals: tuple[Topic, ...] = attrs.field(converter=_untouched_goals)
    suggested_next: tuple[Topic, ...] = attrs.field(converter=_suggested_next)

    @property
    def covered_topics(self) -> tuple[Topic, ...]:
        """The covered topics alone."""
        return tuple(c.topic for c in self.covered)


def coverage(
    journal: Journal,
    mentorship: Mentorship,
    program: Program,
    goals: str | Iterable[str | Topic] = (),
    *,
    viewer: Actor,
    at: datetime | None = None,
) -> TopicCoverage:
    """Summarise the topics of the entries the viewer may read against the mentee's goals.

    Only entries the viewer reads in full count (:func:`visible_entries`):
    the mentee sees every entry of their own and the pair's shared ones, a
    coordinator of the program the ones shared with coordinators, anyone else
    nothing. So an entry the viewer may not read changes nothing here, not
    even by existing. Only the current version of each entry counts, so
    amending an entry never counts its topics twice. A topic is covered once
    an entry discussed it; a topic asked for (``next_topics``) stays open until
    an entry written *after* the request discusses it (an entry that both
    discusses a topic and asks for it again leaves it open).

    Args:
        journal: The pair's journal.
        mentorship: The journal's mentorship.
        program: The mentorship's program.
        goals: The mentee's goals, in priority order (``"a; b"`` or a collection).
        viewer: Who asks: the access rules decide which entries count.
        at: If given (aware), judge as of then: entries and amendments
            recorded later are not yet seen (those recorded exactly at ``at`` are).

    Returns:
        A :class:`TopicCoverage`.

    Raises:
        ValidationError: A goal is not a valid topic (named ``goals[i]``), or
            the mentorship is not the journal's or the program not the mentorship's.
        InvalidTypeError: An argument of the wrong type.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.journal import JournalEntry
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="UTC")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> journal = Journal.for_mentorship(pair).add_entry(JournalEntry("e1", "m1", "olga", "mentee",
    ...     written_at=datetime(2026, 3, 10, tzinfo=UTC), session_id="s1",
    ...     discussed="CV review", next_topics="interview prep", visibility="pair"))
    >>> olga = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
    >>> report = coverage(journal, pair, program, "CV review; Canadian workplace culture", viewer=olga)
    >>> [(str(c.topic), c.times) for c in report.covered]
    [('CV review', 1)]
    >>> [str(t) for t in report.suggested_next]
    ['interview prep', 'Canadian workplace culture']
    >>> anna = Actor("anna", roles=["coordinator"], program_ids=["spring-2026"])
    >>> coverage(journal, pair, program, "CV review", viewer=anna).covered  # shared with the pair only
    ()
    """
    require_type(journal, Journal, "journal", "a Journal")
    require_type(viewer, Actor, "viewer", "an Actor")
    if at is not None:
        journal = journal.as_of(require_aware(at, "at"))
    entries = visible_entries(viewer, journal, mentorship, program)
    goal_topics = topics(goals, "goals")

    meetings: dict[str, set[str]] = {}
    first: dict[str, datetime] = {}
    last: dict[str, datetime] = {}
    requests: dict[str, list[datetime]] = {}
    spelling: dict[str, Topic] = {}
    for entry in entries:  # oldest first, so the first spelling seen is kept
        meeting = f"session:{entry.session_id}" if entry.session_id else f"entry:{entry.id}"
        for topic in entry.discussed:
            spelling.setdefault(topic.key, topic)
            meetings.setdefault(topic.key, set()).add(meeting)
            first.setdefault(topic.key, entry.written_at)
            last[topic.key] = max(last.get(topic.key, entry.written_at), entry.written_at)
        for topic in entry.next_topics:
            spelling.setdefault(topic.key, topic)
            requests.setdefault(topic.key, []).append(entry.written_at)

    covered = tuple(
        CoveredTopic(
            topic=spelling[key], times=len(meetings[key]), first_at=first[key], last_at=last[key]
        )
        for key in sorted(meetings)
    )
    asked: list[AskedTopic] = []
    for key, times in requests.items():
        discussed_last = last.get(key)
        still_open = [t for t in times if discussed_last is None or t >= discussed_last]
        if still_open:
            asked.append(AskedTopic(topic=spelling[key], asked_at=min(still_open)))
    asked.sort(key=lambda a: (a.asked_at, a.topic.key))
    untouched = tuple(goal for goal in goal_topics if goal.key not in meetings)
    suggested: dict[str, Topic] = {}
    for topic in (*(a.topic for a in asked), *untouched):
        suggested.setdefault(topic.key, topic)
    return TopicCoverage(
        covered=covered,
        asked_for=tuple(asked),
        untouched_goals=untouched,
        suggested_next=tuple(suggested.values()),
    )
