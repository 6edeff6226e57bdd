"""The demo: it runs, tells the whole story in under 120 lines, and is deterministic."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from ementoring.__main__ import main
from ementoring._demo import PROGRAM_START
from tests.fresh import EXTRAS, hiding, run_python


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["demo", *argv]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def default_output() -> str:
    from contextlib import redirect_stdout
    from io import StringIO

    buffer = StringIO()
    with redirect_stdout(buffer):
        assert main(["demo"]) == 0
    return buffer.getvalue()


def test_every_section_is_there(default_output: str) -> None:
    """Matching, slots, the mock interview, ten weeks of progress and the clock changes."""
    for heading in (
        "1. Matching",
        "2. Natalia",
        "3. Mock interview",
        "4. Ten weeks",
        "5. The Tuesday",
        "6. Calendars",
        "7. The coordinator's dashboard",
        "8. The journey",
    ):
        assert re.search(rf"^{re.escape(heading)}", default_output, re.MULTILINE), heading
    assert len(default_output.splitlines()) < 120


def test_matching_section(default_output: str) -> None:
    """Natalia gets Anna; unmatched mentees get a reason; the greedy fill is compared."""
    assert re.search(r"Natalia Smirnova\s+<- Anna Kowalski", default_output)
    assert "every allowed mentor is full" in default_output
    assert "no allowed mentor among" in default_output
    greedy = re.search(
        r"Greedy fill .*: (\d+) pairs, total ([\d.]+); optimal: (\d+) pairs, total ([\d.]+)",
        default_output,
    )
    assert greedy is not None
    assert int(greedy[3]) >= int(greedy[1])
    assert float(greedy[4]) >= float(greedy[2])


def test_matching_on_meetable_weeks(default_output: str) -> None:
    """Every pair has an hour together in (at least 8 of) the ten weeks; a regular hour is named."""
    weeks = re.findall(r"a 1-hour slot in (\d+) of 10 weeks", default_output)
    assert weeks
    assert all(int(count) >= 8 for count in weeks)
    assert "schedule_overlap excludes" in default_output
    # The regular hours come most preferred first: Tuesday noon, which both prefer.
    assert re.search(
        r"The same hour in all ten weeks: \d+ choices, the best every TU 12:00"
        r" America/Toronto, 10 weeks \(natalia: TU 20:00, then TU 19:00 from 10 March\),"
        r" preferred by Anna, Natalia$",
        default_output,
        re.MULTILINE,
    )


def test_the_journey(default_output: str) -> None:
    """Offers accepted, one declined and re-paired moving nobody who accepted; Natalia's goal
    and milestone, a good fit, the monthly check-in on her clock, both reflections."""
    journey = default_output[default_output.index("8. The journey") :]
    assert re.search(r"(\d+) offers .*; (\d+) accepted by both sides", journey)
    assert "elena: a new offer with emma; the offer with anna was declined." in journey
    assert "noa: a new offer with anna" in journey
    assert "Understand HR practice in Canada" in journey
    assert "mock interview with a participant in Tel Aviv (done" in journey
    assert 'both answered "A good fit"' in journey
    assert re.search(r'Please answer "Check-in" .* by .*, \d\d:\d\d Moscow time\.', journey)
    assert re.search(r"What they loved, at the end: Natalia, .+; Anna, .+\.$", journey, re.M)


def test_clock_changes_are_explained(default_output: str) -> None:
    """Toronto's 8 March change moves the call for St. Petersburg and Tel Aviv; Israel's later."""
    assert "is 19:00 in St. Petersburg, not 20:00 as on 3 March" in default_output
    assert "America/Toronto: on 2026-03-08 clocks go forward from 02:00 to 03:00" in default_output
    assert "Asia/Jerusalem: on 2026-03-27 clocks go forward from 02:00 to 03:00" in default_output
    assert re.search(r"2026-03-10\s+12:00\s+19:00\*\s+18:00\*", default_output)


def test_mock_interview_on_each_clock(default_output: str) -> None:
    """The three-way call is shown on each participant's clock, each clock named by its city."""
    for name, city in (
        ("Anna Kowalski", "Toronto"),
        ("Natalia Smirnova", "Moscow"),
        ("Dana Cohen", "Jerusalem"),
    ):
        line = rf"^   {name}: \w{{3}} \d{{1,2}} \w{{3}}, \d\d:\d\d–\d\d:\d\d {city} time$"
        assert re.search(line, default_output, re.MULTILINE), name


