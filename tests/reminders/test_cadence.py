"""The cadence of reminders, over a simulated program: what a team would send in ten weeks.

Twenty pairs (forty people) meet weekly for an hour, each on its own weekday;
some sessions are cancelled, one pair falls behind (it meets in weeks 1, 2
and 5 only), two pairs meet together once, with a guest; some mentors never
write their entries, some mentees confirm late, one coordinator reviews. Each
person answers the program's surveys (pairing fit, check-ins): most on time,
some "still deciding" (asked again), some late, a few never. The platform runs ``reminders`` for every person once a day and sends each key
once. The counts are kept in docs/messages.md (section "Cadence"): this test
checks the table there is the one the simulation gives, so it cannot drift.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ementoring.access import Actor
from ementoring.accounting import (
    HourEntry,
    HourLedger,
    Mentorship,
    Program,
    Session,
    SessionStatus,
    cancel,
    complete,
    confirm,
    entries_for_session,
    reply,
)
from ementoring.journal import Journal, JournalEntry, Review
from ementoring.journey import Response, due_surveys, respond, standard_plan
from ementoring.reminders import MAX_AGE, Reminder, ReminderKind, SurveyParams, reminders
from ementoring.scheduling import Interval
from ementoring.timezones import to_instant

DOCS = Path(__file__).parents[2] / "docs" / "messages.md"
PROGRAM = Program(
    "spring", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto",
    target=timedelta(hours=10), planned_weeks=10, require_new_time_on_cancel=False,
)  # fmt: skip
PAIRS = 20
WEEKS = 10
HOUR = timedelta(hours=1)
CORA = Actor("cora", roles=["coordinator"], program_ids=["spring"])
PLAN = standard_plan("spring")
BEHIND = 0  # the pair that falls behind: it meets in weeks 1, 2 and 5 only
TOGETHER = (3, 4)  # the pairs that meet together, with a guest, in week 6
# Kinds about a lasting state: each may go to a person at most once a week per subject.
LASTING = (ReminderKind.NO_NEXT_SESSION, ReminderKind.BEHIND_PACE, ReminderKind.SURVEY_OVERDUE)


def pair(k: int) -> Mentorship:
    return Mentorship(
        f"m{k:02}", "spring", f"mentor{k:02}", f"mentee{k:02}", started_on=PROGRAM.starts_on
    )


def _meets(k: int, week: int) -> bool:
    if k == BEHIND:
        return week in (1, 2, 5)
    return not (k in TOGETHER and week == 6 and k != TOGETHER[0])


def _session(k: int, week: int) -> Session:
    """Pair k's call of that week: proposed by the mentor a week ahead, who accepts; the
    mentee confirms a day later (a few days late for every sixth pair)."""
    day = PROGRAM.starts_on + timedelta(weeks=week - 1, days=k % 5)
    start = to_instant(datetime.combine(day, time(12)), PROGRAM.zone)
    served = [pair(k)] if not (k in TOGETHER and week == 6) else [pair(j) for j in TOGETHER]
    people = [p for m in served for p in m.participant_ids]
    people += ["yael"] if len(served) > 1 else []
    session = Session(
        f"m{k:02}-w{week}", [m.id for m in served], Interval(start, start + HOUR), people,
        proposed_at=start - timedelta(days=7),
    )  # fmt: skip
    session = reply(session, by=people[0], answer="accepted", at=session.proposed_at)
    late = k % 6 == 5
    session = confirm(
        session, by=people[1], at=start - (timedelta(hours=20) if late else timedelta(days=6))
    )
    if "yael" in people:  # the guest answers three days ahead
        session = reply(session, by="yael", answer="tentative", at=start - timedelta(days=3))
    return session


def simulate() -> tuple[list[Mentorship], list[Session], list[Journal], HourLedger]:
    """Ten weeks of the program's records, each stamped when it happened."""
    pairs = [pair(k) for k in range(PAIRS)]
    journals = {m.id: Journal.for_mentorship(m) for m in pairs}
    sessions: list[Session] = []
    hours: list[HourEntry] = []
    for k in range(PAIRS):
        for week in range(1, WEEKS + 1):
            if not _meets(k, week):
                continue
            session = _session(k, week)
            if (3 * k + week) % 13 == 0:  # a call cancelled hours ahead
                at = session.interval.start - timedelta(hours=12)
                sessions.append(cancel(session, program=PROGRAM, by=session.participants[0],
                                       at=at, reason="work"))  # fmt: skip
                continue
            session = complete(session, at=session.interval.end)
            sessions.append(session)
            hours += entries_for_session(session, PROGRAM, mentorships=pairs)
            for person in session.participants:
                mine = next((m for m in pairs if person in m.participant_ids and session.serves(m.id)), None)  # fmt: skip
                mentor = person.startswith("mentor")
                if mine is None or (mentor and k % 4 == 3):
                    continue  # a guest writes nothing; every fourth mentor never writes
                written = session.held.end + (timedelta(hours=30) if mentor else timedelta(hours=3))
                entry = JournalEntry(
                    f"{session.id}-{person}", mine.id, person, "mentor" if mentor else "mentee",
                    written_at=written, session_id=session.id, visibility="pair_and_coordinator",
                )  # fmt: skip
                journal = journals[mine.id].add_entry(entry)
                if k % 5 != 4:  # cora reviews within three days, but not every fifth pair
                    journal = journal.add_review(
                        Review(f"r-{entry.id}", entry.id, "cora", kind="encouragement",
                               written_at=written + timedelta(days=3), comment="Good")
                    )  # fmt: skip
                journals[mine.id] = journal
    ledger = HourLedger().record_all(hours, sessions=sessions)
    return pairs, sessions, list(journals.values()), ledger


