"""Optional extras: import one, or raise :class:`MissingExtraError` naming it.

Extras are never imported when the core is imported; the features that need
one call :func:`require` inside the function that uses it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ementoring.errors import MissingExtraError


def require(module: str, extra: str, feature: str = "") -> ModuleType:
    """Import ``module`` from the optional extra ``extra``, or raise a clear error.

    Args:
        module: The dotted module name, e.g. ``"icalendar"``.
        extra: The extra that installs it, e.g. ``"calendar"``.
        feature: What needs it, for the message (default ``ementoring.<extra>``).

    Returns:
        The imported module.

    Raises:
        MissingExtraError: ``module`` cannot be imported; the message says
            ``pip install 'ementoring[<extra>]'``.

    >>> require("json", "none").__name__
    'json'
    >>> require("no_such_module_here", "calendar")
    Traceback (most recent call last):
    ...
    ementoring.errors.MissingExtraError: ementoring.calendar needs the optional dependency 'no_such_module_here': pip install 'ementoring[calendar]'
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(extra, module, feature) from error
