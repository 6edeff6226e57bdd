"""English: the language every other module is checked against.

Without Babel (the ``i18n`` extra) English is still available: ``ementoring.display``
then writes the same patterns from the library's English table (``ementoring._words``),
and names a clock by the last part of its IANA key instead of CLDR's exemplar city.
"""

from __future__ import annotations

from ementoring._languages._spec import Language

LANGUAGE = Language(
    code="en",
    cldr="en",
    date_time="EEE d MMM, HH:mm",
    time="HH:mm",
    at_place="{when} {place} time",
    at_offset="{when} {offset}",
    time_range="{start}–{end}",
    span="{start} – {end}",
    person_line="{name}: {when}",
    counted={"session": {"one": "{count} session", "other": "{count} sessions"}},
    roles={"mentor": "mentor", "mentee": "mentee"},
    partners={"one": "{names}", "other": "{names}"},
    messages={
        "agenda_due": (
            "Please send the agenda for your session with {partner} on {session}. "
            "It was due by {due}."
        ),
        "journal_due": (
            "Please write your learning-journal entry for the session with {partner} on "
            "{session}: what you discussed, future topics, time spent and observations. "
            "It was due by {due}."
        ),
        "no_next_session": (
            "No next session with {partner} is scheduled. "
            "Propose a time to meet again and confirm it together."
        ),
        "behind_pace": (
            "Your mentorship is behind pace: {logged} of {target} logged in {sessions}, "
            "about {expected} expected by now. Consider a longer or an extra session."
        ),
        "at_risk": (
            "Your mentorship is at risk of not reaching its {target}: {logged} logged so far "
            "in {sessions}. Plan your next sessions soon."
        ),
        "at_risk_quiet": (
            "Your mentorship is at risk of not reaching its {target}: {logged} logged so far "
            "in {sessions}. There has been no session for {quiet}. Plan your next sessions soon."
        ),
        "review_pending": (
            "A journal entry by {author} ({role}), written on {written}, "
            "has waited {waited} for a review."
        ),
        "action_item_overdue": (
            'The action item "{item}" was due by {due}. Mark it done, or drop it with a reason.'
        ),
        "reply_missing": "{waiting} has not answered the invitation to the session on {session}.",
        "replies_missing": (
            "{waiting} have not answered the invitation to the session on {session}."
        ),
        "session_changed": "{change} With {people}.",
        "survey_due": 'Please answer "{survey}" about your mentorship with {partner} by {due}.',
        "survey_overdue": (
            '"{survey}" about your mentorship with {partner} was due by {due}. Please answer it.'
        ),
    },
    session_changes={
        "booked": "A session is booked for {when}.",
        "moved": "The session has moved to {when}; it was {before}.",
        "confirmed": "The session on {when} is confirmed.",
        "cancelled": "The session on {when} is cancelled.",
    },
    session_title="Mentoring session",
    times_heading="Times for each participant:",
    journey={
        "repair_unchanged": "{person}: no change.",
        "repair_kept": "{person}: no change; stays with {partners}.",
        "repair_new_partner": "{person}: a new offer with {partners}; {reason}.",
        "repair_still_unmatched": "{person}: no new partner yet; {reason}; {why}.",
        "repair_stepped_back": "{person}: stepped back from the program; no new offer.",
        "released_declined": "the offer with {partner} was declined",
        "released_expired": "the offer with {partner} expired unanswered",
        "released_withdrawn": "the offer with {partner} was withdrawn",
        "released_not_a_good_fit": "the pairing with {partner} was not a good fit",
        "released_closed_early": "the mentorship with {partner} closed early",
        "never_matched": "there was no partner before",
        "unmatched_mentors_full": "the free seats that suit them went to others",
        "unmatched_no_allowed_mentor": "no mentor with a free seat suits them",
        "unmatched_no_mentee": "no waiting mentee suits them",
        "survey_pairing_fit": "Pairing fit",
        "survey_check_in": "Check-in",
        "survey_evaluation": "End-of-program evaluation",
        "question_pairing_fit": "How is the pairing going?",
        "choice_good_fit": "A good fit",
        "choice_still_deciding": "Still deciding",
        "choice_not_a_good_fit": "Not a good fit",
        "question_satisfaction": "How satisfied are you with the mentorship so far? (1 to 5)",
        "question_anything_else": "Anything the coordinator should know?",
        "question_overall": "How satisfied are you with the mentorship overall? (1 to 5)",
        "question_recommend": "Would you recommend the program to a friend?",
        "question_loved": "What did you love about the mentorship?",
        "question_advice": "What advice would you give the next mentees?",
        "finding_not_enough_pairs": (
            "{criterion}: pairs with answers: {pairs} ({above_pairs} above the median score, "
            "{below_pairs} at or below it); at least {minimum} in all and {side_minimum} on "
            "each side are needed, so nothing is claimed."
        ),
        "finding_no_spread": (
            "{criterion}: every pair with answers has the same score (pairs: {pairs}); "
            "nothing to compare."
        ),
        "finding_compared": (
            "{criterion}: mean satisfaction (0 to 1) {above} above the median score "
            "(pairs: {above_pairs}), {below} at or below it (pairs: {below_pairs}); "
            "Mann–Whitney test p {p}: {verdict}."
        ),
        "verdict_higher": "higher above the median, at the 5% level",
        "verdict_lower": "lower above the median, at the 5% level",
        "verdict_unclear": "no clear difference",
        "number": "{whole}.{fraction}",
    },
)