def _answer(who: str, k: int, survey: str, number: int, opens: datetime) -> Response | None:
    """One person's answer to one occasion, or ``None`` for never: most answer in a day or
    two; every third mentee is still deciding after the first session; every fifth mentee
    answers check-ins late; every seventh mentor never answers."""
    mentor = who.startswith("mentor")
    if mentor and k % 7 == 6:
        return None
    if survey == "pairing_fit":
        fit = "still_deciding" if not mentor and k % 3 == 1 and number == 1 else "good_fit"
        answers: dict[str, object] = {"pairing_fit": fit}
        late = timedelta(days=1)
    else:
        answers = {"satisfaction": 4}
        late = timedelta(days=10) if not mentor and k % 5 == 2 else timedelta(days=2)
    return respond(PLAN, pair(k), response_id=f"{survey}-{number}-{who}", survey_id=survey,
                   occasion=number, by=who, at=opens + late, answers=answers)  # fmt: skip


def answer(sessions: list[Session]) -> list[Response]:
    """Everyone's answers over the ten weeks, each given when the survey asked for it: the
    occasions are found as a coordinator sees them, day by day, answered as they open."""
    responses: list[Response] = []
    given: set[tuple[str, str, str, int]] = set()
    for day in range(WEEKS * 7):
        at = PROGRAM.midnight(PROGRAM.starts_on + timedelta(days=day))
        pairs = [pair(k) for k in range(PAIRS)]
        for due in due_surveys(PLAN, PROGRAM, pairs, sessions, responses, viewer=CORA, at=at):
            slot = (due.mentorship_id, due.respondent_id, due.survey_id, due.occasion)
            if slot in given:
                continue
            given.add(slot)
            k = int(due.mentorship_id[1:])
            found = _answer(due.respondent_id, k, due.survey_id, due.occasion, due.opens_at)
            responses += [] if found is None else [found]
    return responses


