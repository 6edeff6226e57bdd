"""A reminder as a message: in the reader's language, every time on the reader's own clock."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta

import attrs

from ementoring._languages import Language, resolve
from ementoring.accounting import Pace
from ementoring.display import (
    Unit,
    count_text,
    duration_text,
    list_text,
    local_time_text,
    session_change_text,
)
from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.people import Directory, Person, as_directory
from ementoring.reminders._params import (
    ActionItemParams,
    ChangeParams,
    NoSessionParams,
    PaceParams,
    ReplyParams,
    ReviewParams,
    SessionParams,
    SurveyParams,
)
from ementoring.reminders._reminder import Reminder
from ementoring.timezones import ZoneLike, zone_key

__all__ = ["render"]

_ITEM_LIMIT = 80


def _shorten(text: str, limit: int = _ITEM_LIMIT) -> str:
    """The text on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render(
    reminder: Reminder,
    people: Directory | Iterable[Person] | None = None,
    *,
    locale: str | None = None,
    names: Mapping[str, str] | None = None,
    zones: Mapping[str, ZoneLike] | None = None,
) -> str:
    """Write a reminder as a message for its recipient, from the people directory.

    The recipient is the reader: the message is in their language (their
    ``locale``, unless ``locale=`` says another) and every time is on their
    clock (their ``zone``, else the program's), the clock named by its city.
    Everyone else is named by their display name, or by id when the directory
    does not hold them; a group session names every partner.

    ``names=`` and ``zones=`` (with ``locale=``, by default English) are the
    way before the directory: still read, with a ``DeprecationWarning``.

    Args:
        reminder: What to write.
        people: The directory (:class:`~ementoring.people.Directory`, or
            :class:`~ementoring.people.Person` entries); it must hold the recipient.
        locale: A language of :data:`~ementoring.display.LOCALES` to write in
            instead of the reader's.
        names: Deprecated: person id -> display name.
        zones: Deprecated: person id -> zone; only the recipient's is used.

    Returns:
        One or two sentences, ready to send.

    Raises:
        InvalidTypeError: ``reminder`` is not a :class:`Reminder`, ``people``
            not a directory, ``names`` or ``zones`` not a mapping, a name not a
            string, or ``locale`` not a string.
        UnknownIdError: The recipient is not in the directory.
        ValidationError: ``locale`` is not a language of ``LOCALES``, or both
            ``people`` and the deprecated ``names``/``zones`` are given, or
            the survey of a survey reminder has no title in the language.
        UnknownTimeZoneError: The reader's zone is not a time zone.
        MissingExtraError: A language other than English without the ``i18n``
            extra (``pip install 'ementoring[i18n]'``). English works without it.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.people import Person
    >>> from ementoring.reminders import ActionItemParams, Reminder
    >>> homework = Reminder(
    ...     kind="action_item_overdue", recipient_id="natalia", about_id="hw-1",
    ...     due_at=datetime(2026, 3, 10, 4, 0, tzinfo=UTC), program_zone="America/Toronto",
    ...     params=ActionItemParams(description="Rewrite your CV in the Canadian format",
    ...                             due_on=date(2026, 3, 9), assigned_by="anna"))
    >>> render(homework, [Person(id="natalia")])
    'The action item "Rewrite your CV in the Canadian format" was due by Tue 10 Mar, 00:00 Toronto time. Mark it done, or drop it with a reason.'
    >>> render(homework, [Person(id="natalia", zone="Europe/Moscow", locale="ru")])
    'Задание «Rewrite your CV in the Canadian format» просрочено (срок: вт, 10 мар., 07:00 (Москва)). Отметьте его выполненным или снимите, указав причину.'
    """
    if not isinstance(reminder, Reminder):
        raise InvalidTypeError("reminder", reminder, "a Reminder")
    if names is not None or zones is not None:
        if people is not None:
            raise ValidationError(
                "names", names, "give people= or the deprecated names= and zones=, not both"
            )
        warnings.warn(
            "render: names= and zones= are deprecated; pass the people directory,"
            " render(reminder, people) (ementoring.people.Directory)",
            DeprecationWarning,
            stacklevel=2,
        )
        writer = _by_maps(reminder, names, zones, "en" if locale is None else locale)
    else:
        directory = as_directory(people, "people")  # type: ignore[arg-type]  # None is refused
        reader = directory.reader(reminder.recipient_id, zone=reminder.program_zone)
        language, _ = resolve(
            reader.locale if locale is None else locale, "ementoring.reminders.render"
        )
        assert reader.zone is not None  # settled by Directory.reader
        writer = _Writer(language=language, clock=reader.zone, name=directory.name_of)
    message, values = _VALUES[type(reminder.params)](reminder, writer)
    return writer.language.messages[message].format(**values)


