"""A cache of parsed offers, so a start-up costs one stat per offer file and one decode.

`<data dir>/.offers.cache` (owner-only, written atomically, never followed if it is a link)
holds, per offer file: its name, its signature (inode, size, mtime_ns, ctime_ns), the digest
of its bytes, its file version and the Offer read from it (msgpack, by msgspec). It is only
ever a shortcut: an entry is used when the file's signature, taken again now, is exactly
the one recorded; anything else (a changed, moved or linked file, a cache that is missing,
truncated, foreign, from another version of the program or readable by others) means the
file is read as usual, so problems in files are reported exactly as without a cache.

Only files read without a problem are cached, and only when their content is sure to be
what was read: a file written within RACY_NS of the load (the filesystem's timestamps
are coarse, so a second write in the same tick could keep the same signature) is read
again next time instead. The cache lives outside offers/, so backups, restores, imports
and exports never see it.

Layout: frames, each a 4-byte big-endian length and msgpack: the fingerprint of what
wrote it, lists of up to FRAME_ENTRIES entries, and the number of entries (a cache cut
short has no such end). An entry keeps its offer as raw msgpack, so a cache
is rewritten from the old one without decoding (or trusting) the offers held in memory.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import os
import stat
import struct
import tempfile
import time
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import BinaryIO

import msgspec

import tui
from tui.model import offer as model
from tui.store.codec import VERSION
from tui.tomlio.tomlfile import FILE_MODE

NAME = ".offers.cache"
FORMAT = 2  # bump when what a file reads as changes without the model's fields changing
RACY_NS = 2_000_000_000  # coarser than any local filesystem's timestamps (FAT: 2 s)
FRAME_ENTRIES = 256
MAX_FRAME = 64 * 1024 * 1024
_LENGTH = struct.Struct(">I")

# (inode, size, mtime_ns, ctime_ns) packed: a file whose stat still matches has not been
# written since. Packed, 10,000 of them held by the store take a third of the room of tuples.
Signature = bytes
_SIGNATURE = struct.Struct("<QQqq")


def signature_of(st: os.stat_result) -> Signature:
    return _SIGNATURE.pack(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class Entry(msgspec.Struct, array_like=True):
    name: str  # the file name in offers/
    signature: Signature
    digest: bytes  # of the file's bytes, as OfferStore keeps it
    version: int  # the file's own format version, before migration
    offer: msgspec.Raw  # msgpack of the Offer read from it


_MODEL = (
    model.Offer, model.Compensation, model.Contact, model.LogEntry, model.ToldThem,
    model.Intention, model.Transition, model.ItemDone, model.ChecklistProgress,
)  # fmt: skip


@cache
def _fingerprint() -> str:
    """Changes whenever the cached shape could: this format, the file format, the model's
    fields, the program's and msgspec's versions."""
    shape = [(c.__name__, [(f.name, str(f.type)) for f in dataclasses.fields(c)]) for c in _MODEL]
    text = repr((FORMAT, VERSION, tui.__version__, msgspec.__version__, shape))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


_encoder = msgspec.msgpack.Encoder()
_header = msgspec.msgpack.Decoder(str)
_frame = msgspec.msgpack.Decoder(list[Entry] | int)  # entries, or the count at the end
_offer = msgspec.msgpack.Decoder(model.Offer)
CacheError = (OSError, ValueError, TypeError, msgspec.DecodeError)


def encode_offer(offer: model.Offer) -> msgspec.Raw | None:
    """The offer as an entry holds it; None if it cannot be (the file is then not cached)."""
    try:
        return msgspec.Raw(_encoder.encode(offer))
    except (msgspec.EncodeError, OverflowError, TypeError, ValueError):
        return None


def decode_offer(raw: msgspec.Raw) -> model.Offer:
    """The offer of an entry; msgspec.DecodeError if it does not decode."""
    return _offer.decode(raw)


def clock_ns() -> int:
    """The time a load starts, against which files are judged racy."""
    return time.time_ns()


def racy(signature: Signature, started_ns: int) -> bool:
    """Whether the file may have been written again within the same timestamp tick after
    it was read (its times are not clearly before the load started)."""
    times: tuple[int, int, int, int] = _SIGNATURE.unpack(signature)
    return max(times[2], times[3]) >= started_ns - RACY_NS


def entries(root: Path) -> Iterator[Entry]:
    """The cache's entries, a frame at a time (never the whole file in memory). Raises one
    of CacheError for a cache that is not usable: the caller then drops what it took from
    it. No cache at all yields nothing."""
    try:
        fd = os.open(root / NAME, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            raise ValueError("not a private file of this user")
        if _header.decode(_next(handle)) != _fingerprint():
            raise ValueError("written by another version")
        count = 0
        while not isinstance(frame := _frame.decode(_next(handle)), int):
            count += len(frame)
            yield from frame
        if frame != count or handle.read(1):
            raise ValueError("damaged")


def _next(handle: BinaryIO) -> bytes:
    """The next frame's bytes; ValueError if the file ends first."""
    prefix = handle.read(_LENGTH.size)
    if len(prefix) < _LENGTH.size:
        raise ValueError("cut short")
    (length,) = _LENGTH.unpack(prefix)
    if length > MAX_FRAME:
        raise ValueError("frame too long")
    data = handle.read(length)
    if len(data) != length:
        raise ValueError("cut short")
    return data


def write(root: Path, kept: dict[str, Signature], fresh: list[Entry]) -> bool:
    """Rewrite the cache with the entries of the current one named in `kept` (with that
    same signature) and the `fresh` ones. All or nothing, mode 600, the old cache read a
    frame at a time while the new one is written. False if it could not be written (a
    read-only or full disk, or the old cache changed meanwhile): it is only a shortcut."""
    path = root / NAME
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{NAME}.", suffix=".tmp", dir=root)
    except OSError:
        return False
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            _put(handle, _encoder.encode(_fingerprint()))
            old = entries(root) if kept else iter(())
            still = (e for e in old if kept.get(e.name) == e.signature)
            count = 0
            for chunk in _chunks(itertools.chain(still, fresh)):
                _put(handle, _encoder.encode(chunk))
                count += len(chunk)
            _put(handle, _encoder.encode(count))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)  # a link at `path` is replaced, never followed
    except CacheError:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        return False
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return True


def _chunks(items: Iterable[Entry]) -> Iterator[list[Entry]]:
    chunk: list[Entry] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == FRAME_ENTRIES:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _put(handle: BinaryIO, data: bytes) -> None:
    handle.write(_LENGTH.pack(len(data)))
    handle.write(data)
