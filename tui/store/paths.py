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
