"""A pair's goals: written by the mentee, suggested by the mentor, with milestones and evidence."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import attrs

from ementoring._validate import (
    Choice,
    aware,
    coerce_enum,
    date_value,
    identifier,
    items_of,
    optional_identifier,
    require_text,
    require_type,
    utc,
)
from ementoring.access import Access, Actor, goal_access
from ementoring.accounting import Mentorship, Program, Session
from ementoring.errors import (
    DuplicateIdError,
    InvalidTransitionError,
    UnknownIdError,
    ValidationError,
)
from ementoring.journal import Journal, Visibility
from ementoring.journey._common import Side, side_of
from ementoring.journey._tables import markdown_table
from ementoring.timezones import require_aware

__all__ = [
    "GOAL_TRANSITIONS",
    "MAX_GOAL_DESCRIPTION",
    "MAX_GOAL_TITLE",
    "MAX_MILESTONE",
    "Evidence",
    "EvidenceKind",
    "Goal",
    "GoalAction",
    "GoalEvent",
    "GoalProgress",
    "GoalStatus",
    "Milestone",
    "achieve_goal",
    "add_milestone",
    "adopt_goal",
    "complete_milestone",
    "drop_goal",
    "goal_lifecycle_table",
    "goal_progress",
    "link_evidence",
    "readable_goals",
    "reopen_goal",
    "revise_goal",
    "suggest_goal",
    "write_goal",
]

MAX_GOAL_TITLE = 200
"""The longest goal title, in characters (one line)."""

MAX_GOAL_DESCRIPTION = 5_000
"""The longest goal description, or reason for dropping a goal, in characters."""

MAX_MILESTONE = 500
"""The longest milestone text, in characters (one line)."""

_MAX_PARTS = 1_000  # milestones, or pieces of evidence, per goal


class GoalStatus(Choice):
    """Where a goal stands."""

    SUGGESTED = "suggested"
    """The mentor suggested it; it becomes the mentee's goal when they adopt it."""
    ACTIVE = "active"
    """The mentee's goal, being worked on."""
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class GoalAction(Choice):
    """What can happen to a goal; ``write`` and ``suggest`` begin one."""

    WRITE = "write"
    SUGGEST = "suggest"
    ADOPT = "adopt"
    REVISE = "revise"
    ADD_MILESTONE = "add_milestone"
    COMPLETE_MILESTONE = "complete_milestone"
    LINK_EVIDENCE = "link_evidence"
    ACHIEVE = "achieve"
    DROP = "drop"
    REOPEN = "reopen"


_BEGIN = {GoalAction.WRITE: GoalStatus.ACTIVE, GoalAction.SUGGEST: GoalStatus.SUGGESTED}

GOAL_TRANSITIONS: Mapping[tuple[GoalStatus, GoalAction], GoalStatus] = MappingProxyType(
    {
        (GoalStatus.SUGGESTED, GoalAction.ADOPT): GoalStatus.ACTIVE,
        (GoalStatus.SUGGESTED, GoalAction.REVISE): GoalStatus.SUGGESTED,
        (GoalStatus.SUGGESTED, GoalAction.DROP): GoalStatus.DROPPED,
        (GoalStatus.ACTIVE, GoalAction.REVISE): GoalStatus.ACTIVE,
        (GoalStatus.ACTIVE, GoalAction.ADD_MILESTONE): GoalStatus.ACTIVE,
        (GoalStatus.ACTIVE, GoalAction.COMPLETE_MILESTONE): GoalStatus.ACTIVE,
        (GoalStatus.ACTIVE, GoalAction.LINK_EVIDENCE): GoalStatus.ACTIVE,
        (GoalStatus.ACTIVE, GoalAction.ACHIEVE): GoalStatus.ACHIEVED,
        (GoalStatus.ACTIVE, GoalAction.DROP): GoalStatus.DROPPED,
        # Evidence of an achievement may come after it, and an achieved goal may be taken up again.
        (GoalStatus.ACHIEVED, GoalAction.LINK_EVIDENCE): GoalStatus.ACHIEVED,
        (GoalStatus.ACHIEVED, GoalAction.REOPEN): GoalStatus.ACTIVE,
    }
)
"""The goal lifecycle: ``(status, action) -> new status``. A goal begins ``active``
(``write``, by the mentee) or ``suggested`` (``suggest``, by the mentor); every pair
missing here raises :class:`~ementoring.errors.InvalidTransitionError`; ``dropped`` is final."""

_TABLE_ACTIONS = tuple(a for a in GoalAction if a not in _BEGIN)


