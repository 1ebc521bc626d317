"""Reading a long history file a run of attempts at a time.

rtoml builds its whole document before handing it to Python: a month file of 850 KB
(about 700 attempts) took 25 MiB at its peak, and process memory never gives that back.
A history file is a header then `[[attempt]]` blocks, so a long one is parsed in pieces
of about PIECE bytes, each cut just before a block header, and each piece's blocks are
made into attempts before the next piece is parsed.

Any piece that does not parse, holds anything but attempt blocks after the first, or
is not on the happy path of `convert` sends the whole file to the one-parse reader,
which decides and locates any error as before. A cut that falls inside a multi-line
string (an answer holding a line `[[attempt]]`) leaves the piece before it with an
unterminated string, so it is never read as two blocks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tui.tomlio.errors import DataError
from tui.tomlio.tomlfile import parse_toml

PIECE = 64 * 1024
HEADER = b"\n[[attempt]]\n"  # how every block written by the store starts

T = TypeVar("T")


def read_by_pieces(
    path: Path, data: bytes, convert: Callable[[dict[str, Any]], list[T] | None]
) -> list[T] | None:
    """`convert` applied to each piece's table (the file's header, then that piece's
    blocks under "attempt"), the results joined; None when the file is short, or must be
    read whole (see the module's doc)."""
    if len(data) <= 2 * PIECE:
        return None
    header: dict[str, Any] | None = None
    found: list[T] = []
    for piece in pieces(data):
        try:
            part = parse_toml(path, piece, fast=True)
        except DataError:
            return None
        blocks = part.pop("attempt", None)
        if header is None:
            header = part  # the header (version = 1) is in the first piece
        elif part:
            return None  # a key or table outside the blocks
        if not isinstance(blocks, list):
            return None
        read = convert({**header, "attempt": blocks})
        if read is None:
            return None
        found.extend(read)
    return found


def pieces(data: bytes) -> list[bytes]:
    """`data` cut just before block headers, each piece PIECE bytes or a little more."""
    found: list[bytes] = []
    start = 0
    while start < len(data):
        cut = data.find(HEADER, start + PIECE)
        end = len(data) if cut < 0 else cut + 1  # the newline stays with the piece before
        found.append(data[start:end])
        start = end
    return found
