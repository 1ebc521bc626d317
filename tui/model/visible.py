"""The one way user text is made safe for a terminal: every character that could drive the
terminal (C0 controls except newline and tab, DEL, C1 controls, bidi embeddings, overrides
and isolates) is replaced by a visible placeholder. Pure: used by the command line and the
app alike, so the rule lives in one place."""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the bidi controls that reorder text on screen
# (embeddings, overrides and their pop U+202A..E; isolates U+2066..9).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a JSON string may hold raw but a terminal must not see: json.dumps already escapes C0.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

NEWLINE_MARK = " ⏎ "


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\u{code:04x}"


def visible(value: str, single_line: bool = False) -> str:
    """`value` with every terminal control shown as a placeholder (ESC as ␛, U+202E as
    \\u202e); with `single_line`, newlines become ⏎ and tabs spaces too."""
    value = CONTROL.sub(_placeholder, value)
    if single_line:
        value = value.replace("\n", NEWLINE_MARK).replace("\t", " ")
    return value


def has_control(value: str) -> bool:
    return CONTROL.search(value) is not None


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(json_text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with DEL, C1, bidi controls and
    line separators written as \\u escapes: the same data when parsed, inert when printed.
    Outside strings json.dumps writes only ASCII, so every such character is in a string."""
    return _JSON_UNSAFE.sub(_json_escape, json_text)
