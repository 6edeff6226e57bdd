"""The Journal container, agendas, action items and reviews (the review queue: tests/access)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given

from ementoring.accounting import Mentorship, Program, Session
from ementoring.errors import (
    DuplicateIdError,
    InvalidTransitionError,
    NaiveDatetimeError,
    PermissionDeniedError,
    UnknownIdError,
    ValidationError,
)
from ementoring.journal import (
    ACTION_TRANSITIONS,
    ActionItem,
    ActionStatus,
    Agenda,
    AgendaItem,
    AgendaStatus,
    Journal,
    JournalEntry,
    Review,
    ReviewKind,
    agenda_status,
    amend,
    current_versions,
    done,
    drop,
    send,
)
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST

from .strategies import MENTEE, MENTOR, MENTORSHIP, journals

T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def empty() -> Journal:
    return Journal(MENTORSHIP, mentor_id=MENTOR, mentee_id=MENTEE)


def entry(
    entry_id: str = "e1", author: str = MENTEE, role: str = "mentee", **kw: object
) -> JournalEntry:
    kw.setdefault("written_at", T0)
    return JournalEntry(entry_id, MENTORSHIP, author, role, **kw)  # type: ignore[arg-type]


def item(item_id: str = "a1", **kw: object) -> ActionItem:
    fields: dict[str, object] = {
        "assigned_to": MENTEE,
        "assigned_by": MENTOR,
        "created_at": T0,
    }
    fields.update(kw)
    return ActionItem(item_id, MENTORSHIP, "Research Toronto HR associations", **fields)  # type: ignore[arg-type]


def review(review_id: str = "r1", entry_id: str = "e1", **kw: object) -> Review:
    fields: dict[str, object] = {
        "written_at": T0 + timedelta(days=1),
        "comment": "Lovely progress",
        "kind": "encouragement",
    }
    fields.update(kw)
    return Review(review_id, entry_id, "anna", **fields)  # type: ignore[arg-type]


class TestEntries:
    def test_add_entry_by_either_member(self) -> None:
        """The mentor and the mentee both write entries."""
        journal = empty().add_entry(entry("e1")).add_entry(entry("e2", MENTOR, "mentor"))
        assert [e.id for e in journal.current] == ["e1", "e2"]

    @pytest.mark.parametrize(
        ("author", "role"), [("ivan", "mentee"), (MENTOR, "mentee"), (MENTEE, "mentor")]
    )
    def test_author_must_be_the_member_in_that_role(self, author: str, role: str) -> None:
        """An outsider, or a member claiming the other role, is refused naming author_id."""
        with pytest.raises(ValidationError) as info:
            empty().add_entry(entry(author=author, role=role))
        assert info.value.field == "entry.author_id"

    def test_other_mentorship_is_refused(self) -> None:
        """An entry for another mentorship does not belong here."""
        other = JournalEntry("e1", "m2", MENTEE, "mentee", written_at=T0)
        with pytest.raises(ValidationError) as info:
            empty().add_entry(other)
        assert info.value.field == "entry.mentorship_id"

    def test_duplicate_id_is_refused(self) -> None:
        """A second first version with a used id raises DuplicateIdError."""
        journal = empty().add_entry(entry())
        with pytest.raises(DuplicateIdError):
            journal.add_entry(entry(observations="other"))

    def test_amend_keeps_every_version(self) -> None:
        """Both versions stay; history and current views agree."""
        journal = empty().add_entry(entry(discussed="CV review"))
        journal = journal.amend("e1", by=MENTEE, at=T0 + timedelta(hours=1), discussed="networking")
        assert [e.revision for e in journal.history("e1")] == [1, 2]
        assert journal.entry("e1").revision == 2
        assert journal.entries[0].discussed[0].label == "CV review"

    def test_only_the_author_amends_in_a_journal(self) -> None:
        """The mentor cannot amend the mentee's entry."""
        journal = empty().add_entry(entry())
        with pytest.raises(PermissionDeniedError):
            journal.amend("e1", by=MENTOR, at=T0 + timedelta(hours=1), observations="x")

    def test_versions_must_follow_each_other(self) -> None:
        """Skipping or repeating a revision is refused."""
        first = entry()
        second = amend(first, by=MENTEE, at=T0 + timedelta(hours=1), observations="a")
        third = amend(second, by=MENTEE, at=T0 + timedelta(hours=2), observations="b")
        journal = empty().add_entry(first)
        with pytest.raises(DuplicateIdError):
            journal.add_entry(third)
        with pytest.raises(ValidationError, match="revision 1"):
            empty().add_entry(second)
        assert journal.add_entry(second).add_entry(third).entry("e1") == third

    def test_forged_version_cannot_change_author_or_time(self) -> None:
        """A hand-made next version changing written_at is refused."""
        import attrs

        journal = empty().add_entry(entry())
        forged = attrs.evolve(
            entry(),
            revision=2,
            amended_at=T0 + timedelta(hours=1),
            written_at=T0 + timedelta(minutes=5),
        )
        with pytest.raises(ValidationError) as info:
            journal.add_entry(forged)
        assert info.value.field == "entry.written_at"

    def test_unknown_entry(self) -> None:
        """Looking up a missing entry raises UnknownIdError (a LookupError)."""
        with pytest.raises(UnknownIdError) as info:
            empty().entry("nope")
        assert isinstance(info.value, LookupError)

    def test_constructor_validates_like_add(self) -> None:
        """Building a journal directly applies the same checks, naming the position."""
        with pytest.raises(ValidationError) as info:
            Journal(
                MENTORSHIP,
                mentor_id=MENTOR,
                mentee_id=MENTEE,
                entries=[entry("e1"), entry("e2", author="ivan")],
            )
        assert info.value.field == "entries[1].author_id"
        with pytest.raises(ValidationError, match="mentee_id"):
            Journal(MENTORSHIP, mentor_id=MENTOR, mentee_id=MENTOR)

    @given(journals())
    def test_rebuilding_from_fields_gives_the_same_journal(self, journal: Journal) -> None:
        """A journal's own content always passes its constructor's checks."""
        rebuilt = Journal(
            journal.mentorship_id,
            mentor_id=journal.mentor_id,
            mentee_id=journal.mentee_id,
            entries=journal.entries,
            agendas=journal.agendas,
            action_items=journal.action_items,
            reviews=journal.reviews,
        )
        assert rebuilt == journal
        assert journal.current == current_versions(reversed(journal.entries))


