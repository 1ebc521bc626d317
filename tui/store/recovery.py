"""Leftovers of a run that was killed, cleaned up or finished at the next start.

- A staged import (`.staging/import-*/`) whose plan was written is finished (its files are
  moved into offers/); one without a plan had changed nothing and is removed.
- A backup folder without its manifest is an interrupted backup: removed.
- Temp files of interrupted atomic writes (`.NAME.XXXX.tmp`) are removed.

Everything runs under the store's lock (and the history's for attempts/), so nothing a live
process is still writing is touched. Returns one note per thing done, for the user."""

from __future__ import annotations

import contextlib
import os
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

from tui.store.backups import MANIFEST, NAME_PATTERN
from tui.store.paths import Layout
from tui.tomlio.tomlfile import file_lock

STAGING = ".staging"
PLAN = "plan.toml"


def recover(root: Path) -> list[str]:
    layout = Layout(root)
    if not root.is_dir():
        return []
    notes: list[str] = []
    try:
        with file_lock(layout.lock):
            notes += _finish_imports(root)
            notes += _interrupted_backups(layout.backups)
            removed = _temp_files([root, layout.offers, *_backup_folders(layout.backups)])
        if layout.attempts.is_dir() and not layout.attempts.is_symlink():
            with file_lock(layout.attempts / ".lock"):
                removed += _temp_files([layout.attempts])
    except OSError as exc:  # a read-only folder: nothing can have been left half-written
        return [*notes, f"{root}: leftovers not checked ({exc.strerror or exc})"] if notes else []
    if removed:
        notes.append(f"removed {len(removed)} temp file(s) left by an interrupted save")
    return notes


def staging_folders(root: Path) -> list[Path]:
    folder = root / STAGING
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith("import-"))


def _finish_imports(root: Path) -> list[str]:
    notes = []
    for stage in staging_folders(root):
        plan = read_plan(stage)
        if plan is None:
            shutil.rmtree(stage, ignore_errors=True)
            notes.append(
                f"cleared an import that was interrupted before it changed anything ({stage.name})"
            )
            continue
        moved = roll_forward(root, stage, plan)
        notes.append(
            f"finished an import that was interrupted: {moved} of {len(plan)} offer files "
            f"put in place ({stage.name})"
        )
    return notes


def read_plan(stage: Path) -> list[str] | None:
    """The file names a staged import commits to, or None when it never got that far."""
    try:
        table = tomllib.loads((stage / PLAN).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    files = table.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return [f for f in files if f.endswith(".toml") and "/" not in f and not f.startswith(".")]


def roll_forward(root: Path, stage: Path, files: list[str]) -> int:
    """Move each staged offer file into offers/ (a rename, so each is whole); idempotent:
    a file already moved is skipped. Then the staging folder goes."""
    offers = Layout(root).offers
    moved = 0
    for name in files:
        source = stage / "offers" / name
        if source.is_file() and not source.is_symlink():
            os.replace(source, offers / name)
            moved += 1
    _fsync_dir(offers)
    shutil.rmtree(stage, ignore_errors=True)
    return moved


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _backup_folders(backups: Path) -> Iterator[Path]:
    if not backups.is_dir() or backups.is_symlink():
        return
    for path in backups.iterdir():
        if path.is_dir() and not path.is_symlink():
            yield path
            yield from (p for p in path.rglob("*") if p.is_dir() and not p.is_symlink())


def _interrupted_backups(backups: Path) -> list[str]:
    if not backups.is_dir() or backups.is_symlink():
        return []
    notes = []
    for path in sorted(backups.iterdir()):
        if path.is_symlink() or not path.is_dir() or not NAME_PATTERN.match(path.name):
            continue
        if not (path / MANIFEST).exists():
            shutil.rmtree(path, ignore_errors=True)
            notes.append(f"removed the interrupted backup {path.name} (it had no manifest)")
    return notes


def _temp_files(folders: list[Path]) -> list[Path]:
    removed = []
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in folder.iterdir():
            if path.name.startswith(".") and path.name.endswith(".tmp") and not path.is_dir():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return removed