def run_daily() -> dict[str, tuple[Reminder, int]]:
    """Every key the platform sends, with the program week of the day it first appeared."""
    pairs, sessions, journals, ledger = simulate()
    responses = answer(sessions)
    sent: dict[str, tuple[Reminder, int]] = {}
    for day in range(WEEKS * 7):
        at = to_instant(datetime.combine(PROGRAM.starts_on + timedelta(days=day), time(9)), PROGRAM.zone)  # fmt: skip
        found: list[Reminder] = list(
            reminders(PROGRAM, pairs, sessions, journals, ledger, viewer=CORA, at=at,
                      plan=PLAN, responses=responses)
        )  # fmt: skip
        for m in pairs:  # each member is asked with their own pair's records
            theirs = [s for s in sessions if s.serves(m.id)]
            answers = [r for r in responses if r.mentorship_id == m.id]
            for person, role in ((m.mentor_id, "mentor"), (m.mentee_id, "mentee")):
                viewer = Actor(person, roles=[role], mentorship_ids=[m.id])
                found += reminders(PROGRAM, m, theirs, [journals[int(m.id[1:])]], ledger,
                                   viewer=viewer, at=at, plan=PLAN, responses=answers)  # fmt: skip
        for r in found:
            sent.setdefault(r.key, (r, day // 7 + 1))
    return sent


def table(sent: dict[str, tuple[Reminder, int]]) -> str:
    """The counts per kind, as docs/messages.md shows them."""
    per_kind = Counter(r.kind for r, _ in sent.values())
    people = {kind: {r.recipient_id for r, _ in sent.values() if r.kind is kind} for kind in ReminderKind}  # fmt: skip
    weekly = Counter((r.kind, r.recipient_id, week) for r, week in sent.values())
    rows = ["| Kind | Sent | To people | Most to one person in a week |", "|---|---:|---:|---:|"]
    for kind in ReminderKind:
        most = max((n for (k, _, _), n in weekly.items() if k is kind), default=0)
        rows.append(f"| `{kind.value}` | {per_kind[kind]} | {len(people[kind])} | {most} |")
    total = sum(per_kind.values())
    busiest = max(Counter((r.recipient_id, week) for r, week in sent.values()).values())
    rows.append(
        f"| all | {total} | {len({r.recipient_id for r, _ in sent.values()})} | {busiest} |"
    )
    return "\n".join(rows)


SENT = run_daily()


def test_lasting_states_are_told_at_most_weekly() -> None:
    """no_next_session and behind_pace reach a person at most once a week per pair: the key
    holds the week, so sending each key once throttles them."""
    weekly = Counter(
        (r.kind, r.recipient_id, r.subject, week) for r, week in SENT.values() if r.kind in LASTING
    )
    assert weekly
    assert max(weekly.values()) == 1


def test_a_survey_is_nagged_only_until_answered_and_not_for_ever() -> None:
    """Each survey occasion is asked once; its overdue nags come weekly, stop once it is
    answered, and stop ``MAX_AGE`` after its deadline for those who never answer."""
    sessions = simulate()[1]
    responses = answer(sessions)
    answered = {(r.mentorship_id, r.respondent_id, r.survey_id, r.occasion): r.answered_at for r in responses}  # fmt: skip
    surveys = [r for r, _ in SENT.values() if isinstance(r.params, SurveyParams)]
    asked = Counter((r.recipient_id, r.subject) for r in surveys if r.kind is ReminderKind.SURVEY_DUE)  # fmt: skip
    assert asked
    assert max(asked.values()) == 1
    overdue = [r for r in surveys if r.kind is ReminderKind.SURVEY_OVERDUE]
    assert overdue
    for r in overdue:
        assert isinstance(r.params, SurveyParams)
        assert r.params.answer_by <= r.due_at <= r.params.answer_by + MAX_AGE
        slot = (r.mentorship_ids[0], r.recipient_id, r.about_id, r.params.occasion)
        assert slot not in answered or r.due_at < answered[slot]
    never = {r.recipient_id for r in overdue} - {r for _, r, _, _ in answered}
    assert never  # some people never answer, and still hear of it only a few times
    assert max(Counter((r.recipient_id, r.subject) for r in overdue).values()) <= 3
    assert {r.recipient_id for r in surveys} == {
        p for k in range(PAIRS) for p in pair(k).participant_ids
    }


def test_only_the_pair_that_falls_behind_hears_of_its_pace() -> None:
    """A pair that meets weekly on any weekday is never told it is behind; the pair that
    stopped meeting is, both members, once a week at most."""
    behind = {(r.recipient_id, week) for r, week in SENT.values() if r.kind is ReminderKind.BEHIND_PACE}  # fmt: skip
    assert behind
    assert {person for person, _ in behind} == set(pair(BEHIND).participant_ids)


def test_the_docs_keep_the_counts() -> None:
    """docs/messages.md holds the table this simulation gives (paste it from the failure)."""
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"<!-- cadence -->\n(.*?)\n<!-- /cadence -->", text, re.DOTALL)
    assert found is not None, "docs/messages.md lacks the <!-- cadence --> table"
    expected = table(SENT)
    assert found[1] == expected, f"docs/messages.md's cadence table should be:\n{expected}"
    cancelled = sum(s.status is SessionStatus.CANCELLED for s in simulate()[1])
    assert f"; {cancelled} calls cancelled hours ahead;" in text
