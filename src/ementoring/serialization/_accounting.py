"""Accounting's documents: zone-keyed programs, and sessions read from either form of their mentorships."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn

from ementoring.accounting import Program, Session
from ementoring.serialization._encodings import object_only, zone_keyed


def register(conv: cattrs.Converter) -> None:
    """Accounting's hooks: a program's zone, and a session's mentorships."""
    zone_keyed(conv, Program)
    inner = object_only(make_dict_structure_fn(Session, conv, _cattrs_forbid_extra_keys=True))

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
        return inner(value, t)

    conv.register_structure_hook(Session, structure_session)
