"""Whole programs with their histories, for the analytics laws.

Every record is made by the library's own moves (confirm, reschedule, cancel,
complete, no-show; ledger records, corrections and voids; journal entries,
amendments and reviews), each at its own instant, so a cut at any moment
leaves some of them half-way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

import attrs
from hypothesis import strategies as st

from ementoring.access import Actor
from ementoring.accounting import (
    HourLedger,
    Mentorship,
    Program,
    Session,
    cancel,
    close_mentorship,
    complete,
    confirm,
    entries_for_session,
    mark_no_show,
    pause_mentorship,
    reschedule,
    sessions_as_of,
)
from ementoring.journal import Journal, JournalEntry, Review, amend
from ementoring.journey import Goal, achieve_goal, drop_goal, link_evidence, revise_goal, write_goal
from ementoring.reports import ProgramAnalytics, program_analytics
from ementoring.scheduling import Interval

START = date(2026, 3, 2)
CORA = Actor("cora", roles=["coordinator"], program_ids=["p"])
"""The program's coordinator: she reviews the entries and reads the dashboard."""
GOALS = ("CV review", "Interview prep", "Networking", "Canadian workplace culture")


@attrs.frozen(kw_only=True)
class Records:
    """A program's records, as the platform stores them."""

    program: Program
    mentorships: tuple[Mentorship, ...]
    sessions: tuple[Session, ...]
    ledger: HourLedger
    journals: tuple[Journal, ...]
    goals: Mapping[str, tuple[str, ...]]
    """Each pair's goals as topics, as stored before goals were the journey's."""
    pair_goals: tuple[Goal, ...] = ()
    """The pairs' journey goals: the ``goals`` topics, each written, perhaps revised,
    linked to an entry, achieved or dropped, with any visibility."""

    def as_of(self, at: datetime) -> Records:
        """The records as they stood at ``at``: each truncated by its own ``as_of``."""
        then = (g.as_of(at) for g in self.pair_goals)
        return Records(
            program=self.program,
            mentorships=tuple(m.as_of(at) for m in self.mentorships),
            sessions=sessions_as_of(self.sessions, at),
            ledger=self.ledger.as_of(at),
            journals=tuple(j.as_of(at) for j in self.journals),
            goals=self.goals,
            pair_goals=tuple(g for g in then if g is not None),
        )


def analyse(
    r: Records, today: date | None = None, *, at: datetime | None = None, viewer: Actor = CORA
) -> ProgramAnalytics:
    """The program's analytics on these records, for the coordinator unless told otherwise."""
    return program_analytics(
        r.program,
        r.mentorships,
        r.sessions,
        r.ledger,
        r.journals,
        viewer=viewer,
        today=today,
        at=at,
        goals=r.pair_goals,
    )


def _minutes(draw: st.DrawFn, low: int, high: int) -> timedelta:
    return timedelta(minutes=draw(st.integers(low, high)))


