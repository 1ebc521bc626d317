"""`offer-tui import FILE.csv|FILE.json`: every row becomes a new offer, or none does.

All rows are checked first; any bad row (named with its row number and the reason) or
unknown column stops the import with exit 2 and nothing written. Otherwise the offers folder
is copied to a dated backup, then each row is added through the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.store.backups import backup, offer_files
from tui.store.offers import OfferStore
from tui.store.paths import resolve_data_dir
from tui.store.transfer import ImportResult, detect_format, read_import
from tui.tomlio.errors import DataError, Problem
from tui.tomlio.tomlfile import MAX_FILE_BYTES

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_REFUSED = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add offers from a CSV or JSON file (all rows or none)",
        description="Import offers. CSV columns: company (required), role, status, received, "
        "deadline, base_salary, currency, notes (also location, source, start_date, bonus, "
        "sign_on, equity_yearly, id). JSON: a list of objects with the same keys, or the "
        "shape `offer-tui export --format json` writes. Problems name the row (the header "
        "is row 1, as in a spreadsheet) and the file's line and column.",
    )
    parser.add_argument("file", metavar="FILE", help="a .csv or .json file")
    parser.add_argument("--format", choices=("csv", "json"), help="default: from the suffix")
    parser.add_argument(
        "--skip-unknown", action="store_true", help="ignore unknown columns instead of stopping"
    )
    parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    parser.set_defaults(func=run)


def _read(path: Path, fmt: str | None, skip_unknown: bool) -> ImportResult:
    fmt = fmt or detect_format(path)
    if fmt is None:
        problem = Problem(path, "is neither .csv nor .json; name the type with --format")
        return ImportResult(problems=[problem])
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return ImportResult(problems=[Problem(path, "is over 64 MB; not read")])
        data = path.read_bytes()
    except OSError as exc:
        return ImportResult(problems=[Problem(path, f"cannot be read: {exc.strerror or exc}")])
    return read_import(path, data, fmt, skip_unknown)


def _report_refusal(result: ImportResult) -> int:
    errors = [p for p in result.problems if p.severity == "error"]
    bad_rows = {p.message.split(":", 1)[0] for p in errors if p.message.startswith("row ")}
    print(
        f"Nothing was imported: {len(errors)} problem(s)"
        + (f" in {len(bad_rows)} of {result.rows} rows" if bad_rows else "")
        + ". Fix them and run the import again.",
        file=sys.stderr,
    )
    return EXIT_REFUSED


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    result = _read(path, args.format, args.skip_unknown)
    for problem in result.problems:
        label = "notice" if problem.severity == "notice" else "error"
        print(f"{label}: {problem}", file=sys.stderr)
    if not result.ok:
        return _report_refusal(result)
    if args.dry_run:
        print(f"{path}: {len(result.offers)} offers would be imported (dry run, nothing written)")
        return EXIT_OK
    if not result.offers:
        print(f"{path}: no rows to import; nothing written")
        return EXIT_OK
    return _apply(resolve_data_dir(args.data_dir), path, result)


def _apply(root: Path, path: Path, result: ImportResult) -> int:
    store = OfferStore(root)
    store.ensure()
    saved = None
    if offer_files(root):
        saved = backup(root, "before-import")
    added = []
    for offer in result.offers:
        try:
            added.append(store.add(offer))
        except (OSError, DataError) as exc:
            print(f"{store.path_for(offer.id)}: could not be written: {exc}", file=sys.stderr)
            print(
                f"Stopped after {len(added)} of {len(result.offers)} offers"
                + (f"; the folder as it was is in {saved}" if saved else ""),
                file=sys.stderr,
            )
            return EXIT_PARTIAL
    for offer in added:
        title = f"{offer.company} ({offer.role})" if offer.role else offer.company
        print(f"  + {offer.id}  {title}  [{offer.status.value}]")
    print(f"Imported {len(added)} offers from {path} into {store.layout.offers}")
    if saved:
        print(f"Backup of the offers folder before the import: {saved}")
    return EXIT_OK
