"""The resource attacks of issue 11: each must end quickly with a result or a typed error.

``python -m tests.fuzz.attacks NAME`` runs one under ``resource.setrlimit``
limits (see ``test_resources.py``) and prints one JSON line: the outcome, the
CPU seconds and the peak memory.
"""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

ATTACKS: dict[str, Callable[[], Callable[[], Any]]] = {}
"""Each attack prepares its input (not measured) and returns the call to measure."""

WEEK_START = datetime(2026, 3, 9, tzinfo=UTC)
CPU_SECONDS = 20
"""The CPU limit (``RLIMIT_CPU``) of the subprocess."""
MEMORY_BYTES = 3 * 2**30
"""The address-space limit (``RLIMIT_AS``) of the subprocess."""
ALLOWED_SECONDS = 5.0
"""What the test allows each attack, in CPU seconds (typically it takes well under one)."""
ALLOWED_MEMORY = 300 * 2**20
"""What the test allows each attack in peak resident memory beyond its prepared input."""


def attack(
    function: Callable[[], Callable[[], Any]],
) -> Callable[[], Callable[[], Any]]:
    """Register an attack under its function's name."""
    ATTACKS[function.__name__] = function
    return function


Prepared = Callable[[], Any]


def _week(days: int = 7) -> Any:
    from ementoring.scheduling import Interval

    return Interval(WEEK_START, WEEK_START + timedelta(days=days))


@attack
def never_matching_rules() -> Prepared:
    """Five rules that never match (30 February), expanded over one week."""
    from ementoring.scheduling import Availability, RecurringWindow

    def run() -> Any:
        rules = [
            RecurringWindow(
                "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", time(9), time(10), starting=date(2026, 1, 1)
            )
            for _ in range(5)
        ]
        return Availability("UTC", recurring=rules).intervals(_week())

    return run


@attack
def never_matching_secondly_rule() -> Prepared:
    """The same with FREQ=SECONDLY over ten years."""
    from ementoring.scheduling import Availability, Interval, RecurringWindow

    ten_years = Interval(WEEK_START, WEEK_START + timedelta(days=3652))

    def run() -> Any:
        rule = RecurringWindow(
            "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", time(9), time(10), starting=date(2026, 1, 1)
        )
        return Availability("UTC", recurring=[rule]).intervals(ten_years)

    return run


def _problem(mentor_capacity: int, mentee_capacity: int, mentees: int) -> Any:
    from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field

    return MatchingProblem(
        [Mentor("a", capacity=mentor_capacity, fields=["x"])],
        [Mentee(f"m{i}", capacity=mentee_capacity, fields=["x"]) for i in range(mentees)],
        [same_field()],
    )


@attack
def huge_mentee_capacity_python() -> Prepared:
    """Mentee(capacity=10**18) with one mentor, pure Python back-end."""
    from ementoring.matching import solve

    problem = _problem(1, 10**18, 1)
    return lambda: solve(problem, backend="python")


@attack
def huge_mentor_capacity_scipy() -> Prepared:
    """Mentor(capacity=10**8) with 1,000 mentees, scipy back-end."""
    import scipy.optimize  # noqa: F401 - imported before measuring

    from ementoring.matching import solve

    problem = _problem(10**8, 1, 1_000)
    return lambda: solve(problem, backend="scipy")


@attack
def capacity_beyond_int64_scipy() -> Prepared:
    """Mentor(capacity=10**19), scipy back-end."""
    import scipy.optimize  # noqa: F401 - imported before measuring

    from ementoring.matching import solve

    problem = _problem(10**19, 1, 3)
    return lambda: solve(problem, backend="scipy")


@attack
def billion_planned_weeks() -> Prepared:
    """weekly_hours of a program of 10**9 planned weeks."""
    from ementoring.accounting import HourLedger, Program, weekly_hours

    def run() -> Any:
        program = Program("p", "P", starts_on=date(2026, 3, 2), zone="UTC", planned_weeks=10**9)
        return weekly_hours(program, HourLedger(), "m1")

    return run


@attack
def ten_megabytes_of_fdfa() -> Prepared:
    """A topic label of 10 MB of U+FDFA (NFKC makes each one 18 characters)."""
    from ementoring.journal import Topic, normalise_topic, topics

    label = "\ufdfa" * 10_000_000

    def run() -> Any:
        for call in (Topic, normalise_topic, topics):
            with contextlib.suppress(ValueError):
                call(label)

    return run


