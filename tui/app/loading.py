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


class Loaded(Message):
    def __init__(
        self,
        result: LoadResult,
        guidance: Guidance,
        warnings: list[str],
        attempts: AttemptLoad | None = None,
    ) -> None:
        super().__init__()
        self.result = result
        self.guidance = guidance
        self.warnings = warnings
        if attempts is None:
            from tui.store.attempts import AttemptLoad

            attempts = AttemptLoad()
        self.attempts = attempts


def _import_panes() -> None:
    """Import the pane modules (off the main thread, from the load worker)."""
    import tui.app.checklist_pane
    import tui.app.rehearsal_pane  # noqa: F401


class Loading(_Host):
    """Mixed into OfferApp: the app's state is filled from here."""

    offers: dict[str, Offer]
    problems: list[Problem]
    loaded: bool
    undo_history: UndoHistory
    _panes_ready: bool
    store: OfferStore
    attempt_store: AttemptStore
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
        def show_in_panes(self) -> None: ...
        def action_reload(self) -> None: ...

    def _start_loading(self) -> None:
        self.store  # noqa: B018 - made here, on the main thread, not in the worker
        self.attempt_store  # noqa: B018
        self.load_data()

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        warnings = self.store.ensure()
        result = self.store.load_all()
        from tui.content.library import load_guidance

        guidance = load_guidance(self.store.root)
        attempts = self.attempt_store.load_all()
        _import_panes()
        self.post_message(Loaded(result, guidance, warnings, attempts))

    async def on_loaded(self, message: Loaded) -> None:
        await self._mount_side()
        if not self._panes_ready:
            await self._mount_panes()
        self.loaded = True
        self.offers = message.result.offers
        self.guidance = message.guidance
        self.attempts = message.attempts
        self.set_problems(
            message.result.problems + message.guidance.problems + message.attempts.problems
        )
        table = self.offer_list.table
        table.loading = False
        self.offer_list.set_offers(self.offers, self.today)
        self.show_in_panes()
        if not isinstance(self.focused, Input) or self.focused.id != "filter":
            table.focus()
        # The loaded offers live as long as the app: keep the cyclic GC from walking them
        # all again on every full collection (hundreds of ms at 2,000 offers, mid-keystroke).
        gc.freeze()
        for warning in message.warnings:
            self.notify(warning, title="Permissions repaired", severity="warning", markup=False)

    def set_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
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
