"""Matching on time a pair can really meet: schedule_overlap, regular_time, check_person, one zone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import ExpansionLimitError, InvalidTypeError, ValidationError
from ementoring.matching import (
    MatchingProblem,
    Mentee,
    Mentor,
    SignUpProblemKind,
    check_person,
    regular_time,
    same_field,
    schedule_overlap,
    solve,
    verify,
)
from ementoring.matching._scorer import PairScorer
from ementoring.scheduling import Availability, Interval, regular_slots
from ementoring.serialization import from_data, to_data
from ementoring.testing import availabilities, matching_problems, zones
from tests.scheduling import by_week
from tests.scheduling.strategies import examples

HOUR = timedelta(hours=1)
SPRING = Interval(datetime(2026, 2, 2, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))
# Three weeks around Toronto's and Europe's spring changes, plus a partial week.
SHOULDER = Interval(datetime(2026, 3, 3, 9, tzinfo=UTC), datetime(2026, 3, 27, tzinfo=UTC))


def brute_share(a: Availability, b: Availability, within: Interval, meeting: timedelta) -> float:
    """Weeks in which find_overlap(min_duration=meeting) is not empty, over weeks."""
    flags = by_week.weeks_brute({"a": a, "b": b}, within, meeting)
    return sum(flags.values()) / len(flags)


people = availabilities(within=SHOULDER, with_exceptions=True)


class TestScheduleOverlap:
    @examples(40)
    @given(people, people, st.sampled_from([timedelta(minutes=30), HOUR, 2 * HOUR]))
    def test_score_is_the_share_of_meetable_weeks(
        self, a: Availability, b: Availability, meeting: timedelta
    ) -> None:
        """The score equals the week-by-week find_overlap count over the weeks, in [0, 1]."""
        criterion = schedule_overlap(SHOULDER, meeting=meeting)
        score = criterion.score(Mentor("r", availability=a), Mentee("e", availability=b))
        assert 0.0 <= score <= 1.0
        assert score == brute_share(a, b, SHOULDER, meeting)
        # Symmetric: who mentors whom does not change when they can meet.
        assert score == criterion.score(Mentor("r", availability=b), Mentee("e", availability=a))

    @examples(40)
    @given(people, people, st.sampled_from([0.25, 0.5, 0.75, 1.0]))
    def test_required_refuses_below_min_share(
        self, a: Availability, b: Availability, min_share: float
    ) -> None:
        """Required: 0 below min_share, else the same share as when optional."""
        pair = (Mentor("r", availability=a), Mentee("e", availability=b))
        share = schedule_overlap(SHOULDER).score(*pair)
        strict = schedule_overlap(SHOULDER, required=True, min_share=min_share).score(*pair)
        assert strict == (share if share >= min_share else 0.0)

    def test_the_issue_pairs(self) -> None:
        """Hour-long pieces only before 8 March score the share, not 1; 45-minute pieces score 0."""
        mentor = Mentor(
            "ana", availability=Availability("America/Toronto", weekly=["TU 12:00-13:00"])
        )
        early = Mentee(
            "olga", availability=Availability("Europe/Moscow", weekly=["TU 20:00-22:00"])
        )
        short = Mentee(
            "ivan", availability=Availability("Europe/Moscow", weekly=["TU 20:00-20:45"])
        )
        meetable = schedule_overlap(SPRING)
        assert meetable.score(mentor, early) == 0.5
        assert meetable.score(mentor, short) == 0.0
        assert schedule_overlap(SPRING, meeting=timedelta(minutes=45)).score(mentor, short) == 0.5
        assert meetable.describe is not None
        assert meetable.describe(mentor, early) == (
            "a 1-hour slot in 5 of 10 weeks; none after the 8 March clock change"
        )
        assert meetable.describe(mentor, Mentee("x")) == "no availability to compare"
        problem = MatchingProblem(
            [mentor], [early, short], [schedule_overlap(SPRING, required=True, min_share=0.6)]
        )
        result = solve(problem)
        assert result.matches == ()
        assert set(result.unmatched) == {"olga", "ivan"}

    @examples(60)
    @given(matching_problems(max_mentors=4, max_mentees=5))
    def test_bulk_scoring_equals_pair_by_pair(self, problem: MatchingProblem) -> None:
        """The bulk column gives the very floats of calling each criterion pair by pair."""
        scorer = PairScorer(problem)
        for i in range(len(scorer.mentees)):
            row = scorer.allowed(i)
            assert row == scorer.allowed_reference(i)
            for j, score, _, breakdown in row:
                plain = tuple(
                    c.score(scorer.mentors[j], scorer.mentees[i]) for c in scorer.criteria
                )
                assert breakdown == plain
                assert score == scorer.score_of(plain)

    def test_bulk_scoring_with_shared_availabilities(self) -> None:
        """People with equal availabilities share one computation, with the same floats."""
        presets = [
            Availability("America/Toronto", weekly=["TU 12:00-13:00"]),
            Availability("Europe/Moscow", weekly=["TU 19:00-22:00", "TH 20:00-20:45"]),
            Availability("Europe/Moscow", weekly=["MO-FR 18:00-22:00"]),
        ]
        mentors = [Mentor(f"r{k}", availability=presets[k % 3]) for k in range(6)] + [Mentor("x")]
        mentees = [Mentee(f"e{k}", availability=presets[k % 2 + 1]) for k in range(5)]
        problem = MatchingProblem(mentors, mentees, [schedule_overlap(SPRING)])
        scorer = PairScorer(problem)
        for i, mentee in enumerate(scorer.mentees):
            assert scorer.allowed(i) == scorer.allowed_reference(i)
            for j, score, _, _ in scorer.allowed(i):
                theirs, mine = scorer.mentors[j].availability, mentee.availability
                assert mine is not None
                expected = 0.0 if theirs is None else brute_share(theirs, mine, SPRING, HOUR)
                assert score == expected

    def test_stored_problems_round_trip(self) -> None:
        """Both new criteria are stored with their arguments and rebuilt equal; results verify."""
        toronto = Availability("America/Toronto", weekly=["MO-FR 11:00-14:00"])
        moscow = Availability("Europe/Moscow", weekly=["MO-FR 18:00-22:00"])
        problem = MatchingProblem(
            [Mentor("ana", availability=toronto, fields=["HR"])],
            [Mentee("olga", availability=moscow, fields=["HR"])],
            [
                same_field(),
                schedule_overlap(SPRING, meeting=90 * timedelta(minutes=1), required=True,
                                 min_share=0.8),
                regular_time(SPRING, step=timedelta(minutes=15), weight=2),
            ],
        )  # fmt: skip
        stored = json.loads(json.dumps(to_data(problem)))
        assert stored["criteria"][1]["arguments"]["min_share"] == 0.8
        rebuilt = from_data(MatchingProblem, stored)
        assert rebuilt == problem
        verify(rebuilt, solve(problem))


class TestRegularTime:
    @examples(30)
    @given(people, people)
    def test_one_exactly_when_regular_slots_finds_one(
        self, a: Availability, b: Availability
    ) -> None:
        """1 when regular_slots finds a slot on the mentor's or the mentee's clock, else 0."""
        criterion = regular_time(SHOULDER)
        score = criterion.score(Mentor("r", availability=a), Mentee("e", availability=b))
        pair = {"r": a, "e": b}
        found = any(regular_slots(pair, SHOULDER, HOUR, zone=z) for z in {a.zone, b.zone})
        assert score == (1.0 if found else 0.0)

    def test_describe_names_a_slot_or_says_none(self) -> None:
        """The explanation names the first regular time, with the other clock's readings."""
        ana = Mentor("ana", availability=Availability("America/Toronto", weekly=["TU 12:00-13:00"]))
        olga = Mentee("olga", availability=Availability("Europe/Moscow", weekly=["TU 19:00-21:00"]))
        usual = regular_time(SPRING)
        assert usual.score(ana, olga) == 1.0
        assert usual.describe is not None
        assert usual.describe(ana, olga) == (
            "every TU 12:00 America/Toronto, 10 weeks (mentee: TU 20:00, then TU 19:00 from 10 March)"
        )
        late = Mentee("lev", availability=Availability("Europe/Moscow", weekly=["TU 20:00-21:00"]))
        assert usual.score(ana, late) == 0.0
        assert usual.describe(ana, late) == "no regular 1-hour time every week"

    def test_bad_arguments(self) -> None:
        """Bad spans, meeting lengths and steps are refused by name."""
        with pytest.raises(ValidationError, match="within"):
            regular_time("spring")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="meeting"):
            regular_time(SPRING, meeting=1)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="step"):
            regular_time(SPRING, step=timedelta(seconds=1))
        ages = Interval(datetime(1901, 1, 1, tzinfo=UTC), datetime(2199, 1, 1, tzinfo=UTC))
        with pytest.raises(ExpansionLimitError):
            regular_time(ages)
        with pytest.raises(ExpansionLimitError):
            schedule_overlap(ages)


