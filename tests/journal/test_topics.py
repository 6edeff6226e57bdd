"""Topics: normalised keys, display spelling, parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ementoring.errors import ValidationError
from ementoring.journal import MAX_TOPIC_LENGTH, Topic, normalise_topic, topics

from .strategies import labels


class TestTopic:
    @pytest.mark.parametrize(
        ("left", "right"),
        [
            ("CV review", "cv review"),
            ("CV review", "  CV   review  "),
            ("CV review", "C.V. review"),
            ("Canadian workplace culture", "canadian workplace-culture"),
            ("Interview prep", "Interview prep!"),
            ("CV/resume", "cv resume"),
            ("\uff23\uff36 review", "cv review"),  # full-width letters fold under NFKC
        ],
    )
    def test_spellings_of_one_topic_are_equal(self, left: str, right: str) -> None:
        """Case, spacing and punctuation do not make a different topic."""
        assert Topic(left) == Topic(right)
        assert hash(Topic(left)) == hash(Topic(right))

    @pytest.mark.parametrize(
        ("left", "right"),
        [("CV review", "CV reviews"), ("C++", "C"), ("interview prep", "interviewprep")],
    )
    def test_different_topics_differ(self, left: str, right: str) -> None:
        """Letters, digits and symbols still distinguish topics."""
        assert Topic(left) != Topic(right)

    def test_label_keeps_original_spelling(self) -> None:
        """The display label is exactly what was written."""
        topic = Topic("  Canadian Workplace-Culture ")
        assert topic.label == "  Canadian Workplace-Culture "
        assert topic.key == "canadian workplace culture"

    @pytest.mark.parametrize("label", ["", "   ", "!!!", "-- / --"])
    def test_label_without_content_is_refused(self, label: str) -> None:
        """A label with nothing but spaces and punctuation is an error naming the field."""
        with pytest.raises(ValidationError, match=r"^topic: ") as info:
            Topic(label)
        assert info.value.field == "topic"

    def test_too_long_and_non_string_labels_are_refused(self) -> None:
        """Over-long labels and non-strings raise ValidationError."""
        with pytest.raises(ValidationError, match="at most"):
            Topic("x" * (MAX_TOPIC_LENGTH + 1))
        with pytest.raises(ValidationError, match="expected a string"):
            Topic(42)  # type: ignore[arg-type]

    def test_topics_sort_by_key(self) -> None:
        """Ordering uses the key, so sorting is independent of spelling."""
        assert sorted([Topic("networking"), Topic("CV review"), Topic("b")]) == [
            Topic("b"),
            Topic("cv review"),
            Topic("Networking"),
        ]

    @given(labels)
    def test_normalising_is_idempotent(self, label: str) -> None:
        """Normalising a key gives the key again, and the key is a Topic of itself."""
        key = normalise_topic(label)
        assert normalise_topic(key) == key
        assert Topic(key) == Topic(label)

    @given(labels, st.sampled_from(["upper", "lower", "title", "pad", "dots"]))
    def test_cosmetic_changes_keep_the_topic(self, label: str, change: str) -> None:
        """Case changes, padding and trailing dots never change the topic."""
        changed = {
            "upper": label.upper(),
            "lower": label.lower(),
            "title": label.title(),
            "pad": f"  {label}  ",
            "dots": f"{label}...",
        }[change]
        if change in {"upper", "lower", "title"} and normalise_topic(changed) != normalise_topic(
            label
        ):
            # Some Unicode case mappings are not inverse under casefold (e.g. 'ǅ');
            # the law holds for every label that survives a case round trip.
            assert changed.casefold() != label.casefold()
            return
        assert Topic(changed) == Topic(label)


class TestTopicsParsing:
    def test_parses_every_separator(self) -> None:
        """Semicolons, commas and new lines separate topics; blanks are skipped."""
        parsed = topics("CV review; interview prep,\nnetworking;; ,")
        assert [t.label for t in parsed] == ["CV review", "interview prep", "networking"]

    def test_duplicates_keep_first_spelling_and_order(self) -> None:
        """A topic written twice is kept once, first spelling, first position."""
        parsed = topics("Interview prep; CV review; interview-prep")
        assert [t.label for t in parsed] == ["Interview prep", "CV review"]

    def test_collections_are_not_split(self) -> None:
        """Items of a collection are labels, not lists to split."""
        assert topics(["CV review", Topic("Networking")]) == (
            Topic("CV review"),
            Topic("networking"),
        )

    def test_bad_piece_names_its_position(self) -> None:
        """The error names the position of the bad piece in the given field."""
        with pytest.raises(ValidationError) as info:
            topics(["CV review", "?!"], "goals")
        assert info.value.field == "goals[1]"

    def test_non_collection_is_refused(self) -> None:
        """A number is neither a string nor a collection."""
        with pytest.raises(ValidationError, match=r"^goals: "):
            topics(3, "goals")  # type: ignore[arg-type]

    @given(st.lists(labels, max_size=6))
    def test_parsing_keeps_every_distinct_topic(self, pieces: list[str]) -> None:
        """Every distinct topic given comes back exactly once."""
        parsed = topics(pieces)
        assert len({t.key for t in parsed}) == len(parsed)
        assert {t.key for t in parsed} == {normalise_topic(p) for p in pieces}
