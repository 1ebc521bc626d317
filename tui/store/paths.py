"""Where the data directory is, and its layout."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "offer-tui"
ENV_DATA = "OFFER_TUI_DATA"


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV_DATA):
        return Path(env[ENV_DATA]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / APP_NAME


def resolve_data_dir(cli_value: str | None, env: Mapping[str, str] | None = None) -> Path:
    """`--data-dir` wins, then $OFFER_TUI_DATA, then $XDG_DATA_HOME/offer-tui."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_data_dir(env)


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / APP_NAME


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
