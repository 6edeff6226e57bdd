"""The JSON Schema of every document type: what to_data writes, what from_data reads.

- every schema is a valid draft 2020-12 schema, and the committed one of its version;
- every document of a drawn object validates, and so does every golden document once upgraded;
- a document drawn from a schema loads, or is refused only by a rule no schema states
  (:data:`NOT_IN_A_SCHEMA`): rules between fields, days the calendar lacks, zones the
  database lacks, and the few single values named there.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from ementoring.accounting import SessionStatus
from ementoring.errors import InvalidDocumentError
from ementoring.serialization import (
    DOCUMENT_TYPES,
    SCHEMA_VERSIONS,
    from_data,
    json_schema,
    to_data,
    upgrade,
)
from tests.fuzz.registry import instances_for
from tests.golden.custom_criteria import FACTORIES
from tests.golden.schemas import schema_file, schema_text
from tests.schema_documents import from_schema
from tests.test_golden import DOCUMENTS, REFUSED

TYPES = sorted(DOCUMENT_TYPES.items())
IDS = [name for name, _cls in TYPES]

NOT_IN_A_SCHEMA: dict[str, tuple[str, ...]] = {
    "a rule between fields or items": (
        r"must be after",
        r"required for",
        r"not part of",
        r"a goal begins with",
        r"only for accepting or declining",
        r"given exactly when",
        r"only a reply has an answer",
        r"a reply names who answered",
        r"a moved session needs its earlier time",
        r"only a moved session has one",
        r"would examine more than",
        r"weeks to examine",
        r"leads to",
        r"a reply is accepted, declined or tentative",
        rf"^must be ({'|'.join(status.value for status in SessionStatus)})$",
        r"^must be -?(\d+ days?, )?\d+:\d\d:\d\d",
        r"reverses a version that is not live",
        r"must differ from",
        r"must be (set|given) exactly when",
        r"only for a mentorship closed early",
        r"unknown (mentor|mentee) id",
        r"must not be before",
        r"no such entry",
        r"already on the agenda",
        r"duplicate",
        r"pinned pairs for",
        r"also forbidden",
        r"reserved for the other rules",
        r"weights must add up",
        r"follows from the history",
        r"not participants",
        r"is not a member of the mentorship",
        r"must be (this journal's|the record's) mentorship",
        r"required when the status is",
        r"cannot write a",
        r"must follow its reversal",
        r"for this outcome",
        r"has no score for",
        r"needs one flag per week",
        r"only for a (completed|held)",
    ),
    "a day the calendar does not have (31 April)": (
        r"^not an ISO 8601 date",
        r"^not an aware ISO 8601 instant",
        r"^not a local date and time",
    ),
    "an instant outside 1900 to 2199 once its offset is applied, or a span within a week of its ends": (
        r"^must lie from",
        r"^must lie between",
    ),
    "a zone the time-zone database does not have": (r"^unknown time zone",),
    "an RRULE's grammar": (r"RRULE",),
    "a topic label without a letter, digit or symbol": (r"must contain a letter, digit or symbol",),
    "a whole number beyond 64 bits where any number is allowed": (r"^an integer out of range",),
    "a custom criterion the reader did not name": (r"^unknown custom criterion",),
}
"""Why a document the schema accepts may still be refused, by the messages that say so."""

NOT_YET_IN_A_SCHEMA: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "the text rules of the people and journey rooms (control characters, blank text, e-mail"
    " addresses, locales, words in a known language), which their schemas do not state yet": (
        frozenset(
            {
                "Person",
                "Directory",
                "Goal",
                "GoalEvent",
                "Response",
                "Question",
                "Survey",
                "FeedbackPlan",
                "SurveyParams",
                "Reminder",
            }
        ),
        (
            r"must not contain control characters",
            r"must not be blank",
            r"expected an e-mail address",
            r"must be one of en, ru",
            r"give the words in at least one language",
            r"must be a non-empty string without surrounding spaces",
        ),
    ),
}
"""Known gaps, by type and message: a ratchet (a gap elsewhere, or a new one, still fails)."""


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _why_not(message: str, name: str = "") -> str | None:
    for reason, patterns in NOT_IN_A_SCHEMA.items():
        if any(re.search(pattern, message) for pattern in patterns):
            return reason
    for reason, (names, patterns) in NOT_YET_IN_A_SCHEMA.items():
        if name in names and any(re.search(pattern, message) for pattern in patterns):
            return reason
    return None


@pytest.mark.parametrize(("name", "cls"), TYPES, ids=IDS)
def test_every_schema_is_a_draft_2020_12_schema(name: str, cls: type) -> None:
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == name
    assert json_schema(cls) == schema  # a fresh, equal dict each call
    assert json_schema(cls) is not schema


@pytest.mark.parametrize(("name", "cls"), TYPES, ids=IDS)
def test_the_schema_is_the_committed_one_of_its_version(name: str, cls: type) -> None:
    """A change of shape fails here until the type has a new version and its schema is committed."""
    version = SCHEMA_VERSIONS[name]
    path = schema_file(name, version)
    assert path.exists(), (
        f"{name} schema {version} is not committed: add the version's upgrade step and run"
        " `PYTHONTZPATH= .venv/bin/python -m tests.golden.schemas` (docs/upgrading.md)"
    )
    assert schema_text(json_schema(cls)) == path.read_text(encoding="utf-8"), (
        f"the shape of {name} documents changed, but its version is still {version}: add an"
        " upgrade step (docs/upgrading.md), regenerate the golden documents and run"
        " `PYTHONTZPATH= .venv/bin/python -m tests.golden.schemas`"
    )


@pytest.mark.parametrize(("name", "cls"), TYPES, ids=IDS)
def test_every_document_of_a_drawn_object_validates(name: str, cls: type) -> None:
    validator = _validator(json_schema(cls))
    objects = instances_for(cls)
    assert objects is not None, f"no strategy draws {name}"

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(objects)
    def check(obj: Any) -> None:
        document = json.loads(json.dumps(to_data(obj)))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, errors[:3]

    check()


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(doc, id=f"{file}#{index}")
        for file, index, doc in DOCUMENTS
        if f"{file}#{index}" not in REFUSED
    ],
)
def test_every_golden_document_upgraded_validates(doc: dict[str, Any]) -> None:
    cls = DOCUMENT_TYPES[doc["type"]]
    current = upgrade(cls, doc)
    errors = [e.message for e in _validator(json_schema(cls)).iter_errors(current)]
    assert not errors, errors[:3]


REASONS: Counter[str] = Counter()


@pytest.mark.parametrize(("name", "cls"), TYPES, ids=IDS)
def test_a_document_the_schema_accepts_loads_or_breaks_a_rule_no_schema_states(
    name: str, cls: type
) -> None:
    schema = json_schema(cls)
    validator = _validator(schema)

    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(from_schema(schema))
    def check(document: Any) -> None:
        assert not list(validator.iter_errors(document)), "the drawing strategy left the schema"
        try:
            from_data(cls, document, criteria=FACTORIES)
        except InvalidDocumentError as error:
            unexplained = [(p, m) for p, m in error.problems if _why_not(m, name) is None]
            assert not unexplained, f"the schema accepts what from_data refuses: {unexplained}"
            REASONS.update(_why_not(m, name) or "" for _p, m in error.problems)
        else:
            REASONS["loads"] += 1

    check()
