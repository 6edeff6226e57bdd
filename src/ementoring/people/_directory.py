"""The directory: every person of a program by id, the one map messages and calendars read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, overload

import attrs

from ementoring._validate import check_unique, items_of
from ementoring.errors import InvalidTypeError, UnknownIdError
from ementoring.people._person import Person
from ementoring.timezones import ZoneLike

__all__ = ["Directory", "as_directory"]


def _people(value: Iterable[Person]) -> tuple[Person, ...]:
    people = items_of(value, Person, "people", "a collection of Person", each="a Person")
    check_unique(people, key=lambda person: person.id, field="people")
    # Sorted by id, so the same people in any order make the same directory.
    return tuple(sorted(people, key=lambda person: person.id))


@attrs.frozen(kw_only=True)
class Directory(Mapping[str, Person]):
    """Every person of a program, by id: a read-only mapping of id -> :class:`Person`.

    One directory replaces the parallel maps of names, zones and languages:
    :func:`~ementoring.display.on_each_clock`, :func:`~ementoring.calendar.invite`
    and :func:`~ementoring.calendar.feed` read it. Looking up an id it does not
    hold raises :class:`~ementoring.errors.UnknownIdError` naming the id
    (``get`` and ``in`` answer without raising). Iteration is by id.

    Args:
        people: The entries, ids unique (kept sorted by id).

    Raises:
        InvalidTypeError: ``people`` is not a collection of :class:`Person`.
        DuplicateIdError: Two entries with one id.

    >>> people = Directory(people=[Person(id="natalia", name="Natalia Smirnova", locale="ru"),
    ...                            Person(id="anna", name="Anna Kowalski")])
    >>> list(people), people["natalia"].locale, "dana" in people
    (['anna', 'natalia'], 'ru', False)
    >>> people["dana"]
    Traceback (most recent call last):
    ...
    ementoring.errors.UnknownIdError: people: no one in the directory has this id (got 'dana')
    >>> people.name_of("anna"), people.name_of("dana")
    ('Anna Kowalski', 'dana')
    """

    people: tuple[Person, ...] = attrs.field(converter=_people)
    _by_id: Mapping[str, Person] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {person.id: person for person in self.people})

    def __getitem__(self, person_id: str) -> Person:
        found = self._by_id.get(person_id) if isinstance(person_id, str) else None
        if found is None:
            raise UnknownIdError("people", person_id, "no one in the directory has this id")
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self.people)

    def __contains__(self, person_id: object) -> bool:
        return isinstance(person_id, str) and person_id in self._by_id

    @overload
    def get(self, person_id: str, /) -> Person | None: ...

    @overload
    def get(self, person_id: str, /, default: Person) -> Person: ...

    @overload
    def get(self, person_id: str, /, default: Any) -> Any: ...

    def get(self, person_id: str, /, default: Any = None) -> Any:
        """The entry for ``person_id``, or ``default`` when the directory has none.

        >>> Directory(people=[Person(id="anna")]).get("dana") is None
        True
        """
        return self._by_id.get(person_id, default) if isinstance(person_id, str) else default

    def reader(self, person_id: str, *, zone: ZoneLike) -> Person:
        """The entry of someone a message is written for, with their clock settled.

        What a message for one reader needs from the directory, in one value: their
        name, their language, and their clock (their own zone, else ``zone``, the
        program's). Pass it where :mod:`ementoring.display` takes a zone:
        ``local_time_text(instant, people.reader(id, zone=program.zone))`` writes
        on their clock, in their language.

        Args:
            person_id: The reader's id.
            zone: The clock for a reader without a zone of their own.

        Raises:
            UnknownIdError: ``person_id`` is not in the directory.
            UnknownTimeZoneError: ``zone`` is needed and is not a time zone.

        >>> people = Directory(people=[Person(id="natalia", locale="ru")])
        >>> people.reader("natalia", zone="America/Toronto")
        Person(id='natalia', name=None, email=None, zone='America/Toronto', locale='ru')
        """
        found = self[person_id]
        if found.zone is not None:
            return found
        return attrs.evolve(found, zone=found.clock(zone))

    def name_of(self, person_id: str) -> str:
        """How to name someone in a message: their display name, or the id for someone not here.

        A message names partners, authors and guests; one of them missing from the
        directory is shown by id rather than failing the whole message.

        Raises:
            InvalidTypeError: ``person_id`` is not a string.

        >>> Directory(people=[Person(id="anna", name="Anna")]).name_of("anna")
        'Anna'
        """
        if not isinstance(person_id, str):
            raise InvalidTypeError("person_id", person_id, "a person id")
        found = self._by_id.get(person_id)
        return found.display_name if found is not None else person_id


def as_directory(people: Directory | Iterable[Person], field: str = "people") -> Directory:
    """A :class:`Directory` of ``people``: a directory as it is, or a collection of :class:`Person`.

    What every function that reads people accepts, so a caller may pass a
    directory or a list.

    Args:
        people: A directory, or the entries (ids unique).
        field: The argument's name, for errors.

    Raises:
        InvalidTypeError: Neither a directory nor a collection of :class:`Person`.
        DuplicateIdError: Two entries with one id.

    >>> as_directory([Person(id="ivan"), Person(id="anna")]).people[0].id
    'anna'
    """
    if isinstance(people, Directory):
        return people
    entries = items_of(
        people, Person, field, "a Directory or a collection of Person", each="a Person"
    )
    check_unique(entries, key=lambda person: person.id, field=field)
    return Directory(people=entries)
