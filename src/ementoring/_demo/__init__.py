"""The demo, ``python -m ementoring demo``: the library at work on a whole cohort.

The room behind the command line; it returns text, which only
``ementoring.__main__`` prints. ``_cohort`` holds the people,
``_sections`` computes each section through the public API, ``_story`` tells
them in order and reads the command line.
"""

from ementoring._demo._sections import PROGRAM_START
from ementoring._demo._story import DEFAULT_TODAY, demo, run

__all__ = ["DEFAULT_TODAY", "PROGRAM_START", "demo", "run"]
