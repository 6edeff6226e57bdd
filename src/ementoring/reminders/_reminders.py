"""What is due for one person across a program, computed without side effects."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from ementoring._validate import check_unique, items_of, require_duration, require_type
from ementoring.access import Actor, Role, acts_for, check_records, member_role
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    Program,
    Session,
    sessions_as_of,
)
from ementoring.errors import UnknownIdError, ValidationError
from ementoring.journal import AuthorRole, Journal
from ementoring.journey import FeedbackPlan, Response
from ementoring.reminders._due import Records, for_coordinator, for_member
from ementoring.reminders._reminder import Reminder
from ementoring.timezones import require_aware

__all__ = ["MAX_AGE", "REPLY_LEAD", "REVIEW_AFTER", "reminders"]

REVIEW_AFTER = timedelta(days=7)
"""How long an entry may wait for a coordinator's review before a reminder."""

MAX_AGE = timedelta(days=14)
"""Reminders due longer ago than this are no longer produced (``reminders(max_age=...)``)."""

REPLY_LEAD = timedelta(days=2)
"""How long before a session its people hear who has not answered (``reminders(reply_lead=...)``)."""

T = TypeVar("T")


def _plan(plan: FeedbackPlan | None, program: Program) -> FeedbackPlan | None:
    if plan is not None:
        require_type(plan, FeedbackPlan, "plan", "a FeedbackPlan")
        if plan.program_id != program.id:
            raise ValidationError("plan", plan.program_id, f"not the plan of {program.id!r}")
    return plan


def _responses(responses: Iterable[Response], pairs: Iterable[Mentorship]) -> tuple[Response, ...]:
    """The responses, each about a pair given (checked against the plan where they are read)."""
    given = items_of(responses, Response, "responses", "an iterable of Response")
    ids = {pair.id for pair in pairs}
    for index, response in enumerate(given):
        if response.mentorship_id not in ids:
            raise UnknownIdError(
                f"responses[{index}].mentorship_id", response.mentorship_id, "not a given pair"
            )
    return given


def _many(value: T | Iterable[T], kind: type[T]) -> Iterable[T]:
    """One record given where several may be: a pair's own call, as before programs."""
    return (value,) if isinstance(value, kind) else value  # type: ignore[return-value]


