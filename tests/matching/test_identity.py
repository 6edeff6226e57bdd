"""A result knows the problem it solved: fingerprints, strangers refused, old certificates named."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.errors import MatchingError
from ementoring.matching import (
    GAIN_RULES,
    Criterion,
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    Unmatched,
    average_overlap,
    explain,
    fingerprint,
    same_field,
    solve,
    topic_fit,
    verify,
)
from ementoring.scheduling import Availability, Interval, weekly_overlap
from ementoring.testing import matching_problems

WEEK = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))


def small() -> MatchingProblem:
    return MatchingProblem(
        [Mentor("ana", offers=["cv"]), Mentor("ben", offers=["visa"], capacity=2)],
        [Mentee("olga", goals=["cv"]), Mentee("ivan", goals=["visa"])],
        [topic_fit(), same_field(weight=2)],
    )


class TestFingerprint:
    @settings(max_examples=30)
    @given(matching_problems(max_mentors=4, max_mentees=4), st.randoms())
    def test_the_order_of_people_does_not_matter(
        self, problem: MatchingProblem, rng: object
    ) -> None:
        """Mentors, mentees and pairs given in another order: one fingerprint."""
        mentors, mentees = list(problem.mentors), list(problem.mentees)
        rng.shuffle(mentors)  # type: ignore[attr-defined]
        rng.shuffle(mentees)  # type: ignore[attr-defined]
        shuffled = attrs.evolve(
            problem,
            mentors=mentors,
            mentees=mentees,
            forbidden=list(reversed(problem.forbidden)),
            pinned=list(reversed(problem.pinned)),
        )
        assert fingerprint(shuffled) == fingerprint(problem) is not None

    @settings(max_examples=30)
    @given(matching_problems(max_mentors=4, max_mentees=4))
    def test_any_change_of_a_person_changes_it(self, problem: MatchingProblem) -> None:
        """One more seat for one mentor, or another score floor: another fingerprint."""
        if problem.mentors:
            first = problem.mentors[0]
            more = attrs.evolve(first, capacity=first.capacity + 1)
            changed = attrs.evolve(problem, mentors=[more, *problem.mentors[1:]])
            assert fingerprint(changed) != fingerprint(problem)
        floor = attrs.evolve(problem, min_score=0.5 if problem.min_score != 0.5 else 0.25)
        assert fingerprint(floor) != fingerprint(problem)

    def test_equal_numbers_spelt_differently_are_one_problem(self) -> None:
        """A weight of 2 and of 2.0 make one criterion, and one fingerprint."""
        one = attrs.evolve(small(), criteria=[topic_fit(), same_field(weight=2)])
        other = attrs.evolve(small(), criteria=[topic_fit(), same_field(weight=2.0)])
        assert one == other
        assert fingerprint(one) == fingerprint(other)

    def test_the_same_in_another_process(self) -> None:
        """Another interpreter, with another hash seed, computes the same text."""
        code = (
            "from tests.matching.test_identity import small;"
            "from ementoring.matching import fingerprint;"
            "print(fingerprint(small()))"
        )
        env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONTZPATH": ""}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        assert out.stdout.strip() == fingerprint(small())

    def test_a_bare_function_has_no_fingerprint(self) -> None:
        """A criterion without a recipe cannot be named elsewhere: no fingerprint, none recorded."""
        bare = Criterion("bare", lambda mentor, mentee: 1.0)
        problem = attrs.evolve(small(), criteria=[bare])
        assert fingerprint(problem) is None
        assert solve(problem).problem_fingerprint is None
        verify(problem, solve(problem))

    def test_solve_records_it(self) -> None:
        result = solve(small())
        assert result.problem_fingerprint == fingerprint(small())
        assert result.problem_fingerprint is not None
        assert result.problem_fingerprint.startswith("sha256:")


class TestAnotherProblem:
    def test_verify_and_explain_name_both_fingerprints(self) -> None:
        """The problem changed since it was solved: the error says so, naming both."""
        problem = small()
        result = solve(problem)
        changed = attrs.evolve(problem, mentors=[*problem.mentors, Mentor("cleo")])
        for call in (lambda: verify(changed, result), lambda: explain(changed, result, "olga")):
            with pytest.raises(MatchingError) as caught:
                call()
            message = str(caught.value)
            assert str(result.problem_fingerprint) in message
            assert str(fingerprint(changed)) in message
            assert "certificate" not in message

    def test_a_result_without_fingerprint_is_checked_in_full(self) -> None:
        """Built by hand (no fingerprint): the old checks still find the stranger."""
        problem = small()
        result = attrs.evolve(solve(problem), problem_fingerprint=None)
        verify(problem, result)
        changed = attrs.evolve(problem, mentors=[*problem.mentors, Mentor("cleo")])
        with pytest.raises(MatchingError, match="spare capacity of mentor 'cleo'"):
            verify(changed, result)


def _anonymous(result: MatchingResult, **changes: Any) -> MatchingResult:
    return attrs.evolve(result, problem_fingerprint=None, **changes)


class TestStrangers:
    """A result naming people the problem does not have is refused, naming them."""

    def test_an_unknown_unmatched_mentee(self) -> None:
        problem = small()
        result = solve(problem)
        reason = Unmatched(reason="no_allowed_mentor", detail={"forbidden": 0})
        stranger = _anonymous(result, unmatched={**result.unmatched, "zoe": reason})
        with pytest.raises(
            MatchingError, match="unmatched names mentees 'zoe', not in the problem"
        ):
            verify(problem, stranger)

    def test_an_unknown_mentor_among_spare_seats(self) -> None:
        problem = small()
        result = solve(problem)
        stranger = _anonymous(result, spare_capacity={**result.spare_capacity, "dan": 1})
        with pytest.raises(MatchingError, match="spare_capacity names mentors 'dan'"):
            verify(problem, stranger)

    def test_unknown_people_in_the_certificate(self) -> None:
        problem = small()
        result = solve(problem)
        certificate = result.certificate
        assert certificate is not None
        priced = attrs.evolve(certificate, mentor_price={**certificate.mentor_price, "dan": 0})
        with pytest.raises(MatchingError, match="the certificate names mentors 'dan'"):
            verify(problem, _anonymous(result, certificate=priced))

    def test_unknown_holders_of_a_full_mentor(self) -> None:
        problem = MatchingProblem(
            [Mentor("ana", capacity=1)], [Mentee("olga"), Mentee("ivan")], [same_field()]
        )
        result = solve(problem)
        (short,) = result.unmatched
        full = Unmatched(reason="mentors_full", detail={"ana": ("zoe",)})
        stranger = _anonymous(result, unmatched={short: full})
        with pytest.raises(MatchingError, match=r"unmatched\['.*'\] names mentees 'zoe'"):
            verify(problem, stranger)

    def test_unknown_people_in_matches(self) -> None:
        problem = small()
        result = solve(problem)
        match = attrs.evolve(result.matches[0], mentee_id="zz")
        stranger = _anonymous(result, matches=(*result.matches[1:], match))
        with pytest.raises(MatchingError, match="matches names mentees 'zz'"):
            verify(problem, stranger)


class TestOldCertificates:
    def test_an_unrecorded_certificate_that_holds_proves_the_result(self) -> None:
        """Prices read from 0.1 that hold for today's gains still prove the result."""
        problem = small()
        result = solve(problem)
        assert result.certificate is not None
        old = attrs.evolve(result.certificate, gain_rules=None)
        verify(problem, _anonymous(result, certificate=old))

    def test_an_unrecorded_certificate_that_fails_says_why_and_what_to_do(self) -> None:
        problem = small()
        result = solve(problem)
        assert result.certificate is not None
        wrong = {key: value + 7 for key, value in result.certificate.mentee_surplus.items()}
        old = attrs.evolve(result.certificate, gain_rules=None, mentee_surplus=wrong)
        stored = _anonymous(result, certificate=old)
        for call in (lambda: verify(problem, stored), lambda: explain(problem, stored, "olga")):
            with pytest.raises(MatchingError) as caught:
                call()
            message = str(caught.value)
            assert "stored by ementoring 0.1" in message
            assert "the matches stand as stored" in message
            assert "solve the problem again" in message

    def test_other_rules_are_refused(self) -> None:
        problem = small()
        result = solve(problem)
        assert result.certificate is not None
        other = attrs.evolve(result.certificate, gain_rules=GAIN_RULES + 1)
        with pytest.raises(MatchingError, match=f"gain rules {GAIN_RULES + 1}"):
            verify(problem, _anonymous(result, certificate=other))


