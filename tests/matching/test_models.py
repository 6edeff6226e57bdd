"""Bad input to the models and criteria: typed errors naming the field and value."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from ementoring.errors import (
    DuplicateIdError,
    NaiveDatetimeError,
    UnknownIdError,
    UnknownTimeZoneError,
    ValidationError,
)
from ementoring.matching import (
    Criterion,
    MatchingProblem,
    Mentee,
    Mentor,
    attribute_differs,
    attribute_equal,
    recommend,
    same_field,
    schedule_overlap,
    shared_language,
    solve,
    timezone_gap,
    topic_fit,
)
from ementoring.scheduling import Availability, Interval


def constant(value: object) -> Criterion:
    return Criterion("odd", lambda mentor, mentee: value)  # type: ignore[arg-type,return-value]


class TestPeople:
    def test_bad_values(self) -> None:
        """Ids, capacities, zones, text lists and attributes are checked, naming the field."""
        with pytest.raises(ValidationError, match="id"):
            Mentor(" ana")
        with pytest.raises(ValidationError, match="capacity"):
            Mentor("ana", capacity=-1)
        with pytest.raises(ValidationError, match="capacity"):
            Mentee("olga", capacity=True)
        with pytest.raises(UnknownTimeZoneError):
            Mentee("olga", zone="Europe/Mosow")
        with pytest.raises(ValidationError, match="languages"):
            Mentor("ana", languages="English")
        with pytest.raises(ValidationError, match="attributes"):
            Mentor("ana", attributes={1: "x"})  # type: ignore[dict-item]
        with pytest.raises(ValidationError, match="availability"):
            Mentee("olga", availability="MO 9-17")  # type: ignore[arg-type]

    def test_values_kept_as_given(self) -> None:
        """Text is stored as given; only comparisons fold case and spaces."""
        mentor = Mentor("ana", fields=["  Human   Resources "])
        assert mentor.fields == ("  Human   Resources ",)
        assert mentor.folded.fields == frozenset({"human resources"})

    def test_attributes_cannot_change(self) -> None:
        """The attributes mapping is a read-only copy."""
        source = {"department": "HR"}
        mentor = Mentor("ana", attributes=source)
        source["department"] = "IT"
        assert mentor.attributes["department"] == "HR"
        with pytest.raises(TypeError):
            mentor.attributes["department"] = "IT"  # type: ignore[index]


class TestCriterion:
    def test_bad_definitions(self) -> None:
        """Names, weights, flags and index keys are checked."""
        with pytest.raises(ValidationError, match="weight"):
            Criterion("x", lambda a, b: 1.0, weight=0)
        with pytest.raises(ValidationError, match="weight"):
            Criterion("x", lambda a, b: 1.0, weight=math.inf)
        with pytest.raises(ValidationError, match="score"):
            Criterion("x", "not callable")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="required"):
            Criterion("x", lambda a, b: 1.0, required=1)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="index_keys"):
            Criterion("x", lambda a, b: 1.0, index_keys=(str, str))

    def test_bad_hooks(self) -> None:
        """The bulk scorer must be callable; index_exact a flag that needs index keys."""
        with pytest.raises(ValidationError, match="bulk"):
            Criterion("x", lambda a, b: 1.0, bulk="fast")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="index_exact: needs index_keys"):
            Criterion("x", lambda a, b: 1.0, required=True, index_exact=True)
        with pytest.raises(ValidationError, match="index_exact"):
            Criterion("x", lambda a, b: 1.0, index_exact=1)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [1.5, -0.1, math.nan, "high", None])
    def test_score_out_of_range_names_criterion_and_pair(self, value: object) -> None:
        """A score outside [0, 1], NaN or not a number raises, naming the criterion and the pair."""
        problem = MatchingProblem([Mentor("ana")], [Mentee("olga")], [constant(value)])
        with pytest.raises(ValidationError, match=r"criteria\['odd'\].*ana.*olga"):
            solve(problem)

    def test_builtins(self) -> None:
        """Each built-in scores as documented, comparing text case- and space-insensitively."""
        ana = Mentor(
            "ana",
            zone="America/Toronto",
            languages=["English"],
            fields=["HR"],
            offers=["cv", "visa"],
            attributes={"department": "People", "person": "ana"},
        )
        olga = Mentee(
            "olga",
            zone="Europe/Moscow",
            languages=[" english"],
            fields=["hr "],
            goals=["CV", "network", "Visa"],
            attributes={"department": "people", "manager": "ana"},
        )
        assert same_field().score(ana, olga) == 1.0
        assert shared_language().score(ana, olga) == 1.0
        assert topic_fit().score(ana, olga) == pytest.approx(2 / 3)
        assert topic_fit().score(ana, Mentee("x")) == 0.0
        assert attribute_equal("department").score(ana, olga) == 1.0
        assert attribute_differs("department").score(ana, olga) == 0.0
        assert attribute_differs("person", mentee_key="manager").score(ana, olga) == 0.0
        assert attribute_differs("person", mentee_key="manager").score(ana, Mentee("x")) == 1.0
        winter = timezone_gap(at=datetime(2026, 1, 15, tzinfo=UTC))
        summer = timezone_gap(at=datetime(2026, 7, 15, tzinfo=UTC))
        assert winter.score(ana, olga) == pytest.approx(1 - 8 / 8)  # UTC-5 and UTC+3
        assert summer.score(ana, olga) == pytest.approx(1 - 7 / 8)  # UTC-4 and UTC+3
        assert winter.score(ana, Mentee("x")) == 0.0

    def test_timezone_gap_wraps_around_the_clock(self) -> None:
        """UTC-11 and UTC+12 are an hour apart on the clock face."""
        gap = timezone_gap(at=datetime(2026, 1, 15, tzinfo=UTC), max_hours=4)
        pago = Mentor("a", zone="Pacific/Pago_Pago")  # UTC-11, no DST
        fiji = Mentee("b", zone="Pacific/Fiji")  # UTC+12 in 2026
        assert gap.score(pago, fiji) == pytest.approx(0.75)

    def test_timezone_gap_bad_input(self) -> None:
        """A naive instant or an impossible gap is refused."""
        with pytest.raises(NaiveDatetimeError):
            timezone_gap(at=datetime(2026, 1, 15))
        with pytest.raises(ValidationError, match="max_hours"):
            timezone_gap(at=datetime(2026, 1, 15, tzinfo=UTC), max_hours=0)

    def test_schedule_overlap(self) -> None:
        """The share of weeks holding a common block of ``meeting``; none without availability."""
        week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        toronto = Availability("America/Toronto", weekly=["MO,WE 12:00-13:00"])
        moscow = Availability("Europe/Moscow", weekly=["MO-FR 18:00-22:00"])
        ana = Mentor("ana", availability=toronto)
        olga = Mentee("olga", availability=moscow)
        assert schedule_overlap(week).score(ana, olga) == 1.0
        assert schedule_overlap(week, meeting=timedelta(hours=2)).score(ana, olga) == 0.0
        assert schedule_overlap(week).score(ana, Mentee("x")) == 0.0
        with pytest.raises(ValidationError, match="within"):
            schedule_overlap("next week")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="meeting"):
            schedule_overlap(week, meeting=timedelta(0))
        for bad in (0, 1.5, True, "all"):
            with pytest.raises(ValidationError, match="min_share"):
                schedule_overlap(week, min_share=bad)  # type: ignore[arg-type]


class TestProblem:
    def test_duplicates(self) -> None:
        """Duplicate mentor, mentee, criterion or pinned pair: DuplicateIdError naming it."""
        with pytest.raises(DuplicateIdError, match=r"mentors.*'ana'"):
            MatchingProblem([Mentor("ana"), Mentor("ana")], [], [same_field()])
        with pytest.raises(DuplicateIdError, match=r"mentees.*'olga'"):
            MatchingProblem([], [Mentee("olga"), Mentee("olga")], [same_field()])
        with pytest.raises(DuplicateIdError, match="criteria"):
            MatchingProblem([], [], [same_field(), same_field()])

    def test_unknown_ids(self) -> None:
        """Forbidden or pinned pairs naming nobody: UnknownIdError naming the id."""
        with pytest.raises(UnknownIdError, match=r"pinned\[0\].*'ivan'"):
            MatchingProblem(
                [Mentor("ana")], [Mentee("olga")], [same_field()], pinned=[("ana", "ivan")]
            )
        with pytest.raises(UnknownIdError, match=r"forbidden\[0\].*'bob'"):
            MatchingProblem(
                [Mentor("ana")], [Mentee("olga")], [same_field()], forbidden=[("bob", "olga")]
            )
        with pytest.raises(UnknownIdError):
            recommend(MatchingProblem([], [], [same_field()]), "nobody")

    def test_pinned_rules(self) -> None:
        """A pinned pair may not be forbidden, nor exceed either person's capacity."""
        people = ([Mentor("ana")], [Mentee("olga"), Mentee("ivan")])
        with pytest.raises(ValidationError, match="forbidden"):
            MatchingProblem(
                *people, [same_field()], pinned=[("ana", "olga")], forbidden=[("ana", "olga")]
            )
        with pytest.raises(ValidationError, match=r"'ana'.*capacity is 1"):
            MatchingProblem(*people, [same_field()], pinned=[("ana", "olga"), ("ana", "ivan")])
        with pytest.raises(ValidationError, match=r"'olga'.*capacity is 1"):
            MatchingProblem(
                [Mentor("ana"), Mentor("bob")],
                [Mentee("olga")],
                [same_field()],
                pinned=[("ana", "olga"), ("bob", "olga")],
            )

    def test_other_bad_input(self) -> None:
        """No criteria, reserved names, bad pairs, min_score, objective, back-end, k."""
        with pytest.raises(ValidationError, match="criteria"):
            MatchingProblem([], [], [])
        with pytest.raises(ValidationError, match="reserved"):
            MatchingProblem([], [], [Criterion("forbidden", lambda a, b: 1.0)])
        with pytest.raises(ValidationError, match=r"forbidden\[0\]"):
            MatchingProblem([], [], [same_field()], forbidden=[("ana",)])
        with pytest.raises(ValidationError, match="min_score"):
            MatchingProblem([], [], [same_field()], min_score=2)
        with pytest.raises(ValidationError, match=r"mentors\[0\]"):
            MatchingProblem([Mentee("olga")], [], [same_field()])
        problem = MatchingProblem([], [], [same_field()])
        with pytest.raises(ValidationError, match="objective"):
            solve(problem, objective="happiest")
        with pytest.raises(ValidationError, match="backend"):
            solve(problem, backend="gpu")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="k"):
            recommend(MatchingProblem([], [Mentee("olga")], [same_field()]), "olga", k=0)
