"""Hypothesis strategies for property-testing your own rules on top of ementoring.

Every strategy takes keyword-only options, validates them eagerly (a wrong type
raises :class:`~ementoring.errors.InvalidTypeError`, a bad value
:class:`~ementoring.errors.ValidationError`; counts such as ``max_entries`` go up
to :data:`MAX_COUNT`), and generates only valid objects. They are registered with Hypothesis through its entry
point, so ``st.from_type(Availability)`` works once ementoring is installed
(registered lazily: ``import hypothesis`` alone imports no ementoring model).

>>> from hypothesis import given
>>> from ementoring.testing import instants, zones
>>> from ementoring.timezones import to_instant, to_local
>>> @given(zones(), instants(around_transitions=True))
... def test_round_trip(key, instant):
...     local = to_local(instant, key).replace(tzinfo=None)
...     assert to_instant(local, key, policy="wall_clock") == instant
>>> test_round_trip()

Install with the ``testing`` extra (``pip install 'ementoring[testing]'``); without
Hypothesis, importing this module raises :class:`~ementoring.errors.MissingExtraError`.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from ementoring.errors import InvalidTypeError, MissingExtraError, ValidationError

try:
    from hypothesis import strategies as st
except ImportError as missing:  # pragma: no cover - tested in a subprocess without Hypothesis
    raise MissingExtraError("testing", "hypothesis", "ementoring.testing") from missing

from ementoring._validate import coerce_enum, items_of
from ementoring.accounting import (
    EntryKind,
    HourEntry,
    HourLedger,
    Mentorship,
    Pace,
    Program,
    Session,
    cancel,
    complete,
    confirm,
    mark_no_show,
    reschedule,
)
from ementoring.journal import (
    ActionItem,
    Agenda,
    AgendaItem,
    AuthorRole,
    Journal,
    JournalEntry,
    Review,
    ReviewKind,
    Visibility,
    amend,
    normalise_topic,
)
from ementoring.matching import (
    Criterion,
    MatchingProblem,
    Mentee,
    Mentor,
    attribute_differs,
    same_field,
    schedule_overlap,
    shared_language,
    timezone_gap,
    topic_fit,
)
from ementoring.reminders import (
    PARAMS,
    ActionItemParams,
    NoSessionParams,
    PaceParams,
    Params,
    Reminder,
    ReminderKind,
    ReviewParams,
    SessionParams,
)
from ementoring.scheduling import (
    Availability,
    Busy,
    BusyLocal,
    DateException,
    Interval,
    IntervalSet,
    ReplaceDate,
    SkipDate,
    Weekday,
    WeeklyWindow,
)
from ementoring.timezones import EARLIEST, LATEST, require_aware, transitions, zone

__all__ = [
    "MAX_COUNT",
    "STORY_ZONES",
    "TOPICS",
    "availabilities",
    "instants",
    "interval_sets",
    "intervals",
    "journal_entries",
    "journals",
    "ledgers",
    "matching_problems",
    "mentees",
    "mentors",
    "mentorships",
    "programs",
    "reminders",
    "sessions",
    "weekly_windows",
    "weeks_near_transitions",
    "zones",
]

STORY_ZONES: tuple[str, ...] = (
    "America/Toronto",
    "Europe/Moscow",
    "Asia/Jerusalem",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "America/Santiago",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Pacific/Apia",
    "UTC",
)
"""Zones with the cases that break schedulers: both hemispheres' DST, Israel's Friday change,
half-hour and 45-minute offsets, Lord Howe's 30-minute DST, the dateline, no DST at all."""

_DEFAULT_MIN = datetime(2000, 1, 1, tzinfo=UTC)
_DEFAULT_MAX = datetime(2040, 1, 1, tzinfo=UTC)


@cache
def _all_zone_keys() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def zones(*, keys: Sequence[str] | None = None, story_only: bool = False) -> st.SearchStrategy[str]:
    """IANA zone keys: the story's tricky zones first (so failures shrink to them), then all.

    Args:
        keys: Draw only from these keys (each validated now).
        story_only: Draw only from :data:`STORY_ZONES`.

    Raises:
        UnknownTimeZoneError: A key in ``keys`` is not a zone.
        ValidationError: ``keys`` is empty, or an option has the wrong type.

    >>> from hypothesis import given
    >>> @given(zones(keys=["Asia/Kolkata", "Asia/Kathmandu"]))
    ... def test_offsets_are_fractional(key):
    ...     assert key in ("Asia/Kolkata", "Asia/Kathmandu")
    >>> test_offsets_are_fractional()
    """
    _check_flag(story_only, "story_only")
    if keys is not None:
        if isinstance(keys, str) or not isinstance(keys, Sequence):
            raise InvalidTypeError("keys", keys, "a list of IANA zone keys")
        chosen = tuple(keys)
        if not chosen:
            raise ValidationError("keys", keys, "must name at least one zone")
        for index, key in enumerate(chosen):
            zone(key, field=f"keys[{index}]")
        return st.sampled_from(chosen)
    if story_only:
        return st.sampled_from(STORY_ZONES)
    return st.sampled_from(STORY_ZONES) | st.sampled_from(_all_zone_keys())


