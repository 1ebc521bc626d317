"""Shared fixtures: every test runs with its own data and config directories, never the
user's real ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


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
