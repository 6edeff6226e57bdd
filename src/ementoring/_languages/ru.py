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
        "survey_due": (
            "Пожалуйста, ответьте на вопросы «{survey}» (партнёр: {partner}). Срок: {due}."
        ),
        "survey_overdue": (
            "Срок ответа на вопросы «{survey}» истёк (партнёр: {partner}, срок: {due}). "
            "Пожалуйста, ответьте."
        ),
    },
    session_changes={
        "booked": "Назначена встреча: {when}.",
        "moved": "Встреча перенесена: {when}. Прежнее время: {before}.",
        "confirmed": "Встреча подтверждена: {when}.",
        "cancelled": "Встреча отменена: {when}.",
    },
    session_title="Встреча по наставничеству",
    times_heading="Время встречи у каждого участника:",
    journey={
        "repair_unchanged": "{person}: без изменений.",
        "repair_kept": "{person}: без изменений; пара: {partners}.",
        "repair_new_partner": "{person}: новое предложение — {partners}; {reason}.",
        "repair_still_unmatched": "{person}: нового партнёра пока нет; {reason}; {why}.",
        "repair_stepped_back": (
            "{person}: участие в программе приостановлено; новых предложений нет."
        ),
        "released_declined": "предложение отклонено (партнёр: {partner})",
        "released_expired": "срок ответа на предложение истёк (партнёр: {partner})",
        "released_withdrawn": "предложение отозвано (партнёр: {partner})",
        "released_not_a_good_fit": "пара не подошла (партнёр: {partner})",
        "released_closed_early": "наставничество завершено досрочно (партнёр: {partner})",
        "never_matched": "раньше партнёра не было",
        "unmatched_mentors_full": "подходящие свободные места достались другим",
        "unmatched_no_allowed_mentor": "нет подходящего наставника со свободным местом",
        "unmatched_no_mentee": "подходящих менти в ожидании нет",
        "survey_pairing_fit": "Подходит ли пара",
        "survey_check_in": "Как идут дела",
        "survey_evaluation": "Итоги программы",
        "question_pairing_fit": "Как складывается ваша пара?",
        "choice_good_fit": "Подходит",
        "choice_still_deciding": "Пока не ясно",
        "choice_not_a_good_fit": "Не подходит",
        "question_satisfaction": "Насколько вы довольны наставничеством? (от 1 до 5)",
        "question_anything_else": "Что ещё стоит знать координатору?",
        "question_overall": "Насколько вы довольны наставничеством в целом? (от 1 до 5)",
        "question_recommend": "Порекомендуете ли вы программу другу?",
        "question_loved": "Что вам особенно понравилось?",
        "question_advice": "Какой совет вы дали бы следующим менти?",
        "finding_not_enough_pairs": (
            "{criterion}: пар с ответами: {pairs} (выше медианы оценки: {above_pairs}, "
            "не выше: {below_pairs}); нужно не меньше {minimum} всего и {side_minimum} "
            "с каждой стороны, поэтому выводов нет."
        ),
        "finding_no_spread": (
            "{criterion}: у всех пар с ответами одна и та же оценка (пар: {pairs}); "
            "сравнивать нечего."
        ),
        "finding_compared": (
            "{criterion}: средняя удовлетворённость (от 0 до 1) выше медианы оценки — {above} "
            "(пар: {above_pairs}), не выше медианы — {below} (пар: {below_pairs}); "
            "критерий Манна — Уитни, p {p}: {verdict}."
        ),
        "verdict_higher": "выше медианы удовлетворённость выше, уровень значимости 5 %",
        "verdict_lower": "выше медианы удовлетворённость ниже, уровень значимости 5 %",
        "verdict_unclear": "явной разницы нет",
        "number": "{whole},{fraction}",
    },
)
