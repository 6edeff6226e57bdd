"""ementoring.display: plural forms against CLDR's rules, clocks named, English without Babel."""

from __future__ import annotations

import string
import sys
import zoneinfo
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring._languages import LANGUAGES, PLACEHOLDERS, SESSION_CHANGE_PLACEHOLDERS
from ementoring.display import (
    LOCALES,
    MAX_COUNT,
    SESSION_CHANGES,
    UNITS,
    Unit,
    count_text,
    duration_text,
    interval_text,
    list_text,
    local_time_text,
    on_each_clock,
    session_change_text,
)
from ementoring.display._words import _PLAIN_ENGLISH, _cldr
from ementoring.errors import (
    DuplicateIdError,
    InvalidTypeError,
    MissingExtraError,
    NaiveDatetimeError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.journal import AuthorRole
from ementoring.people import Directory, Person
from ementoring.scheduling import Interval
from ementoring.testing import STORY_ZONES, instants

# The nouns each language should show, by CLDR plural category: written out here,
# not read from the library, so a wrong CLDR unit or a wrong form in a language
# module fails the test.
FORMS: dict[str, dict[Unit, dict[str, str]]] = {
    "en": {
        "day": {"one": "day", "other": "days"},
        "hour": {"one": "hour", "other": "hours"},
        "minute": {"one": "minute", "other": "minutes"},
        "session": {"one": "session", "other": "sessions"},
    },
    "ru": {
        "day": {"one": "день", "few": "дня", "many": "дней"},
        "hour": {"one": "час", "few": "часа", "many": "часов"},
        "minute": {"one": "минута", "few": "минуты", "many": "минут"},
        "session": {"one": "встреча", "few": "встречи", "many": "встреч"},
    },
}
ALL_ZONES = sorted(zoneinfo.available_timezones())
T = datetime(2026, 3, 17, 16, 0, tzinfo=UTC)


@pytest.fixture
def without_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel is not installed: importing it fails, as in a plain ``pip install ementoring``."""
    for name in list(sys.modules):
        if name == "babel" or name.startswith("babel."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "babel", None)


class TestPlurals:
    @pytest.mark.parametrize("locale", LOCALES)
    @pytest.mark.parametrize("unit", UNITS)
    def test_every_number_to_200_follows_cldr(self, locale: str, unit: Unit) -> None:
        """0..200 of each unit: the noun is the form of Babel's plural category for the number."""
        rule = Locale.parse(locale).plural_form
        for number in range(201):
            noun = FORMS[locale][unit][rule(number)]
            assert count_text(number, unit, locale=locale) == f"{number} {noun}", number

    @pytest.mark.parametrize(
        ("number", "unit", "expected"),
        [
            (1, "hour", "1 час"),
            (2, "hour", "2 часа"),
            (5, "hour", "5 часов"),
            (21, "hour", "21 час"),
            (1, "day", "1 день"),
            (3, "day", "3 дня"),
            (11, "day", "11 дней"),
            (111, "minute", "111 минут"),
            (22, "minute", "22 минуты"),
            (0, "session", "0 встреч"),
            (101, "session", "101 встреча"),
            (1_234, "session", "1 234 встречи"),
        ],
    )
    def test_the_issue_examples(self, number: int, unit: Unit, expected: str) -> None:
        """The forms a Russian reader checks first, with CLDR's digit grouping."""
        assert count_text(number, unit, locale="ru").replace("\xa0", " ") == expected

    def test_durations(self) -> None:
        """Hours then minutes, each in its own plural form; nothing is "0 hours"."""
        assert duration_text(timedelta(hours=2, minutes=30)) == "2 hours 30 minutes"
        assert duration_text(timedelta(hours=2, minutes=30), locale="ru") == "2 часа 30 минут"
        assert duration_text(timedelta(hours=1, minutes=1), locale="ru") == "1 час 1 минута"
        assert duration_text(timedelta(minutes=59, seconds=31)) == "1 hour"
        assert duration_text(timedelta(seconds=29)) == "0 hours"
        assert duration_text(timedelta(0), locale="ru") == "0 часов"

    @given(st.integers(0, 10_000), st.integers(0, 59), st.sampled_from(LOCALES))
    def test_duration_is_its_counts(self, hours: int, minutes: int, locale: str) -> None:
        """A duration reads as its hour count and its minute count, joined by a space."""
        amount = timedelta(hours=hours, minutes=minutes)
        parts = [count_text(hours, "hour", locale=locale)] if hours or not minutes else []
        parts += [count_text(minutes, "minute", locale=locale)] if minutes else []
        assert duration_text(amount, locale=locale) == " ".join(parts)


class TestClocks:
    def test_the_issue_examples(self) -> None:
        """Tuesday 17 March 16:00 UTC in Moscow, in English and in Russian."""
        assert local_time_text(T, "Europe/Moscow") == "Tue 17 Mar, 19:00 Moscow time"
        assert local_time_text(T, "Europe/Moscow", locale="ru") == "вт, 17 мар., 19:00 (Москва)"

    @pytest.mark.parametrize(
        ("key", "en", "ru"),
        [
            ("Asia/Kathmandu", "21:45 Kathmandu time", "21:45 (Катманду)"),
            ("America/St_Johns", "13:30 St. John’s time", "13:30 (Сент-Джонс)"),
            ("Asia/Calcutta", "21:30 Kolkata time", "21:30 (Калькутта)"),
            ("Etc/GMT+3", "13:00 UTC-03:00", "13:00 (UTC-03:00)"),
            ("EST5EDT", "12:00 UTC-04:00", "12:00 (UTC-04:00)"),
        ],
    )
    def test_cities_from_cldr_and_offsets_without_one(self, key: str, en: str, ru: str) -> None:
        """CLDR's exemplar city (even for an old key); a zone with no city by its offset."""
        assert local_time_text(T, key).endswith(en)
        assert local_time_text(T, key, locale="ru").endswith(ru)

    @settings(max_examples=300)
    @given(st.sampled_from(ALL_ZONES), instants(), st.sampled_from(LOCALES))
    def test_any_zone_is_named_never_abbreviated(
        self, key: str, instant: datetime, locale: str
    ) -> None:
        """Every zone: the local time is shown, and never a %Z abbreviation ("+03", "MSK")."""
        local = instant.astimezone(zoneinfo.ZoneInfo(key))
        text = local_time_text(instant, key, locale=locale)
        assert f"{local:%H:%M}" in text
        abbreviation = local.tzname()
        assert abbreviation is not None
        if abbreviation not in ("UTC", "GMT"):
            assert abbreviation not in text.split(), text

    def test_a_reader_gives_clock_and_language(self) -> None:
        """A Person with a zone is a reader: their clock, and their language unless one is given."""
        natalia = Person(id="natalia", zone="Europe/Moscow", locale="ru")
        assert local_time_text(T, natalia) == local_time_text(T, "Europe/Moscow", locale="ru")
        assert local_time_text(T, natalia, locale="en") == local_time_text(T, "Europe/Moscow")

    @given(
        instants(), st.integers(1, 3_000), st.sampled_from(STORY_ZONES), st.sampled_from(LOCALES)
    )
    def test_interval_text_is_each_line_of_on_each_clock(
        self, start: datetime, minutes: int, key: str, locale: str
    ) -> None:
        """One person's line is their name and interval_text on their clock: one rule for both."""
        interval = Interval(start, start + timedelta(minutes=minutes))
        person = Person(id="p", name="P", zone=key)
        (line,) = on_each_clock(interval, [person], locale=locale)
        assert line == f"P: {interval_text(interval, key, locale=locale)}"

    @pytest.mark.parametrize(
        ("change", "en", "ru"),
        [
            ("booked", "A session is booked for Tue 17 Mar, 12:00–13:00 Toronto time.",
             "Назначена встреча: вт, 17 мар., 19:00–20:00 (Москва)."),
            ("confirmed", "The session on Tue 17 Mar, 12:00–13:00 Toronto time is confirmed.",
             "Встреча подтверждена: вт, 17 мар., 19:00–20:00 (Москва)."),
            ("cancelled", "The session on Tue 17 Mar, 12:00–13:00 Toronto time is cancelled.",
             "Встреча отменена: вт, 17 мар., 19:00–20:00 (Москва)."),
        ],
    )  # fmt: skip
    def test_what_happened_to_a_session(self, change: Any, en: str, ru: str) -> None:
        """Booked, confirmed and cancelled: one sentence on the reader's clock, in their language."""
        hour = Interval(T, T + timedelta(hours=1))
        assert session_change_text(change, hour, "America/Toronto") == en
        natalia = Person(id="natalia", zone="Europe/Moscow", locale="ru")
        assert session_change_text(change, hour, natalia) == ru

    def test_a_move_says_both_times(self) -> None:
        """Moved: the new time and the old one, both on the reader's clock."""
        new, old = Interval(T, T + timedelta(hours=1)), Interval(T - timedelta(days=2), T)
        natalia = Person(id="natalia", zone="Europe/Moscow", locale="ru")
        assert session_change_text("moved", new, natalia, before=old) == (
            "Встреча перенесена: вт, 17 мар., 19:00–20:00 (Москва)."
            " Прежнее время: вс, 15 мар., 19:00 – вт, 17 мар., 19:00 (Москва)."
        )

    def test_on_each_clock(self) -> None:
        """One line per person in the order given; a day boundary shows both dates."""
        late = Interval(
            datetime(2026, 3, 17, 3, 0, tzinfo=UTC), datetime(2026, 3, 17, 5, tzinfo=UTC)
        )
        anna = Person(id="anna", name="Anna", zone="America/Toronto")
        natalia = Person(id="natalia", name="Natalia", zone="Europe/Moscow")
        assert on_each_clock(late, [anna, natalia]) == (
            "Anna: Mon 16 Mar, 23:00 – Tue 17 Mar, 01:00 Toronto time",
            "Natalia: Tue 17 Mar, 06:00–08:00 Moscow time",
        )
        midnight = Interval(
            datetime(2026, 3, 17, 20, tzinfo=UTC), datetime(2026, 3, 17, 21, tzinfo=UTC)
        )
        russian = Person(id="natalia", name="Наталья", zone="Europe/Moscow")
        assert on_each_clock(midnight, [russian], locale="ru") == (
            "Наталья: вт, 17 мар., 23:00–00:00 (Москва)",
        )
        assert on_each_clock(late, []) == ()
        # A directory lists its people by id; someone without a zone reads the given clock.
        unzoned = Person(id="dana", name="Dana")
        assert on_each_clock(
            late, Directory(people=[natalia, unzoned, anna]), zone="Asia/Jerusalem"
        ) == (
            "Anna: Mon 16 Mar, 23:00 – Tue 17 Mar, 01:00 Toronto time",
            "Dana: Tue 17 Mar, 05:00–07:00 Jerusalem time",
            "Natalia: Tue 17 Mar, 06:00–08:00 Moscow time",
        )

    def test_the_deprecated_mapping_of_names_to_zones(self) -> None:
        """{display name: zone} still gives the same lines, with a DeprecationWarning."""
        late = Interval(
            datetime(2026, 3, 17, 3, 0, tzinfo=UTC), datetime(2026, 3, 17, 5, tzinfo=UTC)
        )
        with pytest.warns(DeprecationWarning, match="Person entries or a Directory"):
            lines = on_each_clock(
                late, wrong({"Anna": "America/Toronto", "Natalia": "Europe/Moscow"})
            )
        assert lines == (
            "Anna: Mon 16 Mar, 23:00 – Tue 17 Mar, 01:00 Toronto time",
            "Natalia: Tue 17 Mar, 06:00–08:00 Moscow time",
        )
        hour = Interval(T, T + timedelta(hours=1))
        with pytest.warns(DeprecationWarning, match="deprecated"), pytest.raises(InvalidTypeError):
            on_each_clock(hour, wrong({1: "UTC"}))
        with (
            pytest.warns(DeprecationWarning, match="deprecated"),
            pytest.raises(UnknownTimeZoneError),
        ):
            on_each_clock(hour, wrong({"A": "Nowhere"}))

    @given(st.lists(st.sampled_from(STORY_ZONES), max_size=5), instants(), st.sampled_from(LOCALES))
    def test_each_line_is_the_start_on_that_clock(
        self, keys: list[str], start: datetime, locale: str
    ) -> None:
        """Each person's line begins with the start as local_time_text writes it, minus the clock."""
        people = [Person(id=f"p{i}", name=f"P{i}", zone=key) for i, key in enumerate(keys)]
        lines = on_each_clock(Interval(start, start + timedelta(minutes=45)), people, locale=locale)
        assert len(lines) == len(people)
        for line, person in zip(lines, people, strict=True):
            assert person.zone is not None
            local = start.astimezone(zoneinfo.ZoneInfo(person.zone))
            assert line.startswith(f"{person.name}: ")
            assert f"{local:%H:%M}" in line


class TestWithoutBabel:
    @settings(max_examples=200)
    @given(instants(), st.sampled_from(STORY_ZONES))
    def test_english_tables_repeat_cldr(self, instant: datetime, key: str) -> None:
        """The plain-English tables write exactly what Babel writes for en.py's patterns."""
        local = instant.astimezone(zoneinfo.ZoneInfo(key))
        cldr = _cldr("en")
        assert _PLAIN_ENGLISH.date_time(local) == cldr.date_time(local)
        assert _PLAIN_ENGLISH.time(local) == cldr.time(local)
        if key.startswith("Etc/") or "/" not in key:
            assert _PLAIN_ENGLISH.clock(key, local) == cldr.clock(key, local)

    @pytest.mark.parametrize("unit", UNITS)
    def test_english_counts_repeat_cldr(self, unit: Unit) -> None:
        """Plain-English counts equal CLDR's for 0..200 and a grouped large number."""
        for number in (*range(201), 1_234_567):
            assert _PLAIN_ENGLISH.count(number, unit) == _cldr("en").count(number, unit)

    @settings(max_examples=100)
    @given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
    def test_english_lists_repeat_cldr(self, items: list[str]) -> None:
        """Plain-English lists ("A, B, and C") equal CLDR's for any number of items."""
        assert _PLAIN_ENGLISH.listing(items) == _cldr("en").listing(items)

    @pytest.mark.usefixtures("without_babel")
    def test_english_still_works_and_names_the_key(self) -> None:
        """Without Babel, English works; the clock is named by its key's last part."""
        assert local_time_text(T, "America/Toronto") == "Tue 17 Mar, 12:00 Toronto time"
        assert local_time_text(T, "America/St_Johns") == "Tue 17 Mar, 13:30 St Johns time"
        assert duration_text(timedelta(hours=21)) == "21 hours"
        assert count_text(1_000, "session") == "1,000 sessions"
        assert list_text(["Anna", "Boris", "Yael"]) == "Anna, Boris, and Yael"

    @pytest.mark.usefixtures("without_babel")
    def test_russian_needs_the_extra(self) -> None:
        """Russian without Babel is refused, naming the extra to install."""
        with pytest.raises(MissingExtraError, match=r"ementoring\[i18n\]") as info:
            local_time_text(T, "Europe/Moscow", locale="ru")
        assert info.value.extra == "i18n"
        with pytest.raises(MissingExtraError):
            count_text(2, "hour", locale="ru")
        with pytest.raises(MissingExtraError):
            list_text(["Anna", "Boris"], locale="ru")


def wrong(value: object) -> Any:
    """A value of the wrong type, passed where the signature says otherwise."""
    return value


class TestInputs:
    @pytest.mark.parametrize(
        ("call", "error"),
        [
            (lambda: count_text(True, "day"), InvalidTypeError),
            (lambda: count_text(wrong(2.0), "day"), InvalidTypeError),
            (lambda: count_text(-1, "day"), ValidationError),
            (lambda: count_text(MAX_COUNT + 1, "day"), ValidationError),
            (lambda: count_text(1, wrong("week")), ValidationError),
            (lambda: count_text(1, "day", locale=wrong(None)), InvalidTypeError),
            (lambda: count_text(1, "day", locale="fr"), ValidationError),
            (lambda: duration_text(wrong(3600)), InvalidTypeError),
            (lambda: list_text([]), ValidationError),
            (lambda: list_text(wrong("Anna")), InvalidTypeError),
            (lambda: list_text(["Anna", wrong(5)]), InvalidTypeError),
            (lambda: list_text(["Anna"], locale="fr"), ValidationError),
            (lambda: duration_text(timedelta(seconds=-1)), ValidationError),
            (lambda: local_time_text(datetime(2026, 3, 17), "UTC"), NaiveDatetimeError),
            (lambda: local_time_text(T, "Mars/Olympus"), UnknownTimeZoneError),
            (lambda: local_time_text(datetime.max.replace(tzinfo=UTC), "Asia/Tokyo"), ValidationError),
            (lambda: on_each_clock((T, T), [Person(id="a", zone="UTC")]), InvalidTypeError),
            (lambda: on_each_clock(Interval(T, T + timedelta(hours=1)), wrong(["UTC"])), InvalidTypeError),
            (lambda: on_each_clock(Interval(T, T + timedelta(hours=1)), [Person(id="a"), wrong("b")]), InvalidTypeError),
            (lambda: on_each_clock(Interval(T, T + timedelta(hours=1)), [Person(id="a")]), ValidationError),
            (lambda: on_each_clock(Interval(T, T + timedelta(hours=1)), [Person(id="a", zone="UTC")] * 2), DuplicateIdError),
            (lambda: on_each_clock(Interval(T, T + timedelta(hours=1)), [], zone="Nowhere"), UnknownTimeZoneError),
            (lambda: local_time_text(T, Person(id="a")), ValidationError),
            (lambda: interval_text(Interval(T, T + timedelta(hours=1)), Person(id="a")), ValidationError),
            (lambda: interval_text((T, T), "UTC"), InvalidTypeError),
            (lambda: session_change_text(wrong("postponed"), Interval(T, T + timedelta(hours=1)), "UTC"), ValidationError),
            (lambda: session_change_text("moved", Interval(T, T + timedelta(hours=1)), "UTC"), ValidationError),
            (lambda: session_change_text("booked", Interval(T, T + timedelta(hours=1)), "UTC", before=Interval(T, T + timedelta(hours=1))), ValidationError),
            (lambda: session_change_text("moved", Interval(T, T + timedelta(hours=1)), "UTC", before=T), InvalidTypeError),
        ],
    )  # fmt: skip
    def test_refused_with_a_typed_error(self, call: Any, error: type[Exception]) -> None:
        """Every bad input raises the library's own typed error."""
        with pytest.raises(error):
            call()


class TestLanguageModules:
    @pytest.mark.parametrize("code", sorted(LANGUAGES))
    def test_complete_and_consistent(self, code: str) -> None:
        """Each language has every message with exactly its placeholders, every role, and a
        form for every plural category its CLDR rule gives whole numbers."""
        language = LANGUAGES[code]
        assert language.code == code
        assert set(language.messages) == set(PLACEHOLDERS)
        for key, template in language.messages.items():
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            assert fields == PLACEHOLDERS[key], (code, key)
        assert set(language.roles) == {role.value for role in AuthorRole}
        assert (
            set(language.session_changes)
            == set(SESSION_CHANGE_PLACEHOLDERS)
            == set(SESSION_CHANGES)
        )
        for key, template in language.session_changes.items():
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            assert fields == SESSION_CHANGE_PLACEHOLDERS[key], (code, key)
        assert language.session_title.strip()
        assert language.times_heading.strip()
        rule = Locale.parse(language.cldr).plural_form
        for forms in language.counted.values():
            assert {rule(n) for n in range(1_000)} | {"other"} <= set(forms)
            assert all(set(forms[c]) and "{count}" in forms[c] for c in forms)
