"""Draw every serialised model of one commit and write its documents as JSON.

``generate.py`` runs this in a subprocess whose ``PYTHONPATH`` starts with an
exported commit's ``src/``, so every ``ementoring`` import below is that
commit's library. Everything drawn comes from fixed seeds (Hypothesis
derandomised, no database), so one commit always gives the same documents.

For each class in the commit's ``_MODELS`` table of ``ementoring.serialization``
(the module, or a module of the package it became) it gathers objects:

- drawn from the commit's public strategies in ``ementoring.testing``;
- the results of solving the drawn matching problems (every objective), and
  problems with every built-in criterion (and a custom one, where ``custom``
  exists) put in explicitly;
- from the driver's own strategies, built with the commit's constructors, for
  what the public strategies do not draw (all of them before the commit that
  added strategies): availabilities with every kind of window and exception,
  bookings, zone transitions, journals with dropped action items and reviews,
  mentorships through their lifecycle, meeting entries in ledgers;
- and every model object inside those (a problem's mentors, a result's
  matches, a journal's topics...).

It writes ``to_data`` of each, deduplicated, grouped by shape (``shapes.py``),
with the errors it met: a strategy that fails, a model ``to_data`` refuses, a
document the commit's own ``from_data`` does not read back.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import traceback
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.golden.shapes import detail_items, shape_items, shape_key, snake_case

__all__ = ["main"]

# The kept documents per shape (the smallest ones), and the hashes kept per origin.
_PER_SHAPE = 2
_HASHES_PER_ORIGIN = 60

_WEEK_START = datetime(2026, 3, 9, tzinfo=UTC)
_WEEK = (_WEEK_START, _WEEK_START + timedelta(days=7))
_FOUR_WEEKS = (datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC))
_ZONES = ("America/Toronto", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "UTC")

# Public strategies of ementoring.testing that draw models, with the options tried.
_STRATEGIES: tuple[tuple[str, Mapping[str, Any]], ...] = (
    ("intervals", {}),
    ("interval_sets", {}),
    ("weekly_windows", {}),
    ("weeks_near_transitions", {}),
    ("availabilities", {}),
    ("mentors", {}),
    ("mentees", {}),
    ("matching_problems", {"max_mentors": 3, "max_mentees": 5}),
    ("programs", {}),
    ("mentorships", {}),
    ("sessions", {}),
    ("sessions", {"also_for": ["m2", "m3"]}),
    ("ledgers", {}),
    ("journal_entries", {}),
    ("journals", {}),
)


class Lib:
    """The exported commit's modules, looked up by name (a module it lacks is ``None``)."""

    def __init__(self) -> None:
        import importlib

        def load(name: str) -> ModuleType | None:
            try:
                return importlib.import_module(f"ementoring.{name}")
            except ImportError:
                return None

        self.serialization: Any = load("serialization")
        self.scheduling: Any = load("scheduling")
        self.timezones: Any = load("timezones")
        self.matching: Any = load("matching")
        self.accounting: Any = load("accounting")
        self.journal: Any = load("journal")
        self.testing: Any = load("testing")
        self.models: Mapping[str, type] = self._models()

    def _models(self) -> Mapping[str, type]:
        """The serialised classes by name: ``_MODELS`` of serialization or of one of its modules."""
        import importlib
        import pkgutil

        found = getattr(self.serialization, "_MODELS", None)
        for module in pkgutil.iter_modules(getattr(self.serialization, "__path__", [])):
            if found is None:
                inner = importlib.import_module(f"ementoring.serialization.{module.name}")
                found = getattr(inner, "_MODELS", None)
        if found is None:
            raise LookupError("no _MODELS table in ementoring.serialization")
        return dict(found)


class Errors:
    """Problems met while drawing, each message once with a count."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, where: str, error: BaseException) -> None:
        text = f"{where}: {type(error).__name__}: {str(error)[:300]}"
        self.counts[text] = self.counts.get(text, 0) + 1

    def listed(self) -> list[dict[str, Any]]:
        return [{"error": text, "count": n} for text, n in sorted(self.counts.items())]


def call(function: Any, *args: Any, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)`` without the keywords this version does not take."""
    parameters = inspect.signature(function).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        kwargs = {key: value for key, value in kwargs.items() if key in parameters}
    return function(*args, **kwargs)


