"""Time-zone-aware availability, overlap and slot finding for two or more people."""

from ementoring.scheduling._intervals import Interval, IntervalSet

__all__ = ["Interval", "IntervalSet"]
