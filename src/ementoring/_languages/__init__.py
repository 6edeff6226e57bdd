"""The languages messages are written in: one module of plain data per language.

To add a language, copy ``en.py`` to ``<code>.py``, translate it, and add it to
``LANGUAGES`` below; docs/messages.md says what the tests then check.
"""

from __future__ import annotations

from collections.abc import Mapping

from ementoring._languages import en, ru
from ementoring._languages._spec import PLACEHOLDERS, Language

__all__ = ["LANGUAGES", "PLACEHOLDERS", "Language"]

LANGUAGES: Mapping[str, Language] = {module.LANGUAGE.code: module.LANGUAGE for module in (en, ru)}
"""Every language, by the tag passed as ``locale=``."""