def _without_code_constants() -> None:
    """Keep Hypothesis from mixing constants found in the library's source into its draws.

    It reads every string and number literal of the code under test and draws
    them now and then; a commit that changes any literal anywhere would then
    change the documents drawn of unrelated models, hiding the changes that
    matter when commits are compared.
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - a Hypothesis without the feature
        return
    empty = getattr(providers, "_local_constants", None)
    if empty is not None and hasattr(providers, "_get_local_constants"):
        providers._get_local_constants = lambda: empty


def draw(strategy: Any, count: int, where: str, errors: Errors) -> list[Any]:
    """``count`` values of ``strategy``, the same ones on every run."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from hypothesis.errors import HypothesisException

    values: list[Any] = []

    @settings(
        derandomize=True,
        database=None,
        max_examples=count,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def collect(data: Any) -> None:
        try:
            values.append(data.draw(strategy))
        except HypothesisException:
            raise
        except Exception as error:
            errors.add(where, error)

    try:
        collect()
    except Exception as error:
        errors.add(where, error)
    return values


class Found:
    """Every model object reachable from the roots, by class name, with where it came from."""

    def __init__(self, models: Mapping[str, type]) -> None:
        self.names = {cls: name for name, cls in models.items()}
        self.objects: dict[str, list[tuple[str, Any]]] = {name: [] for name in models}

    def add(self, origin: str, root: Any) -> None:
        import attrs

        seen: set[int] = set()

        def visit(value: Any, depth: int) -> None:
            if depth > 40 or id(value) in seen or isinstance(value, str | int | float | bool):
                return
            seen.add(id(value))
            name = self.names.get(type(value))
            if name is not None:
                self.objects[name].append((origin, value))
            if attrs.has(type(value)):
                for field in attrs.fields(type(value)):
                    if not field.name.startswith("_"):
                        visit(getattr(value, field.name), depth + 1)
            elif isinstance(value, list | tuple):
                for item in value:
                    visit(item, depth + 1)
            elif isinstance(value, frozenset | set):
                for item in sorted(value, key=repr):
                    visit(item, depth + 1)
            elif isinstance(value, Mapping):
                for item in value.values():
                    visit(item, depth + 1)

        visit(root, 0)

    def roots(self, name: str) -> list[Any]:
        return [obj for _origin, obj in self.objects.get(name, [])]


# Matching ---------------------------------------------------------------------

_EVERY_CRITERION = "driver.every_criterion"
_CONTENDED = "driver.contended"


def _interval(lib: Lib, span: tuple[datetime, datetime]) -> Any:
    return lib.scheduling.Interval(*span)


def _criterion_arguments(lib: Lib, variant: int) -> dict[str, Any]:
    """A value for each argument name a built-in criterion has had, in two variants."""
    choices: dict[str, tuple[Any, Any]] = {
        "weight": (1.0, 2.5),
        "required": (False, True),
        "at": (_WEEK_START, _WEEK_START),
        "max_hours": (8, 4.5),
        "key": ("department", "department"),
        "mentor_key": (None, "department"),
        "mentee_key": (None, "department"),
        "within": (_interval(lib, _WEEK), _interval(lib, _FOUR_WEEKS)),
        "target": (timedelta(hours=2), timedelta(minutes=90)),
        "meeting": (timedelta(hours=1), timedelta(minutes=30)),
        "min_share": (1.0, 0.5),
        "step": (timedelta(minutes=30), timedelta(minutes=15)),
    }
    return {name: pair[variant] for name, pair in choices.items()}


def every_criterion(lib: Lib, variant: int, errors: Errors) -> list[Any]:
    """One criterion of every built-in factory (and a custom one where ``custom`` exists)."""
    from tests.golden.custom_criteria import department_rule

    values = _criterion_arguments(lib, variant)
    criteria = []
    for name, factory in sorted(getattr(lib.matching, "BUILTIN_CRITERIA", {}).items()):
        kwargs: dict[str, Any] = {}
        for parameter in inspect.signature(factory).parameters.values():
            if parameter.name in values:
                kwargs[parameter.name] = values[parameter.name]
            elif parameter.default is inspect.Parameter.empty:
                errors.add(f"criterion {name}", ValueError(f"no value for {parameter.name}"))
                break
        else:
            try:
                criteria.append(factory(**kwargs))
            except Exception as error:
                errors.add(f"criterion {name}", error)
    custom = getattr(lib.matching, "custom", None)
    if custom is not None:
        options: dict[str, Any] = (
            {"departments": ["finance", "people"], "weight": 2.5}
            if variant == 0
            else {"departments": ["people"], "required": True, "levels": {"people": 0.5}}
        )
        try:
            criteria.append(custom("department_rule", department_rule, **options))
        except Exception as error:
            errors.add("criterion custom", error)
    return criteria


def contended_problems(lib: Lib) -> list[Any]:
    """Problems where every pair is allowed: seats scarce (the certificate's prices are not 0) or plenty."""
    m = lib.matching
    fields = ["Nursing", "Accounting", "Human resources"]
    goals = ["CV review", "Interview prep", "Networking", "Licensing exams"]
    problems = []
    for size in (6, 9, 12):
        mentors = [
            m.Mentor(
                f"r{k}",
                capacity=1 + k % 2,
                fields=fields[k % 3 : k % 3 + 2],
                offers=goals[k % 4 : k % 4 + 2],
                languages=["English"],
                attributes={"department": ["finance", "people"][k % 2]},
            )
            for k in range(size // 3)
        ]
        mentees = [
            m.Mentee(
                f"e{k}",
                fields=[fields[(k * 2) % 3]],
                goals=goals[(k * 3) % 4 : (k * 3) % 4 + 1 + k % 2],
                languages=["English"],
                attributes={"department": ["people", "finance"][k % 3 % 2]},
            )
            for k in range(size)
        ]
        criteria = [
            m.same_field(weight=2.0),
            m.topic_fit(),
            m.shared_language(required=False),
            m.attribute_differs("department", required=False, weight=0.5),
        ]
        problems.append(m.MatchingProblem(mentors, mentees, criteria))
    # More seats than people on the other side (a mentee asking for three mentors
    # of two): the weights count the pairs that can be made.
    roomy = [
        m.Mentor(f"r{k}", capacity=5, fields=fields[k : k + 2], languages=["English"])
        for k in range(2)
    ]
    few = [
        m.Mentee(f"e{k}", capacity=3 if k == 0 else 1, fields=[fields[k]], languages=["English"])
        for k in range(3)
    ]
    problems.append(
        m.MatchingProblem(roomy, few, [m.same_field(), m.shared_language(required=False)])
    )
    return problems


def people(lib: Lib, errors: Errors) -> list[Any]:
    """Mentors and mentees with and without a zone and an availability, the zones agreeing or not."""
    m, s = lib.matching, lib.scheduling
    found = []
    for index, (zone, availability_zone) in enumerate(
        [
            (None, None),
            ("Asia/Kolkata", None),
            (None, "Europe/Berlin"),
            ("America/Toronto", "America/Toronto"),
            ("Asia/Kolkata", "Europe/Berlin"),  # two zones for one person
        ]
    ):
        availability = (
            None
            if availability_zone is None
            else s.Availability(
                availability_zone,
                weekly=[s.WeeklyWindow(["MO", "WE"], time(18), time(21))],
            )
        )
        for cls, extra in (
            (m.Mentor, {"offers": ["CV review"]}),
            (m.Mentee, {"goals": ["CV review"]}),
        ):
            try:
                found.append(
                    cls(
                        f"p{index}",
                        zone=zone,
                        availability=availability,
                        languages=["English"],
                        fields=["Nursing"],
                        **extra,
                    )
                )
            except Exception as error:
                errors.add(
                    f"driver.people {cls.__name__}(zone={zone!r}, availability in {availability_zone!r})",
                    error,
                )
    return found


def matching_roots(lib: Lib, found: Found, errors: Errors) -> Iterator[tuple[str, Any, Any, str]]:
    """``(origin, problem, result, objective)`` for the drawn problems and their variants."""
    import attrs

    problems = list(found.objects.get("MatchingProblem", []))
    # The largest drawn problems (the first draws are the smallest), in draw order.
    largest = sorted(
        range(len(problems)),
        key=lambda k: (-len(problems[k][1].mentors) * len(problems[k][1].mentees), k),
    )[:8]
    for index, (_origin, problem) in enumerate(problems[k] for k in sorted(largest)):
        try:
            criteria = every_criterion(lib, index % 2, errors)
            problems.append((_EVERY_CRITERION, attrs.evolve(problem, criteria=criteria)))
        except Exception as error:
            errors.add(_EVERY_CRITERION, error)
    try:
        problems += [(_CONTENDED, problem) for problem in contended_problems(lib)]
    except Exception as error:
        errors.add(_CONTENDED, error)
    objectives = [member.value for member in lib.matching.Objective]
    for origin, problem in problems:
        for objective in objectives:
            try:
                result = call(lib.matching.solve, problem, objective=objective, backend="python")
            except Exception as error:
                errors.add(f"solve({objective})", error)
                continue
            yield origin, problem, result, objective


# The driver's own strategies ------------------------------------------------------


def _clock(minutes: int) -> time:
    return time(minutes // 60 % 24, minutes % 60)


def scheduling_strategy(lib: Lib) -> Any:
    """Availabilities with every window and exception kind, interval sets and bookings."""
    from hypothesis import strategies as st

    s = lib.scheduling
    days = st.lists(st.sampled_from(list(s.Weekday)), min_size=1, max_size=5, unique=True)
    quarter = st.integers(0, 95).map(lambda q: _clock(15 * q))
    weekly = st.builds(s.WeeklyWindow, days, quarter, quarter)
    rules = st.sampled_from(
        [
            "FREQ=WEEKLY;BYDAY=TU,TH",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
            "FREQ=MONTHLY;BYDAY=1MO",
            "FREQ=WEEKLY;BYDAY=FR;UNTIL=20260601",
            "FREQ=DAILY;COUNT=20",
        ]
    )
    recurring = st.builds(
        lambda rule, start, hours, starting: s.RecurringWindow(
            rule, _clock(start * 15), _clock(start * 15 + hours * 60), starting=starting
        ),
        rules,
        st.integers(24, 70),
        st.integers(1, 3),
        st.dates(date(2026, 1, 1), date(2026, 3, 31)),
    )
    instants = st.integers(0, 60 * 24 * 60).map(
        lambda m: datetime(2026, 2, 20, tzinfo=UTC) + timedelta(minutes=m)
    )
    intervals = st.builds(
        lambda start, minutes: s.Interval(start, start + timedelta(minutes=minutes)),
        instants,
        st.integers(1, 3 * 24 * 60),
    )
    dates = st.dates(date(2026, 3, 1), date(2026, 4, 30))
    readings = st.builds(
        lambda day, q, length: s.BusyLocal(
            datetime.combine(day, _clock(15 * q)),
            datetime.combine(day, _clock(15 * q)) + timedelta(minutes=15 * length),
        ),
        dates,
        st.integers(0, 95),
        st.integers(1, 12),
    )
    replacements = st.lists(st.tuples(quarter, quarter), max_size=2).map(
        lambda pairs: [(a, b) for a, b in pairs if a != b]
    )

    @st.composite
    def exceptions(draw_from: Any) -> list[Any]:
        # At most one SkipDate or ReplaceDate per date.
        days = draw_from(st.lists(dates, max_size=3, unique=True))
        chosen: list[Any] = [
            s.SkipDate(day)
            if draw_from(st.booleans())
            else s.ReplaceDate(day, draw_from(replacements))
            for day in days
        ]
        chosen += draw_from(st.lists(st.one_of(readings, st.builds(s.Busy, intervals)), max_size=3))
        return chosen

    availability = st.builds(
        lambda zone, w, r, e, p, policy: s.Availability(
            zone, weekly=w, recurring=r, exceptions=e, preferred=p, policy=policy
        ),
        st.sampled_from(_ZONES),
        st.lists(weekly, max_size=3),
        st.lists(recurring, max_size=2),
        exceptions(),
        st.lists(st.one_of(weekly, recurring), max_size=2),
        st.sampled_from(["wall_clock", "rfc5545"]),
    )
    interval_set = st.builds(s.IntervalSet, st.lists(intervals, max_size=4))
    booking = st.builds(
        lambda index, interval, people, before, after: s.Booking(
            f"b{index}",
            interval,
            people,
            buffer_before=timedelta(minutes=before),
            buffer_after=timedelta(minutes=after),
        ),
        st.integers(0, 99),
        intervals,
        st.lists(st.sampled_from(["olga", "ivan", "dana"]), min_size=1, max_size=3, unique=True),
        st.sampled_from([0, 10, 15]),
        st.sampled_from([0, 5, 30]),
    )
    return st.tuples(availability, interval_set, booking)


def transitions(lib: Lib) -> list[Any]:
    """The clock changes of a few zones, in 2026 and across the Apia jump of 2011."""
    found = []
    for key, start, end in (
        ("Europe/Berlin", datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)),
        ("Australia/Lord_Howe", datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)),
        ("Pacific/Apia", datetime(2011, 1, 1, tzinfo=UTC), datetime(2012, 6, 1, tzinfo=UTC)),
        ("America/Toronto", datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)),
    ):
        found.extend(lib.timezones.transitions(key, start, end))
    return found


