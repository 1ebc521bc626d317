"""Rehearsal history: `<data dir>/attempts/YYYY-MM.toml`, one `[[attempt]]` per answer.

History is append-only. Adding an attempt appends its block to the month file's bytes (so
earlier entries, comments and all, stay byte for byte) and writes the whole file atomically.
Before the rename the file is read again: if another process changed it meanwhile, its
new bytes are taken and ours appended to them, so no one's attempt is lost. A month file
that does not parse or validate is reported and never rewritten; new attempts then go to a
side file (`YYYY-MM.2.toml`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from tui.model.attempt import Attempt, ResultRecord
from tui.store.paths import Layout
from tui.tomlio.errors import ConflictError, DataError, Problem
from tui.tomlio.fields import Fields
from tui.tomlio.tomlfile import (
    atomic_write,
    ensure_private_dir,
    field_problems,
    file_lock,
    parse_toml,
    read_bytes,
)

VERSION = 1
MAX_TRIES = 5
MAX_SIDE_FILES = 20
MAX_ANSWER = 64 * 1024


@dataclass
class AttemptLoad:
    attempts: list[Attempt] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def for_question(self, question_id: str) -> list[Attempt]:
        return [a for a in self.attempts if a.question_id == question_id]


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
        """Every readable attempt, oldest first; each bad file is one problem, left as is."""
        result = AttemptLoad()
        for path in self.files():
            try:
                result.attempts.extend(read_file(path)[1])
            except DataError as exc:
                result.problems.extend(exc.problems)
        result.attempts.sort(key=lambda a: (a.at, a.id))
        return result

    # -- writing -------------------------------------------------------------------------
    def add(self, attempt: Attempt) -> Path:
        """Append one attempt to its month's file; returns the file written."""
        if not 0 <= attempt.score <= 100:
            raise ValueError(f"an attempt's score is 0-100, not {attempt.score}")
        ensure_private_dir(self.layout.root)
        ensure_private_dir(self.folder)
        with self._locked():
            path = self._writable(attempt.at)
            for _ in range(MAX_TRIES):
                if _append_once(path, attempt):
                    return path
            raise ConflictError(path)

    def _writable(self, at: dt.datetime) -> Path:
        """The month file, or the first side file that is missing or valid."""
        main = self.month_path(at)
        candidates = [main] + [
            main.with_name(f"{at:%Y-%m}.{n}.toml") for n in range(2, MAX_SIDE_FILES + 2)
        ]
        for path in candidates:
            if not path.exists():
                return path
            try:
                read_file(path)
            except DataError:
                continue
            return path
        raise DataError([Problem(main, "this month's history files are all unreadable")])

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return file_lock(self.folder / ".lock")


def _append_once(path: Path, attempt: Attempt) -> bool:
    """One try: read, append, and write only if the file is still what was read."""
    seen = _read_optional(path)
    if seen is not None:
        _, existing = read_file(path, seen)
        if any(a.id == attempt.id for a in existing):
            return True  # already saved (a retry after a merge)
        base = seen if seen.endswith(b"\n") else seen + b"\n"
    else:
        base = f"version = {VERSION}\n".encode()
    data = base + b"\n" + render_attempt(attempt).encode("utf-8")
    if not _unchanged(path, seen):
        return False
    atomic_write(path, data)
    return True


def _read_optional(path: Path) -> bytes | None:
    try:
        return read_bytes(path)
    except FileNotFoundError:
        return None


def _unchanged(path: Path, seen: bytes | None) -> bool:
    return _read_optional(path) == seen


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
    table = parse_toml(path, data)
    top = Fields(table)
    version = top.int("version", VERSION, minimum=1)
    if version is not None and version > VERSION:
        top.error("version", f"is {version}; this offer-tui reads history up to {VERSION}")
    attempts = [_attempt(f) for f in top.tables("attempt")]
    top.finish()
    if top.errors:
        raise DataError(field_problems(path, data.decode("utf-8-sig"), top.errors))
    return data, attempts


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


__all__ = ["AttemptLoad", "AttemptStore", "read_file", "render_attempt"]
