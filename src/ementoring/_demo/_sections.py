"""The demo's sections, each a list of lines computed by the public API from the cohort."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol, TypeVar

import attrs

from ementoring._demo import _cohort
from ementoring._words import day_month
from ementoring.access import Actor, Role, can_review
from ementoring.accounting import (
    EntryKind,
    HourEntry,
    HourLedger,
    LedgerLine,
    Mentorship,
    Program,
    Session,
    cancel,
    complete,
    confirm,
    progress,
    reply,
    reschedule,
    weekly_hours,
)
from ementoring.calendar import busy_from_ics, invite
from ementoring.display import on_each_clock
from ementoring.errors import MissingExtraError
from ementoring.journal import ActionItem, Journal, JournalEntry, Review
from ementoring.journey import goals_from_topics
from ementoring.matching import (
    MatchingProblem,
    MatchingResult,
    Mentee,
    Mentor,
    greedy_fill,
    same_field,
    schedule_overlap,
    shared_language,
    topic_fit,
)
from ementoring.people import Directory, Person
from ementoring.reminders import Reminder, reminders, render
from ementoring.reports import program_analytics, render_dashboard
from ementoring.scheduling import (
    Availability,
    Interval,
    find_slots,
    meetable_weeks,
    regular_slots,
    render_week,
)
from ementoring.timezones import to_instant, to_local, transitions

# The Spring 2026 program starts on Monday 2 March (spring in Toronto, as in the
# tutorial).
_T = TypeVar("_T")


class Stream(Protocol):
    """A seeded stream of draws (``random.Random``, which ``python -m ementoring`` hands in).

    The demo draws its simulated weeks from streams it is given, so the library
    itself imports no random source; the same seed gives the same demo.
    """

    def randrange(self, start: int, stop: int, /) -> int: ...

    def choice(self, seq: Sequence[_T], /) -> _T: ...


Streams = Callable[[int], Stream]
"""Makes the stream for a seed."""

PROGRAM_START = date(2026, 3, 2)
HOUR = timedelta(hours=1)


def availability(person: _cohort.Person) -> Availability:
    return Availability(person.zone, weekly=person.availability, preferred=person.preferred)


def week_interval(monday: date) -> Interval:
    start = datetime.combine(monday, time(0), tzinfo=UTC)
    return Interval(start, start + timedelta(days=7))


def program_span() -> Interval:
    """The program's ten weeks, as matching reads them."""
    start = datetime.combine(PROGRAM_START, time(0), tzinfo=UTC)
    return Interval(start, start + timedelta(weeks=10))


def matching_problem(span: Interval) -> MatchingProblem:
    mentors = [
        Mentor(p.id, capacity=p.capacity, zone=p.zone, languages=p.languages, fields=p.fields,
               offers=p.topics, availability=availability(p))
        for p in _cohort.MENTORS
    ]  # fmt: skip
    mentees = [
        Mentee(p.id, zone=p.zone, languages=p.languages, fields=p.fields, goals=p.topics,
               availability=availability(p))
        for p in _cohort.MENTEES
    ]  # fmt: skip
    criteria = [
        same_field(required=True, weight=2),
        shared_language(),
        topic_fit(weight=2),
        # An hour together in at least 8 of the program's 10 weeks, clock changes included.
        schedule_overlap(span, meeting=HOUR, required=True, min_share=0.8, weight=2),
    ]
    return MatchingProblem(mentors, mentees, criteria)


def directory() -> Directory:
    """Everyone in the cohort as messages and invites show them: in Russian for those who list it first."""
    return Directory(
        people=[
            Person(id=p.id, name=p.name, email=f"{p.id}@example.org", zone=p.zone,
                   locale="ru" if p.languages[0] == "Russian" else "en")
            for p in (*_cohort.MENTORS, *_cohort.MENTEES, _cohort.INTERVIEWER)
        ]
    )  # fmt: skip


def names() -> dict[str, str]:
    return {person.id: person.display_name for person in directory().values()}


