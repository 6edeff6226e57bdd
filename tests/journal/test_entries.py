"""Journal entries: validation and amendments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import NaiveDatetimeError, PermissionDeniedError, ValidationError
from ementoring.journal import (
    MAX_OBSERVATIONS,
    AuthorRole,
    JournalEntry,
    Topic,
    Visibility,
    amend,
    current_versions,
)

from .strategies import entries, topic_lists

WRITTEN = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
SECRET = "I am worried my English is not good enough"


def make(**changes: object) -> JournalEntry:
    fields: dict[str, object] = {
        "written_at": WRITTEN,
        "discussed": "CV review",
        "observations": SECRET,
    }
    fields.update(changes)
    return JournalEntry("e1", "m1", "olga", "mentee", **fields)  # type: ignore[arg-type]


class TestValidation:
    def test_defaults(self) -> None:
        """A minimal entry: no session, no time, visible to pair and coordinator."""
        entry = JournalEntry("e1", "m1", "olga", AuthorRole.MENTEE, written_at=WRITTEN)
        assert entry.session_id is None
        assert entry.time_spent == timedelta(0)
        assert entry.visibility is Visibility.PAIR_AND_COORDINATOR
        assert (entry.revision, entry.amended_at, entry.recorded_at) == (1, None, WRITTEN)

    def test_written_at_is_stored_in_utc(self) -> None:
        """An aware time in Toronto is stored as the same instant in UTC."""
        local = datetime(2026, 3, 10, 14, 0, tzinfo=ZoneInfo("America/Toronto"))
        entry = make(written_at=local)
        assert entry.written_at == local
        assert entry.written_at.tzinfo is UTC

    def test_naive_written_at_is_refused(self) -> None:
        """A naive datetime raises NaiveDatetimeError naming the field."""
        with pytest.raises(NaiveDatetimeError) as info:
            make(written_at=datetime(2026, 3, 10, 18, 0))
        assert info.value.field == "written_at"

    def test_observations_over_the_limit_are_refused_without_echo(self) -> None:
        """The error names the field and the length, never the text."""
        text = "private words " * (MAX_OBSERVATIONS // 10)
        with pytest.raises(ValidationError) as info:
            make(observations=text)
        assert info.value.field == "observations"
        assert "private words" not in str(info.value)
        assert f"<{len(text)} characters>" in str(info.value)

    def test_observations_at_the_limit_are_accepted(self) -> None:
        """Exactly MAX_OBSERVATIONS characters is fine."""
        assert len(make(observations="x" * MAX_OBSERVATIONS).observations) == MAX_OBSERVATIONS

    @pytest.mark.parametrize(
        "spent", [timedelta(seconds=-1), timedelta(hours=24, seconds=1), timedelta(days=3)]
    )
    def test_time_spent_out_of_range_is_refused(self, spent: timedelta) -> None:
        """Negative or over 24 hours raises, naming time_spent."""
        with pytest.raises(ValidationError) as info:
            make(time_spent=spent)
        assert info.value.field == "time_spent"

    @pytest.mark.parametrize("spent", [timedelta(0), timedelta(hours=24)])
    def test_time_spent_bounds_are_accepted(self, spent: timedelta) -> None:
        """Zero and exactly 24 hours are allowed."""
        assert make(time_spent=spent).time_spent == spent

    @pytest.mark.parametrize(
        ("field", "value"),
        [("visibility", "everyone"), ("author_role", "coordinator"), ("session_id", " s1")],
    )
    def test_bad_values_name_their_field(self, field: str, value: object) -> None:
        """Unknown visibility or role, malformed ids: errors name the field."""
        if field == "author_role":
            with pytest.raises(ValidationError) as info:
                JournalEntry("e1", "m1", "olga", value, written_at=WRITTEN)  # type: ignore[arg-type]
        else:
            with pytest.raises(ValidationError) as info:
                make(**{field: value})
        assert info.value.field == field

    def test_bad_topic_names_its_field_and_position(self) -> None:
        """A bad topic in next_topics is reported as next_topics[i]."""
        with pytest.raises(ValidationError) as info:
            make(next_topics=["networking", "..."])
        assert info.value.field == "next_topics[1]"

    def test_repr_hides_observations(self) -> None:
        """Observations are personal: repr leaves them out."""
        assert SECRET not in repr(make())

    def test_revision_and_amended_at_go_together(self) -> None:
        """A later revision needs amended_at, and a first one must not have it."""
        with pytest.raises(ValidationError, match="amended_at"):
            make(revision=2)
        with pytest.raises(ValidationError, match="amended_at"):
            make(amended_at=WRITTEN)
        with pytest.raises(ValidationError, match="amended_at"):
            make(revision=2, amended_at=WRITTEN - timedelta(seconds=1))


class TestAmend:
    def test_amend_returns_a_linked_new_version(self) -> None:
        """Same id, next revision, amended_at set; fixed fields kept."""
        first = make()
        at = WRITTEN + timedelta(hours=3)
        second = amend(first, by="olga", at=at, discussed="CV review; interview prep")
        assert (second.id, second.revision, second.amended_at, second.recorded_at) == (
            "e1",
            2,
            at,
            at,
        )
        assert second.written_at == first.written_at
        assert second.discussed == (Topic("CV review"), Topic("interview prep"))
        assert first.discussed == (Topic("CV review"),)
        assert first.revision == 1

    def test_only_the_author_amends(self) -> None:
        """Someone else gets PermissionDeniedError naming them and the entry, not the text."""
        with pytest.raises(PermissionDeniedError) as info:
            amend(make(), by="david", at=WRITTEN + timedelta(hours=1), observations="x")
        message = str(info.value)
        assert "'david'" in message
        assert "'e1'" in message
        assert SECRET not in message
        assert isinstance(info.value, PermissionError)

    @pytest.mark.parametrize("name", ["author_id", "written_at", "mentorship_id", "revision", "id"])
    def test_fixed_fields_cannot_be_amended(self, name: str) -> None:
        """Who, where and when an entry was written cannot change."""
        with pytest.raises(ValidationError) as info:
            amend(make(), by="olga", at=WRITTEN + timedelta(hours=1), **{name: "x"})
        assert info.value.field == name

    def test_amending_into_the_past_is_refused(self) -> None:
        """``at`` before the last version raises, naming ``at``."""
        with pytest.raises(ValidationError) as info:
            amend(make(), by="olga", at=WRITTEN - timedelta(minutes=1), observations="x")
        assert info.value.field == "at"

    def test_naive_at_is_refused(self) -> None:
        """A naive ``at`` raises NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError):
            amend(make(), by="olga", at=datetime(2026, 3, 11), observations="x")

    def test_no_change_is_refused(self) -> None:
        """An amendment that changes nothing is an error, not a silent extra version."""
        with pytest.raises(ValidationError, match="nothing to amend"):
            amend(make(), by="olga", at=WRITTEN + timedelta(hours=1), discussed="CV review")
        with pytest.raises(ValidationError, match="nothing to amend"):
            amend(make(), by="olga", at=WRITTEN + timedelta(hours=1), observations=SECRET)

    def test_respelling_a_topic_is_a_change(self) -> None:
        """A new spelling of the same topic makes a new version (display text changed)."""
        second = amend(make(), by="olga", at=WRITTEN + timedelta(hours=1), discussed="CV Review")
        assert second.discussed[0].label == "CV Review"

    def test_bad_new_value_is_refused(self) -> None:
        """Amended values go through the same validation."""
        with pytest.raises(ValidationError) as info:
            amend(make(), by="olga", at=WRITTEN, time_spent=timedelta(hours=-1))
        assert info.value.field == "time_spent"

    @given(entries(), topic_lists, st.integers(0, 10_000))
    def test_amend_changes_only_what_was_asked(
        self, entry: JournalEntry, discussed: list[Topic], minutes: int
    ) -> None:
        """Every field not amended is the same in the new version."""
        at = entry.written_at + timedelta(minutes=minutes)
        new_obs = entry.observations + "!"
        second = amend(entry, by=entry.author_id, at=at, observations=new_obs, discussed=discussed)
        same = {
            f.name
            for f in attrs.fields(JournalEntry)
            if f.name not in {"observations", "discussed", "revision", "amended_at"}
        }
        for name in same:
            assert getattr(second, name) == getattr(entry, name)
        assert second.observations == new_obs
        assert second.discussed == tuple(dict.fromkeys(discussed))


class TestCurrentVersions:
    def test_latest_version_wins_in_any_order(self) -> None:
        """The highest revision is current, whatever the input order."""
        first = make()
        second = amend(first, by="olga", at=WRITTEN + timedelta(hours=1), observations="a")
        third = amend(second, by="olga", at=WRITTEN + timedelta(hours=2), observations="b")
        for order in ([first, second, third], [third, first, second]):
            assert current_versions(order) == (third,)

    def test_as_of_sees_only_what_was_recorded(self) -> None:
        """Before the amendment, the first version is current; before writing, nothing."""
        first = make()
        second = amend(first, by="olga", at=WRITTEN + timedelta(hours=1), observations="a")
        assert current_versions([first, second], as_of=WRITTEN) == (first,)
        assert current_versions([first, second], as_of=WRITTEN - timedelta(seconds=1)) == ()

    def test_conflicting_versions_are_refused(self) -> None:
        """Two different objects claiming one (id, revision) raise DuplicateIdError."""
        from ementoring.errors import DuplicateIdError

        with pytest.raises(DuplicateIdError):
            current_versions([make(), make(observations="other")])
