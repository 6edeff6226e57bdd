"""Issue 25's classes of untyped exceptions, one class per test group.

An outside fuzz found single instances (``timedelta.max`` as a ``step``, a
weight of ``10**400``, a set as a ``Match`` id...); each stood for a class:
every duration, every number, every value a caller's code returns, every
operator and every object built by hand. These tests hold each class to the
contract of docs/errors.md: a value works, or raises an ``EmentoringError``
naming the field (and a value that was accepted keeps working later).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor, CoveredTopic, TopicCoverage
from ementoring.accounting import (
    HourEntry,
    HourLedger,
    Mentorship,
    Program,
    Session,
    cohort_report,
    complete,
    progress,
    progress_series,
    session_bookings,
)
from ementoring.errors import EmentoringError, InvalidTypeError, ValidationError
from ementoring.journal import Journal, JournalEntry, Topic
from ementoring.matching import (
    MAX_WEIGHT,
    Criterion,
    MatchingProblem,
    Mentee,
    Mentor,
    Recommendation,
    attribute_differs,
    attribute_equal,
    blocking_pairs,
    check_person,
    explain,
    recommend,
    regular_time,
    same_field,
    schedule_overlap,
    shared_language,
    solve,
    timezone_gap,
    topic_fit,
    verify,
)
from ementoring.reminders import reminders
from ementoring.scheduling import (
    Availability,
    Booking,
    FreeTime,
    Interval,
    IntervalSet,
    MeetableWeeks,
    find_overlap,
    find_slots,
    has_regular_time,
    meetable_weeks,
    regular_slots,
)
from ementoring.timezones import EARLIEST, LATEST, MAX_DURATION, Transition

NOW = datetime(2026, 3, 10, 16, tzinfo=UTC)
START = date(2026, 3, 2)
HOUR = timedelta(hours=1)
WEEK = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
PEOPLE = {
    "ivan": Availability("America/Toronto", weekly=["MO-FR 09:00-17:00"]),
    "olga": Availability("Europe/Moscow", weekly=["MO-FR 15:00-22:00"]),
}
PROGRAM = Program("p", "P", starts_on=START, zone="America/Toronto")
PAIR = Mentorship("m1", "p", "ivan", "olga", started_on=START)
OLGA = Actor("olga", roles=["mentee"], program_ids=["p"], mentorship_ids=["m1"])
ANNA = Actor("anna", roles=["coordinator"], program_ids=["p"])
MEETING = Interval(NOW, NOW + HOUR)
UPCOMING = Session("s1", "m1", MEETING, ["ivan", "olga"], proposed_at=NOW - timedelta(days=14))
HELD = complete(
    Session(
        "s0",
        "m1",
        Interval(NOW - timedelta(days=7), NOW - timedelta(days=7) + HOUR),
        ["ivan", "olga"],
        proposed_at=NOW - timedelta(days=14),
    ),
    at=NOW - timedelta(days=7) + HOUR,
)
ENTRY = HourEntry(
    "h1",
    "m1",
    "olga",
    HOUR,
    "preparation",
    occurred_on=date(2026, 3, 10),
    recorded_at=NOW,
    recorded_by="olga",
)
LEDGER = HourLedger().record(ENTRY)
JOURNAL = Journal.for_mentorship(PAIR).add_entry(
    JournalEntry("e1", "m1", "olga", "mentee", written_at=NOW, visibility="pair_and_coordinator")
)
PERSON = Mentor("ana", availability=PEOPLE["ivan"])

EXTREMES = [
    timedelta.max,
    timedelta.min,
    timedelta.max - timedelta(microseconds=1),
    MAX_DURATION + timedelta(microseconds=1),
    -MAX_DURATION - timedelta(microseconds=1),
]
"""Durations beyond the supported span, either way."""

DURATIONS: dict[str, Callable[[timedelta], object]] = {
    "find_overlap.min_duration": lambda d: find_overlap(PEOPLE, WEEK, min_duration=d),
    "find_overlap.min_notice": lambda d: find_overlap(PEOPLE, WEEK, now=NOW, min_notice=d),
    "find_slots.duration": lambda d: find_slots(PEOPLE, WEEK, duration=d, limit=3),
    "find_slots.step": lambda d: find_slots(PEOPLE, WEEK, duration=HOUR, step=d),
    "Booking.buffer_before": lambda d: find_overlap(
        PEOPLE, WEEK, bookings=[Booking("b", MEETING, ["ivan"], buffer_before=d)]
    ),
    "Booking.buffer_after": lambda d: find_overlap(
        PEOPLE, WEEK, bookings=[Booking("b", MEETING, ["ivan"], buffer_after=d)]
    ),
    "session_bookings.buffer_after": lambda d: [
        b.blocked for b in session_bookings([UPCOMING], buffer_after=d)
    ],
    "meetable_weeks.meeting": lambda d: meetable_weeks(PEOPLE, WEEK, meeting=d).text(),
    "regular_slots.duration": lambda d: regular_slots(PEOPLE, WEEK, d, zone="UTC"),
    "regular_slots.step": lambda d: regular_slots(PEOPLE, WEEK, HOUR, zone="UTC", step=d),
    "has_regular_time.step": lambda d: has_regular_time(
        PEOPLE["ivan"].free_time(WEEK), HOUR, zone="UTC", step=d
    ),
    "FreeTime.at_least": lambda d: PEOPLE["ivan"].free_time(WEEK).at_least(d),
    "FreeTime.meetable": lambda d: PEOPLE["ivan"].free_time(WEEK).meetable(d),
    "IntervalSet.at_least": lambda d: IntervalSet([WEEK]).at_least(d),
    "schedule_overlap.meeting": lambda d: schedule_overlap(WEEK, meeting=d),
    "regular_time.step": lambda d: regular_time(WEEK, step=d),
    "check_person.meeting": lambda d: check_person(PERSON, within=WEEK, meeting=d),
    "progress.tolerance": lambda d: progress(
        PROGRAM, PAIR, LEDGER, [HELD], today=date(2026, 4, 1), tolerance=d, kinds=["preparation"]
    ),
    "progress.quiet_after": lambda d: progress(
        PROGRAM, PAIR, LEDGER, [HELD], today=date(2026, 4, 1), quiet_after=d
    ),
    "progress_series.every": lambda d: progress_series(
        PROGRAM, PAIR, LEDGER, [HELD], start=START, end=date(2026, 4, 1), every=d
    ),
    "cohort_report.tolerance": lambda d: cohort_report(
        PROGRAM, [PAIR], LEDGER, [HELD], today=date(2026, 4, 1), tolerance=d
    ),
    "reminders.review_after": lambda d: reminders(
        PROGRAM,
        PAIR,
        [HELD, UPCOMING],
        JOURNAL,
        LEDGER,
        viewer=ANNA,
        at=NOW - timedelta(days=1),
        review_after=d,
    ),
    "reminders.max_age": lambda d: reminders(
        PROGRAM,
        PAIR,
        [HELD, UPCOMING],
        JOURNAL,
        LEDGER,
        viewer=OLGA,
        at=NOW - timedelta(days=1),
        max_age=d,
    ),
    "HourEntry.duration": lambda d: attrs.evolve(ENTRY, duration=d),
    "JournalEntry.time_spent": lambda d: JOURNAL.entries[0].__class__(
        "e2", "m1", "olga", "mentee", written_at=NOW, time_spent=d
    ),
    "LedgerLine.delta": lambda d: attrs.evolve(LEDGER.lines[0], delta=d),
}
"""A duration parameter or field each, with a call that uses it beyond its check."""

PROGRAM_DURATIONS = ("target", "agenda_lead", "journal_due", "quiet_after")


def _use_program(program: Program) -> None:
    """Everything that does arithmetic with a program's durations."""
    progress(program, PAIR, LEDGER, [HELD], today=date(2026, 4, 1), kinds=["preparation"])
    for now in (NOW - timedelta(days=1), NOW + timedelta(days=30)):
        for viewer in (OLGA, ANNA):
            reminders(program, PAIR, [HELD, UPCOMING], JOURNAL, LEDGER, viewer=viewer, at=now)