@attack
def one_second_slots_for_a_year() -> Prepared:
    """find_slots over a year for people free all the time, duration and step of one second."""
    from ementoring.scheduling import Availability, find_slots

    people = {p: Availability("UTC", weekly=["MO-SU 00:00-24:00"]) for p in ("a", "b")}
    return lambda: find_slots(
        people, _week(365), duration=timedelta(seconds=1), step=timedelta(seconds=1)
    )


@attack
def a_million_criteria() -> Prepared:
    """A MatchingProblem with 10**6 criteria."""
    from ementoring.matching import MatchingProblem, Mentee, Mentor, same_field

    criteria = [same_field()] * 10**6
    return lambda: MatchingProblem([Mentor("a")], [Mentee("b")], criteria)


@attack
def two_hundred_secondly_rules() -> Prepared:
    """200 FREQ=SECONDLY rules for one person, one day."""
    from ementoring.scheduling import Availability, RecurringWindow

    rules = [
        RecurringWindow("FREQ=SECONDLY", time(9), time(9, 0, 1), starting=date(2026, 3, 1))
        for _ in range(200)
    ]
    return lambda: Availability("UTC", recurring=rules).intervals(_week(1))


def _interval_set(intervals: Any) -> dict[str, Any]:
    return {"schema": 1, "type": "IntervalSet", "intervals": intervals}


@attack
def a_megabyte_string_for_a_list() -> Prepared:
    """from_data(IntervalSet) with a string of a million characters where the list belongs."""
    from ementoring.scheduling import IntervalSet
    from ementoring.serialization import from_data

    document = _interval_set("x" * 1_000_000)
    return lambda: from_data(IntervalSet, document)


@attack
def three_hundred_thousand_zeros() -> Prepared:
    """from_data with [0] * 300_000 in a list field."""
    from ementoring.scheduling import IntervalSet
    from ementoring.serialization import from_data

    document = _interval_set([0] * 300_000)
    return lambda: from_data(IntervalSet, document)


@attack
def millions_of_topics() -> Prepared:
    """A journal entry whose discussed holds 1.3 million distinct topics."""
    from ementoring.journal import JournalEntry

    discussed = [f"topic {i}" for i in range(1_300_000)]
    return lambda: JournalEntry(
        "e1", "m1", "olga", "mentee", written_at=WEEK_START, discussed=discussed
    )


@attack
def millions_of_topics_from_data() -> Prepared:
    """4 million topics through from_data."""
    from ementoring.journal import JournalEntry
    from ementoring.serialization import from_data, to_data

    document = to_data(JournalEntry("e1", "m1", "olga", "mentee", written_at=WEEK_START))
    document["discussed"] = [f"topic {i}" for i in range(4_000_000)]
    return lambda: from_data(JournalEntry, document)


@attack
def a_thousand_part_zone_key() -> Prepared:
    """A zone key of 1,000 path parts."""
    from ementoring.timezones import zone

    key = "/".join(["a"] * 1000)
    return lambda: zone(key)


@attack
def deeply_nested_document() -> Prepared:
    """A document nested a million deep."""
    from ementoring.scheduling import IntervalSet
    from ementoring.serialization import from_data

    deep: list[Any] = []
    for _ in range(1_000_000):
        deep = [deep]
    document = _interval_set(deep)
    return lambda: from_data(IntervalSet, document)


def run(name: str) -> dict[str, Any]:
    """Run one attack under the limits; say how it ended and what it cost."""
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    from ementoring.errors import EmentoringError

    call = ATTACKS[name]()
    began = resource.getrusage(resource.RUSAGE_SELF)
    wall = clock.perf_counter()
    try:
        call()
        outcome = "result"
    except EmentoringError as err:
        outcome = f"typed error {type(err).__name__}: {str(err)[:160]}"
    except BaseException as err:
        outcome = f"BARE {type(err).__name__}: {str(err)[:160]}"
    ended = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "outcome": outcome,
        "cpu_seconds": (ended.ru_utime + ended.ru_stime) - (began.ru_utime + began.ru_stime),
        "wall_seconds": clock.perf_counter() - wall,
        # ru_maxrss only grows: what the call added to the peak of the preparation.
        "peak_bytes": (ended.ru_maxrss - began.ru_maxrss) * 1024,
    }


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
