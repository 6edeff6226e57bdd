"""Agendas sent ahead of a session, and whether they were sent in time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from ementoring._validate import (
    Choice,
    identifier,
    items_of,
    optional_aware,
    optional_utc,
    require_type,
    text,
)
from ementoring.accounting import Program, Session
from ementoring.errors import DuplicateIdError, InvalidTransitionError, ValidationError
from ementoring.journal._topics import Topic
from ementoring.timezones import require_aware

__all__ = ["MAX_NOTE", "Agenda", "AgendaItem", "AgendaStatus", "agenda_status", "send"]

MAX_NOTE = 2_000
"""The longest agenda-item note accepted, in characters."""


def _topic(value: Topic | str) -> Topic:
    return value if isinstance(value, Topic) else Topic(value)


@attrs.frozen
class AgendaItem:
    """One point on an agenda: a topic, an optional note, and who asked for it.

    >>> AgendaItem("Interview prep", note="behavioural questions", requested_by="olga").topic
    Topic(label='Interview prep', key='interview prep')
    """

    topic: Topic = attrs.field(converter=_topic)
    note: str = attrs.field(kw_only=True, default="", validator=text(max_length=MAX_NOTE))
    requested_by: str = attrs.field(kw_only=True, validator=identifier)


def _items(value: Iterable[AgendaItem]) -> tuple[AgendaItem, ...]:
    return items_of(value, object, "items", "an iterable of AgendaItem")


def _check_items(_instance: Any, field: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise ValidationError(field.name, value, "an agenda needs at least one item")
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, AgendaItem):
            raise ValidationError(f"{field.name}[{index}]", item, "must be an AgendaItem")
        if item.topic.key in seen:
            raise DuplicateIdError(
                f"{field.name}[{index}].topic", item.topic.label, "topic is already on the agenda"
            )
        seen.add(item.topic.key)


@attrs.frozen
class Agenda:
    """What a session should cover, proposed by a member of the pair.

    One agenda per session. ``sent_at`` is ``None`` while it is a draft;
    :func:`send` (or ``Journal.send_agenda``) records when it went out.

    Args:
        session_id: The session it is for.
        proposed_by: Who wrote it (the mentee, who may set the agenda, or the mentor).
        items: At least one :class:`AgendaItem`; a topic appears once.
        sent_at: When it was sent (aware), or ``None`` for a draft.

    >>> from datetime import datetime, UTC
    >>> agenda = Agenda("s2", "olga", [AgendaItem("CV review", requested_by="olga"),
    ...                               AgendaItem("Interview prep", requested_by="david")])
    >>> [str(i.topic) for i in agenda.items], agenda.sent_at
    (['CV review', 'Interview prep'], None)
    """

    session_id: str = attrs.field(validator=identifier)
    proposed_by: str = attrs.field(validator=identifier)
    items: tuple[AgendaItem, ...] = attrs.field(converter=_items, validator=_check_items)
    sent_at: datetime | None = attrs.field(
        kw_only=True, default=None, converter=optional_utc, validator=optional_aware
    )

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The agenda's topics, in order."""
        return tuple(item.topic for item in self.items)


def send(agenda: Agenda, *, at: datetime) -> Agenda:
    """Return the agenda marked as sent at ``at``.

    Raises:
        InvalidTransitionError: It was already sent.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import datetime, UTC
    >>> draft = Agenda("s2", "olga", [AgendaItem("CV review", requested_by="olga")])
    >>> send(draft, at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC)).sent_at
    datetime.datetime(2026, 3, 16, 9, 0, tzinfo=datetime.timezone.utc)
    """
    require_type(agenda, Agenda, "agenda", "an Agenda")
    if agenda.sent_at is not None:
        raise InvalidTransitionError("sent", "send", f"agenda for session {agenda.session_id!r}")
    return attrs.evolve(agenda, sent_at=require_aware(at, "at"))


class AgendaStatus(Choice):
    """Whether a session's agenda went out in time (see ``agenda_status``)."""

    MISSING = "missing"
    LATE = "late"
    ON_TIME = "on_time"


def agenda_status(agenda: Agenda | None, session: Session, program: Program) -> AgendaStatus:
    """Tell whether a session's agenda was sent at least ``program.agenda_lead`` before it.

    Args:
        agenda: The session's agenda, or ``None`` if there is none.
        session: The session (its current planned start counts).
        program: The program, for ``agenda_lead``.

    Returns:
        ``missing`` (no agenda, or only a draft), ``on_time`` (sent at or
        before the session's start minus ``agenda_lead``) or ``late``.

    Raises:
        ValidationError: The agenda is for another session.

    >>> from datetime import date, datetime, UTC
    >>> from ementoring.accounting import Program, Session
    >>> from ementoring.scheduling import Interval
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> session = Session("s2", "m1", Interval(datetime(2026, 3, 17, 22, tzinfo=UTC),
    ...                   datetime(2026, 3, 17, 23, tzinfo=UTC)), ["david", "olga"],
    ...                   proposed_at=datetime(2026, 3, 10, tzinfo=UTC))
    >>> agenda = Agenda("s2", "olga", [AgendaItem("Interview prep", requested_by="olga")])
    >>> agenda_status(agenda, session, program), agenda_status(None, session, program)
    (<AgendaStatus.MISSING: 'missing'>, <AgendaStatus.MISSING: 'missing'>)
    >>> agenda_status(send(agenda, at=datetime(2026, 3, 16, 9, tzinfo=UTC)), session, program)
    <AgendaStatus.ON_TIME: 'on_time'>
    >>> agenda_status(send(agenda, at=datetime(2026, 3, 17, 9, tzinfo=UTC)), session, program)
    <AgendaStatus.LATE: 'late'>
    """
    require_type(session, Session, "session", "a Session")
    require_type(program, Program, "program", "a Program")
    if agenda is None:
        return AgendaStatus.MISSING
    require_type(agenda, Agenda, "agenda", "an Agenda or None")
    if agenda.session_id != session.id:
        raise ValidationError(
            "agenda.session_id", agenda.session_id, f"is not the session given ({session.id!r})"
        )
    if agenda.sent_at is None:
        return AgendaStatus.MISSING
    deadline = session.interval.start - program.agenda_lead
    return AgendaStatus.ON_TIME if agenda.sent_at <= deadline else AgendaStatus.LATE
