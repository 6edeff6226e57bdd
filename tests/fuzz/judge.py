"""Call a target and judge the outcome; count calls and problems for the summary."""

from __future__ import annotations

import inspect
import reprlib
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ementoring.errors import EmentoringError

from .budget import LONG, SLOW_CALL_SECONDS

_SOURCE = str(Path(__file__).resolve().parents[2] / "src")

_repr = reprlib.Repr()
_repr.maxlevel = 3
_repr.maxstring = 80
_repr.maxother = 120
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 4


def short(value: Any) -> str:
    """A bounded ``repr`` (hostile values include deep nesting and megabytes of text)."""
    try:
        return _repr.repr(value)
    except Exception:
        return f"<{type(value).__name__}>"


@dataclass
class Tally:
    """What the fuzz suite did in this run, printed by ``conftest.py``."""

    calls: int = 0
    problems: dict[tuple[str, str, str], str] = field(default_factory=dict)
    summaries: dict[tuple[str, str, str], str] = field(default_factory=dict)


TALLY = Tally()


class Problem(AssertionError):
    """A call that broke the contract; the message says how to reproduce it."""


def _where(exc: BaseException) -> str:
    """The innermost frame in our source (else the innermost frame), as ``file:line in f``."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(_SOURCE)]
    if not (ours or frames):
        return "?"
    frame = (ours or frames)[-1]
    path = frame.filename.removeprefix(_SOURCE + "/")
    return f"{path}:{frame.lineno} in {frame.name}"


def describe_call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """``name(arg, key=value)`` with bounded reprs."""
    shown = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(shown)})"


def judge(
    name: str,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    *,
    allowed: tuple[type[BaseException], ...] = (EmentoringError,),
) -> Any:
    """Call ``function``; raise :class:`Problem` if it breaks the contract (else record it).

    Returns what the call returned, or ``None`` after an allowed error. Wrong
    arity (arguments ``inspect.signature`` cannot bind) is not a call at all.
    """
    try:
        inspect.signature(function).bind(*args, **kwargs)
    except TypeError:
        return None
    except ValueError:
        pass  # no signature to check (a builtin): call it anyway
    TALLY.calls += 1
    began = time.perf_counter()
    try:
        with warnings.catch_warnings():
            # A deprecated name (calendar.Contact) warns by design: the contract is about
            # what it raises, as for every other name.
            warnings.simplefilter("ignore", DeprecationWarning)
            result = function(*args, **kwargs)
    except allowed:
        result = None
    except Exception as exc:
        where = _where(exc)
        expected = " or ".join(a.__name__ for a in allowed)
        message = (
            f"{describe_call(name, args, kwargs)} raised {type(exc).__name__}: {short(str(exc))}\n"
            f"  at {where}\n"
            f"Expected: it works, or an {expected} (InvalidTypeError for a wrong type,"
            " ValidationError for a bad value)."
        )
        report((name, type(exc).__name__, where), message, f"{short(str(exc))} at {where}")
        return None
    elapsed = time.perf_counter() - began
    if elapsed > SLOW_CALL_SECONDS:
        message = (
            f"{describe_call(name, args, kwargs)} took {elapsed:.1f} s"
            f" (over {SLOW_CALL_SECONDS} s): unbounded work?"
        )
        report((name, "slow", ""), message, f"{elapsed:.1f} s")
    return result


def report(key: tuple[str, str, str], message: str, summary: str) -> None:
    if key not in TALLY.problems:
        TALLY.problems[key] = message
        TALLY.summaries[key] = f"{key[0]}: {key[1]}: {summary}"
    if not LONG:
        # Quick runs fail at once, so Hypothesis shrinks the arguments.
        raise Problem(message)
