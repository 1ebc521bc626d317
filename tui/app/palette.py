"""The command palette and the help screen, both built from the action registry: the app's
and the list's actions run on the app, the panes' switch to their tab and run there."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widget import Widget

from tui.actions import ACTIONS, PALETTE_SCOPES, Action, Scope

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.checklist_pane import ChecklistPane
    from tui.app.rehearsal_pane import RehearsalPane
    from tui.settings import Settings

    _Host = App[None]
else:
    _Host = object

# Palette entries that would act on the machine running the app, hidden when served over SSH.
SERVER_SIDE_COMMANDS = {"Save screenshot", "Screenshot", "Suspend"}


class Palette(_Host):
    """Mixed into OfferApp."""

    settings: Settings
    served: bool
    _panes_ready: bool

    if TYPE_CHECKING:  # provided by OfferApp

        @property
        def checklist_pane(self) -> ChecklistPane: ...
        @property
        def rehearsal_pane(self) -> RehearsalPane: ...
        def action_show_pane(self, pane: str) -> None: ...

    def action_help(self) -> None:
        from tui.app.dialogs import TextScreen
        from tui.app.help import help_table

        self.push_screen(
            TextScreen("offer-tui keys", help_table(self, self.settings.keymap), "help")
        )

    async def _pane_command(self, action: Action) -> None:
        """A pane's action from the palette: show its tab, then run it there."""
        if action.scope is Scope.CHECKLIST:
            self.action_show_pane("checklists")
            pane: Widget = self.checklist_pane
        else:
            self.action_show_pane("rehearsal")
            pane = self.rehearsal_pane
            self.rehearsal_pane.sync()
        await self.run_action(action.action, pane)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for action in ACTIONS:
            if not action.palette or action.scope not in PALETTE_SCOPES:
                continue
            run: Callable[[], object]
            if action.scope in (Scope.APP, Scope.LIST):
                run = partial(self.run_action, action.action)
            elif self._panes_ready:  # pane actions act on the panes, mounted once loaded
                run = partial(self._pane_command, action)
            else:
                continue
            yield SystemCommand(action.title, action.help, run)
        for command in super().get_system_commands(screen):
            if self.served and command.title in SERVER_SIDE_COMMANDS:
                continue
            if command.title != "Quit":
                yield command
