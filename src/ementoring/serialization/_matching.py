"""Matching's documents: criteria by factory name and arguments, reasons for the unmatched, results."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, get_type_hints

import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ementoring.errors import EmentoringError, ValidationError
from ementoring.matching import BUILTIN_CRITERIA, Criterion, MatchingResult, Unmatched, custom
from ementoring.matching._custom import thaw
from ementoring.serialization._encodings import _object_only
from ementoring.serialization._problems import _BadValue, _Problems, _structure_items

# The custom criterion factories of the from_data call under way (see from_data).
_FACTORIES: ContextVar[Mapping[str, Callable[..., Criterion]]] = ContextVar(
    "_FACTORIES", default=MappingProxyType({})
)


def _register_matching(conv: cattrs.Converter) -> None:
    def unstructure_criterion(criterion: Criterion) -> dict[str, Any]:
        recipe = criterion.recipe
        if recipe is None:
            raise ValidationError(
                "criteria",
                criterion.name,
                "a criterion's scoring function cannot be stored: make it with"
                " ementoring.matching.custom(name, factory, ...) to store it by name",
            )
        if recipe.custom:
            return {
                "custom": recipe.factory,
                "arguments": {name: thaw(value) for name, value in recipe.arguments},
            }
        arguments = {name: conv.unstructure(value) for name, value in recipe.arguments}
        return {"factory": recipe.factory, "arguments": arguments}

    def structure_custom(value: Mapping[str, Any]) -> Criterion:
        name = value.get("custom")
        factories = _FACTORIES.get()
        if not isinstance(name, str) or name not in factories:
            known = ", ".join(sorted(factories)) or "none given"
            raise _BadValue(
                f"unknown custom criterion {name!r}: pass its factory as"
                f" from_data(..., criteria={{{name!r}: factory}}) (known: {known})"
            )
        arguments = value.get("arguments", {})
        if not isinstance(arguments, Mapping):
            raise _BadValue("arguments: expected a mapping")
        try:
            return custom(name, factories[name], **arguments)
        except EmentoringError:
            raise
        except (TypeError, ValueError) as error:
            raise _BadValue(f"the factory {name!r} refused the arguments ({error})") from None

    def structure_criterion(value: Any, _type: type) -> Criterion:
        if not isinstance(value, Mapping):
            raise _BadValue("expected a mapping")
        kind = "custom" if "custom" in value else "factory"
        extra = set(value) - {kind, "arguments"}
        if extra:
            raise ForbiddenExtraKeysError("", Criterion, extra)
        if kind == "custom":
            return structure_custom(value)
        name = value.get("factory")
        factory = BUILTIN_CRITERIA.get(name) if isinstance(name, str) else None
        if factory is None:
            raise _BadValue(
                f"not a built-in criterion (one of {', '.join(sorted(BUILTIN_CRITERIA))})"
            )
        arguments = value.get("arguments", {})
        if not isinstance(arguments, Mapping):
            raise _BadValue("arguments: expected a mapping")
        hints = get_type_hints(inspect.unwrap(factory))
        parameters = inspect.signature(factory).parameters
        unknown = set(arguments) - set(parameters)
        if unknown:
            raise _BadValue(f"unknown arguments {', '.join(sorted(unknown))}")
        missing = [
            name
            for name, parameter in parameters.items()
            if parameter.default is inspect.Parameter.empty and name not in arguments
        ]
        if missing:
            raise _Problems([(f"arguments.{name}", "required field missing") for name in missing])
        done = _structure_items(
            conv,
            ((f"arguments.{name}", raw, hints[name]) for name, raw in arguments.items()),
        )
        return factory(**{part.removeprefix("arguments."): item for part, item in done.items()})

    conv.register_unstructure_hook(Criterion, unstructure_criterion)
    conv.register_structure_hook(Criterion, structure_criterion)

    def structure_detail(value: Any, _type: Any) -> Mapping[str, Any]:
        # Counts per rule (no allowed mentor), or the mentees holding each seat (mentors full).
        if not isinstance(value, Mapping):
            raise _BadValue("expected a mapping")
        detail: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, list) and all(isinstance(i, str) for i in item):
                detail[key] = tuple(item)
            elif isinstance(item, int) and not isinstance(item, bool):
                detail[key] = item
            else:
                raise _BadValue(f"{key}: expected a count or a list of ids")
        return detail

    conv.register_structure_hook(
        Unmatched,
        _object_only(
            make_dict_structure_fn(
                Unmatched,
                conv,
                detail=override(struct_hook=structure_detail),
                _cattrs_forbid_extra_keys=True,
            )
        ),
    )

    # Registered after Unmatched: generated hooks capture the hooks of their fields.
    # The solver's working state stays out of documents; verify() recomputes what it needs.
    conv.register_unstructure_hook(
        MatchingResult, make_dict_unstructure_fn(MatchingResult, conv, _scored=override(omit=True))
    )
    conv.register_structure_hook(
        MatchingResult,
        _object_only(
            make_dict_structure_fn(
                MatchingResult, conv, _scored=override(omit=True), _cattrs_forbid_extra_keys=True
            )
        ),
    )