def test_mock_interview_shows_each_reply(default_output: str) -> None:
    """Each attendee's own reply, the guest's included, in the session and in the invite."""
    assert re.search(
        r"^   Replies: Anna Kowalski accepted, Natalia Smirnova accepted, Dana Cohen tentative",
        default_output,
        re.MULTILINE,
    )
    assert "The mock interview's invite: Anna ACCEPTED, Dana TENTATIVE, Natalia ACCEPTED." in (
        default_output
    )


def test_the_russian_speaking_mentee_gets_her_invite_in_russian(default_output: str) -> None:
    """Natalia's copy of the update: LANGUAGE=ru, what happened, on her clock, named by its city."""
    assert re.search(
        r"^   Natalia's copy: SUMMARY;LANGUAGE=ru:[А-Яа-я ]+, Встреча перенесена: чт, \d+ \w+,"
        r" 19:00–20:00 \(Москва\)\. Прежнее время: вт, \d+ \w+, 19:00–20:00 \(Москва\)\.$",
        default_output,
        re.MULTILINE,
    )


def test_next_call_on_each_clock(default_output: str) -> None:
    """The next call is shown on the mentor's and the mentee's clocks."""
    assert "   Next call, on each clock:" in default_output
    assert re.search(
        r"^     Natalia Smirnova: .*\d\d:\d\d–\d\d:\d\d Moscow time$", default_output, re.MULTILINE
    )


def test_progress_and_reminders(default_output: str) -> None:
    """The ten weeks show a cancellation with a new time, a holiday, the pace and reminders."""
    assert "cancelled and proposed" in default_output
    assert "holiday, no call" in default_output
    assert re.search(r"pace: (on_track|ahead|behind|at_risk|complete)", default_output)
    assert len(re.findall(r"^   week +\d+ ", default_output, re.MULTILINE)) == 10
    assert "Reminders due 7 May:" in default_output
    assert re.search(r"- to Anna: Please write your learning-journal entry", default_output)
    assert re.search(r"- to Anna: .* on \w{3} \d+ \w{3}, \d\d:\d\d Toronto time", default_output)
    # The mentee's reminders come in her own language (her directory entry), on her own clock.
    hers = re.findall(r"^   - to Natalia: (.*)$", default_output, re.MULTILINE)
    assert hers
    assert all(re.fullmatch(r"[А-Я].*\(Москва\).*", text) for text in hers), hers


def test_calendar_section(default_output: str) -> None:
    """The invite's UID, zoned DTSTART and SEQUENCE, its move, and the slots an import removed."""
    first = re.search(
        r"UID:next-call@\S+  DTSTART;TZID=America/Toronto:(\d{8})T120000  SEQUENCE:0",
        default_output,
    )
    moved = re.search(
        r"Moved to Thursday: DTSTART;TZID=America/Toronto:(\d{8})T120000  SEQUENCE:1",
        default_output,
    )
    assert first is not None
    assert moved is not None
    tuesday, thursday = (datetime.strptime(m[1], "%Y%m%d").date() for m in (first, moved))
    assert (tuesday.weekday(), (thursday - tuesday).days) == (1, 2)
    removed = re.search(r"removes (\d+) of (\d+) one-hour slots", default_output)
    assert removed is not None
    assert 0 < int(removed[1]) < int(removed[2])


def test_dashboard(default_output: str) -> None:
    """Every matched pair on the dashboard: paces add up to the pairs; sessions, journals, goals."""
    head = re.search(r"^7\. The coordinator's dashboard: Spring 2026 on [-\d]{10}: (\d+) pairs",
                     default_output, re.MULTILINE)  # fmt: skip
    assert head is not None
    section = default_output[head.end() :]
    paces = re.findall(
        r"^     (complete|at risk|behind|on track|ahead) +#* +(\d+)$", section, re.MULTILINE
    )
    assert [p for p, _ in paces] == ["complete", "at risk", "behind", "on track", "ahead"]
    assert sum(int(n) for _, n in paces) == int(head[1])
    assert re.search(r"Sessions: \d+ held \(\d+ %\)", section)
    assert re.search(r"Journal: \d+ of \d+ entries written", section)
    assert re.search(r"Reviews: first review median \d+ d", section)
    assert re.search(r"Goals: \d+ of \d+ covered", section)


