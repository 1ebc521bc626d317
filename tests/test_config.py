"""config.toml: validated before any screen, with the same kind of messages as data files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.app.keys import known_binding_ids, known_themes
from tui.store.config import check_names, load_config


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "offer-tui" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_missing_file_gives_defaults() -> None:
    load = load_config()
    assert load.problems == [] and load.config.theme == "textual-dark" and load.config.mouse


def test_good_file_is_read(isolated_dirs: Path) -> None:
    write_config(
        isolated_dirs,
        'theme = "ansi-dark"\nmouse = false\nprivacy = true\n[keymap]\n"offer.add" = "n"\n',
    )
    load = load_config()
    assert load.problems == []
    config = load.config
    assert (config.theme, config.mouse, config.privacy) == ("ansi-dark", False, True)
    assert config.keymap == {"offer.add": "n"}
    assert check_names(load, known_binding_ids(), known_themes()) == []


def test_misspelt_binding_id_and_theme_are_named_with_line(isolated_dirs: Path) -> None:
    path = write_config(isolated_dirs, 'theme = "nordd"\n[keymap]\n"offer.ad" = "n"\n')
    problems = check_names(load_config(), known_binding_ids(), known_themes())
    text = [str(p) for p in problems]
    assert f'{path}:3:1: keymap."offer.ad": is not a binding id; did you mean `offer.add`?' in text
    assert f"{path}:1:1: theme: unknown theme 'nordd'; did you mean `nord`?" in text


def test_wrong_type_and_unknown_key(isolated_dirs: Path) -> None:
    path = write_config(isolated_dirs, 'mouse = "yes"\nprivcy = true\n')
    text = [str(p) for p in load_config().problems]
    assert f"{path}:1:1: mouse: expected true or false, found a string" in text
    assert f"{path}:2:1: privcy: unknown key; did you mean `privacy`?" in text


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


def test_keymap_changes_the_key(isolated_dirs: Path, data_dir: Path) -> None:
    import asyncio

    from tui.app.app import OfferApp

    async def run() -> str:
        app = OfferApp(data_dir, keymap={"offer.add": "n"}, watch_interval=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("n")
            await pilot.pause()
            return type(app.screen).__name__

    assert asyncio.run(run()) == "FormScreen"
