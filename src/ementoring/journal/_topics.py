"""Topics: labels compared by a normalised key, displayed as first written."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

from ementoring._validate import is_collection
from ementoring.errors import InvalidTypeError, ValidationError

__all__ = ["MAX_TOPICS", "MAX_TOPIC_LENGTH", "Topic", "normalise_topic", "topics"]

MAX_TOPIC_LENGTH = 200
"""The longest topic label accepted, in characters."""

MAX_TOPICS = 100
"""The most topics one list (an entry's ``discussed``, an agenda...) may hold."""

# Separators between topics in one string: "CV review; interview prep, networking".
_SEPARATORS = re.compile(r"[;,\n]")
# Punctuation that joins words ("workplace-culture", "CV/resume", "small_talk")
# becomes a space; any other punctuation ("C.V.", "Q&A", "employer's") is dropped.
_WORD_JOINERS = frozenset({"Pd", "Pc"})


def normalise_topic(label: str) -> str:
    """Fold case, spacing and punctuation so that spellings of one topic compare equal.

    Dashes, underscores and slashes separate words; other punctuation is
    dropped; runs of white space become one space; case is folded (Unicode
    ``casefold`` after NFKC normalisation). Letters, digits and symbols such
    as ``+`` are kept.

    Args:
        label: The topic as someone wrote it.

    Returns:
        The comparison key (possibly empty, which :class:`Topic` refuses).

    Raises:
        ValidationError: ``label`` is longer than :data:`MAX_TOPIC_LENGTH`
            (checked before normalising, which can make text 18 times longer).

    >>> normalise_topic("  Canadian   workplace-culture! ")
    'canadian workplace culture'
    >>> normalise_topic("C.V. Review") == normalise_topic("cv review")
    True
    """
    if not isinstance(label, str):
        return ""
    _check_length(label)
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", label).casefold())
    chars: list[str] = []
    for char in folded:
        category = unicodedata.category(char)
        if char.isspace() or char == "/" or category in _WORD_JOINERS:
            chars.append(" ")
        elif not category.startswith("P"):
            chars.append(char)
    # Dropping a mark can bring a letter and a combining accent together: recompose.
    return unicodedata.normalize("NFKC", " ".join("".join(chars).split()))


def _check_length(label: str) -> None:
    if len(label) > MAX_TOPIC_LENGTH:
        raise ValidationError(
            "topic",
            f"<{len(label):,} characters>",
            f"must be at most {MAX_TOPIC_LENGTH} characters",
        )


def _label(_instance: Any, field: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError("topic", value, "a string")
    if not normalise_topic(value):
        raise ValidationError("topic", value, "must contain a letter, digit or symbol")


@attrs.frozen(order=True)
class Topic:
    """A subject of conversation, equal to any other spelling of itself.

    Equality, hashing and ordering use :attr:`key` (see :func:`normalise_topic`);
    :attr:`label` keeps the spelling first written, for display.

    Args:
        label: The topic as written, e.g. ``"CV review"``.

    Raises:
        ValidationError: The label is not a string, is longer than
            ``MAX_TOPIC_LENGTH`` characters, or has nothing but spaces and punctuation.

    >>> Topic("CV review") == Topic("cv-Review.")
    True
    >>> str(Topic("Canadian workplace culture")), Topic("Canadian workplace culture").key
    ('Canadian workplace culture', 'canadian workplace culture')
    """

    label: str = attrs.field(eq=False, validator=_label)
    key: str = attrs.field(init=False)

    @key.default
    def _key_from_label(self) -> str:
        # Runs before the validators: refuse a non-string or over-long label here
        # too, before normalising it.
        if not isinstance(self.label, str):
            raise InvalidTypeError("topic", self.label, "a string")
        return normalise_topic(self.label)

    def __str__(self) -> str:
        return self.label


def topics(value: str | Topic | Iterable[str | Topic], field: str = "topics") -> tuple[Topic, ...]:
    """Parse topics from one string (separated by ``;``, ``,`` or new lines) or a collection.

    Empty pieces are skipped; a topic given twice (in any spelling) is kept
    once, with its first spelling, in first-seen order.

    Args:
        value: ``"CV review; interview prep"``, or an iterable of labels and topics.
        field: The name to give in an error message.

    Returns:
        The topics, in the order first written.

    Raises:
        ValidationError: A piece is not a valid topic label (the field names
            its position, e.g. ``topics[1]``), or there are more than
            :data:`MAX_TOPICS` pieces.
        InvalidTypeError: ``value`` is neither text nor a collection.

    >>> [str(t) for t in topics("CV review; interview prep,\\nCV Review")]
    ['CV review', 'interview prep']
    >>> topics(["Networking", "!!"])
    Traceback (most recent call last):
    ...
    ementoring.errors.ValidationError: topics[1]: must contain a letter, digit or symbol (got '!!')
    """
    if isinstance(value, Topic):
        return (value,)
    if isinstance(value, str):
        if len(value) > MAX_TOPICS * (MAX_TOPIC_LENGTH + 1):
            raise ValidationError(
                field, f"<{len(value):,} characters>", f"must hold at most {MAX_TOPICS} topics"
            )
        pieces: list[str | Topic] = [p.strip() for p in _SEPARATORS.split(value)]
        pieces = [p for p in pieces if p]
    elif is_collection(value):
        pieces = list(itertools.islice(value, MAX_TOPICS + 1))
    else:
        raise InvalidTypeError(field, value, "a string or a collection of topics")
    if len(pieces) > MAX_TOPICS:
        raise ValidationError(
            field, f"<more than {MAX_TOPICS} topics>", f"must hold at most {MAX_TOPICS} topics"
        )
    result: dict[str, Topic] = {}
    for index, piece in enumerate(pieces):
        if isinstance(piece, Topic):
            topic = piece
        else:
            try:
                topic = Topic(piece)
            except ValidationError as err:
                raise ValidationError(f"{field}[{index}]", err.value, err.reason) from None
        result.setdefault(topic.key, topic)
    return tuple(result.values())
