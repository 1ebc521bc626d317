"""A theme picked in the command palette is kept in config.toml (comments and other keys
untouched) and used at the next start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apphelp import started, wait_for, wait_for_text

from tui.app.app import OfferApp
from tui.settings import Settings
from tui.settings.file import config_path, load_config

TODAY = dt.date(2026, 11, 23)


async def test_a_theme_picked_in_the_palette_is_kept(data_dir: Path) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('# mine\nmy_name = "Alex Kim"  # signs messages\ntheme = "textual-dark"\n')
    app = OfferApp(Settings(data_dir=data_dir, config_path=path), today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+p", *"theme")
        await wait_for_text(pilot, app, "Change the current theme")
        await pilot.press("enter", *"nord")
        await wait_for_text(pilot, app, "nord")
        await pilot.press("enter")
        await wait_for(lambda: "nord" in path.read_text(), "the theme written to config.toml")
        assert app.theme == "nord"
    text = path.read_text()
    assert text.startswith("# mine\n") and 'my_name = "Alex Kim"  # signs messages' in text
    assert load_config(path).config.theme == "nord"
    assert "Theme nord kept in config.toml" in app.messages


async def test_the_starting_theme_is_not_written_back(data_dir: Path) -> None:
    path = config_path()
    app = OfferApp(Settings(data_dir=data_dir, theme="nord"), today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        assert app.theme == "nord"
    assert not path.exists()