def pair_reason(mentor: _cohort.Person, mentee: _cohort.Person, span: Interval) -> str:
    """One line on why a pair fits, in the people's own words."""
    languages = [lang for lang in mentee.languages if lang in mentor.languages]
    goals = [goal for goal in mentee.topics if goal in mentor.topics]
    people = {mentor.id: availability(mentor), mentee.id: availability(mentee)}
    return (
        f"{mentor.fields[0]}; speak {'/'.join(languages)}; {len(goals)} of"
        f" {len(mentee.topics)} goals; {meetable_weeks(people, span).text()}"
    )


def matching_section(problem: MatchingProblem, result: MatchingResult, span: Interval) -> list[str]:
    who = names()
    people = {p.id: p for p in (*_cohort.MENTORS, *_cohort.MENTEES)}
    lines = [
        f"1. Matching: {len(result.matches)} pairs, provably optimal"
        " (most pairs, then best total score)"
    ]
    for match in result.matches:
        reason = pair_reason(people[match.mentor_id], people[match.mentee_id], span)
        lines.append(
            f"   {who[match.mentee_id]:<17} <- {who[match.mentor_id]:<15} {match.score:.2f}  {reason}"
        )
    lines.append("   Not matched:")
    for mentee_id in sorted(result.unmatched):
        first_line = result.explain(mentee_id).splitlines()[0]
        lines.append(f"   {who[mentee_id]:<17} {first_line.split(': ', 1)[-1]}")
    greedy = greedy_fill(problem)
    greedy_total = sum(m.score for m in greedy)
    gain = 100 * (result.total_score - greedy_total) / greedy_total
    lines.append(
        f"   Greedy fill by score, as most platforms do: {len(greedy)} pairs, total"
        f" {greedy_total:.2f}; optimal: {len(result.matches)} pairs, total"
        f" {result.total_score:.2f} ({gain:.1f} % more)."
    )
    return lines


def slots_section(
    pair: tuple[_cohort.Person, _cohort.Person], today: date, first_tuesday: date
) -> list[str]:
    mentor, mentee = pair
    who = names()
    monday = today + timedelta(days=7 - today.weekday())
    people = {mentor.id: availability(mentor), mentee.id: availability(mentee)}
    slots = find_slots(
        people, week_interval(monday), duration=HOUR, step=timedelta(minutes=30),
        order="comfort", limit=4,
    )  # fmt: skip
    lines = [
        f"2. {who[mentee.id]} ({mentee.zone}) and {who[mentor.id]} ({mentor.zone}):"
        f" best one-hour slots in the week of {day_month(monday)}",
    ]
    for slot in slots:
        local = "  ".join(
            f"{_city(p.zone)} {slot.local[p.id][0]:%a %H:%M}-{slot.local[p.id][1]:%H:%M}"
            for p in pair
        )
        liked = ", ".join(sorted(who[i].split()[0] for i in slot.preferred_by)) or "nobody"
        lines.append(f"   {local}   preferred by {liked}")
    lines.extend("   " + row for row in render_week(people, monday, mentor.zone).splitlines())
    regular = regular_slots(people, program_span(), HOUR, zone=mentor.zone, step=HOUR)
    if regular:
        liked = ", ".join(sorted(who[i].split()[0] for i in regular[0].preferred_by)) or "nobody"
        lines.append(
            f"   The same hour in all ten weeks: {len(regular)} choices, the best"
            f" {regular[0].text()}, preferred by {liked}"
        )
    # Their usual slot: Tuesdays 12:00 on the mentor's clock. Read it next week and
    # in the program's first week; if a clock change moved it for the mentee, say so.
    tuesday = monday + timedelta(days=1)
    usual = to_instant(datetime.combine(tuesday, time(12)), mentor.zone)
    earlier = to_instant(datetime.combine(first_tuesday, time(12)), mentor.zone)
    now_local, then_local = to_local(usual, mentee.zone), to_local(earlier, mentee.zone)
    if now_local.time() != then_local.time():
        for person in pair:
            for change in transitions(person.zone, earlier, usual):
                lines.append(
                    f"   Note: their usual Tuesday 12:00 in {_city(mentor.zone)} is {now_local:%H:%M}"
                    f" in {_city(mentee.zone)}, not {then_local:%H:%M} as on {day_month(first_tuesday)}:"
                    f" in {person.zone} {change.describe()}."
                )
    return lines


