"""The session lifecycle: statuses, actions and the one transition table that holds its rules."""

from __future__ import annotations

from collections.abc import Mapping

from ementoring._validate import Choice

__all__ = [
    "SESSION_TRANSITIONS",
    "TRANSITIONS",
    "Answer",
    "SessionAction",
    "SessionStatus",
    "lifecycle_table",
    "session_lifecycle_table",
]


class SessionStatus(Choice):
    """Where a session stands."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class SessionAction(Choice):
    """What can be done to a session (one function each)."""

    CONFIRM = "confirm"
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"
    COMPLETE = "complete"
    MARK_NO_SHOW = "mark_no_show"
    REPLY = "reply"


class Answer(Choice):
    """A participant's answer to a session's current time (iCalendar's PARTSTAT).

    ``NO_ANSWER`` is where everyone starts, and where a new time puts everyone
    back, except whoever proposed it.
    """

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    NO_ANSWER = "no_answer"


SESSION_TRANSITIONS: Mapping[tuple[SessionStatus, SessionAction], SessionStatus] = {
    (SessionStatus.PROPOSED, SessionAction.CONFIRM): SessionStatus.CONFIRMED,
    (SessionStatus.PROPOSED, SessionAction.RESCHEDULE): SessionStatus.PROPOSED,
    (SessionStatus.PROPOSED, SessionAction.CANCEL): SessionStatus.CANCELLED,
    (SessionStatus.PROPOSED, SessionAction.COMPLETE): SessionStatus.COMPLETED,
    (SessionStatus.PROPOSED, SessionAction.MARK_NO_SHOW): SessionStatus.NO_SHOW,
    # A new time is a new proposal: the other side confirms it again.
    (SessionStatus.CONFIRMED, SessionAction.RESCHEDULE): SessionStatus.PROPOSED,
    (SessionStatus.CONFIRMED, SessionAction.CANCEL): SessionStatus.CANCELLED,
    (SessionStatus.CONFIRMED, SessionAction.COMPLETE): SessionStatus.COMPLETED,
    (SessionStatus.CONFIRMED, SessionAction.MARK_NO_SHOW): SessionStatus.NO_SHOW,
    # A guest who did not join a call that happened: recorded, still completed.
    (SessionStatus.COMPLETED, SessionAction.MARK_NO_SHOW): SessionStatus.COMPLETED,
    # An answer is recorded and changes no status: the coordinator decides what follows.
    (SessionStatus.PROPOSED, SessionAction.REPLY): SessionStatus.PROPOSED,
    (SessionStatus.CONFIRMED, SessionAction.REPLY): SessionStatus.CONFIRMED,
}
"""The session lifecycle: ``(status, action) -> new status``. Every pair missing
here raises :class:`~ementoring.errors.InvalidTransitionError`. ``cancel`` with
a new time is recorded as a ``reschedule`` (its row applies)."""


def session_lifecycle_table() -> str:
    """The session lifecycle as a Markdown table, generated from :data:`SESSION_TRANSITIONS`.

    Rows are the current status, columns the action, cells the new status
    (``-``: not allowed, raises ``InvalidTransitionError``). Also importable
    as ``lifecycle_table``, the same function, kept for compatibility.

    >>> print(session_lifecycle_table())
    | status \\ action | confirm | reschedule | cancel | complete | mark_no_show | reply |
    |---|---|---|---|---|---|---|
    | proposed | confirmed | proposed | cancelled | completed | no_show | proposed |
    | confirmed | - | proposed | cancelled | completed | no_show | confirmed |
    | completed | - | - | - | - | completed | - |
    | cancelled | - | - | - | - | - | - |
    | no_show | - | - | - | - | - | - |
    """
    header = "| status \\ action | " + " | ".join(a.value for a in SessionAction) + " |"
    rule = "|---" * (len(SessionAction) + 1) + "|"
    rows = [header, rule]
    for status in SessionStatus:
        cells = [
            target.value if (target := SESSION_TRANSITIONS.get((status, action))) else "-"
            for action in SessionAction
        ]
        rows.append(f"| {status.value} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


# Kept importable for compatibility: aliases of the same objects.
TRANSITIONS = SESSION_TRANSITIONS
"""The same table as :data:`SESSION_TRANSITIONS`, under the name kept for compatibility."""

lifecycle_table = session_lifecycle_table
