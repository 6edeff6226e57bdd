"""Lossless JSON documents for every public model, and one clear error for bad data."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.accounting import Session
from ementoring.errors import InvalidDocumentError, ValidationError
from ementoring.journal import Journal
from ementoring.matching import Criterion, MatchingProblem, Mentee, Mentor, solve, verify
from ementoring.scheduling import (
    Availability,
    BusyLocal,
    Interval,
    IntervalSet,
    SkipDate,
    WeeklyWindow,
)
from ementoring.serialization import SCHEMA_VERSIONS, from_data, to_data
from ementoring.testing import (
    availabilities,
    directories,
    interval_sets,
    intervals,
    journal_entries,
    journals,
    ledgers,
    matching_problems,
    mentees,
    mentors,
    mentorships,
    persons,
    programs,
    sessions,
    weekly_windows,
)
from ementoring.timezones import EARLIEST, zone

MODELS = {
    "intervals": intervals(),
    "interval_sets": interval_sets(),
    "weekly_windows": weekly_windows(),
    "availabilities": availabilities(),
    "mentors": mentors(),
    "mentees": mentees(),
    "matching_problems": matching_problems(max_mentors=3, max_mentees=4),
    "programs": programs(),
    "mentorships": mentorships(),
    "sessions": sessions(),
    "ledgers": ledgers(),
    "journal_entries": journal_entries(),
    "journals": journals(),
    "persons": persons(),
    "directories": directories(),
}


def assert_plain_json(value: Any, path: str = "$") -> None:
    """Only str, int, float, bool, None, list and dict, by exact type (no str subclasses)."""
    if value is None or type(value) in (str, int, float, bool):
        return
    if type(value) is list:
        for index, item in enumerate(value):
            assert_plain_json(item, f"{path}[{index}]")
        return
    if type(value) is dict:
        for key, item in value.items():
            assert type(key) is str, f"{path}: key {key!r}"
            assert_plain_json(item, f"{path}.{key}")
        return
    raise AssertionError(f"{path}: {type(value).__name__} {value!r} is not plain JSON")


def round_trip(obj: Any) -> None:
    data = to_data(obj)
    assert_plain_json(data)
    assert data["schema"] == SCHEMA_VERSIONS[type(obj).__name__]
    assert data["type"] == type(obj).__name__
    parsed = json.loads(json.dumps(data))
    rebuilt = from_data(type(obj), parsed)
    assert rebuilt == obj
    # Equality can ignore details (a topic's spelling); the data must not.
    assert to_data(rebuilt) == data


class TestRoundTrips:
    @pytest.mark.parametrize("name", sorted(MODELS))
    def test_every_model(self, name: str) -> None:
        """from_data(type(x), to_data(x)) == x, through json, for every generated model."""

        @settings(max_examples=40)
        @given(MODELS[name])
        def check(obj: Any) -> None:
            round_trip(obj)

        check()

    @settings(max_examples=30)
    @given(journals())
    def test_journal_parts_on_their_own(self, journal: Journal) -> None:
        """Entries, agendas, action items and reviews round-trip as documents of their own."""
        for part in (*journal.entries, *journal.agendas, *journal.action_items, *journal.reviews):
            round_trip(part)

    @settings(max_examples=15)
    @given(matching_problems(max_mentors=3, max_mentees=4))
    def test_results_round_trip_and_still_verify(self, problem: MatchingProblem) -> None:
        """A stored result equals the original and verify() still proves it optimal."""
        result = solve(problem)
        round_trip(result)
        stored = from_data(type(result), json.loads(json.dumps(to_data(result))))
        verify(problem, stored)

    @given(intervals(), st.randoms())
    def test_same_object_same_json(self, interval: Interval, rng: Any) -> None:
        """Sets are sorted, so equal objects give identical JSON text."""
        days = ["MO", "WE", "FR", "SU"]
        rng.shuffle(days)
        window = WeeklyWindow(days, time(9), time(10))
        assert json.dumps(to_data(window)) == json.dumps(
            to_data(WeeklyWindow(["SU", "FR", "WE", "MO"], time(9), time(10)))
        )
        assert to_data(window)["days"] == ["MO", "WE", "FR", "SU"]


class TestSessionsStoredBeforeReplies:
    def test_a_document_without_answers_reads_as_before(self) -> None:
        """A session written before replies existed (no "answer" in its events) still reads:
        whoever confirmed the current time accepted, nobody else has answered."""
        from ementoring.accounting import Session

        slot = {"start": "2026-03-10T16:00:00Z", "end": "2026-03-10T17:00:00Z"}
        stored = {
            "schema": 1,
            "type": "Session",
            "id": "s1",
            "mentorship_ids": ["m1"],
            "interval": slot,
            "participants": ["dana", "ivan", "olga"],
            "status": "confirmed",
            "history": [
                {
                    "action": "confirm",
                    "at": "2026-03-02T00:00:00Z",
                    "by": "ivan",
                    "from_status": "proposed",
                    "to_status": "confirmed",
                    "interval": slot,
                    "new_interval": None,
                    "actual": None,
                    "absent": [],
                    "reason": "",
                }
            ],
            "actual": None,
            "absent": [],
            "proposed_at": "2026-03-01T00:00:00Z",
        }
        session = from_data(Session, stored)
        assert {p: a.value for p, a in session.replies.items()} == {
            "dana": "no_answer",
            "ivan": "accepted",
            "olga": "no_answer",
        }
        # Written again, the document says so explicitly, and reads back the same.
        assert to_data(session)["history"][0]["answer"] is None
        assert from_data(Session, to_data(session)) == session


class TestEncodings:
    def test_documented_forms(self) -> None:
        """Instants in UTC with Z, local readings without offset, dates ISO, times HH:MM, seconds."""
        toronto = datetime(2026, 3, 10, 12, tzinfo=zone("America/Toronto"))
        data = to_data(Interval(toronto, toronto + timedelta(minutes=90)))
        assert data["start"] == "2026-03-10T16:00:00Z"
        person = Availability(
            "Asia/Kathmandu",
            weekly=["TH 22:00-01:00", "SA 09:00-24:00"],
            exceptions=[
                SkipDate(date(2026, 3, 12)),
                BusyLocal(datetime(2026, 3, 13, 9), datetime(2026, 3, 13, 10)),
            ],
        )
        doc = to_data(person)
        assert doc["zone"] == "Asia/Kathmandu"
        assert doc["weekly"][0] == {"days": ["TH"], "start": "22:00", "end": "01:00"}
        assert doc["exceptions"][0] == {"date": "2026-03-12", "kind": "skip_date"}
        assert doc["exceptions"][1]["start"] == "2026-03-13T09:00:00"

    def test_subsecond_durations_are_kept(self) -> None:
        """A duration with a fraction of a second is written as a float, not rounded away."""
        start = datetime(2026, 1, 1, tzinfo=UTC)
        odd = Interval(start, start + timedelta(seconds=1, microseconds=500))
        assert from_data(Interval, to_data(odd)) == odd

    def test_custom_criterion_is_refused_by_name(self) -> None:
        """A criterion with a hand-written function cannot be stored, and the error says which."""
        problem = MatchingProblem(
            [Mentor("r")], [Mentee("e")], [Criterion("tall", lambda r, e: 1.0)]
        )
        with pytest.raises(ValidationError, match=r"matching\.custom") as caught:
            to_data(problem)
        assert caught.value.value == "tall"

    @settings(max_examples=30, deadline=None)
    @given(sessions(), st.sampled_from(["null", "absent"]))
    def test_session_stored_without_proposed_at(self, session: Session, how: str) -> None:
        """A stored session without proposed_at reads as proposed at EARLIEST, the old meaning.

        Such a session counted as existing before its history; proposed at the earliest
        instant the library accepts, it does at every instant a report may ask about.
        """
        # As written before proposed_at was required: Session schema 1.
        data = {**to_data(session), "schema": 1}
        if how == "null":
            data["proposed_at"] = None
        else:
            del data["proposed_at"]
        read = from_data(Session, data)
        assert read == attrs.evolve(session, proposed_at=EARLIEST)
        for moment in (EARLIEST, *(event.at for event in session.history)):
            assert read.as_of(moment) is not None
        assert to_data(read)["proposed_at"] == "1900-01-01T00:00:00Z"

    def test_not_a_model(self) -> None:
        """Only public models are serialised."""
        with pytest.raises(ValidationError, match="not a model"):
            to_data(datetime(2026, 1, 1, tzinfo=UTC))
        with pytest.raises(ValidationError, match="not a model"):
            from_data(dict, {})


GOOD_SESSION = {
    "schema": 1,
    "type": "Interval",
    "start": "2026-03-10T16:00:00Z",
    "end": "2026-03-10T17:00:00Z",
}


class TestBadData:
    @pytest.mark.parametrize(
        ("change", "field"),
        [({"schema": 2}, "schema"), ({"schema": None}, "schema"), ({"type": "Session"}, "type")],
    )
    def test_schema_and_type(self, change: dict[str, Any], field: str) -> None:
        """An unknown schema or another type is refused before anything is read."""
        with pytest.raises(InvalidDocumentError) as caught:
            from_data(Interval, GOOD_SESSION | change)
        assert [path for path, _ in caught.value.problems] == [field]

    def test_every_bad_field_is_listed_by_path(self) -> None:
        """One error lists each bad, missing and unknown field by its path."""
        person = to_data(
            Availability(
                "Europe/Moscow", weekly=["MO 09:00-10:00"], exceptions=[SkipDate(date(2026, 3, 9))]
            )
        )
        person["zone"] = "Europe/Moskva"
        person["weekly"][0]["start"] = "9 am"
        person["exceptions"][0]["kind"] = "holiday"
        person["colour"] = "blue"
        with pytest.raises(InvalidDocumentError) as caught:
            from_data(Availability, person)
        paths = [path for path, _ in caught.value.problems]
        assert paths == ["zone", "weekly[0].start", "exceptions[0]", "colour"]
        assert isinstance(caught.value, ValidationError)
        assert "'Europe/Moscow'" in str(caught.value)  # suggested

    def test_nested_model_rules_keep_their_path(self) -> None:
        """A model's own rule (end after start) is reported at the nested field."""
        bad = {"schema": 1, "type": "IntervalSet", "intervals": [
            {"start": "2026-03-10T16:00:00Z", "end": "2026-03-10T17:00:00Z"},
            {"start": "2026-03-10T18:00:00Z", "end": "2026-03-10T17:30:00Z"},
        ]}  # fmt: skip
        with pytest.raises(InvalidDocumentError) as caught:
            from_data(IntervalSet, bad)
        assert caught.value.problems == (
            ("intervals[1].end", "must be after start 2026-03-10T18:00:00+00:00"),
        )

    @pytest.mark.parametrize(
        "value",
        ["2026-03-10T16:00:00", "yesterday", 1773158400, None, True],
    )
    def test_instants_must_be_aware_iso(self, value: Any) -> None:
        """Naive, non-ISO or non-text instants are refused with the documented message."""
        with pytest.raises(InvalidDocumentError) as caught:
            from_data(Interval, GOOD_SESSION | {"start": value})
        assert caught.value.problems == (("start", "not an aware ISO 8601 instant"),)

    def test_strings_are_not_coerced(self) -> None:
        """A number where text belongs is an error, not silently turned into text."""
        data = to_data(Mentor("r1"))
        data["id"] = 5
        with pytest.raises(InvalidDocumentError) as caught:
            from_data(Mentor, data)
        assert caught.value.problems == (("id", "not a string"),)


