"""A keymap that puts an action on a key another action already uses where both apply
(`"offer.edit" = "s"`, where `s` changes the status) is reported with its line, by
`offer-tui check` and before the app starts; before, the status action silently had no key
left and help listed both on `s`."""

from __future__ import annotations

from pathlib import Path

from tui.actions import ACTION_IDS
from tui.settings.file import check_names, load_config
from tui.settings.themes import THEMES


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "offer-tui" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def problems(path: Path) -> list[str]:
    return [str(p) for p in check_names(load_config(path), ACTION_IDS, THEMES)]


def test_a_key_taken_in_the_same_place_is_named(isolated_dirs: Path) -> None:
    path = write_config(isolated_dirs, '[keymap]\n"offer.edit" = "s"\n')
    assert problems(path) == [
        f"{path}:2:1: keymap.\"offer.edit\": 's' is also the key of `offer.status` "
        "(offer list); one would never run"
    ]


def test_a_list_key_over_an_app_key_is_named(isolated_dirs: Path) -> None:
    path = write_config(isolated_dirs, '[keymap]\n"offer.add" = "q"\n')
    [problem] = problems(path)
    assert "`app.quit` (anywhere)" in problem


def test_swaps_and_keys_in_other_places_are_fine(isolated_dirs: Path) -> None:
    text = '[keymap]\n"offer.edit" = "s"\n"offer.status" = "e"\n"offer.add" = "n"\n'
    assert problems(write_config(isolated_dirs, text)) == []