def test_dashboard_goes_through_the_viewer(default_output: str) -> None:
    """Cora's page leaves out the mentees' private entries; the admin's counts them, shows no topics."""
    section = default_output.partition("7. The coordinator's dashboard")[2]
    coordinator, _, admin = section.partition("The admin's page")
    counted = [
        [int(n) for n in re.findall(r"Journal: (\d+) of (\d+) entries written", part)[0]]
        for part in (coordinator, admin)
    ]
    (cora_written, expected), (admin_written, admin_expected) = counted
    assert expected == admin_expected
    assert cora_written < admin_written <= expected
    assert re.search(r"Goals: \d+ of \d+ covered", coordinator)
    assert "Goals: not shown" in admin


def test_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    """The same options give the same output; another seed changes the simulated weeks."""
    options = ("--today", "2026-03-20", "--seed", "3")
    first = run(capsys, *options)
    assert first == run(capsys, *options)
    assert "today 2026-03-20, seed 3" in first
    assert run(capsys, "--today", "2026-03-20", "--seed", "4") != first


def test_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --today is a usage error, not a traceback."""
    with pytest.raises(SystemExit) as caught:
        main(["demo", "--today", "16/03/2026"])
    assert caught.value.code == 2
    assert "--today" in capsys.readouterr().err


def test_the_spring_program_starts_in_spring(default_output: str) -> None:
    """ "Spring 2026" starts in March (spring in Toronto), and the demo says so."""
    assert PROGRAM_START.month == 3
    assert "(Spring 2026, started 2 March, target 10 h)" in default_output


@pytest.mark.parametrize("seed", range(1, 6))
def test_nothing_after_today_has_happened(capsys: pytest.CaptureFixture[str], seed: int) -> None:
    """Early in the program, the only cancellations shown were made by today (12 March)."""
    output = run(capsys, "--today", "2026-03-12", "--seed", str(seed))
    # Week N's call is on Tuesday 3 March + (N - 1) weeks, cancelled the day before:
    # by 12 March only the calls of weeks 1 and 2 can have been cancelled.
    cancelled = [int(n) for n in re.findall(r"Week (\d+): \w+ cancelled", output)]
    assert all(week <= 2 for week in cancelled), cancelled


def demo_hiding(*packages: str) -> str:
    """The demo's output in a fresh interpreter that cannot import ``packages``."""
    return run_python(
        hiding(*packages) + "\nfrom ementoring.__main__ import main\nmain(['demo'])\n"
    ).stdout


CALENDAR = ("icalendar", "recurring_ical_events", "x_wr_timezone")


def test_runs_with_what_make_demo_installs(default_output: str) -> None:
    """`make demo` installs the runtime, Babel and the calendar extra: the rest hidden, the same output."""
    shown = ("babel", *CALENDAR)
    assert demo_hiding(*(extra for extra in EXTRAS if extra not in shown)) == default_output


def test_runs_without_any_extra(default_output: str) -> None:
    """Without any extra, the Russian message and the calendar section give way to install hints."""
    bare, _, bare_rest = demo_hiding(*EXTRAS).partition("6. Calendars")
    full, _, full_rest = default_output.partition("6. Calendars")
    # The dashboard after the calendars needs no extra: the same either way.
    bare_calendar, _, bare_dashboard = bare_rest.partition("7. The coordinator's dashboard")
    assert bare_dashboard == full_rest.partition("7. The coordinator's dashboard")[2] != ""
    changed = [
        line
        for line, before in zip(bare.splitlines(), full.splitlines(), strict=True)
        if line != before
    ]
    assert len(changed) == 1
    assert "pip install 'ementoring[i18n]'" in changed[0]
    assert len(bare_calendar.rstrip("\n").splitlines()) == 2
    assert "pip install 'ementoring[calendar]'" in bare_calendar


def test_schemas_prints_the_json_schema_of_one_type(capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m ementoring schemas Session`` prints exactly json_schema(Session), as JSON."""
    import json

    from ementoring.accounting import Session
    from ementoring.serialization import json_schema

    assert main(["schemas", "Session"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema(Session)


def test_schemas_prints_every_type_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from ementoring.serialization import DOCUMENT_TYPES, json_schema

    assert main(["schemas"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == sorted(DOCUMENT_TYPES)
    assert printed["Interval"] == json_schema(DOCUMENT_TYPES["Interval"])


def test_schemas_refuses_an_unknown_type(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["schemas", "Sesion"])
    assert caught.value.code == 2
    assert "not a document type: Sesion" in capsys.readouterr().err
