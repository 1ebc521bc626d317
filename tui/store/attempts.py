"""Rehearsal history: `<data dir>/attempts/YYYY-MM.toml`, one `[[attempt]]` per answer.

History is append-only, and adding an attempt costs the same however long it is: its
self-contained `[[attempt]]` block is appended to the month file (O_APPEND, one write,
fsync), so earlier entries, comments and all, stay byte for byte. Appending is safe only to
a file that ends with a complete, valid document: the store remembers each file's signature
(inode, size, mtime and its last bytes) as it last read it whole or appended to it, and
appends at once when the file still matches. A file that does not match (another program
wrote it, or this process has not read it) is read and validated whole first.

A killed append leaves a torn last block: the reader keeps every attempt before it and
reports the torn one (file and line). A month file that does not parse or validate, torn
or not, is never written to again; new attempts go to a side file (`YYYY-MM.2.toml`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from tui.model.attempt import Attempt, ResultRecord
from tui.model.history import History
from tui.model.limits import MAX_ANSWER, too_long
from tui.store.attempts_parse import HEADER, read_by_pieces
from tui.store.fastread import read_attempts
from tui.store.gcpause import no_gc
from tui.store.paths import Layout
from tui.tomlio.errors import DataError, FieldError, Problem
from tui.tomlio.fields import Fields
from tui.tomlio.tomlfile import (
    LINK_MESSAGE,
    atomic_write,
    ensure_private_dir,
    field_problems,
    file_lock,
    parse_toml,
    read_bytes,
)

VERSION = 1
MAX_SIDE_FILES = 20
TAIL = 64  # bytes of a file's end kept in its signature


@dataclass
class AttemptLoad:
    attempts: list[Attempt] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    history: History = field(default_factory=History)  # the same attempts, per question

    def for_question(self, question_id: str) -> list[Attempt]:
        return list(self.history.of(question_id))


@dataclass(frozen=True)
class Signature:
    """A history file as this process last saw it complete and valid."""

    inode: int
    size: int
    mtime_ns: int
    tail: bytes


# Shared by every store in the process (the app's loader and its rehearsal session each
# make their own): what was verified about a file holds whoever verified it.
_signatures: dict[Path, Signature] = {}
_signatures_lock = threading.Lock()


class AttemptStore:
    def __init__(self, root: Path) -> None:
        self.layout = Layout(root)

    @property
    def folder(self) -> Path:
        return self.layout.attempts

    def month_path(self, at: dt.datetime) -> Path:
        return self.folder / f"{at:%Y-%m}.toml"

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.toml") if not p.name.startswith("."))

    # -- reading -------------------------------------------------------------------------
    def load_all(self) -> AttemptLoad:
        """Every readable attempt, oldest first; each bad file is reported and left as is."""
        result = AttemptLoad()
        if self.folder.is_symlink():  # never followed out of the data folder
            result.problems.append(Problem(self.folder, LINK_MESSAGE))
            return result
        with no_gc():
            for path in self.files():
                attempts, problems = read_tolerant(path)
                result.attempts.extend(attempts)
                result.problems.extend(problems)
            result.attempts.sort(key=lambda a: (a.at, a.id))
            result.history = History(result.attempts)
        return result

    # -- writing -------------------------------------------------------------------------
    def add(self, attempt: Attempt) -> Path:
        """Append one attempt to its month's file; returns the file written."""
        if not 0 <= attempt.score <= 100:
            raise ValueError(f"an attempt's score is 0-100, not {attempt.score}")
        long = too_long(attempt.answer, MAX_ANSWER)
        if long:  # the reader would refuse it (and hide the month's history with it)
            raise ValueError(f"the answer {long}; it was not saved")
        if self.folder.is_symlink():
            raise DataError([Problem(self.folder, LINK_MESSAGE)])
        block = b"\n" + render_attempt(attempt).encode("utf-8")
        ensure_private_dir(self.layout.root)
        ensure_private_dir(self.folder)
        with self._locked():
            for path in self._candidates(attempt.at):
                if not path.exists():
                    atomic_write(path, f"version = {VERSION}\n".encode() + block)
                    _remember(path)
                    return path
                if _appendable(path):
                    _append(path, block)
                    return path
        main = self.month_path(attempt.at)
        raise DataError([Problem(main, "this month's history files are all unreadable")])

    def _candidates(self, at: dt.datetime) -> list[Path]:
        """The month file, then its side files."""
        main = self.month_path(at)
        sides = [main.with_name(f"{at:%Y-%m}.{n}.toml") for n in range(2, MAX_SIDE_FILES + 2)]
        return [main, *sides]

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return file_lock(self.folder / ".lock")


