"""One size limit per field, shared by every writer and reader: a writer checks (or cuts)
against the same number its reader enforces, so nothing written is ever refused on reading.

Lengths are in characters (Python `len`), as the readers count them. The size limit of a
whole file is tui.tomlio.tomlfile.MAX_FILE_BYTES."""

from __future__ import annotations

MAX_TEXT = 16 * 1024 * 1024  # any free-text field of an offer (notes, summary, ...)
MAX_ID = 64  # contact and log-entry ids
MAX_ANSWER = 64 * 1024  # one rehearsal answer (the app's answer box and `score --save`)


def too_long(value: str, limit: int) -> str | None:
    """The message for a value over `limit`, or None when it fits."""
    if len(value) <= limit:
        return None
    return f"is {len(value):,} characters long; the limit is {limit:,}"


def cut(value: str, limit: int) -> tuple[str, bool]:
    """`value` cut to `limit` characters, and whether anything was cut."""
    return (value, False) if len(value) <= limit else (value[:limit], True)
