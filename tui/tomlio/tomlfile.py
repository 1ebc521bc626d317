"""Reading TOML with located errors, and writing files atomically with owner-only modes."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tui.tomlio.errors import DataError, FieldError, KeyPath, Problem

FILE_MODE = 0o600
DIR_MODE = 0o700
MAX_FILE_BYTES = 64 * 1024 * 1024

_LINE_COL = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(path: Path, data: bytes, fast: bool = False) -> dict[str, Any]:
    """Parse bytes as TOML; any failure becomes a DataError naming file, line and column.

    With `fast`, a file that is plain TOML 1.0 is parsed by rtoml (Rust, several times
    faster) when it is installed. Its values equal tomllib's, except that offset
    date-times carry rtoml's own tzinfo class, so `fast` is for callers that read values
    through Fields (which drops the offset). Anything else (and every error, for its
    line and column) goes through tomllib, which decides."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM is harmless; editors on Windows add it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at_line = data[: exc.start].count(b"\n") + 1
        at_column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            [Problem(path, "is not valid UTF-8 text (save it as UTF-8)", at_line, at_column)]
        ) from None
    if fast:
        table = _fast_loads(text)
        if table is not None:
            return table
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _LINE_COL.search(message)
        line: int | None = None
        column: int | None = None
        if match:
            line, column = int(match[1]), int(match[2])
            message = _LINE_COL.sub("", message).strip()
        elif "(at end of document)" in message:
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            message = message.replace("(at end of document)", "at the end of the file").strip()
        raise DataError([Problem(path, f"is not valid TOML: {message}", line, column)]) from None
    except RecursionError:
        raise DataError([Problem(path, "is not valid TOML: nested too deeply")]) from None


# -- the fast path: rtoml for what tomllib would read the same way ----------------------

# Strings and comments, to be blanked out before looking at the structure around them.
_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''.*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*",
    re.S,
)
# rtoml reads TOML 1.1, tomllib 1.0: these are 1.1 only (or unusual enough to leave to
# tomllib): \e and \x escapes, control characters, a time without seconds, an inline
# table with a trailing comma.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A time without seconds ("HH:MM" not followed by ":SS") is TOML 1.1; in a string it only
# sends the file to tomllib. Found from its colon: a fast literal scan.
_TIME_NO_SECONDS = re.compile(r":\d\d(?![:\d])(?<=[^:\d]\d\d:\d\d)")
_BRACE = re.compile(r"[{}]")
# An inline table on one line, not nested, its strings plain: what tomli_w writes.
_SIMPLE_INLINE = re.compile(r'\{(?:[^{}\n"\'#]|"[^"\\\n]*")*\}')
_INLINE_TABLE = re.compile(r"\{[^{}\n]*\}")  # innermost, on one line
_TRAILING_COMMA = re.compile(r",\s*}")


@cache
def _rtoml() -> Callable[[str], dict[str, Any]] | None:
    try:
        import rtoml
    except ImportError:
        return None
    return rtoml.loads


def _plain_toml_1_0(text: str) -> bool:
    """Whether `text` uses nothing that TOML 1.1 (rtoml) reads and 1.0 (tomllib) refuses."""
    if "\\" in text and ("\\e" in text or "\\x" in text):
        return False
    if _CONTROL.search(text) or _TIME_NO_SECONDS.search(text):
        return False
    if "{" not in text and "}" not in text:
        return True
    # Inline tables: each on one line, without a trailing comma. Simple ones are taken
    # out at once; the lines with a brace left are looked at with strings blanked out (a
    # multi-line string there just says no).
    if _TRAILING_COMMA.search(text):
        return False
    text = _SIMPLE_INLINE.sub("", text)
    start = 0
    while found := _BRACE.search(text, start):
        first = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start())
        end = len(text) if end < 0 else end
        if not _one_line_inline_tables(text[first:end]):
            return False
        start = end
    return True


def _one_line_inline_tables(line: str) -> bool:
    skeleton = _STRINGS.sub('""', line)
    if _TRAILING_COMMA.search(skeleton):
        return False
    count = 1
    while count:
        skeleton, count = _INLINE_TABLE.subn("", skeleton)
    return "{" not in skeleton and "}" not in skeleton


def _fast_loads(text: str) -> dict[str, Any] | None:
    """The table parsed by rtoml, or None: not installed, not plain TOML 1.0, or an error
    (tomllib then reads it again, to agree on what is valid and to locate the error)."""
    loads = _rtoml()
    if loads is None or not _plain_toml_1_0(text):
        return None
    try:
        return loads(text)
    except Exception:  # rtoml.TomlParsingError, or a value it cannot represent
        return None


LINK_MESSAGE = (
    "is a symbolic link; offer-tui does not follow links in its data folder "
    "(put the file or folder itself there); left untouched"
)


def read_bytes(path: Path, follow_links: bool = False) -> bytes:
    """The file's bytes. A symbolic link (as the last part of `path`) is a DataError unless
    `follow_links`: it is opened with O_NOFOLLOW, so no link is followed between check and
    read. Other failures are OSErrors."""
    return read_bytes_stat(path, follow_links)[0]


def read_bytes_stat(path: Path, follow_links: bool = False) -> tuple[bytes, os.stat_result]:
    """As read_bytes, with the file's status as it was opened (one open, one fstat)."""
    flags = os.O_RDONLY | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise DataError([Problem(path, LINK_MESSAGE)]) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if st.st_size > MAX_FILE_BYTES:
            message = f"is {st.st_size:,} bytes; files over 64 MB are not read"
            raise DataError([Problem(path, message)])
        return handle.read(), st


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*(\.|=)""")


def _unquote(name: str) -> str:
    return name[1:-1] if name[:1] in "\"'" else name


def locate(text: str, key_path: KeyPath) -> tuple[int, int] | None:
    """Best-effort line and column of a key path in TOML text (1-based), for messages."""
    while key_path:
        found = _locate_exact(text, key_path)
        if found:
            return found
        key_path = key_path[:-1]
    return None


def _locate_exact(text: str, key_path: KeyPath) -> tuple[int, int] | None:
    # Split the path into table part (with array indexes) and the final key.
    *tables, last = key_path
    final: str | int | None = last
    if isinstance(last, int):
        tables, final = [*tables, last], None
    header = ".".join(str(p) for p in tables if not isinstance(p, int))
    indexes = [p for p in tables if isinstance(p, int)]
    want_index = indexes[-1] if indexes else None
    current, seen = "", -1
    in_target = not header
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)
        if match:
            name = ".".join(_unquote(p.strip()) for p in match[2].split("."))
            current = name
            if name == header and match[1] == "[[":
                seen += 1
                in_target = want_index is None or seen == want_index
                if in_target and final is None:
                    return number, line.index("[") + 1
            else:
                in_target = name == header and want_index is None
                if in_target and final is None:
                    return number, line.index("[") + 1
            continue
        if in_target and final is not None and (header or current == ""):
            key = _KEY.match(line)
            if key and _unquote(key[1]) == final:
                return number, line.index(key[1]) + 1
    return None


def field_problems(path: Path, text: str, errors: Sequence[FieldError]) -> list[Problem]:
    problems = []
    for error in errors:
        where = locate(text, error.key_path)
        line, column = where if where else (None, None)
        problems.append(Problem(path, error.message, line, column, error.key_path))
    return problems


def ensure_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)


def atomic_write(path: Path, data: bytes) -> None:
    """Write all of `data` or nothing: temp file in the same folder, fsync, rename, fsync dir."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock held on `path` (created 0600) for the duration."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
