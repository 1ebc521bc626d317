"""Checklist playbooks: the schema, the `when` timing grammar, and the loader.

A checklist file holds one playbook (`id`, `title`, `summary`, `for_status`, `version`) and
its `[[item]]` tables. Bundled ones live in guidance/checklists/; the user's own in
`<data dir>/checklists/` and are checked against the same schema.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from tui.content.loading import Loaded, load_kind
from tui.model import ContactRole, LogKind, Status
from tui.tomlio.errors import DataError, FieldError, did_you_mean
from tui.tomlio.fields import Fields
from tui.tomlio.tomlfile import field_problems

KIND = "checklists"
SCHEMA_VERSION = 1

# The seed articles every bundled item must cite (their file name stems).
SEED_SOURCES = (
    "back-out-of-an-accepted-offer",
    "changing-your-mind-about-an-offer",
    "decline-an-offer-gracefully",
    "revisit-a-declined-offer",
)

# The source of an item that is the product's own advice rather than an article's.
OWN_ADVICE = "offer-tui"
KNOWN_SOURCES = (*SEED_SOURCES, OWN_ADVICE)


def source_label(source: str) -> str:
    """How a source reads on screen: an article's file name, or "our advice"."""
    if source == OWN_ADVICE:
        return "our advice (offer-tui), not from an article"
    return source or "—"


# Ids of items, templates and questions: a readable slug. No "@": progress keys use it.
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


# -- the `when` grammar ------------------------------------------------------------------


class Anchor(StrEnum):
    DECISION = "decision"
    DEADLINE = "deadline"
    START = "start"
    RECEIVED = "received"


_UNITS = {
    "h": dt.timedelta(hours=1),
    "hour": dt.timedelta(hours=1),
    "hours": dt.timedelta(hours=1),
    "d": dt.timedelta(days=1),
    "day": dt.timedelta(days=1),
    "days": dt.timedelta(days=1),
    "w": dt.timedelta(weeks=1),
    "week": dt.timedelta(weeks=1),
    "weeks": dt.timedelta(weeks=1),
}
_ANCHORS = "|".join(a.value for a in Anchor)
_DURATION = r"(?P<n>\d{1,3})\s*(?P<unit>[a-z]+)"
_WITHIN = re.compile(rf"^within\s+{_DURATION}\s+of\s+(?P<anchor>[a-z]+)$")
_OFFSET = re.compile(rf"^{_DURATION}\s+(?P<dir>before|after)\s+(?P<anchor>[a-z]+)$")
_BOUND = re.compile(r"^(?:by|before)\s+(?P<anchor>[a-z]+)$")

WHEN_HELP = (
    'write it like "within 24h of decision", "2d before start", "3d after decision" or '
    f'"before deadline" (units h, d, w; anchors {", ".join(a.value for a in Anchor)})'
)


class WhenError(ValueError):
    pass


@dataclass(frozen=True)
class When:
    """A due time: `offset` added to the moment named by `anchor` (negative = before)."""

    anchor: Anchor
    offset: dt.timedelta
    text: str


def _anchor(word: str) -> Anchor:
    try:
        return Anchor(word)
    except ValueError:
        hint = did_you_mean(word, [a.value for a in Anchor])
        extra = f" (did you mean `{hint}`?)" if hint else ""
        raise WhenError(
            f"unknown moment {word!r}{extra}; use one of {_ANCHORS.replace('|', ', ')}"
        ) from None


def _duration(number: str, unit: str) -> dt.timedelta:
    if unit not in _UNITS:
        hint = did_you_mean(unit, _UNITS)
        extra = f" (did you mean `{hint}`?)" if hint else ""
        raise WhenError(f"unknown unit {unit!r}{extra}; use h, d or w")
    return int(number) * _UNITS[unit]


def parse_when(text: str) -> When:
    """Parse a timing phrase; raises WhenError with a message saying what to write."""
    cleaned = " ".join(text.lower().split())
    if match := _WITHIN.match(cleaned):
        offset = _duration(match["n"], match["unit"])
        return When(_anchor(match["anchor"]), offset, text)
    if match := _OFFSET.match(cleaned):
        offset = _duration(match["n"], match["unit"])
        sign = -1 if match["dir"] == "before" else 1
        return When(_anchor(match["anchor"]), sign * offset, text)
    if match := _BOUND.match(cleaned):
        return When(_anchor(match["anchor"]), dt.timedelta(0), text)
    raise WhenError(f"cannot read {text!r}; {WHEN_HELP}")


