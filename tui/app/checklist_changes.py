"""The changes the Checklists tab asks the app to make: each a function that edits the app's
private copy of the offer and returns what to tell the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from tui.app.checklist_rows import short
from tui.content import progress
from tui.content.checklists import Checklist, ChecklistItem
from tui.content.progress import Tick
from tui.model import ItemDone, Offer
from tui.model.clock import now as clock_now

# -- change functions (each runs on the app's private copy of the offer) ------------------


def tick_change(
    checklist: Checklist, tick: Tick, at: dt.datetime, note: str = ""
) -> Callable[[Offer], str]:
    def change(offer: Offer) -> str:
        try:
            entry = progress.tick(offer, checklist, tick.key, at, note)
        except progress.UnknownTick as exc:
            raise ValueError(f"{exc}; the offer changed meanwhile, look again") from None
        if entry is None:
            return f"Ticked: {short(tick.label)}"
        offer.log.append(entry)
        return f"Ticked and logged ({entry.kind.value}): {short(tick.label)}"

    return change


def note_change(checklist: Checklist, tick: Tick, note: str) -> Callable[[Offer], str]:
    """Change the note of a ticked item; tick it with the note if it is not ticked yet."""
    tick_it = tick_change(checklist, tick, clock_now(), note)

    def change(offer: Offer) -> str:
        found = offer.progress_for(checklist.id)
        done = found.done.get(tick.key) if found else None
        if found is None or done is None:
            return tick_it(offer)
        found.done[tick.key] = ItemDone(at=done.at, note=note)
        return f"Note saved: {short(tick.label)}"

    return change


def _drop_tick_log(offer: Offer, item: ChecklistItem | None, key: str, done: ItemDone) -> bool:
    """Remove the log entry the tick added (same kind, time and person), if it is still there."""
    if item is None or item.log is None:
        return False
    contact_id = progress.split_key(key)[1]
    for entry in offer.log:
        if entry.kind is item.log and entry.at == done.at and entry.contact == contact_id:
            offer.log.remove(entry)
            return True
    return False


def untick_change(
    checklist_id: str, item: ChecklistItem | None, key: str, label: str
) -> Callable[[Offer], str]:
    def change(offer: Offer) -> str:
        done = progress.untick(offer, checklist_id, key)
        if done is None:
            raise ValueError("That item was not ticked (it may have changed meanwhile).")
        if done.not_needed:
            return f"Reopened: {short(label)}"
        if _drop_tick_log(offer, item, key, done):
            return f"Unticked, and removed its log entry: {short(label)}"
        return f"Unticked: {short(label)}"

    return change


def attach_change(checklist: Checklist, at: dt.datetime) -> Callable[[Offer], str]:
    def change(offer: Offer) -> str:
        if offer.progress_for(checklist.id) is not None:
            raise ValueError(f"{checklist.title} is already attached to {offer.company}.")
        progress.attach(offer, checklist.id, at)
        return f"Attached the checklist {checklist.title}"

    return change


def detach_change(checklist_id: str, title: str) -> Callable[[Offer], str]:
    def change(offer: Offer) -> str:
        if progress.detach(offer, checklist_id) is None:
            raise ValueError(f"{title} is not attached to {offer.company}.")
        return f"Detached the checklist {title}"

    return change
