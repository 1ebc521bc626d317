"""The Checklists tab: the selected offer's playbooks, one tick box per step (and per person).

The pane shows what the app hands it (`show`) and never changes an offer itself: every tick,
note, attach and detach goes to the app as an EditOffer message with a change function."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import Scope
from tui.app.checklist_screens import ChoiceScreen, MessageScreen
from tui.app.dialogs import ConfirmScreen
from tui.app.forms import Field, FormScreen
from tui.app.keys import bindings
from tui.app.messages import EditOffer, RehearseQuestion
from tui.app.text import literal
from tui.app.theme import MASK
from tui.content import progress
from tui.content.checklists import Checklist, ChecklistItem, source_label
from tui.content.library import Guidance
from tui.content.message import Signature, render
from tui.content.progress import ChecklistView, StaleTick, Tick
from tui.content.templates import Template, templates_for
from tui.model import Intent, ItemDone, Offer, allowed_next
from tui.model.clock import now as clock_now

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


def _short(text: str) -> str:
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
            return f"Ticked: {_short(tick.label)}"
        offer.log.append(entry)
        return f"Ticked and logged ({entry.kind.value}): {_short(tick.label)}"

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
        return f"Note saved: {_short(tick.label)}"

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
            return f"Reopened: {_short(label)}"
        if _drop_tick_log(offer, item, key, done):
            return f"Unticked, and removed its log entry: {_short(label)}"
        return f"Unticked: {_short(label)}"

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


# -- the widget ---------------------------------------------------------------------------


class ChecklistPane(Vertical):
    """The selected offer's checklists; keyboard-driven, saved through EditOffer."""

    BINDINGS = bindings(Scope.CHECKLIST)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.offer: Offer | None = None
        self.guidance = Guidance()
        self.now = clock_now()
        self.privacy = False
        self.views: list[ChecklistView] = []
        self.rows: dict[str, Row] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="checklist-title", markup=False)
        yield Static("", id="checklist-progress", markup=False)
        yield Static("", id="checklist-empty", markup=False)
        yield OptionList(id="checklist-items", markup=False)
        yield Static("", id="checklist-detail", markup=False)
        yield Static(
            "space tick · n note · T message · A attach · X detach",
            id="checklist-hint",
            markup=False,
        )

    @property
    def items(self) -> OptionList:
        return self.query_one("#checklist-items", OptionList)

    @property
    def checklists(self) -> dict[str, Checklist]:
        return self.guidance.checklists.items

    def focus_list(self) -> None:
        self.items.focus()

    def highlight_next_step(self, checklist_id: str) -> None:
        """Highlight the first open step of one playbook (just attached: where to start)."""
        for option_id, row in self.rows.items():
            if row.view is not None and row.view.checklist_id == checklist_id and _is_open(row):
                self.items.highlighted = self.items.get_option_index(option_id)
                return

    def on_descendant_focus(self) -> None:
        self.query_one("#checklist-hint").display = False  # the Footer shows the keys now

    def on_descendant_blur(self) -> None:
        self.query_one("#checklist-hint").display = True

    # -- showing -----------------------------------------------------------------------
    def show(
        self, offer: Offer | None, guidance: Guidance, now: dt.datetime, privacy: bool
    ) -> None:
        same_offer = offer is not None and self.offer is not None and offer.id == self.offer.id
        self.offer, self.guidance, self.now, self.privacy = offer, guidance, now, privacy
        self.views = progress.offer_views(offer, self.checklists, now) if offer else []
        keep = self._highlighted_id() if same_offer else None
        self._fill(list(self._rows()), keep)
        self._show_title()

    def _rows(self) -> Iterator[tuple[str, Row, Text, bool]]:
        """(option id, row, prompt, disabled) for every line of the list."""
        if self.offer is None:
            return
        if not self.views:
            for checklist in sorted(self.checklists.values(), key=lambda c: c.title.lower()):
                prompt = checklist_choice(checklist, suggested=False)
                yield f"a:{checklist.id}", Row(attach_id=checklist.id), prompt, False
            return
        for view in sorted(self.views, key=partial(_view_order, self.offer)):
            yield f"h:{view.checklist_id}", Row(view=view), header_prompt(view), True
            # steps that are not needed go last, out of the way of what is still to do
            for tick in sorted(view.ticks, key=lambda t: bool(t.not_needed)):
                prompt = tick_prompt(tick, self.now, self.privacy)
                yield f"t:{view.checklist_id}:{tick.key}", Row(view=view, tick=tick), prompt, False
            for stale in view.stale:
                row = Row(view=view, stale=stale)
                yield f"s:{view.checklist_id}:{stale.key}", row, stale_prompt(stale), False

    def _fill(self, rows: list[tuple[str, Row, Text, bool]], keep: str | None) -> None:
        items = self.items
        self.rows = {option_id: row for option_id, row, _, _ in rows}
        items.clear_options()
        items.add_options(
            Option(prompt, id=option_id, disabled=disabled)
            for option_id, _, prompt, disabled in rows
        )
        items.display = bool(rows)
        enabled = [i for i, (_, _, _, disabled) in enumerate(rows) if not disabled]
        open_ticks = [i for i in enabled if _is_open(rows[i][1])]
        if keep in self.rows and keep is not None:
            items.highlighted = items.get_option_index(keep)
        elif enabled:
            items.highlighted = (open_ticks or enabled)[0]  # the next thing to do
        self._show_detail()

    def _show_title(self) -> None:
        title = self.query_one("#checklist-title", Static)
        empty = self.query_one("#checklist-empty", Static)
        offer = self.offer
        empty.display = offer is None or not self.views
        if offer is None:
            title.update(Text("Checklists", style="bold"))
            empty.update(
                "No offer selected. Pick one in the list on the left (or press a to add one); "
                "its checklists show here."
            )
            return
        title.update(heading_text(offer))
        if not self.views:
            empty.update(self._no_fit_text(offer))

    def _no_fit_text(self, offer: Offer) -> Text:
        if not self.checklists:
            return Text(
                "No checklists are loaded yet. If this stays, press ! to see file problems.",
                style="dim",
            )
        return Text(
            f"No checklist fits a {offer.status.value} offer. Enter (or A) attaches one of "
            "these anyway:",
            style="yellow",
        )

    def _highlighted_id(self) -> str | None:
        option = self.items.highlighted_option
        return option.id if option is not None else None

    def current(self) -> Row | None:
        option_id = self._highlighted_id()
        return self.rows.get(option_id) if option_id else None

    @on(OptionList.OptionHighlighted, "#checklist-items")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#checklist-detail", Static)
        row = self.current()
        bar = self.query_one("#checklist-progress", Static)
        bar.display = row is not None and row.view is not None
        if row is not None and row.view is not None:
            bar.update(progress_line(row.view))
        text = detail_text(row, self.now, self.guidance.templates.items) if row else Text()
        if row is not None and row.attach_id:
            text = Text("Enter attaches this checklist to the offer.", style="dim")
        detail.display = bool(text.plain)
        detail.update(text)

    # -- changing ----------------------------------------------------------------------
    def _edit(self, change: Callable[[Offer], str]) -> None:
        if self.offer is not None:
            self.post_message(EditOffer(self.offer.id, change))

    def _need_offer(self) -> Offer | None:
        if self.offer is None:
            self.notify("Select an offer first.", severity="warning")
        return self.offer

    def _need_tick(self) -> Row | None:
        row = self.current()
        if row is None or row.tick is None or row.view is None or row.view.checklist is None:
            self.notify("Move to a checklist item first.", severity="warning")
            return None
        return row

    @on(OptionList.OptionSelected, "#checklist-items")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_tick()

    def action_tick(self) -> None:
        row = self.current()
        if self._need_offer() is None or row is None:
            return
        if row.attach_id:
            self._attach_checklist(row.attach_id)
        elif row.stale is not None and row.view is not None:
            self._edit(untick_change(row.view.checklist_id, None, row.stale.key, row.stale.key))
        elif row.tick is not None and row.view is not None and row.view.checklist is not None:
            tick, checklist = row.tick, row.view.checklist
            if tick.moot:
                self.notify(f"Not needed: {tick.moot}.", markup=False)
            elif tick.reached:
                self._record(checklist, tick.item)
            elif tick.is_done:
                self._edit(untick_change(checklist.id, tick.item, tick.key, tick.label))
            elif tick.item.moves_to is not None:
                self._record(checklist, tick.item)
            else:
                self._edit(tick_change(checklist, tick, clock_now()))

    def _record(self, checklist: Checklist, item: ChecklistItem) -> None:
        """The step that records the conversation: what I told them, then the move."""
        from tui.app import offer_forms
        from tui.app.journey_changes import record_change

        offer, status = self.offer, item.moves_to
        if offer is None or status is None:
            return

        def saved(telling: object) -> None:
            if isinstance(telling, offer_forms.Telling):
                self._edit(record_change(checklist, item, telling, self.checklists))

        fields = offer_forms.telling_fields(offer, status)
        title = f"What I told {offer.company} (moves the offer to {status.value})"
        self.app.push_screen(FormScreen(title, fields, offer_forms.parse_telling), saved)

    def action_note(self) -> None:
        row = self._need_tick()
        if row is None or row.tick is None or row.view is None or row.view.checklist is None:
            return
        tick, checklist = row.tick, row.view.checklist
        note = tick.done.note if tick.done else ""

        def saved(result: str | None) -> None:
            if result is not None:
                self._edit(note_change(checklist, tick, result))

        field = Field("note", "Note (who you spoke to, what was said)", note)
        title = f"Note for: {_short(tick.label)}"
        self.app.push_screen(FormScreen(title, [field], _note_value), saved)

    def action_attach(self) -> None:
        offer = self._need_offer()
        if offer is None:
            return
        attached = {p.checklist for p in offer.checklists}
        suggested = [c.id for c in progress.suggested_checklists(offer, self.checklists)]
        free = [c for c in self.checklists.values() if c.id not in attached]
        if not free:
            self.notify("Every checklist is attached to this offer already.")
            return
        free.sort(key=lambda c: (c.id not in suggested, c.title.lower()))
        choices = [(c.id, checklist_choice(c, c.id in suggested)) for c in free]

        def chosen(checklist_id: str | None) -> None:
            if checklist_id:
                self._attach_checklist(checklist_id)

        self.app.push_screen(
            ChoiceScreen(f"Attach a checklist to {offer.company}", choices), chosen
        )

    def _attach_checklist(self, checklist_id: str) -> None:
        checklist = self.checklists.get(checklist_id)
        if checklist is not None:
            self._edit(attach_change(checklist, clock_now()))

    def action_detach(self) -> None:
        row = self.current()
        offer = self._need_offer()
        if offer is None:
            return
        if row is None or row.view is None or not row.view.attached:
            self.notify("Move to an item of an attached checklist first.", severity="warning")
            return
        view = row.view
        question = Text("Detach ")
        question.append_text(literal(view.title, "bold", single_line=True))
        question.append(" from ")
        question.append_text(literal(offer.company, single_line=True))
        question.append(f"?\nIts {view.done_count} tick(s) are removed from the offer.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._edit(detach_change(view.checklist_id, view.title))

        self.app.push_screen(ConfirmScreen(question, "Detach"), answered)

    def action_rehearse(self) -> None:
        row = self._need_tick()
        if row is None or row.tick is None:
            return
        if not row.tick.item.rehearse:
            self.notify("This step has no rehearsal question; press 3 for the Rehearsal tab.")
            return
        self.post_message(RehearseQuestion(row.tick.item.rehearse))

    def action_template(self) -> None:
        offer = self._need_offer()
        if offer is None:
            return
        row = self.current()
        tick = row.tick if row else None
        templates = self.guidance.templates.items
        linked = templates.get(tick.item.template) if tick is not None else None
        if linked is not None and linked.fits(offer):
            self._open_message(linked, tick)
            return
        fitting = templates_for(offer, templates)
        if not fitting:
            self.notify(f"No message template fits a {offer.status.value} offer.")
            return
        if len(fitting) == 1:
            self._open_message(fitting[0], tick)
            return
        choices = [(t.id, _template_choice(t)) for t in fitting]

        def chosen(template_id: str | None) -> None:
            if template_id and template_id in templates:
                self._open_message(templates[template_id], tick)

        self.app.push_screen(ChoiceScreen("Which message?", choices), chosen)

    def _open_message(self, template: Template, tick: Tick | None) -> None:
        if self.offer is None:
            return
        contact = tick.contact if tick is not None else None
        settings = getattr(self.app, "settings", None)
        signature = Signature(settings.my_name, settings.sign_off) if settings else Signature()
        message = render(template, self.offer, contact, signature)
        self.app.push_screen(MessageScreen(message, contact.name if contact else ""))


def _view_order(offer: Offer, view: ChecklistView) -> tuple[bool, bool]:
    """The playbook of what the offer is heading for first, then those with steps still open,
    then those that are all behind it."""
    from tui.content.journey import playbook_id

    intent = offer.intent
    heading = progress.PRIMARY.get(offer.status, "")
    if intent is not None and intent.target is not offer.status:
        heading = playbook_id(intent.kind)
    return view.checklist_id != heading, all(t.is_done for t in view.ticks)


def _is_open(row: Row) -> bool:
    return row.tick is not None and not row.tick.is_done


def _note_value(values: dict[str, str]) -> str:
    return values["note"].strip()


def _template_choice(template: Template) -> Text:
    out = literal(template.title, "bold", single_line=True)
    out.append(f"  {template.kind.value}", style="dim")
    return out
