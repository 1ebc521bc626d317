"""What a config file may name: every binding id in the app, and every theme."""

from __future__ import annotations

import importlib
import pkgutil

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode


def all_bindings() -> dict[str, Binding]:
    """Every binding with an id, of the app and of each widget and screen in tui.app."""
    import tui.app

    for module in pkgutil.iter_modules(tui.app.__path__):
        importlib.import_module(f"tui.app.{module.name}")
    found: dict[str, Binding] = {}
    for cls in [App, *_subclasses(DOMNode)]:
        if cls.__module__.startswith("tui.app"):
            for binding in getattr(cls, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    found.setdefault(binding.id, binding)
    return found


def known_binding_ids() -> set[str]:
    return set(all_bindings())


def known_themes() -> set[str]:
    from textual.theme import BUILTIN_THEMES

    return set(BUILTIN_THEMES)


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def apply_keymap(app: App, keymap: dict[str, str]) -> None:
    if keymap:
        app.set_keymap(keymap)
