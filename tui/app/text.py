"""User text shown literally: never parsed as markup, and control characters made visible
(by tui.model.visible, the one rule for every terminal) so imported text cannot drive the
terminal. Every widget gets user text through `literal()` or `clean()`."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

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


def shown(value: str | Text, single_line: bool = False) -> Text:
    """A title or question for a widget: a str is user text (made literal); a Text was
    built here from literal() pieces and is used as it is."""
    return value if isinstance(value, Text) else literal(value, single_line=single_line)


class TextInput(Input):
    """An Input that makes control characters visible in what is typed or pasted, as
    Textual draws an Input's value as it is. Give a pre-filled value through clean()."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(clean(text, single_line=True), start, end)
