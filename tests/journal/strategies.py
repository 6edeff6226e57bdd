"""Hypothesis strategies for journal models (to move to ``ementoring.testing`` later)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from ementoring.journal import (
    AuthorRole,
    Journal,
    JournalEntry,
    Topic,
    Visibility,
    amend,
    normalise_topic,
)

MENTORSHIP = "m1"
MENTOR = "david"
MENTEE = "olga"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Several spellings of a few topics, so equal-by-key topics meet in one journal.
TOPIC_SPELLINGS = (
    "CV review",
    "cv-review",
    "C.V. Review",
    "Interview prep",
    "interview  prep!",
    "Canadian workplace culture",
    "canadian workplace-culture",
    "Networking",
    "Salary negotiation",
    "LinkedIn profile",
)

labels = st.one_of(
    st.sampled_from(TOPIC_SPELLINGS),
    st.text(min_size=1, max_size=30).filter(lambda s: bool(normalise_topic(s))),
)
topic_objects = st.builds(Topic, st.sampled_from(TOPIC_SPELLINGS))
topic_lists = st.lists(topic_objects, max_size=4)
instants = st.integers(min_value=0, max_value=60 * 24 * 70).map(
    lambda minutes: START + timedelta(minutes=minutes)
)
visibilities = st.sampled_from(list(Visibility))


@st.composite
def entries(
    draw: st.DrawFn,
    *,
    entry_id: str | None = None,
    mentorship_id: str = MENTORSHIP,
    mentor_id: str = MENTOR,
    mentee_id: str = MENTEE,
) -> JournalEntry:
    """A valid first version of an entry by the pair's mentor or mentee."""
    role = draw(st.sampled_from(list(AuthorRole)))
    return JournalEntry(
        entry_id if entry_id is not None else draw(st.from_regex(r"e[0-9]{1,4}", fullmatch=True)),
        mentorship_id,
        mentor_id if role is AuthorRole.MENTOR else mentee_id,
        role,
        written_at=draw(instants),
        session_id=draw(st.none() | st.sampled_from(["s1", "s2", "s3", "s4"])),
        discussed=draw(topic_lists),
        next_topics=draw(topic_lists),
        time_spent=timedelta(minutes=draw(st.integers(0, 24 * 60))),
        observations=draw(st.text(max_size=40)),
        visibility=draw(visibilities),
    )


@st.composite
def journals(draw: st.DrawFn, *, max_entries: int = 8, max_amendments: int = 6) -> Journal:
    """A pair's journal with some entries and some amendments of them."""
    journal = Journal(MENTORSHIP, mentor_id=MENTOR, mentee_id=MENTEE)
    count = draw(st.integers(0, max_entries))
    for index in range(count):
        journal = journal.add_entry(draw(entries(entry_id=f"e{index}")))
    if count:
        for _ in range(draw(st.integers(0, max_amendments))):
            latest = journal.entry(f"e{draw(st.integers(0, count - 1))}")
            at = latest.recorded_at + timedelta(minutes=draw(st.integers(0, 60 * 24 * 14)))
            changes: dict[str, object] = draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "discussed": topic_lists,
                        "next_topics": topic_lists,
                        "observations": st.text(max_size=40),
                        "visibility": visibilities,
                    },
                )
            )
            changes["time_spent"] = (
                latest.time_spent + timedelta(minutes=1)
                if (latest.time_spent < timedelta(hours=24))
                else timedelta(0)
            )
            journal = journal.add_entry(amend(latest, by=latest.author_id, at=at, **changes))
    return journal
