"""How much fuzzing to do: ``EMENTORING_FUZZ=quick`` (``make test``) or ``long`` (``make fuzz``)."""

from __future__ import annotations

import os

LONG = os.environ.get("EMENTORING_FUZZ", "quick") == "long"

CALL_EXAMPLES = int(os.environ.get("EMENTORING_FUZZ_EXAMPLES", 300 if LONG else 4))
"""Hypothesis examples per public callable."""

DOCUMENT_EXAMPLES = 400 if LONG else 12
"""Hypothesis examples per model type, for each kind of document fuzz."""

HUGE_TEXT = 1_000_000 if LONG else 100_000
"""The length of the huge text among the hostile values."""

SLOW_CALL_SECONDS = 10.0
"""A single call taking longer than this is reported (the machine may be loaded)."""
