"""Concept lexicons (concepts.toml): the many ways to say one idea, compiled to cues once.

A criterion that names a concept matches its phrases as well as its own cues, so
"I'll pass on this one" and "it means a lot that you picked me" count as a clear no and as
thanks. The scorer also reads the stance concepts (accept, decline, withdraw ...) itself.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tui.model.question import CONCEPTS
from tui.rehearsal.match import Cue, compile_cue


@dataclass(frozen=True)
class Concept:
    name: str
    phrases: tuple[str, ...]
    cues: tuple[Cue, ...]
    exceptions: tuple[Cue, ...]


@cache
def concepts() -> dict[str, Concept]:
    text = resources.files("tui.rehearsal").joinpath("concepts.toml").read_text("utf-8")
    table = tomllib.loads(text)
    missing = set(CONCEPTS) - set(table)
    extra = set(table) - set(CONCEPTS)
    if missing or extra:
        raise RuntimeError(f"concepts.toml does not match CONCEPTS: {missing=} {extra=}")
    return {
        name: Concept(
            name,
            tuple(entry["phrases"]),
            tuple(compile_cue(p) for p in entry["phrases"]),
            tuple(compile_cue(p) for p in entry.get("except", ())),
        )
        for name, entry in table.items()
    }


def concept(name: str) -> Concept:
    return concepts()[name]


def all_stems() -> list[str]:
    return [part for c in concepts().values() for cue in c.cues + c.exceptions for part in cue]
