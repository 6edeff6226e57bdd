"""Every public callable, found at run time from each public module's ``__all__``."""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Hypothesis first: ementoring.testing registers itself through Hypothesis's entry point.
import hypothesis  # noqa: F401

import ementoring

from .registry import SKIP


@dataclass(frozen=True)
class Target:
    """One callable to fuzz: ``owner`` is the class whose instance a method needs.

    ``allowed`` are the builtin exceptions that are its protocol rather than a
    broken contract (an ``IndexError`` past the end of a sequence).
    """

    name: str
    function: Callable[..., Any]
    owner: type | None = None
    allowed: tuple[type[BaseException], ...] = ()

    @property
    def parameters(self) -> list[inspect.Parameter]:
        """The parameters a caller passes (``self`` left out)."""
        try:
            signature = inspect.signature(self.function)
        except (TypeError, ValueError):
            return []
        found = list(signature.parameters.values())
        if self.owner is not None and found and found[0].name == "self":
            found = found[1:]
        return [
            p
            for p in found
            if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        ]


def public_modules() -> list[str]:
    """``ementoring`` and every module or package below it without a ``_`` part."""
    names = ["ementoring"]
    for info in pkgutil.walk_packages(ementoring.__path__, "ementoring."):
        parts = info.name.split(".")[1:]
        if not any(part.startswith("_") for part in parts):
            names.append(info.name)
    return sorted(names)


def _skipped(name: str) -> bool:
    return any(name == skip or name.startswith(skip + ".") for skip in SKIP)


# Operators a class defines for its users ("x in ledger", "slots[0]"), fuzzed as
# methods, with the builtin exceptions that are Python's own protocol for them.
_DUNDERS: dict[str, tuple[type[BaseException], ...]] = {
    "__contains__": (),
    "__getitem__": (IndexError,),
}


def _methods(cls: type, qualified: str) -> list[Target]:
    found = []
    for attribute in sorted(dir(cls)):
        if attribute in _DUNDERS and attribute in vars(cls):
            found.append(
                Target(
                    f"{qualified}.{attribute}",
                    vars(cls)[attribute],
                    owner=cls,
                    allowed=_DUNDERS[attribute],
                )
            )
            continue
        if attribute.startswith("_"):
            continue
        raw = inspect.getattr_static(cls, attribute)
        if isinstance(raw, property | functools.cached_property):
            continue
        if isinstance(raw, staticmethod | classmethod):
            found.append(Target(f"{qualified}.{attribute}", getattr(cls, attribute)))
        elif inspect.isfunction(raw):
            found.append(Target(f"{qualified}.{attribute}", raw, owner=cls))
    return found


@functools.cache
def targets() -> tuple[Target, ...]:
    """Every public function, class and public method, once each, sorted by name."""
    seen: set[int] = set()
    found: list[Target] = []
    for module_name in public_modules():
        if _skipped(module_name):
            continue
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            qualified = f"{module_name}.{name}"
            if id(obj) in seen or _skipped(qualified):
                continue
            if not (inspect.isroutine(obj) or isinstance(obj, type)):
                continue  # constants and type aliases (Literal[...] is callable, not a callable)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue
            seen.add(id(obj))
            found.append(Target(qualified, obj))
            if isinstance(obj, type) and not issubclass(obj, enum.Enum):
                found.extend(t for t in _methods(obj, qualified) if not _skipped(t.name))
    return tuple(sorted(found, key=lambda t: t.name))
