"""The side panel beside the list (the selected offer, its checklists, rehearsal): mounted
once the list is drawn, its panes once the data is loaded; quitting waits for a mount in
progress, since Textual fails on a panel torn down half-mounted."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import TabbedContent, TabPane

    from tui.store.attempts import AttemptStore

    _Host = App[None]
else:
    _Host = object

PANE_TABS = (("Checklists", "checklists"), ("Rehearsal", "rehearsal"))
PANE_LOADING = "Loading…"
# The forms', dialogs' and panes' styles: not parsed for the first frame (app.tcss is).
PANE_STYLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "panes.tcss")


class SidePanel(_Host):
    """Mixed into OfferApp."""

    served: bool
    _side_mounting: bool
    _side_ready: bool
    _panes_ready: bool
    _mounts_idle: asyncio.Event

    if TYPE_CHECKING:  # provided by OfferApp

        @property
        def main(self) -> Screen: ...
        @property
        def attempt_store(self) -> AttemptStore: ...
        def show_selected(self) -> None: ...
        def _tab_shown(self, active: str) -> None: ...

    def side_panel(self) -> TabbedContent:
        """The tabs beside the list: the Offer tab with the details, then `extra_panes`."""
        from textual.widgets import TabbedContent, TabPane

        from tui.app.details import OfferDetails

        # No `initial=`: the Offer tab is first, so it is active anyway, and with `initial`
        # Textual raises "No Tab with id" when the app quits while the tabs are mounting.
        side = TabbedContent(id="side")
        side.compose_add_child(TabPane("Offer", OfferDetails(id="details"), id="offer"))
        for pane in self.extra_panes():
            side.compose_add_child(pane)
        return side

    def extra_panes(self) -> Iterable[TabPane]:
        """The Checklists and Rehearsal tabs, empty: their panes (see their modules) are
        mounted once the data is loaded (`_mount_panes`), so the first frame needs neither."""
        from textual.widgets import TabPane

        for title, tab_id in PANE_TABS:
            yield TabPane(title, Static(PANE_LOADING, classes="pane-loading"), id=tab_id)

    @property
    def side(self) -> TabbedContent:
        """The side panel's tabs (once `side_ready`)."""
        from textual.widgets import TabbedContent

        return self.main.query_one("#side", TabbedContent)

    @property
    def side_ready(self) -> bool:
        """Whether the side panel is mounted (from just after the list is drawn on)."""
        return self._side_ready

    @property
    def closing(self) -> bool:
        """Whether the app is on its way out (nothing new is mounted then): asked to exit,
        or shutting down (a test's app is shut down without being asked)."""
        return self._exit or not self._running

    @contextlib.asynccontextmanager
    async def _mounting(self) -> AsyncIterator[None]:
        """Marks a panel being mounted: quitting waits for it (see `action_quit`)."""
        self._mounts_idle.clear()
        try:
            yield
        finally:
            self._mounts_idle.set()

    async def action_quit(self) -> None:
        """Quit once a panel being mounted is in place: Textual fails on a panel torn down
        half-mounted, which a `q` pressed in the first moments would otherwise do."""
        await self._mounts_idle.wait()
        self.exit()

    def _load_pane_styles(self) -> None:
        """Add panes.tcss to the app's stylesheet: parsed alone (the sources already there
        keep their parsed rules), after app.tcss in the cascade."""
        if not self.stylesheet.has_source(PANE_STYLES):
            self.stylesheet.read(PANE_STYLES)
            self.stylesheet.parse()

    async def _mount_side(self) -> None:
        if self._side_mounting or self.closing:
            return
        self._side_mounting = True
        self._load_pane_styles()  # before anything that uses them can be shown
        side = self.side_panel()
        async with self._mounting():
            await self.main.query_one("#main", Horizontal).mount(side)
        self._side_ready = True
        self.watch(side, "active", self._tab_shown, init=False)
        self.show_selected()

    @property
    def panes_ready(self) -> bool:
        """Whether the checklist and rehearsal panes are mounted (from the first load on)."""
        return self._panes_ready

    async def _mount_panes(self) -> None:
        from tui.app.checklist_pane import ChecklistPane
        from tui.app.rehearsal_pane import RehearsalPane

        panes: dict[str, Widget] = {
            "checklists": ChecklistPane(served=self.served, id="checklist-pane")
        }
        panes["rehearsal"] = RehearsalPane(
            self.attempt_store, served=self.served, id="rehearsal-pane"
        )
        async with self._mounting():
            for tab_id, pane in panes.items():
                tab = self.main.query_one(f"#{tab_id}")
                await tab.query(".pane-loading").remove()
                await tab.mount(pane)
        self._panes_ready = True
