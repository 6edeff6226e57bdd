"""Journals, access and reminders: building journals, coverage, visible entries, reminders."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from _harness import Case
from ementoring.access import Actor, can_read, coverage, visible_entries
from ementoring.accounting import HourLedger, Mentorship, Program, Session, complete
from ementoring.journal import (
    Journal,
    JournalEntry,
    JournalRecord,
    Topic,
    amend,
    journal_from_records,
    journal_records,
)
from ementoring.reminders import reminders
from ementoring.scheduling import Interval
from ementoring.serialization import from_data, to_data

PROGRAM = Program("spring-2026", "Spring 2026", starts_on=date(2026, 3, 2), zone="America/Toronto")
START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
LABELS = [
    "CV review",
    "interview prep",
    "Canadian workplace culture",
    "networking",
    "salary negotiation",
    "LinkedIn profile",
    "small talk",
    "references",
]


def _entries(mentorship: Mentorship, count: int) -> list[JournalEntry]:
    result = []
    for index in range(count):
        mentor = index % 2 == 0
        result.append(
            JournalEntry(
                f"e{index}",
                mentorship.id,
                mentorship.mentor_id if mentor else mentorship.mentee_id,
                "mentor" if mentor else "mentee",
                written_at=START + timedelta(hours=index),
                session_id=f"s{index // 2}",
                discussed=[LABELS[index % 8], LABELS[(index * 3) % 8]],
                next_topics=[LABELS[(index + 5) % 8]],
                visibility=("private", "pair", "pair_and_coordinator")[index % 3],
                time_spent=timedelta(hours=1),
            )
        )
    return result


def _with_amendments(entries: list[JournalEntry]) -> list[JournalEntry]:
    amended = list(entries)
    for entry in entries[::4]:
        amended.append(
            amend(
                entry, by=entry.author_id, at=entry.written_at + timedelta(days=1), observations="!"
            )
        )
    return amended


def _naive_covered(entries: list[JournalEntry], viewer: Actor, pair: Mentorship) -> dict[str, int]:
    # The obvious way: for each topic, rescan every entry and every version.
    keys = {t.key for e in entries for t in e.discussed}
    result: dict[str, int] = {}
    for key in keys:
        meetings = set()
        for entry in entries:
            latest = max((e for e in entries if e.id == entry.id), key=lambda e: e.revision)
            if not can_read(viewer, latest, pair, PROGRAM):
                continue
            if any(t.key == key for t in latest.discussed):
                meetings.add(latest.session_id)
        if meetings:
            result[key] = len(meetings)
    return result


def _check_coverage(ours: object, baseline: object) -> None:
    covered = {c.topic.key: c.times for c in ours.covered}  # type: ignore[attr-defined]
    if covered != baseline:
        raise AssertionError("coverage disagrees with the naive rescan")


def _pair(index: int) -> Mentorship:
    return Mentorship(
        f"m{index}", PROGRAM.id, f"mentor{index}", f"mentee{index}", started_on=date(2026, 3, 2)
    )


def _cohort(pairs: int, per_pair: int) -> list[tuple[Mentorship, list[Session], Journal]]:
    cohort = []
    for index in range(pairs):
        pair = _pair(index)
        sessions = []
        for week in range(per_pair // 2):
            begin = START + timedelta(weeks=week)
            session = Session(
                f"s{week}",
                pair.id,
                Interval(begin, begin + timedelta(hours=1)),
                [pair.mentor_id, pair.mentee_id],
                proposed_at=begin - timedelta(days=7),
            )
            sessions.append(complete(session, at=begin + timedelta(hours=1)))
        journal = Journal(
            pair.id,
            mentor_id=pair.mentor_id,
            mentee_id=pair.mentee_id,
            entries=_entries(pair, per_pair),
        )
        cohort.append((pair, sessions, journal))
    return cohort


def cases(quick: bool) -> list[Case]:
    size = 200 if quick else 2_000
    pair = _pair(0)
    entries = _entries(pair, size)
    versions = _with_amendments(entries)
    journal = Journal(pair.id, mentor_id=pair.mentor_id, mentee_id=pair.mentee_id, entries=versions)
    coordinator = Actor("anna", roles=["coordinator"], program_ids=[PROGRAM.id])
    mentee = Actor(pair.mentee_id, roles=["mentee"], mentorship_ids=[pair.id])
    pairs = 50 if quick else 1_000
    cohort = _cohort(pairs, 20)
    now = START + timedelta(weeks=6)
    ledger = HourLedger()

    # A pair's journal stored as rows: 100 entries (every fourth amended once), as JSON text.
    stored_pair = _pair(1)
    stored = Journal(
        stored_pair.id,
        mentor_id=stored_pair.mentor_id,
        mentee_id=stored_pair.mentee_id,
        entries=_with_amendments(_entries(stored_pair, 100)),
    )
    rows = [json.dumps(to_data(record)) for record in journal_records(stored)]
    document = json.dumps(to_data(stored))

    def rebuild_from_rows() -> Journal:
        records = [from_data(JournalRecord, json.loads(row)) for row in rows]
        return journal_from_records(stored_pair, records)

    def check_rebuilt(ours: object, baseline: object) -> None:
        # Rows come back ordered by when each version was recorded; the document in the
        # order the versions were added: the same versions either way.
        assert isinstance(ours, Journal)
        assert isinstance(baseline, Journal)
        if set(ours.entries) != set(baseline.entries) or ours.current != baseline.current:
            raise AssertionError("the journal rebuilt from rows differs from the stored one")

    def build_one_by_one() -> Journal:
        built = Journal.for_mentorship(pair)
        for entry in entries:
            built = built.add_entry(entry)
        return built

    return [
        Case(
            workload=f"journal of {size:,} entries, add_entry one by one",
            ours=build_one_by_one,
            baseline=lambda: Journal(
                pair.id, mentor_id=pair.mentor_id, mentee_id=pair.mentee_id, entries=entries
            ),
            baseline_name="constructor, all at once",
        ),
        Case(
            workload=f"rebuild a journal of 100 entries from its {len(rows)} rows (JSON, from_data each)",
            ours=rebuild_from_rows,
            baseline=lambda: from_data(Journal, json.loads(document)),
            baseline_name="one stored document",
            check=check_rebuilt,
        ),
        Case(
            workload=f"coverage for the mentee, {len(versions):,} entry versions",
            ours=lambda: coverage(
                journal, pair, PROGRAM, [Topic(label) for label in LABELS], viewer=mentee
            ),
            baseline=lambda: _naive_covered(versions, mentee, pair),
            baseline_name="per-topic rescan",
            check=_check_coverage,
        ),
        Case(
            workload=f"visible_entries for a coordinator, {len(versions):,} versions",
            ours=lambda: visible_entries(coordinator, journal, pair, PROGRAM),
        ),
        Case(
            workload=(
                f"reminders for {pairs:,} pairs (10 sessions, 20 entries each),"
                " asked by the mentor, the mentee and the coordinator"
            ),
            ours=lambda: [
                reminders(PROGRAM, p, s, j, ledger, viewer=who, at=now)
                for p, s, j in cohort
                for who in (
                    Actor(p.mentor_id, roles=["mentor"], mentorship_ids=[p.id]),
                    Actor(p.mentee_id, roles=["mentee"], mentorship_ids=[p.id]),
                    coordinator,
                )
            ],
        ),
    ]