def journal_strategy(lib: Lib) -> Any:
    """Journals with amended entries, agendas, open, done and dropped items, and reviews."""
    from hypothesis import strategies as st

    j = lib.journal
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    topics = st.lists(
        st.sampled_from(["CV review", "cv-review", "Interview prep", "Networking"]),
        max_size=3,
        unique_by=lambda text: text.lower().replace("-", " "),
    )

    @st.composite
    def build(draw_from: Any) -> Any:
        journal = j.Journal("m1", mentor_id="ivan", mentee_id="olga")
        count = draw_from(st.integers(0, 4))
        for index in range(count):
            mentor = draw_from(st.booleans())
            journal = journal.add_entry(
                j.JournalEntry(
                    f"e{index}",
                    "m1",
                    "ivan" if mentor else "olga",
                    "mentor" if mentor else "mentee",
                    written_at=start
                    + timedelta(days=index, minutes=draw_from(st.integers(0, 600))),
                    session_id=draw_from(st.none() | st.just(f"s{index}")),
                    discussed=draw_from(topics),
                    next_topics=draw_from(topics),
                    time_spent=timedelta(minutes=draw_from(st.integers(0, 120))),
                    observations=draw_from(
                        st.sampled_from(["", "Went well.", "Нужно больше практики"])
                    ),
                    visibility=draw_from(st.sampled_from([v.value for v in j.Visibility])),
                )
            )
        for index in range(count):
            if draw_from(st.booleans()):
                entry = journal.entry(f"e{index}")
                journal = journal.add_entry(
                    j.amend(
                        entry,
                        by=entry.author_id,
                        at=entry.written_at + timedelta(days=2),
                        observations="Amended.",
                    )
                )
        for session_id in ["s1", "s2"][: draw_from(st.integers(0, 2))]:
            items = [
                j.AgendaItem(
                    topic,
                    note=draw_from(st.sampled_from(["", "bring the CV"])),
                    requested_by="olga",
                )
                for topic in draw_from(topics) or ["Networking"]
            ]
            journal = journal.add_agenda(j.Agenda(session_id, "olga", items))
            if session_id == "s1":  # the second stays unsent
                journal = journal.send_agenda(session_id, at=start)
        for index in range(draw_from(st.integers(0, 3))):
            journal = journal.add_action_item(
                j.ActionItem(
                    f"a{index}",
                    "m1",
                    "Rewrite the CV",
                    assigned_to="olga",
                    assigned_by="ivan",
                    created_at=start,
                    due_on=draw_from(st.none() | st.just(date(2026, 3, 20))),
                )
            )
            ending = draw_from(st.sampled_from(["open", "done", "dropped"]))
            if ending == "done":
                journal = journal.mark_done(f"a{index}", at=start + timedelta(days=3))
            elif ending == "dropped":
                journal = journal.drop_action_item(
                    f"a{index}", at=start + timedelta(days=4), reason="no longer needed"
                )
        for index, entry in enumerate(journal.current[: draw_from(st.integers(0, 3))]):
            journal = journal.add_review(
                j.Review(
                    f"r{index}",
                    entry.id,
                    "cora",
                    written_at=entry.written_at + timedelta(days=1),
                    comment="Good progress.",
                    kind=draw_from(st.sampled_from([k.value for k in j.ReviewKind])),
                )
            )
        return journal

    return build()


