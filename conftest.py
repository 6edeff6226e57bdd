"""Shared test configuration, for tests and for the doctests in src/ and docs/.

Hypothesis runs without deadlines: speed is measured in ``benchmarks/``, never
asserted in unit tests, and a deadline would make the suite flaky on a busy
two-core CI machine. ``HYPOTHESIS_PROFILE=thorough`` runs many more examples.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Sphinx's configuration is not a test module (importing it changes sys.path), and
# the built site is output, not source.
collect_ignore = ["docs/conf.py"]
collect_ignore_glob = ["docs/_build/*"]

settings.register_profile(
    "default",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    deadline=None,
    max_examples=2_000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
