"""Hypothesis strategies for accounting models (to move to ementoring.testing later)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from ementoring.accounting import EntryKind, HourEntry, Mentorship, Program, Session
from ementoring.scheduling import Interval
from ementoring.timezones import EARLIEST

ZONES = ("America/Toronto", "Europe/Moscow", "Asia/Jerusalem", "Europe/Berlin", "UTC")
BASE = datetime(2026, 1, 1, tzinfo=UTC)


def programs(*, require_new_time_on_cancel: bool | None = None) -> st.SearchStrategy[Program]:
    """Valid programs starting in 2026 in one of the story's zones."""
    flags = (
        st.booleans() if require_new_time_on_cancel is None else st.just(require_new_time_on_cancel)
    )
    return st.builds(
        Program,
        st.just("p"),
        st.just("Program"),
        starts_on=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        zone=st.sampled_from(ZONES),
        target=st.integers(1, 40).map(lambda h: timedelta(hours=h)),
        planned_weeks=st.integers(1, 20),
        max_extension_weeks=st.none() | st.integers(0, 10),
        require_new_time_on_cancel=flags,
    )


def instants(start: datetime = BASE, *, days: int = 365) -> st.SearchStrategy[datetime]:
    """Aware UTC instants on whole minutes within ``days`` after ``start``."""
    return st.integers(0, days * 24 * 60).map(lambda m: start + timedelta(minutes=m))


def intervals(start: datetime = BASE, *, days: int = 365) -> st.SearchStrategy[Interval]:
    """Intervals of 15 minutes to 3 hours starting within ``days`` after ``start``."""
    return st.builds(
        lambda begin, minutes: Interval(begin, begin + timedelta(minutes=minutes)),
        instants(start, days=days),
        st.integers(15, 180),
    )


def participant_ids() -> st.SearchStrategy[str]:
    """Short participant ids."""
    return st.sampled_from(("olga", "ivan", "guest", "anna", "mark"))


def sessions(*, mentorship_id: str = "m1", min_people: int = 2) -> st.SearchStrategy[Session]:
    """Fresh proposed sessions of ``min_people`` to three people, counting as proposed before any move."""
    return st.builds(
        Session,
        st.text("abcdef0123456789", min_size=1, max_size=8),
        st.just(mentorship_id),
        intervals(),
        st.lists(participant_ids(), min_size=min_people, max_size=3, unique=True),
        proposed_at=st.just(EARLIEST),
    )


def mentorships(
    *, program_id: str = "p", mentorship_id: str = "m1"
) -> st.SearchStrategy[Mentorship]:
    """Active mentorships of olga (mentor) and ivan (mentee) starting in 2026."""
    return st.builds(
        Mentorship,
        st.just(mentorship_id),
        st.just(program_id),
        st.just("olga"),
        st.just("ivan"),
        started_on=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    )


def hour_entries(
    *, mentorship_id: str = "m1", session_ids: tuple[str, ...] = ()
) -> st.SearchStrategy[HourEntry]:
    """Valid entries of 1 minute to 5 hours; meetings may point at one of ``session_ids``."""
    return st.builds(
        HourEntry,
        st.text("abcdef0123456789", min_size=1, max_size=8),
        st.just(mentorship_id),
        st.sampled_from(("olga", "ivan")),
        st.integers(1, 300).map(lambda m: timedelta(minutes=m)),
        st.sampled_from(list(EntryKind)),
        session_id=st.none() | st.sampled_from(session_ids) if session_ids else st.none(),
        occurred_on=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        recorded_at=instants(),
        recorded_by=st.just("olga"),
    )
