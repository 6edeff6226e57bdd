"""What is due for one person: each kind of reminder, found in records already taken as of ``at``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

import attrs

from ementoring.access import Actor, expected_entries, review_queue
from ementoring.accounting import (
    Answer,
    HourLedger,
    Mentorship,
    MentorshipAction,
    MentorshipStatus,
    Pace,
    Program,
    ProgressReport,
    Session,
    SessionAction,
    SessionStatus,
    progress,
    session_change,
)
from ementoring.journal import ActionStatus, AuthorRole, Journal
from ementoring.journey import FeedbackPlan, Response, due_surveys
from ementoring.reminders._params import (
    ActionItemParams,
    ChangeParams,
    NoSessionParams,
    PaceParams,
    ReplyParams,
    ReviewParams,
    SessionParams,
    SurveyParams,
)
from ementoring.reminders._reminder import Reminder, ReminderKind
from ementoring.timezones import EARLIEST

__all__ = ["Records", "for_coordinator", "for_member"]

_WEEK = timedelta(weeks=1)
_UPCOMING = (SessionStatus.PROPOSED, SessionStatus.CONFIRMED)
_OFF_PACE = (Pace.BEHIND, Pace.AT_RISK)
_CALLED_OFF = (SessionStatus.CANCELLED, SessionStatus.NO_SHOW)
# The steps that change what a session's people are told (session_change); a reply does not.
_CHANGES = (SessionAction.RESCHEDULE, SessionAction.CONFIRM, SessionAction.CANCEL)


@attrs.frozen(kw_only=True)
class Records:
    """One program's records as they stood at ``at``, checked, and the knobs of one run."""

    program: Program
    pairs: tuple[Mentorship, ...]
    sessions: tuple[Session, ...]
    journals: Mapping[str, Journal]
    ledger: HourLedger
    at: datetime
    review_after: timedelta
    reply_lead: timedelta
    max_age: timedelta | None
    plan: FeedbackPlan | None = None
    responses: tuple[Response, ...] = ()

    def journal(self, pair: Mentorship) -> Journal:
        """The pair's journal; a pair without one given has written nothing."""
        found = self.journals.get(pair.id)
        return found if found is not None else Journal.for_mentorship(pair)

    def reminder(
        self, kind: ReminderKind, recipient: str, about: str, due: datetime, params: object,
        pairs: Sequence[str],
    ) -> Reminder:  # fmt: skip
        return Reminder(
            kind=kind,
            recipient_id=recipient,
            about_id=about,
            due_at=due,
            program_zone=self.program.zone,
            params=params,  # type: ignore[arg-type]  # Reminder checks it is the kind's class
            mentorship_ids=pairs,
        )


def for_member(records: Records, viewer: Actor, mine: Mapping[str, AuthorRole]) -> list[Reminder]:
    """The reminders of a member of the pairs in ``mine`` (pair id -> their role in it)."""
    me = viewer.id
    pairs = [m for m in records.pairs if m.id in mine]
    sessions = [s for s in records.sessions if any(s.serves(m) for m in mine)]
    found = _journal_due(records, viewer, pairs, sessions)
    for session in sessions:
        served = [m for m in session.mentorship_ids if m in mine]
        found += _agenda_due(
            records, session, me, [m for m in served if mine[m] is AuthorRole.MENTEE]
        )
        if me in session.participants:
            found += _reply_missing(records, session, me, served)
            found += _session_changed(records, session, me, served)
    for pair in pairs:
        partner = pair.mentor_id if mine[pair.id] is AuthorRole.MENTEE else pair.mentee_id
        theirs = [s for s in sessions if s.serves(pair.id)]
        found += _progress_reminders(records, pair, theirs, me, partner)
        found += _action_items_overdue(records, pair, me)
    return found + _surveys(records, viewer, pairs, sessions)


def for_coordinator(records: Records, viewer: Actor) -> list[Reminder]:
    """A coordinator's reminders: entries of any pair waiting too long for a review."""
    found = []
    for pair in records.pairs:
        journal = records.journal(pair)
        queue = review_queue(journal, pair, records.program, viewer=viewer, at=records.at)
        for queued in queue:
            if queued.age < records.review_after:
                continue
            entry = queued.entry
            found.append(
                records.reminder(
                    ReminderKind.REVIEW_PENDING, viewer.id, entry.id,
                    entry.written_at + records.review_after,
                    ReviewParams(author_id=entry.author_id, author_role=entry.author_role,
                                 written_at=entry.written_at, waited_days=queued.age.days),
                    [pair.id],
                )
            )  # fmt: skip
    return found


def _others(session: Session, me: str) -> tuple[str, ...]:
    """Everyone else invited to the session, in its order: who a message names."""
    return tuple(p for p in session.participants if p != me)


