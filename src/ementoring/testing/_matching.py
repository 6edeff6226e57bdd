"""Matching's models: mentors, mentees and whole problems built from the built-in criteria."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

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
from ementoring.scheduling import Interval
from ementoring.testing._options import check_count, check_flag, check_optional_id, ids_from
from ementoring.testing._scheduling import availabilities
from ementoring.testing._timezones import zones

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
    check_optional_id(mentor_id, "mentor_id")
    check_flag(with_availability, "with_availability")
    ids = ids_from(mentor_id, r"r[0-9]{1,3}")

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
    check_optional_id(mentee_id, "mentee_id")
    check_flag(with_availability, "with_availability")
    ids = ids_from(mentee_id, r"e[0-9]{1,3}")

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
    check_count(max_mentors, "max_mentors")
    check_count(max_mentees, "max_mentees")
    check_flag(with_availability, "with_availability")

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