class TestAverageOverlap:
    @settings(max_examples=25)
    @given(matching_problems(max_mentors=3, max_mentees=3))
    def test_it_scores_the_weekly_overlap_against_the_target(
        self, problem: MatchingProblem
    ) -> None:
        """min(1, weekly_overlap / target), and 0 for a person without availability."""
        target = timedelta(minutes=90)
        overlap = average_overlap(WEEK, target=target)
        for mentor in problem.mentors:
            for mentee in problem.mentees:
                a, b = mentor.availability, mentee.availability
                expected = (
                    0.0 if a is None or b is None else min(1.0, weekly_overlap(a, b, WEEK) / target)
                )
                assert overlap.score(mentor, mentee) == expected

    def test_its_name_is_what_breakdowns_say(self) -> None:
        """Problems upgraded from 0.1 keep the name their stored results used."""
        ana = Mentor("ana", availability=Availability("UTC", weekly=["MO 12:00-14:00"]))
        olga = Mentee("olga", availability=Availability("UTC", weekly=["MO 13:00-15:00"]))
        named = average_overlap(WEEK, name="schedule_overlap")
        result = solve(MatchingProblem([ana], [olga], [named]))
        assert dict(result.matches[0].breakdown) == {"schedule_overlap": 0.5}
        assert average_overlap(WEEK).name == "average_overlap"

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [({"target": timedelta(0)}, "target"), ({"name": " x"}, "name"), ({"target": 5}, "target")],
    )
    def test_bad_arguments_are_named(self, arguments: dict[str, object], field: str) -> None:
        with pytest.raises(ValueError, match=f"^{field}:"):
            average_overlap(WEEK, **arguments)  # type: ignore[arg-type]
