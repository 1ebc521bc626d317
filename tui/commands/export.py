"""`offer-tui export --format json|csv|ics [--output FILE]`: every readable offer, to stdout
or to a private file (it holds salaries). Files that cannot be read are named on stderr and
left out; the exit code is then 1."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tui.commands.output import emit_data, error
from tui.model import Offer
from tui.model.clock import now
from tui.model.visible import json_safe
from tui.store.offers import OfferStore
from tui.store.transfer import DueStep, count_events, offers_to_csv, offers_to_ics, offers_to_json
from tui.tomlio.tomlfile import atomic_write

FORMATS = ("json", "csv", "ics")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write all offers as JSON, CSV or an iCalendar file of deadlines",
        description="Export offers. JSON holds everything; CSV one row per offer (cells a "
        "spreadsheet would run as formulas are quoted); ics holds respond-by deadlines of "
        "open offers, next-step due dates and checklist steps that are due.",
    )
    parser.add_argument("--format", choices=FORMATS, help="default: from --output, else json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    parser.set_defaults(func=run)


def choose_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in FORMATS else "json"


def due_steps(offers: list[Offer], data_dir: Path, now: dt.datetime) -> list[DueStep]:
    """Checklist steps not done yet that have a due date, from the attached checklists."""
    from tui.content.checklists import load_checklists
    from tui.content.progress import offer_views

    checklists = load_checklists(data_dir).items
    steps = []
    for offer in offers:
        for view in offer_views(offer, checklists, now):
            if not view.attached:
                continue
            for tick in view.ticks:
                if tick.due is not None and not tick.is_done:
                    steps.append(DueStep(offer, tick.key, tick.due.date(), tick.label, view.title))
    return steps


def render(offers: list[Offer], fmt: str, steps: list[DueStep] | None = None) -> str:
    if fmt == "csv":
        return offers_to_csv(offers)
    if fmt == "ics":
        return offers_to_ics(offers, dt.datetime.now(dt.UTC), steps or [])
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
    offers = list(loaded.offers.values())
    steps = due_steps(offers, args.settings.data_dir, now()) if fmt == "ics" else []
    try:
        _write(render(offers, fmt, steps), args.output)
    except BrokenPipeError:
        raise  # the reader went away: tui.cli ends quietly
    except OSError as exc:
        error(f"{args.output}: cannot write: {exc.strerror or exc}")
        return 2
    if args.output and args.output != "-":
        what = f"{len(offers)} offer{'' if len(offers) == 1 else 's'}"
        if fmt == "ics":
            events = count_events(offers, steps)
            what = f"{events} event{'' if events == 1 else 's'} (from {what})"
        error(f"Exported {what} as {fmt} to {args.output}")
    return 1 if loaded.problems else 0
