"""Change functions for the decision flow's checklist steps (run on the app's copy of the
offer, like the pane's other changes): recording the conversation a step stands for."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from tui.content import journey
from tui.content.checklists import Checklist, ChecklistItem
from tui.model import Offer
from tui.model.clock import now as clock_now


def moved_words(moved: journey.Moved | None) -> str:
    if moved is None:
        return ""
    out = f" The offer is {moved.new.value} now."
    if moved.closed:
        count = len(moved.closed)
        out += f" {count} step{'s' if count != 1 else ''} closed as not needed."
    return out


def record_change(
    checklist: Checklist,
    item: ChecklistItem,
    telling: journey.Telling,
    checklists: Mapping[str, Checklist],
) -> Callable[[Offer], str]:
    def change(offer: Offer) -> str:
        recorded = journey.record(offer, checklist, item, telling, clock_now(), checklists)
        kind = recorded.entry.kind.value
        return f"Recorded what you told them and logged the {kind}." + moved_words(recorded.moved)

    return change