def reminders(
    program: Program,
    mentorships: Mentorship | Iterable[Mentorship],
    sessions: Iterable[Session],
    journals: Journal | Iterable[Journal],
    ledger: HourLedger,
    *,
    viewer: Actor,
    at: datetime,
    review_after: timedelta = REVIEW_AFTER,
    max_age: timedelta | None = MAX_AGE,
    reply_lead: timedelta = REPLY_LEAD,
    plan: FeedbackPlan | None = None,
    responses: Iterable[Response] = (),
) -> tuple[Reminder, ...]:
    """What is due at ``at`` for one person, the viewer, across a program's pairs: a pure function.

    A reminder is for its recipient alone, so the viewer gets only their own,
    and only as far as their claims back it (see :mod:`ementoring.access`):
    a member of a pair (``member_role``) gets that pair's reminders, a
    coordinator of the program (``acts_for``) gets ``review_pending``, anyone
    else nothing. The only text a reminder quotes is the description of an
    action item assigned to the viewer; one drawn from entries reads only the
    viewer's own (``journal_due``) or those they may review
    (``review_pending``): an entry of the partner changes nothing here. The
    app calls it once per person, with the program's records (or that
    person's pairs, their sessions and journals), and gets each reminder
    once: a mentor meeting two of her mentees together is asked for one
    journal entry, not one per pair. Its :attr:`~Reminder.key` is the same on
    every call, and no two reminders of a call share one, so a platform that
    calls it every hour and drops keys it has seen sends each reminder once.

    Only what existed at ``at`` counts: the mentorships, sessions, journals
    and ledger are first taken as they stood then (their ``as_of(at)``,
    records stamped exactly at ``at`` included), so a replay of a past moment
    gives the reminders of that moment.

    Kinds, each fired once its deadline has passed:

    * ``agenda_due`` (to a mentee, who sets the agenda): a proposed or
      confirmed session starts within the program's ``agenda_lead`` and no
      agenda for it was sent in the journal of one of their pairs it serves.
    * ``journal_due`` (to each member present): a completed session
      ``journal_due`` after it ended, without their entry, as
      :func:`~ementoring.access.expected_entries` defines it (one entry per
      member per session, in the journal of any of their pairs it served).
    * ``reply_missing`` (to each participant who has answered, or confirmed):
      who else has not answered a session still to come; due ``reply_lead``
      before it starts, or halfway from when its time was set for a late
      booking. A guest answers by replying; the pairs' members count as
      answered once the session is confirmed (one side proposes, the other
      confirms).
    * ``session_changed`` (to each participant who did not make the change):
      a session still to come was booked, moved, confirmed or cancelled
      (:func:`~ementoring.accounting.session_change`), due when it happened.
    * ``no_next_session`` (to both members): an active pair whose hours are
      not done, with no proposed or confirmed session still to come; due from
      when that began (the last session ended or was called off, or the pair
      started or resumed), again every 7 days while it lasts.
    * ``behind_pace`` (to both members): an active pair whose
      :func:`~ementoring.accounting.progress` pace is ``behind`` or ``at_risk``
      at the start of the pair's week (local midnight, every 7 days from
      ``started_on``) and still now; due at the week's start, once a week.
    * ``review_pending`` (to a coordinator of the program): an entry they may
      review, unreviewed for ``review_after`` (7 days).
    * ``action_item_overdue`` (to whoever it is assigned to): an open item
      past the end of its due day, on the program's clock.
    * ``survey_due`` (to whoever is asked, with ``plan=``): a survey of the
      program's plan asked of them and not answered, as
      :func:`~ementoring.journey.due_surveys` finds it; due when asked, until
      its deadline.
    * ``survey_overdue`` (likewise): past its deadline and still unanswered;
      due at the deadline, then at the start of each of the pair's weeks (as
      ``behind_pace``), for ``max_age`` after the deadline.

    A pair that is paused, closed or completed, or has logged its target
    hours, gets no reminder about its progress (``no_next_session``,
    ``behind_pace``). docs/messages.md states the cadence and counts it over
    a simulated program. :func:`~ementoring.reminders.render` writes each
    reminder for its reader.

    Args:
        program: The program (zone, ``agenda_lead``, ``journal_due``).
        mentorships: The program's pairs, or some of them (the viewer's), or
            one pair.
        sessions: Sessions (those serving none of the pairs are ignored).
        journals: The pairs' journals (at most one per pair; a pair without
            one has written nothing), or one journal.
        ledger: The hour ledger (for pace).
        viewer: Whose reminders: a member of a pair, or a coordinator.
        at: The moment to judge at (aware).
        review_after: How long an entry may wait for a review.
        max_age: Reminders due more than this before ``at`` are not produced
            (14 days; ``None`` for no limit): a journal entry for a session
            weeks ago is no longer worth asking for.
        reply_lead: How long before a session its people hear who has not answered.
        plan: The program's surveys (:class:`~ementoring.journey.FeedbackPlan`);
            ``None`` (the default): no survey reminders.
        responses: The answers so far (only those answered by ``at`` count),
            each about a pair given.

    Returns:
        The viewer's reminders, earliest due first, then by kind and subject.

    Raises:
        ValidationError: A pair of another program, a journal of a pair not
            given, a negative duration, a plan of another program, or a
            response the plan did not ask for.
        UnknownIdError: A response about a pair not given.
        DuplicateIdError: A pair or a session given twice, or two journals for one pair.
        InvalidTypeError: An argument or an item of the wrong type, or a
            duration that is not a ``timedelta``.
        NaiveDatetimeError: ``at`` has no UTC offset.

    >>> from datetime import date, datetime, timedelta, UTC
    >>> from ementoring.accounting import HourLedger, Mentorship, Program, Session, complete
    >>> from ementoring.people import Directory, Person
    >>> from ementoring.reminders import render
    >>> from ementoring.scheduling import Interval
    >>> program = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2),
    ...                   zone="America/Toronto")
    >>> pair = Mentorship("m1", "spring-2026", "david", "olga", started_on=date(2026, 3, 2))
    >>> first = datetime(2026, 3, 3, 22, 0, tzinfo=UTC)
    >>> s1 = complete(Session("s1", "m1", Interval(first, first + timedelta(hours=1)),
    ...                       ["david", "olga"], proposed_at=first - timedelta(days=2)),
    ...               at=first + timedelta(hours=1))
    >>> olga = Actor("olga", roles=["mentee"], mentorship_ids=["m1"])
    >>> due = reminders(program, [pair], [s1], [Journal.for_mentorship(pair)], HourLedger(),
    ...                 viewer=olga, at=datetime(2026, 3, 6, 12, 0, tzinfo=UTC))
    >>> for r in due:
    ...     print(r.key)
    no_next_session/olga/m1/2026-03-03T23:00:00Z
    journal_due/olga/s1/2026-03-05T23:00:00Z
    >>> due[-1].params.session_start, due[-1].params.partner_ids
    (datetime.datetime(2026, 3, 3, 22, 0, tzinfo=datetime.timezone.utc), ('david',))
    >>> people = Directory(people=[Person(id="olga", zone="Europe/Moscow"),
    ...                            Person(id="david", name="David")])
    >>> print(render(due[-1], people))
    Please write your learning-journal entry for the session with David on Wed 4 Mar, 01:00 Moscow time: what you discussed, future topics, time spent and observations. It was due by Fri 6 Mar, 02:00 Moscow time.
    """
    at = require_aware(at, "at")
    require_type(viewer, Actor, "viewer", "an Actor")
    review_after = require_duration(review_after, "review_after")
    max_age = require_duration(max_age, "max_age", optional=True)
    reply_lead = require_duration(reply_lead, "reply_lead")
    pairs, given, books = check_records(
        program, _many(mentorships, Mentorship), sessions, _many(journals, Journal)
    )
    check_unique(given, key=lambda s: s.id, field="sessions")
    require_type(ledger, HourLedger, "ledger", "an HourLedger")
    # As of means as of: judge the records as they stood at ``at``, nothing recorded later.
    then = tuple(m.as_of(at) for m in pairs)
    records = Records(
        program=program,
        pairs=then,
        sessions=tuple(s for s in sessions_as_of(given, at) if any(s.serves(m.id) for m in then)),
        journals={j.mentorship_id: j.as_of(at) for j in books},
        ledger=ledger.as_of(at),
        at=at,
        review_after=review_after,
        reply_lead=reply_lead,
        max_age=max_age,
        plan=_plan(plan, program),
        responses=_responses(responses, then),
    )
    mine: dict[str, AuthorRole] = {}
    for pair in then:
        role = member_role(viewer, pair)
        if role is not None:
            mine[pair.id] = role
    found = for_member(records, viewer, mine) if mine else []
    if acts_for(viewer, Role.COORDINATOR, program):
        found += for_coordinator(records, viewer)
    if max_age is not None:
        found = [r for r in found if at - r.due_at <= max_age]
    return tuple(sorted(found, key=lambda r: r.sort_key))
