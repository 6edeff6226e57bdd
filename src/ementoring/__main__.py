"""``python -m ementoring demo``: the library at work on the story's people.

This is the only module of the package that prints. Everything it shows is
computed by the public API from data written here; the same options always
give the same output.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from ementoring.timezones import to_instant, to_local, transitions

MEETING_ZONE = "America/Toronto"
PEOPLE = (
    ("Toronto", "America/Toronto"),
    ("St. Petersburg", "Europe/Moscow"),
    ("Tel Aviv", "Asia/Jerusalem"),
)


def clock_change_section(first: date, last: date) -> list[str]:
    """A weekly Tuesday 12:00 Toronto meeting, with its local time for each person."""
    lines = [
        f"Weekly meeting, Tuesdays 12:00 {MEETING_ZONE}, {first:%d %B} to {last:%d %B %Y}",
        ("  " + "week of".ljust(12) + "".join(city.ljust(17) for city, _ in PEOPLE)).rstrip(),
    ]
    tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    previous: dict[str, str] = {}
    previous_instant: datetime | None = None
    while tuesday <= last:
        instant = to_instant(datetime.combine(tuesday, time(12)), MEETING_ZONE)
        cells = []
        moved = []
        for city, key in PEOPLE:
            reading = f"{to_local(instant, key):%H:%M}"
            changed = previous.get(city, reading) != reading
            cells.append((reading + (" *" if changed else "")).ljust(17))
            if changed:
                moved.append(f"{city} {previous[city]} -> {reading}")
            previous[city] = reading
        lines.append(f"  {tuesday.isoformat():<12}" + "".join(cells).rstrip())
        if moved and previous_instant is not None:
            causes = [
                f"{key}: {t.describe()}"
                for _, key in PEOPLE
                for t in transitions(key, previous_instant, instant)
            ]
            lines.append(f"      * moved for {', '.join(moved)}")
            lines.extend(f"        because in {cause}" for cause in causes)
        previous_instant = instant
        tuesday += timedelta(days=7)
    return lines


def demo(*, today: date, seed: int) -> list[str]:
    """Every section of the demo, as lines of text."""
    del today, seed  # used by the sections that later issues add
    return clock_change_section(date(2026, 3, 1), date(2026, 4, 30))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ementoring", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("demo", help="show the library at work on the story's people")
    run.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date(2026, 3, 16),
        help="the date the demo pretends it is (YYYY-MM-DD)",
    )
    run.add_argument("--seed", type=int, default=7, help="seed for the simulated weeks")
    args = parser.parse_args(argv)
    for line in demo(today=args.today, seed=args.seed):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
