"""Reminders as data (keys, params, max_age) and as messages (render, in both languages)."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring._languages import LANGUAGES, PLACEHOLDERS
from ementoring.accounting import Pace
from ementoring.display import LOCALES, local_time_text
from ementoring.errors import (
    InvalidTypeError,
    MissingExtraError,
    UnknownIdError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.journal import Agenda, AgendaItem
from ementoring.journey import standard_plan
from ementoring.people import Directory, Person
from ementoring.reminders import (
    MAX_AGE,
    PARAMS,
    ActionItemParams,
    ChangeParams,
    NoSessionParams,
    PaceParams,
    Reminder,
    ReminderKind,
    ReplyParams,
    ReviewParams,
    SessionParams,
    SurveyParams,
    render,
)
from ementoring.testing import reminders as any_reminders
from tests.reminders.test_reminders import (
    JOURNAL,
    LEDGER,
    PAIR,
    PROGRAM,
    S1,
    S2,
    TestActionItemOverdue,
    at,
    entry,
    everyone,
)

NAMES = {"david": "David Chen", "olga": "Ольга Смирнова", "anna": "Anna"}
ZONES = {"olga": "Europe/Moscow"}
PEOPLE = Directory(
    people=[
        Person(id="david", name="David Chen"),
        Person(id="olga", name="Ольга Смирнова", zone="Europe/Moscow"),
        Person(id="anna", name="Anna"),
    ]
)
EVERYTHING = (
    JOURNAL.add_entry(entry("e1", "olga", "s1", at(3, 4)))
    .add_action_item(TestActionItemOverdue.item)
    .add_agenda(Agenda("s2", "olga", [AgendaItem("CV review", requested_by="olga")]))
)


def all_at(now: datetime, **options: Any) -> tuple[Reminder, ...]:
    return everyone(
        PROGRAM, PAIR, [S1, S2], EVERYTHING, LEDGER, at=now, coordinators=["anna"], **options
    )


def shape(template: str) -> str:
    """A pattern matching what the template gives, whatever fills its placeholders."""
    return re.sub(r"\\\{\w+\\\}", ".+", re.escape(template))


def wrong(value: object) -> Any:
    """A value of the wrong type, passed where the signature says otherwise."""
    return value


def identity(r: Reminder) -> tuple[str, str, tuple[str, ...], datetime]:
    return (r.kind.value, r.recipient_id, r.subject, r.due_at)


def one_of_each() -> dict[str, Reminder]:
    """A reminder for every message of every kind (``behind_pace`` has three)."""
    due = at(3, 17, 22)

    def make(kind: ReminderKind, params: Any, recipient: str = "olga") -> Reminder:
        survey = params.survey.id if isinstance(params, SurveyParams) else None
        return Reminder(
            kind=kind,
            recipient_id=recipient,
            about_id="x1" if survey is None else survey,
            due_at=due,
            program_zone="America/Toronto",
            params=params,
            mentorship_ids=[] if survey is None else ["m1"],
        )

    check_in = SurveyParams(
        survey=standard_plan("p").survey("check_in"), occasion=2, partner_id="david",
        opens_at=due - timedelta(days=7), answer_by=due,
    )  # fmt: skip

    session = SessionParams(
        session_start=at(3, 18, 16), session_end=at(3, 18, 17), partner_ids=["david"]
    )
    pace = PaceParams(
        pace=Pace.BEHIND, logged=timedelta(hours=2, minutes=30), target=timedelta(hours=10),
        expected_by_now=timedelta(hours=5), sessions_completed=2, days_since_last_session=21,
    )  # fmt: skip
    return {
        "agenda_due": make(ReminderKind.AGENDA_DUE, session),
        "journal_due": make(ReminderKind.JOURNAL_DUE, session),
        "no_next_session": make(
            ReminderKind.NO_NEXT_SESSION, NoSessionParams(partner_id="david", last_session_end=None)
        ),
        "behind_pace": make(ReminderKind.BEHIND_PACE, pace),
        "at_risk": make(
            ReminderKind.BEHIND_PACE,
            attrs.evolve(pace, pace=Pace.AT_RISK, days_since_last_session=None),
        ),
        "at_risk_quiet": make(ReminderKind.BEHIND_PACE, attrs.evolve(pace, pace=Pace.AT_RISK)),
        "review_pending": make(
            ReminderKind.REVIEW_PENDING,
            ReviewParams(author_id="olga", author_role="mentee", written_at=at(3, 10, 9), waited_days=7),
            recipient="anna",
        ),
        "action_item_overdue": make(
            ReminderKind.ACTION_ITEM_OVERDUE,
            ActionItemParams(description="Rewrite the CV", due_on=date(2026, 3, 17), assigned_by="david"),
        ),
        "reply_missing": make(
            ReminderKind.REPLY_MISSING,
            ReplyParams(session_start=at(3, 18, 16), session_end=at(3, 18, 17), waiting_ids=["david"]),
        ),
        "replies_missing": make(
            ReminderKind.REPLY_MISSING,
            ReplyParams(session_start=at(3, 18, 16), session_end=at(3, 18, 17),
                        waiting_ids=["david", "anna"]),
        ),
        "session_changed": make(
            ReminderKind.SESSION_CHANGED,
            ChangeParams(change="moved", session_start=at(3, 18, 16), session_end=at(3, 18, 17),
                         earlier_start=at(3, 17, 16), earlier_end=at(3, 17, 17),
                         partner_ids=["david", "anna"]),
        ),
        "survey_due": make(ReminderKind.SURVEY_DUE, check_in),
        "survey_overdue": make(ReminderKind.SURVEY_OVERDUE, check_in),
    }  # fmt: skip


class TestKeys:
    @settings(max_examples=60)
    @given(st.integers(0, 60 * 24 * 60), st.integers(0, 60 * 24 * 14))
    def test_stable_across_calls(self, minutes: int, later: int) -> None:
        """A reminder found again later has the same key; its deadline did not move.

        (behind_pace and no_next_session are due once a week while their state
        lasts: a later week is a new reminder, so they are left out.)"""
        first = at(3, 1) + timedelta(minutes=minutes)
        earlier = all_at(first)
        again = {
            (r.kind, r.recipient_id, r.about_id): r
            for r in all_at(first + timedelta(minutes=later))
        }
        assert all_at(first) == earlier
        for r in earlier:
            same = again.get((r.kind, r.recipient_id, r.about_id))
            if same is not None and r.kind not in (
                ReminderKind.BEHIND_PACE,
                ReminderKind.NO_NEXT_SESSION,
            ):
                assert (same.due_at, same.key) == (r.due_at, r.key)

    @settings(max_examples=300)
    @given(any_reminders(), any_reminders())
    def test_distinct_reminders_never_share_a_key(self, one: Reminder, other: Reminder) -> None:
        """Keys are equal exactly when kind, recipient, subject and due time are, whatever
        "/" or "%" the ids contain."""
        assert (one.key == other.key) == (identity(one) == identity(other))

    def test_ids_that_look_like_separators(self) -> None:
        """("a/b", "c") and ("a", "b/c") give different keys."""
        base = one_of_each()["no_next_session"]
        first = attrs.evolve(base, recipient_id="a/b", about_id="c")
        second = attrs.evolve(base, recipient_id="a", about_id="b/c")
        assert first.key != second.key
        assert first.key == "no_next_session/a%2Fb/c/2026-03-17T22:00:00Z"

    def test_keys_in_one_call_are_unique(self) -> None:
        """Every reminder of a call has its own key."""
        found = all_at(at(3, 20))
        assert len({r.key for r in found}) == len(found) > 3


class TestParams:
    def test_each_kind_carries_its_facts(self) -> None:
        """The params class is the kind's, with the facts behind the message."""
        found = all_at(at(3, 31, 16))
        assert found
        for r in found:
            assert type(r.params) is PARAMS[r.kind]
        pace = next(r.params for r in found if r.kind is ReminderKind.BEHIND_PACE)
        assert isinstance(pace, PaceParams)
        assert (pace.pace, pace.logged, pace.sessions_completed) == (
            Pace.AT_RISK,
            timedelta(hours=1),
            1,
        )
        item = next(
            r.params for r in all_at(at(3, 18, 4)) if r.kind is ReminderKind.ACTION_ITEM_OVERDUE
        )
        assert item == ActionItemParams(
            description="Research three Toronto HR associations",
            due_on=date(2026, 3, 17),
            assigned_by="david",
        )

    def test_params_must_match_the_kind(self) -> None:
        """A reminder whose params belong to another kind is refused."""
        agenda = one_of_each()["agenda_due"]
        with pytest.raises(InvalidTypeError, match="SessionParams"):
            attrs.evolve(agenda, params=NoSessionParams(partner_id="david", last_session_end=None))

    def test_a_session_cannot_end_before_it_starts(self) -> None:
        """SessionParams refuses an end before the start, naming the field."""
        with pytest.raises(ValidationError, match="session_end"):
            SessionParams(session_start=at(3, 18, 17), session_end=at(3, 18, 16), partner_ids=["d"])