# -- the schema --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    why: str = ""
    source: str = ""
    when: When | None = None
    contact_roles: tuple[ContactRole, ...] = ()
    rehearse: str = ""
    template: str = ""
    log: LogKind | None = None
    moves_to: Status | None = None  # recording this step moves the offer to that status
    not_needed_in: tuple[Status, ...] = ()  # closed as not needed once the offer is in these

    @property
    def per_person(self) -> bool:
        return bool(self.contact_roles)


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    summary: str = ""
    for_status: tuple[Status, ...] = ()
    version: int = SCHEMA_VERSION
    items: tuple[ChecklistItem, ...] = field(default_factory=tuple)

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def fits(self, status: Status) -> bool:
        return status in self.for_status


def _slug(f: Fields, key: str, required: bool = False) -> str:
    value = f.str(key, required=required)
    if value and not _SLUG.match(value):
        f.error(key, f"{value!r} is not an id; use lowercase letters, digits and -")
    return value


def _enum_value(f: Fields, key: str, index: int | None, value: Any, enum: type[StrEnum]) -> Any:
    choices = [e.value for e in enum]
    if isinstance(value, str) and value in choices:
        return enum(value)
    hint = did_you_mean(value, choices) if isinstance(value, str) else None
    found = repr(value) if isinstance(value, str) else type(value).__name__
    message = f"expected one of {', '.join(choices)}; found {found}"
    if hint:
        message += f" (did you mean `{hint}`?)"
    path = (*f.path, key) if index is None else (*f.path, key, index)
    f.errors.append(FieldError(path, message))
    return None


def _enum_list(f: Fields, key: str, enum: type[StrEnum]) -> tuple[Any, ...]:
    """A value of `enum`, or a list of them (`contact_role = "recruiter"` or `[...]`)."""
    value = f.raw(key)
    if value is None:
        return ()
    if isinstance(value, str):
        found = _enum_value(f, key, None, value, enum)
        return (found,) if found is not None else ()
    if not isinstance(value, list):
        f.error(key, f"expected text or a list of texts, found {type(value).__name__}")
        return ()
    out = [_enum_value(f, key, i, v, enum) for i, v in enumerate(value)]
    return tuple(dict.fromkeys(v for v in out if v is not None))


def _when(f: Fields) -> When | None:
    text = f.str("when")
    if not text:
        return None
    try:
        return parse_when(text)
    except WhenError as exc:
        f.error("when", str(exc))
        return None


def _item(f: Fields) -> ChecklistItem:
    log = f.choice("log", [k.value for k in LogKind], default="")
    moves_to = f.choice("moves_to", [s.value for s in Status], default="")
    item = ChecklistItem(
        id=_slug(f, "id", required=True),
        text=f.str("text", required=True, max_len=500),
        why=f.str("why", max_len=500),
        source=f.str("source", max_len=200),
        when=_when(f),
        contact_roles=_enum_list(f, "contact_role", ContactRole),
        rehearse=_slug(f, "rehearse"),
        template=_slug(f, "template"),
        log=LogKind(log) if log else None,
        moves_to=Status(moves_to) if moves_to else None,
        not_needed_in=_enum_list(f, "not_needed_in", Status),
    )
    if item.moves_to is not None and item.per_person:
        f.error("moves_to", "a step that moves the offer cannot be one tick per person")
    f.finish()
    return item


def _items(f: Fields) -> tuple[ChecklistItem, ...]:
    tables = f.tables("item")
    if not tables and "item" not in f.data:
        f.error(None, "has no [[item]] tables; a checklist needs at least one item")
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for table in tables:
        item = _item(table)
        if item.id and item.id in seen:
            table.error("id", f"item id `{item.id}` is used twice in this checklist")
            continue
        seen.add(item.id)
        items.append(item)
    return tuple(items)


def parse_checklist(path: Path, table: dict[str, Any], text: str) -> list[Checklist]:
    """The parser for load_kind: one Checklist per file, or a DataError with every problem."""
    errors: list[FieldError] = []
    f = Fields(table, (), errors, strict=True)
    version = f.int("version", default=SCHEMA_VERSION, minimum=1)
    if version is not None and version > SCHEMA_VERSION:
        f.error("version", f"is {version}; this offer-tui reads checklist version 1")
    checklist = Checklist(
        id=_slug(f, "id", required=True),
        title=f.str("title", required=True, max_len=200),
        summary=f.str("summary", max_len=1000),
        for_status=_enum_list(f, "for_status", Status),
        version=version or SCHEMA_VERSION,
        items=_items(f),
    )
    f.finish()
    if errors:
        raise DataError(field_problems(path, text, errors))
    return [checklist]


def load_checklists(user_dir: Path | None) -> Loaded[Checklist]:
    """Bundled checklists plus the user's `<user_dir>/checklists/*.toml` (same id overrides)."""
    return load_kind(KIND, parse_checklist, user_dir)