def instants(
    *,
    min_value: datetime = _DEFAULT_MIN,
    max_value: datetime = _DEFAULT_MAX,
    around_transitions: bool = True,
    zone_key: str | None = None,
) -> st.SearchStrategy[datetime]:
    """Aware UTC instants, often within a day of a DST transition.

    Args:
        min_value: Earliest instant (aware).
        max_value: Latest instant (aware), after ``min_value``.
        around_transitions: Draw about half the instants within a day of a
            transition of ``zone_key`` (or of one of :data:`STORY_ZONES`).
        zone_key: The zone whose transitions to aim at.

    Raises:
        NaiveDatetimeError: For a naive bound.
        ValidationError: When ``max_value`` is not after ``min_value``.

    >>> from hypothesis import given
    >>> @given(instants(zone_key="Europe/Berlin"))
    ... def test_instants_are_utc(instant):
    ...     assert instant.tzinfo is UTC
    >>> test_instants_are_utc()
    """
    low = require_aware(min_value, "min_value")
    high = require_aware(max_value, "max_value")
    if not low < high:
        raise ValidationError("max_value", max_value, "must be after min_value")
    _check_flag(around_transitions, "around_transitions")
    _check_optional_zone(zone_key, "zone_key")
    plain = st.datetimes(
        min_value=low.replace(tzinfo=None), max_value=high.replace(tzinfo=None)
    ).map(lambda naive: naive.replace(tzinfo=UTC))
    if not around_transitions:
        return plain
    keys = st.just(zone_key) if zone_key is not None else st.sampled_from(STORY_ZONES)

    @st.composite
    def near_a_transition(draw: st.DrawFn) -> datetime:
        key = draw(keys)
        year = draw(st.integers(low.year, high.year))
        start = max(low, datetime(year, 1, 1, tzinfo=UTC))
        end = min(high, datetime(year + 1, 1, 1, tzinfo=UTC))
        found = transitions(key, start, end) if start < end else ()
        if not found:
            return draw(plain)
        at = draw(st.sampled_from(found)).at
        instant = at + timedelta(seconds=draw(st.integers(-86_400, 86_400)))
        return min(max(instant, low), high)

    return st.one_of(near_a_transition(), plain)


def _ids(fixed: str | None, pattern: str) -> st.SearchStrategy[str]:
    """The given id, or ids drawn from ``pattern``."""
    return st.just(fixed) if fixed is not None else st.from_regex(pattern, fullmatch=True)


def _check_positive(value: timedelta, field: str) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise ValidationError(field, value, "must be a positive timedelta")


#: The largest count any option takes, so every drawn example stays small enough to build.
MAX_COUNT = 1_000


def _check_count(value: int, field: str, *, minimum: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "a whole number")
    if not minimum <= value <= MAX_COUNT:
        raise ValidationError(field, value, f"must be from {minimum} to {MAX_COUNT:,}")


def _check_flag(value: bool, field: str) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(field, value, "True or False")


def _check_optional_flag(value: bool | None, field: str) -> None:
    if value is not None:
        _check_flag(value, field)


def _check_id(value: str, field: str) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "an id string")
    if not value or value != value.strip():
        raise ValidationError(field, value, "must be a non-empty string without surrounding spaces")


def _check_optional_id(value: str | None, field: str) -> None:
    if value is not None:
        _check_id(value, field)


def _check_optional_zone(value: str | None, field: str) -> None:
    if value is not None:
        zone(value, field=field)


# Scheduling ------------------------------------------------------------------


def intervals(
    *,
    min_value: datetime = _DEFAULT_MIN,
    max_value: datetime = _DEFAULT_MAX,
    max_duration: timedelta = timedelta(days=2),
    around_transitions: bool = True,
) -> st.SearchStrategy[Interval]:
    """Intervals of whole seconds starting between the bounds, up to ``max_duration`` long.

    >>> from hypothesis import given
    >>> @given(intervals(max_duration=timedelta(hours=3)))
    ... def test_short(interval):
    ...     assert timedelta(0) < interval.duration <= timedelta(hours=3)
    >>> test_short()
    """
    _check_positive(max_duration, "max_duration")
    latest = require_aware(max_value, "max_value")
    if max_duration >= LATEST - latest:
        raise ValidationError(
            "max_duration", max_duration, "reaches past the supported range from max_value"
        )
    starts = instants(
        min_value=min_value, max_value=max_value, around_transitions=around_transitions
    ).map(lambda instant: instant.replace(microsecond=0))
    lengths = st.integers(1, int(max_duration.total_seconds())).map(
        lambda seconds: timedelta(seconds=seconds)
    )
    return st.builds(lambda start, length: Interval(start, start + length), starts, lengths)