def goal_lifecycle_table() -> str:
    """The goal lifecycle as a Markdown table, generated from :data:`GOAL_TRANSITIONS`.

    >>> print(goal_lifecycle_table())
    | status \\ action | adopt | revise | add_milestone | complete_milestone | link_evidence | achieve | drop | reopen |
    |---|---|---|---|---|---|---|---|---|
    | suggested | active | suggested | - | - | - | - | dropped | - |
    | active | - | active | active | active | active | achieved | dropped | - |
    | achieved | - | - | - | - | achieved | - | - | active |
    | dropped | - | - | - | - | - | - | - | - |
    """
    return markdown_table(GOAL_TRANSITIONS, GoalStatus, _TABLE_ACTIONS)


class EvidenceKind(Choice):
    """What a piece of evidence links to, by id."""

    JOURNAL_ENTRY = "journal_entry"
    ACTION_ITEM = "action_item"
    SESSION = "session"


def _action(value: GoalAction | str) -> GoalAction:
    return coerce_enum(GoalAction, value, "action")


def _optional_visibility(value: Visibility | str | None) -> Visibility | None:
    return None if value is None else coerce_enum(Visibility, value, "visibility")


def _optional_kind(value: EvidenceKind | str | None) -> EvidenceKind | None:
    return None if value is None else coerce_enum(EvidenceKind, value, "kind")


