"""The action registry (see `registry`): every action declared once."""

from tui.actions.registry import (
    ACTION_IDS,
    ACTIONS,
    PALETTE_SCOPES,
    Action,
    Scope,
    find,
    in_scope,
    key_display,
)

__all__ = [
    "ACTIONS",
    "ACTION_IDS",
    "PALETTE_SCOPES",
    "Action",
    "Scope",
    "find",
    "in_scope",
    "key_display",
]