def accounting_strategy(lib: Lib) -> Any:
    """Mentorships through pauses, extensions and closings; ledgers with meeting entries."""
    from hypothesis import strategies as st

    a = lib.accounting
    program = a.Program(
        "p1", "Spring", starts_on=date(2026, 3, 2), zone="Europe/Berlin", max_extension_weeks=4
    )

    @st.composite
    def mentorship(draw_from: Any) -> Any:
        at = datetime(2026, 3, 10, tzinfo=UTC)
        pair = a.Mentorship("m1", "p1", "ivan", "olga", started_on=date(2026, 3, 2))
        for step in draw_from(st.lists(st.sampled_from(["pause", "extend", "close"]), max_size=3)):
            at += timedelta(days=draw_from(st.integers(1, 20)))
            status = pair.status.value
            if step == "pause" and status == "active":
                pair = a.pause_mentorship(pair, by="olga", at=at)
                at += timedelta(days=7)
                if draw_from(st.booleans()):
                    pair = a.resume_mentorship(pair, by="ivan", at=at)
            elif step == "extend" and status == "active" and pair.extension_weeks < 4:
                pair = a.extend(pair, 2, ["ivan", "olga"], at, program=program)
            elif step == "close" and status in ("active", "paused"):
                reason = draw_from(st.sampled_from([None, "goals_met", "other"]))
                note = "moved abroad" if reason == "other" else ""
                pair = a.close_mentorship(pair, by="cora", at=at, reason=reason, note=note)
        return pair

    @st.composite
    def ledger(draw_from: Any) -> Any:
        start = datetime(2026, 3, 3, 17, tzinfo=UTC) + timedelta(
            hours=draw_from(st.integers(0, 72))
        )
        people = ["olga", "ivan", "dana"][: draw_from(st.integers(2, 3))]
        session = a.Session(
            "s1", "m1", lib.scheduling.Interval(start, start + timedelta(hours=1)), people
        )
        session = a.confirm(session, by="ivan", at=start - timedelta(days=1))
        session = a.complete(session, at=start + timedelta(hours=1))
        book = a.HourLedger()
        for entry in call(a.entries_for_session, session, program):
            book = book.record(entry, session=session)
        other = a.HourEntry(
            "h1",
            "m1",
            "olga",
            timedelta(minutes=45),
            "preparation",
            occurred_on=start.date(),
            recorded_at=start + timedelta(hours=3),
            recorded_by="olga",
            note="read the CV",
        )
        book = book.record(other)
        at = start + timedelta(days=1)
        if draw_from(st.booleans()):
            book = book.correct(
                "h1", duration=timedelta(minutes=50), reason="typo", by="olga", at=at
            )
        if draw_from(st.booleans()):
            book = book.void("h1", reason="duplicate", by="ivan", at=at + timedelta(hours=1))
        return book

    return st.tuples(mentorship(), ledger())


