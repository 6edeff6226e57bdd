"""Today's model class for a document's ``"type"``, found by name in the public modules."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["MODULES", "model_class"]

MODULES = (
    "ementoring.timezones",
    "ementoring.scheduling",
    "ementoring.matching",
    "ementoring.accounting",
    "ementoring.journal",
)
"""The public modules whose ``__all__`` names every model that documents are written for."""


def model_class(name: str) -> type[Any]:
    """The class a public module exports as ``name``.

    Raises:
        LookupError: No public module exports a class of that name.

    >>> model_class("Interval").__name__
    'Interval'
    """
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        found = getattr(module, name, None) if name in module.__all__ else None
        if isinstance(found, type):
            return found
    raise LookupError(f"no public module exports a model named {name!r}")
