"""The append-only hour ledger: records, corrections and voids as reversing lines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs

from ementoring._validate import items_of, require_type
from ementoring.accounting._hour_entries import (
    EntryKind,
    HourEntry,
    _check_against_session,
    _entry_kind,
)
from ementoring.accounting._ledger_lines import LedgerLine, LineCause, LineKind, _replay
from ementoring.accounting._session import Session
from ementoring.errors import (
    DuplicateIdError,
    InvalidTransitionError,
    InvalidTypeError,
    UnknownIdError,
    ValidationError,
)
from ementoring.timezones import require_aware

__all__ = ["HourLedger"]


def _lines(value: Iterable[LedgerLine]) -> tuple[LedgerLine, ...]:
    return items_of(value, LedgerLine, "lines", "an iterable of LedgerLine")


def _checked_entry_id(entry_id: Any) -> str:
    """An entry id to look up: text, else ``InvalidTypeError``."""
    if not isinstance(entry_id, str):
        raise InvalidTypeError("entry_id", entry_id, "an entry id (text)")
    return entry_id


def _actor(by: Any) -> str:
    if not isinstance(by, str) or not by or by != by.strip():
        raise ValidationError("by", by, "must be a non-empty id without surrounding spaces")
    return by


def _required_reason(reason: Any) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationError("reason", reason, "must say why (a non-empty string)")
    if len(reason) > 2_000:
        raise ValidationError("reason", f"<{len(reason)} characters>", "must be at most 2,000")
    return reason


@attrs.frozen
class HourLedger:
    """Append-only hours: every change is a new line; nothing is rewritten or dropped.

    ``record`` adds an entry; ``correct`` adds a reversal of the live version
    and a replacement; ``void`` adds a reversal. The total is the sum of the
    lines' deltas, which always equals the sum of the live entries.
    ``len(ledger)`` counts lines; ``entry_id in ledger`` tells whether an id
    was ever recorded (voided ones included); ``ledger.entries`` lists the
    live entries.

    Args:
        lines: The lines, oldest first (to rebuild a stored ledger; they are replayed
            and checked).

    Raises:
        ValidationError: Lines that do not follow the rules above.

    >>> from datetime import UTC, date, datetime, timedelta
    >>> entry = HourEntry("e1", "m1", "olga", timedelta(hours=1), "preparation",
    ...                   occurred_on=date(2026, 3, 10),
    ...                   recorded_at=datetime(2026, 3, 10, 18, tzinfo=UTC), recorded_by="olga")
    >>> ledger = HourLedger().record(entry)
    >>> fixed = ledger.correct("e1", duration=timedelta(minutes=45), reason="was 45 min",
    ...                        by="olga", at=datetime(2026, 3, 11, tzinfo=UTC))
    >>> fixed.total(), len(fixed.lines), len(ledger.lines)
    (datetime.timedelta(seconds=2700), 3, 1)
    >>> [line.kind.value for line in fixed.history("e1")]
    ['record', 'reversal', 'replacement']
    """

    lines: tuple[LedgerLine, ...] = attrs.field(default=(), converter=_lines)
    _live: dict[str, HourEntry | None] = attrs.field(init=False, eq=False, repr=False, factory=dict)
    _cache: dict[str, Any] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_live", _replay(self.lines))

    @classmethod
    def _with_checked_lines(
        cls, base: HourLedger, new_lines: list[LedgerLine], live: dict[str, HourEntry | None]
    ) -> HourLedger:
        """A ledger of ``base`` plus already checked lines, without replaying ``base``."""
        ledger = object.__new__(cls)
        object.__setattr__(ledger, "lines", (*base.lines, *new_lines))
        object.__setattr__(ledger, "_live", live)
        object.__setattr__(ledger, "_cache", {})
        return ledger

    def __len__(self) -> int:
        return len(self.lines)

    def __contains__(self, entry_id: object) -> bool:
        # Entry ids are text: anything else (a dict, a list) is simply not in the
        # ledger, rather than the TypeError a dict lookup gives an unhashable key.
        return isinstance(entry_id, str) and entry_id in self._live

    def record(self, entry: HourEntry, *, session: Session | None = None) -> HourLedger:
        """Return a new ledger with ``entry`` added.

        Args:
            entry: The entry; its id must be new to the ledger.
            session: The entry's session; required for a meeting entry with a
                ``session_id``, which must be completed, have the participant
                present and last at least the entry's duration minus 30 minutes.

        Raises:
            DuplicateIdError: The id is already in the ledger (even if voided).
            ValidationError: The meeting checks above fail, naming the field.

        >>> from datetime import UTC, date, datetime, timedelta
        >>> e = HourEntry("e1", "m1", "olga", timedelta(hours=1), "other",
        ...               occurred_on=date(2026, 3, 10),
        ...               recorded_at=datetime(2026, 3, 10, tzinfo=UTC), recorded_by="olga")
        >>> HourLedger().record(e).record(e)
        Traceback (most recent call last):
        ...
        ementoring.errors.DuplicateIdError: entry.id: already in the ledger (got 'e1')
        """
        return self.record_all([entry], sessions=[] if session is None else [session])

    def record_all(
        self, entries: Iterable[HourEntry], *, sessions: Iterable[Session] = ()
    ) -> HourLedger:
        """Return a new ledger with every entry added, in order (all or nothing).

        ``sessions`` are looked up by id for the meeting checks of :meth:`record`.

        Raises:
            DuplicateIdError: An id already in the ledger or given twice.
            ValidationError: As :meth:`record`, naming ``entries[i]`` in the value.
        """
        by_id: dict[str, Session] = {}
        for given in items_of(sessions, Session, "sessions", "an iterable of Session"):
            by_id[given.id] = given
        live = dict(self._live)
        new_lines: list[LedgerLine] = []
        for entry in items_of(entries, HourEntry, "entries", "an iterable of HourEntry"):
            if entry.id in live:
                raise DuplicateIdError("entry.id", entry.id, "already in the ledger")
            session = by_id.get(entry.session_id) if entry.session_id is not None else None
            _check_against_session(entry, session)
            live[entry.id] = entry
            new_lines.append(
                LedgerLine(
                    kind=LineKind.RECORD,
                    cause=LineCause.RECORD,
                    entry=entry,
                    delta=entry.duration,
                    at=entry.recorded_at,
                    by=entry.recorded_by,
                )
            )
        return HourLedger._with_checked_lines(self, new_lines, live)

    def _live_version(self, entry_id: str, action: str) -> HourEntry:
        if _checked_entry_id(entry_id) not in self._live:
            raise UnknownIdError("entry_id", entry_id, "no such entry in the ledger")
        current = self._live[entry_id]
        if current is None:
            raise InvalidTransitionError("voided", action, f"entry {entry_id!r} was voided")
        return current

    def _check_time(self, entry_id: str, at: datetime) -> datetime:
        at = require_aware(at, "at")
        last = self.history(entry_id)[-1].at
        if at < last:
            raise ValidationError("at", at, f"must not be before the entry's last line {last}")
        return at

    def correct(
        self,
        entry_id: str,
        *,
        duration: timedelta,
        reason: str,
        by: str,
        at: datetime,
        session: Session | None = None,
    ) -> HourLedger:
        """Return a new ledger where entry ``entry_id`` has a new duration.

        Adds two lines: a reversal of the live version and its replacement.

        Args:
            entry_id: A live entry.
            duration: The right duration (different from the live one).
            reason: Why (required).
            by: Who corrects.
            at: When (aware; not before the entry's last line).
            session: As for :meth:`record`, for a meeting entry made longer
                (a shorter one needs no session).

        Raises:
            UnknownIdError: No such entry.
            InvalidTransitionError: The entry was voided.
            ValidationError: A bad or unchanged duration, reason, actor or time.

        >>> from datetime import UTC, date, datetime, timedelta
        >>> e = HourEntry("e1", "m1", "olga", timedelta(hours=2), "follow_up",
        ...               occurred_on=date(2026, 3, 10),
        ...               recorded_at=datetime(2026, 3, 10, tzinfo=UTC), recorded_by="olga")
        >>> ledger = HourLedger().record(e)
        >>> ledger.correct("e1", duration=timedelta(hours=1), reason="counted twice", by="olga",
        ...                at=datetime(2026, 3, 11, tzinfo=UTC)).total()
        datetime.timedelta(seconds=3600)
        >>> ledger.correct("e2", duration=timedelta(hours=1), reason="x", by="olga",
        ...                at=datetime(2026, 3, 11, tzinfo=UTC))
        Traceback (most recent call last):
        ...
        ementoring.errors.UnknownIdError: entry_id: no such entry in the ledger (got 'e2')
        """
        current = self._live_version(entry_id, "correct")
        if duration == current.duration:
            raise ValidationError("duration", duration, "is the entry's current duration")
        replacement = attrs.evolve(current, duration=duration)
        _check_against_session(replacement, session, limit=duration > current.duration)
        at = self._check_time(entry_id, at)
        by = _actor(by)
        reason = _required_reason(reason)
        lines = [
            LedgerLine(
                kind=LineKind.REVERSAL,
                cause=LineCause.CORRECT,
                entry=current,
                delta=-current.duration,
                at=at,
                by=by,
                reason=reason,
            ),
            LedgerLine(
                kind=LineKind.REPLACEMENT,
                cause=LineCause.CORRECT,
                entry=replacement,
                delta=replacement.duration,
                at=at,
                by=by,
                reason=reason,
            ),
        ]
        live = dict(self._live)
        live[entry_id] = replacement
        return HourLedger._with_checked_lines(self, lines, live)

    def void(self, entry_id: str, *, reason: str, by: str, at: datetime) -> HourLedger:
        """Return a new ledger where entry ``entry_id`` no longer counts.

        Adds one reversal line; the entry stays in :meth:`history` and its id
        stays taken.

        Raises:
            UnknownIdError: No such entry.
            InvalidTransitionError: It was already voided.
            ValidationError: A bad reason, actor or time.

        >>> from datetime import UTC, date, datetime, timedelta
        >>> e = HourEntry("e1", "m1", "olga", timedelta(hours=1), "other",
        ...               occurred_on=date(2026, 3, 10),
        ...               recorded_at=datetime(2026, 3, 10, tzinfo=UTC), recorded_by="olga")
        >>> voided = HourLedger().record(e).void("e1", reason="duplicate", by="coordinator",
        ...                                      at=datetime(2026, 3, 11, tzinfo=UTC))
        >>> voided.total(), len(voided), voided.get("e1"), "e1" in voided
        (datetime.timedelta(0), 2, None, True)
        """
        current = self._live_version(entry_id, "void")
        at = self._check_time(entry_id, at)
        line = LedgerLine(
            kind=LineKind.REVERSAL,
            cause=LineCause.VOID,
            entry=current,
            delta=-current.duration,
            at=at,
            by=_actor(by),
            reason=_required_reason(reason),
        )
        live = dict(self._live)
        live[entry_id] = None
        return HourLedger._with_checked_lines(self, [line], live)

    def as_of(self, at: datetime) -> HourLedger:
        """The ledger as it stood at ``at``: only the lines written up to then (inclusive).

        Lines are judged by when they were written (``LedgerLine.at``: an
        entry's ``recorded_at``, a correction's or a void's ``at``), not by the
        day the time was spent. An entry's lines never run backwards and a
        correction writes its two lines at one instant, so what is kept is a
        valid ledger. With nothing to drop the ledger itself is returned; the
        last truncation is cached. This is the one truncation every report uses for
        hours (see docs/design.md).

        Raises:
            NaiveDatetimeError: ``at`` has no UTC offset.
            ValidationError: ``at`` is not a datetime.

        >>> from datetime import UTC, date, datetime, timedelta
        >>> e = HourEntry("e1", "m1", "olga", timedelta(hours=2), "other",
        ...               occurred_on=date(2026, 3, 10),
        ...               recorded_at=datetime(2026, 3, 10, tzinfo=UTC), recorded_by="olga")
        >>> ledger = HourLedger().record(e).correct("e1", duration=timedelta(hours=1),
        ...     reason="typo", by="olga", at=datetime(2026, 3, 12, tzinfo=UTC))
        >>> ledger.as_of(datetime(2026, 3, 11, tzinfo=UTC)).total()
        datetime.timedelta(seconds=7200)
        >>> len(ledger.as_of(datetime(2026, 3, 9, tzinfo=UTC)))
        0
        """
        at = require_aware(at, "at")
        # One truncation is cached (None: nothing to drop), so a report on many pairs
        # for one day reads the lines once.
        cached: tuple[datetime, HourLedger | None] | None = self._cache.get("as_of")
        if cached is not None and cached[0] == at:
            return self if cached[1] is None else cached[1]
        kept = [line for line in self.lines if line.at <= at]
        if len(kept) == len(self.lines):
            self._cache["as_of"] = (at, None)
            return self
        live: dict[str, HourEntry | None] = {}
        for line in kept:
            live[line.entry.id] = None if line.kind is LineKind.REVERSAL else line.entry
        then = HourLedger._with_checked_lines(HourLedger(), kept, live)
        self._cache["as_of"] = (at, then)
        return then

    def history(self, entry_id: str) -> tuple[LedgerLine, ...]:
        """Every line of one entry, oldest first: each version added and taken back.

        Raises:
            UnknownIdError: No such entry.

        >>> from datetime import UTC, date, datetime, timedelta
        >>> e = HourEntry("e1", "m1", "olga", timedelta(hours=1), "other",
        ...               occurred_on=date(2026, 3, 10),
        ...               recorded_at=datetime(2026, 3, 10, tzinfo=UTC), recorded_by="olga")
        >>> ledger = HourLedger().record(e).void("e1", reason="typo", by="olga",
        ...                                      at=datetime(2026, 3, 11, tzinfo=UTC))
        >>> [(line.kind.value, line.cause.value, line.reason) for line in ledger.history("e1")]
        [('record', 'record', ''), ('reversal', 'void', 'typo')]
        """
        if _checked_entry_id(entry_id) not in self._live:
            raise UnknownIdError("entry_id", entry_id, "no such entry in the ledger")
        return tuple(self._lines_by_entry()[entry_id])

    def _lines_by_entry(self) -> Mapping[str, list[LedgerLine]]:
        cached: dict[str, list[LedgerLine]] | None = self._cache.get("lines_by_entry")
        if cached is None:
            cached = {}
            for line in self.lines:
                cached.setdefault(line.entry.id, []).append(line)
            self._cache["lines_by_entry"] = cached
        return cached

    def get(self, entry_id: str) -> HourEntry | None:
        """The live version of an entry, or ``None`` if it was voided.

        Raises:
            UnknownIdError: No such entry.
        """
        if _checked_entry_id(entry_id) not in self._live:
            raise UnknownIdError("entry_id", entry_id, "no such entry in the ledger")
        return self._live[entry_id]

    @property
    def entries(self) -> tuple[HourEntry, ...]:
        """The live entries (voided ones left out), in the order first recorded."""
        cached: tuple[HourEntry, ...] | None = self._cache.get("entries")
        if cached is None:
            cached = tuple(e for e in self._live.values() if e is not None)
            self._cache["entries"] = cached
        return cached

    def entries_by_mentorship(self) -> Mapping[str, tuple[HourEntry, ...]]:
        """The live entries grouped by mentorship id (built once per ledger)."""
        cached: dict[str, tuple[HourEntry, ...]] | None = self._cache.get("by_mentorship")
        if cached is None:
            groups: dict[str, list[HourEntry]] = {}
            for entry in self.entries:
                groups.setdefault(entry.mentorship_id, []).append(entry)
            cached = {key: tuple(value) for key, value in groups.items()}
            self._cache["by_mentorship"] = cached
        return cached

    def balance(self) -> timedelta:
        """The sum of every line's delta (equal to :meth:`total` with no filter)."""
        return sum((line.delta for line in self.lines), timedelta(0))

    def total(
        self,
        *,
        mentorship_id: str | None = None,
        participant_id: str | None = None,
        kinds: Iterable[EntryKind | str] | None = None,
    ) -> timedelta:
        """The summed duration of the live entries that match every filter given.

        >>> HourLedger().total()
        datetime.timedelta(0)
        """
        for field, value in (("mentorship_id", mentorship_id), ("participant_id", participant_id)):
            if value is not None:
                require_type(value, str, field, "an id (text) or None")
        wanted = (
            None
            if kinds is None
            else {
                _entry_kind(k)
                for k in items_of(kinds, (str, EntryKind), "kinds", "an iterable of kinds")
            }
        )
        source = (
            self.entries
            if mentorship_id is None
            else self.entries_by_mentorship().get(mentorship_id, ())
        )
        return sum(
            (
                e.duration
                for e in source
                if (participant_id is None or e.participant_id == participant_id)
                and (wanted is None or e.kind in wanted)
            ),
            timedelta(0),
        )
