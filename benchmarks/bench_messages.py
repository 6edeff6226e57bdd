"""Messages: rendering reminders in Russian on the reader's clock, against Babel called by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime, get_timezone_location

from _harness import Case
from ementoring.people import Directory, Person
from ementoring.reminders import Reminder, ReminderKind, SessionParams, render

TEMPLATE = (
    "Пожалуйста, отправьте повестку встречи: {session}, партнёр: {partner}. Срок отправки: {due}."
)


def _reminders(count: int) -> list[Reminder]:
    start = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    found = []
    for number in range(count):
        begins = start + timedelta(hours=number)
        found.append(
            Reminder(
                kind=ReminderKind.AGENDA_DUE,
                recipient_id=f"mentee-{number}",
                about_id=f"s{number}",
                due_at=begins - timedelta(days=1),
                program_zone="America/Toronto",
                params=SessionParams(
                    session_start=begins,
                    session_end=begins + timedelta(hours=1),
                    partner_ids=[f"mentor-{number % 40}"],
                ),
            )
        )
    return found


def cases(quick: bool) -> list[Case]:
    count = 200 if quick else 5_000
    due = _reminders(count)
    names = {f"mentor-{n}": f"Mentor {n}" for n in range(40)}
    people = Directory(
        people=[Person(id=mentor, name=name) for mentor, name in names.items()]
        + [Person(id=r.recipient_id, zone="Europe/Moscow", locale="ru") for r in due]
    )
    locale = Locale.parse("ru")
    moscow = ZoneInfo("Europe/Moscow")

    def by_hand() -> list[str]:
        # What an app would write with Babel alone: the same pattern and clock name.
        def when(instant: datetime) -> str:
            local = instant.astimezone(moscow)
            text = format_datetime(local, "EEE, d MMM, HH:mm", locale=locale)
            return f"{text} ({get_timezone_location(moscow, locale, return_city=True)})"

        return [
            TEMPLATE.format(
                session=when(r.params.session_start),  # type: ignore[union-attr]
                partner=names[r.params.partner_ids[0]],  # type: ignore[union-attr]
                due=when(r.due_at),
            )
            for r in due
        ]

    def check(ours: object, theirs: object) -> None:
        if ours != theirs:
            raise AssertionError("render and the hand-written Babel calls disagree")

    return [
        Case(
            workload=f"render {count:,} agenda reminders in Russian, on Moscow time",
            ours=lambda: [render(r, people) for r in due],
            baseline=by_hand,
            baseline_name="Babel format_datetime + exemplar city by hand",
            check=check,
        )
    ]
