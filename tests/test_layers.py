"""The domain layers never import Textual: model, store, content and rehearsal stay usable
(and testable) without a screen."""

from __future__ import annotations

import subprocess
import sys

PURE = ["tui.model", "tui.store", "tui.content", "tui.rehearsal", "tui.settings", "tui.actions"]

PROBE = """
import importlib, pkgutil, sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError(f"domain code imported {name}")
        return None

sys.meta_path.insert(0, Block())
for package in %r:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
print("ok")
"""


def test_domain_packages_import_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE % PURE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_probe_would_catch_an_import() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE % ["tui.app"]], capture_output=True, text=True, timeout=60
    )
    assert "domain code imported textual" in result.stderr
