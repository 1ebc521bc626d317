"""The help screen: every action of the registry, by where it applies, with the key it is
bound to right now (keymaps included)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App

from tui.actions import ACTIONS, Scope, key_display


def current_keys(app: App) -> dict[str, list[str]]:
    """Action id -> the keys that trigger it now, as the user would type them."""
    keys: dict[str, list[str]] = {}
    for active in app.active_bindings.values():
        binding_id = active.binding.id
        if binding_id:
            keys.setdefault(binding_id, []).append(app.get_key_display(active.binding))
    return keys


def help_table(app: App, keymap: Mapping[str, str]) -> Group:
    """`keymap`: the settings' re-mapped keys, shown for actions not bound right now."""
    keys = current_keys(app)
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold", expand=True)
    table.add_column("Key", no_wrap=True, style="bold cyan")
    table.add_column("Action", ratio=1)
    table.add_column("Binding id", style="dim", no_wrap=True)
    scope: Scope | None = None
    for action in ACTIONS:
        if action.scope is not scope:
            scope = action.scope
            table.add_row("", Text(scope.value.capitalize(), style="bold underline"), "")
        default = key_display(keymap.get(action.id, action.keys))
        shown = " ".join(dict.fromkeys(keys.get(action.id, []))) or default
        what = Text(action.title, style="bold")
        what.append(f"  {action.help}", style="")
        table.add_row(shown, what, action.id)
    more = Text(
        "\nctrl+p opens the command palette with every action by name. In forms: Tab moves, "
        "Enter or ctrl+s saves, Escape cancels. Escape only ever goes back.\n"
        "Re-map a key in config.toml under [keymap] by its binding id, e.g. "
        '"offer.add" = "n".',
        style="dim",
    )
    return Group(table, more)
