"""The actions that change an offer: add, edit, status, what I told them, people, log,
delete; each opens a form or a dialog and saves through the store at once."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.app.messages import EditOffer
from tui.app.text import literal
from tui.app.undo import Change, UndoHistory
from tui.model import Contact, LogEntry, Offer, ToldThem, allowed_next
from tui.model.clock import now
from tui.model.status import TELLING_STATUSES
from tui.tomlio.errors import ConflictError, DataError

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.offer_forms import StatusChange
    from tui.app.offer_list import OfferList
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
        draft = copy.deepcopy(offer)
        draft.move_to(change.status, now(), change.note)
        if self.save(draft, f"{draft.company}: {change.status.value}"):
            self.after_status_change(draft)

    def after_status_change(self, offer: Offer) -> None:
        """Ask what they were told when the answer was no, then offer the matching playbook."""
        playbook = partial(self.offer_playbook, offer.id)
        if offer.status in TELLING_STATUSES:
            self.action_edit_told(after=playbook)
        else:
            playbook()

    def offer_playbook(self, offer_id: str) -> None:
        """Offer to attach the checklist for the offer's new status, if not attached yet."""
        from tui.app.checklist_pane import attach_change
        from tui.content.progress import PRIMARY

        offer = self.offers.get(offer_id)
        checklist_id = PRIMARY.get(offer.status) if offer else None
        checklist = self.guidance.checklists.get(checklist_id) if checklist_id else None
        if offer is None or checklist is None or offer.progress_for(checklist.id):
            return
        question = Text("Attach the '")
        question.append_text(literal(checklist.title, "bold", single_line=True))
        question.append("' checklist?\nIt walks you through what to do next, step by step.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(EditOffer(offer.id, attach_change(checklist, now())))
                self.action_show_pane("checklists")

        from tui.app.dialogs import ConfirmScreen

        self.push_screen(ConfirmScreen(question, "Attach"), answered)

    def action_edit_told(self, after: Callable[[], None] | None = None) -> None:
        from tui.app import offer_forms

        offer = self.require_selected()
        if offer:
            self.edit(
                f"What I told {offer.company}",
                offer_forms.told_fields(offer.told),
                offer_forms.parse_told,
                partial(self._apply_told, offer),
                after,
            )

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
