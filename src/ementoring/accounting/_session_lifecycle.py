"""The session lifecycle: statuses, actions and the transition table, the single source of the rules."""

from __future__ import annotations

from collections.abc import Mapping

from ementoring._validate import Choice

__all__ = [
    "TRANSITIONS",
    "SessionAction",
    "SessionStatus",
    "lifecycle_table",
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


_S = SessionStatus
_A = SessionAction

TRANSITIONS: Mapping[tuple[SessionStatus, SessionAction], SessionStatus] = {
    (_S.PROPOSED, _A.CONFIRM): _S.CONFIRMED,
    (_S.PROPOSED, _A.RESCHEDULE): _S.PROPOSED,
    (_S.PROPOSED, _A.CANCEL): _S.CANCELLED,
    (_S.PROPOSED, _A.COMPLETE): _S.COMPLETED,
    (_S.PROPOSED, _A.MARK_NO_SHOW): _S.NO_SHOW,
    # A new time is a new proposal: the other side confirms it again.
    (_S.CONFIRMED, _A.RESCHEDULE): _S.PROPOSED,
    (_S.CONFIRMED, _A.CANCEL): _S.CANCELLED,
    (_S.CONFIRMED, _A.COMPLETE): _S.COMPLETED,
    (_S.CONFIRMED, _A.MARK_NO_SHOW): _S.NO_SHOW,
    # A guest who did not join a call that happened: recorded, still completed.
    (_S.COMPLETED, _A.MARK_NO_SHOW): _S.COMPLETED,
}
"""``(status, action) -> new status``. Every pair missing here raises
:class:`~ementoring.errors.InvalidTransitionError`. ``cancel`` with a new time
is recorded as a ``reschedule`` (its row applies)."""


def lifecycle_table() -> str:
    """The session lifecycle as a Markdown table, generated from :data:`TRANSITIONS`.

    Rows are the current status, columns the action, cells the new status
    (``-``: not allowed, raises ``InvalidTransitionError``).

    >>> print(lifecycle_table())
    | status \\ action | confirm | reschedule | cancel | complete | mark_no_show |
    |---|---|---|---|---|---|
    | proposed | confirmed | proposed | cancelled | completed | no_show |
    | confirmed | - | proposed | cancelled | completed | no_show |
    | completed | - | - | - | - | completed |
    | cancelled | - | - | - | - | - |
    | no_show | - | - | - | - | - |
    """
    header = "| status \\ action | " + " | ".join(a.value for a in SessionAction) + " |"
    rule = "|---" * (len(SessionAction) + 1) + "|"
    rows = [header, rule]
    for status in SessionStatus:
        cells = [
            target.value if (target := TRANSITIONS.get((status, action))) else "-"
            for action in SessionAction
        ]
        rows.append(f"| {status.value} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
