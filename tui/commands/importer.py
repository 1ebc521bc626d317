"""`offer-tui import FILE.csv|FILE.json`: every row is applied, or none is.

All rows are checked first; any bad row (named with its row number and the reason) or
unknown column stops the import with exit 2 and nothing written. A row whose id matches an
offer updates it (CSV: only its columns), others are new; the summary says which were new,
updated and unchanged. The offers folder is backed up first (restoring that backup undoes
the import), and the files are put in place all at once (see tui.store.importing): a full
or read-only disk ends with exit 1 and nothing changed."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.output import emit, error
from tui.store.importing import Applied, Committed, apply_import, plan_import
from tui.store.offers import OfferStore
from tui.store.transfer import ImportResult, detect_format, read_import
from tui.tomlio.errors import DataError, Problem
from tui.tomlio.tomlfile import MAX_FILE_BYTES

EXIT_OK = 0
EXIT_FAILED = 1  # the disk refused (full, read-only); nothing was imported
EXIT_REFUSED = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add offers from a CSV or JSON file (all rows or none)",
        description="Import offers. A row whose id matches an offer updates it (a CSV only "
        "its columns), other rows are new; the summary says which. CSV columns: company "
        "(required), role, status, received, "
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
    error(
        f"Nothing was imported: {len(errors)} problem(s)"
        + (f" in {len(bad_rows)} of {result.rows} rows" if bad_rows else "")
        + ". Fix them and run the import again."
    )
    return EXIT_REFUSED


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    result = _read(path, args.format, args.skip_unknown)
    for problem in result.problems:
        label = "notice" if problem.severity == "notice" else "error"
        error(f"{label}: {problem}")
    if not result.ok:
        return _report_refusal(result)
    if args.dry_run:
        return _dry_run(args.settings.data_dir, path, result)
    if not result.offers:
        emit(f"{path}: no rows to import; nothing written")
        return EXIT_OK
    return _apply(args.settings.data_dir, path, result)


def _dry_run(root: Path, path: Path, result: ImportResult) -> int:
    try:
        plan = plan_import(OfferStore(root), result)
    except DataError as exc:
        for problem in exc.problems:
            error(f"error: {problem}")
        return EXIT_REFUSED
    emit(
        f"{path}: {len(result.offers)} offer{'' if len(result.offers) == 1 else 's'} would be "
        f"imported: {len(plan.new)} new, "
        f"{len(plan.updated)} updated, {len(plan.unchanged)} unchanged (dry run, nothing written)"
    )
    return EXIT_OK


def _apply(root: Path, path: Path, result: ImportResult) -> int:
    store = OfferStore(root)
    try:
        for note in store.ensure():
            error(f"note: {note}")
        applied = apply_import(root, result, path)
    except DataError as exc:
        for problem in exc.problems:
            error(f"error: {problem}")
        error("Nothing was imported.")
        return EXIT_REFUSED
    except Committed as exc:
        error(f"error: {exc}")
        return EXIT_FAILED
    except OSError as exc:
        where = exc.filename or root
        error(f"error: {where}: cannot write ({exc.strerror or exc})")
        error("Nothing was imported; the offers folder is as it was.")
        return EXIT_FAILED
    return _summary(store, path, applied)


def _summary(store: OfferStore, path: Path, applied: Applied) -> int:
    plan = applied.plan
    for sign, offers in (("+", plan.new), ("~", plan.updated), ("=", plan.unchanged)):
        for offer in offers:
            title = f"{offer.company} ({offer.role})" if offer.role else offer.company
            emit(f"  {sign} {offer.id}  {title}  [{offer.status.value}]")
    emit(
        f"Imported {path} into {store.layout.offers}: {len(plan.new)} new, "
        f"{len(plan.updated)} updated, {len(plan.unchanged)} unchanged"
    )
    for new_id, existing in plan.look_alikes.items():
        emit(
            f"note: {new_id} has the company and role of {existing}, which was already there; "
            "an `id` column (as `offer-tui export` writes) updates an offer instead"
        )
    if applied.backup:
        emit(
            f"Backup of the offers folder before the import: {applied.backup.name} "
            f"(`offer-tui restore {applied.backup.name}` undoes the import)"
        )
    return EXIT_OK
