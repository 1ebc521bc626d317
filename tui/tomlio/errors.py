"""Errors the store and the content loader report, always naming the file and place."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

KeyPath = tuple[str | int, ...]
_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def format_key_path(path: KeyPath) -> str:
    """`("contacts", 1, "role")` -> `contacts[1].role`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if _BARE.match(part) else '"' + part.replace('"', '\\"') + '"'
        out += f".{name}" if out else name
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to a misspelt one, or None."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return found[0] if found else None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where it is and what to do about it."""

    file: Path
    message: str
    line: int | None = None
    column: int | None = None
    key_path: KeyPath = ()
    severity: str = "error"  # "error" or "notice"

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        key = format_key_path(self.key_path)
        prefix = f"{key}: " if key else ""
        return f"{where}: {prefix}{self.message}"


class DataError(Exception):
    """A file could not be read, parsed or validated. Carries one or more Problems."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class FieldError(Exception):
    """A value in a table is missing or of the wrong shape (before the file is known)."""

    def __init__(self, key_path: KeyPath, message: str):
        self.key_path = key_path
        self.message = message
        super().__init__(f"{format_key_path(key_path)}: {message}")


class ConflictError(Exception):
    """The file changed on disk since it was read; writing would overwrite someone's edit."""

    def __init__(self, file: Path):
        self.file = file
        super().__init__(
            f"{file} changed on disk since it was read (another window or program edited it); "
            "nothing was written. Reload to see the other change, then make yours again."
        )
