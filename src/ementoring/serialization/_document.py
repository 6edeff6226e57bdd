"""Documents: :func:`to_data` and :func:`from_data`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ementoring.errors import InvalidDocumentError, InvalidTypeError
from ementoring.matching import Criterion
from ementoring.serialization._converter import converter
from ementoring.serialization._matching import FACTORIES
from ementoring.serialization._problems import MAX_PROBLEMS, STRUCTURE_ERRORS, problems_of
from ementoring.serialization._registry import SCALAR_MODELS, model_name
from ementoring.serialization._versions import SCHEMA_VERSIONS, read_body

T = TypeVar("T")


def to_data(obj: Any) -> dict[str, Any]:
    """Turn a public model into a JSON-compatible ``dict`` with ``"schema"`` and ``"type"``.

    ``"schema"`` is the type's current version (:data:`SCHEMA_VERSIONS`).

    Args:
        obj: An instance of a public ementoring model.

    Returns:
        A new ``dict`` of str, int, float, bool, None, list and dict values.

    Raises:
        ValidationError: ``obj`` is not a serialisable model, or holds a value
            that has no lossless encoding (for example a matching criterion
            made without :func:`ementoring.matching.custom`).

    >>> from datetime import datetime, UTC
    >>> from ementoring.scheduling import Interval, IntervalSet
    >>> to_data(IntervalSet([Interval(datetime(2026, 1, 5, 9, tzinfo=UTC),
    ...                               datetime(2026, 1, 5, 9, 30, tzinfo=UTC))]))
    {'schema': 1, 'type': 'IntervalSet', 'intervals': [{'start': '2026-01-05T09:00:00Z', 'end': '2026-01-05T09:30:00Z'}]}
    """
    name = model_name(type(obj))
    body: Any = converter.unstructure(obj)
    if not isinstance(body, dict):
        # A model stored as one value inside others (a topic is its label)
        # still makes a document of its own: {"label": ...}.
        body = {SCALAR_MODELS[type(obj)]: body}
    return {"schema": SCHEMA_VERSIONS[name], "type": name, **body}


def from_data(
    cls: type[T],
    data: Mapping[str, Any],
    *,
    criteria: Mapping[str, Callable[..., Criterion]] | None = None,
) -> T:
    """Rebuild a model from a document made by :func:`to_data` (or parsed from its JSON).

    Args:
        cls: The model class expected.
        data: The document.
        criteria: The factories of the custom matching criteria the document
            may hold (see :func:`ementoring.matching.custom`), by name. A
            stored custom criterion whose name is not here is refused.

    Returns:
        A new, fully validated instance of ``cls``.

    A document of an earlier schema version of its type is read through the
    type's upgrade steps (:func:`upgrade`; docs/upgrading.md lists them).

    Raises:
        InvalidDocumentError: For any JSON value that is not a valid document
            of ``cls``: another type, no schema version, a field missing,
            unknown or invalid, or a document beyond :data:`MAX_DOCUMENT_DEPTH`,
            :data:`MAX_DOCUMENT_VALUES` or :data:`MAX_DOCUMENT_TEXT`. One error
            lists every bad field by its path (up to :data:`MAX_PROBLEMS`);
            nothing is built.
        DocumentVersionError: (an ``InvalidDocumentError``) a schema version
            newer than this ementoring reads, or an old document no upgrade
            step can carry over faithfully; it names the type, the version and
            what to do.
        ValidationError: ``cls`` is not a model that ementoring serialises.

    >>> from ementoring.scheduling import Interval
    >>> from_data(Interval, {"schema": 7, "type": "Interval"})
    Traceback (most recent call last):
    ...
    ementoring.errors.DocumentVersionError: data: 1 problem: schema: Interval schema 7: written by a newer ementoring; this one reads Interval schema 1 to 1; upgrade ementoring to read it
    """
    factories = _factories(criteria)
    _name, body = read_body(cls, data)
    if cls in SCALAR_MODELS:
        field = SCALAR_MODELS[cls]
        extra = sorted(set(body) - {field})
        if extra or field not in body:
            raise InvalidDocumentError(
                [(key, "unknown field") for key in extra]
                + ([] if field in body else [(field, "required field missing")])
            )
        body = body[field]
    token = FACTORIES.set(factories)
    try:
        return converter.structure(body, cls)
    except STRUCTURE_ERRORS as exc:
        path = SCALAR_MODELS.get(cls, "")
        raise InvalidDocumentError(problems_of(exc, path)[:MAX_PROBLEMS]) from None
    finally:
        FACTORIES.reset(token)


def _factories(
    criteria: Mapping[str, Callable[..., Criterion]] | None,
) -> Mapping[str, Callable[..., Criterion]]:
    if criteria is None:
        return {}
    if not isinstance(criteria, Mapping):
        raise InvalidTypeError("criteria", criteria, "a mapping of names to criterion factories")
    for name, factory in criteria.items():
        if not isinstance(name, str) or not callable(factory):
            raise InvalidTypeError("criteria", name, "a mapping of names to criterion factories")
    return dict(criteria)
