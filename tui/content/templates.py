"""Message templates (call scripts and emails) and their safe filling.

Placeholders are `{name}` from a fixed allow-list; `{{` and `}}` stand for literal braces.
Filling never uses str.format: a small scanner reads the text, so `{offer.__class__}`,
`{a[0]}`, `{x!r}` and `{x:>10}` are errors, and a value that itself contains braces is
inserted as plain text and never scanned again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from tui.content.loading import Loaded, load_kind
from tui.model import Offer, Status, allowed_next
from tui.tomlio.errors import DataError, FieldError, did_you_mean
from tui.tomlio.fields import Fields
from tui.tomlio.tomlfile import field_problems

KIND = "templates"
SCHEMA_VERSION = 1

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class TemplateKind(StrEnum):
    CALL_SCRIPT = "call-script"
    EMAIL = "email"


class HandlingFit(StrEnum):
    """Which way back a reconsider template is for: after a clean no, or a badly handled one."""

    ANY = "any"
    CLEAN = "clean"
    BADLY = "badly"


# name -> what the reader sees when the offer does not know the value yet
PLACEHOLDERS: dict[str, str] = {
    "company": "[company]",
    "role": "[role]",
    "hiring_manager": "[hiring manager's name]",
    "hiring_manager_first": "[hiring manager's first name]",
    "recruiter": "[recruiter's name]",
    "recruiter_first": "[recruiter's first name]",
    "contact": "[their name]",
    "contact_first": "[their first name]",
    "reason": "[your reason, in one sentence]",
    "what_changed": "[what has changed for you]",
    "my_name": "[your name]",
    "sign_off": "[your sign-off]",
    "start_date": "[start date]",
    "declined_on": "[when you declined]",
}


# -- the scanner -------------------------------------------------------------------------


class TemplateSyntaxError(ValueError):
    """A malformed placeholder; `offset` is where in the text it starts."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Slot:
    name: str
    offset: int


Segment = str | Slot


def _bad_placeholder(inner: str) -> str | None:
    """Why `{inner}` is not allowed, or None when it is a plain name."""
    if _NAME.match(inner):
        return None
    if not inner.strip():
        return "an empty placeholder `{}`; write `{{}}` for literal braces"
    if "." in inner or "[" in inner:
        return f"`{{{inner}}}`: placeholders are plain names; no attribute or index access"
    if "!" in inner or ":" in inner:
        return f"`{{{inner}}}`: placeholders take no conversion or format spec (no ! or :)"
    return f"`{{{inner}}}`: a placeholder name uses only lowercase letters, digits and _"