@st.composite
def records(draw: st.DrawFn, *, most_pairs: int = 4, most_sessions: int = 5) -> Records:
    """A program of up to ``most_pairs`` pairs, each with sessions, hours and a journal."""
    zone = draw(st.sampled_from(["America/Toronto", "Europe/Moscow", "UTC"]))
    program = Program(
        "p",
        "Spring 2026",
        starts_on=START,
        zone=zone,
        target=timedelta(hours=draw(st.integers(2, 12))),
        planned_weeks=draw(st.integers(4, 10)),
        quiet_after=timedelta(days=draw(st.sampled_from([7, 14, 21]))),
        require_new_time_on_cancel=False,
    )
    pairs: list[Mentorship] = []
    sessions: list[Session] = []
    entries = []
    corrections: list[tuple[str, timedelta, datetime]] = []
    journals: list[Journal] = []
    goals: dict[str, tuple[str, ...]] = {}
    pair_goals: list[Goal] = []
    for k in range(draw(st.integers(1, most_pairs))):
        pair = Mentorship(
            f"m{k}",
            "p",
            f"mentor{k}",
            f"mentee{k}",
            started_on=START + timedelta(days=draw(st.integers(0, 30))),
        )
        journal = Journal.for_mentorship(pair)
        people = [pair.mentor_id, pair.mentee_id]
        begin = datetime.combine(pair.started_on, time(15), tzinfo=UTC)
        last_event = begin
        for j in range(draw(st.integers(0, most_sessions))):
            start = begin + timedelta(days=7 * j + draw(st.integers(0, 6)))
            planned = Interval(start, start + _minutes(draw, 30, 90))
            guest = ["guest"] if draw(st.integers(0, 4)) == 0 else []
            proposed_at = start - timedelta(days=draw(st.integers(1, 10)))
            session = Session(
                f"m{k}-s{j}", pair.id, planned, people + guest, proposed_at=proposed_at
            )
            at = proposed_at
            if draw(st.booleans()):
                at += _minutes(draw, 1, 3000)
                session = confirm(session, by=pair.mentee_id, at=at)
            if draw(st.integers(0, 3)) == 0:
                at += _minutes(draw, 1, 3000)
                moved = Interval(
                    session.interval.start + timedelta(days=2),
                    session.interval.end + timedelta(days=2),
                )
                session = reschedule(session, moved, by=pair.mentor_id, at=at, reason="clash")
            fate = draw(
                st.sampled_from(["complete", "complete", "complete", "cancel", "miss", "open"])
            )
            if fate == "cancel":
                at += _minutes(draw, 1, 3000)
                session = cancel(session, program=program, by=pair.mentor_id, at=at, reason="ill")
            elif fate == "miss":
                at = max(at, session.interval.end)
                session = mark_no_show(session, absent=[pair.mentee_id], at=at)
            elif fate == "complete":
                at = max(at, session.interval.end) + _minutes(draw, 0, 600)
                session = complete(session, at=at)
                guest_missed = draw(st.booleans())
                if guest and guest_missed:
                    session = mark_no_show(session, absent=guest, at=at)
                for suggested in entries_for_session(session, program):
                    hours = attrs.evolve(suggested, recorded_at=at + _minutes(draw, 0, 3000))
                    entries.append(hours)
                    if draw(st.integers(0, 4)) == 0:
                        corrections.append(
                            (hours.id, hours.duration - timedelta(minutes=10), hours.recorded_at)
                        )
                for role, person in (("mentor", pair.mentor_id), ("mentee", pair.mentee_id)):
                    if draw(st.booleans()):
                        written = session.held.end + _minutes(draw, 10, 6000)
                        entry = JournalEntry(
                            f"{session.id}-{role}",
                            pair.id,
                            person,
                            role,
                            written_at=written,
                            session_id=session.id,
                            discussed=draw(st.lists(st.sampled_from(GOALS), max_size=2)),
                            visibility=draw(
                                st.sampled_from(["private", "pair", "pair_and_coordinator"])
                            ),
                        )
                        journal = journal.add_entry(entry)
                        if draw(st.integers(0, 3)) == 0:
                            journal = journal.add_entry(
                                amend(
                                    entry,
                                    by=person,
                                    at=written + _minutes(draw, 1, 3000),
                                    visibility="pair_and_coordinator",
                                    time_spent=timedelta(minutes=1),
                                )
                            )
                        if draw(st.booleans()):
                            journal = journal.add_review(
                                Review(
                                    f"r-{entry.id}",
                                    entry.id,
                                    "cora",
                                    written_at=written + _minutes(draw, 0, 9000),
                                    comment="Well done",
                                    kind="encouragement",
                                )
                            )
            last_event = max(last_event, session.history[-1].at if session.history else at)
            sessions.append(session)
        ending = draw(st.sampled_from(["none", "none", "pause", "close", "complete"]))
        end_at = last_event + _minutes(draw, 60, 20000)
        if ending == "pause":
            pair = pause_mentorship(pair, by="cora", at=end_at)
        elif ending == "close":
            pair = close_mentorship(pair, by="cora", at=end_at, reason="needs_changed")
        elif ending == "complete":
            pair = close_mentorship(pair, by="cora", at=end_at)
        pairs.append(pair)
        journals.append(journal)
        goals[pair.id] = tuple(draw(st.lists(st.sampled_from(GOALS), max_size=3, unique=True)))
    if len(pairs) >= 2 and draw(st.booleans()):
        # Two pairs meet together (a shared mock interview): one session serving both.
        both = pairs[:2]
        start = datetime.combine(max(m.started_on for m in both), time(18), tzinfo=UTC)
        start += timedelta(days=draw(st.integers(0, 20)))
        group = Session(
            "group",
            [m.id for m in both],
            Interval(start, start + _minutes(draw, 30, 90)),
            [person for m in both for person in m.participant_ids],
            proposed_at=start - timedelta(days=3),
        )
        if draw(st.booleans()):
            group = complete(group, at=group.interval.end + _minutes(draw, 0, 600))
            entries.extend(entries_for_session(group, program, mentorships=both))
        sessions.append(group)
    ledger = HourLedger().record_all(entries, sessions=sessions)
    for entry_id, duration, recorded in corrections:
        ledger = ledger.correct(
            entry_id,
            duration=duration,
            reason="left early",
            by="cora",
            at=recorded + timedelta(days=2),
        )
    order = draw(st.permutations(range(len(sessions))))
    # Drawn last, so every other record is drawn as it was before goals were the journey's.
    for pair, journal in zip(pairs, journals, strict=True):
        pair_goals.extend(draw(journey_goals(pair, journal, goals[pair.id])))
    return Records(
        program=program,
        mentorships=tuple(pairs),
        sessions=tuple(sessions[i] for i in order),
        ledger=ledger,
        journals=tuple(journals),
        goals=goals,
        pair_goals=tuple(pair_goals),
    )


