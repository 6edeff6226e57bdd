"""People as messages and calendars show them: one directory entry each, one directory.

A :class:`Person` says how to show someone the library knows by id: a display
name, an e-mail address, a zone and a language. A :class:`Directory` holds a
program's people by id; :mod:`ementoring.display`, :mod:`ementoring.calendar`
and the reminders read it instead of separate maps of names, zones and
languages. Both are immutable, validated and stored by
:mod:`ementoring.serialization`.

This room sits just above the kernel (it needs zones, the input rules and the
list of languages) and below :mod:`ementoring.display`, so every room that
writes for people may read it.
"""

from ementoring.people._directory import Directory, as_directory
from ementoring.people._person import Person

__all__ = ["Directory", "Person", "as_directory"]
