"""The Checklists tab: the selected offer's playbooks, one tick box per step (and per person).

The pane shows what the app hands it (`show`) and never changes an offer itself: every tick,
note, attach and detach goes to the app as an EditOffer message with a change function."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import Scope
from tui.app.checklist_changes import (
    attach_change,
    detach_change,
    note_change,
    tick_change,
    untick_change,
)
from tui.app.checklist_rows import (
    Row,
    checklist_choice,
    detail_text,
    header_prompt,
    heading_text,
    progress_line,
    short,
    stale_prompt,
    tick_prompt,
)
from tui.app.checklist_screens import ChoiceScreen, MessageScreen
from tui.app.dialogs import ConfirmScreen
from tui.app.forms import Field, FormScreen
from tui.app.keys import bindings
from tui.app.messages import EditOffer, RehearseQuestion
from tui.app.text import literal
from tui.content import progress
from tui.content.checklists import Checklist, ChecklistItem
from tui.content.library import Guidance
from tui.content.message import Signature, render
from tui.content.progress import ChecklistView, Tick
from tui.content.templates import Template, templates_for
from tui.model import Offer
from tui.model.clock import now as clock_now

# -- the widget ---------------------------------------------------------------------------


class ChecklistPane(Vertical):
    """The selected offer's checklists; keyboard-driven, saved through EditOffer."""

    BINDINGS = bindings(Scope.CHECKLIST)

    def __init__(self, *, served: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.served = served  # no $EDITOR for a session served over SSH
        self.offer: Offer | None = None
        self.guidance = Guidance()
        self.now = clock_now()
        self.privacy = False
        self.views: list[ChecklistView] = []
        self.rows: dict[str, Row] = {}
        self._next_step_of = ""  # a playbook whose next open step to show once saved

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
        if same_offer and self._next_step_of:
            self.highlight_next_step(self._next_step_of)
        self._next_step_of = ""

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
                self._next_step_of = checklist.id  # after the call: what comes next
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
        title = f"Note for: {short(tick.label)}"
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
            self.notify(f"No message template fits a {offer.status.value} offer.", markup=False)
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
        addressed_to = contact.name if contact else ""
        self.app.push_screen(MessageScreen(message, addressed_to, served=self.served))


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