class TestStrategy:
    @given(any_reminders(kinds=["behind_pace", ReminderKind.REVIEW_PENDING], story_only=True))
    def test_kinds_are_kept_to(self, reminder: Reminder) -> None:
        """kinds= limits what is drawn."""
        assert reminder.kind in (ReminderKind.BEHIND_PACE, ReminderKind.REVIEW_PENDING)

    @pytest.mark.parametrize("kinds", [[], ["someday"], "agenda_due", 5])
    def test_bad_options_are_refused_at_once(self, kinds: Any) -> None:
        """No kind, an unknown kind, a bare string or a number: refused when the strategy is made."""
        with pytest.raises(ValidationError):
            any_reminders(kinds=kinds)


class TestMaxAge:
    def test_old_reminders_are_not_produced(self) -> None:
        """s1's journal reminder (due 5 March 23:00) lasts 14 days; max_age=None keeps it."""
        due = at(3, 5, 23)

        def journal_due(now: datetime, **options: Any) -> list[str]:
            found = everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=now, **options)
            return [r.recipient_id for r in found if r.kind is ReminderKind.JOURNAL_DUE]

        assert journal_due(due + MAX_AGE) == ["david", "olga"]
        assert journal_due(due + MAX_AGE + timedelta(seconds=1)) == []
        assert journal_due(due + timedelta(days=60), max_age=None) == ["david", "olga"]
        assert journal_due(due + timedelta(days=3), max_age=timedelta(days=2)) == []

    def test_a_quiet_pair_is_nudged_each_week(self) -> None:
        """no_next_session comes back each week with a new key, so it never grows old."""
        nudges = set()
        for day in range(35):
            now = at(3, 6, 12) + timedelta(days=day)
            for r in everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=now):
                if r.kind is ReminderKind.NO_NEXT_SESSION and r.recipient_id == "olga":
                    assert now - r.due_at < timedelta(weeks=1)
                    nudges.add(r.key)
        dues = sorted(key.rsplit("/", 1)[1] for key in nudges)
        assert dues == [
            f"2026-{day}T23:00:00Z"
            for day in ("03-03", "03-10", "03-17", "03-24", "03-31", "04-07")
        ]

    @pytest.mark.parametrize(
        ("value", "error"), [(timedelta(-1), ValidationError), (14, InvalidTypeError)]
    )
    def test_refused(self, value: Any, error: type[Exception]) -> None:
        """A negative or non-timedelta max_age is refused."""
        with pytest.raises(error):
            everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=at(3, 6), max_age=value)