class TestAgendas:
    def agenda(self, **kw: object) -> Agenda:
        items = [
            AgendaItem("CV review", requested_by=MENTEE),
            AgendaItem("Interview prep", note="behavioural questions", requested_by=MENTOR),
        ]
        return Agenda("s2", MENTEE, items, **kw)  # type: ignore[arg-type]

    def test_one_agenda_per_session(self) -> None:
        """A second agenda for the same session raises DuplicateIdError."""
        journal = empty().add_agenda(self.agenda())
        assert journal.agenda_for("s2") == self.agenda()
        assert journal.agenda_for("s9") is None
        with pytest.raises(DuplicateIdError):
            journal.add_agenda(self.agenda())

    def test_send_draft(self) -> None:
        """A draft is sent once; sending again is an invalid transition."""
        at = T0 + timedelta(days=5)
        journal = empty().add_agenda(self.agenda()).send_agenda("s2", at=at)
        agenda = journal.agenda_for("s2")
        assert agenda is not None
        assert agenda.sent_at == at
        with pytest.raises(InvalidTransitionError):
            journal.send_agenda("s2", at=at)
        with pytest.raises(UnknownIdError):
            journal.send_agenda("s9", at=at)

    def test_agenda_rules(self) -> None:
        """Empty agendas, repeated topics and outsiders are refused."""
        with pytest.raises(ValidationError, match="at least one"):
            Agenda("s2", MENTEE, [])
        with pytest.raises(DuplicateIdError) as info:
            Agenda(
                "s2",
                MENTEE,
                [
                    AgendaItem("CV review", requested_by=MENTEE),
                    AgendaItem("cv-review", requested_by=MENTOR),
                ],
            )
        assert info.value.field == "items[1].topic"
        with pytest.raises(ValidationError) as outsider:
            empty().add_agenda(Agenda("s2", "ivan", [AgendaItem("x", requested_by=MENTEE)]))
        assert outsider.value.field == "agenda.proposed_by"
        with pytest.raises(NaiveDatetimeError):
            send(self.agenda(), at=datetime(2026, 3, 1))


