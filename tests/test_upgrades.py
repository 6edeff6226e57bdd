"""Schema versions per document type, and the upgrade steps that read every earlier version.

Each step is also run on the golden documents of its version (tests/test_golden.py);
these tests pin what each step does with the cases it exists for.
"""

from __future__ import annotations

import copy
import inspect
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ementoring.accounting import Session, SessionEvent
from ementoring.errors import DocumentVersionError, InvalidDocumentError
from ementoring.matching import (
    Certificate,
    Criterion,
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    average_overlap,
)
from ementoring.scheduling import Interval
from ementoring.serialization import (
    DOCUMENT_TYPES,
    SCHEMA,
    SCHEMA_VERSIONS,
    UPGRADE_STEPS,
    from_data,
    to_data,
    upgrade,
    upgrade_table,
)
from ementoring.timezones import EARLIEST, Transition

WEEK = {"start": "2026-03-09T00:00:00Z", "end": "2026-03-16T00:00:00Z"}
BERLIN = {"zone": "Europe/Berlin", "weekly": [], "exceptions": []}


def _old_overlap(**arguments: Any) -> dict[str, Any]:
    return {
        "schema": 1,
        "type": "Criterion",
        "factory": "schedule_overlap",
        "arguments": {"within": WEEK, "weight": 1, "required": False, **arguments},
    }


class TestVersions:
    def test_every_document_type_has_a_version(self) -> None:
        assert set(SCHEMA_VERSIONS) == set(DOCUMENT_TYPES)
        assert all(type(v) is int and v >= 1 for v in SCHEMA_VERSIONS.values())

    def test_a_version_is_one_more_than_the_steps(self) -> None:
        assert set(UPGRADE_STEPS) <= set(DOCUMENT_TYPES)
        for name, version in SCHEMA_VERSIONS.items():
            assert version == 1 + len(UPGRADE_STEPS.get(name, ()))

    def test_every_step_is_a_documented_function(self) -> None:
        """One function per (type, version), whose docstring says what changed and why."""
        for steps in UPGRADE_STEPS.values():
            for step in steps:
                assert inspect.isfunction(step)
                doc = inspect.getdoc(step) or ""
                assert len(doc.splitlines()) > 2, step.__name__

    def test_the_old_constant_is_the_number_0_1_wrote(self) -> None:
        assert SCHEMA == 1

    def test_to_data_writes_the_current_version(self) -> None:
        start = datetime(2026, 3, 10, 16, tzinfo=UTC)
        session = Session(
            "s1", "m1", Interval(start, start.replace(hour=17)), ["a", "b"], proposed_at=start
        )
        assert to_data(session)["schema"] == SCHEMA_VERSIONS["Session"] == 2

    def test_a_newer_version_is_refused_naming_both(self) -> None:
        newer = SCHEMA_VERSIONS["Transition"] + 1
        with pytest.raises(DocumentVersionError) as caught:
            from_data(Transition, {"schema": newer, "type": "Transition"})
        assert caught.value.document_type == "Transition"
        assert caught.value.version == newer
        assert f"Transition schema {newer}" in str(caught.value)
        assert f"schema 1 to {SCHEMA_VERSIONS['Transition']}" in str(caught.value)
        assert "upgrade ementoring" in caught.value.remedy

    @pytest.mark.parametrize("version", [0, -1, True, 1.0, "1", None])
    def test_a_version_that_is_not_a_whole_number_from_1_is_refused(self, version: Any) -> None:
        with pytest.raises(InvalidDocumentError, match="schema: not a schema version"):
            upgrade(Transition, {"schema": version, "type": "Transition"})

    def test_the_upgrading_page_shows_the_table(self) -> None:
        """docs/upgrading.md's table is exactly upgrade_table(): regenerate it when a step is added."""
        page = (Path(__file__).parent.parent / "docs" / "upgrading.md").read_text(encoding="utf-8")
        start = page.index("<!-- upgrade table:")
        start = page.index("\n", start) + 1
        shown = page[start : page.index("<!-- end of upgrade table -->")].strip()
        assert shown == upgrade_table(), "paste print(upgrade_table()) into docs/upgrading.md"

    def test_the_table_names_every_type_and_step(self) -> None:
        table = upgrade_table()
        for name, version in SCHEMA_VERSIONS.items():
            assert f"| {name} | {version} |" in table
        assert "1 → 2: `mentorship_id` becomes `mentorship_ids`" in table


