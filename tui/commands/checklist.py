"""`offer-tui checklist OFFER_ID [--json]`: the offer's progress through each attached
checklist (or the ones suggested for its status), item by item, with due times."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
from pathlib import Path
from typing import Any

from tui.commands.output import emit, emit_data, error
from tui.content.checklists import load_checklists
from tui.content.progress import ChecklistView, Tick, decision_time, offer_views
from tui.model import Offer
from tui.model.clock import now as clock_now
from tui.model.visible import json_safe
from tui.store.offers import OfferStore

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "checklist",
        help="show an offer's checklist progress: done, due and overdue items",
        description="Show each checklist attached to an offer (or, when none is, the ones "
        "that fit its status), with every item's done time, due time and overdue flag.",
    )
    parser.add_argument("offer_id", metavar="OFFER_ID", help="the offer's id (its file name)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--now",
        metavar="WHEN",
        type=_datetime,
        help="judge overdue items as of this time (e.g. 2026-11-21T09:00; default: now)",
    )
    parser.set_defaults(func=run)


def _datetime(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date-time like 2026-11-21T09:00: {text!r}"
        ) from None
    return value.replace(tzinfo=None)


# -- finding the offer (shared with `offer-tui template`) --------------------------------


def close_ids(wanted: str, ids: list[str]) -> list[str]:
    """Ids that start with what was typed, then near misses: ids carry a random suffix."""
    starts = [i for i in sorted(ids) if i.startswith(wanted)]
    near = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    return list(dict.fromkeys([*starts, *near]))[:5]


def load_offer(data_dir: Path, offer_id: str) -> Offer | int:
    """The offer, or an exit code after printing why it could not be had."""
    loaded = OfferStore(data_dir).load_all()
    offer = loaded.offers.get(offer_id)
    if offer is not None:
        return offer
    broken = [p for p in loaded.problems if p.file.stem == offer_id]
    if broken:
        for problem in broken:
            error(str(problem))
        return EXIT_DATA
    message = f"no offer with id {offer_id!r} in {data_dir}"
    close = close_ids(offer_id, list(loaded.offers))
    if close:
        message += "; did you mean: " + ", ".join(close)
    elif loaded.offers:
        message += f" ({len(loaded.offers)} offers there; the id is the file name in offers/)"
    error(str(message))
    return EXIT_USAGE


# -- output ------------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _tick_line(tick: Tick) -> str:
    if tick.not_needed:
        return f"  [-] {tick.label}  (not needed: {tick.not_needed})"
    box = "[x]" if tick.is_done else "[ ]"
    line = f"  {box} {tick.label}"
    if tick.reached:
        line += f"  (done: {tick.reached})"
    elif tick.done is not None:
        line += f"  (done {_when(tick.done.at)}"
        line += f": {tick.done.note})" if tick.done.note else ")"
    elif tick.due is not None:
        line += f"  (due {_when(tick.due)})"
        if tick.overdue:
            line += "  OVERDUE"
    elif tick.due_note:
        line += f"  (due {tick.item.when.text if tick.item.when else ''}: {tick.due_note})"
    return line


def _view_text(view: ChecklistView) -> list[str]:
    state = "" if view.attached else "suggested, not attached; "
    skipped = f", {view.not_needed_count} not needed" if view.not_needed_count else ""
    lines = [f"{view.title}  [{state}{view.done_count}/{view.total} done{skipped}]"]
    if view.checklist is None:
        lines.append("  this checklist is no longer available; its ticks are kept below")
    elif view.checklist.summary:
        lines.append(f"  {view.checklist.summary}")
    lines += [_tick_line(t) for t in view.ticks]
    lines += [f"  kept from earlier: {s.key} ({s.reason})" for s in view.stale]
    return lines


def to_text(offer: Offer, views: list[ChecklistView]) -> str:
    decided = decision_time(offer)
    header = f"{offer.company} · {offer.role} · {offer.status.value}"
    if decided is not None:
        header += f" (since {_when(decided)})"
    lines = [header]
    intent = offer.intent
    if intent is not None and intent.target is not offer.status:
        lines.append(
            f"Intends to {intent.kind.value.replace('-', ' ')} (said {_when(intent.at)}); "
            f"the offer moves to {intent.target.value} when the call is recorded"
        )
    lines.append("")
    if not views:
        lines.append(f"No checklist is attached, and none fits an offer that is {offer.status}.")
    for view in views:
        lines += [*_view_text(view), ""]
    return "\n".join(lines).rstrip() + "\n"


def _tick_json(tick: Tick) -> dict[str, Any]:
    return {
        "key": tick.key,
        "item": tick.item.id,
        "text": tick.label,
        "contact": tick.contact.id if tick.contact else None,
        "contact_name": tick.contact.name if tick.contact else None,
        "missing_role": [r.value for r in tick.missing_role],
        "done": tick.is_done and not tick.not_needed,
        "not_needed": tick.not_needed or None,
        "done_at": tick.done.at.isoformat() if tick.done else None,
        "note": tick.done.note if tick.done else "",
        "when": tick.item.when.text if tick.item.when else None,
        "due": tick.due.isoformat() if tick.due else None,
        "overdue": tick.overdue,
        "template": tick.item.template or None,
        "rehearse": tick.item.rehearse or None,
    }


def _intent_json(offer: Offer) -> dict[str, Any] | None:
    intent = offer.intent
    if intent is None:
        return None
    return {
        "kind": intent.kind.value,
        "at": intent.at.isoformat(),
        "leads_to": intent.target.value,
        "pending": intent.target is not offer.status,
    }


def to_json(offer: Offer, views: list[ChecklistView]) -> str:
    data = {
        "offer": offer.id,
        "status": offer.status.value,
        "intent": _intent_json(offer),
        "checklists": [
            {
                "id": v.checklist_id,
                "title": v.title,
                "attached": v.attached,
                "available": v.checklist is not None,
                "done": v.done_count,
                "total": v.total,
                "items": [_tick_json(t) for t in v.ticks],
                "stale": [
                    {"key": s.key, "done_at": s.done.at.isoformat(), "reason": s.reason}
                    for s in v.stale
                ],
            }
            for v in views
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    offer = load_offer(args.settings.data_dir, args.offer_id)
    if isinstance(offer, int):
        return offer
    loaded = load_checklists(args.settings.data_dir)
    for problem in loaded.problems:
        if problem.severity != "notice":
            error(str(problem))
    views = offer_views(offer, loaded.items, args.now or clock_now())
    if args.json:
        emit_data(json_safe(to_json(offer, views)))
    else:
        emit(to_text(offer, views), end="")
    return EXIT_OK
