"""Shared fixtures: every test runs with its own data and config directories, never the
user's real ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import textual._wait

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# The CLI, the app in tmux and the SSH server run as fresh Pythons; with
# PYTHONDONTWRITEBYTECODE=1 (set on CI) each one compiled the package from source again.
# Unset for them, the first writes tui/__pycache__ (git-ignored) and the rest read it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Pilot's `press` waits for the app to go idle twice after every key, each time sleeping in
# steps of textual._wait.SLEEP_GRANULARITY (20 ms) until a step uses under SLEEP_IDLE of
# CPU (1 ms): 40 ms a key at least, most of the time of the app tests. Steps of 5 ms find
# the same idle sooner; idle is then under 10 % CPU (0.5 ms), well above the ~0.15 ms an
# idle step costs and far below a busy step. Tests wait for what they assert, never on this
# wait: a smaller OFFER_TUI_TEST_IDLE_STEP (0.002) finds any test that relies on it.
assert hasattr(textual._wait, "SLEEP_GRANULARITY"), "Textual changed how Pilot waits"
textual._wait.SLEEP_GRANULARITY = float(os.environ.get("OFFER_TUI_TEST_IDLE_STEP", "0.005"))
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 10


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("OFFER_TUI_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    return path


@pytest.fixture
def demo_app(data_dir: Path):  # type: ignore[no-untyped-def]
    """The app on the demo data in `data_dir`, on the demo's day, without the disk watch."""
    from apphelp import TODAY

    from tui.app.app import OfferApp
    from tui.demo import write_demo

    write_demo(data_dir, TODAY)
    return OfferApp(data_dir, today=TODAY, watch_interval=0)
