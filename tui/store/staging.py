"""Changing many offer files all at once: every new file is written to a staging folder
(`.staging/<kind>-<stamp>/offers/`), then a plan naming the files to move in and the files
to remove is written: that is the commit point. Then the files are renamed into offers/ and
the removals done. Killed before the plan, nothing in offers/ changed and the next start
removes the folder; killed after, the next start finishes the plan (recovery.py)."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from tui.store.paths import Layout
from tui.tomlio.tomlfile import atomic_write, ensure_private_dir

STAGING = ".staging"
PLAN = "plan.toml"
KINDS = ("import", "restore")


@dataclass
class Plan:
    files: list[str] = field(default_factory=list)  # staged names, moved into offers/
    remove: list[str] = field(default_factory=list)  # names removed from offers/


def stage(root: Path, kind: str, files: Mapping[str, bytes], remove: Sequence[str] = ()) -> Path:
    """Write `files` (offer file name -> bytes) to a new staging folder, then the plan. On
    any failure before the plan is written the folder is removed again and the error raised."""
    name = f"{kind}-{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
    folder = root / STAGING / name
    try:
        # One by one: mkdir(parents=True) gives the parents the umask's mode, not 0700.
        for private in (root / STAGING, folder, folder / "offers"):
            ensure_private_dir(private)
        for file_name, data in files.items():
            atomic_write(folder / "offers" / file_name, data)
        plan = {"version": 1, "files": list(files), "remove": list(remove)}
        atomic_write(folder / PLAN, tomli_w.dumps(plan).encode())
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def staging_folders(root: Path) -> list[Path]:
    folder = root / STAGING
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p for p in folder.iterdir() if p.name.split("-", 1)[0] in KINDS)


def _names(value: object) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(f, str) for f in value):
        return None
    return [f for f in value if f.endswith(".toml") and "/" not in f and not f.startswith(".")]


def read_plan(folder: Path) -> Plan | None:
    """What a staged change commits to, or None when it never got that far."""
    try:
        table = tomllib.loads((folder / PLAN).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    files, remove = _names(table.get("files")), _names(table.get("remove", []))
    if files is None or remove is None:
        return None
    return Plan(files, remove)


def roll_forward(root: Path, folder: Path, plan: Plan) -> int:
    """Move each staged file into offers/ (a rename, so each is whole), then do the
    removals; idempotent (what is already done is skipped). Then the staging folder goes.
    Returns the number of files moved or removed."""
    offers = Layout(root).offers
    done = 0
    for name in plan.files:
        source = folder / "offers" / name
        if source.is_file() and not source.is_symlink():
            os.replace(source, offers / name)
            done += 1
    for name in plan.remove:
        target = offers / name
        if target.is_file() and not target.is_symlink():
            os.unlink(target)
            done += 1
    _fsync_dir(offers)
    # The plan goes last: a folder without one is then either not yet committed or done.
    shutil.rmtree(folder / "offers", ignore_errors=True)
    (folder / PLAN).unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    return done


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
