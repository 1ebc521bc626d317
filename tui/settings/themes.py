"""The theme names a settings file or `--theme` may give: Textual's built-in themes, listed
here so that validating settings needs no Textual import (a test keeps the list in step)."""

from __future__ import annotations

DEFAULT_THEME = "textual-dark"

THEMES: frozenset[str] = frozenset(
    {
        "atom-one-dark",
        "atom-one-light",
        "ansi-dark",
        "ansi-light",
        "catppuccin-frappe",
        "catppuccin-latte",
        "catppuccin-macchiato",
        "catppuccin-mocha",
        "dracula",
        "flexoki",
        "gruvbox",
        "monokai",
        "nord",
        "rose-pine",
        "rose-pine-dawn",
        "rose-pine-moon",
        "solarized-dark",
        "solarized-light",
        "textual-dark",
        "textual-light",
        "tokyo-night",
    }
)