def mock_interview(mentor: _cohort.Person, mentee: _cohort.Person, today: date) -> Session | None:
    """The three-way call in the next fortnight, booked two days ago, with each attendee's reply."""
    people = {p.id: availability(p) for p in (mentor, mentee, _cohort.INTERVIEWER)}
    monday = today + timedelta(days=7 - today.weekday())
    fortnight = Interval(
        week_interval(monday).start, week_interval(monday).start + timedelta(days=14)
    )
    slots = find_slots(people, fortnight, duration=timedelta(minutes=45), limit=1)
    if not slots:
        return None
    now = datetime.combine(today, time(18), tzinfo=UTC)
    booked = now - timedelta(days=2)
    session = Session(
        "mock-interview", "pair-1", slots[0].interval, [mentor.id, mentee.id, _cohort.INTERVIEWER.id],
        proposed_at=booked,
    )  # fmt: skip
    session = reply(session, by=mentor.id, answer="accepted", at=booked)
    session = confirm(session, by=mentee.id, at=booked + timedelta(hours=5))
    return reply(session, by=_cohort.INTERVIEWER.id, answer="tentative", at=now)


def mock_interview_section(
    mentor: _cohort.Person, mentee: _cohort.Person, today: date
) -> list[str]:
    who = names()
    lines = [
        f"3. Mock interview with {who[_cohort.INTERVIEWER.id]} in Tel Aviv (three zones, 45 minutes):"
    ]
    session = mock_interview(mentor, mentee, today)
    if session is None:
        lines.append("   no common slot in the next two weeks")
        return lines
    everyone = directory()
    attendees = [everyone[p.id] for p in (mentor, mentee, _cohort.INTERVIEWER)]
    lines.extend(f"   {line}" for line in on_each_clock(session.interval, attendees))
    lines.append(
        "   Replies: "
        + ", ".join(f"{p.display_name} {session.replies[p.id].value}" for p in attendees)
        + f" ({who[mentee.id].split()[0]} confirmed)."
    )
    ahead = Interval(session.interval.start, session.interval.start + timedelta(weeks=4))
    for person in (mentor, mentee, _cohort.INTERVIEWER):
        for change in transitions(person.zone, ahead.start, ahead.end):
            lines.append(
                f"   Coming up: in {person.zone} {change.describe()}; the same call then"
                f" moves by {abs(change.shift) / HOUR:g} h for {who[person.id].split()[0]}."
            )
    return lines