class TestRender:
    def test_on_the_readers_clock_with_names(self) -> None:
        """Olga in St. Petersburg reads the Toronto program's agenda reminder on Moscow time,
        in English or Russian, with David by name; David reads his on Toronto time."""
        found = everyone(PROGRAM, PAIR, [S1, S2], JOURNAL, LEDGER, at=at(3, 10, 1))
        agenda = next(r for r in found if r.kind is ReminderKind.AGENDA_DUE)
        assert render(agenda, PEOPLE) == (
            "Please send the agenda for your session with David Chen on Wed 11 Mar, 01:00 "
            "Moscow time. It was due by Tue 10 Mar, 01:00 Moscow time."
        )
        assert render(agenda, PEOPLE, locale="ru") == (
            "Пожалуйста, отправьте повестку встречи: ср, 11 мар., 01:00 (Москва), партнёр: "
            "David Chen. Срок отправки: вт, 10 мар., 01:00 (Москва)."
        )
        journal = next(
            r
            for r in everyone(PROGRAM, PAIR, [S1], JOURNAL, LEDGER, at=at(3, 6))
            if r.kind is ReminderKind.JOURNAL_DUE and r.recipient_id == "david"
        )
        assert "with Ольга Смирнова on Tue 3 Mar, 17:00 Toronto time" in render(journal, PEOPLE)

    @pytest.mark.parametrize("locale", LOCALES)
    @pytest.mark.parametrize("message", sorted(PLACEHOLDERS))
    def test_every_template_of_every_kind(self, locale: str, message: str) -> None:
        """Each message in each language: every placeholder filled, times on the reader's clock."""
        reminder = one_of_each()[message]
        text = render(reminder, PEOPLE, locale=locale)
        assert "{" not in text
        assert re.fullmatch(shape(LANGUAGES[locale].messages[message]), text)
        reader = ZONES.get(reminder.recipient_id, reminder.program_zone)
        if "due" in PLACEHOLDERS[message]:
            # A survey's reminder states the survey's deadline; the others their own.
            params = reminder.params
            deadline = params.answer_by if isinstance(params, SurveyParams) else reminder.due_at
            assert local_time_text(deadline, reader, locale=locale) in text
        if message == "at_risk_quiet":
            assert ("21 days" if locale == "en" else "21 день") in text

    def test_the_russian_words(self) -> None:
        """Russian plurals and roles in the messages that count."""
        each = one_of_each()
        assert render(each["behind_pace"], PEOPLE, locale="ru") == (
            "Наставничество отстаёт от графика. Записано: 2 часа 30 минут, цель: 10 часов, к этому "
            "дню ожидалось около: 5 часов; позади 2 встречи. Подумайте о более длинной или "
            "дополнительной встрече."
        )
        assert render(each["review_pending"], PEOPLE, locale="ru") == (
            "Запись в дневнике (Ольга Смирнова, менти) от вт, 10 мар., 05:00 (Торонто) ждёт "
            "проверки уже 7 дней."
        )

    @settings(max_examples=200)
    @given(any_reminders(), st.sampled_from(LOCALES), st.booleans())
    def test_never_fails(self, reminder: Reminder, locale: str, own_clock: bool) -> None:
        """Any valid reminder renders in either language, on the program's or another clock."""
        reader = Person(
            id=reminder.recipient_id, zone="Pacific/Chatham" if own_clock else None, locale=locale
        )
        text = render(reminder, [reader])
        templates = LANGUAGES[locale].messages.values()
        assert any(re.fullmatch(shape(template), text, re.DOTALL) for template in templates)

    def test_long_items_are_cut(self) -> None:
        """An action item is shown on one line, at most 80 characters."""
        item = one_of_each()["action_item_overdue"]
        params = ActionItemParams(
            description="word\n" * 100, due_on=date(2026, 3, 1), assigned_by="a"
        )
        shown = re.search(r'"(.*)"', render(attrs.evolve(item, params=params), PEOPLE))
        assert shown is not None
        assert len(shown[1]) == 80
        assert shown[1].endswith("…")

    @pytest.mark.parametrize(
        ("call", "error"),
        [
            (lambda r: render(wrong("r"), PEOPLE), InvalidTypeError),
            (lambda r: render(r, wrong([5])), InvalidTypeError),
            (lambda r: render(r, wrong(None)), InvalidTypeError),
            (lambda r: render(r, wrong({"olga": "Europe/Moscow"})), InvalidTypeError),
            (lambda r: render(r, [Person(id="david")]), UnknownIdError),
            (lambda r: render(r, PEOPLE, locale="de"), ValidationError),
            (lambda r: render(r, PEOPLE, locale=wrong(7)), InvalidTypeError),
            (lambda r: render(r, PEOPLE, names=NAMES), ValidationError),
        ],
    )
    def test_refused(self, call: Any, error: type[Exception]) -> None:
        """Bad arguments raise the library's typed errors."""
        with pytest.raises(error):
            call(one_of_each()["agenda_due"])

    @pytest.mark.parametrize("message", sorted(PLACEHOLDERS))
    def test_the_maps_before_the_directory_still_work(self, message: str) -> None:
        """names= and zones= (and locale=) write what the directory does, with a warning."""
        reminder = one_of_each()[message]
        for locale in LOCALES:
            with pytest.warns(DeprecationWarning, match="people directory"):
                old = render(reminder, names=NAMES, zones=ZONES, locale=locale)
            assert old == render(reminder, PEOPLE, locale=locale)

    @pytest.mark.parametrize(
        ("call", "error"),
        [
            (lambda r: render(r, names=wrong([]), zones={}), InvalidTypeError),
            (lambda r: render(r, names={}, zones=wrong([])), InvalidTypeError),
            (lambda r: render(r, names=wrong({"david": 5}), zones={}), InvalidTypeError),
            (lambda r: render(r, names={}, zones={"olga": "Mars/Base"}), UnknownTimeZoneError),
            (lambda r: render(r, names={}, zones={}, locale="de"), ValidationError),
        ],
    )
    def test_the_deprecated_maps_refused(self, call: Any, error: type[Exception]) -> None:
        """Bad maps raise the library's typed errors, after the warning."""
        with pytest.warns(DeprecationWarning, match="people directory"), pytest.raises(error):
            call(one_of_each()["agenda_due"])

    def test_without_babel(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """English still renders without Babel, the clock named by its key; Russian asks for
        the i18n extra, even for a message with no time in it."""
        for name in [m for m in sys.modules if m == "babel" or m.startswith("babel.")]:
            monkeypatch.setitem(sys.modules, name, None)
        each = one_of_each()
        assert render(each["agenda_due"], PEOPLE).endswith(
            "It was due by Wed 18 Mar, 01:00 Moscow time."
        )
        for message in ("agenda_due", "no_next_session"):
            with pytest.raises(MissingExtraError, match="i18n"):
                render(each[message], PEOPLE, locale="ru")
