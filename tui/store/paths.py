"""The layout of a data directory (where it is comes from `tui.settings`)."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "offer-tui"


class Layout:
    """Folder names inside a data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.offers = root / "offers"
        self.attempts = root / "attempts"
        self.backups = root / "backups"
        self.checklists = root / "checklists"
        self.questions = root / "questions"
        self.templates = root / "templates"
        self.lock = root / ".lock"


def link_inside(root: Path, path: Path) -> Path | None:
    """The first part of `path` below `root` that is a symbolic link (or `path` itself),
    or None. The data folder itself may be a link; nothing inside it may be."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return path
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None
