"""What each line of the Checklists tab shows: ticks with their due times, progress bars,
the detail under the list, and the choices offered when attaching a playbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text

from tui.app.text import literal
from tui.app.theme import MASK
from tui.content import progress
from tui.content.checklists import Checklist, ChecklistItem, source_label
from tui.content.progress import ChecklistView, StaleTick, Tick
from tui.content.templates import Template
from tui.model import Intent, ItemDone, Offer, allowed_next

BAR_WIDTH = 16
SHORT = 60  # longest item text in a notification
NBSP = "\u00a0"


# -- what each line of the list stands for ------------------------------------------------


@dataclass(frozen=True)
class Row:
    view: ChecklistView | None = None
    tick: Tick | None = None
    stale: StaleTick | None = None
    attach_id: str = ""  # an "attach this checklist" line in the empty state


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def span(delta: dt.timedelta) -> str:
    """A rough length of time: 45m, 5h, 3d."""
    seconds = abs(delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, int(seconds // 60))}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


def due_label(tick: Tick, now: dt.datetime) -> tuple[str, str]:
    """The words and style for a tick's timing: done, overdue, or due in."""
    if tick.not_needed:
        return "not needed", "dim"
    if tick.done is not None:
        return f"done {tick.done.at:%d %b}", "green"
    if tick.reached:
        return "done", "green"
    if tick.due is None:
        return "", ""
    delta = tick.due - now
    if delta < dt.timedelta(0):
        return f"overdue {span(delta)}", "bold red"
    style = "bold yellow" if delta <= dt.timedelta(days=1) else "dim"
    return f"due in {span(delta)}", style


def progress_bar(view: ChecklistView, width: int = BAR_WIDTH) -> Text:
    filled = round(view.fraction * width)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    bar.append(f" {view.done_count}/{view.total}", style="bold")
    return bar


def tick_label(tick: Tick, privacy: bool) -> Text:
    """The item text, and for a per-person tick who it is for: "...: Tom Reed (recruiter)"."""
    if tick.contact is None:
        return literal(tick.label)
    label = literal(tick.item.text)
    label.append(": ")
    label.append_text(literal(MASK if privacy else tick.contact.name, "bold", single_line=True))
    label.append(f" ({progress.role_label((tick.contact.role,))})", style="dim")
    return label


def tick_prompt(tick: Tick, now: dt.datetime, privacy: bool) -> Text:
    if tick.not_needed:
        box = Text("[-] ", style="dim")
    else:
        box = Text("[x] ", style="bold green") if tick.is_done else Text("[ ] ")
    label = tick_label(tick, privacy)
    if tick.is_done:
        label.stylize("dim")
    box.append_text(label)
    if tick.not_needed:
        box.append("  not needed", style="dim italic")
        return box
    words, style = due_label(tick, now)
    if words:
        box.append("  ")
        words = ("⚠ " if tick.overdue else "") + words
        box.append(words.replace(" ", NBSP), style=style)  # kept on one line when wrapping
    return box


def stale_prompt(stale: StaleTick) -> Text:
    out = Text("[x] ", style="dim")
    out.append_text(literal(stale.key, "dim", single_line=True))
    out.append(f"  kept: {stale.reason} (space removes it)", style="dim italic")
    return out


def header_prompt(view: ChecklistView) -> Text:
    """A checklist's line in the list: its title, count, and whether it is only suggested."""
    out = literal(view.title, "bold", single_line=True)
    out.append(f"  {view.done_count}/{view.total}")
    if not view.attached:
        out.append("  suggested, not attached: A attaches it", style="yellow")
    elif view.checklist is None:
        out.append("  (this checklist is no longer available)", style="dim")
    return out


def progress_line(view: ChecklistView) -> Text:
    """Above the list, for the checklist of the highlighted item: bar, count, overdue."""
    out = progress_bar(view)
    out.append(" done", style="bold")
    if view.not_needed_count:
        out.append(f" · {view.not_needed_count} not needed", style="dim")
    late = len(view.overdue)
    if late:
        out.append(f" · ⚠ {late} overdue", style="bold red")
    if not view.attached:
        out.append(" · suggested", style="yellow")
    return out