class TestActionItems:
    def test_transition_table(self) -> None:
        """Open items can be marked done or dropped; nothing else moves."""
        assert dict(ACTION_TRANSITIONS) == {
            (ActionStatus.OPEN, "mark done"): ActionStatus.DONE,
            (ActionStatus.OPEN, "drop"): ActionStatus.DROPPED,
        }

    def test_done_and_drop(self) -> None:
        """Closing an item records when; dropping records why; closed items stay closed."""
        at = T0 + timedelta(days=2)
        finished = done(item(), at)
        assert (finished.status, finished.closed_at) == (ActionStatus.DONE, at)
        dropped = drop(item(), at, "covered in the meeting")
        assert (dropped.status, dropped.drop_reason) == (
            ActionStatus.DROPPED,
            "covered in the meeting",
        )
        for closed in (finished, dropped):
            with pytest.raises(InvalidTransitionError) as info:
                done(closed, at)
            assert info.value.state == closed.status.value
            with pytest.raises(InvalidTransitionError):
                drop(closed, at, "again")

    def test_closing_needs_sane_inputs(self) -> None:
        """A blank reason or a time before creation is refused."""
        with pytest.raises(ValidationError, match="reason"):
            drop(item(), T0, "  ")
        with pytest.raises(ValidationError) as info:
            done(item(), T0 - timedelta(seconds=1))
        assert info.value.field == "at"

    def test_consistency_of_stored_state(self) -> None:
        """A done item needs closed_at; a dropped one needs a reason; due_on is a date."""
        with pytest.raises(ValidationError, match="closed_at"):
            item(status="done")
        with pytest.raises(ValidationError, match="drop_reason"):
            item(status="dropped", closed_at=T0)
        with pytest.raises(ValidationError, match="due_on"):
            item(due_on=T0)
        with pytest.raises(ValidationError, match="description"):
            ActionItem("a1", MENTORSHIP, " ", assigned_to=MENTEE, assigned_by=MENTOR, created_at=T0)

    def test_journal_tracks_item_state(self) -> None:
        """Journal updates keep the description and other items."""
        journal = empty().add_action_item(item("a1", due_on=date(2026, 3, 17)))
        journal = journal.add_action_item(item("a2"))
        journal = journal.mark_done("a1", at=T0 + timedelta(days=1))
        journal = journal.drop_action_item("a2", at=T0 + timedelta(days=1), reason="not needed")
        assert [(i.id, i.status.value) for i in journal.action_items] == [
            ("a1", "done"),
            ("a2", "dropped"),
        ]
        assert journal.action_item("a1").description == "Research Toronto HR associations"
        with pytest.raises(DuplicateIdError):
            journal.add_action_item(item("a1"))
        with pytest.raises(UnknownIdError):
            journal.mark_done("zz", at=T0)
        with pytest.raises(ValidationError) as info:
            journal.add_action_item(item("a3", assigned_to="ivan"))
        assert info.value.field == "item.assigned_to"


class TestReviews:
    def test_review_needs_an_entry(self) -> None:
        """Reviews refer to entries the journal holds, after they were written."""
        journal = empty().add_entry(entry())
        journal = journal.add_review(review())
        assert journal.reviews_for("e1") == (review(),)
        with pytest.raises(DuplicateIdError):
            journal.add_review(review())
        with pytest.raises(UnknownIdError):
            journal.add_review(review("r2", entry_id="e9"))
        with pytest.raises(ValidationError) as info:
            journal.add_review(review("r2", written_at=T0 - timedelta(hours=1)))
        assert info.value.field == "review.written_at"

    def test_review_fields(self) -> None:
        """Kinds are the three named ones; the comment is not blank and not in repr."""
        assert set(ReviewKind) == {"encouragement", "suggestion", "concern"}
        with pytest.raises(ValidationError) as info:
            review(kind="praise")
        assert info.value.field == "kind"
        with pytest.raises(ValidationError, match="comment"):
            review(comment="   ")
        assert "Lovely" not in repr(review())


