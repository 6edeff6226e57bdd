"""Accounting's documents: sessions, read from either form of their mentorships."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn

from ementoring.accounting import Session
from ementoring.serialization._encodings import _object_only


def _register_accounting(conv: cattrs.Converter) -> None:
    inner = _object_only(make_dict_structure_fn(Session, conv, _cattrs_forbid_extra_keys=True))

    def structure_session(value: Any, t: type) -> Session:
        # Documents written before sessions could serve several mentorships
        # hold one "mentorship_id"; they read as a session of that one.
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
