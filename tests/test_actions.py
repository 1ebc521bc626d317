"""The action registry is the one place actions are declared: every binding in the app comes
from it, README's key table is generated from it, and `offer-tui check` validates keymaps
against it without importing Textual."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

from tui.actions import ACTION_IDS, ACTIONS
from tui.actions.registry import markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK_TEXTUAL = """
import sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError(f"check imported {name}")
        return None

sys.meta_path.insert(0, Block())
from tui.cli import main
sys.exit(main(["check"]))
"""


def _subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


def test_every_binding_in_the_app_is_a_registry_action() -> None:
    from textual.binding import Binding
    from textual.dom import DOMNode

    import tui.app

    for info in pkgutil.iter_modules(tui.app.__path__):
        importlib.import_module(f"tui.app.{info.name}")
    bound: dict[str, tuple[str, str]] = {}
    for cls in _subclasses(DOMNode):
        if cls.__module__.startswith("tui.app"):
            for binding in cls.__dict__.get("BINDINGS", []):
                assert isinstance(binding, Binding) and binding.id, (cls, binding)
                bound[binding.id] = (binding.key, binding.action)
    assert set(bound) == ACTION_IDS
    assert all(bound[a.id] == (a.keys, a.action) for a in ACTIONS)


def test_ids_are_unique() -> None:
    assert len(ACTION_IDS) == len(ACTIONS)


def test_readme_key_table_is_the_registry() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- keys:[^\n]*-->\n(.*?)\n<!-- /keys -->", text, re.S)
    assert found, "README has no generated key table"
    assert found.group(1) == markdown_table(), (
        "README's key table is out of date: paste tui.actions.registry.markdown_table()"
    )


def test_check_validates_a_keymap_without_textual(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "offer-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keymap]\n"offer.ad" = "n"\n')
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL], capture_output=True, text=True, timeout=60
    )
    assert "check imported" not in result.stderr
    assert result.returncode == 2
    assert f'{config}:2:1: keymap."offer.ad": is not a binding id; did you mean `offer.add`?' in (
        result.stderr
    )