class TestAgendaStatus:
    program = Program(
        "spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto"
    )
    start = datetime(2026, 3, 17, 22, 0, tzinfo=UTC)
    session = Session(
        "s2",
        MENTORSHIP,
        Interval(start, start + timedelta(hours=1)),
        [MENTOR, MENTEE],
        proposed_at=EARLIEST,
    )
    draft = Agenda("s2", MENTEE, [AgendaItem("Interview prep", requested_by=MENTEE)])

    @pytest.mark.parametrize(
        ("sent_before_start", "expected"),
        [
            (None, "missing"),
            (timedelta(days=3), "on_time"),
            (timedelta(hours=24), "on_time"),  # exactly agenda_lead before: on time
            (timedelta(hours=24) - timedelta(seconds=1), "late"),
            (timedelta(0), "late"),
            (-timedelta(hours=2), "late"),  # sent after the meeting began
        ],
    )
    def test_status_around_the_deadline(
        self, sent_before_start: timedelta | None, expected: str
    ) -> None:
        """On time up to and including start minus agenda_lead (24 h by default)."""
        agenda = (
            self.draft
            if sent_before_start is None
            else send(self.draft, at=self.start - sent_before_start)
        )
        assert agenda_status(agenda, self.session, self.program) == expected

    def test_no_agenda_is_missing(self) -> None:
        """No agenda at all is missing."""
        assert agenda_status(None, self.session, self.program) is AgendaStatus.MISSING

    def test_program_lead_is_used(self) -> None:
        """A program with a 48-hour lead makes a 30-hour-early agenda late."""
        strict = attrs.evolve(self.program, agenda_lead=timedelta(hours=48))
        agenda = send(self.draft, at=self.start - timedelta(hours=30))
        assert agenda_status(agenda, self.session, strict) is AgendaStatus.LATE
        assert agenda_status(agenda, self.session, self.program) is AgendaStatus.ON_TIME

    def test_agenda_of_another_session_is_refused(self) -> None:
        """Mixing up sessions is an error naming agenda.session_id."""
        other = Agenda("s9", MENTEE, [AgendaItem("x", requested_by=MENTEE)])
        with pytest.raises(ValidationError) as info:
            agenda_status(other, self.session, self.program)
        assert info.value.field == "agenda.session_id"


def test_journal_for_mentorship() -> None:
    """A journal built from a Mentorship knows its members."""
    pair = Mentorship(MENTORSHIP, "spring-2026", MENTOR, MENTEE, started_on=date(2026, 3, 2))
    journal = Journal.for_mentorship(pair)
    assert (journal.mentorship_id, journal.mentor_id, journal.mentee_id) == (
        MENTORSHIP,
        MENTOR,
        MENTEE,
    )


def test_a_pair_member_cannot_review_their_journal() -> None:
    """Reviews come from outside the pair: the mentor's 'review' of the mentee's entry is refused."""
    from datetime import UTC, datetime

    from ementoring.errors import ValidationError
    from ementoring.journal import Journal, JournalEntry, Review

    journal = Journal(MENTORSHIP, mentor_id=MENTOR, mentee_id=MENTEE).add_entry(
        JournalEntry(
            "e1", MENTORSHIP, MENTEE, "mentee", written_at=datetime(2026, 3, 3, tzinfo=UTC)
        )
    )
    for member in (MENTOR, MENTEE):
        review = Review(
            "r1",
            "e1",
            member,
            written_at=datetime(2026, 3, 4, tzinfo=UTC),
            comment="Great!",
            kind="encouragement",
        )
        with pytest.raises(ValidationError, match="member of this pair") as caught:
            journal.add_review(review)
        assert caught.value.field == "review.coordinator_id"
    outsider = Review(
        "r1",
        "e1",
        "cora",
        written_at=datetime(2026, 3, 4, tzinfo=UTC),
        comment="Great!",
        kind="encouragement",
    )
    assert journal.add_review(outsider).reviews == (outsider,)