def _refusal(call: Callable[[], object]) -> ValidationError | None:
    """The ValidationError the call raised, or ``None`` when it worked (anything else propagates)."""
    try:
        call()
    except ValidationError as error:
        return error
    return None


def _works_or_names(call: Callable[[], object], field: str) -> None:
    """The call works, or raises a ValidationError naming ``field``."""
    error = _refusal(call)
    assert error is None or error.field == field, error


class TestDurations:
    @pytest.mark.parametrize("where", sorted(DURATIONS))
    @pytest.mark.parametrize("value", EXTREMES, ids=str)
    def test_extreme_durations_are_refused_by_name(self, where: str, value: timedelta) -> None:
        """Beyond MAX_DURATION either way: a ValidationError naming the parameter, never an overflow."""
        with pytest.raises(ValidationError) as caught:
            DURATIONS[where](value)
        assert caught.value.field == where.split(".")[-1].replace("at_least", "duration").replace(
            "meetable", "meeting"
        )

    @settings(max_examples=25, deadline=None)
    @given(value=st.timedeltas())
    @pytest.mark.parametrize("where", sorted(DURATIONS))
    def test_any_duration_works_or_names_the_field(self, where: str, value: timedelta) -> None:
        """Any timedelta at all: a result, or a ValidationError naming the parameter."""
        field = where.split(".")[-1].replace("at_least", "duration").replace("meetable", "meeting")
        _works_or_names(lambda: DURATIONS[where](value), field)

    @settings(max_examples=40, deadline=None)
    @given(
        field=st.sampled_from(PROGRAM_DURATIONS),
        value=st.timedeltas() | st.sampled_from([*EXTREMES, MAX_DURATION, -MAX_DURATION]),
    )
    def test_a_program_duration_accepted_keeps_working(self, field: str, value: Any) -> None:
        """A Program takes a duration or names it; once taken, progress and reminders work with it."""
        error = _refusal(lambda: attrs.evolve(PROGRAM, **{field: value}))
        if error is not None:
            assert error.field == field
            return
        _use_program(attrs.evolve(PROGRAM, **{field: value}))

    def test_the_span_itself_is_supported(self) -> None:
        """MAX_DURATION is the span of supported instants, and accepted where no less is required."""
        assert MAX_DURATION == LATEST - EARLIEST
        assert find_slots(PEOPLE, WEEK, duration=HOUR, step=MAX_DURATION) == ()
        _use_program(attrs.evolve(PROGRAM, agenda_lead=MAX_DURATION, journal_due=MAX_DURATION))

    def test_a_wrong_type_is_an_invalid_type_error(self) -> None:
        """0 as review_after (a TypeError from a comparison) is an InvalidTypeError naming it."""
        with pytest.raises(InvalidTypeError, match="review_after"):
            DURATIONS["reminders.review_after"](0)  # type: ignore[arg-type]


