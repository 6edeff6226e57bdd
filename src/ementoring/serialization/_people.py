"""The people's documents: a person's optional zone as an IANA key, a directory as its list."""

from __future__ import annotations

import cattrs
from cattrs.gen import make_dict_unstructure_fn

from ementoring.people import Directory, Person
from ementoring.serialization._encodings import zone_keyed


def register(conv: cattrs.Converter) -> None:
    """The people's hooks: a zone-keyed person; a directory written as its fields, not as a mapping."""
    zone_keyed(conv, Person, optional=True)
    # A Directory is also a Mapping, which cattrs would write as {id: person}: the
    # document keeps the constructor's one field, "people", a list sorted by id.
    conv.register_unstructure_hook(Directory, make_dict_unstructure_fn(Directory, conv))
