"""Load one kind of guidance (checklists, questions, templates) from the bundled folder and
the user's own folder. A bad file is reported and skipped; a user item with a bundled item's
id replaces it, with a notice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from tui.content.paths import bundled_guidance_dir
from tui.tomlio.errors import DataError, Problem
from tui.tomlio.tomlfile import LINK_MESSAGE, parse_toml, read_bytes


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)

# parse(path, parsed_table, text) -> items; raises DataError for a bad file
Parser = Callable[[Path, dict[str, Any], str], list[T]]


@dataclass
class Loaded(Generic[T]):
    items: dict[str, T] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, item_id: str) -> T | None:
        return self.items.get(item_id)


def toml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file() and not p.name.startswith("."))


def load_file(path: Path, parse: Parser[T]) -> list[T]:
    try:
        data = read_bytes(path)
    except OSError as exc:
        raise DataError([Problem(path, f"cannot be read: {exc.strerror or exc}")]) from None
    table = parse_toml(path, data)
    text = data.decode("utf-8-sig")
    return parse(path, table, text)


def load_kind(kind: str, parse: Parser[T], user_dir: Path | None) -> Loaded[T]:
    loaded: Loaded[T] = Loaded()
    folders = [(bundled_guidance_dir() / kind, False)]
    if user_dir is not None:
        folders.append((user_dir / kind, True))
    for folder, is_user in folders:
        if is_user and folder.is_symlink():  # never followed out of the data folder
            loaded.problems.append(Problem(folder, LINK_MESSAGE))
            continue
        for path in toml_files(folder):
            try:
                items = load_file(path, parse)
            except DataError as exc:
                loaded.problems.extend(exc.problems)
                continue
            for item in items:
                _add(loaded, item, path, is_user)
    return loaded


def _add(loaded: Loaded[T], item: T, path: Path, is_user: bool) -> None:
    earlier = loaded.origins.get(item.id)
    if earlier is not None:
        if is_user and earlier != path and not _is_user_path(earlier, path):
            note = f"`{item.id}` replaces the bundled one from {earlier.name}"
            loaded.problems.append(Problem(path, note, severity="notice"))
        else:
            loaded.problems.append(
                Problem(path, f"`{item.id}` is defined twice (also in {earlier}); the later wins")
            )
    loaded.items[item.id] = item
    loaded.origins[item.id] = path


def _is_user_path(earlier: Path, path: Path) -> bool:
    return earlier.parent == path.parent
