"""`offer-tui export --format json|csv|ics [--output FILE]`: every readable offer, to stdout
or to a private file (it holds salaries). Files that cannot be read are named on stderr and
left out; the exit code is then 1."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tui.model import Offer
from tui.store.offers import OfferStore
from tui.store.paths import resolve_data_dir
from tui.store.transfer import offers_to_csv, offers_to_ics, offers_to_json
from tui.tomlio.tomlfile import atomic_write

FORMATS = ("json", "csv", "ics")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write all offers as JSON, CSV or an iCalendar file of deadlines",
        description="Export offers. JSON holds everything; CSV one row per offer (cells a "
        "spreadsheet would run as formulas are quoted); ics holds respond-by deadlines of "
        "open offers and next-step due dates.",
    )
    parser.add_argument("--format", choices=FORMATS, help="default: from --output, else json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    parser.set_defaults(func=run)


def choose_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in FORMATS else "json"


def render(offers: list[Offer], fmt: str) -> str:
    if fmt == "csv":
        return offers_to_csv(offers)
    if fmt == "ics":
        return offers_to_ics(offers, dt.datetime.now(dt.UTC))
    return offers_to_json(offers)


def _write(text: str, output: str | None) -> None:
    data = text.encode("utf-8")
    if output is None or output == "-":
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        return
    atomic_write(Path(output).expanduser().absolute(), data)


def run(args: argparse.Namespace) -> int:
    fmt = choose_format(args.format, args.output)
    store = OfferStore(resolve_data_dir(args.data_dir))
    loaded = store.load_all()
    for problem in loaded.problems:
        print(f"{problem} (not exported)", file=sys.stderr)
    try:
        _write(render(list(loaded.offers.values()), fmt), args.output)
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if args.output and args.output != "-":
        print(f"Exported {len(loaded.offers)} offers as {fmt} to {args.output}", file=sys.stderr)
    return 1 if loaded.problems else 0
