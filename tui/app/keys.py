"""What a config file may name: every binding id in the app, and every theme."""

from __future__ import annotations

import importlib
import pkgutil

from textual.app import App
from textual.dom import DOMNode


def known_binding_ids() -> set[str]:
    """Binding ids of the app and of every widget and screen in tui.app."""
    import tui.app

    for module in pkgutil.iter_modules(tui.app.__path__):
        importlib.import_module(f"tui.app.{module.name}")
    ids: set[str] = set()
    for cls in _subclasses(DOMNode):
        if cls.__module__.startswith("tui.app"):
            for binding in getattr(cls, "BINDINGS", []):
                binding_id = getattr(binding, "id", None)
                if binding_id:
                    ids.add(binding_id)
    return ids


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
