"""Lossless, JSON-compatible documents for every public model, through one cattrs converter.

``to_data(obj)`` gives a ``dict`` of plain JSON values; ``from_data(cls, data)``
rebuilds the object, validating it exactly as the constructor would:

>>> from datetime import datetime, UTC
>>> from ementoring.scheduling import Interval
>>> meeting = Interval(datetime(2026, 3, 10, 16, tzinfo=UTC), datetime(2026, 3, 10, 17, tzinfo=UTC))
>>> data = to_data(meeting)
>>> data
{'schema': 1, 'type': 'Interval', 'start': '2026-03-10T16:00:00Z', 'end': '2026-03-10T17:00:00Z'}
>>> from_data(Interval, data) == meeting
True

Encodings: instants as ISO 8601 in UTC with ``Z``; dates as ISO; local times as
``HH:MM`` (``HH:MM:SS`` when they have seconds); durations as whole seconds
(a float only when a duration has a fraction of a second, so nothing is lost);
zones as IANA keys; enums by value; tuples as lists; sets as sorted lists, so
the same object always gives the same JSON. Every document carries its
``"type"`` and, in ``"schema"``, that type's version (:data:`SCHEMA_VERSIONS`);
earlier versions are read through upgrade steps (:func:`upgrade`), and unknown
fields, newer versions and the wrong type are refused.

Bad data raises one :class:`~ementoring.errors.ValidationError` listing every
bad field by its path, and no object is built:

>>> from_data(Interval, {"schema": 1, "type": "Interval", "start": "2026-03-10T16:00", "end": 5})
Traceback (most recent call last):
...
ementoring.errors.InvalidDocumentError: data: 2 problems: start: not an aware ISO 8601 instant; end: not an aware ISO 8601 instant
"""

from __future__ import annotations

from ementoring.serialization._converter import converter
from ementoring.serialization._document import from_data, to_data
from ementoring.serialization._limits import (
    MAX_DOCUMENT_DEPTH,
    MAX_DOCUMENT_TEXT,
    MAX_DOCUMENT_VALUES,
)
from ementoring.serialization._problems import MAX_PROBLEMS
from ementoring.serialization._registry import DOCUMENT_TYPES, TRANSIENT_TYPES
from ementoring.serialization._schema import json_schema
from ementoring.serialization._steps import UPGRADE_STEPS
from ementoring.serialization._versions import SCHEMA, SCHEMA_VERSIONS, upgrade, upgrade_table

__all__ = [
    "DOCUMENT_TYPES",
    "MAX_DOCUMENT_DEPTH",
    "MAX_DOCUMENT_TEXT",
    "MAX_DOCUMENT_VALUES",
    "MAX_PROBLEMS",
    "SCHEMA",
    "SCHEMA_VERSIONS",
    "TRANSIENT_TYPES",
    "UPGRADE_STEPS",
    "converter",
    "from_data",
    "json_schema",
    "to_data",
    "upgrade",
    "upgrade_table",
]