def interval_sets(
    *,
    min_value: datetime = _DEFAULT_MIN,
    max_value: datetime = _DEFAULT_MAX,
    max_duration: timedelta = timedelta(days=2),
    max_size: int = 8,
) -> st.SearchStrategy[IntervalSet]:
    """Interval sets of up to ``max_size`` intervals before merging."""
    _check_count(max_size, "max_size")
    pieces = intervals(
        min_value=min_value,
        max_value=max_value,
        max_duration=max_duration,
        around_transitions=False,
    )
    return st.lists(pieces, max_size=max_size).map(IntervalSet)


def _clock(step_minutes: int, steps: int) -> time:
    minutes = step_minutes * steps
    return time(minutes // 60, minutes % 60)


def weekly_windows(*, step: timedelta = timedelta(minutes=15)) -> st.SearchStrategy[WeeklyWindow]:
    """Weekly windows on a grid of ``step``: some end at 24:00, some cross midnight.

    Raises:
        ValidationError: ``step`` is not a whole number of minutes dividing a day.
    """
    minutes, rest = divmod(step.total_seconds(), 60) if isinstance(step, timedelta) else (0, 1)
    if rest or minutes <= 0 or (24 * 60) % minutes:
        raise ValidationError("step", step, "must be whole minutes that divide a day")
    per_day = int(24 * 60 // minutes)
    return st.builds(
        lambda days, start, end: WeeklyWindow(
            days, _clock(int(minutes), start), _clock(int(minutes), end)
        ),
        st.sets(st.sampled_from(list(Weekday)), min_size=1, max_size=7),
        st.integers(0, per_day - 1),
        st.integers(0, per_day - 1),
    )


#: Local dates on or near which some story zone changes its clocks.
_TRANSITION_DATES = (
    date(2026, 3, 8),  # North America springs forward
    date(2026, 3, 27),  # Israel
    date(2026, 3, 29),  # Europe
    date(2026, 4, 5),  # Sydney, Lord Howe, Santiago, Chatham fall back
    date(2026, 9, 6),  # Santiago springs forward
    date(2026, 10, 4),  # Sydney, Lord Howe spring forward
    date(2026, 10, 25),  # Europe, Israel fall back
    date(2026, 11, 1),  # North America falls back
    date(2026, 6, 15),  # an ordinary week
)


def weeks_near_transitions() -> st.SearchStrategy[Interval]:
    """One to four days of UTC time starting within three days of a 2026 clock change."""

    @st.composite
    def build(draw: st.DrawFn) -> Interval:
        anchor = draw(st.sampled_from(_TRANSITION_DATES))
        start = datetime.combine(anchor, time(0), tzinfo=UTC) + timedelta(
            hours=draw(st.integers(-72, 48))
        )
        return Interval(start, start + timedelta(hours=draw(st.integers(24, 96))))

    return build()


@st.composite
def _exceptions_near(draw: st.DrawFn, within: Interval) -> tuple[DateException, ...]:
    first = within.start.date() - timedelta(days=1)
    dates = [first + timedelta(days=k) for k in range((within.end.date() - first).days + 2)]
    result: list[DateException] = []
    for day in draw(st.lists(st.sampled_from(dates), unique=True, max_size=3)):
        if draw(st.booleans()):
            result.append(SkipDate(day))
        else:
            windows = draw(st.lists(st.tuples(st.integers(0, 95), st.integers(0, 95)), max_size=2))
            result.append(ReplaceDate(day, [(_clock(15, a), _clock(15, b)) for a, b in windows]))
    for _ in range(draw(st.integers(0, 2))):
        day = draw(st.sampled_from(dates))
        start = datetime.combine(day, time(0)) + timedelta(minutes=15 * draw(st.integers(0, 95)))
        result.append(BusyLocal(start, start + timedelta(minutes=15 * draw(st.integers(1, 16)))))
    for _ in range(draw(st.integers(0, 2))):
        start = within.start + timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 4)))
        result.append(
            Busy(Interval(start, start + timedelta(minutes=15 * draw(st.integers(1, 16)))))
        )
    return tuple(result)


