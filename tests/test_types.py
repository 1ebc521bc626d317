"""mypy over the whole package, as configured in pyproject.toml: strict for the domain
(model, tomlio, store, content, rehearsal, settings, actions), default settings elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_is_clean(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_domain_is_checked_strictly(tmp_path: Path) -> None:
    """An unannotated function is an error in the domain (so the strict flags apply there);
    checked on a stand-in for a model module, the source tree untouched."""
    probe = tmp_path / "probe.py"
    probe.write_text("def untyped(x):\n    return x\n")
    target = "tui/model/ids.py"
    shadow = ["--shadow-file", target, str(probe), target]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), *shadow],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Function is missing a type annotation" in result.stdout, result.stdout