def _agenda_due(
    records: Records, session: Session, me: str, as_mentee: list[str]
) -> list[Reminder]:
    """To a mentee of the pairs served: the agenda, sent in any of their journals, is due."""
    start = session.interval.start
    program, now = records.program, records.at
    if not as_mentee or session.status not in _UPCOMING:
        return []
    if not now < start <= now + program.agenda_lead:
        return []
    for pair in (m for m in records.pairs if m.id in as_mentee):
        agenda = records.journal(pair).agenda_for(session.id)
        if agenda is not None and agenda.sent_at is not None:
            return []
    params = SessionParams(
        session_start=start, session_end=session.interval.end, partner_ids=_others(session, me)
    )
    # A lead reaching back before the supported range: due since its start.
    due = max(start - program.agenda_lead, EARLIEST)
    return [records.reminder(ReminderKind.AGENDA_DUE, me, session.id, due, params, as_mentee)]


def _journal_due(
    records: Records, viewer: Actor, pairs: list[Mentorship], sessions: list[Session]
) -> list[Reminder]:
    """The viewer's entries due and not written: journal completion's one definition.

    Their entries are in the journals of their own pairs, so those are all it reads.
    """
    by_id = {s.id: s for s in sessions}
    journals = [records.journals[m.id] for m in pairs if m.id in records.journals]
    owed = expected_entries(records.program, pairs, sessions, journals, viewer=viewer)
    found = []
    for expected in owed:
        if expected.author_id != viewer.id or expected.written or records.at < expected.due_at:
            continue
        session = by_id[expected.session_id]
        params = SessionParams(
            session_start=session.held.start,
            session_end=session.held.end,
            partner_ids=_others(session, viewer.id),
        )
        found.append(
            records.reminder(
                ReminderKind.JOURNAL_DUE, viewer.id, session.id, expected.due_at, params,
                expected.mentorship_ids,
            )
        )  # fmt: skip
    return found


def _answered(session: Session, person: str, members: set[str]) -> bool:
    """Whether someone has answered the session's current time.

    A reply (accepted, declined, tentative) answers it, and so does a confirmation
    or a move they made. The step that proposed a session records no one, so
    once a session is confirmed its pairs' members count as having agreed: one
    side proposes, the other confirms. A guest answers only by replying.
    """
    if session.replies.get(person, Answer.NO_ANSWER) is not Answer.NO_ANSWER:
        return True
    return session.status is SessionStatus.CONFIRMED and person in members