def availabilities(
    *,
    within: Interval | None = None,
    zone_key: str | None = None,
    policy: str | None = None,
    with_exceptions: bool = True,
    max_windows: int = 3,
) -> st.SearchStrategy[Availability]:
    """Availabilities with weekly windows, a preferred window and exceptions near ``within``.

    Args:
        within: Put date exceptions and busy ranges on and around these dates
            (default: a few days around one of 2026's clock changes).
        zone_key: The person's zone (default: drawn with :func:`zones`).
        policy: ``"wall_clock"`` or ``"rfc5545"`` (default: either).
        with_exceptions: Add skipped and replaced dates and busy ranges.
        max_windows: At most this many weekly windows (at least one).

    >>> from hypothesis import given
    >>> from ementoring.scheduling import Interval
    >>> week = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC))
    >>> @given(availabilities(within=week, zone_key="Asia/Kathmandu"))
    ... def test_free_time_lies_in_the_week(person):
    ...     assert all(free in week for free in person.intervals(week))
    >>> test_free_time_lies_in_the_week()
    """
    _check_count(max_windows, "max_windows", minimum=1)
    if within is not None and not isinstance(within, Interval):
        raise InvalidTypeError("within", within, "an Interval or None")
    _check_optional_zone(zone_key, "zone_key")
    _check_flag(with_exceptions, "with_exceptions")
    if policy is not None and policy not in ("wall_clock", "rfc5545"):
        raise ValidationError("policy", policy, "must be 'wall_clock' or 'rfc5545'")
    ranges = st.just(within) if within is not None else weeks_near_transitions()

    @st.composite
    def build(draw: st.DrawFn) -> Availability:
        around = draw(ranges)
        return Availability(
            draw(zones(story_only=True)) if zone_key is None else zone_key,
            weekly=draw(st.lists(weekly_windows(), min_size=1, max_size=max_windows)),
            exceptions=draw(_exceptions_near(around)) if with_exceptions else (),
            preferred=draw(st.lists(weekly_windows(), max_size=1)),
            policy=draw(st.sampled_from(["wall_clock", "rfc5545"])) if policy is None else policy,  # type: ignore[arg-type]
        )

    return build()


# Sessions and hours --------------------------------------------------------------

_PROGRAM_START = datetime(2026, 1, 1, tzinfo=UTC)
_PEOPLE = ("olga", "ivan", "dana")  # mentee, mentor, a guest


def programs(*, require_new_time_on_cancel: bool | None = None) -> st.SearchStrategy[Program]:
    """Valid programs starting in 2026 in one of the story's zones."""
    _check_optional_flag(require_new_time_on_cancel, "require_new_time_on_cancel")
    flags = (
        st.booleans() if require_new_time_on_cancel is None else st.just(require_new_time_on_cancel)
    )
    return st.builds(
        Program,
        st.from_regex(r"p[a-z0-9]{0,6}", fullmatch=True),
        st.sampled_from(["Spring 2026", "Autumn cohort", "HR newcomers"]),
        starts_on=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        zone=zones(story_only=True),
        target=st.integers(1, 40).map(lambda h: timedelta(hours=h)),
        planned_weeks=st.integers(1, 20),
        max_extension_weeks=st.none() | st.integers(0, 10),
        require_new_time_on_cancel=flags,
    )


def mentorships(
    *, mentorship_id: str = "m1", program_id: str = "p1"
) -> st.SearchStrategy[Mentorship]:
    """Active mentorships of ivan (mentor) and olga (mentee) starting in 2026."""
    _check_id(mentorship_id, "mentorship_id")
    _check_id(program_id, "program_id")
    return st.builds(
        Mentorship,
        st.just(mentorship_id),
        st.just(program_id),
        st.just("ivan"),
        st.just("olga"),
        started_on=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    )


def _minutes_after(start: datetime, *, days: int) -> st.SearchStrategy[datetime]:
    return st.integers(0, days * 24 * 60).map(lambda m: start + timedelta(minutes=m))


def _meetings(start: datetime = _PROGRAM_START) -> st.SearchStrategy[Interval]:
    return st.builds(
        lambda begin, minutes: Interval(begin, begin + timedelta(minutes=minutes)),
        _minutes_after(start, days=365),
        st.integers(15, 180),
    )