def _line(limit: int) -> Any:
    def validate(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            require_text(value, field.name, max_length=limit, lines=False)
            if not value.strip():
                raise ValidationError(field.name, value, "must not be blank")

    return validate


def _lines(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        require_text(value, field.name, max_length=MAX_GOAL_DESCRIPTION)


def _optional_day(instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        date_value(instance, field, value)


@attrs.frozen(kw_only=True)
class GoalEvent:
    """One recorded step of a goal: what, who, when, and what it carried.

    ``write`` and ``suggest`` carry the title (and description, visibility);
    ``revise`` what changed; ``add_milestone`` a milestone's id, text and due
    day; ``complete_milestone`` its id; ``link_evidence`` its kind, the item's
    id and perhaps a milestone; ``drop`` a reason.
    """

    action: GoalAction = attrs.field(converter=_action)
    at: datetime = attrs.field(converter=utc, validator=aware)
    by: str = attrs.field(validator=identifier)
    title: str | None = attrs.field(default=None, validator=_line(MAX_GOAL_TITLE))
    description: str | None = attrs.field(default=None, validator=_lines)
    visibility: Visibility | None = attrs.field(default=None, converter=_optional_visibility)
    milestone_id: str | None = attrs.field(default=None, validator=optional_identifier)
    text: str | None = attrs.field(default=None, validator=_line(MAX_MILESTONE))
    due_on: date | None = attrs.field(default=None, validator=_optional_day)
    kind: EvidenceKind | None = attrs.field(default=None, converter=_optional_kind)
    item_id: str | None = attrs.field(default=None, validator=optional_identifier)
    reason: str | None = attrs.field(default=None, validator=_lines)

    def __attrs_post_init__(self) -> None:
        action = self.action
        carries = {
            "title": action in (GoalAction.WRITE, GoalAction.SUGGEST, GoalAction.REVISE),
            "description": action in (GoalAction.WRITE, GoalAction.SUGGEST, GoalAction.REVISE),
            "visibility": action in (GoalAction.WRITE, GoalAction.SUGGEST, GoalAction.REVISE),
            "milestone_id": action
            in (GoalAction.ADD_MILESTONE, GoalAction.COMPLETE_MILESTONE, GoalAction.LINK_EVIDENCE),
            "text": action is GoalAction.ADD_MILESTONE,
            "due_on": action is GoalAction.ADD_MILESTONE,
            "kind": action is GoalAction.LINK_EVIDENCE,
            "item_id": action is GoalAction.LINK_EVIDENCE,
            "reason": action is GoalAction.DROP,
        }
        for name, allowed in carries.items():
            if not allowed and getattr(self, name) is not None:
                raise ValidationError(name, getattr(self, name), f"not part of {action.value}")
        needs = {
            GoalAction.WRITE: ("title", "visibility"),
            GoalAction.SUGGEST: ("title", "visibility"),
            GoalAction.ADD_MILESTONE: ("milestone_id", "text"),
            GoalAction.COMPLETE_MILESTONE: ("milestone_id",),
            GoalAction.LINK_EVIDENCE: ("kind", "item_id"),
            GoalAction.DROP: ("reason",),
        }.get(action, ())
        for name in needs:
            if getattr(self, name) is None:
                raise ValidationError(name, None, f"required for {action.value}")
        if action is GoalAction.DROP and not str(self.reason).strip():
            raise ValidationError("reason", self.reason, "must not be blank")


@attrs.frozen(kw_only=True)
class Milestone:
    """A step towards a goal, as it stands (derived from the goal's history)."""

    id: str
    text: str
    added_at: datetime
    due_on: date | None = None
    done_at: datetime | None = None


@attrs.frozen(kw_only=True)
class Evidence:
    """A link from a goal (or one of its milestones) to what shows progress, by id."""

    kind: EvidenceKind
    item_id: str
    linked_at: datetime
    linked_by: str
    milestone_id: str | None = None


def _events(value: Iterable[GoalEvent]) -> tuple[GoalEvent, ...]:
    return items_of(value, GoalEvent, "history", "an iterable of GoalEvent")


@attrs.define
class _State:
    """A goal's state, replayed from its history one step at a time."""

    status: GoalStatus
    title: str
    description: str
    visibility: Visibility
    suggested_by: str | None
    milestones: dict[str, Milestone] = attrs.Factory(dict)
    evidence: list[Evidence] = attrs.Factory(list)
    achieved_at: datetime | None = None


@attrs.frozen(kw_only=True)
class Goal:
    """One of a pair's goals and every step of it: the state is replayed from ``history``.

    The mentee writes goals; the mentor may suggest one, which becomes the
    mentee's when they adopt it. Who may take each step is checked against
    the pair's ids; what a goal says is read through :func:`readable_goals`.

    Args:
        id: The goal's id.
        mentorship_id: The pair's mentorship.
        mentor_id, mentee_id: The pair (from the mentorship).
        history: Every step, oldest first: it begins with ``write`` or ``suggest``.

    Attributes:
        status, title, description, visibility: As they stand.
        suggested_by: The mentor, for a goal that began as a suggestion.
        achieved_at: When it was achieved, while it is.
        milestones: In the order added; evidence: in the order linked.

    ``author_id`` (who holds the goal, as the journal's rules read it),
    ``created_at`` and ``updated_at`` are derived from the history too.

    Raises:
        ValidationError: A step the lifecycle or its rules do not allow, named
            by its place (``history[3].by``).

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "spring-2026", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Understand HR practice in Canada", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> goal.status.value, goal.author_id, goal.visibility.value
    ('active', 'mila', 'pair_and_coordinator')
    """

    id: str = attrs.field(validator=identifier)
    mentorship_id: str = attrs.field(validator=identifier)
    mentor_id: str = attrs.field(validator=identifier)
    mentee_id: str = attrs.field(validator=identifier)
    history: tuple[GoalEvent, ...] = attrs.field(converter=_events)
    status: GoalStatus = attrs.field(init=False, eq=False, hash=False, repr=False)
    title: str = attrs.field(init=False, eq=False, hash=False, repr=False)
    description: str = attrs.field(init=False, eq=False, hash=False, repr=False)
    visibility: Visibility = attrs.field(init=False, eq=False, hash=False, repr=False)
    suggested_by: str | None = attrs.field(init=False, eq=False, hash=False, repr=False)
    milestones: tuple[Milestone, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    evidence: tuple[Evidence, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    achieved_at: datetime | None = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.mentee_id == self.mentor_id:
            raise ValidationError("mentee_id", self.mentee_id, "must differ from mentor_id")
        if not self.history:
            raise ValidationError("history", (), "a goal begins with write or suggest")
        if len(self.history) > 2 * _MAX_PARTS + 100:
            raise ValidationError("history", f"<{len(self.history)} steps>", "too many steps")
        state: _State | None = None
        for index, event in enumerate(self.history):
            field = f"history[{index}]"
            if index and event.at < self.history[index - 1].at:
                raise ValidationError(
                    f"{field}.at", event.at, "must not be before the previous step"
                )
            state = self._replay(state, event, field)
        assert state is not None
        for name in ("status", "title", "description", "visibility", "suggested_by", "achieved_at"):
            object.__setattr__(self, name, getattr(state, name))
        object.__setattr__(self, "milestones", tuple(state.milestones.values()))
        object.__setattr__(self, "evidence", tuple(state.evidence))

    @property
    def author_id(self) -> str:
        """Who holds the goal: the suggesting mentor until the mentee adopts it."""
        return self.mentor_id if self.status is GoalStatus.SUGGESTED else self.mentee_id

    @property
    def created_at(self) -> datetime:
        """When the goal was written or suggested."""
        return self.history[0].at

    @property
    def updated_at(self) -> datetime:
        """When the goal last changed."""
        return self.history[-1].at

    def _replay(self, state: _State | None, event: GoalEvent, field: str) -> _State:
        action = event.action
        if state is None:
            if action not in _BEGIN:
                raise ValidationError(
                    f"{field}.action", action.value, "a goal begins with write or suggest"
                )
            who = Side.MENTEE if action is GoalAction.WRITE else Side.MENTOR
            self._check_side(event.by, (who,), field)
            assert event.title is not None
            assert event.visibility is not None
            return _State(
                status=_BEGIN[action],
                title=event.title,
                description=event.description or "",
                visibility=event.visibility,
                suggested_by=event.by if action is GoalAction.SUGGEST else None,
            )
        if action in _BEGIN:
            raise ValidationError(
                f"{field}.action", action.value, "only the first step begins a goal"
            )
        target = GOAL_TRANSITIONS.get((state.status, action))
        if target is None:
            raise ValidationError(
                f"{field}.action",
                action.value,
                f"cannot {action.value} a goal that is {state.status.value}",
            )
        self._check_side(event.by, _who_may(action, state.status), field)
        self._apply(state, event, field)
        state.status = target
        return state

    def _check_side(self, person: str, allowed: tuple[Side, ...], field: str) -> None:
        side = side_of(person, self.mentor_id, self.mentee_id, f"{field}.by")
        if side not in allowed:
            raise ValidationError(f"{field}.by", person, f"the {side.value} may not take this step")

    def _apply(self, state: _State, event: GoalEvent, field: str) -> None:
        action = event.action
        if action is GoalAction.REVISE:
            if event.title is None and event.description is None and event.visibility is None:
                raise ValidationError(f"{field}", None, "a revision changes something")
            state.title = event.title or state.title
            state.description = (
                state.description if event.description is None else event.description
            )
            state.visibility = event.visibility or state.visibility
        elif action is GoalAction.ADD_MILESTONE:
            assert event.milestone_id is not None
            assert event.text is not None
            if event.milestone_id in state.milestones:
                raise DuplicateIdError(f"{field}.milestone_id", event.milestone_id, "duplicate id")
            if len(state.milestones) >= _MAX_PARTS:
                raise ValidationError(
                    f"{field}", event.milestone_id, f"at most {_MAX_PARTS} milestones"
                )
            state.milestones[event.milestone_id] = Milestone(
                id=event.milestone_id, text=event.text, added_at=event.at, due_on=event.due_on
            )
        elif action is GoalAction.COMPLETE_MILESTONE:
            milestone = self._milestone(state, event.milestone_id, field)
            if milestone.done_at is not None:
                raise ValidationError(f"{field}.milestone_id", milestone.id, "already done")
            state.milestones[milestone.id] = attrs.evolve(milestone, done_at=event.at)
        elif action is GoalAction.LINK_EVIDENCE:
            if event.milestone_id is not None:
                self._milestone(state, event.milestone_id, field)
            assert event.kind is not None
            assert event.item_id is not None
            link = Evidence(
                kind=event.kind,
                item_id=event.item_id,
                linked_at=event.at,
                linked_by=event.by,
                milestone_id=event.milestone_id,
            )
            if any(
                (e.kind, e.item_id, e.milestone_id) == (link.kind, link.item_id, link.milestone_id)
                for e in state.evidence
            ):
                raise DuplicateIdError(f"{field}.item_id", link.item_id, "already linked")
            if len(state.evidence) >= _MAX_PARTS:
                raise ValidationError(f"{field}", link.item_id, f"at most {_MAX_PARTS} links")
            state.evidence.append(link)
        elif action is GoalAction.ACHIEVE:
            state.achieved_at = event.at
        elif action is GoalAction.REOPEN:
            state.achieved_at = None

    @staticmethod
    def _milestone(state: _State, milestone_id: str | None, field: str) -> Milestone:
        found = state.milestones.get(str(milestone_id))
        if found is None:
            raise UnknownIdError(f"{field}.milestone_id", milestone_id, "no such milestone")
        return found

    def as_of(self, at: datetime) -> Goal | None:
        """The goal as it stood at ``at``; ``None`` before it was written or suggested.

        Raises:
            NaiveDatetimeError: ``at`` has no UTC offset.

        >>> from datetime import UTC, date, datetime
        >>> from ementoring.accounting import Mentorship
        >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
        >>> goal = write_goal(pair, "g1", title="Find a mentor circle", by="mila",
        ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
        >>> goal = achieve_goal(goal, by="mila", at=datetime(2026, 4, 1, tzinfo=UTC))
        >>> goal.as_of(datetime(2026, 3, 31, tzinfo=UTC)).status.value
        'active'
        """
        at = require_aware(at, "at")
        kept = bisect.bisect_right(self.history, at, key=lambda event: event.at)
        if kept == 0:
            return None
        return (
            self if kept == len(self.history) else attrs.evolve(self, history=self.history[:kept])
        )


def _who_may(action: GoalAction, status: GoalStatus) -> tuple[Side, ...]:
    """Who may take a step: the goal is the mentee's; the mentor suggests, and links evidence."""
    if action is GoalAction.LINK_EVIDENCE:
        return (Side.MENTOR, Side.MENTEE)
    if status is GoalStatus.SUGGESTED:
        # The mentor revises or withdraws their suggestion; the mentee adopts or declines it.
        return {
            GoalAction.REVISE: (Side.MENTOR,),
            GoalAction.DROP: (Side.MENTOR, Side.MENTEE),
        }.get(action, (Side.MENTEE,))
    return (Side.MENTEE,)


def _begin(
    action: GoalAction,
    mentorship: Mentorship,
    goal_id: str,
    *,
    title: str,
    by: str,
    at: datetime,
    description: str,
    visibility: Visibility | str,
) -> Goal:
    require_type(mentorship, Mentorship, "mentorship", "a Mentorship")
    event = GoalEvent(
        action=action, at=at, by=by, title=title, description=description, visibility=visibility
    )
    try:
        return Goal(
            id=goal_id,
            mentorship_id=mentorship.id,
            mentor_id=mentorship.mentor_id,
            mentee_id=mentorship.mentee_id,
            history=(event,),
        )
    except ValidationError as error:
        # The step's own fields are the caller's arguments: "history[0].by" is "by".
        if error.field.startswith("history[0]."):
            raise type(error)(
                error.field.removeprefix("history[0]."), error.value, error.reason
            ) from None
        raise


def write_goal(
    mentorship: Mentorship,
    goal_id: str,
    *,
    title: str,
    by: str,
    at: datetime,
    description: str = "",
    visibility: Visibility | str = Visibility.PAIR_AND_COORDINATOR,
) -> Goal:
    """The mentee writes a goal of their own.

    Args:
        mentorship: The pair.
        goal_id: The new goal's id.
        title: One line, at most :data:`MAX_GOAL_TITLE` characters.
        by: The mentee.
        at: When (aware).
        description: More words, at most :data:`MAX_GOAL_DESCRIPTION` characters.
        visibility: Who reads it besides the mentee, as a journal entry's
            (``pair_and_coordinator`` by default).

    Raises:
        ValidationError: ``by`` is not the mentee, or a bad field.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> write_goal(pair, "g1", title="Understand HR practice in Canada", by="anna",
    ...            at=datetime(2026, 3, 4, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: by: the mentor may not take this step (got 'anna')
    """
    return _begin(
        GoalAction.WRITE,
        mentorship,
        goal_id,
        title=title,
        by=by,
        at=at,
        description=description,
        visibility=visibility,
    )


def suggest_goal(
    mentorship: Mentorship,
    goal_id: str,
    *,
    title: str,
    by: str,
    at: datetime,
    description: str = "",
    visibility: Visibility | str = Visibility.PAIR_AND_COORDINATOR,
) -> Goal:
    """The mentor suggests a goal; it becomes the mentee's when they adopt it (:func:`adopt_goal`).

    Raises:
        ValidationError: ``by`` is not the mentor, or a bad field.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> idea = suggest_goal(pair, "g2", title="Join a Toronto HR association", by="anna",
    ...                     at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> idea.status.value, idea.author_id
    ('suggested', 'anna')
    >>> adopted = adopt_goal(idea, by="mila", at=datetime(2026, 3, 5, tzinfo=UTC))
    >>> adopted.status.value, adopted.author_id, adopted.suggested_by
    ('active', 'mila', 'anna')
    """
    return _begin(
        GoalAction.SUGGEST,
        mentorship,
        goal_id,
        title=title,
        by=by,
        at=at,
        description=description,
        visibility=visibility,
    )


def _step(goal: Goal, event: GoalEvent) -> Goal:
    """Append ``event`` to the goal, or raise: a refused action, a wrong person, a bad step."""
    require_type(goal, Goal, "goal", "a Goal")
    if (goal.status, event.action) not in GOAL_TRANSITIONS:
        raise InvalidTransitionError(goal.status.value, event.action.value)
    if event.at < goal.updated_at:
        raise ValidationError(
            "at", event.at, f"must not be before the last step {goal.updated_at.isoformat()}"
        )
    try:
        return attrs.evolve(goal, history=(*goal.history, event))
    except ValidationError as error:
        prefix = f"history[{len(goal.history)}]."
        if error.field.startswith(prefix):
            raise type(error)(error.field.removeprefix(prefix), error.value, error.reason) from None
        raise


def adopt_goal(goal: Goal, *, by: str, at: datetime) -> Goal:
    """The mentee adopts the mentor's suggestion: it is their goal from now on.

    Raises:
        InvalidTransitionError: The goal is not a suggestion.
        ValidationError: ``by`` is not the mentee.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> idea = suggest_goal(pair, "g1", title="Read the Employment Standards Act", by="anna",
    ...                     at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> adopt_goal(idea, by="anna", at=datetime(2026, 3, 5, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: by: the mentor may not take this step (got 'anna')
    """
    return _step(goal, GoalEvent(action=GoalAction.ADOPT, at=at, by=by))


def revise_goal(
    goal: Goal,
    *,
    by: str,
    at: datetime,
    title: str | None = None,
    description: str | None = None,
    visibility: Visibility | str | None = None,
) -> Goal:
    """Change a goal's words or visibility (its holder only; every earlier version stays in history).

    Raises:
        InvalidTransitionError: The goal is achieved or dropped.
        ValidationError: ``by`` does not hold the goal, or nothing changes.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Understand HR in Canada", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> revise_goal(goal, by="mila", at=datetime(2026, 3, 5, tzinfo=UTC), visibility="pair").visibility.value
    'pair'
    """
    event = GoalEvent(
        action=GoalAction.REVISE,
        at=at,
        by=by,
        title=title,
        description=description,
        visibility=visibility,
    )
    return _step(goal, event)


def add_milestone(
    goal: Goal, milestone_id: str, *, text: str, by: str, at: datetime, due_on: date | None = None
) -> Goal:
    """The mentee adds a milestone to an active goal.

    Raises:
        InvalidTransitionError: The goal is not active.
        DuplicateIdError: The goal has a milestone of that id.
        ValidationError: ``by`` is not the mentee, or a bad text or day.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Understand HR practice in Canada", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> goal = add_milestone(goal, "ms1", text="Mock interview with a participant in Tel Aviv",
    ...                      by="mila", at=datetime(2026, 3, 4, tzinfo=UTC), due_on=date(2026, 3, 20))
    >>> goal = complete_milestone(goal, "ms1", by="mila", at=datetime(2026, 3, 18, tzinfo=UTC))
    >>> [(m.id, m.due_on, m.done_at.day) for m in goal.milestones]
    [('ms1', datetime.date(2026, 3, 20), 18)]
    """
    event = GoalEvent(
        action=GoalAction.ADD_MILESTONE,
        at=at,
        by=by,
        milestone_id=milestone_id,
        text=text,
        due_on=due_on,
    )
    return _step(goal, event)


def complete_milestone(goal: Goal, milestone_id: str, *, by: str, at: datetime) -> Goal:
    """The mentee marks a milestone done.

    Raises:
        InvalidTransitionError: The goal is not active.
        UnknownIdError: No milestone of that id.
        ValidationError: ``by`` is not the mentee, or the milestone is done already.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Prepare for interviews", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> complete_milestone(goal, "ms9", by="mila", at=datetime(2026, 3, 5, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.UnknownIdError: milestone_id: no such milestone (got 'ms9')
    """
    event = GoalEvent(action=GoalAction.COMPLETE_MILESTONE, at=at, by=by, milestone_id=milestone_id)
    return _step(goal, event)


def link_evidence(
    goal: Goal,
    *,
    kind: EvidenceKind | str,
    item_id: str,
    by: str,
    at: datetime,
    milestone_id: str | None = None,
    journal: Journal | None = None,
    sessions: Iterable[Session] | None = None,
) -> Goal:
    """Link a journal entry, an action item or a session to a goal (or one of its milestones).

    Either member of the pair may link. With ``journal`` (for entries and
    action items) or ``sessions`` (for sessions) given, the item must be
    there, be the pair's, and exist at ``at``; without them the id is taken
    as given.

    Raises:
        InvalidTransitionError: The goal is suggested or dropped.
        UnknownIdError: The item is not in the journal or sessions given, or no such milestone.
        DuplicateIdError: The same item is linked to the same place already.
        ValidationError: ``by`` is not in the pair, or the journal is another pair's.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> from ementoring.journal import Journal, JournalEntry
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> journal = Journal.for_mentorship(pair).add_entry(JournalEntry("e1", "m1", "mila", "mentee",
    ...     written_at=datetime(2026, 3, 10, tzinfo=UTC), discussed="HR practice in Canada"))
    >>> goal = write_goal(pair, "g1", title="Understand HR practice in Canada", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> goal = link_evidence(goal, kind="journal_entry", item_id="e1", by="anna",
    ...                      at=datetime(2026, 3, 11, tzinfo=UTC), journal=journal)
    >>> [(e.kind.value, e.item_id, e.linked_by) for e in goal.evidence]
    [('journal_entry', 'e1', 'anna')]
    >>> link_evidence(goal, kind="journal_entry", item_id="e2", by="anna",
    ...               at=datetime(2026, 3, 11, tzinfo=UTC), journal=journal)
    Traceback (most recent call last):
    ...
    ementoring.errors.UnknownIdError: item_id: not in the journal at that time (got 'e2')
    """
    require_type(goal, Goal, "goal", "a Goal")
    event = GoalEvent(
        action=GoalAction.LINK_EVIDENCE,
        at=at,
        by=by,
        kind=kind,
        item_id=item_id,
        milestone_id=milestone_id,
    )
    assert event.kind is not None
    assert event.item_id is not None
    if event.kind is EvidenceKind.SESSION:
        if sessions is not None:
            _check_session(goal, event.item_id, sessions, event.at)
    elif journal is not None:
        _check_journal_item(goal, event.kind, event.item_id, journal, event.at)
    return _step(goal, event)


def _check_session(goal: Goal, item_id: str, sessions: Iterable[Session], at: datetime) -> None:
    given = items_of(sessions, Session, "sessions", "an iterable of Session")
    for session in given:
        if session.id == item_id and session.serves(goal.mentorship_id):
            if session.as_of(at) is None:
                raise UnknownIdError("item_id", item_id, "the session was not proposed yet then")
            return
    raise UnknownIdError("item_id", item_id, "not a session of the pair")


def _check_journal_item(
    goal: Goal, kind: EvidenceKind, item_id: str, journal: Journal, at: datetime
) -> None:
    require_type(journal, Journal, "journal", "a Journal")
    if journal.mentorship_id != goal.mentorship_id:
        raise ValidationError(
            "journal", journal.mentorship_id, f"not the journal of {goal.mentorship_id!r}"
        )
    then = journal.as_of(at)
    if kind is EvidenceKind.JOURNAL_ENTRY:
        ids = {entry.id for entry in then.current}
    else:
        ids = {item.id for item in then.action_items}
    if item_id not in ids:
        raise UnknownIdError("item_id", item_id, "not in the journal at that time")


def achieve_goal(goal: Goal, *, by: str, at: datetime) -> Goal:
    """The mentee marks an active goal achieved.

    Raises:
        InvalidTransitionError: The goal is not active.
        ValidationError: ``by`` is not the mentee.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Prepare for interviews", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> done = achieve_goal(goal, by="mila", at=datetime(2026, 5, 4, tzinfo=UTC))
    >>> done.status.value, done.achieved_at.month
    ('achieved', 5)
    """
    return _step(goal, GoalEvent(action=GoalAction.ACHIEVE, at=at, by=by))


def drop_goal(goal: Goal, *, by: str, at: datetime, reason: str) -> Goal:
    """Drop a goal for good, with a reason: the mentee's goal, or a suggestion by either side.

    Raises:
        InvalidTransitionError: The goal is achieved or dropped already.
        ValidationError: ``by`` may not drop it, or the reason is blank.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> idea = suggest_goal(pair, "g1", title="Take a French course", by="anna",
    ...                     at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> drop_goal(idea, by="mila", at=datetime(2026, 3, 5, tzinfo=UTC), reason="Toronto first").status.value
    'dropped'
    """
    return _step(goal, GoalEvent(action=GoalAction.DROP, at=at, by=by, reason=reason))


def reopen_goal(goal: Goal, *, by: str, at: datetime) -> Goal:
    """The mentee takes up an achieved goal again.

    Raises:
        InvalidTransitionError: The goal is not achieved.
        ValidationError: ``by`` is not the mentee.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.accounting import Mentorship
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Prepare for interviews", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> reopen_goal(goal, by="mila", at=datetime(2026, 3, 5, tzinfo=UTC))
    Traceback (most recent call last):
    ...
    ementoring.errors.InvalidTransitionError: cannot reopen from state 'active'
    """
    return _step(goal, GoalEvent(action=GoalAction.REOPEN, at=at, by=by))


@attrs.frozen(kw_only=True)
class GoalProgress:
    """A goal's progress without a word of its text: what coordinators follow.

    Attributes:
        goal_id, mentorship_id: Which goal.
        status: Where it stands.
        held_by: ``mentee``, or ``mentor`` for a suggestion not yet adopted.
        visibility: Who reads its words.
        created_at, updated_at, achieved_at: When it began, last changed, was achieved.
        milestones, milestones_done: How many milestones, and how many are done.
        evidence: How many links of each kind, by kind's value.
    """

    goal_id: str
    mentorship_id: str
    status: GoalStatus
    held_by: Side
    visibility: Visibility
    created_at: datetime
    updated_at: datetime
    achieved_at: datetime | None
    milestones: int
    milestones_done: int
    evidence: Mapping[str, int] = attrs.field(hash=False)


def _visible(
    goals: Iterable[Goal],
    viewer: Actor,
    mentorship: Mentorship,
    program: Program,
    at: datetime | None,
) -> list[tuple[Goal, Access]]:
    given = items_of(goals, Goal, "goals", "an iterable of Goal")
    require_type(viewer, Actor, "viewer", "an Actor")
    require_type(mentorship, Mentorship, "mentorship", "a Mentorship")
    if at is not None:
        at = require_aware(at, "at")
    found = []
    for index, goal in enumerate(given):
        if goal.mentorship_id != mentorship.id:
            raise ValidationError(
                f"goals[{index}].mentorship_id", goal.mentorship_id, f"not {mentorship.id!r}"
            )
        if (goal.mentor_id, goal.mentee_id) != (mentorship.mentor_id, mentorship.mentee_id):
            raise ValidationError(f"goals[{index}]", goal.id, "its pair is not the mentorship's")
        then = goal if at is None else goal.as_of(at)
        if then is None:
            continue
        level = goal_access(
            viewer,
            author_id=then.author_id,
            visibility=then.visibility,
            mentorship=mentorship,
            program=program,
        )
        if level is not Access.NONE:
            found.append((then, level))
    return sorted(found, key=lambda pair: (pair[0].created_at, pair[0].id))


def readable_goals(
    goals: Iterable[Goal],
    *,
    viewer: Actor,
    mentorship: Mentorship,
    program: Program,
    at: datetime | None = None,
) -> tuple[Goal, ...]:
    """The pair's goals whose words the viewer may read, as they stood at ``at``, oldest first.

    The words of a goal follow the rules of the pair's journal: exactly whoever
    would read a journal entry by the goal's holder with the goal's visibility
    (see :func:`ementoring.access.goal_access`).

    Args:
        goals: The pair's goals.
        viewer: Who is reading.
        mentorship: The goals' mentorship.
        program: The mentorship's program.
        at: As of then (default: as recorded).

    Raises:
        ValidationError: A goal of another pair, or a program not the mentorship's.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.access import Actor
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Understand HR practice in Canada", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC), visibility="pair")
    >>> coordinator = Actor("maria", roles=["coordinator"], program_ids=["p"])
    >>> readable_goals([goal], viewer=coordinator, mentorship=pair, program=program)
    ()
    >>> [g.title for g in readable_goals([goal], viewer=Actor("anna", roles=["mentor"], mentorship_ids=["m1"]),
    ...                                   mentorship=pair, program=program)]
    ['Understand HR practice in Canada']
    """
    return tuple(
        goal
        for goal, level in _visible(goals, viewer, mentorship, program, at)
        if level is Access.READ
    )


def goal_progress(
    goals: Iterable[Goal],
    *,
    viewer: Actor,
    mentorship: Mentorship,
    program: Program,
    at: datetime | None = None,
) -> tuple[GoalProgress, ...]:
    """The progress of every goal the viewer may follow, without its words, oldest first.

    The pair and the program's coordinators and admins follow every goal's
    progress (:class:`GoalProgress`: status, dates, counts); nobody else sees any.

    Raises:
        ValidationError: As for :func:`readable_goals`.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.access import Actor
    >>> from ementoring.accounting import Mentorship, Program
    >>> program = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")
    >>> pair = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
    >>> goal = write_goal(pair, "g1", title="Understand HR practice in Canada", by="mila",
    ...                   at=datetime(2026, 3, 4, tzinfo=UTC), visibility="private")
    >>> goal = add_milestone(goal, "ms1", text="Mock interview", by="mila", at=datetime(2026, 3, 4, tzinfo=UTC))
    >>> coordinator = Actor("maria", roles=["coordinator"], program_ids=["p"])
    >>> [(p.goal_id, p.status.value, p.milestones, p.milestones_done)
    ...  for p in goal_progress([goal], viewer=coordinator, mentorship=pair, program=program)]
    [('g1', 'active', 1, 0)]
    """
    return tuple(
        GoalProgress(
            goal_id=goal.id,
            mentorship_id=goal.mentorship_id,
            status=goal.status,
            held_by=Side.MENTOR if goal.status is GoalStatus.SUGGESTED else Side.MENTEE,
            visibility=goal.visibility,
            created_at=goal.created_at,
            updated_at=goal.updated_at,
            achieved_at=goal.achieved_at,
            milestones=len(goal.milestones),
            milestones_done=sum(m.done_at is not None for m in goal.milestones),
            evidence=MappingProxyType(
                {kind.value: sum(e.kind is kind for e in goal.evidence) for kind in EvidenceKind}
            ),
        )
        for goal, _ in _visible(goals, viewer, mentorship, program, at)
    )