def scan(text: str) -> list[Segment]:
    """Split template text into literal strings and Slots; raises TemplateSyntaxError."""
    out: list[Segment] = []
    literal: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{" and text.startswith("{{", i):
            literal.append("{")
            i += 2
        elif ch == "}" and text.startswith("}}", i):
            literal.append("}")
            i += 2
        elif ch == "}":
            raise TemplateSyntaxError("a lone `}`; write `}}` for a literal brace", i)
        elif ch == "{":
            end = text.find("}", i + 1)
            nested = text.find("{", i + 1)
            if end < 0 or (0 <= nested < end):
                raise TemplateSyntaxError("a `{` that is never closed; write `{{` for a brace", i)
            inner = text[i + 1 : end]
            problem = _bad_placeholder(inner)
            if problem:
                raise TemplateSyntaxError(problem, i)
            if literal:
                out.append("".join(literal))
                literal = []
            out.append(Slot(inner, i))
            i = end + 1
        else:
            literal.append(ch)
            i += 1
    if literal:
        out.append("".join(literal))
    return out


def placeholder_names(text: str) -> list[str]:
    """Names used in the text, in order of first use (raises TemplateSyntaxError)."""
    names = [s.name for s in scan(text) if isinstance(s, Slot)]
    return list(dict.fromkeys(names))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each `{name}` with values[name]; a name with no value stays visible as
    `[?name]` so the reader notices it. Raises TemplateSyntaxError for bad placeholders."""
    parts: list[str] = []
    for segment in scan(text):
        if isinstance(segment, Slot):
            parts.append(values.get(segment.name, f"[?{segment.name}]"))
        else:
            parts.append(segment)
    return "".join(parts)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset in text."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


# -- the schema --------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    kind: TemplateKind
    body: str
    subject: str = ""
    for_status: tuple[Status, ...] = ()
    handling: HandlingFit = HandlingFit.ANY
    source: str = ""
    version: int = SCHEMA_VERSION

    def placeholders(self) -> list[str]:
        return list(
            dict.fromkeys([*placeholder_names(self.subject), *placeholder_names(self.body)])
        )

    def unknown_placeholders(self) -> list[str]:
        """Names this template uses that offer-tui cannot fill."""
        return [name for name in self.placeholders() if name not in PLACEHOLDERS]

    def fits(self, offer: Offer) -> bool:
        """For the offer's status; while an intention is pending, for where it leads (a
        script is read before the conversation that moves the status)."""
        status = offer.status
        intent = offer.intent
        if intent is not None and intent.target in allowed_next(status):
            status = intent.target
        if self.for_status and status not in self.for_status:
            return False
        if self.handling is HandlingFit.ANY or offer.told is None:
            return True
        return offer.told.handled_badly == (self.handling is HandlingFit.BADLY)


def _statuses(f: Fields) -> tuple[Status, ...]:
    out: list[Status] = []
    values = [s.value for s in Status]
    for index, value in enumerate(f.str_list("for_status")):
        if value in values:
            out.append(Status(value))
            continue
        hint = did_you_mean(value, values)
        message = f"expected one of {', '.join(values)}; found {value!r}"
        if hint:
            message += f" (did you mean `{hint}`?)"
        f.errors.append(FieldError((*f.path, "for_status", index), message))
    return tuple(out)


def _checked_text(f: Fields, key: str, required: bool) -> str:
    value = f.str(key, required=required, max_len=20_000)
    try:
        scan(value)
    except TemplateSyntaxError as exc:
        line, column = line_col(value, exc.offset)
        f.error(key, f"{exc.message} (line {line}, column {column} of the {key})")
    return value


def parse_template(path: Path, table: dict[str, Any], text: str) -> list[Template]:
    """The parser for load_kind: one Template per file, or a DataError with every problem."""
    errors: list[FieldError] = []
    f = Fields(table, (), errors, strict=True)
    tid = f.str("id", required=True)
    if tid and not _SLUG.match(tid):
        f.error("id", f"{tid!r} is not an id; use lowercase letters, digits and -")
    kind = f.choice("kind", [k.value for k in TemplateKind], "email", required=True)
    version = f.int("version", default=SCHEMA_VERSION, minimum=1)
    if version is not None and version > SCHEMA_VERSION:
        f.error("version", f"is {version}; this offer-tui reads template version 1")
    template = Template(
        id=tid,
        title=f.str("title", required=True, max_len=200),
        kind=TemplateKind(kind),
        subject=_checked_text(f, "subject", required=False),
        body=_checked_text(f, "body", required=True),
        for_status=_statuses(f),
        handling=HandlingFit(f.choice("handling", [h.value for h in HandlingFit], "any")),
        source=f.str("source", max_len=200),
        version=version or SCHEMA_VERSION,
    )
    if template.kind is TemplateKind.EMAIL and "subject" not in table:
        f.error(None, "an email template needs a `subject`")
    f.finish()
    if errors:
        raise DataError(field_problems(path, text, errors))
    return [template]


def load_templates(user_dir: Path | None) -> Loaded[Template]:
    """Bundled templates plus the user's `<user_dir>/templates/*.toml` (same id overrides)."""
    return load_kind(KIND, parse_template, user_dir)


def templates_for(offer: Offer, templates: Mapping[str, Template]) -> list[Template]:
    """Templates that fit the offer's status (and, going back, how the no was handled)."""
    return sorted((t for t in templates.values() if t.fits(offer)), key=lambda t: t.id)
