"""The practice server's limits and key options seen from a real OpenSSH client: the idle
warning over the real app in a real terminal (tmux), and restricted keys turned away."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from e2e.practice import PracticeServerProcess
from e2e.tmux import TmuxSession

pytestmark = pytest.mark.e2e

START_TIMEOUT = 20.0
WARNING = "unless you press a key"


def test_idle_warning_shows_over_the_app_and_a_key_clears_it(tmp_path: Path) -> None:
    # The warning comes 8 s after the last input. A key pressed once the app's first screen
    # is up starts that clock again, so the warning is drawn over the app however long it
    # took to start (a first frame drawn after the warning would paint over it).
    flags = ["--idle-timeout", "16", "--idle-warning", "8"]
    with (
        PracticeServerProcess(tmp_path, extra_args=flags) as server,
        TmuxSession(server.ssh_argv()) as term,
    ):
        term.wait_until(lambda s: "Quit" in s or WARNING in s, START_TIMEOUT, "the app")
        term.send_keys("Escape")  # input: the idle clock starts again
        term.wait_for("Quit", 10)
        screen = term.wait_for(WARNING, 25)
        assert WARNING in screen.splitlines()[-1]  # on the bottom row, over the footer
        term.send_keys("Escape")
        screen = term.wait_gone(WARNING, 10)
        term.wait_for("Quit", 10)  # the app repainted its footer
        term.send_keys("q")
        assert term.wait_exit(timeout=10) == 0, term.capture()
    assert "idle session warned" in server.log()


def run_ssh(server: PracticeServerProcess) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        server.ssh_argv(), capture_output=True, timeout=30, stdin=subprocess.DEVNULL
    )


def test_a_key_limited_to_another_address_is_refused(tmp_path: Path) -> None:
    with PracticeServerProcess(tmp_path, key_options='from="192.0.2.0/24"') as server:
        result = run_ssh(server)
        assert result.returncode == 255
        assert b"Permission denied" in result.stderr
        refusals = [line for line in server.log().splitlines() if "refused key" in line]
    assert len(refusals) == 1
    assert "from= does not allow 127.0.0.1" in refusals[0]


def test_a_key_with_a_forced_command_is_refused(tmp_path: Path) -> None:
    with PracticeServerProcess(tmp_path, key_options='command="/bin/sh"') as server:
        assert run_ssh(server).returncode == 255
        assert "option command= is not supported" in server.log()


def test_a_no_pty_key_is_told_why_it_gets_no_session(tmp_path: Path) -> None:
    with PracticeServerProcess(tmp_path, key_options="no-pty") as server:
        result = run_ssh(server)
    assert result.returncode == 1
    assert b"may not open a terminal" in result.stdout + result.stderr