class TestUpgrade:
    def test_it_returns_a_new_document_sharing_nothing(self) -> None:
        stored = _old_overlap(target=7200)
        before = copy.deepcopy(stored)
        current = upgrade(Criterion, stored)
        current["arguments"]["within"]["start"] = "changed"
        assert stored == before

    def test_a_current_document_comes_back_equal(self) -> None:
        current = to_data(
            average_overlap(
                Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
            )
        )
        assert upgrade(Criterion, current) == current

    def test_another_type_is_refused(self) -> None:
        with pytest.raises(InvalidDocumentError, match="expected a document of type 'Session'"):
            upgrade(Session, {"schema": 1, "type": "Mentor", "id": "x"})


class TestCriterionSteps:
    def test_schedule_overlap_with_a_target_reads_as_average_overlap(self) -> None:
        criterion = from_data(Criterion, _old_overlap(target=5400))
        week = Interval(datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
        from datetime import timedelta

        assert criterion == average_overlap(
            week, target=timedelta(minutes=90), name="schedule_overlap"
        )

    def test_today_s_schedule_overlap_is_left_as_it_is(self) -> None:
        doc = _old_overlap(meeting=3600, min_share=1)
        assert upgrade(Criterion, doc)["factory"] == "schedule_overlap"

    def test_a_schedule_overlap_without_either_meaning_is_refused(self) -> None:
        with pytest.raises(DocumentVersionError) as caught:
            from_data(Criterion, _old_overlap())
        assert caught.value.problems[0][0] == "arguments"
        assert "two meanings" in str(caught.value)
        assert "add target" in caught.value.remedy

    def test_inside_a_problem_the_path_is_named(self) -> None:
        problem = to_data(
            MatchingProblem(
                [Mentor("ana")],
                [Mentee("olga")],
                [
                    average_overlap(
                        Interval(
                            datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC)
                        )
                    )
                ],
            )
        )
        problem["schema"] = 1
        problem["criteria"] = [_old_overlap()]
        del problem["criteria"][0]["schema"], problem["criteria"][0]["type"]
        with pytest.raises(DocumentVersionError) as caught:
            from_data(MatchingProblem, problem)
        assert caught.value.document_type == "MatchingProblem"
        assert caught.value.problems[0][0] == "criteria[0].arguments"


def _person(**fields: Any) -> dict[str, Any]:
    return {"schema": 1, "type": "Mentor", "id": "ana", **fields}


class TestPersonSteps:
    def test_two_zones_are_refused_with_the_choice_to_make(self) -> None:
        with pytest.raises(DocumentVersionError) as caught:
            from_data(Mentor, _person(zone="Asia/Kolkata", availability=BERLIN))
        error = caught.value
        assert (error.document_type, error.version, error.problems[0][0]) == ("Mentor", 1, "zone")
        assert "'Asia/Kolkata'" in str(error)
        assert "'Europe/Berlin'" in str(error)
        assert "set zone to null" in error.remedy

    def test_one_zone_spelt_twice_is_one_zone(self) -> None:
        mentor = from_data(Mentor, _person(zone="Europe/Berlin", availability=BERLIN))
        assert mentor.zone == "Europe/Berlin"

    def test_no_zone_with_an_availability_takes_the_availability_s(self) -> None:
        assert from_data(Mentor, _person(zone=None, availability=BERLIN)).zone == "Europe/Berlin"

    def test_a_current_document_with_two_zones_is_an_ordinary_invalid_document(self) -> None:
        """Version 2 documents never had two zones: the model's own rule reports it."""
        doc = _person(zone="Asia/Kolkata", availability=BERLIN, schema=2)
        with pytest.raises(InvalidDocumentError) as caught:
            from_data(Mentor, doc)
        assert not isinstance(caught.value, DocumentVersionError)

    def _problem(self, criteria: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "schema": 1,
            "type": "MatchingProblem",
            "mentors": [{"id": "ana", "zone": None, "availability": BERLIN}],
            "mentees": [{"id": "olga", "zone": "Europe/Berlin"}],
            "criteria": criteria,
        }

    def test_no_zone_under_timezone_gap_is_refused_inside_a_problem(self) -> None:
        gap = {
            "factory": "timezone_gap",
            "arguments": {"at": WEEK["start"], "max_hours": 8, "weight": 1},
        }
        with pytest.raises(DocumentVersionError) as caught:
            from_data(MatchingProblem, self._problem([gap]))
        assert caught.value.problems[0][0] == "mentors[0].zone"
        assert "timezone_gap" in caught.value.remedy

    def test_no_zone_without_timezone_gap_reads(self) -> None:
        fit = {"factory": "topic_fit", "arguments": {"weight": 1, "required": False}}
        problem = from_data(MatchingProblem, self._problem([fit]))
        assert problem.mentors[0].zone == "Europe/Berlin"


