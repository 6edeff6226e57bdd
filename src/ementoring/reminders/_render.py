"""A reminder as a message: in the reader's language, every time on the reader's own clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

import attrs

from ementoring._languages import Language, resolve
from ementoring.accounting import Pace
from ementoring.display import Unit, count_text, duration_text, local_time_text
from ementoring.errors import InvalidTypeError
from ementoring.reminders._params import (
    ActionItemParams,
    NoSessionParams,
    PaceParams,
    ReviewParams,
    SessionParams,
)
from ementoring.reminders._reminders import Reminder
from ementoring.timezones import ZoneLike, zone_key

__all__ = ["render"]

_ITEM_LIMIT = 80


def _shorten(text: str, limit: int = _ITEM_LIMIT) -> str:
    """The text on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render(
    reminder: Reminder,
    *,
    names: Mapping[str, str],
    zones: Mapping[str, ZoneLike],
    locale: str = "en",
) -> str:
    """Write a reminder as a message for its recipient, in a language, on their own clock.

    Every time in the message is on the recipient's clock (``zones``, else the
    program's), with the clock named. People are named by ``names``; an id
    without a name is shown as it is.

    Args:
        reminder: What to write.
        names: Person id -> display name.
        zones: Person id -> that person's zone; only the recipient's is used.
        locale: A language of :data:`~ementoring.display.LOCALES` (``"en"``, ``"ru"``).

    Returns:
        One or two sentences, ready to send.

    Raises:
        InvalidTypeError: ``reminder`` is not a :class:`Reminder`, ``names`` or
            ``zones`` is not a mapping, a name is not a string, or ``locale``
            is not a string.
        ValidationError: ``locale`` is not a language of ``LOCALES``.
        UnknownTimeZoneError: The recipient's zone is not a time zone.
        MissingExtraError: A language other than English without the ``i18n``
            extra (``pip install 'ementoring[i18n]'``). English works without it.

    >>> from datetime import UTC, date, datetime
    >>> from ementoring.reminders import ActionItemParams, Reminder
    >>> homework = Reminder(
    ...     kind="action_item_overdue", recipient_id="natalia", about_id="hw-1",
    ...     due_at=datetime(2026, 3, 10, 4, 0, tzinfo=UTC), program_zone="America/Toronto",
    ...     params=ActionItemParams(description="Rewrite your CV in the Canadian format",
    ...                             due_on=date(2026, 3, 9), assigned_by="anna"))
    >>> render(homework, names={}, zones={})
    'The action item "Rewrite your CV in the Canadian format" was due by Tue 10 Mar, 00:00 Toronto time. Mark it done, or drop it with a reason.'
    >>> render(homework, names={}, zones={"natalia": "Europe/Moscow"}, locale="ru")
    'Задание «Rewrite your CV in the Canadian format» просрочено (срок: вт, 10 мар., 07:00 (Москва)). Отметьте его выполненным или снимите, указав причину.'
    """
    if not isinstance(reminder, Reminder):
        raise InvalidTypeError("reminder", reminder, "a Reminder")
    if not isinstance(names, Mapping):
        raise InvalidTypeError("names", names, "a mapping of person ids to display names")
    if not isinstance(zones, Mapping):
        raise InvalidTypeError("zones", zones, "a mapping of person ids to zones")
    language, _ = resolve(locale, "ementoring.reminders.render")
    reader = reminder.recipient_id
    clock = zone_key(zones.get(reader, reminder.program_zone), f"zones[{reader!r}]")
    writer = _Writer(language=language, clock=clock, names=names)
    message, values = _VALUES[type(reminder.params)](reminder, writer)
    return language.messages[message].format(**values)


@attrs.frozen
class _Writer:
    """The words of one reader: their language, their clock, the names they know people by."""

    language: Language
    clock: str
    names: Mapping[str, str]

    def name(self, person: str) -> str:
        shown = self.names.get(person, person)
        if not isinstance(shown, str):
            raise InvalidTypeError(f"names[{person!r}]", shown, "a display name (a string)")
        return shown

    def when(self, instant: datetime) -> str:
        return local_time_text(instant, self.clock, locale=self.language.code)

    def duration(self, amount: timedelta) -> str:
        return duration_text(amount, locale=self.language.code)

    def count(self, number: int, unit: Unit) -> str:
        return count_text(number, unit, locale=self.language.code)


_Values = tuple[str, dict[str, str]]


def _session(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, SessionParams)
    return reminder.kind.value, {
        "partner": writer.name(params.partner_id),
        "session": writer.when(params.session_start),
        "due": writer.when(reminder.due_at),
    }


def _no_session(reminder: Reminder, writer: _Writer) -> _Values:
    params = reminder.params
    assert isinstance(params, NoSessionParams)
    return "no_next_session", {"partner": writer.name(params.partner_id)}


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


# How each kind's facts become a message's values; a Reminder's params class fixes its kind.
_VALUES: Mapping[type, Callable[[Reminder, _Writer], _Values]] = {
    SessionParams: _session,
    NoSessionParams: _no_session,
    PaceParams: _pace,
    ReviewParams: _review,
    ActionItemParams: _action_item,
}
