"""`offer-tui restore` lists backups; `offer-tui restore NAME` puts one back.

A restore first backs up the current versions of the files it replaces, then replaces each
file atomically. A backup of the whole offers folder (the one taken before an import, or a
manual one) is restored exactly: offers added since are removed too (after being backed up
with the rest); a backup of chosen files leaves other files alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.output import emit, error
from tui.store.backups import list_backups, restore
from tui.tomlio.errors import DataError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="list backups, or restore one by name",
        description="Without NAME: list backups (name, reason, files, date). With NAME: "
        "restore it (the files it replaces are backed up first).",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="a backup name from the list")
    parser.set_defaults(func=run)


def _list(root: Path) -> int:
    backups = list_backups(root)
    if not backups:
        emit(f"No backups in {root / 'backups'}")
        return 0
    width = max(len(b.name) for b in backups)
    emit(f"{'NAME':<{width}}  {'REASON':<24}  {'FILES':>5}  DATE")
    for info in backups:
        date = f"{info.created:%Y-%m-%d %H:%M:%S}" if info.created else "-"
        line = f"{info.name:<{width}}  {info.reason:<24}  {len(info.files):>5}  {date}"
        if info.problem:
            line += f"  (cannot restore: {info.problem})"
        elif info.snapshot:
            line += "  (the whole offers folder: restoring it removes offers added since)"
        emit(line)
    return 0


def run(args: argparse.Namespace) -> int:
    if not args.name:
        return _list(args.settings.data_dir)
    root = args.settings.data_dir
    try:
        result = restore(root, args.name)
    except DataError as exc:
        for problem in exc.problems:
            error(f"error: {problem}")
        error("Nothing was restored.")
        return 2
    except OSError as exc:
        error(f"error: restore stopped: {exc}")
        return 1
    if result.safety_backup:
        emit(f"Backed up the current files first: {result.safety_backup.name}")
    for path in result.restored:
        emit(f"  restored {path}")
    for path in result.removed:
        emit(f"  removed {path} (added after the backup; kept in the backup taken first)")
    removed = f", removed {len(result.removed)} added since" if result.removed else ""
    emit(f"Restored {len(result.restored)} files from {result.name}{removed}")
    return 0
