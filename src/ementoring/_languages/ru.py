"""Russian. Names are never declined, so every name and count stands where Russian
takes the nominative case: after a colon or a dash, in brackets, or after «позади»
and «уже» (1 час, 2 часа, 5 часов; 1 встреча, 2 встречи, 5 встреч)."""

from __future__ import annotations

from ementoring._languages._spec import Language

LANGUAGE = Language(
    code="ru",
    cldr="ru",
    date_time="EEE, d MMM, HH:mm",
    time="HH:mm",
    at_place="{when} ({place})",
    at_offset="{when} ({offset})",
    time_range="{start}–{end}",
    span="{start} – {end}",
    person_line="{name}: {when}",
    counted={
        "session": {
            "one": "{count} встреча",
            "few": "{count} встречи",
            "many": "{count} встреч",
            "other": "{count} встречи",
        }
    },
    roles={"mentor": "наставник", "mentee": "менти"},
    partners={"one": "партнёр: {names}", "other": "партнёры: {names}"},
    messages={
        "agenda_due": (
            "Пожалуйста, отправьте повестку встречи: {session}, {partner}. Срок отправки: {due}."
        ),
        "journal_due": (
            "Пожалуйста, сделайте запись в дневнике обучения о встрече — {session}, "
            "{partner}. Опишите, что обсуждали, темы на будущее, сколько времени "
            "заняла встреча, и свои наблюдения. Срок: {due}."
        ),
        "no_next_session": (
            "Следующая встреча не назначена ({partner}). Предложите время и подтвердите его вместе."
        ),
        "behind_pace": (
            "Наставничество отстаёт от графика. Записано: {logged}, цель: {target}, "
            "к этому дню ожидалось около: {expected}; позади {sessions}. "
            "Подумайте о более длинной или дополнительной встрече."
        ),
        "at_risk": (
            "Наставничество может не набрать нужное время. Цель: {target}, записано пока: "
            "{logged}; позади {sessions}. Запланируйте ближайшие встречи."
        ),
        "at_risk_quiet": (
            "Наставничество может не набрать нужное время. Цель: {target}, записано пока: "
            "{logged}; позади {sessions}. Встреч не было уже {quiet}. "
            "Запланируйте ближайшие встречи."
        ),
        "review_pending": (
            "Запись в дневнике ({author}, {role}) от {written} ждёт проверки уже {waited}."
        ),
        "action_item_overdue": (
            "Задание «{item}» просрочено (срок: {due}). "
            "Отметьте его выполненным или снимите, указав причину."
        ),
        "reply_missing": "Приглашение на встречу — {session} — пока без ответа: {waiting}.",
        "replies_missing": "Приглашение на встречу — {session} — пока без ответа: {waiting}.",
        "session_changed": "{change} Вместе с вами: {people}.",
    },
    session_changes={
        "booked": "Назначена встреча: {when}.",
        "moved": "Встреча перенесена: {when}. Прежнее время: {before}.",
        "confirmed": "Встреча подтверждена: {when}.",
        "cancelled": "Встреча отменена: {when}.",
    },
    session_title="Встреча по наставничеству",
    times_heading="Время встречи у каждого участника:",
)
