"""``python -m ementoring``: the demo (the library at work on a whole cohort) and the JSON Schemas.

The demo draws its simulated weeks from seeded streams that ``python -m ementoring``
hands in (``random.Random``), seeded from ``--seed``; it returns its text and ``ementoring.__main__`` alone writes it out. Everything it shows is
computed by the public API from the cohort in ``ementoring._demo._cohort``; the
same options always give the same output.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date, timedelta

from ementoring._demo import _cohort
from ementoring._demo._journey import journey_section
from ementoring._demo._sections import (
    PROGRAM_START,
    Streams,
    calendar_section,
    clock_change_section,
    dashboard_section,
    matching_problem,
    matching_section,
    mock_interview_section,
    program_span,
    progress_section,
    slots_section,
)
from ementoring.accounting import Mentorship, Program
from ementoring.matching import solve
from ementoring.serialization import DOCUMENT_TYPES, json_schema

# By default the demo looks at the program on the Thursday of its tenth week.
DEFAULT_TODAY = date(2026, 5, 7)


def demo(*, today: date, seed: int, streams: Streams) -> list[str]:
    """Every section of the demo, as lines of text, its draws from ``streams(seed)``."""
    rng = streams(seed)
    span = program_span()
    problem = matching_problem(span)
    result = solve(problem)
    by_id = {p.id: p for p in (*_cohort.MENTORS, *_cohort.MENTEES)}
    mentee = by_id["natalia"]
    mentor_id = next(m.mentor_id for m in result.matches if m.mentee_id == mentee.id)
    mentor = by_id[mentor_id]
    program = Program("spring-2026", "Spring 2026", starts_on=PROGRAM_START, zone=mentor.zone)
    pair = Mentorship("pair-1", program.id, mentor.id, mentee.id, started_on=PROGRAM_START)
    header = (
        f"ementoring demo: {len(_cohort.MENTORS)} mentors, {len(_cohort.MENTEES)} mentees,"
        f" today {today.isoformat()}, seed {seed}"
    )
    sections = [
        [header],
        matching_section(problem, result, span),
        slots_section((mentor, mentee), today, PROGRAM_START + timedelta(days=1)),
        mock_interview_section(mentor, mentee, today),
        progress_section(program, pair, mentor, mentee, today, rng),
        clock_change_section(
            (mentor, mentee, _cohort.INTERVIEWER), date(2026, 3, 1), date(2026, 4, 15)
        ),
        calendar_section(mentor, mentee, today),
        dashboard_section(program, result, today, seed, streams),
        journey_section(problem, result, program),
    ]
    return [line for section in sections for line in (*section, "")][:-1]


def run(argv: Sequence[str] | None = None, *, streams: Streams) -> list[str]:
    """Read the command line and return the lines ``python -m ementoring`` prints.

    ``streams`` makes a seeded stream of draws from a seed (``random.Random``).
    """
    parser = argparse.ArgumentParser(
        prog="python -m ementoring", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("demo", help="show the library at work on a whole cohort")
    run.add_argument(
        "--today", type=date.fromisoformat, default=DEFAULT_TODAY,
        help=f"the date the demo pretends it is, YYYY-MM-DD (default {DEFAULT_TODAY})",
    )  # fmt: skip
    run.add_argument("--seed", type=int, default=7, help="seed for the simulated weeks (default 7)")
    schemas = commands.add_parser(
        "schemas", help="print the JSON Schema of every document type (or of those named)"
    )
    schemas.add_argument(
        "types", nargs="*", metavar="TYPE", help="document types, such as Session (default: all)"
    )
    args = parser.parse_args(argv)
    if args.command == "schemas":
        unknown = [name for name in args.types if name not in DOCUMENT_TYPES]
        if unknown:
            schemas.error(
                f"not a document type: {', '.join(unknown)} (one of {', '.join(sorted(DOCUMENT_TYPES))})"
            )
        return schema_lines(args.types)
    return demo(today=args.today, seed=args.seed, streams=streams)


def schema_lines(names: Sequence[str]) -> list[str]:
    """The JSON Schemas of the named document types (all when none is named), as JSON lines.

    One type gives its schema; several give an object of schemas by type name.
    """
    chosen = list(names) or sorted(DOCUMENT_TYPES)
    if len(chosen) == 1:
        found: object = json_schema(DOCUMENT_TYPES[chosen[0]])
    else:
        found = {name: json_schema(DOCUMENT_TYPES[name]) for name in chosen}
    return json.dumps(found, indent=2, ensure_ascii=False).splitlines()