WEIGHTED: dict[str, Callable[[Any], object]] = {
    "same_field": lambda w: same_field(weight=w),
    "shared_language": lambda w: shared_language(weight=w),
    "topic_fit": lambda w: topic_fit(weight=w),
    "timezone_gap": lambda w: timezone_gap(at=NOW, weight=w),
    "attribute_equal": lambda w: attribute_equal("city", weight=w),
    "attribute_differs": lambda w: attribute_differs("city", weight=w),
    "schedule_overlap": lambda w: schedule_overlap(WEEK, weight=w),
    "regular_time": lambda w: regular_time(WEEK, weight=w),
    "Criterion": lambda w: Criterion("c", lambda mentor, mentee: 1.0, weight=w),
}

NUMBERS: dict[str, Callable[[Any], object]] = {
    "min_score": lambda n: MatchingProblem(
        [Mentor("a")], [Mentee("b")], [same_field()], min_score=n
    ),
    "max_hours": lambda n: timezone_gap(at=NOW, max_hours=n),
    "min_share": lambda n: schedule_overlap(WEEK, min_share=n),
    "risk_factor": lambda n: progress(
        PROGRAM, PAIR, LEDGER, [HELD], today=date(2026, 4, 1), risk_factor=n
    ),
}

HUGE = [10**400, -(10**400), 2**1024, math.nan, math.inf, -math.inf, True, Decimal("NaN")]
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=2**1000, max_value=2**1100).map(lambda n: n * (-1) ** (n % 2)),
    st.floats(),
    st.fractions(),
    st.sampled_from(HUGE),
)


