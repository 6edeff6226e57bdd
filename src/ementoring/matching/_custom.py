"""Custom criteria that can be stored: a name, a factory and JSON-valued arguments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ementoring.errors import InvalidTypeError, ValidationError
from ementoring.matching._json import freeze, thaw
from ementoring.matching._models import Criterion, Recipe

__all__ = ["custom"]


def custom(name: str, factory: Callable[..., Criterion], /, **arguments: Any) -> Criterion:
    """Build a criterion with ``factory(**arguments)`` and remember how, so it can be stored.

    ``to_data`` then stores ``name`` and the arguments, and
    ``from_data(MatchingProblem, doc, criteria={name: factory})`` calls the
    factory again: no global registry, the decoder says which factories it
    trusts. Two custom criteria with the same name and arguments (and the
    same weight and required flag) are equal.

    Args:
        name: The factory's name in stored documents.
        factory: Returns a :class:`Criterion`; called with fresh copies of the
            arguments.
        arguments: JSON values only (text, numbers, true, false, null, lists,
            objects with text keys), nested at most 20 levels.

    Returns:
        The factory's criterion, carrying its recipe.

    Raises:
        InvalidTypeError: ``factory`` is not callable, an argument is not a
            JSON value, the factory refused the arguments (a ``TypeError``),
            or it did not return a ``Criterion``.
        ValidationError: ``name`` is blank or an argument is not finite or
            too deeply nested.

    >>> from ementoring.matching import Criterion, Mentee, Mentor
    >>> def seniority(*, years: int) -> Criterion:
    ...     return Criterion("seniority", lambda r, e: 1.0 if r.attributes.get("years", 0) >= years else 0.0)
    >>> rule = custom("seniority", seniority, years=5)
    >>> rule.score(Mentor("ana", attributes={"years": 7}), Mentee("olga"))
    1.0
    >>> rule == custom("seniority", seniority, years=5)
    True
    """
    if not isinstance(name, str):
        raise InvalidTypeError("name", name, "a factory name (str)")
    if not name or name != name.strip():
        raise ValidationError("name", name, "must be a non-empty string without surrounding spaces")
    if not callable(factory):
        raise InvalidTypeError("factory", factory, "a function returning a Criterion")
    frozen = tuple(sorted((key, freeze(value, key)) for key, value in arguments.items()))
    try:
        criterion = factory(**{key: thaw(value) for key, value in frozen})
    except TypeError as error:  # arguments the factory does not take
        raise InvalidTypeError(
            "arguments",
            sorted(arguments),
            f"arguments that {name!r} takes (it refused the arguments: {error})",
        ) from None
    if not isinstance(criterion, Criterion):
        raise InvalidTypeError("factory", criterion, "a function returning a Criterion")
    return attrs.evolve(criterion, recipe=Recipe(name, frozen, custom=True))
