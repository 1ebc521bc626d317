"""Parsing a history file a run of attempts at a time.

rtoml builds its whole document before handing it to Python: a month file of 850 KB
(about 700 attempts) took 25 MiB at its peak, and process memory never gives that back.
A history file is a header then `[[attempt]]` blocks, so it is parsed in pieces of about
PIECE bytes, each cut just before a block header, and the blocks are put back together.

Any piece that does not parse, or holds anything but attempt blocks after the first, sends
the whole file to `parse_toml`, which decides and locates the error as before: a cut that
falls inside a multi-line string (an answer holding a line `[[attempt]]`) leaves the piece
before it with an unterminated string, so it is never read as two blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.tomlio.errors import DataError
from tui.tomlio.tomlfile import parse_toml

PIECE = 64 * 1024
HEADER = b"\n[[attempt]]\n"  # how every block written by the store starts


def parse_history(path: Path, data: bytes) -> dict[str, Any]:
    """The file's table, as `parse_toml(path, data, fast=True)` gives it."""
    if len(data) <= 2 * PIECE:
        return parse_toml(path, data, fast=True)
    table = _by_pieces(path, data)
    return table if table is not None else parse_toml(path, data, fast=True)


def _by_pieces(path: Path, data: bytes) -> dict[str, Any] | None:
    table: dict[str, Any] | None = None
    blocks: list[Any] = []
    seen = False  # whether any piece had an `attempt` key (a file may have none)
    for piece in _pieces(data):
        try:
            part = parse_toml(path, piece, fast=True)
        except DataError:
            return None
        seen = seen or "attempt" in part
        found = part.pop("attempt", [])
        if not isinstance(found, list):
            return None
        if table is None:
            table = part  # the header (version = 1) is in the first piece
        elif part:
            return None  # a key or table outside the blocks: the whole file decides
        blocks.extend(found)
    if table is None:
        return None
    if seen:
        table["attempt"] = blocks
    return table


def _pieces(data: bytes) -> list[bytes]:
    pieces: list[bytes] = []
    start = 0
    while start < len(data):
        cut = data.find(HEADER, start + PIECE)
        end = len(data) if cut < 0 else cut + 1  # the newline stays with the piece before
        pieces.append(data[start:end])
        start = end
    return pieces