class TestNumbers:
    @pytest.mark.parametrize("factory", sorted(WEIGHTED))
    @pytest.mark.parametrize("value", HUGE, ids=repr)
    def test_huge_and_non_finite_weights_are_refused(self, factory: str, value: Any) -> None:
        """10**400 overflowed float() in every factory; now each is a ValidationError naming weight."""
        with pytest.raises(ValidationError) as caught:
            WEIGHTED[factory](value)
        assert caught.value.field == "weight"

    @settings(max_examples=30, deadline=None)
    @given(value=numbers)
    @pytest.mark.parametrize("where", sorted(WEIGHTED) + sorted(NUMBERS))
    def test_any_number_works_or_names_the_field(self, where: str, value: Any) -> None:
        """Any int (of any size), float, fraction, NaN or bool: a result, or a named ValidationError."""
        call = WEIGHTED.get(where) or NUMBERS[where]
        _works_or_names(lambda: call(value), "weight" if where in WEIGHTED else where)

    def test_the_largest_weight(self) -> None:
        """MAX_WEIGHT is taken and solved with; anything above is refused."""
        problem = MatchingProblem(
            [Mentor("a")], [Mentee("b")], [same_field(weight=MAX_WEIGHT), topic_fit(weight=1e-300)]
        )
        verify(problem, solve(problem))
        with pytest.raises(ValidationError, match="weight"):
            same_field(weight=MAX_WEIGHT + 1)


MENTORS = [Mentor("ana", fields=["law"]), Mentor("ben", fields=["it"])]
MENTEES = [Mentee("olga", fields=["law"]), Mentee("ivan", fields=["it"])]
PROBLEM = MatchingProblem(MENTORS, MENTEES, [same_field()])
RESULT = solve(PROBLEM)

NOT_SCORES = [int, "0.5", [0.5], 10**400, math.nan, -math.inf, None, Decimal("NaN"), object()]


def _problem(criterion: Criterion) -> MatchingProblem:
    return MatchingProblem(MENTORS, MENTEES, [criterion])