@st.composite
def journey_goals(
    draw: st.DrawFn, pair: Mentorship, journal: Journal, titles: tuple[str, ...]
) -> list[Goal]:
    """The pair's goals with these titles, each written at its own instant, then perhaps
    revised to another visibility, linked to one of the journal's entries, achieved or dropped."""
    found = []
    visibilities = st.sampled_from(["private", "pair", "pair_and_coordinator"])
    begin = datetime.combine(pair.started_on, time(12), tzinfo=UTC)
    for number, title in enumerate(titles):
        at = begin + _minutes(draw, -3000, 30000)
        goal = write_goal(pair, f"{pair.id}-g{number}", title=title, by=pair.mentee_id, at=at,
                          visibility=draw(visibilities))  # fmt: skip
        if draw(st.integers(0, 3)) == 0:
            at += _minutes(draw, 1, 9000)
            goal = revise_goal(goal, by=pair.mentee_id, at=at, visibility=draw(visibilities))
        if len(journal.entries) > 0 and draw(st.booleans()):
            entry = draw(st.sampled_from(journal.entries))
            at = max(at, entry.recorded_at) + _minutes(draw, 0, 3000)
            goal = link_evidence(goal, kind="journal_entry", item_id=entry.id,
                                 by=pair.mentor_id, at=at, journal=journal)  # fmt: skip
        fate = draw(st.sampled_from(["keep", "keep", "achieve", "drop"]))
        if fate == "achieve":
            goal = achieve_goal(goal, by=pair.mentee_id, at=at + _minutes(draw, 1, 9000))
        elif fate == "drop":
            goal = drop_goal(goal, by=pair.mentee_id, at=at + _minutes(draw, 1, 9000),
                             reason="no longer needed")  # fmt: skip
        found.append(goal)
    return found


def stamps(r: Records) -> list[datetime]:
    """Every instant a record was stamped at: a report at exactly one of them must count it."""
    return sorted(
        {
            *(e.at for m in r.mentorships for e in m.history),
            *(s.proposed_at for s in r.sessions),
            *(e.at for s in r.sessions for e in s.history),
            *(line.at for line in r.ledger.lines),
            *(e.recorded_at for j in r.journals for e in j.entries),
            *(v.written_at for j in r.journals for v in j.reviews),
            *(e.at for g in r.pair_goals for e in g.history),
        }
    )


def instants(r: Records) -> st.SearchStrategy[datetime]:
    """Report instants: any minute of the program's first four months, or a record's very stamp."""
    start = datetime.combine(START - timedelta(days=7), time(), tzinfo=UTC)
    anytime = st.integers(0, 130 * 24 * 60).map(lambda m: start + timedelta(minutes=m))
    found = stamps(r)
    return anytime | st.sampled_from(found) if found else anytime


def days() -> st.SearchStrategy[date]:
    """Report days from a week before the start to well after the last pair's end."""
    return st.dates(START - timedelta(days=7), START + timedelta(days=120))
