"""The help screen: every action with the key it is bound to right now (keymaps included)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App

from tui.app import actions
from tui.app.keys import all_bindings


def current_keys(app: App) -> dict[str, list[str]]:
    """Binding id -> the keys that trigger it now, as the user would type them."""
    keys: dict[str, list[str]] = {}
    for active in app.active_bindings.values():
        binding_id = active.binding.id
        if binding_id:
            keys.setdefault(binding_id, []).append(app.get_key_display(active.binding))
    return keys


def help_table(app: App) -> Group:
    keys = current_keys(app)
    table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
    table.add_column("Key", no_wrap=True, style="bold cyan")
    table.add_column("Action", no_wrap=True)
    table.add_column("What it does")
    table.add_column("Binding id", style="dim", no_wrap=True)
    for action in actions.ACTIONS:
        shown = " ".join(dict.fromkeys(keys.get(action.id, []))) or action.keys
        table.add_row(shown, action.title, action.help, action.id)
    app_ids = {a.id for a in actions.ACTIONS}
    for binding_id, binding in sorted(all_bindings().items()):
        if binding_id not in app_ids:
            shown = " ".join(dict.fromkeys(keys.get(binding_id, []))) or binding.key
            table.add_row(shown, binding.description, binding.tooltip, binding_id)
    more = Text(
        "\nctrl+p opens the command palette with every action by name. In forms: Tab moves, "
        "Enter or ctrl+s saves, Escape cancels. Escape only ever goes back.\n"
        "Re-map a key in config.toml under [keymap] by its binding id, e.g. "
        '"offer.add" = "n".',
        style="dim",
    )
    return Group(table, more)