def _by_maps(reminder: Reminder, names: object, zones: object, locale: object) -> _Writer:
    """The reader's words from the maps given before the directory."""
    names = {} if names is None else names
    zones = {} if zones is None else zones
    if not isinstance(names, Mapping):
        raise InvalidTypeError("names", names, "a mapping of person ids to display names")
    if not isinstance(zones, Mapping):
        raise InvalidTypeError("zones", zones, "a mapping of person ids to zones")
    language, _ = resolve(locale, "ementoring.reminders.render")
    reader = reminder.recipient_id
    clock = zone_key(zones.get(reader, reminder.program_zone), f"zones[{reader!r}]")

    def name(person: str) -> str:
        shown = names.get(person, person)
        if not isinstance(shown, str):
            raise InvalidTypeError(f"names[{person!r}]", shown, "a display name (a string)")
        return shown

    return _Writer(language=language, clock=clock, name=name)


@attrs.frozen
class _Span:
    """A stretch of time as display writes it (any length, a moment included)."""

    start: datetime
    end: datetime


@attrs.frozen
class _Writer:
    """The words of one reader: their language, their clock, how they name people."""

    language: Language
    clock: str
    name: Callable[[str], str]

    def when(self, instant: datetime) -> str:
        return local_time_text(instant, self.clock, locale=self.language.code)

    def people(self, ids: Sequence[str]) -> str:
        return list_text([self.name(person) for person in ids], locale=self.language.code)

    def partners(self, ids: Sequence[str]) -> str:
        form = self.language.partners["one" if len(ids) == 1 else "other"]
        return form.format(names=self.people(ids))

    def duration(self, amount: timedelta) -> str:
        return duration_text(amount, locale=self.language.code)

    def count(self, number: int, unit: Unit) -> str:
        return count_text(number, unit, locale=self.language.code)


_Values = tuple[str, dict[str, str]]


def _session(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, SessionParams)
    return reminder.kind.value, {
        "partner": writer.partners(params.partner_ids),
        "session": writer.when(params.session_start),
        "due": writer.when(reminder.due_at),
    }


def _no_session(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, NoSessionParams)
    return "no_next_session", {"partner": writer.partners([params.partner_id])}


def _pace(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, PaceParams)
    values = {
        "logged": writer.duration(params.logged),
        "target": writer.duration(params.target),
        "sessions": writer.count(params.sessions_completed, "session"),
    }
    if params.pace is not Pace.AT_RISK:
        values["expected"] = writer.duration(params.expected_by_now)
        return "behind_pace", values
    if params.days_since_last_session is None:
        return "at_risk", values
    values["quiet"] = writer.count(params.days_since_last_session, "day")
    return "at_risk_quiet", values


def _review(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, ReviewParams)
    return "review_pending", {
        "author": writer.name(params.author_id),
        "role": writer.language.roles[params.author_role.value],
        "written": writer.when(params.written_at),
        "waited": writer.count(params.waited_days, "day"),
    }


def _action_item(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, ActionItemParams)
    return "action_item_overdue", {
        "item": _shorten(params.description),
        "due": writer.when(reminder.due_at),
    }


def _reply(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, ReplyParams)
    message = "reply_missing" if len(params.waiting_ids) == 1 else "replies_missing"
    return message, {
        "waiting": writer.people(params.waiting_ids),
        "session": writer.when(params.session_start),
    }


def _change(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, ChangeParams)
    before = None
    if params.earlier_start is not None and params.earlier_end is not None:
        before = _Span(params.earlier_start, params.earlier_end)
    change = session_change_text(
        params.change,
        _Span(params.session_start, params.session_end),
        writer.clock,
        locale=writer.language.code,
        before=before,
    )
    return "session_changed", {"change": change, "people": writer.people(params.partner_ids)}


def _survey(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, SurveyParams)
    return reminder.kind.value, {
        "survey": params.survey.title_in(writer.language.code),
        "partner": writer.name(params.partner_id),
        "due": writer.when(params.answer_by),
    }


# How each kind's facts become a message's values; a Reminder's params class fixes its kind.
_VALUES: Mapping[type, Callable[[Reminder, _Writer], _Values]] = {
    SessionParams: _session,
    NoSessionParams: _no_session,
    PaceParams: _pace,
    ReviewParams: _review,
    ActionItemParams: _action_item,
    ReplyParams: _reply,
    ChangeParams: _change,
    SurveyParams: _survey,
}
