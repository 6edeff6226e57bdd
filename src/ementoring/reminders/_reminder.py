"""A reminder as data: what it is about, for whom, when due, with the facts a message needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from ementoring._validate import (
    Choice,
    aware,
    check_unique,
    coerce_enum,
    identifier,
    require_identifier,
    string_tuple,
    strings,
    utc,
)
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.reminders._params import (
    ActionItemParams,
    ChangeParams,
    NoSessionParams,
    PaceParams,
    Params,
    ReplyParams,
    ReviewParams,
    SessionParams,
    SurveyParams,
)
from ementoring.timezones import ZoneLike, zone_key

__all__ = ["JOURNAL_SUBJECTS", "PARAMS", "Reminder", "ReminderKind"]


class ReminderKind(Choice):
    """What a reminder is about."""

    AGENDA_DUE = "agenda_due"
    JOURNAL_DUE = "journal_due"
    NO_NEXT_SESSION = "no_next_session"
    BEHIND_PACE = "behind_pace"
    REVIEW_PENDING = "review_pending"
    ACTION_ITEM_OVERDUE = "action_item_overdue"
    REPLY_MISSING = "reply_missing"
    SESSION_CHANGED = "session_changed"
    SURVEY_DUE = "survey_due"
    SURVEY_OVERDUE = "survey_overdue"


PARAMS: Mapping[ReminderKind, type[Params]] = {
    ReminderKind.AGENDA_DUE: SessionParams,
    ReminderKind.JOURNAL_DUE: SessionParams,
    ReminderKind.NO_NEXT_SESSION: NoSessionParams,
    ReminderKind.BEHIND_PACE: PaceParams,
    ReminderKind.REVIEW_PENDING: ReviewParams,
    ReminderKind.ACTION_ITEM_OVERDUE: ActionItemParams,
    ReminderKind.REPLY_MISSING: ReplyParams,
    ReminderKind.SESSION_CHANGED: ChangeParams,
    ReminderKind.SURVEY_DUE: SurveyParams,
    ReminderKind.SURVEY_OVERDUE: SurveyParams,
}
"""The class of ``params`` each kind carries: one table, checked by every :class:`Reminder`."""

JOURNAL_SUBJECTS: frozenset[ReminderKind] = frozenset(
    {ReminderKind.REVIEW_PENDING, ReminderKind.ACTION_ITEM_OVERDUE}
)
"""Kinds whose subject (an entry, an action item) has an id unique only within its pair's
journal: their key names the pair too."""


def _kind(value: ReminderKind | str) -> ReminderKind:
    return coerce_enum(ReminderKind, value, "kind")


def _program_zone(value: ZoneLike) -> str:
    return zone_key(value, "program_zone")


def _mentorship_ids(value: Iterable[str]) -> tuple[str, ...]:
    items = string_tuple(value)
    if not isinstance(items, tuple) or not all(isinstance(item, str) for item in items):
        return items  # refused, naming the field, by the validator
    return tuple(sorted(items))


def _ids(_instance: object, field: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    strings(_instance, field, value)
    assert isinstance(value, tuple)  # checked by strings()
    for index, item in enumerate(value):
        require_identifier(item, f"{field.name}[{index}]")
    check_unique(value, key=str, field=field.name)


def _escape(part: str) -> str:
    # "/" separates the parts of a key; escaping it (and "%") keeps keys one-to-one.
    return part.replace("%", "%25").replace("/", "%2F")


@attrs.frozen(kw_only=True)
class Reminder:
    """Something due, for one person: data a platform sends once, by its ``key``.

    Args:
        kind: What it is about (:class:`ReminderKind`).
        recipient_id: Who should act.
        about_id: The session, mentorship, entry, action item or survey concerned.
        due_at: When it was or is due (aware, UTC).
        program_zone: The program's zone: the clock a message is written on
            for a reader whose own zone is not known.
        params: The facts a message is written from; its class is fixed by
            ``kind`` (see :data:`PARAMS`).
        mentorship_ids: The pairs it concerns (kept sorted): the pair of a
            pace, an entry, an action item or a survey (a survey names exactly
            one); the recipient's pairs a session served (a group session
            serves several). ``()`` when not known.

    Raises:
        InvalidTypeError: ``params`` is not the class ``kind`` takes.
        ValidationError: A field is invalid; a survey's reminder whose
            ``about_id`` is not its survey's id, or that names not one pair.

    :func:`~ementoring.reminders.render` writes the message, in a language, on
    the reader's clock.
    """

    kind: ReminderKind = attrs.field(converter=_kind)
    recipient_id: str = attrs.field(validator=identifier)
    about_id: str = attrs.field(validator=identifier)
    due_at: datetime = attrs.field(converter=utc, validator=aware)
    program_zone: str = attrs.field(converter=_program_zone)
    params: Params
    mentorship_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_mentorship_ids, validator=_ids
    )

    def __attrs_post_init__(self) -> None:
        expected = PARAMS[self.kind]
        if type(self.params) is not expected:
            raise InvalidTypeError("params", self.params, f"{expected.__name__} for {self.kind}")
        if isinstance(self.params, SurveyParams):
            # A survey is asked about one pair, and its id is unique only in the plan.
            if self.about_id != self.params.survey.id:
                raise ValidationError(
                    "about_id", self.about_id, f"must be the survey's id {self.params.survey.id!r}"
                )
            if len(self.mentorship_ids) != 1:
                raise ValidationError(
                    "mentorship_ids", self.mentorship_ids, "must name the one pair surveyed"
                )

    @property
    def subject(self) -> tuple[str, ...]:
        """What the reminder is about, as its key names it.

        The session or mentorship id (ids unique in a program), or for an entry
        or an action item (:data:`JOURNAL_SUBJECTS`, ids unique only in their
        journal) the pair, then the id; for a survey the pair, the survey and
        which time it is asked.
        """
        if isinstance(self.params, SurveyParams):
            return (*self.mentorship_ids, self.about_id, str(self.params.occasion))
        if self.kind in JOURNAL_SUBJECTS:
            return (*self.mentorship_ids, self.about_id)
        return (self.about_id,)

    @property
    def key(self) -> str:
        """The same on every call for the same reminder, and never shared by two.

        Made of the kind, recipient, subject and due time (``/`` and ``%`` in
        ids are escaped), so a platform can use it as an idempotency key. A
        reminder about a lasting state (``no_next_session``, ``behind_pace``,
        ``survey_overdue``) is due once a week while the state lasts, so its
        key names the week: dropping repeats by key sends it at most weekly.

        >>> from datetime import UTC, datetime
        >>> from ementoring.reminders import NoSessionParams
        >>> Reminder(kind="no_next_session", recipient_id="olga", about_id="m/1",
        ...          due_at=datetime(2026, 3, 3, 23, 0, tzinfo=UTC), program_zone="UTC",
        ...          params=NoSessionParams(partner_id="david", last_session_end=None)).key
        'no_next_session/olga/m%2F1/2026-03-03T23:00:00Z'
        """
        due = self.due_at.isoformat().replace("+00:00", "Z")
        parts = (self.kind.value, self.recipient_id, *self.subject)
        return "/".join(_escape(part) for part in parts) + f"/{due}"

    @property
    def sort_key(self) -> tuple[datetime, str, str, tuple[str, ...]]:
        """Earliest due first, then kind, recipient and subject: a total, stable order."""
        return (self.due_at, self.kind.value, self.recipient_id, self.subject)