def simulate(
    program: Program, pair: Mentorship, mentor: _cohort.Person, mentee: _cohort.Person,
    today: date, rng: Stream,
) -> tuple[list[Session], HourLedger, Journal, list[str]]:  # fmt: skip
    """Weekly Tuesday calls over the program's weeks, plus the next one booked.

    One week is a holiday, one call is cancelled with a new time proposed (the
    program requires it), and the mentor has not yet written up the latest call.
    """
    now = datetime.combine(today, time(18), tzinfo=UTC)
    holiday_week = rng.randrange(3, 6)
    cancelled_week = rng.choice([w for w in range(1, 8) if w != holiday_week])
    sessions: list[Session] = []
    ledger = HourLedger()
    journal = Journal.for_mentorship(pair)
    notes: dict[int, str] = {holiday_week: f"   Week {holiday_week + 1}: holiday, no call."}
    for week in range(program.planned_weeks + 1):
        day = program.starts_on + timedelta(weeks=week, days=1)
        start = to_instant(datetime.combine(day, time(12)), mentor.zone)
        if week == holiday_week or (week == program.planned_weeks and start <= now):
            continue
        length = timedelta(minutes=rng.choice([45, 60, 60, 75, 90]))
        session = Session(
            f"{pair.id}-s{week + 1}",
            pair.id,
            Interval(start, start + length),
            [mentor.id, mentee.id],
            proposed_at=min(now, start - timedelta(days=7)),
        )
        session = confirm(session, by=mentee.id, at=min(now, start - timedelta(days=6)))
        # As of today: a cancellation after today has not happened yet.
        if week == cancelled_week and start - timedelta(days=1) <= now:
            moved = Interval(start + timedelta(days=2), start + timedelta(days=2) + length)
            session = cancel(
                session, program=program, by=mentor.id, at=start - timedelta(days=1),
                reason="work trip", new_interval=moved,
            )  # fmt: skip
            notes[week] = (
                f"   Week {week + 1}: {names()[mentor.id].split()[0]} cancelled and proposed"
                f" {to_local(moved.start, mentor.zone):%a %d %b %H:%M} instead (the program asks for a new time)."
            )
        if session.interval.end <= now:
            session = complete(session, at=session.interval.end)
            ledger = ledger.record(
                HourEntry(
                    f"{pair.id}-h{week + 1}", pair.id, mentee.id, session.interval.duration, EntryKind.MEETING,
                    session_id=session.id, occurred_on=to_local(session.interval.start, program.zone).date(),
                    recorded_at=session.interval.end + timedelta(hours=2), recorded_by=mentee.id,
                ),
                session=session,
            )  # fmt: skip
        sessions.append(session)
    completed = [s for s in sessions if s.interval.end <= now]
    for number, session in enumerate(completed):
        latest = number == len(completed) - 1
        journal = write_up(
            journal, session, pair, number, mentee, mentor, now, mentor_too=not latest
        )
    if completed:
        homework_from = completed[-1].interval.end
        journal = journal.add_action_item(
            ActionItem(
                "hw-1", pair.id, "Rewrite your CV in the Canadian format and send it to Anna",
                assigned_to=mentee.id, assigned_by=mentor.id, created_at=homework_from - timedelta(days=7),
                due_on=to_local(homework_from, mentee.zone).date() - timedelta(days=1),
            )
        )  # fmt: skip
    return sessions, ledger, journal, [notes[week] for week in sorted(notes)]


def write_up(
    journal: Journal, session: Session, pair: Mentorship, number: int,
    mentee: _cohort.Person, mentor: _cohort.Person, now: datetime, *, mentor_too: bool,
) -> Journal:  # fmt: skip
    """The mentee writes a learning-journal entry after a call; the mentor a day later.

    The mentee keeps the entry about the second call to herself (``private``): the
    coordinator's dashboard does not count it, the admin's does (the access rules).
    """
    goals = mentee.topics
    discussed, upcoming = goals[number % len(goals)], goals[(number + 1) % len(goals)]
    authors = [(mentee, "mentee", 3)] + ([(mentor, "mentor", 30)] if mentor_too else [])
    for author, role, delay in authors:
        written_at = session.interval.end + timedelta(hours=delay)
        if written_at > now:
            continue
        entry = JournalEntry(
            f"{pair.id}-j{number + 1}-{author.id}", pair.id, author.id, role, written_at=written_at,
            session_id=session.id, discussed=[discussed], next_topics=[upcoming],
            time_spent=session.interval.duration,
            visibility="private" if (role, number) == ("mentee", 1) else "pair_and_coordinator",
        )  # fmt: skip
        journal = journal.add_entry(entry)
    return journal