class TestCheckPerson:
    def test_each_problem(self) -> None:
        """No availability, no free time, short weeks and preferred windows outside: as data."""
        assert [p.kind for p in check_person(Mentee("x"), within=SPRING, meeting=HOUR)] == [
            SignUpProblemKind.NO_AVAILABILITY
        ]
        empty = Mentee("y", availability=Availability("UTC"))
        assert [p.kind for p in check_person(empty, within=SPRING)] == [
            SignUpProblemKind.NO_FREE_TIME
        ]
        tight = Mentor(
            "z",
            availability=Availability(
                "America/Toronto",
                weekly=["TU 12:00-13:00"],
                preferred=["TU 12:00-13:00", "SA 09:00-10:00"],
            ),
        )
        [short, outside] = check_person(tight, within=SPRING, meeting=90 * timedelta(minutes=1))
        assert short.kind is SignUpProblemKind.SHORT_WEEKS
        assert len(short.weeks) == 10
        assert outside.kind is SignUpProblemKind.PREFERRED_OUTSIDE
        assert [str(w) for w in outside.windows] == ["SA 09:00-10:00"]
        assert tight.availability is not None
        fixed = attrs.evolve(tight.availability, preferred=["TU 12:00-12:30"])
        assert check_person(attrs.evolve(tight, availability=fixed), within=SPRING) == ()

    @examples(30)
    @given(people, st.sampled_from([timedelta(minutes=30), HOUR]))
    def test_short_weeks_are_the_unmeetable_ones(
        self, person: Availability, meeting: timedelta
    ) -> None:
        """The weeks reported short are exactly those where find_overlap finds no block."""
        problems = check_person(Mentee("e", availability=person), within=SHOULDER, meeting=meeting)
        short = [p for p in problems if p.kind is SignUpProblemKind.SHORT_WEEKS]
        reported = set(short[0].weeks) if short else set()
        flags = by_week.weeks_brute({"e": person}, SHOULDER, meeting)
        expected = {week for week, ok in flags.items() if not ok}
        if any(p.kind is SignUpProblemKind.NO_FREE_TIME for p in problems):
            assert not person.intervals(SHOULDER)
        else:
            assert reported == expected

    def test_not_a_person(self) -> None:
        """Anything but a Mentor or Mentee is an InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="person"):
            check_person("olga", within=SPRING)  # type: ignore[arg-type]


class TestSignUpProblem:
    def test_problems_check_their_fields(self) -> None:
        """A SignUpProblem refuses a kind, message or weeks of the wrong type, naming it."""
        from ementoring.matching import SignUpProblem

        with pytest.raises(InvalidTypeError, match="kind"):
            SignUpProblem(kind="short_weeks", message="x")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="weeks"):
            SignUpProblem(kind=SignUpProblemKind.SHORT_WEEKS, message="x", weeks=[SPRING])  # type: ignore[arg-type]


class TestOneZone:
    @given(zones(story_only=True))
    def test_the_availability_gives_the_zone(self, key: str) -> None:
        """With an availability, a person's zone is its zone; another zone is refused."""
        availability = Availability(key, weekly=["MO 09:00-10:00"])
        assert Mentor("a", availability=availability).zone == key
        assert Mentee("b", zone=key, availability=availability).zone == key
        other = "Asia/Tokyo" if key != "Asia/Tokyo" else "Europe/Moscow"
        with pytest.raises(ValidationError, match="zone"):
            Mentee("b", zone=other, availability=availability)
        moved = Availability(other, weekly=["MO 09:00-10:00"])
        mentor = Mentor("a", availability=availability)
        assert attrs.evolve(mentor, zone=None, availability=moved).zone == other