def sessions(
    *,
    mentorship_id: str = "m1",
    max_moves: int = 4,
    also_for: Sequence[str] = (),
) -> st.SearchStrategy[Session]:
    """Sessions of two or three people, taken through up to ``max_moves`` lifecycle moves.

    Every move is a real transition (confirm, reschedule, cancel with a new time,
    complete, no-show), so histories are as the lifecycle makes them;
    ``proposed_at`` is either unknown (``None``) or before the first move.
    ``also_for`` names other mentorships some of the sessions serve too (group
    sessions: each draws any of them along with ``mentorship_id``).
    """
    _check_id(mentorship_id, "mentorship_id")
    _check_count(max_moves, "max_moves")
    if isinstance(also_for, str) or not isinstance(also_for, Sequence):
        raise InvalidTypeError("also_for", also_for, "a sequence of mentorship ids")
    for index, other in enumerate(also_for):
        _check_id(other, f"also_for[{index}]")
    others = sorted(set(also_for) - {mentorship_id})

    @st.composite
    def build(draw: st.DrawFn) -> Session:
        people = draw(st.lists(st.sampled_from(_PEOPLE), min_size=2, max_size=3, unique=True))
        planned = draw(_meetings())
        at = planned.start - timedelta(days=draw(st.integers(1, 14)))
        served = [mentorship_id]
        if others:
            served += draw(st.lists(st.sampled_from(others), unique=True))
        session = Session(
            draw(st.from_regex(r"s[0-9]{1,4}", fullmatch=True)),
            served,
            planned,
            people,
            proposed_at=draw(st.none() | st.just(at)),
        )
        program = Program("p1", "Program", starts_on=date(2026, 1, 1), zone="UTC")
        for _ in range(draw(st.integers(0, max_moves))):
            if session.status.value in ("completed", "cancelled"):
                break
            move = draw(st.sampled_from(["confirm", "reschedule", "cancel", "complete"]))
            at += timedelta(hours=draw(st.integers(1, 48)))
            by = draw(st.sampled_from(session.participants))
            if move == "confirm" and session.status.value == "proposed":
                session = confirm(session, by=by, at=at)
            elif move in ("reschedule", "cancel"):
                moved = draw(_meetings(max(at, session.interval.start)))
                if moved == session.interval:  # a move must change the time
                    moved = Interval(
                        moved.start + timedelta(minutes=15), moved.end + timedelta(minutes=15)
                    )
                if move == "reschedule":
                    session = reschedule(session, moved, by=by, at=at, reason="clash")
                else:
                    session = cancel(
                        session, program=program, by=by, at=at, reason="ill", new_interval=moved
                    )
            elif move == "complete":
                at = max(at, session.interval.end)
                session = complete(session, at=at)
                if len(session.participants) > 2 and draw(st.booleans()):
                    session = mark_no_show(session, absent=[session.participants[-1]], at=at)
        return session

    return build()


def ledgers(*, mentorship_id: str = "m1", max_entries: int = 8) -> st.SearchStrategy[HourLedger]:
    """Hour ledgers with recorded entries, some corrected and some voided."""
    _check_id(mentorship_id, "mentorship_id")
    _check_count(max_entries, "max_entries")

    @st.composite
    def build(draw: st.DrawFn) -> HourLedger:
        ledger = HourLedger()
        at = _PROGRAM_START
        count = draw(st.integers(0, max_entries))
        for index in range(count):
            at += timedelta(hours=draw(st.integers(1, 200)))
            ledger = ledger.record(
                HourEntry(
                    f"h{index}",
                    mentorship_id,
                    draw(st.sampled_from(_PEOPLE[:2])),
                    timedelta(minutes=draw(st.integers(1, 300))),
                    draw(st.sampled_from([k for k in EntryKind if k is not EntryKind.MEETING])),
                    occurred_on=at.date(),
                    recorded_at=at,
                    recorded_by=draw(st.sampled_from(_PEOPLE[:2])),
                    note=draw(st.sampled_from(["", "prepared mock questions", "read CV"])),
                )
            )
        voided: set[str] = set()
        for index in draw(st.lists(st.integers(0, count - 1), max_size=3)) if count else []:
            entry_id = f"h{index}"
            if entry_id in voided:
                continue
            at += timedelta(hours=1)
            if draw(st.booleans()):
                duration = timedelta(minutes=draw(st.integers(1, 300)))
                current = ledger.get(entry_id)
                if current is not None and duration == current.duration:
                    duration += timedelta(minutes=1)  # a correction must change something
                ledger = ledger.correct(
                    entry_id,
                    duration=duration,
                    reason="typo",
                    by="ivan",
                    at=at,
                )
            else:
                ledger = ledger.void(entry_id, reason="duplicate", by="ivan", at=at)
                voided.add(entry_id)
        return ledger

    return build()


# Journal ---------------------------------------------------------------------

TOPICS: tuple[str, ...] = (
    "CV review",
    "cv-review",
    "Interview prep",
    "interview  prep!",
    "Canadian workplace culture",
    "Networking",
    "Salary negotiation",
    "LinkedIn profile",
)
"""Topic spellings, several of the same topic, so equal-by-key topics meet."""

