"""Textual key bindings, built from the action registry (`tui.actions`): each widget or
screen binds the actions of its scope."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.actions import Scope, in_scope


def bindings(*scopes: Scope) -> list[BindingType]:
    return [
        Binding(a.keys, a.action, a.label, show=a.footer, id=a.id, tooltip=a.help)
        for scope in scopes
        for a in in_scope(scope)
    ]
