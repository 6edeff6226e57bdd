"""ementoring.people: one entry per person, one directory by id, every field checked."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.display import LOCALES
from ementoring.errors import (
    DuplicateIdError,
    InvalidTypeError,
    UnknownIdError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.people import Directory, Person, as_directory
from ementoring.serialization import from_data, to_data
from ementoring.testing import directories, persons

NATALIA = Person(
    id="natalia",
    name="Natalia Smirnova",
    email="natalia@example.org",
    zone="Europe/Moscow",
    locale="ru",
)
ANNA = Person(id="anna", name="Anna Kowalski", email="anna@example.org", zone="America/Toronto")
DANA = Person(id="dana", email="dana@example.org")


class TestPerson:
    def test_defaults(self) -> None:
        """Only the id is required: no name (shown by id), no address, no zone, English."""
        assert (DANA.name, DANA.zone, DANA.locale, DANA.display_name) == (None, None, "en", "dana")

    def test_zone_is_stored_as_its_key(self) -> None:
        """A ZoneInfo is kept as its IANA key, as every zone field of the library."""
        from zoneinfo import ZoneInfo

        assert Person(id="a", zone=ZoneInfo("Asia/Kathmandu")).zone == "Asia/Kathmandu"

    def test_clock_falls_back_on_the_default(self) -> None:
        """A person's clock is their zone; without one, the caller's (the program's) clock."""
        assert NATALIA.clock("America/Toronto") == "Europe/Moscow"
        assert DANA.clock("Asia/Jerusalem") == "Asia/Jerusalem"
        with pytest.raises(UnknownTimeZoneError) as caught:
            DANA.clock("Mars/Olympus")
        assert caught.value.field == "default"

    @pytest.mark.parametrize("locale", LOCALES)
    def test_every_language_of_display_is_taken(self, locale: str) -> None:
        """The languages are exactly those ementoring.display writes."""
        assert Person(id="a", locale=locale).locale == locale

    def test_languages_without_babel_are_still_valid(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Russian is a valid entry without Babel: writing it is what needs the extra."""
        monkeypatch.setitem(sys.modules, "babel", None)
        assert Person(id="a", locale="ru").locale == "ru"

    @pytest.mark.parametrize(
        ("changes", "field", "error"),
        [
            ({"id": ""}, "id", ValidationError),
            ({"id": " anna"}, "id", ValidationError),
            ({"id": "a\x07"}, "id", ValidationError),
            ({"id": 5}, "id", ValidationError),
            ({"name": "   "}, "name", ValidationError),
            ({"name": "Line\nbreak"}, "name", ValidationError),
            ({"name": "x" * 201}, "name", ValidationError),
            ({"name": "\ud800"}, "name", ValidationError),
            ({"email": "no-at-sign"}, "email", ValidationError),
            ({"email": "a b@example.org"}, "email", ValidationError),
            ({"email": 5}, "email", ValidationError),
            ({"zone": "Mars/Olympus"}, "zone", UnknownTimeZoneError),
            ({"locale": "de"}, "locale", ValidationError),
            ({"locale": "ru-RU"}, "locale", ValidationError),
            ({"locale": None}, "locale", InvalidTypeError),
        ],
    )
    def test_bad_fields(self, changes: dict[str, Any], field: str, error: type[Exception]) -> None:
        """Every field is checked, naming it, with the library's typed error."""
        with pytest.raises(error) as caught:
            attrs.evolve(ANNA, **changes)
        assert getattr(caught.value, "field", None) == field

    def test_keyword_only_and_immutable(self) -> None:
        """Frozen and keyword-only, as every model of the house."""
        with pytest.raises(TypeError):
            Person("anna")  # type: ignore[call-arg]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ANNA.name = "Anna K."  # type: ignore[misc]


class TestDirectory:
    def test_a_read_only_mapping_by_id(self) -> None:
        """Lookups, membership, length, iteration by id, and dict() of it."""
        people = Directory(people=[NATALIA, DANA, ANNA])
        assert isinstance(people, Mapping)
        assert list(people) == ["anna", "dana", "natalia"]
        assert len(people) == 3
        assert people["natalia"] is NATALIA
        assert ("anna" in people, "zoe" in people) == (True, False)
        assert not people.__contains__(5)
        assert dict(people) == {"anna": ANNA, "dana": DANA, "natalia": NATALIA}
        assert people.get("zoe") is None
        assert people.get("zoe", ANNA) is ANNA
        assert list(people.values()) == [ANNA, DANA, NATALIA]

    def test_an_unknown_id_is_named(self) -> None:
        """A lookup of an id not in the directory raises UnknownIdError naming it."""
        with pytest.raises(UnknownIdError) as caught:
            Directory(people=[ANNA])["zoe"]
        assert (caught.value.field, caught.value.value) == ("people", "zoe")
        assert isinstance(caught.value, LookupError)

    def test_the_order_given_does_not_matter(self) -> None:
        """The same people in any order make an equal directory with an equal hash."""
        one, other = Directory(people=[ANNA, NATALIA]), Directory(people=(NATALIA, ANNA))
        assert one == other
        assert hash(one) == hash(other)
        assert one.people == (ANNA, NATALIA)

    def test_names(self) -> None:
        """A message names someone by display name, by id when unnamed or not in the directory."""
        people = Directory(people=[ANNA, DANA])
        assert [people.name_of(p) for p in ("anna", "dana", "zoe")] == [
            "Anna Kowalski",
            "dana",
            "zoe",
        ]
        with pytest.raises(InvalidTypeError):
            people.name_of(5)  # type: ignore[arg-type]

    def test_a_reader_with_their_clock_settled(self) -> None:
        """reader(): the entry with a clock (their own, else the program's); unknown ids named."""
        people = Directory(people=[NATALIA, DANA])
        assert people.reader("natalia", zone="America/Toronto") is NATALIA
        dana = people.reader("dana", zone="Asia/Jerusalem")
        assert (dana.zone, dana.locale, dana.email) == ("Asia/Jerusalem", "en", DANA.email)
        with pytest.raises(UnknownIdError) as caught:
            people.reader("yael", zone="UTC")
        assert caught.value.value == "yael"
        with pytest.raises(UnknownTimeZoneError):
            people.reader("dana", zone="Mars/Olympus")

    def test_refused(self) -> None:
        """Duplicates, mappings, text and strangers in the list are typed errors naming the field."""
        with pytest.raises(DuplicateIdError) as duplicate:
            Directory(people=[ANNA, attrs.evolve(ANNA, name="Anna K.")])
        assert duplicate.value.field == "people"
        with pytest.raises(InvalidTypeError):
            Directory(people={"anna": ANNA})  # type: ignore[dict-item]
        with pytest.raises(InvalidTypeError):
            Directory(people="anna")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError) as stranger:
            Directory(people=[ANNA, "dana"])  # type: ignore[list-item]
        assert stranger.value.field == "people[1]"

    def test_as_directory(self) -> None:
        """A directory passes as it is; a list becomes one; anything else is refused by its name."""
        people = Directory(people=[ANNA])
        assert as_directory(people) is people
        assert as_directory([DANA, ANNA]) == Directory(people=[ANNA, DANA])
        with pytest.raises(DuplicateIdError) as caught:
            as_directory([ANNA, ANNA], "contacts")
        assert caught.value.field == "contacts"
        with pytest.raises(InvalidTypeError):
            as_directory({"anna": ANNA})  # type: ignore[dict-item]


@given(st.lists(persons(), max_size=8, unique_by=lambda p: p.id), st.randoms())
def test_law_the_same_people_in_any_order_make_the_same_directory(
    people: list[Person], rng: Any
) -> None:
    """A directory depends on who is in it, never on the order given, bytes of its document included."""
    shuffled = list(people)
    rng.shuffle(shuffled)
    one, other = Directory(people=people), Directory(people=shuffled)
    assert one == other
    assert to_data(one) == to_data(other)
    assert list(one) == sorted(p.id for p in people)
    assert all(one[p.id] is p for p in people)


@given(directories(ids=["olga", "ivan"]))
def test_law_a_stored_directory_reads_back_equal(people: Directory) -> None:
    """Every entry survives to_data and from_data, through JSON."""
    import json

    assert from_data(Directory, json.loads(json.dumps(to_data(people)))) == people
    assert {"olga", "ivan"} <= set(people)
