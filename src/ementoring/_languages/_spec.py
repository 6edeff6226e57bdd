"""What a language module provides: the shape every ``ementoring._languages.<code>`` fills in."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["JOURNEY_PLACEHOLDERS", "PLACEHOLDERS", "SESSION_CHANGE_PLACEHOLDERS", "Language"]

PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "agenda_due": frozenset({"partner", "session", "due"}),
    "journal_due": frozenset({"partner", "session", "due"}),
    "no_next_session": frozenset({"partner"}),
    "behind_pace": frozenset({"logged", "target", "expected", "sessions"}),
    "at_risk": frozenset({"logged", "target", "sessions"}),
    "at_risk_quiet": frozenset({"logged", "target", "sessions", "quiet"}),
    "review_pending": frozenset({"author", "role", "written", "waited"}),
    "action_item_overdue": frozenset({"item", "due"}),
    "reply_missing": frozenset({"waiting", "session"}),
    "replies_missing": frozenset({"waiting", "session"}),
    "session_changed": frozenset({"change", "people"}),
    # A survey someone is asked to answer: the reminder, and journey.due_survey_text.
    "survey_due": frozenset({"survey", "partner", "due"}),
    "survey_overdue": frozenset({"survey", "partner", "due"}),
}
"""Each message a reminder renders to, and the placeholders its template may use."""

SESSION_CHANGE_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "booked": frozenset({"when"}),
    "moved": frozenset({"when", "before"}),
    "confirmed": frozenset({"when"}),
    "cancelled": frozenset({"when"}),
}
"""What can happen to a session that its people are told, and each sentence's placeholders."""

_NONE: frozenset[str] = frozenset()
_PARTNER = frozenset({"partner"})

JOURNEY_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    # What re-pairing changed for one person (ementoring.journey.repair), and why.
    "repair_unchanged": frozenset({"person"}),
    "repair_kept": frozenset({"person", "partners"}),
    "repair_new_partner": frozenset({"person", "partners", "reason"}),
    "repair_still_unmatched": frozenset({"person", "reason", "why"}),
    "repair_stepped_back": frozenset({"person"}),
    "released_declined": _PARTNER,
    "released_expired": _PARTNER,
    "released_withdrawn": _PARTNER,
    "released_not_a_good_fit": _PARTNER,
    "released_closed_early": _PARTNER,
    "never_matched": _NONE,
    "unmatched_mentors_full": _NONE,
    "unmatched_no_allowed_mentor": _NONE,
    "unmatched_no_mentee": _NONE,
    # The standard surveys, their questions and the pairing-fit choices.
    "survey_pairing_fit": _NONE,
    "survey_check_in": _NONE,
    "survey_evaluation": _NONE,
    "question_pairing_fit": _NONE,
    "choice_good_fit": _NONE,
    "choice_still_deciding": _NONE,
    "choice_not_a_good_fit": _NONE,
    "question_satisfaction": _NONE,
    "question_anything_else": _NONE,
    "question_overall": _NONE,
    "question_recommend": _NONE,
    "question_loved": _NONE,
    "question_advice": _NONE,
    # Whether a matching criterion goes with satisfaction, said with its counts.
    "finding_not_enough_pairs": frozenset(
        {"criterion", "pairs", "above_pairs", "below_pairs", "minimum", "side_minimum"}
    ),
    "finding_no_spread": frozenset({"criterion", "pairs"}),
    "finding_compared": frozenset(
        {"criterion", "above", "above_pairs", "below", "below_pairs", "p", "verdict"}
    ),
    "verdict_higher": _NONE,
    "verdict_lower": _NONE,
    "verdict_unclear": _NONE,
    # A decimal number: the language's decimal mark between the two parts.
    "number": frozenset({"whole", "fraction"}),
}
"""Each sentence and phrase of a pair's journey (ementoring.journey), and its placeholders."""


@attrs.frozen(kw_only=True)
class Language:
    """The words and patterns of one language; CLDR (through Babel) supplies the rest.

    Attributes:
        code: The tag callers pass as ``locale=`` (``"ru"``).
        cldr: The Babel/CLDR locale whose names, numbers and plural rules are used.
        date_time: A CLDR date pattern for an instant on a clock, e.g. ``"EEE d MMM, HH:mm"``.
        time: A CLDR pattern for a time of day on the same day, e.g. ``"HH:mm"``.
        at_place: Where a clock is, by its CLDR exemplar city: ``"{when} {place} time"``.
        at_offset: A clock with no city (``Etc/GMT+3``, ``UTC``), by its CLDR GMT
            format: ``"{when} {offset}"``.
        time_range: A stretch of time within one day: ``"{start}–{end}"``.
        span: A stretch over more than one day: ``"{start} – {end}"``.
        person_line: One participant's line in :func:`~ementoring.display.on_each_clock`.
        counted: Counted nouns CLDR has no unit for (``"session"``), by CLDR plural
            category (``one``, ``few``, ``many``, ``other``...), with ``{count}``.
        roles: A journal author's role (``mentor``, ``mentee``) in words.
        partners: How a message names the people a session is with, by how many
            there are (``one``, ``other``), with ``{names}`` (the names, listed
            as the language lists them): the ``{partner}`` of a message.
        messages: One template per message in ``PLACEHOLDERS`` (``str.format`` syntax).
        session_changes: One sentence per key of ``SESSION_CHANGE_PLACEHOLDERS``: a
            session booked, moved, confirmed or cancelled, ``{when}`` (and
            ``{before}``) on the reader's clock.
        session_title: An invitation's title when the caller gives none.
        times_heading: The line before each participant's time in an invitation.
        journey: One template per key of ``JOURNEY_PLACEHOLDERS``: what re-pairing
            changed for each person, the standard surveys and questions, and
            what the feedback analytics find.
    """

    code: str
    cldr: str
    date_time: str
    time: str
    at_place: str
    at_offset: str
    time_range: str
    span: str
    person_line: str
    counted: Mapping[str, Mapping[str, str]]
    roles: Mapping[str, str]
    partners: Mapping[str, str]
    messages: Mapping[str, str]
    session_changes: Mapping[str, str]
    session_title: str
    times_heading: str
    journey: Mapping[str, str]
