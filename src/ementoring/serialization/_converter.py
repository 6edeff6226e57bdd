"""The one cattrs converter: the common encodings, then each model room's hooks, in order."""

from __future__ import annotations

import cattrs

from ementoring.serialization import (
    _accounting,
    _journal,
    _journey,
    _matching,
    _people,
    _reminders,
    _scheduling,
)
from ementoring.serialization._encodings import register_encodings


def make_converter() -> cattrs.Converter:
    """A new converter with every hook of the document format."""
    conv = cattrs.Converter(
        forbid_extra_keys=True,
        unstruct_collection_overrides={tuple: list, frozenset: list, set: list},
    )
    # The common encodings first: a class hook generated later captures the hooks
    # of its fields as they are when it is generated.
    register_encodings(conv)
    for room in (_people, _scheduling, _matching, _accounting, _journal, _journey, _reminders):
        room.register(conv)
    return conv


converter: cattrs.Converter = make_converter()
"""The one converter behind :func:`to_data` and :func:`from_data`; embedders may reuse it."""
