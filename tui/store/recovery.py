"""Leftovers of a run that was killed, cleaned up or finished at the next start.

- A staged import or restore (`.staging/*/`, see staging.py) whose plan was written is
  finished; one without a plan had changed nothing and is removed.
- A backup folder without its manifest is an interrupted backup: removed.
- Temp files of interrupted atomic writes (`.NAME.XXXX.tmp`) are removed.

Everything runs under the store's lock (and the history's for attempts/), so nothing a live
process is still writing is touched. Returns one note per thing done, for the user."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from tui.store.backups import MANIFEST, NAME_PATTERN
from tui.store.paths import Layout
from tui.store.staging import read_plan, roll_forward, staging_folders
from tui.tomlio.tomlfile import file_lock


def recover(root: Path) -> list[str]:
    layout = Layout(root)
    if not root.is_dir():
        return []
    notes: list[str] = []
    try:
        with file_lock(layout.lock):
            notes += _finish_staged(root)
            notes += _interrupted_backups(layout.backups)
            # A completed backup (with its manifest) holds no temp file; others are removed.
            removed = _temp_files([root, layout.offers])
        if layout.attempts.is_dir() and not layout.attempts.is_symlink():
            with file_lock(layout.attempts / ".lock"):
                removed += _temp_files([layout.attempts])
    except OSError as exc:  # a read-only folder: nothing can have been left half-written
        return [*notes, f"{root}: leftovers not checked ({exc.strerror or exc})"] if notes else []
    if removed:
        notes.append(f"removed {len(removed)} temp file(s) left by an interrupted save")
    return notes


def _finish_staged(root: Path) -> list[str]:
    notes = []
    for folder in staging_folders(root):
        kind = folder.name.split("-", 1)[0]
        kind = f"an {kind}" if kind == "import" else f"a {kind}"
        plan = read_plan(folder)
        if plan is None:
            staged = folder / "offers"
            started = staged.is_dir() and any(staged.iterdir())
            shutil.rmtree(folder, ignore_errors=True)
            if started:
                notes.append(
                    f"cleared {kind} that was interrupted before it changed anything "
                    f"({folder.name})"
                )
            else:
                notes.append(f"removed the empty staging folder of {kind} ({folder.name})")
            continue
        done = roll_forward(root, folder, plan)
        total = len(plan.files) + len(plan.remove)
        notes.append(
            f"finished {kind} that was interrupted: {done} of {total} offer files "
            f"put in place or removed ({folder.name})"
        )
    return notes


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