def progress_section(program: Program, pair: Mentorship, mentor: _cohort.Person,
                     mentee: _cohort.Person, today: date, rng: Stream) -> list[str]:  # fmt: skip
    sessions, ledger, journal, notes = simulate(program, pair, mentor, mentee, today, rng)
    report = progress(program, pair, ledger, sessions, today=today)
    hours = report.logged / HOUR
    lines = [
        f"4. Ten weeks of {names()[mentee.id].split()[0]} and {names()[mentor.id].split()[0]}"
        f" ({program.name}, started {day_month(program.starts_on)}, target {program.target / HOUR:.0f} h):",
        *notes,
        f"   Logged {hours:.2f} h of {report.target / HOUR:.0f} ({report.percent:.0f} %) in"
        f" {report.sessions_completed} sessions; expected by now {report.expected_by_now / HOUR:.2f} h;"
        f" pace: {report.pace}.",
    ]
    if report.next_session is not None:
        pair_people = [directory()[p.id] for p in (mentor, mentee)]
        lines.append("   Next call, on each clock:")
        lines.extend(
            f"     {line}" for line in on_each_clock(report.next_session.interval, pair_people)
        )
    lines.append("   Hours per program week:")
    for number, spent in enumerate(weekly_hours(program, ledger, pair.id), start=1):
        quarters = round(spent / timedelta(minutes=15))
        lines.append(f"   week {number:>2} {'#' * quarters:<8} {spent / HOUR:.2f} h")
    # Each person gets their own reminders: the app asks once for each.
    people = [
        Actor(p.id, roles=[role], mentorship_ids=[pair.id])
        for p, role in ((mentor, Role.MENTOR), (mentee, Role.MENTEE))
    ]
    evening = datetime.combine(today, time(18), tzinfo=UTC)
    due = sorted(
        (r for who in people
         for r in reminders(program, pair, sessions, journal, ledger, viewer=who, at=evening)),
        key=lambda r: r.sort_key,
    )  # fmt: skip
    lines.append(f"   Reminders due {day_month(today)}:" if due else "   No reminders due today.")
    cohort = directory()
    lines.extend(
        f"   - to {cohort.name_of(r.recipient_id).split()[0]}: {_in_their_language(r, cohort)}"
        for r in due
    )
    return lines


def _in_their_language(reminder: Reminder, people: Directory) -> str:
    """The reminder as its reader reads it, or what to install for their language."""
    try:
        return render(reminder, people)
    except MissingExtraError as missing:  # the demo runs without the i18n extra too
        return f"({missing})"


def dashboard_section(
    program: Program, result: MatchingResult, today: date, seed: int, streams: Streams
) -> list[str]:
    """Every matched pair simulated like section 4, then the coordinator's dashboard."""
    people = {p.id: p for p in (*_cohort.MENTORS, *_cohort.MENTEES)}
    # Cora coordinates the program: she reviews, and sees, what the access rules give her.
    cora = Actor("cora", roles=[Role.COORDINATOR], program_ids=[program.id])
    pairs: list[Mentorship] = []
    sessions: list[Session] = []
    journals: list[Journal] = []
    ledger_lines: list[LedgerLine] = []
    for number, match in enumerate(sorted(result.matches, key=lambda m: m.mentee_id), start=1):
        mentor, mentee = people[match.mentor_id], people[match.mentee_id]
        pair = Mentorship(f"p{number}", program.id, mentor.id, mentee.id, started_on=PROGRAM_START)
        # Each pair draws from its own random stream, so section 4's draws do not depend on it.
        rng = streams(seed * 1_000 + number)
        held, ledger, journal, _ = simulate(program, pair, mentor, mentee, today, rng)
        for entry in journal.current:  # the coordinator answers within days, or not yet
            reviewed = entry.written_at + timedelta(days=rng.choice([1, 2, 3, 5, 8]))
            if not can_review(cora, entry, pair, program):
                continue
            if reviewed <= datetime.combine(today, time(18), tzinfo=UTC):
                journal = journal.add_review(
                    Review(f"r-{entry.id}", entry.id, "cora", written_at=reviewed,
                           comment="Thank you, well noted", kind="encouragement")
                )  # fmt: skip
        pairs.append(pair)
        sessions.extend(held)
        journals.append(journal)
        ledger_lines.extend(ledger.lines)
    # What each mentee came for, written as their goals on the program's first day.
    topics = {pair.id: people[pair.mentee_id].topics for pair in pairs}
    goals = goals_from_topics(pairs, topics, at=program.midnight(PROGRAM_START))
    records = (program, pairs, sessions, HourLedger(ledger_lines), journals)
    figures = program_analytics(*records, viewer=cora, today=today, goals=goals)
    page = render_dashboard(figures, viewer=cora, width=20, goal_rows=3).splitlines()
    lines = ["7. The coordinator's dashboard: " + page[0]]
    charted = True
    for line in page[1:]:
        if not line.startswith(" "):
            # Short: every pair is active and near the target, so those two charts say little.
            charted = not line.startswith(("Pairs by status", "Hours per pair"))
            if line.startswith("Pairs by status"):
                continue
        elif not charted:
            continue
        lines.append("   " + line)
    # The program's admin sees metadata of every entry, topics of none: the figures differ.
    root = Actor("root", roles=[Role.ADMIN], program_ids=[program.id])
    admin = program_analytics(*records, viewer=root, today=today, goals=goals)
    lines.append("   The admin's page counts the private entries too, and shows no topics:")
    lines.extend(
        "     " + line
        for line in render_dashboard(admin, viewer=root).splitlines()
        if line.startswith(("Journal:", "Goals:"))
    )
    return lines