# Documents --------------------------------------------------------------------


def _plain(value: Any) -> bool:
    """Only dict, list, str, int, float, bool and None, by exact type."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    if type(value) is list:
        return all(_plain(item) for item in value)
    if type(value) is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return False


def _map_keys(models: Mapping[str, type]) -> list[str]:
    """The fields of the models that hold a mapping keyed by data."""
    import typing

    import attrs

    keys = set()
    for cls in models.values():
        if not attrs.has(cls):
            continue
        try:
            hints = typing.get_type_hints(cls)
        except Exception:
            hints = {field.name: field.type for field in attrs.fields(cls)}
        for name, hint in hints.items():
            if name.startswith("_"):
                continue  # private state, never written
            text = hint if isinstance(hint, str) else repr(hint)
            origin = typing.get_origin(hint)
            if "Mapping[" in text or "dict[" in text or origin in (dict, Mapping):
                keys.add(name)
    return sorted(keys)


def documents(
    lib: Lib, found: Found, errors: Errors
) -> tuple[dict[str, Any], dict[str, str], list[str], list[str]]:
    """Every class's documents grouped by shape, and each drawn object's document hash."""
    models = lib.models
    map_keys = _map_keys(models)
    tags = sorted(snake_case(name) for name in models)
    hash_of: dict[int, str] = {}
    types: dict[str, Any] = {}
    for name, objects in found.objects.items():
        shapes: dict[str, Any] = {}
        hashes: dict[str, list[str]] = {}
        union: set[str] = set()
        details: set[str] = set()
        seen: set[str] = set()
        for origin, obj in objects:
            try:
                raw = lib.serialization.to_data(obj)
            except Exception as error:
                errors.add(f"to_data({name})", error)
                continue
            if not _plain(raw):
                errors.add(
                    f"to_data({name})", TypeError("not plain JSON values (kept as JSON reads them)")
                )
            text = json.dumps(raw, sort_keys=True, ensure_ascii=False)
            digest = hashlib.sha1(text.encode()).hexdigest()[:16]
            hash_of[id(obj)] = digest
            listed = hashes.setdefault(origin, [])
            if len(listed) < _HASHES_PER_ORIGIN:
                listed.append(digest)
            if digest in seen:
                continue
            seen.add(digest)
            doc = json.loads(json.dumps(raw, ensure_ascii=False))
            items = shape_items(doc, map_keys=map_keys, tags=tags)
            union |= items
            details |= detail_items(doc, map_keys=map_keys, tags=tags)
            group = shapes.setdefault(
                shape_key(items), {"items": sorted(items), "count": 0, "samples": []}
            )
            group["count"] += 1
            group["samples"].append(
                {"doc": doc, "origin": origin, "hash": digest, "size": len(text)}
            )
            # The smallest few of each origin: a shape drawn by several strategies
            # keeps an example of each (their values differ in what they mean).
            kept: dict[str, int] = {}
            trimmed = []
            for sample in sorted(group["samples"], key=lambda s: (s["size"], s["hash"])):
                kept[sample["origin"]] = kept.get(sample["origin"], 0) + 1
                if kept[sample["origin"]] <= _PER_SHAPE:
                    trimmed.append(sample)
            group["samples"] = trimmed
        types[name] = {
            "unique": len(seen),
            "union": sorted(union),
            "details": sorted(details),
            "shapes": shapes,
            "hashes": hashes,
        }
    return types, {str(k): v for k, v in hash_of.items()}, map_keys, tags


def self_check(lib: Lib, types: Mapping[str, Any], errors: Errors) -> None:
    """Read every kept document back with the commit's own ``from_data``."""
    from tests.golden.custom_criteria import FACTORIES

    # Versions before custom criteria cannot take the factories (nor store one).
    factories = FACTORIES if hasattr(lib.matching, "custom") else None
    models = lib.models
    for name, info in types.items():
        failures = []
        for group in info["shapes"].values():
            for sample in group["samples"]:
                try:
                    back = call(
                        lib.serialization.from_data, models[name], sample["doc"], criteria=factories
                    )
                    again = json.loads(json.dumps(lib.serialization.to_data(back)))
                except Exception as error:
                    failures.append(f"{sample['hash']}: {type(error).__name__}: {str(error)[:200]}")
                    continue
                if again != sample["doc"]:
                    failures.append(f"{sample['hash']}: read back as a different document")
        info["self_check"] = failures
        for failure in failures:
            errors.add(f"own from_data({name})", ValueError(failure.split(": ", 1)[1]))