def heading_text(offer: Offer) -> Text:
    """The company, its status, and the intention: held, or how to say one (key i)."""
    from tui.content.journey import playbook_id
    from tui.model.offer import intents_for

    out = literal(offer.company, "bold", single_line=True)
    out.append(f"  {offer.status.value}", style="dim")
    intent = offer.intent
    if intent is not None and intent.target is offer.status:
        return out  # just carried out: no next intention to suggest
    if intent is not None and intent.target in allowed_next(offer.status):
        out.append(f"  · you intend to {_words(intent.kind)}", style="bold yellow")
        out.append(f" (moves to {intent.target.value} when you record the call)", style="dim")
        return out
    kinds = [k for k in intents_for(offer.status) if not offer.progress_for(playbook_id(k))]
    if kinds:
        out.append(f"  · i: intend to {' or '.join(_words(k) for k in kinds)}", style="yellow")
    return out


def _words(kind: Intent) -> str:
    return kind.value.replace("-", " ")


def detail_text(row: Row, now: dt.datetime, templates: dict[str, Template]) -> Text:
    """Below the list: why the focused step matters, where it comes from, what goes with it."""
    out = Text()
    if row.stale is not None:
        out.append("Kept tick: ", style="bold")
        out.append_text(literal(row.stale.key))
        out.append(f"\n{row.stale.reason}. It stays on the offer until you remove it.")
        return out
    if row.tick is None:
        return out
    item = row.tick.item
    if item.moves_to is not None and not row.tick.is_done:
        out.append("Record it: ", style="bold")
        out.append(f"space asks what you told them and moves the offer to {item.moves_to.value}\n")
    if item.why:
        out.append("Why: ", style="bold")
        out.append_text(literal(item.why))
    out.append("\nSource: ", style="bold")
    out.append_text(literal(source_label(item.source), single_line=True))
    links = _links(item, templates)
    if links.plain:
        out.append("  ")
        out.append_text(links)
    _append_due(out, row.tick, now)
    if row.tick.moot:
        out.append("\nNot needed: ", style="bold")
        out.append(row.tick.moot)
    elif row.tick.reached:
        out.append("\nDone: ", style="bold green")
        out.append(f"{row.tick.reached} (space records what you told them)")
    elif row.tick.done is not None:
        _append_done(out, row.tick.done)
    return out


def _append_due(out: Text, tick: Tick, now: dt.datetime) -> None:
    item = tick.item
    if item.when is None:
        return
    out.append("\nWhen: ", style="bold")
    out.append_text(literal(item.when.text, single_line=True))
    if tick.due is not None:
        out.append(f" ({tick.due:%a %d %b %H:%M}")
        words, style = due_label(tick, now)
        if words and tick.done is None:
            out.append(", ")
            out.append(words, style=style)
        out.append(")")
    elif tick.due_note:
        out.append(f" ({tick.due_note})", style="dim")


def _append_done(out: Text, done: ItemDone) -> None:
    if done.not_needed:
        out.append("\nClosed as not needed: ", style="bold")
        out.append_text(literal(done.not_needed))
        out.append(" (space reopens it)", style="dim")
        return
    out.append("\nDone: ", style="bold green")
    out.append(f"{done.at:%Y-%m-%d %H:%M}")
    if done.note:
        out.append(" · note: ")
        out.append_text(literal(done.note))


def _links(item: ChecklistItem, templates: dict[str, Template]) -> Text:
    out = Text()
    if item.rehearse:
        out.append("Rehearse: ", style="bold")
        out.append_text(literal(item.rehearse, single_line=True))
        out.append(" (R)  ", style="dim")
    if item.template:
        out.append("Template: ", style="bold")
        out.append_text(literal(item.template, single_line=True))
        if item.template in templates:
            out.append(" (T opens it)", style="dim")
    return out


def checklist_choice(checklist: Checklist, suggested: bool) -> Text:
    out = literal(checklist.title, "bold", single_line=True)
    if suggested:
        out.append("  suggested", style="yellow")
    fits = ", ".join(s.value for s in checklist.for_status)
    if fits:
        out.append(f"  for {fits}", style="dim")
    if checklist.summary:
        out.append("\n")
        out.append_text(literal(checklist.summary, "dim"))
    return out