def clock_change_section(people: Sequence[_cohort.Person], first: date, last: date) -> list[str]:
    """A weekly Tuesday 12:00 call on the first person's clock, read on everyone's clock."""
    anchor = people[0].zone
    who = names()
    lines = [
        f"5. The Tuesday 12:00 {_city(anchor)} call from {day_month(first)} to {day_month(last)}, on each clock"
        " (* = moved by a clock change):",
        (
            "   " + "week of".ljust(12) + "".join(who[p.id].split()[0].ljust(10) for p in people)
        ).rstrip(),
    ]
    tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    previous: dict[str, str] = {}
    previous_instant: datetime | None = None
    while tuesday <= last:
        instant = to_instant(datetime.combine(tuesday, time(12)), anchor)
        cells = []
        for person in people:
            reading = f"{to_local(instant, person.zone):%H:%M}"
            moved = previous.get(person.id, reading) != reading
            cells.append((reading + ("*" if moved else "")).ljust(10))
            previous[person.id] = reading
        lines.append(f"   {tuesday.isoformat():<12}" + "".join(cells).rstrip())
        if previous_instant is not None:
            for person in people:
                for change in transitions(person.zone, previous_instant, instant):
                    lines.append(f"      {person.zone}: {change.describe()}")
        previous_instant = instant
        tuesday += timedelta(days=7)
    return lines


def _ics_line(text: str, name: str) -> str:
    """The first line of the VEVENT that starts with ``name``."""
    event = text.split("BEGIN:VEVENT", 1)[1]
    return next(line for line in event.splitlines() if line.startswith(name))