def run(samples: int) -> dict[str, Any]:
    """Everything the driver finds at the imported commit."""
    _without_code_constants()
    lib = Lib()
    errors = Errors()
    models = lib.models
    found = Found(models)
    if lib.testing is not None:
        for name, options in _STRATEGIES:
            factory = getattr(lib.testing, name, None)
            if factory is None:
                continue
            label = f"testing.{name}({', '.join(f'{k}={v!r}' for k, v in options.items())})"
            if not set(options) <= set(inspect.signature(factory).parameters):
                continue  # an option this version does not have
            try:
                strategy = factory(**options)
            except Exception as error:
                errors.add(label, error)
                continue
            count = samples * 2 if name == "matching_problems" else samples
            for value in draw(strategy, count, label, errors):
                found.add(label, value)
    pairs: list[tuple[int, int, str, str]] = []
    added: set[int] = set()
    if "MatchingResult" in models:
        for origin, problem, result, objective in list(matching_roots(lib, found, errors)):
            if origin in (_EVERY_CRITERION, _CONTENDED) and id(problem) not in added:
                added.add(id(problem))
                found.add(origin, problem)
            found.add(f"solve({objective}) of {origin}", result)
            pairs.append((id(problem), id(result), objective, origin))
    if "Mentor" in models:
        for value in people(lib, errors):
            found.add("driver.people", value)
    if "Interval" in models:
        for value in draw(scheduling_strategy(lib), samples, "driver.scheduling", errors):
            found.add("driver.scheduling", value)
    if "Transition" in models:
        try:
            for value in transitions(lib):
                found.add("driver.transitions", value)
        except Exception as error:
            errors.add("driver.transitions", error)
    if "Journal" in models:
        for value in draw(journal_strategy(lib), samples, "driver.journals", errors):
            found.add("driver.journals", value)
    if "Mentorship" in models:
        for value in draw(accounting_strategy(lib), samples, "driver.accounting", errors):
            found.add("driver.accounting", value)
    types, hash_of, map_keys, tags = documents(lib, found, errors)
    self_check(lib, types, errors)
    problems: dict[str, Any] = {}
    results: dict[str, Any] = {}
    paired = []
    for problem_id, result_id, objective, origin in pairs:
        problem_hash, result_hash = hash_of.get(str(problem_id)), hash_of.get(str(result_id))
        if problem_hash is None or result_hash is None:
            continue
        paired.append(
            {
                "problem": problem_hash,
                "result": result_hash,
                "objective": objective,
                "origin": origin,
            }
        )
    for name, store, ids in (
        ("MatchingProblem", problems, {p["problem"] for p in paired}),
        ("MatchingResult", results, {p["result"] for p in paired}),
    ):
        for origin, obj in found.objects.get(name, []):
            digest = hash_of.get(str(id(obj)))
            if digest in ids and digest not in store:
                store[digest] = {
                    "doc": json.loads(json.dumps(lib.serialization.to_data(obj))),
                    "origin": origin,
                }
    return {
        "models": sorted(models),
        "map_keys": map_keys,
        "tags": tags,
        "errors": errors.listed(),
        "types": types,
        "pairs": paired,
        "pair_docs": {"MatchingProblem": problems, "MatchingResult": results},
    }


def main(argv: Iterable[str] | None = None) -> None:
    """Run the driver: ``driver.py OUT --export DIR --samples N``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("--export", type=Path, required=True)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args(None if argv is None else list(argv))
    import ementoring

    where = Path(ementoring.__file__).resolve()
    if args.export.resolve() not in where.parents:
        raise SystemExit(f"imported {where}, not the export in {args.export}")
    try:
        report = run(args.samples)
    except Exception:
        report = {"fatal": traceback.format_exc()}
    args.out.write_text(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
