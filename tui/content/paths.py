"""Where the bundled guidance lives: inside the installed package, or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

KINDS = ("checklists", "questions", "templates")


@cache
def bundled_guidance_dir() -> Path:
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "guidance"
    if (installed / "checklists").is_dir():
        return installed
    return package_dir.parent / "guidance"