_JOURNAL_START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def journal_entries(
    *,
    entry_id: str | None = None,
    mentorship_id: str = "m1",
    mentor_id: str = "ivan",
    mentee_id: str = "olga",
) -> st.SearchStrategy[JournalEntry]:
    """First versions of learning-journal entries by the pair's mentor or mentee."""
    _check_optional_id(entry_id, "entry_id")
    for field, value in (
        ("mentorship_id", mentorship_id),
        ("mentor_id", mentor_id),
        ("mentee_id", mentee_id),
    ):
        _check_id(value, field)
    ids = _ids(entry_id, r"e[0-9]{1,4}")

    @st.composite
    def build(draw: st.DrawFn) -> JournalEntry:
        role = draw(st.sampled_from(list(AuthorRole)))
        return JournalEntry(
            draw(ids),
            mentorship_id,
            mentor_id if role is AuthorRole.MENTOR else mentee_id,
            role,
            written_at=draw(_minutes_after(_JOURNAL_START, days=70)),
            session_id=draw(st.none() | st.sampled_from(["s1", "s2", "s3"])),
            discussed=draw(st.lists(st.sampled_from(TOPICS), max_size=3)),
            next_topics=draw(st.lists(st.sampled_from(TOPICS), max_size=3)),
            time_spent=timedelta(minutes=draw(st.integers(0, 24 * 60))),
            observations=draw(st.text(max_size=60)),
            visibility=draw(st.sampled_from(list(Visibility))),
        )

    return build()


def journals(*, max_entries: int = 6, max_amendments: int = 4) -> st.SearchStrategy[Journal]:
    """A pair's journal: entries (some amended), an agenda, action items and reviews."""
    _check_count(max_entries, "max_entries")
    _check_count(max_amendments, "max_amendments")

    @st.composite
    def build(draw: st.DrawFn) -> Journal:
        journal = Journal("m1", mentor_id="ivan", mentee_id="olga")
        count = draw(st.integers(0, max_entries))
        for index in range(count):
            journal = journal.add_entry(draw(journal_entries(entry_id=f"e{index}")))
        for _ in range(draw(st.integers(0, max_amendments)) if count else 0):
            latest = journal.entry(f"e{draw(st.integers(0, count - 1))}")
            at = latest.recorded_at + timedelta(minutes=draw(st.integers(0, 60 * 24 * 14)))
            spent = latest.time_spent + timedelta(minutes=1)
            if spent > timedelta(hours=24):
                spent = timedelta(0)
            journal = journal.add_entry(amend(latest, by=latest.author_id, at=at, time_spent=spent))
        if draw(st.booleans()):
            items = [
                AgendaItem(topic, requested_by="olga")
                for topic in draw(
                    st.lists(
                        st.sampled_from(TOPICS), min_size=1, max_size=3, unique_by=normalise_topic
                    )
                )
            ]
            journal = journal.add_agenda(Agenda("s1", "olga", items))
            if draw(st.booleans()):
                journal = journal.send_agenda("s1", at=_JOURNAL_START)
        for index in range(draw(st.integers(0, 2))):
            journal = journal.add_action_item(
                ActionItem(
                    f"a{index}",
                    "m1",
                    draw(st.sampled_from(["Research HR associations", "Rewrite CV", "Mock call"])),
                    assigned_to="olga",
                    assigned_by="ivan",
                    created_at=_JOURNAL_START,
                    due_on=draw(st.none() | st.dates(date(2026, 3, 1), date(2026, 6, 30))),
                )
            )
            if draw(st.booleans()):
                journal = journal.mark_done(f"a{index}", at=_JOURNAL_START + timedelta(days=3))
        for index, entry in enumerate(journal.current[: draw(st.integers(0, 2))]):
            journal = journal.add_review(
                Review(
                    f"r{index}",
                    entry.id,
                    "cora",
                    written_at=entry.recorded_at + timedelta(days=1),
                    comment="Good progress; try a mock interview next.",
                    kind=draw(st.sampled_from(list(ReviewKind))),
                )
            )
        return journal

    return build()


# Matching --------------------------------------------------------------------

_FIELDS = ("Human resources", "human  resources", "Software engineering", "Nursing", "Accounting")
_LANGUAGES = ("English", "english", "Russian", "Hebrew", "French", "Hindi", "Portuguese")
_GOALS = (
    "CV review",
    "Interview prep",
    "Networking",
    "Licensing exams",
    "Canadian workplace culture",
)
_DEPARTMENTS = ("finance", "people", "engineering")
_MATCH_WEEK = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))


