"""The layers hold: the domain never imports Textual (checked by importing it with Textual
blocked), and every arrow between the packages points down (import-linter's contracts in
pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_import_contracts_hold() -> None:
    """The layer contracts in pyproject.toml ([tool.importlinter]), indirect imports included."""
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_lint_imports_would_catch_a_wrong_arrow(tmp_path: Path) -> None:
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "tui"\n'
        '[[tool.importlinter.contracts]]\nname = "app never uses model (false)"\n'
        'type = "forbidden"\nsource_modules = ["tui.app"]\nforbidden_modules = ["tui.model"]\n'
    )
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "BROKEN" in result.stdout