class TestRegisteredStrategies:
    @settings(max_examples=10)
    @given(st.from_type(Availability), st.from_type(IntervalSet))
    def test_from_type_draws_valid_models(self, person: Availability, free: IntervalSet) -> None:
        """The entry point registers our strategies, so st.from_type works for users."""
        round_trip(person)
        round_trip(free)


def _seniority(*, years: int, fields: list[str] | None = None) -> Criterion:
    """A custom criterion factory with JSON arguments (a test fixture)."""
    wanted = set(fields or ())

    def score(mentor: Mentor, mentee: Mentee) -> float:
        old_enough = mentor.attributes.get("years", 0) >= years  # type: ignore[operator]
        return 1.0 if old_enough and (not wanted or wanted & set(mentor.fields)) else 0.0

    return Criterion("seniority", score, required=True)


class TestCustomCriteria:
    @given(
        st.integers(-5, 50),
        st.lists(st.text(min_size=1, max_size=5).map(str.strip).filter(bool), max_size=3),
    )
    def test_round_trip(self, years: int, fields: list[str]) -> None:
        """A custom criterion is stored by name and arguments and rebuilt by the factory given."""
        from ementoring.matching import custom

        rule = custom("seniority", _seniority, years=years, fields=fields)
        problem = MatchingProblem(
            [Mentor("ana", fields=["HR"], attributes={"years": 7}), Mentor("ben")],
            [Mentee("olga")],
            [rule],
        )
        doc = to_data(problem)
        assert doc["criteria"] == [
            {"custom": "seniority", "arguments": {"fields": fields, "years": years}}
        ]
        back = from_data(MatchingProblem, doc, criteria={"seniority": _seniority})
        assert back == problem
        assert solve(back) == solve(problem)
        assert to_data(back) == doc

    def test_unknown_name_is_an_invalid_document(self) -> None:
        """A stored custom criterion whose factory the reader did not give is refused."""
        from ementoring.matching import custom

        problem = MatchingProblem(
            [Mentor("r")], [Mentee("e")], [custom("seniority", _seniority, years=3)]
        )
        doc = to_data(problem)
        with pytest.raises(InvalidDocumentError, match="criteria\\[0\\]: unknown custom"):
            from_data(MatchingProblem, doc)
        with pytest.raises(InvalidDocumentError, match="unknown custom"):
            from_data(MatchingProblem, doc, criteria={"other": _seniority})

    def test_factory_refusing_arguments(self) -> None:
        """Arguments the factory does not take make an InvalidDocumentError, not a TypeError."""
        from ementoring.matching import custom

        doc = to_data(
            MatchingProblem(
                [Mentor("r")], [Mentee("e")], [custom("seniority", _seniority, years=3)]
            )
        )
        doc["criteria"][0]["arguments"]["colour"] = "red"
        with pytest.raises(InvalidDocumentError, match="refused the arguments"):
            from_data(MatchingProblem, doc, criteria={"seniority": _seniority})

    def test_arguments_must_be_json(self) -> None:
        """Sets, objects and NaN are refused: the arguments must survive JSON."""
        from ementoring.errors import InvalidTypeError
        from ementoring.matching import custom

        with pytest.raises(InvalidTypeError, match="years"):
            custom("seniority", _seniority, years={3})
        with pytest.raises(ValidationError, match="finite"):
            custom("seniority", _seniority, years=float("nan"))
        with pytest.raises(InvalidTypeError, match="factory"):
            custom("seniority", "not callable", years=3)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="refused the arguments"):
            custom("seniority", _seniority, colour="red")
        with pytest.raises(InvalidTypeError, match="Criterion"):
            custom("seniority", lambda **kw: 1.0, years=3)  # type: ignore[arg-type]
        deep: list[object] = []
        for _ in range(30):
            deep = [deep]
        with pytest.raises(ValidationError, match="nested"):
            custom("seniority", _seniority, years=deep)

    def test_bad_factories_mapping(self) -> None:
        """criteria= must map names to functions."""
        from ementoring.errors import InvalidTypeError

        with pytest.raises(InvalidTypeError, match="criteria"):
            from_data(MatchingProblem, {}, criteria=[("a", _seniority)])  # type: ignore[arg-type]