def _person_parts(draw: st.DrawFn, *, with_availability: bool) -> dict[str, object]:
    zone_key = draw(zones(story_only=True))
    return {
        "capacity": draw(st.integers(0, 3)),
        "zone": zone_key,
        "languages": draw(st.lists(st.sampled_from(_LANGUAGES), max_size=3)),
        "fields": draw(st.lists(st.sampled_from(_FIELDS), max_size=2)),
        "availability": (
            draw(availabilities(within=_MATCH_WEEK, zone_key=zone_key, with_exceptions=False))
            if with_availability and draw(st.booleans())
            else None
        ),
        "attributes": {"department": draw(st.sampled_from(_DEPARTMENTS))},
    }


def mentors(
    *, mentor_id: str | None = None, with_availability: bool = True
) -> st.SearchStrategy[Mentor]:
    """Mentors with fields, languages (spelt in varying case), offers and often availability."""
    _check_optional_id(mentor_id, "mentor_id")
    _check_flag(with_availability, "with_availability")
    ids = _ids(mentor_id, r"r[0-9]{1,3}")

    @st.composite
    def build(draw: st.DrawFn) -> Mentor:
        parts = _person_parts(draw, with_availability=with_availability)
        offers = draw(st.lists(st.sampled_from(_GOALS), max_size=3))
        return Mentor(draw(ids), offers=offers, **parts)  # type: ignore[arg-type]

    return build()


def mentees(
    *, mentee_id: str | None = None, with_availability: bool = True
) -> st.SearchStrategy[Mentee]:
    """Mentees with fields, languages, goals and often availability; most want one mentor."""
    _check_optional_id(mentee_id, "mentee_id")
    _check_flag(with_availability, "with_availability")
    ids = _ids(mentee_id, r"e[0-9]{1,3}")

    @st.composite
    def build(draw: st.DrawFn) -> Mentee:
        parts = _person_parts(draw, with_availability=with_availability)
        parts["capacity"] = draw(st.sampled_from([1, 1, 1, 2, 0]))
        goals = draw(st.lists(st.sampled_from(_GOALS), max_size=3))
        return Mentee(draw(ids), goals=goals, **parts)  # type: ignore[arg-type]

    return build()


def matching_problems(
    *, max_mentors: int = 5, max_mentees: int = 8, with_availability: bool = True
) -> st.SearchStrategy[MatchingProblem]:
    """Valid matching problems built from the built-in criteria, with forbidden and pinned pairs.

    >>> from hypothesis import given, settings
    >>> from ementoring.matching import solve, verify
    >>> @settings(max_examples=20)
    ... @given(matching_problems(max_mentors=3, max_mentees=4))
    ... def test_every_result_is_certified(problem):
    ...     verify(problem, solve(problem))
    >>> test_every_result_is_certified()
    """
    _check_count(max_mentors, "max_mentors")
    _check_count(max_mentees, "max_mentees")
    _check_flag(with_availability, "with_availability")

    @st.composite
    def build(draw: st.DrawFn) -> MatchingProblem:
        mentor_list = [
            draw(mentors(mentor_id=f"r{k}", with_availability=with_availability))
            for k in range(draw(st.integers(0, max_mentors)))
        ]
        mentee_list = [
            draw(mentees(mentee_id=f"e{k}", with_availability=with_availability))
            for k in range(draw(st.integers(0, max_mentees)))
        ]
        criteria: list[Criterion] = [
            same_field(required=draw(st.booleans()), weight=draw(st.sampled_from([1.0, 2.0]))),
            shared_language(required=draw(st.booleans())),
            topic_fit(weight=draw(st.sampled_from([1.0, 2.0]))),
        ]
        if draw(st.booleans()):
            criteria.append(
                timezone_gap(at=_MATCH_WEEK.start, max_hours=draw(st.sampled_from([4, 8, 12])))
            )
        if draw(st.booleans()):
            criteria.append(attribute_differs("department", required=draw(st.booleans())))
        if with_availability and draw(st.booleans()):
            criteria.append(
                schedule_overlap(
                    _MATCH_WEEK,
                    meeting=draw(st.sampled_from([timedelta(minutes=30), timedelta(hours=1)])),
                    required=draw(st.booleans()),
                )
            )
        pairs = [(r.id, e.id) for r in mentor_list for e in mentee_list]
        forbidden = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3)) if pairs else []
        room = {m.id: m.capacity for m in mentor_list} | {m.id: m.capacity for m in mentee_list}
        pinned = []
        for pair in (
            draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2)) if pairs else []
        ):
            if pair not in forbidden and room[pair[0]] > 0 and room[pair[1]] > 0:
                room[pair[0]] -= 1
                room[pair[1]] -= 1
                pinned.append(pair)
        return MatchingProblem(
            mentor_list,
            mentee_list,
            criteria,
            forbidden=forbidden,
            pinned=pinned,
            min_score=draw(st.sampled_from([0.0, 0.0, 0.25])),
        )

    return build()