class TestResultSteps:
    def _result(self) -> dict[str, Any]:
        return {
            "schema": 1,
            "type": "MatchingResult",
            "objective": "total_score",
            "matches": [],
            "unmatched": {},
            "spare_capacity": {"ana": 1},
            "total_score": 0,
            "certificate": {
                "mentee_surplus": {},
                "mentor_price": {"ana": 0},
                "tie_unit": 65537,
                "bonus": 0,
            },
        }

    def test_a_0_1_result_has_no_fingerprint_and_its_certificate_no_rules(self) -> None:
        result = from_data(MatchingResult, self._result())
        assert result.problem_fingerprint is None
        assert result.certificate is not None
        assert result.certificate.gain_rules is None

    def test_a_0_1_certificate_on_its_own(self) -> None:
        doc = {"schema": 1, "type": "Certificate", **self._result()["certificate"]}
        assert from_data(Certificate, doc).gain_rules is None


class TestSessionSteps:
    def _session(self, **fields: Any) -> dict[str, Any]:
        return {
            "schema": 1,
            "type": "Session",
            "id": "s1",
            "interval": {"start": "2026-03-10T16:00:00Z", "end": "2026-03-10T17:00:00Z"},
            "participants": ["olga", "ivan"],
            "status": "proposed",
            "history": [],
            **fields,
        }

    def test_one_mentorship_id_becomes_a_list(self) -> None:
        session = from_data(Session, self._session(mentorship_id="m1", proposed_at=None))
        assert session.mentorship_ids == ("m1",)

    @pytest.mark.parametrize("stored", [{}, {"proposed_at": None}], ids=["absent", "null"])
    def test_no_proposed_at_reads_as_the_earliest_instant(self, stored: dict[str, Any]) -> None:
        """Proposed before anything in its history: what such a session always meant."""
        doc = self._session(mentorship_ids=["m1"], **stored)
        assert upgrade(Session, doc)["proposed_at"] == "1900-01-01T00:00:00Z"
        assert from_data(Session, doc).proposed_at == EARLIEST

    def test_a_current_document_needs_proposed_at(self) -> None:
        doc = self._session(mentorship_ids=["m1"], proposed_at=None, schema=2)
        with pytest.raises(InvalidDocumentError, match="proposed_at"):
            from_data(Session, doc)

    def test_history_steps_of_0_1_have_no_answer(self) -> None:
        step = {
            "action": "confirm",
            "at": "2026-03-09T10:00:00Z",
            "by": "ivan",
            "from_status": "proposed",
            "to_status": "confirmed",
            "interval": {"start": "2026-03-10T16:00:00Z", "end": "2026-03-10T17:00:00Z"},
        }
        doc = self._session(mentorship_ids=["m1"], history=[step], status="confirmed")
        assert upgrade(Session, doc)["history"][0]["answer"] is None
        assert from_data(Session, doc).history[0].answer is None
        event = upgrade(SessionEvent, {"schema": 1, "type": "SessionEvent", **step})
        assert (event["schema"], event["answer"]) == (2, None)

    def test_the_old_spelling_is_refused_in_a_current_document(self) -> None:
        """Only schema 1 spelt it mentorship_id: a version 2 document with it is invalid."""
        doc = self._session(mentorship_id="m1", proposed_at=None, schema=2)
        with pytest.raises(InvalidDocumentError, match="mentorship_id: unknown field"):
            from_data(Session, doc)
