"""User text shown literally: never parsed as markup, and control characters made visible
(by tui.model.visible, the one rule for every terminal) so imported text cannot drive the
terminal. Every widget gets user text through `literal()` or `clean()`."""

from __future__ import annotations

from rich.text import Text

from tui.model.visible import visible


def clean(value: str, single_line: bool = False) -> str:
    """Plain text safe to hand a widget (an Input's value, a title, a toast)."""
    return visible(value, single_line)


# Longer text is cut on screen (the file keeps all of it): laying out megabytes of notes on
# every selection would freeze the app.
SHOWN_CHARS = 4_000


def literal(
    value: str, style: str = "", single_line: bool = False, limit: int = SHOWN_CHARS
) -> Text:
    """A Text that shows exactly what the user typed, styled as a whole."""
    extra = len(value) - limit
    if extra > 0:
        value = value[:limit]
    text = Text(clean(value, single_line), style=style)
    if extra > 0:
        text.append(f" … ({extra:,} more characters not shown)", style="dim italic")
    return text
