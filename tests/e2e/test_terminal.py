"""The app's first screen in a real terminal (tmux, 80x24), locally and over SSH.

Each test waits for the first screen, then quits with `q` or ctrl+q and expects exit 0.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from e2e.conftest import app_argv
from e2e.practice import PracticeServerProcess
from e2e.sshd import Sshd, remote_env_command
from e2e.tmux import TmuxSession

pytestmark = pytest.mark.e2e

# Start-up can be slow on a loaded 2-core CI machine, and slower again through ssh.
START_TIMEOUT = 20.0
QUIT_KEYS = ["q", "C-q"]
# What the first screen must show: the title in the header and the quit binding in the footer.
FIRST_SCREEN = ("offer-tui", "Quit")


def wait_first_screen(term: TmuxSession) -> str:
    screen = term.wait_until(
        lambda s: all(text in s for text in FIRST_SCREEN), START_TIMEOUT, "the first screen"
    )
    assert len(screen.splitlines()) <= term.size[1]
    return screen


def quit_app(term: TmuxSession, key: str) -> None:
    term.send_keys(key)
    assert term.wait_exit(timeout=10) == 0, term.capture()


@pytest.mark.parametrize("key", QUIT_KEYS)
def test_first_screen_and_quit_locally(tmp_path: Path, key: str) -> None:
    data_dir = tmp_path / "data"
    with TmuxSession(app_argv(data_dir)) as term:
        wait_first_screen(term)
        quit_app(term, key)
    assert data_dir.is_dir()


@pytest.mark.parametrize("key", QUIT_KEYS)
def test_first_screen_and_quit_over_openssh(sshd: Sshd, tmp_path: Path, key: str) -> None:
    data_dir = tmp_path / "data"
    # sshd hands the command a fresh environment: keep the test's isolated HOME and XDG dirs.
    keep = {k: os.environ[k] for k in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    remote = remote_env_command(app_argv(data_dir), keep)
    with TmuxSession(sshd.ssh_argv(remote)) as term:
        wait_first_screen(term)
        quit_app(term, key)
    assert data_dir.is_dir()


@pytest.mark.parametrize("key", QUIT_KEYS)
def test_first_screen_and_quit_over_practice_server(
    practice_server: PracticeServerProcess, key: str
) -> None:
    with TmuxSession(practice_server.ssh_argv()) as term:
        wait_first_screen(term)
        quit_app(term, key)
    users = practice_server.state_dir / "users"
    assert all(p.name.startswith("sha256-") for p in users.iterdir())


def test_practice_server_session_follows_a_resize(practice_server: PracticeServerProcess) -> None:
    with TmuxSession(practice_server.ssh_argv()) as term:
        wait_first_screen(term)
        term.resize(100, 30)
        # The app re-lays out to the new size: its footer moves to the new last row.
        term.wait_until(
            lambda s: "Quit" in s.splitlines()[29] if len(s.splitlines()) >= 30 else False,
            10,
            "the footer on row 30",
        )
        quit_app(term, "q")


def palette_lists(term: TmuxSession, query: str, title: str) -> bool:
    """Open the command palette, search `query`, and tell whether `title` is offered."""
    term.send_keys("C-p")
    term.wait_for("Search for commands", 10)
    term.type(query)
    term.wait_for(f"🔎 {query}", 10)
    # The palette searches in the background and says so when it found nothing.
    screen = term.wait_until(
        lambda s: title in s or "No matches found" in s, 10, f"{title!r} or no matches"
    )
    listed = title in screen
    term.press("Escape")
    term.wait_gone(f"🔎 {query}", 10)
    return listed


def test_server_side_commands_hidden_only_when_served(
    practice_server: PracticeServerProcess, tmp_path: Path
) -> None:
    with TmuxSession(app_argv(tmp_path / "data")) as term:
        wait_first_screen(term)
        assert palette_lists(term, "screenshot", "Screenshot")
        quit_app(term, "q")
    with TmuxSession(practice_server.ssh_argv()) as term:
        wait_first_screen(term)
        assert not palette_lists(term, "screenshot", "Screenshot")
        quit_app(term, "q")


def test_openssh_client_cannot_run_a_command_on_the_practice_server(
    practice_server: PracticeServerProcess, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    for argv in (
        [*practice_server.ssh_argv(), "touch", str(marker)],
        [*practice_server.ssh_argv(), "-s", "sftp"],
    ):
        result = subprocess.run(argv, capture_output=True, text=True, timeout=20, check=False)
        assert result.returncode == 255, result.stderr
        assert "request failed" in result.stderr
    assert not marker.exists()