def _reply_missing(
    records: Records, session: Session, me: str, served: list[str]
) -> list[Reminder]:
    """To a member who has answered: who else has not, ``reply_lead`` before the start."""
    start, now = session.interval.start, records.at
    if session.status not in _UPCOMING or now >= start:
        return []
    members = {p for m in records.pairs if session.serves(m.id) for p in m.participant_ids}
    if not _answered(session, me, members) or session.replies.get(me) is Answer.DECLINED:
        return []
    waiting = tuple(p for p in _others(session, me) if not _answered(session, p, members))
    if not waiting:
        return []
    # Asked when the current time was set; a late booking is chased halfway to its start.
    set_at = max(
        [session.proposed_at]
        + [e.at for e in session.history if e.action is SessionAction.RESCHEDULE]
    )
    due = max(start - records.reply_lead, set_at + (start - set_at) // 2)
    if now < due:
        return []
    params = ReplyParams(session_start=start, session_end=session.interval.end, waiting_ids=waiting)
    return [records.reminder(ReminderKind.REPLY_MISSING, me, session.id, due, params, served)]


def _session_changed(
    records: Records, session: Session, me: str, served: list[str]
) -> list[Reminder]:
    """What happened to a session still to come, for a participant who did not do it."""
    change = session_change(session)
    if change is None or records.at >= session.interval.start:
        return []
    steps = [e for e in session.history if e.action in _CHANGES]
    if steps:
        changed_at, changed_by = steps[-1].at, steps[-1].by
    elif session.proposed_at == EARLIEST:
        return []  # stored before sessions recorded when they were proposed: when is unknown
    else:
        changed_at, changed_by = session.proposed_at, None
    if changed_by == me:
        return []
    earlier = session.earlier_intervals[-1] if change == "moved" else None
    params = ChangeParams(
        change=change,
        session_start=session.interval.start,
        session_end=session.interval.end,
        earlier_start=None if earlier is None else earlier.start,
        earlier_end=None if earlier is None else earlier.end,
        partner_ids=_others(session, me),
    )
    return [
        records.reminder(ReminderKind.SESSION_CHANGED, me, session.id, changed_at, params, served)
    ]


def _progress_reminders(
    records: Records, pair: Mentorship, sessions: list[Session], me: str, partner: str
) -> list[Reminder]:
    """``no_next_session`` and ``behind_pace``: for an active pair whose hours are not done."""
    program, now = records.program, records.at
    if pair.status is not MentorshipStatus.ACTIVE or now < program.midnight(pair.started_on):
        return []
    report = progress(program, pair, records.ledger, sessions, at=now)
    if report.pace is Pace.COMPLETE:
        return []
    return [
        *_no_next_session(records, pair, sessions, me, partner),
        *_behind_pace(records, pair, sessions, report, me),
    ]


def _no_next_session(
    records: Records, pair: Mentorship, sessions: list[Session], me: str, partner: str
) -> list[Reminder]:
    """Nothing scheduled: due from when that began, again each week while it lasts.

    It began when the last session ended or was called off (a cancellation
    before its time ends the plan then), or when the pair started or resumed:
    counting the weeks from then, a nudge never follows another within a week.
    """
    now = records.at
    since = records.program.midnight(pair.started_on)
    resumed = [e.at for e in pair.history if e.action is MentorshipAction.RESUME]
    last_end: datetime | None = None
    for session in sessions:
        if session.status in _UPCOMING and session.interval.end > now:
            return []
        ended = (
            session.held.end if session.status is SessionStatus.COMPLETED else session.interval.end
        )
        if session.status in _CALLED_OFF and session.history:
            ended = min(ended, session.history[-1].at)
        if ended > now:
            continue
        since = max(since, ended)
        if session.status is SessionStatus.COMPLETED:
            last_end = ended if last_end is None else max(last_end, ended)
    since = max([since, *(at for at in resumed if at <= now)])
    due = since + (now - since) // _WEEK * _WEEK
    params = NoSessionParams(partner_id=partner, last_session_end=last_end)
    return [records.reminder(ReminderKind.NO_NEXT_SESSION, me, pair.id, due, params, [pair.id])]


def _week_start(program: Program, pair: Mentorship, at: datetime) -> datetime:
    """The start of the pair's week holding ``at``: local midnight, every 7 days from ``started_on``."""
    days = (program.local_date(at) - pair.started_on).days
    return program.midnight(pair.started_on + timedelta(days=days - days % 7))


def _behind_pace(
    records: Records, pair: Mentorship, sessions: list[Session], now_report: ProgressReport, me: str
) -> list[Reminder]:
    """Off pace at the start of the pair's week, and still now: one reminder that week.

    Judged at the week's start, pace cannot flip within a week: a pair that
    meets weekly on any weekday is on the line at each week's start. The
    facts are the week start's, so the same key always carries the same facts.
    """
    if now_report.pace not in _OFF_PACE:
        return []
    start = _week_start(records.program, pair, records.at)
    report = progress(records.program, pair, records.ledger, sessions, at=start)
    if report.pace not in _OFF_PACE:
        return []
    params = PaceParams(
        pace=report.pace,
        logged=report.logged,
        target=report.target,
        expected_by_now=report.expected_by_now,
        sessions_completed=report.sessions_completed,
        days_since_last_session=report.days_since_last_session,
    )
    return [records.reminder(ReminderKind.BEHIND_PACE, me, pair.id, start, params, [pair.id])]


def _action_items_overdue(records: Records, pair: Mentorship, me: str) -> list[Reminder]:
    """Open items assigned to the member, once their due day has ended on the program's clock."""
    found = []
    for item in records.journal(pair).action_items:
        if item.status is not ActionStatus.OPEN or item.due_on is None or item.assigned_to != me:
            continue
        due = records.program.midnight(item.due_on + timedelta(days=1))  # the end of the due day
        if records.at < due:
            continue
        params = ActionItemParams(
            description=item.description, due_on=item.due_on, assigned_by=item.assigned_by
        )
        found.append(
            records.reminder(ReminderKind.ACTION_ITEM_OVERDUE, me, item.id, due, params, [pair.id])
        )
    return found


def _surveys(
    records: Records, viewer: Actor, pairs: list[Mentorship], sessions: list[Session]
) -> list[Reminder]:
    """The viewer's surveys of the program's plan: due from when asked, then overdue nags.

    Past its deadline a survey is told again once a week, anchored as
    ``behind_pace`` is (the pair's weeks), for ``max_age`` after the deadline:
    a platform sending each key once nags at most weekly, and not for ever.
    """
    plan, now = records.plan, records.at
    if plan is None:
        return []
    ids = {pair.id: pair for pair in pairs}
    answers = [r for r in records.responses if r.mentorship_id in ids]
    asked = due_surveys(
        plan, records.program, pairs, sessions, answers, viewer=viewer, at=now
    )  # fmt: skip
    found = []
    for due in asked:
        if due.respondent_id != viewer.id:
            continue
        survey = plan.survey(due.survey_id)
        params = SurveyParams(
            survey=survey, occasion=due.occasion, partner_id=due.partner_id,
            opens_at=due.opens_at, answer_by=due.due_at,
        )  # fmt: skip
        if not due.overdue:
            kind, when = ReminderKind.SURVEY_DUE, due.opens_at
        elif records.max_age is not None and now - due.due_at > records.max_age:
            continue
        else:
            week = _week_start(records.program, ids[due.mentorship_id], now)
            kind, when = ReminderKind.SURVEY_OVERDUE, max(due.due_at, week)
        found.append(
            records.reminder(kind, viewer.id, survey.id, when, params, [due.mentorship_id])
        )
    return found
