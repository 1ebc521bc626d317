"""Dated copies of data files, taken before anything rewrites them wholesale.

A backup is a folder `<data dir>/backups/<YYYYMMDD-HHMMSS>-<reason>/` (mode 700) holding
copies of the files (mode 600) at their paths relative to the data directory, e.g.
`offers/northwind-staff-engineer-1a2b3c.toml`, plus `manifest.toml`:

    version = 1
    reason = "before-import"
    created = 2026-11-02T14:03:11
    [[files]]
    path = "offers/northwind-staff-engineer-1a2b3c.toml"
    size = 812
    blake2b = "..."

The manifest is written last, so a folder without one is an interrupted backup and is never
restored from (the next start removes it, see recovery.py). A backup of the whole offers
folder says `snapshot = "offers"`; restoring it also removes offers added since, so a
restore of the backup taken before an import undoes the import exactly. Taking a backup
never locks: the store calls it while holding its own lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import tomli_w

from tui.model.clock import now
from tui.model.ids import slugify
from tui.store.paths import Layout, link_inside
from tui.store.staging import Plan, roll_forward, stage
from tui.tomlio.errors import DataError, Problem
from tui.tomlio.tomlfile import (
    LINK_MESSAGE,
    atomic_write,
    ensure_private_dir,
    file_lock,
    read_bytes,
)

MANIFEST = "manifest.toml"
MANIFEST_VERSION = 1
NAME_PATTERN = re.compile(r"^(\d{8})-(\d{6})-([a-z0-9][a-z0-9-]*)$")


@dataclass
class BackupInfo:
    name: str
    path: Path
    reason: str = ""
    created: datetime | None = None
    files: list[str] = field(default_factory=list)
    problem: str = ""  # why it cannot be restored from, or ""
    snapshot: bool = False  # holds the whole offers folder as it was


@dataclass
class RestoreResult:
    name: str
    restored: list[Path]
    safety_backup: Path | None
    removed: list[Path] = field(default_factory=list)  # offers added after a snapshot


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return f"outside/{path.name}"


def offer_files(root: Path) -> list[Path]:
    """Every data file in offers/ (hidden and temp files and symbolic links left out)."""
    folder = Layout(root).offers
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(".") and not p.is_symlink() and p.is_file()
    )


def _new_folder(root: Path, reason: str) -> Path:
    backups = Layout(root).backups
    ensure_private_dir(backups)
    base = f"{now():%Y%m%d-%H%M%S}-{slugify(reason) or 'manual'}"
    for attempt in range(1, 1000):
        target = backups / (base if attempt == 1 else f"{base}-{attempt}")
        try:
            os.mkdir(target, 0o700)
        except FileExistsError:
            continue
        return target
    raise OSError(f"{backups}: could not find a free backup name for {base}")


def backup(root: Path, reason: str, files: Sequence[Path] | None = None) -> Path:
    """Copy `files` (default: every file in offers/, marked as a snapshot of that folder)
    into a new dated backup folder. On any failure (a full or read-only disk) the folder is
    removed again and the OSError or DataError raised: never a half backup."""
    chosen = offer_files(root) if files is None else list(files)
    target = _new_folder(root, reason)
    try:
        entries = []
        for source in chosen:
            data = read_bytes(source)
            rel = _relative(root, source)
            destination = target / rel
            ensure_private_dir(destination.parent)
            atomic_write(destination, data)
            entries.append({"path": rel, "size": len(data), "blake2b": _hash(data)})
        manifest: dict[str, object] = {
            "version": MANIFEST_VERSION,
            "reason": reason,
            "created": now(),
            "files": entries,
        }
        if files is None:
            manifest["snapshot"] = "offers"  # the whole folder: a restore removes newer files
        atomic_write(target / MANIFEST, tomli_w.dumps(manifest).encode())
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def list_backups(root: Path) -> list[BackupInfo]:
    """Every backup folder, oldest first; broken or interrupted ones carry a `problem`."""
    folder = Layout(root).backups
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and NAME_PATTERN.match(p.name)]
    return [_info(p) for p in sorted(found, key=lambda p: p.name)]


def _info(path: Path) -> BackupInfo:
    info = BackupInfo(name=path.name, path=path)
    manifest = path / MANIFEST
    try:
        table = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        info.problem = f"{manifest}: missing (the backup was interrupted)"
        return info
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        info.problem = f"{manifest}: cannot be read: {exc}"
        return info
    info.reason = str(table.get("reason", ""))
    created = table.get("created")
    info.created = created if isinstance(created, datetime) else None
    entries = table.get("files", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        info.problem = f"{manifest}: `files` must be a list of tables"
        return info
    info.files = [str(e.get("path", "")) for e in entries]
    info.snapshot = table.get("snapshot") == "offers"
    return info


def _safe_target(root: Path, rel: str) -> Path | None:
    pure = PurePosixPath(rel)
    if pure.is_absolute() or not pure.parts or ".." in pure.parts:
        return None
    if pure.parts[0] in ("backups", "outside") or pure.name.startswith("."):
        return None
    return root.joinpath(*pure.parts)


def _read_backup(root: Path, info: BackupInfo) -> list[tuple[Path, bytes]]:
    """Every file of a backup with its target, checked against the manifest; or DataError."""
    manifest = info.path / MANIFEST
    if info.problem:
        raise DataError([Problem(manifest, info.problem)])
    table = tomllib.loads(manifest.read_text(encoding="utf-8"))
    out: list[tuple[Path, bytes]] = []
    problems: list[Problem] = []
    for index, entry in enumerate(table.get("files", [])):
        rel = str(entry.get("path", ""))
        target = _safe_target(root, rel)
        if target is None:
            problems.append(Problem(manifest, f"unsafe path {rel!r}", key_path=("files", index)))
            continue
        link = link_inside(root, target) or link_inside(info.path, info.path / rel)
        if link is not None:
            problems.append(Problem(link, LINK_MESSAGE))
            continue
        try:
            data = read_bytes(info.path / rel)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        except OSError as exc:
            problems.append(Problem(info.path / rel, f"cannot be read: {exc.strerror}"))
            continue
        if _hash(data) != entry.get("blake2b"):
            problems.append(Problem(info.path / rel, "does not match its manifest (damaged)"))
            continue
        out.append((target, data))
    if problems:
        raise DataError(problems)
    return out


def _store_lock(root: Path) -> contextlib.AbstractContextManager[None]:
    """The same lock OfferStore takes for writes, so a restore never interleaves a save."""
    return file_lock(Layout(root).lock)


def find_backup(root: Path, name: str) -> BackupInfo:
    if not NAME_PATTERN.match(name):
        raise DataError([Problem(Layout(root).backups / name, "is not a backup name")])
    for info in list_backups(root):
        if info.name == name:
            return info
    raise DataError([Problem(Layout(root).backups / name, "no such backup")])


def restore(root: Path, name: str) -> RestoreResult:
    """Put a backup's files back, all at once (staging.py): the current versions of the
    files it replaces (and, for a snapshot of the offers folder, of the offers added since,
    which it removes) are backed up first; files not in a backup of chosen files are left
    alone."""
    info = find_backup(root, name)
    files = _read_backup(root, info)
    offers = Layout(root).offers
    with _store_lock(root):
        wanted = {target for target, _ in files}
        extra = [p for p in offer_files(root) if p not in wanted] if info.snapshot else []
        current = [target for target, _ in files if target.is_file()]
        reason = f"before-restore-{name[:15]}"
        if info.snapshot:  # a snapshot again, so that restoring it undoes this restore
            safety = backup(root, reason) if current or extra else None
        else:
            safety = backup(root, reason, current) if current else None
        if all(target.parent == offers for target, _ in files):
            ensure_private_dir(offers)
            plan = Plan([t.name for t, _ in files], [p.name for p in extra])
            folder = stage(root, "restore", {t.name: data for t, data in files}, plan.remove)
            roll_forward(root, folder, plan)
        else:  # an older backup holding files outside offers/: one file at a time
            for target, data in files:
                ensure_private_dir(target.parent)
                atomic_write(target, data)
            for path in extra:
                path.unlink()
    restored = [target for target, _ in files]
    return RestoreResult(name=name, restored=restored, safety_backup=safety, removed=extra)