# Reminders -------------------------------------------------------------------

# Every instant a Reminder accepts: the supported range (ementoring.timezones).
_REMINDER_MIN = EARLIEST
_REMINDER_MAX = LATEST - timedelta(microseconds=1)


def _any_ids() -> st.SearchStrategy[str]:
    """Ids as a platform might have them, "/" and "%" (which keys escape) included."""
    return st.one_of(
        st.sampled_from(["olga", "ivan", "m/1", "s%2F1", "a/b%c", "Ольга"]),
        st.text(min_size=1, max_size=12).filter(lambda text: text == text.strip()),
    )


def _reminder_params(
    kind: ReminderKind, moments: st.SearchStrategy[datetime]
) -> st.SearchStrategy[Params]:
    amounts = st.integers(0, 10**6).map(lambda minutes: timedelta(minutes=minutes))
    counts = st.integers(0, 10_000)
    cls = PARAMS[kind]
    if cls is SessionParams:
        return st.builds(
            lambda start, minutes, partner: SessionParams(
                session_start=start,
                session_end=min(start + timedelta(minutes=minutes), _REMINDER_MAX),
                partner_id=partner,
            ),
            moments,
            st.integers(15, 180),
            _any_ids(),
        )
    if cls is NoSessionParams:
        return st.builds(
            NoSessionParams, partner_id=_any_ids(), last_session_end=st.none() | moments
        )
    if cls is PaceParams:
        return st.builds(
            PaceParams,
            pace=st.sampled_from([Pace.BEHIND, Pace.AT_RISK]),
            logged=amounts,
            target=amounts,
            expected_by_now=amounts,
            sessions_completed=counts,
            days_since_last_session=st.none() | counts,
        )
    if cls is ReviewParams:
        return st.builds(
            ReviewParams,
            author_id=_any_ids(),
            author_role=st.sampled_from(list(AuthorRole)),
            written_at=moments,
            waited_days=counts,
        )
    return st.builds(
        ActionItemParams,
        description=st.text(min_size=1, max_size=300).filter(str.strip),
        due_on=st.dates(_REMINDER_MIN.date(), _REMINDER_MAX.date()),
        assigned_by=_any_ids(),
    )


def reminders(
    *, kinds: Sequence[ReminderKind | str] | None = None, story_only: bool = False
) -> st.SearchStrategy[Reminder]:
    """Valid reminders of every kind, with the facts each kind carries.

    Ids include "/" and "%" (escaped in keys) and any letters; zones are any of
    the database; instants range over every year a clock can show, so a
    renderer is tried far beyond the story's dates.

    Args:
        kinds: Only these kinds (default: all).
        story_only: Keep to :data:`STORY_ZONES` and the years 2000 to 2040.

    Raises:
        ValidationError: An unknown kind, or no kind at all.
        InvalidTypeError: ``kinds`` is not a list, or ``story_only`` not a bool.

    >>> from hypothesis import given
    >>> from ementoring.reminders import render
    >>> @given(reminders(story_only=True))
    ... def test_every_reminder_renders(reminder):
    ...     assert render(reminder, names={}, zones={}, locale="ru")
    >>> test_every_reminder_renders()
    """
    _check_flag(story_only, "story_only")
    if kinds is not None and (isinstance(kinds, str) or not isinstance(kinds, Sequence)):
        raise InvalidTypeError("kinds", kinds, "a list of reminder kinds")
    chosen = tuple(
        coerce_enum(ReminderKind, kind, "kinds")
        for kind in (
            tuple(ReminderKind)
            if kinds is None
            else items_of(kinds, object, "kinds", "an iterable of reminder kinds")
        )
    )
    if not chosen:
        raise ValidationError("kinds", kinds, "must name at least one kind")
    moments = (
        instants(around_transitions=False)
        if story_only
        else instants(min_value=_REMINDER_MIN, max_value=_REMINDER_MAX, around_transitions=False)
    )

    @st.composite
    def build(draw: st.DrawFn) -> Reminder:
        kind = draw(st.sampled_from(chosen))
        return Reminder(
            kind=kind,
            recipient_id=draw(_any_ids()),
            about_id=draw(_any_ids()),
            due_at=draw(moments),
            program_zone=draw(zones(story_only=story_only)),
            params=draw(_reminder_params(kind, moments)),
        )

    return build()
