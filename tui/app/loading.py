"""Loading the data directory in a worker and taking the result on the main thread; the
periodic check for files changed by other windows or programs."""

from __future__ import annotations

import datetime as dt
import gc
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widgets import Input, Static

from tui.app.text import literal
from tui.app.undo import UndoHistory
from tui.model import Offer
from tui.store.gcpause import no_gc
from tui.tomlio.errors import Problem

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from tui.app.offer_list import OfferList
    from tui.content.library import Guidance
    from tui.store.attempts import AttemptLoad, AttemptStore
    from tui.store.offers import LoadResult, OfferStore

    _Host = App[None]
else:
    _Host = object


class OffersLoaded(Message):
    """The offers are read: the list is filled at once, before anything else is loaded."""

    def __init__(self, result: LoadResult, warnings: list[str]) -> None:
        super().__init__()
        self.result = result
        self.warnings = warnings


class Loaded(Message):
    """Guidance and rehearsal history, read after the list was drawn."""

    def __init__(self, guidance: Guidance, attempts: AttemptLoad) -> None:
        super().__init__()
        self.guidance = guidance
        self.attempts = attempts


def _import_panes() -> None:
    """Import the pane modules (off the main thread, from the load worker)."""
    import tui.app.checklist_pane
    import tui.app.rehearsal_pane  # noqa: F401


class Loading(_Host):
    """Mixed into OfferApp: the app's state is filled from here."""

    offers: dict[str, Offer]
    problems: list[Problem]
    _offer_problems: list[Problem] = []
    loaded: bool
    undo_history: UndoHistory
    _panes_ready: bool
    store: OfferStore
    guidance: Guidance
    attempts: AttemptLoad

    if TYPE_CHECKING:  # provided by OfferApp

        @property
        def main(self) -> Screen: ...
        @property
        def offer_list(self) -> OfferList: ...
        @property
        def today(self) -> dt.date: ...

        async def _mount_side(self) -> None: ...
        async def _mount_panes(self) -> None: ...
        @property
        def closing(self) -> bool: ...
        @property
        def attempt_store(self) -> AttemptStore: ...
        def show_in_panes(self) -> None: ...
        def show_selected(self) -> None: ...
        def action_reload(self) -> None: ...

    def _start_loading(self) -> None:
        self.store  # noqa: B018 - made here, on the main thread, not in the worker
        # What start-up made lives as long as the app: set it aside now, so no collection
        # during the load walks it again (freezing costs nothing; collecting would). The
        # collector was off until this first frame (tui.launch).
        gc.freeze()
        gc.enable()
        self.load_data()

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        """The offers first, alone: nothing else is read until the list is on screen."""
        warnings = self.store.ensure()
        with no_gc():
            result = self.store.load_all()
            # The offers live as long as the app: set aside before a collection walks them
            # (the fill's new objects would set off several: a third of the fill at 10,000
            # offers), and before the collector is on again (it would at once).
            gc.freeze()
        self.post_message(OffersLoaded(result, warnings))
        self.store.write_cache()  # for the next start; the list does not wait for it

    async def on_offers_loaded(self, message: OffersLoaded) -> None:
        if not self.screen_stack:
            return  # the app closed while the worker read
        self.offers = message.result.offers
        self._offer_problems = message.result.problems
        self.set_problems(self._offer_problems + self._other_problems())
        self.offer_list.set_offers(self.offers, self.today)
        if not isinstance(self.focused, Input) or self.focused.id != "filter":
            self.offer_list.table.focus()
        gc.freeze()  # the offers live as long as the app (see _start_loading)
        for warning in message.warnings:
            self.notify(warning, title="Permissions repaired", severity="warning", markup=False)
        self.call_after_refresh(self._after_list)  # once the list is on screen

    async def _after_list(self) -> None:
        # The history store (and its modules) is made here, on the main thread, before the
        # worker that reads it: nothing before the list needs it.
        self.attempt_store  # noqa: B018
        await self._mount_side()
        self.load_the_rest()

    @work(thread=True, exclusive=True, group="load-rest")
    def load_the_rest(self) -> None:
        """Guidance and rehearsal history, and the modules of the panes that show them."""
        from tui.content.library import load_guidance

        guidance = load_guidance(self.store.root)
        attempts = self.attempt_store.load_all()
        _import_panes()
        self.post_message(Loaded(guidance, attempts))

    async def on_loaded(self, message: Loaded) -> None:
        if self.closing or not self.screen_stack:
            return  # the app is closing, or closed while the worker read
        if not self._panes_ready:
            await self._mount_panes()
            if self.closing:
                return
        self.guidance = message.guidance
        self.attempts = message.attempts
        self.loaded = True
        self.set_problems(self._offer_problems + self._other_problems())
        self.show_selected()  # the panes take up the selected offer
        gc.freeze()

    def _other_problems(self) -> list[Problem]:
        if not self.loaded:
            return []
        return self.guidance.problems + self.attempts.problems

    def set_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        if self.closing:
            return
        bar = self.main.query_one("#problems-bar", Static)
        errors = [p for p in problems if p.severity == "error"]
        bar.display = bool(errors)
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            where = first.file.name + (f":{first.line}:{first.column}" if first.line else "")
            text = f"⚠ {where}: {first.message}{more} · press ! for details"
            bar.update(literal(text, single_line=True))

    def check_disk(self) -> None:
        if self.loaded:
            self._check_disk_worker()

    @work(thread=True, exclusive=True, group="watch")
    def _check_disk_worker(self) -> None:
        changed = self.store.changed_on_disk()
        added = self.store.new_files()
        if changed or added:
            self.call_from_thread(self._external_change, changed, len(added))

    def _external_change(self, changed: list[str], added: int) -> None:
        for offer_id in changed:
            self.undo_history.forget(offer_id)  # the other program's edit wins
        names = [self.offers[i].company for i in changed if i in self.offers]
        self.notify(
            "Changed on disk by another window or program: "
            + (", ".join(names) if names else f"{added} new file(s)")
            + ". Reloaded.",
            title="Reloaded",
            markup=False,
        )
        self.action_reload()
