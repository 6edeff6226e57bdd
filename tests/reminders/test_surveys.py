"""Survey reminders: due when asked, overdue nags weekly, as of any instant, for the respondent."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import HourLedger, Mentorship, Program, Session, complete
from ementoring.errors import InvalidTypeError, UnknownIdError, ValidationError
from ementoring.journey import Response, due_surveys, respond, standard_plan
from ementoring.people import Directory, Person
from ementoring.reminders import Reminder, ReminderKind, SurveyParams, reminders, render
from ementoring.scheduling import Interval

PROGRAM = Program("p", "Spring", starts_on=date(2026, 3, 2), zone="America/Toronto")
PAIR = Mentorship("m1", "p", "anna", "mila", started_on=date(2026, 3, 2))
PLAN = standard_plan("p")
ANNA = Actor("anna", roles=["mentor"], mentorship_ids=["m1"])
MILA = Actor("mila", roles=["mentee"], mentorship_ids=["m1"])
CORA = Actor("cora", roles=["coordinator"], program_ids=["p"])
SURVEYS = (ReminderKind.SURVEY_DUE, ReminderKind.SURVEY_OVERDUE)
START = datetime(2026, 3, 3, 22, tzinfo=UTC)
LAST = datetime(2026, 5, 20, tzinfo=UTC)
# Weekly calls for eight weeks: pairing fit after the first, asked again after "still deciding".
SESSIONS = [
    complete(
        Session(f"s{week}", "m1", Interval(START + timedelta(weeks=week),
                START + timedelta(weeks=week, hours=1)), ["anna", "mila"],
                proposed_at=START + timedelta(weeks=week, days=-2)),
        at=START + timedelta(weeks=week, hours=1),
    )
    for week in range(8)
]  # fmt: skip


def answers_to(survey_id: str, fit: str = "good_fit", score: int = 3) -> dict[str, object]:
    """Answers to one of the standard surveys."""
    question = {"pairing_fit": "pairing_fit", "check_in": "satisfaction"}.get(survey_id, "overall")
    return {question: fit if survey_id == "pairing_fit" else score}


def run(viewer: Actor, at: datetime, responses: list[Response], **options: Any) -> list[Reminder]:
    found = reminders(PROGRAM, [PAIR], SESSIONS, [], HourLedger(), viewer=viewer, at=at,
                      plan=PLAN, responses=responses, **options)  # fmt: skip
    return [r for r in found if r.kind in SURVEYS]


@st.composite
def histories(draw: st.DrawFn) -> list[Response]:
    """Answers to the occasions asked by the last instant, each given (or not) some hours to
    days after it opened; a first pairing fit may be "still deciding"."""
    responses: list[Response] = []
    for step in range(12):  # each round answers what the answers so far have opened
        asked = due_surveys(PLAN, PROGRAM, [PAIR], SESSIONS, responses, viewer=CORA, at=LAST)
        if not asked:
            break
        for due in asked:
            hours = draw(st.none() | st.integers(0, 24 * 20))
            if hours is None:
                continue
            fit = draw(st.sampled_from(["good_fit", "still_deciding"]))
            answers = answers_to(due.survey_id, fit, draw(st.integers(1, 5)))
            responses.append(
                respond(PLAN, PAIR, response_id=f"r{step}-{len(responses)}",
                        survey_id=due.survey_id, occasion=due.occasion, by=due.respondent_id,
                        at=due.opens_at + timedelta(hours=hours), answers=answers)
            )  # fmt: skip
        if all(r.answered_at > LAST for r in responses):
            break
    return responses


instants = st.integers(0, 80 * 24).map(lambda hours: START + timedelta(hours=hours))


class TestLaws:
    @settings(max_examples=40, deadline=None)
    @given(histories(), instants, st.sampled_from([ANNA, MILA]))
    def test_as_of_replay(self, responses: list[Response], at: datetime, viewer: Actor) -> None:
        """Reminders at ``at`` judge only the responses that existed then: a later answer,
        given or not, changes nothing about that moment."""
        then = [r for r in responses if r.answered_at <= at]
        assert run(viewer, at, responses) == run(viewer, at, then)

    @settings(max_examples=40, deadline=None)
    @given(histories(), instants, st.sampled_from([ANNA, MILA]))
    def test_answering_removes_the_reminder(
        self, responses: list[Response], at: datetime, viewer: Actor
    ) -> None:
        """Each survey reminder is for an occasion not yet answered; answering it removes
        that reminder and no other."""
        found = run(viewer, at, responses)
        for r in found:
            assert isinstance(r.params, SurveyParams)
            assert r.recipient_id == viewer.id
            answered = [
                x for x in responses if x.answered_at <= at and x.respondent_id == viewer.id
                and (x.survey_id, x.occasion) == (r.about_id, r.params.occasion)
            ]  # fmt: skip
            assert not answered
            now = respond(PLAN, PAIR, response_id="now", survey_id=r.about_id,
                          occasion=r.params.occasion, by=viewer.id, at=at,
                          answers=answers_to(r.about_id))  # fmt: skip
            after = run(viewer, at, [*responses, now])
            assert [x.key for x in after] == [x.key for x in found if x.subject != r.subject]

    @settings(max_examples=40, deadline=None)
    @given(histories(), instants)
    def test_due_until_the_deadline_then_overdue_weekly(
        self, responses: list[Response], at: datetime
    ) -> None:
        """``survey_due`` is due when asked and only before the deadline; ``survey_overdue``
        from the deadline, at a week start of the pair after it, within ``max_age``."""
        for r in run(MILA, at, responses) + run(ANNA, at, responses):
            assert isinstance(r.params, SurveyParams)
            if r.kind is ReminderKind.SURVEY_DUE:
                assert r.due_at == r.params.opens_at <= at < r.params.answer_by
                continue
            assert r.params.answer_by <= r.due_at <= at
            assert r.due_at - r.params.answer_by <= timedelta(days=14)
            assert at - r.due_at < timedelta(weeks=1)
            if r.due_at != r.params.answer_by:  # a week start: midnight, a whole week in
                local = PROGRAM.local_date(r.due_at)
                assert PROGRAM.midnight(local) == r.due_at
                assert (local - PAIR.started_on).days % 7 == 0


class TestWho:
    AT = datetime(2026, 3, 18, 16, tzinfo=UTC)

    def test_each_person_hears_only_of_their_own(self) -> None:
        """The mentee and the mentor each get their own surveys; a coordinator and a stranger
        none (a coordinator reads them through journey.due_surveys)."""
        for viewer in (ANNA, MILA):
            found = run(viewer, self.AT, [])
            assert {r.about_id for r in found} == {"pairing_fit", "check_in"}
            assert {r.recipient_id for r in found} == {viewer.id}
            assert all(r.mentorship_ids == ("m1",) for r in found)
        assert run(CORA, self.AT, []) == []
        assert run(Actor("eve", roles=["mentee"], mentorship_ids=["m9"]), self.AT, []) == []

    def test_without_a_plan_nothing_changes(self) -> None:
        """No plan, no survey reminders; everything else is as before."""
        found = reminders(PROGRAM, [PAIR], SESSIONS, [], HourLedger(), viewer=MILA, at=self.AT)
        with_plan = reminders(PROGRAM, [PAIR], SESSIONS, [], HourLedger(), viewer=MILA,
                              at=self.AT, plan=PLAN)  # fmt: skip
        assert found == tuple(r for r in with_plan if r.kind not in SURVEYS)
        assert len(with_plan) > len(found)

    def test_rendered_in_the_readers_language_on_their_clock(self) -> None:
        people = Directory(
            people=[Person(id="mila", zone="Europe/Moscow", locale="ru"), Person(id="anna", name="Anna")]
        )  # fmt: skip
        texts = [render(r, people) for r in run(MILA, self.AT, [])]
        assert texts == [
            "Пожалуйста, ответьте на вопросы «Как идут дела» (партнёр: Anna). "
            "Срок: пн, 23 мар., 07:00 (Москва).",
            "Срок ответа на вопросы «Подходит ли пара» истёк (партнёр: Anna, срок: ср, 11 мар., "
            "02:00 (Москва)). Пожалуйста, ответьте.",
        ]


class TestRefused:
    @pytest.mark.parametrize(
        ("options", "error", "field"),
        [
            ({"plan": standard_plan("other")}, ValidationError, "plan"),
            ({"plan": "standard"}, InvalidTypeError, "plan"),
            ({"plan": PLAN, "responses": "r1"}, InvalidTypeError, "responses"),
            ({"plan": PLAN, "responses": [None]}, InvalidTypeError, r"responses\[0\]"),
        ],
    )
    def test_bad_arguments(self, options: dict[str, Any], error: type, field: str) -> None:
        with pytest.raises(error, match=field):
            reminders(PROGRAM, [PAIR], SESSIONS, [], HourLedger(), viewer=MILA,
                      at=TestWho.AT, **options)  # fmt: skip

    def test_a_response_about_a_pair_not_given(self) -> None:
        other = Mentorship("m2", "p", "olga", "ivan", started_on=date(2026, 3, 2))
        answer = respond(PLAN, other, response_id="r1", survey_id="check_in", occasion=1,
                         by="ivan", at=TestWho.AT, answers={"satisfaction": 4})  # fmt: skip
        with pytest.raises(UnknownIdError, match=r"responses\[0\]\.mentorship_id"):
            run(MILA, TestWho.AT, [answer])
