"""A whole session in a real 80x24 terminal, driven with tmux send-keys: add an offer, tick a
checklist item, answer a rehearsal question, quit; then the same over a real SSH login.
The screen is read with capture-pane and the files on disk are checked afterwards."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

import pytest

from e2e.conftest import app_argv
from e2e.sshd import Sshd, remote_env_command
from e2e.tmux import TmuxSession

pytestmark = pytest.mark.e2e

# Seconds for each step to show: generous, for a 2-core machine loaded by other work.
WAIT = 30.0
ANSWER = (
    "Thank you for taking my call. I turned the offer down because I chose to stay with my "
    "team, but that project was cancelled last month and I have thought hard about it. "
    "I want to build the warehouse robots with Dana's group; that is what I kept coming "
    "back to. I understand if the role is filled; if it is open, I would love to talk."
)


def play_session(argv: Sequence[str]) -> None:
    with TmuxSession(argv, size=(80, 24)) as term:
        term.wait_until(lambda s: "offer-tui" in s and "Quit" in s, 30, "the first screen")
        term.wait_for("Press a to add", WAIT)

        term.send_keys("a")
        term.wait_for("Add offer", WAIT)
        term.type("Acme Robotics")
        term.press("Tab")
        term.type("Robotics Engineer")
        term.press("Enter")
        term.wait_for("1 offer ·", WAIT)

        term.send_keys("2")  # the checklist that fits a received offer
        term.wait_for("Be certain", WAIT)
        term.press("Space")
        term.wait_for("1/6 done", WAIT)

        term.send_keys("3")  # rehearsal: the answer box takes focus
        term.wait_for("Interviewer", WAIT)
        term.type(ANSWER)
        term.wait_for(re.compile(r"Running score \d+"), WAIT)  # scored as typed
        term.press("C-s")
        term.wait_for(re.compile(r"Score \d+/100"), WAIT)
        term.press("Escape")  # leave the answer box; the text and score stay
        term.press("q")
        assert term.wait_exit(timeout=WAIT) == 0, term.capture()


def check_disk(data_dir: Path) -> None:
    [offer_file] = (data_dir / "offers").glob("*.toml")
    offer = tomllib.loads(offer_file.read_text())
    assert (offer["company"], offer["role"]) == ("Acme Robotics", "Robotics Engineer")
    [progress] = offer["checklists"]
    assert progress["checklist"] == "be-certain" and len(progress["done"]) == 1
    attempts = [
        attempt
        for path in (data_dir / "attempts").glob("*.toml")
        for attempt in tomllib.loads(path.read_text()).get("attempt", [])
    ]
    assert len(attempts) == 1
    assert attempts[0]["answer"] == ANSWER
    assert 0 <= attempts[0]["score"] <= 100


def test_full_flow_in_tmux(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    play_session(app_argv(data_dir))
    check_disk(data_dir)


def test_full_flow_over_ssh(sshd: Sshd, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    keep = {k: os.environ[k] for k in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    play_session(sshd.ssh_argv(remote_env_command(app_argv(data_dir), keep)))
    check_disk(data_dir)
