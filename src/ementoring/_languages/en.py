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
    },
    session_changes={
        "booked": "A session is booked for {when}.",
        "moved": "The session has moved to {when}; it was {before}.",
        "confirmed": "The session on {when} is confirmed.",
        "cancelled": "The session on {when} is cancelled.",
    },
    session_title="Mentoring session",
    times_heading="Times for each participant:",
)