# -- signatures and appending ---------------------------------------------------------------


def _signature(path: Path, fd: int | None = None) -> Signature:
    """The file's signature now (read through `fd` when given)."""
    own = fd is None
    handle = os.open(path, os.O_RDONLY) if fd is None else fd
    try:
        st = os.fstat(handle)
        start = max(0, st.st_size - TAIL)
        tail = os.pread(handle, st.st_size - start, start)
    finally:
        if own:
            os.close(handle)
    return Signature(st.st_ino, st.st_size, st.st_mtime_ns, tail)


def _remember(path: Path, signature: Signature | None = None) -> None:
    with _signatures_lock:
        _signatures[path] = signature or _signature(path)


def _forget(path: Path) -> None:
    with _signatures_lock:
        _signatures.pop(path, None)


def _appendable(path: Path) -> bool:
    """Whether the file ends with a complete, valid document: by its signature when this
    process knows it, else by reading it whole (and then remembering it)."""
    with _signatures_lock:
        known = _signatures.get(path)
    if known is not None and _signature(path) == known:
        return True
    before = _signature(path)
    try:
        data, _ = read_file(path)
    except DataError:
        _forget(path)
        return False
    if before.size == len(data) and _signature(path) == before:
        _remember(path, before)
    return True


def _append(path: Path, block: bytes) -> None:
    """One O_APPEND write of the whole block, then fsync: the file grows by the block or,
    if the process dies mid-write, by a torn block the reader reports."""
    fd = os.open(path, os.O_RDWR | os.O_APPEND)
    try:
        view = memoryview(block)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        _remember(path, _signature(path, fd))
    finally:
        os.close(fd)


# -- reading ----------------------------------------------------------------------------------


def read_tolerant(path: Path) -> tuple[list[Attempt], list[Problem]]:
    """The file's attempts and problems. A file whose only fault is its last block (an
    append cut short) gives every attempt before that block, and one problem for it."""
    try:
        before = _signature(path)
        data, attempts = read_file(path)
    except DataError as exc:
        _forget(path)
        torn = _torn(path, exc)
        if torn[1] is not exc.problems:  # it was the last block, cut short
            return torn
        return _without_bad_attempts(path) or torn
    except OSError as exc:
        return [], [Problem(path, f"cannot be read: {exc.strerror or exc}")]
    if before.size == len(data) and _signature(path) == before:
        _remember(path, before)
    return attempts, []


def _torn(path: Path, error: DataError) -> tuple[list[Attempt], list[Problem]]:
    try:
        data = read_bytes(path)
    except (OSError, DataError):
        return [], error.problems
    cut = data.rfind(HEADER)
    if cut <= 0:
        return [], error.problems
    try:
        _, attempts = read_file(path, data[: cut + 1])
    except DataError:
        return [], error.problems  # more is wrong than the last block
    line = data.count(b"\n", 0, cut) + 2
    first, *rest = error.problems
    note = (
        f" (the last attempt, from line {line}, is incomplete: a save cut short? The "
        f"{len(attempts)} attempts before it are read; new ones go to a side file)"
    )
    return attempts, [replace(first, message=first.message + note), *rest]


def _without_bad_attempts(path: Path) -> tuple[list[Attempt], list[Problem]] | None:
    """Every valid attempt of a file that parses but holds bad ones, and a problem naming
    each bad one; None when what is wrong is not one attempt (the file is then refused)."""
    try:
        data = read_bytes(path)
        table = parse_toml(path, data)
    except (OSError, DataError):
        return None
    blocks = table.get("attempt")
    if not isinstance(blocks, list):
        return None
    text = data.decode("utf-8-sig")
    good: list[Attempt] = []
    problems: list[Problem] = []
    for index, block in enumerate(blocks):
        f = Fields(block if isinstance(block, dict) else {}, ("attempt", index))
        attempt = _attempt(f) if isinstance(block, dict) else None
        if attempt is not None and not f.errors:
            good.append(attempt)
            continue
        errors = f.errors or [FieldError(("attempt", index), "expected a table")]
        for problem in field_problems(path, text, errors):
            note = f" (attempt {index + 1} of {len(blocks)} left out; the others are read)"
            problems.append(replace(problem, message=problem.message + note))
    return (good, problems) if problems else None


