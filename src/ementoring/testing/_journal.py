"""The journal's models: entries, and whole journals with amendments, agendas, action items and reviews."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from ementoring.journal import (
    ActionItem,
    Agenda,
    AgendaItem,
    AuthorRole,
    Journal,
    JournalEntry,
    Review,
    ReviewKind,
    Visibility,
    amend,
    normalise_topic,
)
from ementoring.testing._options import check_count, check_id, check_optional_id, ids_from
from ementoring.testing._timezones import minutes_after

TOPICS: tuple[str, ...] = (
    "CV review",
    "cv-review",
    "Interview prep",
    "interview  prep!",
    "Canadian workplace culture",
    "Networking",
    "Salary negotiation",
    "LinkedIn profile",
)
"""Topic spellings, several of the same topic, so equal-by-key topics meet."""

_JOURNAL_START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def journal_entries(
    *,
    entry_id: str | None = None,
    mentorship_id: str = "m1",
    mentor_id: str = "ivan",
    mentee_id: str = "olga",
) -> st.SearchStrategy[JournalEntry]:
    """First versions of learning-journal entries by the pair's mentor or mentee."""
    check_optional_id(entry_id, "entry_id")
    for field, value in (
        ("mentorship_id", mentorship_id),
        ("mentor_id", mentor_id),
        ("mentee_id", mentee_id),
    ):
        check_id(value, field)
    ids = ids_from(entry_id, r"e[0-9]{1,4}")

    @st.composite
    def build(draw: st.DrawFn) -> JournalEntry:
        role = draw(st.sampled_from(list(AuthorRole)))
        return JournalEntry(
            draw(ids),
            mentorship_id,
            mentor_id if role is AuthorRole.MENTOR else mentee_id,
            role,
            written_at=draw(minutes_after(_JOURNAL_START, days=70)),
            session_id=draw(st.none() | st.sampled_from(["s1", "s2", "s3"])),
            discussed=draw(st.lists(st.sampled_from(TOPICS), max_size=3)),
            next_topics=draw(st.lists(st.sampled_from(TOPICS), max_size=3)),
            time_spent=timedelta(minutes=draw(st.integers(0, 24 * 60))),
            observations=draw(st.text(max_size=60)),
            visibility=draw(st.sampled_from(list(Visibility))),
        )

    return build()


def journals(*, max_entries: int = 6, max_amendments: int = 4) -> st.SearchStrategy[Journal]:
    """A pair's journal: entries (some amended), an agenda, action items and reviews."""
    check_count(max_entries, "max_entries")
    check_count(max_amendments, "max_amendments")

    @st.composite
    def build(draw: st.DrawFn) -> Journal:
        journal = Journal("m1", mentor_id="ivan", mentee_id="olga")
        count = draw(st.integers(0, max_entries))
        for index in range(count):
            journal = journal.add_entry(draw(journal_entries(entry_id=f"e{index}")))
        for _ in range(draw(st.integers(0, max_amendments)) if count else 0):
            latest = journal.entry(f"e{draw(st.integers(0, count - 1))}")
            at = latest.recorded_at + timedelta(minutes=draw(st.integers(0, 60 * 24 * 14)))
            spent = latest.time_spent + timedelta(minutes=1)
            if spent > timedelta(hours=24):
                spent = timedelta(0)
            journal = journal.add_entry(amend(latest, by=latest.author_id, at=at, time_spent=spent))
        if draw(st.booleans()):
            items = [
                AgendaItem(topic, requested_by="olga")
                for topic in draw(
                    st.lists(
                        st.sampled_from(TOPICS), min_size=1, max_size=3, unique_by=normalise_topic
                    )
                )
            ]
            journal = journal.add_agenda(Agenda("s1", "olga", items))
            if draw(st.booleans()):
                journal = journal.send_agenda("s1", at=_JOURNAL_START)
        for index in range(draw(st.integers(0, 2))):
            journal = journal.add_action_item(
                ActionItem(
                    f"a{index}",
                    "m1",
                    draw(st.sampled_from(["Research HR associations", "Rewrite CV", "Mock call"])),
                    assigned_to="olga",
                    assigned_by="ivan",
                    created_at=_JOURNAL_START,
                    due_on=draw(st.none() | st.dates(date(2026, 3, 1), date(2026, 6, 30))),
                )
            )
            if draw(st.booleans()):
                journal = journal.mark_done(f"a{index}", at=_JOURNAL_START + timedelta(days=3))
        for index, entry in enumerate(journal.current[: draw(st.integers(0, 2))]):
            journal = journal.add_review(
                Review(
                    f"r{index}",
                    entry.id,
                    "cora",
                    written_at=entry.recorded_at + timedelta(days=1),
                    comment="Good progress; try a mock interview next.",
                    kind=draw(st.sampled_from(list(ReviewKind))),
                )
            )
        return journal

    return build()
