"""What every importer shares: the result, decoding, names and the check that an offer
reads back from its file exactly as it was imported."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from tui.model import Offer
from tui.store.codec import offer_from_dict, offer_to_dict, prune
from tui.tomlio.errors import Problem, did_you_mean, format_key_path

Report = Callable[..., None]  # (field or None, message[, severity])


@dataclass
class ImportResult:
    """What an import file holds: offers ready to add, or the problems that stop it.

    `columns` names the offer fields the file sets (a CSV header's columns); None means
    each offer is whole (JSON). An offer whose id matches an existing one updates only
    those fields."""

    offers: list[Offer] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    columns: tuple[str, ...] | None = None

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def sorted_offers(offers: Iterable[Offer]) -> list[Offer]:
    return sorted(offers, key=lambda o: (o.company.casefold(), o.role.casefold(), o.id))


def decode(path: Path, data: bytes) -> str | Problem:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(path, "is not UTF-8 text (save it as UTF-8)", line, column)


def norm(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _suggest(name: str, known: Iterable[str]) -> str | None:
    options = list(known)
    hint = did_you_mean(name, options)
    if hint:
        return hint
    if len(name) >= 3:
        contained = [k for k in options if name in k or k in name]
        if len(contained) == 1:
            return contained[0]
    return None


def unknown_message(what: str, name: str, known: Iterable[str], skip: bool) -> str:
    options = list(known)
    hint = _suggest(name, options)
    text = f"unknown {what} `{name}`"
    text += f" (did you mean `{hint}`?)" if hint else f"; known: {', '.join(options)}"
    return text + ("; ignored" if skip else "; rename or remove it (or use --skip-unknown)")


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def stored_form(offer: Offer, report: Report) -> Offer | None:
    """The offer as it will read back from its file (times to the second), or None after
    reporting why it cannot be stored exactly."""
    try:
        data = tomli_w.dumps(prune(offer_to_dict(offer))).encode("utf-8")
        back, errors = offer_from_dict(tomllib.loads(data.decode("utf-8")), offer.id)
    except (UnicodeError, ValueError, TypeError, OverflowError) as exc:
        report(None, f"cannot be stored: {exc}")
        return None
    if errors:
        for error in errors:
            report(format_key_path(error.key_path), error.message)
        return None
    if offer_to_dict(back) != offer_to_dict(offer):
        report(None, "cannot be stored exactly (a value would change on the way to disk)")
        return None
    return back
