"""Each attendee's reply: recorded in the history, read back per participant, replayed by as_of."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.accounting import (
    Answer,
    Program,
    Session,
    SessionAction,
    SessionEvent,
    SessionStatus,
    cancel,
    complete,
    confirm,
    reply,
    reschedule,
)
from ementoring.errors import InvalidTransitionError, ValidationError
from ementoring.scheduling import Interval
from ementoring.testing import sessions

PROGRAM = Program("p", "P", starts_on=date(2026, 3, 2), zone="America/Toronto")


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def mock_interview() -> Session:
    """Two pairs and a guest: the group session of the issue."""
    return Session(
        "s1",
        ["m1", "m2"],
        Interval(at(17, 16), at(17, 17)),
        ["anna", "olga", "boris", "yael"],
        proposed_at=at(1),
    )


def answers(session: Session) -> dict[str, str]:
    return {person: answer.value for person, answer in session.replies.items()}


class TestReply:
    def test_everyone_starts_without_an_answer(self) -> None:
        """A new session: every participant, guests included, has no answer yet."""
        assert answers(mock_interview()) == dict.fromkeys(
            ["anna", "boris", "olga", "yael"], "no_answer"
        )

    def test_each_attendee_answers_for_themselves(self) -> None:
        """Accept, decline, tentative: each recorded with who and when; the last one counts."""
        s = reply(mock_interview(), by="yael", answer="tentative", at=at(2))
        s = reply(s, by="boris", answer=Answer.DECLINED, at=at(3))
        s = reply(s, by="yael", answer="accepted", at=at(4))
        assert answers(s) == {
            "anna": "no_answer",
            "boris": "declined",
            "olga": "no_answer",
            "yael": "accepted",
        }
        assert [(e.action, e.by, e.answer, e.at) for e in s.history] == [
            (SessionAction.REPLY, "yael", Answer.TENTATIVE, at(2)),
            (SessionAction.REPLY, "boris", Answer.DECLINED, at(3)),
            (SessionAction.REPLY, "yael", Answer.ACCEPTED, at(4)),
        ]

    def test_a_reply_changes_no_status(self) -> None:
        """Accepting does not confirm and declining does not cancel, proposed or confirmed."""
        s = reply(mock_interview(), by="anna", answer="accepted", at=at(2))
        assert s.status is SessionStatus.PROPOSED
        s = confirm(s, by="olga", at=at(3))
        s = reply(s, by="olga", answer="declined", at=at(4))
        assert s.status is SessionStatus.CONFIRMED
        assert answers(s)["olga"] == "declined"

    def test_confirm_is_the_confirmers_acceptance(self) -> None:
        """confirm by a participant accepts for them; by a coordinator, for nobody."""
        by_member = confirm(mock_interview(), by="boris", at=at(2))
        assert answers(by_member)["boris"] == "accepted"
        assert sum(a == "accepted" for a in answers(by_member).values()) == 1
        by_coordinator = confirm(mock_interview(), by="cora", at=at(2))
        assert set(answers(by_coordinator).values()) == {"no_answer"}

    def test_a_new_time_asks_everyone_again(self) -> None:
        """After a reschedule only its proposer has accepted; earlier answers are about the old time."""
        s = reply(mock_interview(), by="yael", answer="declined", at=at(2))
        s = reply(s, by="anna", answer="accepted", at=at(3))
        moved = reschedule(s, Interval(at(18, 16), at(18, 17)), by="olga", at=at(4), reason="x")
        assert answers(moved) == {
            "anna": "no_answer",
            "boris": "no_answer",
            "olga": "accepted",
            "yael": "no_answer",
        }
        again = cancel(
            reply(moved, by="yael", answer="accepted", at=at(5)),
            program=PROGRAM,
            by="anna",
            at=at(6),
            reason="clash",
            new_interval=Interval(at(19, 16), at(19, 17)),
        )
        assert answers(again) == {
            "anna": "accepted",
            "boris": "no_answer",
            "olga": "no_answer",
            "yael": "no_answer",
        }

    def test_as_of_does_not_show_a_later_reply(self) -> None:
        """A reply made after `at` does not show at `at`; at its own instant it does."""
        s = reply(mock_interview(), by="yael", answer="declined", at=at(5))
        before, after = s.as_of(at(4)), s.as_of(at(5))
        assert before is not None
        assert after is not None
        assert answers(before)["yael"] == "no_answer"
        assert answers(after)["yael"] == "declined"

    @pytest.mark.parametrize(
        ("by", "answer", "field"),
        [
            ("zoe", "accepted", "by"),
            ("yael", "no_answer", "answer"),
            ("yael", "maybe", "answer"),
            ("yael", None, "answer"),
            (None, "accepted", "by"),
            (" yael", "accepted", "by"),
        ],
    )
    def test_refused(self, by: object, answer: object, field: str) -> None:
        """Only a participant replies, and only accepted, declined or tentative."""
        with pytest.raises(ValidationError) as caught:
            reply(mock_interview(), by=by, answer=answer, at=at(2))  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_not_to_a_past_or_cancelled_session(self) -> None:
        """Completed, cancelled and missed sessions take no reply; nor a time before the last change."""
        done = complete(mock_interview(), at=at(17, 18))
        with pytest.raises(InvalidTransitionError):
            reply(done, by="yael", answer="accepted", at=at(18))
        gone = cancel(
            mock_interview(), program=PROGRAM, by="anna", at=at(2), reason="x", final=True
        )
        with pytest.raises(InvalidTransitionError):
            reply(gone, by="yael", answer="accepted", at=at(3))
        later = reply(mock_interview(), by="anna", answer="accepted", at=at(5))
        with pytest.raises(ValidationError) as caught:
            reply(later, by="yael", answer="accepted", at=at(4))
        assert caught.value.field == "at"


class TestStoredHistories:
    def test_a_reply_event_names_its_author_and_answer(self) -> None:
        """A reply needs who and what; no other step carries an answer."""
        base = {
            "action": "reply",
            "at": at(2),
            "from_status": "proposed",
            "to_status": "proposed",
            "interval": Interval(at(17, 16), at(17, 17)),
        }
        with pytest.raises(ValidationError) as caught:
            SessionEvent(**base, answer="accepted")  # type: ignore[arg-type]
        assert caught.value.field == "by"
        with pytest.raises(ValidationError) as caught:
            SessionEvent(**base, by="yael")  # type: ignore[arg-type]
        assert caught.value.field == "answer"
        with pytest.raises(ValidationError) as caught:
            SessionEvent(**base, by="yael", answer="no_answer")  # type: ignore[arg-type]
        assert caught.value.field == "answer"
        with pytest.raises(ValidationError) as caught:
            SessionEvent(**{**base, "action": "confirm", "to_status": "confirmed"}, by="yael",  # type: ignore[arg-type]
                         answer="accepted")  # fmt: skip
        assert caught.value.field == "answer"

    def test_a_stranger_s_reply_is_refused_in_a_stored_history(self) -> None:
        """A history with a reply by someone not in the session does not rebuild."""
        s = reply(mock_interview(), by="yael", answer="accepted", at=at(2))
        stranger = attrs.evolve(s.history[0], by="zoe")
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(s, history=[stranger])
        assert caught.value.field == "history[0].by"


@given(sessions(), st.integers(0, 400 * 24))
def test_law_as_of_replays_the_replies(session: Session, hours: int) -> None:
    """At any instant, replies are those of the steps made by then, each applied as documented."""
    when = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=hours)
    then = session.as_of(when)
    if then is None:
        return
    expected = dict.fromkeys(session.participants, Answer.NO_ANSWER)
    for event in session.history:
        if event.at > when:
            break
        if event.action is SessionAction.RESCHEDULE:
            expected = dict.fromkeys(session.participants, Answer.NO_ANSWER)
        if event.by in expected:
            if event.action is SessionAction.REPLY:
                assert event.answer is not None
                expected[event.by] = event.answer
            elif event.action in (SessionAction.CONFIRM, SessionAction.RESCHEDULE):
                expected[event.by] = Answer.ACCEPTED
    assert dict(then.replies) == expected


@given(sessions())
def test_law_a_reply_stands_until_its_author_answers_again_or_the_time_moves(
    session: Session,
) -> None:
    """replies covers exactly the participants; each reply holds while nothing overrides it."""
    assert tuple(session.replies) == session.participants
    assert all(isinstance(answer, Answer) for answer in session.replies.values())
    for index, event in enumerate(session.history):
        if event.action is not SessionAction.REPLY:
            continue
        later = session.history[index + 1 :]
        overridden = any(
            e.action is SessionAction.RESCHEDULE
            or (e.by == event.by and e.action in (SessionAction.REPLY, SessionAction.CONFIRM))
            for e in later
        )
        if not overridden:
            assert event.by is not None
            assert session.replies[event.by] is event.answer
