"""config.toml: validated before any screen, with the same kind of messages as data files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.actions import ACTION_IDS
from tui.settings.file import check_names, config_path, load_config
from tui.settings.themes import THEMES


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "offer-tui" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_missing_file_sets_nothing() -> None:
    load = load_config(config_path())
    assert load.problems == []
    assert (load.config.theme, load.config.mouse, load.config.my_name) == (None, None, None)


def test_good_file_is_read(isolated_dirs: Path) -> None:
    write_config(
        isolated_dirs,
        'theme = "ansi-dark"\nmouse = false\nprivacy = true\nmy_name = " Alex Kim "\n'
        '[keymap]\n"offer.add" = "n"\n',
    )
    load = load_config(config_path())
    assert load.problems == []
    config = load.config
    assert (config.theme, config.mouse, config.privacy) == ("ansi-dark", False, True)
    assert config.my_name == "Alex Kim"
    assert config.keymap == {"offer.add": "n"}
    assert check_names(load, ACTION_IDS, THEMES) == []


def test_misspelt_binding_id_and_theme_are_named_with_line(isolated_dirs: Path) -> None:
    path = write_config(isolated_dirs, 'theme = "nordd"\n[keymap]\n"offer.ad" = "n"\n')
    problems = check_names(load_config(path), ACTION_IDS, THEMES)
    text = [str(p) for p in problems]
    assert f'{path}:3:1: keymap."offer.ad": is not a binding id; did you mean `offer.add`?' in text
    assert f"{path}:1:1: theme: unknown theme 'nordd'; did you mean `nord`?" in text


def test_wrong_type_and_unknown_key(isolated_dirs: Path) -> None:
    path = write_config(isolated_dirs, 'mouse = "yes"\nprivcy = true\nmy_name = 3\n')
    text = [str(p) for p in load_config(path).problems]
    assert f"{path}:1:1: mouse: expected true or false, found a string" in text
    assert f"{path}:2:1: privcy: unknown key; did you mean `privacy`?" in text
    assert f"{path}:3:1: my_name: expected text in quotes, found an integer" in text


def test_theme_list_matches_textual() -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(BUILTIN_THEMES) == THEMES


def test_bad_config_stops_before_the_screen_with_exit_2(isolated_dirs: Path) -> None:
    path = write_config(isolated_dirs, "theme = \n")
    before = path.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "tui"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert f"{path}:1:" in result.stderr and "not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_bad_config_stops_a_subcommand_but_check_reports_it(isolated_dirs: Path) -> None:
    from tui.cli import main

    write_config(isolated_dirs, 'theme = "nordd"\n')
    assert main(["export"]) == 2
    assert main(["check"]) == 2


def test_keymap_changes_the_key(isolated_dirs: Path, data_dir: Path) -> None:
    import asyncio

    from apphelp import started, wait_for

    from tui.app.app import OfferApp
    from tui.settings import Settings

    async def run() -> str:
        app = OfferApp(Settings(data_dir, keymap={"offer.add": "n"}), watch_interval=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await started(app, pilot)
            await pilot.press("n")
            await wait_for(lambda: app.screen is not app.main, "a screen opened by n")
            return type(app.screen).__name__

    assert asyncio.run(run()) == "FormScreen"
