"""ementoring: the domain logic of a volunteer e-mentoring program, with no I/O.

Subpackages, one per capability:

* :mod:`ementoring.matching`: optimal, explainable mentor-mentee assignment.
* :mod:`ementoring.scheduling`: time-zone-aware availability and common slots.
* :mod:`ementoring.accounting`: programs, sessions, the hour ledger, progress.
* :mod:`ementoring.journal`: learning journals, agendas, action items, reviews.

Shared kernels: :mod:`ementoring.errors` and :mod:`ementoring.timezones`.
"""

__version__ = "0.2.0"
"""The version of this release of ementoring."""

__all__ = ["__version__"]
