"""The people's models: directory entries in every language, and whole directories."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from ementoring._languages import LOCALES
from ementoring.errors import InvalidTypeError
from ementoring.people import Directory, Person
from ementoring.testing._options import check_count, check_id, check_optional_id, ids_from
from ementoring.testing._timezones import zones

# Names a calendar and a message must carry as they are: other scripts, apostrophes, accents.
_NAMES = (
    "Anna Kowalski",
    "Наталья Смирнова",
    "Dana Cohen",
    "James O'Connor",
    "Zoë Ó Briain",
    "李美",
)


def persons(*, person_id: str | None = None) -> st.SearchStrategy[Person]:
    """Directory entries: sometimes without a name, an address or a zone; any language.

    Args:
        person_id: Always this id (else ids such as ``"p12"``).

    Raises:
        InvalidTypeError: ``person_id`` is not a string.
        ValidationError: ``person_id`` is not an id.

    >>> from hypothesis import given
    >>> @given(persons())
    ... def test_shown_by_name_or_id(person):
    ...     assert person.display_name in (person.name, person.id)
    >>> test_shown_by_name_or_id()
    """
    check_optional_id(person_id, "person_id")
    ids = ids_from(person_id, r"p[0-9]{1,3}")

    @st.composite
    def build(draw: st.DrawFn) -> Person:
        person = draw(ids)
        return Person(
            id=person,
            name=draw(st.none() | st.sampled_from(_NAMES)),
            email=draw(st.none() | st.just(f"{person}@example.org")),
            zone=draw(st.none() | zones(story_only=True)),
            locale=draw(st.sampled_from(LOCALES)),
        )

    return build()


def directories(*, ids: Sequence[str] = (), max_people: int = 6) -> st.SearchStrategy[Directory]:
    """Directories of up to ``max_people`` entries, always holding every id of ``ids``.

    Args:
        ids: People who must be in the directory (a session's participants, say).
        max_people: How many entries at most besides them.

    Raises:
        InvalidTypeError: ``ids`` is not a sequence of ids, or a bad count type.
        ValidationError: A bad id or count.

    >>> from hypothesis import given
    >>> @given(directories(ids=["olga", "ivan"]))
    ... def test_everyone_is_there(people):
    ...     assert {"olga", "ivan"} <= set(people)
    >>> test_everyone_is_there()
    """
    if isinstance(ids, str) or not isinstance(ids, Sequence):
        raise InvalidTypeError("ids", ids, "a sequence of person ids")
    for index, person in enumerate(ids):
        check_id(person, f"ids[{index}]")
    check_count(max_people, "max_people")
    required = sorted(set(ids))

    @st.composite
    def build(draw: st.DrawFn) -> Directory:
        given_people = [draw(persons(person_id=person)) for person in required]
        others = draw(
            st.lists(
                persons().filter(lambda p: p.id not in required),
                max_size=max_people,
                unique_by=lambda p: p.id,
            )
        )
        return Directory(people=[*given_people, *others])

    return build()
