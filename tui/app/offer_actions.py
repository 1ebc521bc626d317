"""The actions that change an offer: add, edit, status, what I told them, people, log,
delete; each opens a form or a dialog and saves through the store at once."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.app.messages import EditOffer, RehearseQuestion
from tui.app.text import literal
from tui.app.undo import Change, UndoHistory
from tui.model import Contact, Intent, LogEntry, Offer, ToldThem, allowed_next
from tui.model.clock import now
from tui.tomlio.errors import ConflictError, DataError

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.checklist_pane import ChecklistPane
    from tui.app.offer_forms import StatusChange
    from tui.app.offer_list import OfferList
    from tui.app.rehearsal_pane import RehearsalPane
    from tui.content.journey import Moved
    from tui.content.library import Guidance
    from tui.store.offers import OfferStore

    _Host = App[None]
else:
    _Host = object


class OfferActions(_Host):
    """Mixed into OfferApp."""

    offers: dict[str, Offer]
    store: OfferStore
    guidance: Guidance
    undo_history: UndoHistory

    if TYPE_CHECKING:  # provided by OfferApp

        @property
        def offer_list(self) -> OfferList: ...
        @property
        def today(self) -> dt.date: ...
        def selected(self) -> Offer | None: ...
        def require_selected(self) -> Offer | None: ...
        def show_selected(self) -> None: ...
        def action_reload(self) -> None: ...
        def action_show_pane(self, pane: str) -> None: ...
        @property
        def panes_ready(self) -> bool: ...
        @property
        def checklist_pane(self) -> ChecklistPane: ...
        @property
        def rehearsal_pane(self) -> RehearsalPane: ...

    def save(self, offer: Offer, done: str, undoable: bool = True) -> bool:
        """Save one offer; on success it replaces the one shown. Returns False on failure."""
        is_new = offer.id not in self.offers
        before = self.offers.get(offer.id)
        try:
            if is_new:
                self.store.add(offer)
            else:
                self.store.save(offer)
        except ConflictError:
            self.notify(
                f"{offer.company} was changed in another window or program, so this change "
                "was not saved. The other version is loaded now: make your change again.",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )
            self.action_reload()
            return False
        except (DataError, OSError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return False
        if undoable:
            self.undo_history.record(Change(offer.id, before, done))
        self.offers[offer.id] = offer
        self.offer_list.update_offer(offer)
        if is_new:
            self.offer_list.refresh_rows(keep=offer.id)
        self.show_selected()
        self.notify(done + (" (u undoes)" if undoable else ""), markup=False)
        return True

    def edit(
        self,
        title: str,
        fields: list[Any],
        parse: Callable[[dict[str, str]], Any],
        then: Callable[[Any], object],
        after: Callable[[], None] | None = None,
    ) -> None:
        def finished(result: Any) -> None:
            if result is not None:
                then(result)
            if after is not None:
                after()

        from tui.app.forms import FormScreen

        self.push_screen(FormScreen(title, fields, parse), finished)

    def on_edit_offer(self, message: EditOffer) -> None:
        offer = self.offers.get(message.offer_id)
        if offer is None:
            return
        draft = copy.deepcopy(offer)
        try:
            done = message.change(draft)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.save(draft, done)

    def action_add_offer(self) -> None:
        from tui.app import offer_forms

        self.edit(
            "Add offer",
            offer_forms.offer_fields(None),
            offer_forms.parse_offer,
            lambda offer: self.save(offer, f"Added {offer.company}"),
        )

    def action_edit_offer(self) -> None:
        from tui.app import offer_forms

        offer = self.require_selected()
        if offer:
            draft = copy.deepcopy(offer)
            self.edit(
                f"Edit {offer.company}",
                offer_forms.offer_fields(offer),
                partial(offer_forms.parse_offer, base=draft),
                lambda edited: self.save(edited, "Saved"),
            )

    def action_change_status(self) -> None:
        from tui.app import offer_forms

        offer = self.require_selected()
        if offer is None:
            return
        if not allowed_next(offer.status):
            self.notify(
                f"{offer.status.value} is final; the status cannot change.",
                severity="warning",
                markup=False,
            )
            return
        self.edit(
            f"Change status of {offer.company}",
            offer_forms.status_fields(offer),
            offer_forms.parse_status,
            partial(self._apply_status, offer),
        )

    def _apply_status(self, offer: Offer, change: StatusChange) -> None:
        """Move the offer: what no longer applies is closed as not needed, and the new
        status's playbook attaches at once (what I told them is one of its steps)."""
        from tui.content import journey

        draft = copy.deepcopy(offer)
        moved = journey.move(
            draft, change.status, now(), self.guidance.checklists.items, change.note
        )
        if self.save(draft, moved_text(draft, moved)) and moved.attached is not None:
            self.show_playbook(moved.attached.id)

    def on_rehearse_question(self, message: RehearseQuestion) -> None:
        if self.panes_ready:
            self.action_show_pane("rehearsal")
            self.rehearsal_pane.rehearse(message.question_id)

    def action_intend(self) -> None:
        """Say what I intend (decline, back out, go back): its playbook attaches at once."""
        from tui.model.offer import intents_for

        offer = self.require_selected()
        if offer is None:
            return
        kinds = intents_for(offer.status)
        if not kinds:
            self.notify(
                f"A {offer.status.value} offer has no decline, back-out or way back left; "
                "s changes its status.",
                severity="warning",
                markup=False,
            )
            return
        if len(kinds) == 1:
            self._ask_intent(offer, kinds[0])
            return
        from tui.app.checklist_screens import ChoiceScreen
        from tui.model.offer import INTENT_LABELS

        choices = [(k.value, Text(f"I intend to {INTENT_LABELS[k]}")) for k in kinds]

        def chosen(value: str | None) -> None:
            if value:
                self._ask_intent(offer, Intent(value))

        self.push_screen(ChoiceScreen(f"What do you intend with {offer.company}?", choices), chosen)

    def _ask_intent(self, offer: Offer, kind: Intent) -> None:
        from tui.app import offer_forms
        from tui.model.offer import INTENT_LABELS

        self.edit(
            f"I intend to {INTENT_LABELS[kind]}: {offer.company}",
            offer_forms.intent_fields(offer, kind),
            offer_forms.parse_intent,
            partial(self._apply_intent, offer.id, kind),
        )

    def _apply_intent(self, offer_id: str, kind: Intent, values: dict[str, str]) -> None:
        from tui.content import journey

        offer = self.offers.get(offer_id)
        if offer is None:
            return
        draft = copy.deepcopy(offer)
        checklists = self.guidance.checklists.items
        try:
            checklist = journey.intend(draft, kind, now(), checklists, **values)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        target = draft.intent.target.value if draft.intent else ""
        done = f"{draft.company}: you intend to {kind.value}."
        if checklist is not None:
            done += (
                f" {checklist.title} is attached; the offer moves to {target} when you "
                "record what you told them."
            )
        if self.save(draft, done):
            self.show_playbook(checklist.id if checklist else "")

    def show_playbook(self, checklist_id: str) -> None:
        """The Checklists tab, at the first open step of the playbook just attached."""
        self.action_show_pane("checklists")
        if checklist_id and self.panes_ready:
            self.checklist_pane.highlight_next_step(checklist_id)

    def action_edit_told(self, after: Callable[[], None] | None = None) -> None:
        from tui.app import offer_forms

        offer = self.require_selected()
        if offer and not self._record_intended(offer):
            self.edit(
                f"What I told {offer.company}",
                offer_forms.told_fields(offer.told),
                offer_forms.parse_told,
                partial(self._apply_told, offer),
                after,
            )

    def _record_intended(self, offer: Offer) -> bool:
        """While an intention is pending, what I told them is its playbook's step that moves
        the status: the same form, the same move. False when there is no such step."""
        from tui.app import offer_forms
        from tui.app.journey_changes import record_change
        from tui.content.journey import playbook_id

        intent = offer.intent
        if intent is None or intent.target is offer.status:
            return False
        checklists = self.guidance.checklists.items
        checklist = checklists.get(playbook_id(intent.kind))
        items = checklist.items if checklist else ()
        step = next((i for i in items if i.moves_to is intent.target), None)
        if checklist is None or step is None:
            return False

        def recorded(telling: offer_forms.Telling) -> None:
            self.post_message(
                EditOffer(offer.id, record_change(checklist, step, telling, checklists))
            )

        self.edit(
            f"What I told {offer.company} (moves the offer to {intent.target.value})",
            offer_forms.telling_fields(offer, intent.target),
            offer_forms.parse_telling,
            recorded,
        )
        return True

    def _apply_told(self, offer: Offer, told: ToldThem) -> None:
        draft = copy.deepcopy(offer)
        draft.told = told
        self.save(draft, "Saved what you told them")

    def action_add_contact(self) -> None:
        from tui.app import offer_forms

        offer = self.require_selected()
        if offer:
            self.edit(
                f"Add a person at {offer.company}",
                offer_forms.contact_fields(),
                offer_forms.parse_contact,
                partial(self._apply_contact, offer),
            )

    def _apply_contact(self, offer: Offer, contact: Contact) -> None:
        draft = copy.deepcopy(offer)
        draft.contacts.append(contact)
        self.save(draft, f"Added {contact.name}")

    def action_add_log(self) -> None:
        from tui.app import offer_forms

        offer = self.require_selected()
        if offer:
            self.edit(
                f"Log for {offer.company}",
                offer_forms.log_fields(offer),
                offer_forms.parse_log,
                partial(self._apply_log, offer),
            )

    def _apply_log(self, offer: Offer, entry: LogEntry) -> None:
        draft = copy.deepcopy(offer)
        draft.log.append(entry)
        self.save(draft, f"Logged {entry.kind.value}")

    def action_delete_offer(self) -> None:
        offer = self.require_selected()
        if offer is None:
            return
        question = Text("Delete ")
        question.append_text(literal(f"{offer.company} — {offer.role}", "bold"))
        question.append("?\nA copy is kept in the backups folder.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(offer)

        from tui.app.dialogs import ConfirmScreen

        self.push_screen(ConfirmScreen(question, "Delete"), answered)

    def _delete(self, offer: Offer, undoable: bool = True) -> None:
        try:
            where = self.store.delete(offer.id)
        except (ConflictError, OSError) as exc:
            self.notify(str(exc), title="Not deleted", severity="error", markup=False)
            return
        del self.offers[offer.id]
        self.offer_list.set_offers(self.offers, self.today)
        if undoable:
            self.undo_history.record(Change(offer.id, offer, f"Deleted {offer.company}"))
        hint = " (u undoes)" if undoable else ""
        self.notify(f"Deleted {offer.company}; a copy is in {where.parent}{hint}", markup=False)

    def action_undo(self) -> None:
        """Put back the version before the last change made in this window."""
        change = self.undo_history.pop()
        if change is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        current = self.offers.get(change.offer_id)
        undone = f"Undone: {change.label}"
        if change.before is None:
            if current is not None:
                self._delete(current, undoable=False)
                self.notify(undone, markup=False)
            return
        self.save(copy.deepcopy(change.before), undone, undoable=False)


def moved_text(offer: Offer, moved: Moved) -> str:
    """What a move did, in one notification: the status, the playbook, what was closed."""
    out = f"{offer.company}: {moved.new.value}."
    if moved.attached is not None:
        out += f" Attached {moved.attached.title}."
    if moved.closed:
        count = len(moved.closed)
        out += f" {count} step{'s' if count != 1 else ''} closed as not needed."
    return out
