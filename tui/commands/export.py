"""`offer-tui export --format json|csv|ics [--output FILE]`: every readable offer, to stdout
or to a private file (it holds salaries). Files that cannot be read are named on stderr and
left out; the exit code is then 1."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tui.commands.output import emit_data, error
from tui.model import Offer
from tui.model.visible import json_safe
from tui.store.offers import OfferStore
from tui.store.transfer import count_events, offers_to_csv, offers_to_ics, offers_to_json
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
    # C1 and bidi controls as \u escapes: the same JSON when read, inert when printed.
    return json_safe(offers_to_json(offers))


def _write(text: str, output: str | None) -> None:
    if output is None or output == "-":
        emit_data(text)
        return
    atomic_write(Path(output).expanduser().absolute(), text.encode("utf-8"))


def run(args: argparse.Namespace) -> int:
    fmt = choose_format(args.format, args.output)
    store = OfferStore(args.settings.data_dir)
    loaded = store.load_all()
    for problem in loaded.problems:
        error(f"{problem} (not exported)")
    try:
        _write(render(list(loaded.offers.values()), fmt), args.output)
    except BrokenPipeError:
        raise  # the reader went away: tui.cli ends quietly
    except OSError as exc:
        error(f"{args.output}: cannot write: {exc.strerror or exc}")
        return 2
    if args.output and args.output != "-":
        offers = loaded.offers.values()
        what = f"{len(offers)} offers"
        if fmt == "ics":
            events = count_events(offers)
            what = f"{events} event{'' if events == 1 else 's'} (from {what})"
        error(f"Exported {what} as {fmt} to {args.output}")
    return 1 if loaded.problems else 0
