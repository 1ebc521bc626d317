"""`offer-tui restore` lists backups; `offer-tui restore NAME` puts one back.

A restore first backs up the current versions of the files it replaces, then replaces each
file atomically. A backup of the whole offers folder (the one taken before an import, or a
manual one) is restored exactly: offers added since are removed too (after being backed up
with the rest); a backup of chosen files leaves other files alone."""

from __future__ import annotations

import argparse
import sys

from tui.store.backups import list_backups, restore
from tui.store.paths import resolve_data_dir
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


def _list(root_arg: str | None) -> int:
    root = resolve_data_dir(root_arg)
    backups = list_backups(root)
    if not backups:
        print(f"No backups in {root / 'backups'}")
        return 0
    width = max(len(b.name) for b in backups)
    print(f"{'NAME':<{width}}  {'REASON':<24}  {'FILES':>5}  DATE")
    for info in backups:
        date = f"{info.created:%Y-%m-%d %H:%M:%S}" if info.created else "-"
        line = f"{info.name:<{width}}  {info.reason:<24}  {len(info.files):>5}  {date}"
        print(line + (f"  (cannot restore: {info.problem})" if info.problem else ""))
    return 0


def run(args: argparse.Namespace) -> int:
    if not args.name:
        return _list(args.data_dir)
    root = resolve_data_dir(args.data_dir)
    try:
        result = restore(root, args.name)
    except DataError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print("Nothing was restored.", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: restore stopped: {exc}", file=sys.stderr)
        return 1
    if result.safety_backup:
        print(f"Backed up the current files first: {result.safety_backup.name}")
    for path in result.restored:
        print(f"  restored {path}")
    for path in result.removed:
        print(f"  removed {path} (added after the backup; kept in the backup taken first)")
    removed = f", removed {len(result.removed)} added since" if result.removed else ""
    print(f"Restored {len(result.restored)} files from {result.name}{removed}")
    return 0
