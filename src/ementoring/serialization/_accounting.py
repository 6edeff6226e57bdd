"""Accounting's documents: zone-keyed programs, and sessions read from either form of their mentorships.

A session stored before ``proposed_at`` was required (``null`` or absent)
is read with :data:`~ementoring.timezones.EARLIEST`: it counts as existing
before its history, as such a session always did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn

from ementoring.accounting import Program, Session
from ementoring.serialization._encodings import object_only, zone_keyed
from ementoring.timezones import EARLIEST


def register(conv: cattrs.Converter) -> None:
    """Accounting's hooks: a program's zone, a session's mentorships and its proposal time."""
    zone_keyed(conv, Program)
    inner = object_only(make_dict_structure_fn(Session, conv, _cattrs_forbid_extra_keys=True))
    earliest = conv.unstructure(EARLIEST)

    def structure_session(value: Any, t: type) -> Session:
        # Schema 1 also spells a session of one mentorship with "mentorship_id"
        # (one id); it reads as "mentorship_ids" of that one.
        if (
            isinstance(value, Mapping)
            and "mentorship_id" in value
            and "mentorship_ids" not in value
        ):
            value = {
                **{k: v for k, v in value.items() if k != "mentorship_id"},
                "mentorship_ids": [value["mentorship_id"]],
            }
        # Stored before proposed_at was required: null or absent reads as EARLIEST,
        # "existed before its history", what a session without it always meant.
        if isinstance(value, Mapping) and value.get("proposed_at") is None:
            value = {**value, "proposed_at": earliest}
        return inner(value, t)

    conv.register_structure_hook(Session, structure_session)
