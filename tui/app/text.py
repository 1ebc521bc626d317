"""User text shown literally: never parsed as markup, and control characters made visible
so imported text cannot drive the terminal."""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab/newline, DEL, C1 controls, and bidi overrides that reorder text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def clean(value: str, single_line: bool = False) -> str:
    value = _CONTROL.sub(_visible, value)
    if single_line:
        value = value.replace("\n", " ⏎ ").replace("\t", " ")
    return value


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