def calendar_section(mentor: _cohort.Person, mentee: _cohort.Person, today: date) -> list[str]:
    """Next Tuesday's call as an invite and its move; the mentor's own calendar as busy times."""
    who = names()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    start = to_instant(datetime.combine(tuesday, time(12)), mentor.zone)
    now = datetime.combine(today, time(18), tzinfo=UTC)
    session = Session(
        "next-call",
        "pair-1",
        Interval(start, start + HOUR),
        [mentor.id, mentee.id],
        proposed_at=now,
    )
    common: dict[str, Any] = {"people": directory(), "organizer_id": mentor.id, "zone": mentor.zone,
              "now": now, "uid_domain": "spring-2026.example.org"}  # fmt: skip
    lines = ["6. Calendars: the next call as an invite, and a calendar export read back:"]
    try:
        first = invite(session, **common)
        moved = reschedule(session, Interval(start + 2 * 24 * HOUR, start + 49 * HOUR),
                           by=mentor.id, at=now, reason="work trip")  # fmt: skip
        second = invite(moved, **common)
        # The mentor's own calendar: a weekly Tuesday class, and a day off on Thursday.
        export = "\r\n".join([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//demo//EN",
            "BEGIN:VEVENT", "UID:class@example.org", "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID={mentor.zone}:{tuesday:%Y%m%d}T113000", "DURATION:PT2H",
            "RRULE:FREQ=WEEKLY;BYDAY=TU", "END:VEVENT",
            "BEGIN:VEVENT", "UID:off@example.org", "DTSTAMP:20260101T000000Z",
            f"DTSTART;VALUE=DATE:{tuesday + timedelta(days=2):%Y%m%d}", "END:VEVENT",
            "END:VCALENDAR", "",
        ])  # fmt: skip
        week = week_interval(tuesday - timedelta(days=1))
        busy = busy_from_ics(export, within=week, zone=mentor.zone)
    except MissingExtraError as error:
        return [*lines, f"   (skipped: {error})"]
    people = {mentor.id: availability(mentor), mentee.id: availability(mentee)}
    before = find_slots(people, week, duration=HOUR, step=timedelta(minutes=30))
    people[mentor.id] = attrs.evolve(
        people[mentor.id], exceptions=(*people[mentor.id].exceptions, *busy)
    )
    after = find_slots(people, week, duration=HOUR, step=timedelta(minutes=30))
    lines += [
        f"   {_ics_line(first, 'UID')}  {_ics_line(first, 'DTSTART')}  {_ics_line(first, 'SEQUENCE')}",
        f"   Moved to Thursday: {_ics_line(second, 'DTSTART')}  {_ics_line(second, 'SEQUENCE')}",
        _russian_copy(moved, common, mentee),
        *_replies_in_invite(mentor, mentee, today, common),
        f"   {who[mentor.id].split()[0]}'s export ({len(busy)} busy blocks that week) removes"
        f" {len(before) - len(after)} of {len(before)} one-hour slots with {who[mentee.id].split()[0]}.",
    ]
    return lines


def _unfolded(text: str) -> list[str]:
    """The lines of an iCalendar text, folded lines joined again (RFC 5545 3.1)."""
    return text.replace("\r\n ", "").splitlines()


def _russian_copy(moved: Session, common: dict[str, Any], mentee: _cohort.Person) -> str:
    """The mentee's copy of the update: in her language, on her clock."""
    first_name = names()[mentee.id].split()[0]
    try:
        text = invite(moved, **common, recipient=mentee.id)
    except MissingExtraError as missing:  # the demo runs without the i18n extra too
        return f"   {first_name}'s copy, in Russian: ({missing})"
    lines = _unfolded(text)
    summary = next(line for line in lines if line.startswith("SUMMARY"))
    said = next(line for line in lines if line.startswith("DESCRIPTION")).split(":", 1)[1]
    return f"   {first_name}'s copy: {summary}, {said.split(chr(92) + 'n')[0].replace(chr(92), '')}"


def _replies_in_invite(
    mentor: _cohort.Person, mentee: _cohort.Person, today: date, common: dict[str, Any]
) -> list[str]:
    """Each attendee of the mock interview as the invite shows them: their reply as PARTSTAT."""
    session = mock_interview(mentor, mentee, today)
    if session is None:
        return []
    attendees = []
    for line in _unfolded(invite(session, **common)):
        if line.startswith("ATTENDEE"):
            params = dict(part.split("=", 1) for part in line.split(":mailto:")[0].split(";")[1:])
            attendees.append(f"{params['CN'].strip(chr(34)).split()[0]} {params['PARTSTAT']}")
    return [f"   The mock interview's invite: {', '.join(attendees)}."]


def _city(zone_key: str) -> str:
    return {"Europe/Moscow": "St. Petersburg", "Asia/Jerusalem": "Tel Aviv"}.get(
        zone_key, zone_key.rsplit("/", 1)[-1].replace("_", " ")
    )
