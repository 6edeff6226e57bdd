"""The demo runs, prints only through __main__, and is deterministic."""

from __future__ import annotations

import pytest

from ementoring.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["demo", *argv]) == 0
    return capsys.readouterr().out


def test_demo_marks_the_clock_changes(capsys: pytest.CaptureFixture[str]) -> None:
    """The Toronto meeting moves for St. Petersburg on 8 March and for Tel Aviv on 27 March."""
    out = run(capsys)
    assert "2026-03-03  12:00            20:00            19:00" in out
    assert "moved for St. Petersburg 20:00 -> 19:00, Tel Aviv 19:00 -> 18:00" in out
    assert "America/Toronto: on 2026-03-08 clocks go forward from 02:00 to 03:00" in out
    assert "moved for Tel Aviv 18:00 -> 19:00" in out
    assert "Asia/Jerusalem: on 2026-03-27 clocks go forward from 02:00 to 03:00" in out


def test_demo_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    """The same options give the same output."""
    options = ("--today", "2026-03-16", "--seed", "3")
    assert run(capsys, *options) == run(capsys, *options)


def test_demo_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --today is a usage error, not a traceback."""
    with pytest.raises(SystemExit) as caught:
        main(["demo", "--today", "16/03/2026"])
    assert caught.value.code == 2
    assert "--today" in capsys.readouterr().err