class TestCallerCode:
    @pytest.mark.parametrize("returned", NOT_SCORES, ids=repr)
    @pytest.mark.parametrize("use", ["solve", "recommend", "explain", "blocking_pairs"])
    def test_a_score_that_is_not_a_number(self, returned: Any, use: str) -> None:
        """A score function returning a type, text, NaN...: a ValidationError naming criterion and pair."""
        problem = _problem(Criterion("c", lambda mentor, mentee: returned))
        calls: dict[str, Callable[[], object]] = {
            "solve": lambda: solve(problem),
            "recommend": lambda: recommend(problem, "olga"),
            "explain": lambda: explain(problem, RESULT, "olga"),
            "blocking_pairs": lambda: blocking_pairs(problem, RESULT),
        }
        with pytest.raises(ValidationError, match=r"criteria\['c'\]\.score\(mentor="):
            calls[use]()

    @pytest.mark.parametrize("returned", [Fraction(1, 2), Decimal("0.5"), True, 1])
    def test_other_kinds_of_numbers_are_scores(self, returned: Any) -> None:
        """A Fraction, a Decimal, a bool or an int from 0 to 1 is a score, read as a float."""
        result = solve(_problem(Criterion("c", lambda mentor, mentee: returned)))
        assert {m.score for m in result.matches} == {float(returned)}

    @pytest.mark.parametrize("returned", NOT_SCORES, ids=repr)
    def test_a_bulk_scorer_that_returns_no_function(self, returned: Any) -> None:
        """bulk(mentors) must give a function: anything else is an InvalidTypeError naming it."""
        criterion = Criterion("c", lambda mentor, mentee: 0.5, bulk=lambda mentors: returned)
        with pytest.raises(InvalidTypeError, match=r"criteria\['c'\]\.bulk\(mentors\)"):
            solve(_problem(criterion))

    @pytest.mark.parametrize("returned", NOT_SCORES, ids=repr)
    def test_bulk_values_that_are_not_scores_fall_back(self, returned: Any) -> None:
        """Bulk columns of non-scores send each mentee back to score, as documented."""
        criterion = Criterion(
            "c",
            lambda mentor, mentee: 0.5,
            bulk=lambda mentors: lambda mentee, positions: [returned] * len(positions),
        )
        alone = Criterion("c", lambda mentor, mentee: 0.5)
        assert solve(_problem(criterion)) == solve(_problem(alone))

    @pytest.mark.parametrize(
        "keys", [lambda person: 5, lambda person: "law", lambda person: [["law"]]], ids=str
    )
    def test_index_keys_that_are_not_hashable_keys(self, keys: Callable[[Any], Any]) -> None:
        """index_keys must give a collection of hashable keys: else an InvalidTypeError naming it."""
        criterion = Criterion(
            "c", lambda mentor, mentee: 1.0, required=True, index_keys=(keys, keys)
        )
        with pytest.raises(InvalidTypeError, match=r"criteria\['c'\]\.index_keys\[0\]\(mentor="):
            solve(_problem(criterion))

    @pytest.mark.parametrize("returned", [None, 5, int, ["words"]], ids=repr)
    def test_describe_that_is_not_text(self, returned: Any) -> None:
        """describe must give text: else an InvalidTypeError naming the criterion and the pair."""
        criterion = Criterion(
            "c", lambda mentor, mentee: 1.0, describe=lambda mentor, mentee: returned
        )
        problem = _problem(criterion)
        with pytest.raises(InvalidTypeError, match=r"criteria\['c'\]\.describe\(mentor="):
            explain(problem, solve(problem), "olga")


class TestOperators:
    @pytest.mark.parametrize("value", [{}, {"h1": 1}, [], {"h1"}, None, 5, ENTRY], ids=repr)
    def test_in_a_ledger_is_false_for_what_is_not_an_id(self, value: Any) -> None:
        """Like ``x in some_list``, ``x in ledger`` answers for anything: a dict is simply not in it."""
        assert value not in LEDGER
        assert "h1" in LEDGER
        assert "h2" not in LEDGER

    def test_an_interval_set_is_indexed_by_numbers(self) -> None:
        """A key that is no index is an InvalidTypeError; past the end is IndexError, as for a tuple."""
        intervals = IntervalSet([WEEK])
        assert intervals[0] == WEEK
        assert intervals[:1] == (WEEK,)
        with pytest.raises(InvalidTypeError, match="index"):
            intervals["0"]  # type: ignore[call-overload]
        with pytest.raises(IndexError):
            intervals[1]


MATCH = RESULT.matches[0]
BAD_MATCH_FIELDS = [
    ("mentee_id", {"olga"}),
    ("mentor_id", {"ana"}),
    ("mentee_id", ["olga"]),
    ("mentor_id", 5),
    ("score", math.nan),
    ("score", math.inf),
    ("score", 10**400),
    ("score", "0.5"),
    ("score", 1e308),
    ("score", -0.5),
    ("breakdown", {"same_field": math.nan}),
    ("breakdown", {"same_field": 10**400}),
    ("breakdown", {5: 1.0}),
    ("pinned", 1),
]


