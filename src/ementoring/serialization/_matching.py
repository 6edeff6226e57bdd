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
from ementoring.matching import (
    BUILTIN_CRITERIA,
    Criterion,
    MatchingResult,
    Mentee,
    Mentor,
    Unmatched,
    custom,
)
from ementoring.serialization._encodings import object_only, zone_keyed
from ementoring.serialization._problems import BadValue, Problems, structure_items

# The custom criterion factories of the from_data call under way (see from_data).
FACTORIES: ContextVar[Mapping[str, Callable[..., Criterion]]] = ContextVar(
    "FACTORIES", default=MappingProxyType({})
)


def register(conv: cattrs.Converter) -> None:
    """Matching's hooks: people's zones, criteria, the unmatched's reasons, results."""
    zone_keyed(conv, Mentor, optional=True)
    zone_keyed(conv, Mentee, optional=True)
    _register_criteria(conv)
    _register_results(conv)


def _register_criteria(conv: cattrs.Converter) -> None:
    """A criterion is its factory's name and arguments: built-in, or custom by a name from_data is given."""

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
                "arguments": recipe.json_arguments(),
            }
        arguments = {name: conv.unstructure(value) for name, value in recipe.arguments}
        return {"factory": recipe.factory, "arguments": arguments}

    def structure_custom(value: Mapping[str, Any]) -> Criterion:
        name = value.get("custom")
        factories = FACTORIES.get()
        if not isinstance(name, str) or name not in factories:
            known = ", ".join(sorted(factories)) or "none given"
            raise BadValue(
                f"unknown custom criterion {name!r}: pass its factory as"
                f" from_data(..., criteria={{{name!r}: factory}}) (known: {known})"
            )
        arguments = value.get("arguments", {})
        if not isinstance(arguments, Mapping):
            raise BadValue("arguments: expected a mapping")
        try:
            return custom(name, factories[name], **arguments)
        except EmentoringError:
            raise
        except (TypeError, ValueError) as error:
            raise BadValue(f"the factory {name!r} refused the arguments ({error})") from None

    def structure_criterion(value: Any, _type: type) -> Criterion:
        if not isinstance(value, Mapping):
            raise BadValue("expected a mapping")
        kind = "custom" if "custom" in value else "factory"
        extra = set(value) - {kind, "arguments"}
        if extra:
            raise ForbiddenExtraKeysError("", Criterion, extra)
        if kind == "custom":
            return structure_custom(value)
        name = value.get("factory")
        factory = BUILTIN_CRITERIA.get(name) if isinstance(name, str) else None
        if factory is None:
            raise BadValue(
                f"not a built-in criterion (one of {', '.join(sorted(BUILTIN_CRITERIA))})"
            )
        arguments = value.get("arguments", {})
        if not isinstance(arguments, Mapping):
            raise BadValue("arguments: expected a mapping")
        hints = get_type_hints(inspect.unwrap(factory))
        parameters = inspect.signature(factory).parameters
        unknown = set(arguments) - set(parameters)
        if unknown:
            raise BadValue(f"unknown arguments {', '.join(sorted(unknown))}")
        missing = [
            name
            for name, parameter in parameters.items()
            if parameter.default is inspect.Parameter.empty and name not in arguments
        ]
        if missing:
            raise Problems([(f"arguments.{name}", "required field missing") for name in missing])
        done = structure_items(
            conv,
            ((f"arguments.{name}", raw, hints[name]) for name, raw in arguments.items()),
        )
        return factory(**{part.removeprefix("arguments."): item for part, item in done.items()})

    conv.register_unstructure_hook(Criterion, unstructure_criterion)
    conv.register_structure_hook(Criterion, structure_criterion)


def _register_results(conv: cattrs.Converter) -> None:
    """Why a mentee is unmatched, then the results that hold them."""

    def structure_detail(value: Any, _type: Any) -> Mapping[str, Any]:
        # Counts per rule (no allowed mentor), or the mentees holding each seat (mentors full).
        if not isinstance(value, Mapping):
            raise BadValue("expected a mapping")
        detail: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, list) and all(isinstance(i, str) for i in item):
                detail[key] = tuple(item)
            elif isinstance(item, int) and not isinstance(item, bool):
                detail[key] = item
            else:
                raise BadValue(f"{key}: expected a count or a list of ids")
        return detail

    conv.register_structure_hook(
        Unmatched,
        object_only(
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
        MatchingResult,
        make_dict_unstructure_fn(
            MatchingResult, conv, _scored=override(omit=True), _explainer=override(omit=True)
        ),
    )
    conv.register_structure_hook(
        MatchingResult,
        object_only(
            make_dict_structure_fn(
                MatchingResult,
                conv,
                _scored=override(omit=True),
                _explainer=override(omit=True),
                _cattrs_forbid_extra_keys=True,
            )
        ),
    )