# -- TOML ----------------------------------------------------------------------------------


def _value(value: Any, multiline: bool = False) -> str:
    return tomli_w.dumps({"v": value}, multiline_strings=multiline)[4:].rstrip("\n")


def render_attempt(attempt: Attempt) -> str:
    lines = [
        "[[attempt]]",
        f"id = {_value(attempt.id)}",
        f"question_id = {_value(attempt.question_id)}",
        f"offer_id = {_value(attempt.offer_id)}",
        f"at = {_value(attempt.at.replace(microsecond=0))}",
        f"seconds = {_value(float(attempt.seconds))}",
        f"score = {_value(int(attempt.score))}",
        f"answer = {_value(attempt.answer, multiline=True)}",
    ]
    rows = [
        f"    {{ id = {_value(r.id)}, status = {_value(r.status)}, points = {_value(r.points)} }},"
        for r in attempt.results
    ]
    lines += ["results = [", *rows, "]"] if rows else ["results = []"]
    return "\n".join(lines) + "\n"


def read_file(path: Path, data: bytes | None = None) -> tuple[bytes, list[Attempt]]:
    """Parse and validate one history file; raises DataError with located problems."""
    if data is None:
        try:
            data = read_bytes(path)
        except OSError as exc:
            raise DataError([Problem(path, f"cannot be read: {exc.strerror or exc}")]) from None
    # The happy path: in pieces (a month parsed at once peaked at 25 MiB), or whole.
    fast = read_by_pieces(path, data, _SharedResults().read)
    if fast is not None:
        return data, fast
    table = parse_toml(path, data, fast=True)
    fast = _fast_read(table)
    if fast is not None:
        return data, fast
    top = Fields(table)
    version = top.int("version", VERSION, minimum=1)
    if version is not None and version > VERSION:
        top.error("version", f"is {version}; this offer-tui reads history up to {VERSION}")
    attempts = [_attempt(f) for f in top.tables("attempt")]
    top.finish()
    if top.errors:
        raise DataError(field_problems(path, data.decode("utf-8-sig"), top.errors))
    return data, attempts


def _fast_read(table: dict[str, Any]) -> list[Attempt] | None:
    """The attempts of a plain table, or None: the Fields reader decides."""
    return read_attempts(table, VERSION, MAX_ANSWER)


class _SharedResults:
    """_fast_read for the pieces of one file, each criterion outcome kept once for the
    whole file (read_attempts shares them within a piece only): 5,000 attempts held
    7 MiB with one copy per piece, 4 MiB with one per file."""

    def __init__(self) -> None:
        self.records: dict[ResultRecord, ResultRecord] = {}

    def read(self, table: dict[str, Any]) -> list[Attempt] | None:
        attempts = _fast_read(table)
        if attempts is not None:
            shared = self.records.setdefault
            for attempt in attempts:
                results = tuple([shared(r, r) for r in attempt.results])
                # Just made here and seen by no one yet: set in place, not copied.
                object.__setattr__(attempt, "results", results)
        return attempts


def _attempt(f: Fields) -> Attempt:
    at = f.datetime("at", required=True) or dt.datetime.min
    attempt = Attempt(
        id=f.str("id", required=True),
        question_id=f.str("question_id", required=True),
        offer_id=f.str("offer_id"),
        answer=f.str("answer", max_len=MAX_ANSWER),
        score=f.int("score", 0, minimum=0) or 0,
        at=at,
        seconds=f.number("seconds", 0.0) or 0.0,
        results=tuple(_results(f)),
    )
    if attempt.score > 100:
        f.error("score", f"must be 0-100, found {attempt.score}")
    if "results" not in f.data:  # written last: a block without it was cut short
        f.error("results", "is required but missing (it ends every attempt)")
    f.finish()
    return attempt


def _results(f: Fields) -> list[ResultRecord]:
    out = []
    for row in f.tables("results"):
        record = ResultRecord(
            id=row.str("id", required=True),
            status=row.choice("status", ("met", "missed", "violated"), "missed"),
            points=row.number("points", 0.0) or 0.0,
        )
        row.finish()
        out.append(record)
    return out


__all__ = ["AttemptLoad", "AttemptStore", "read_file", "read_tolerant", "render_attempt"]