class TestBuiltByHand:
    @pytest.mark.parametrize(("field", "value"), BAD_MATCH_FIELDS, ids=repr)
    def test_a_bad_match_is_refused_when_built(self, field: str, value: Any) -> None:
        """A set as an id or a NaN score was a TypeError or ValueError inside verify; now at once."""
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(MATCH, **{field: value})
        assert caught.value.field.startswith(field)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("matches", 5),
            ("matches", [5]),
            ("total_score", math.nan),
            ("spare_capacity", {"ana": "one"}),
            ("spare_capacity", {1: 1}),
            ("unmatched", {"olga": 5}),
            ("certificate", 5),
            ("scored", True),
            ("explainer", "solve"),
        ],
        ids=repr,
    )
    def test_a_bad_result_is_refused_when_built(self, field: str, value: Any) -> None:
        """Each field of a MatchingResult is checked, naming it."""
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(RESULT, **{field: value})
        assert caught.value.field.startswith(field)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("tie_unit", "x"),
            ("bonus", 1.5),
            ("mentee_surplus", {"olga": math.nan}),
            ("mentor_price", {"ana": "z"}),
        ],
        ids=repr,
    )
    def test_a_bad_certificate_is_refused_when_built(self, field: str, value: Any) -> None:
        """The certificate's prices and units are whole numbers by id."""
        assert RESULT.certificate is not None
        with pytest.raises(InvalidTypeError) as caught:
            attrs.evolve(RESULT.certificate, **{field: value})
        assert caught.value.field.startswith(field)

    @settings(max_examples=60, deadline=None)
    @given(
        field=st.sampled_from(["mentor_id", "mentee_id", "score", "pinned"]),
        value=st.one_of(
            st.sampled_from(["ana", "olga", "ben", "zed", 0.0, 1.0, True, False]),
            st.floats(),
            st.integers(),
            st.frozensets(st.text(max_size=3)),
            st.text(max_size=5),
        ),
    )
    def test_a_match_built_by_hand_is_checked_or_judged(self, field: str, value: Any) -> None:
        """Whatever a hand-built match holds, building it or checking the result is typed."""
        try:
            match = attrs.evolve(MATCH, **{field: value})
            result = attrs.evolve(RESULT, matches=(match, *RESULT.matches[1:]))
        except EmentoringError:
            return
        for check in (verify, blocking_pairs):
            with contextlib.suppress(EmentoringError):
                check(PROBLEM, result)
        with contextlib.suppress(EmentoringError):
            explain(PROBLEM, result, "olga").text()

    def test_a_recipe_holds_hashable_arguments(self) -> None:
        """A criterion's identity hashes its recipe: unhashable arguments are refused when built."""
        recipe = same_field().recipe
        assert recipe is not None
        with pytest.raises(InvalidTypeError, match=r"arguments\[0\]"):
            attrs.evolve(recipe, arguments=(("weight", bytearray(b"x")),))
        with pytest.raises(InvalidTypeError, match="recipe"):
            attrs.evolve(same_field(), recipe=("same_field", ()))  # type: ignore[arg-type]

    def test_recommendations_are_checked(self) -> None:
        """A Recommendation's id and numbers, as a Match's."""
        with pytest.raises(ValidationError, match="score"):
            Recommendation("ana", math.nan, {})
        with pytest.raises(ValidationError, match="mentor_id"):
            Recommendation({"ana"}, 0.5, {})  # type: ignore[arg-type]

    def test_other_results_built_by_hand(self) -> None:
        """What a result object reads later (offsets, topics, weeks) is checked when it is built."""
        with pytest.raises(InvalidTypeError, match="offset_after"):
            Transition(at=NOW, offset_before=HOUR, offset_after="x")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="offset_before"):
            Transition(at=NOW, offset_before=timedelta(days=1), offset_after=HOUR)
        with pytest.raises(InvalidTypeError, match="covered"):
            TopicCoverage(covered=5, asked_for=(), untouched_goals=(), suggested_next=())
        with pytest.raises(InvalidTypeError, match="topic"):
            CoveredTopic(topic="x", times=1, first_at=NOW, last_at=NOW)  # type: ignore[arg-type]
        assert CoveredTopic(topic=Topic("CV"), times=1, first_at=NOW, last_at=NOW).times == 1
        with pytest.raises(InvalidTypeError, match="weeks"):
            MeetableWeeks(meeting=HOUR, weeks=(), meetable=())
        free = FreeTime(WEEK)
        assert not free.meetable(HOUR)[0]
