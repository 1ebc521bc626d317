"""Fixtures for the real-terminal tests: skip cleanly when tmux is missing."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.practice import PracticeServerProcess
from e2e.sshd import Sshd
from e2e.tmux import tmux_available


@pytest.fixture(autouse=True)
def _needs_tmux() -> None:
    if not tmux_available():
        pytest.skip("tmux not installed (apt-get install tmux)")


def app_argv(data_dir: Path) -> list[str]:
    """`offer-tui --data-dir DIR`, by the console script next to this Python if installed."""
    script = Path(sys.executable).parent / "offer-tui"
    if script.exists():
        return [str(script), "--data-dir", str(data_dir)]
    found = shutil.which("offer-tui")
    if found:
        return [found, "--data-dir", str(data_dir)]
    return [sys.executable, "-m", "tui", "--data-dir", str(data_dir)]


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    with Sshd(tmp_path) as server:
        yield server


@pytest.fixture
def practice_server(tmp_path: Path) -> Iterator[PracticeServerProcess]:
    with PracticeServerProcess(tmp_path) as server:
        yield server
