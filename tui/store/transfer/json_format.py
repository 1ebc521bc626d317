"""JSON export and import.

Export shape: a list of objects, one per offer, sorted by company, role and id:

    [{"id": "northwind-staff-engineer-1a2b3c", "company": "Northwind", "role": "...",
      "status": "received", "received": "2026-11-02", "deadline": "2026-11-30",
      "compensation": {"currency": "USD", "base": 180000},
      "contacts": [{"id": "...", "name": "...", "role": "hiring-manager"}],
      "log": [{"id": "...", "kind": "call", "at": "2026-11-02T10:00:00", ...}], ...}]

i.e. the keys of an offer file (see codec.py) plus `id`, absent values left out, dates and
date-times as ISO 8601 text. An import accepts that shape, and also the flat CSV keys
`base_salary` and `currency`. NaN, Infinity, numbers of more than 16 digits and nesting
deeper than an offer file's are refused with the row and the key.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tui.model import Offer
from tui.model.ids import new_id
from tui.store.codec import offer_from_dict, offer_to_dict, prune
from tui.store.transfer import values
from tui.store.transfer.common import (
    ImportResult,
    Report,
    has_errors,
    sorted_offers,
    stored_form,
    unknown_message,
)
from tui.tomlio.errors import KeyPath, Problem, format_key_path

MAX_DEPTH = 8  # an offer nests 4 levels (checklists[0].done.item.at); room to spare
MAX_DIGITS = 16
JSON_KEYS = (*offer_to_dict(Offer(company="x", role="x")).keys(), "id", "base_salary", "currency")


# -- export -----------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):  # date and datetime
        return value.isoformat()
    return value


def offer_to_json_object(offer: Offer) -> dict[str, Any]:
    table = prune(offer_to_dict(offer))
    table.pop("version", None)
    return {"id": offer.id, **_jsonable(table)}


def offers_to_json(offers: Iterable[Offer]) -> str:
    objects = [offer_to_json_object(o) for o in sorted_offers(offers)]
    return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"


# -- import -----------------------------------------------------------------------------


class _Odd:
    """A number JSON allows but an offer cannot hold; reported with its row and key."""

    def __init__(self, why: str) -> None:
        self.why = why


def _int(text: str) -> int | _Odd:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        return _Odd(f"is a number of {digits:,} digits; an amount has at most {MAX_DIGITS}")
    return int(text)


def _float(text: str) -> float | _Odd:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        return _Odd(f"is a number too large to hold ({text[:20]}...)")
    return value


def _constant(name: str) -> _Odd:
    return _Odd(f"is {name}, which is not a number an offer can hold")


def _walk(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """(key path, reason) for every odd number and for nesting deeper than MAX_DEPTH,
    without recursion (the nesting is what is being checked)."""
    stack: list[tuple[Any, KeyPath]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, _Odd):
            yield where, item.why
        elif isinstance(item, dict | list):
            if len(where) >= MAX_DEPTH:
                yield where, f"is nested more than {MAX_DEPTH} levels deep; not an offer"
                continue
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend((v, (*where, k)) for k, v in pairs)


def parse_json(path: Path, text: str, skip_unknown: bool = False) -> ImportResult:
    result = ImportResult()
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        result.problems.append(
            Problem(path, f"is not valid JSON: {exc.msg}", exc.lineno, exc.colno)
        )
        return result
    except RecursionError:
        result.problems.append(Problem(path, "is not valid JSON: nested too deeply"))
        return result
    if not isinstance(data, list):
        result.problems.append(Problem(path, "must hold a list of offers ([{...}, ...])"))
        return result
    for index, item in enumerate(data):
        result.rows += 1
        _json_item(path, index + 1, item, skip_unknown, result)
    return result


def _json_item(path: Path, row: int, item: Any, skip: bool, result: ImportResult) -> None:
    problems: list[Problem] = []

    def report(key: str | None, message: str, severity: str = "error") -> None:
        prefix = f"row {row}: {key}: " if key else f"row {row}: "
        problems.append(Problem(path, prefix + message, severity=severity))

    if not isinstance(item, dict):
        report(None, "expected an object with company, role, ...")
        result.problems.extend(problems)
        return
    odd = list(_walk(item))
    for where, why in odd[:10]:
        report(format_key_path(where), why)
    if odd:
        result.problems.extend(problems)
        return
    table = prune(item)
    for key in [k for k in table if k not in JSON_KEYS]:
        report(
            None, unknown_message("key", key[:80], JSON_KEYS, skip), "notice" if skip else "error"
        )
        del table[key]
    offer = _json_offer(table, report, strict=not skip)
    if offer is not None and not has_errors(problems):
        offer = stored_form(offer, report)
    result.problems.extend(problems)
    if offer is not None and not has_errors(problems):
        result.offers.append(offer)


def _json_offer(table: dict[str, Any], report: Report, strict: bool) -> Offer | None:
    offer_id = table.pop("id", "")
    if not isinstance(offer_id, str):
        report("id", "expected text")
        offer_id = ""
    offer_id = values.preferred_id(offer_id, report)
    if not _flat_compensation(table, report):
        return None
    offer, errors = offer_from_dict(table, offer_id or "imported", strict=strict)
    for error in errors:
        report(format_key_path(error.key_path), error.message)
    if errors:
        return None
    currency = values.currency(offer.compensation.currency, report, "compensation.currency")
    offer.compensation.currency = currency
    if not offer_id:
        offer.id = new_id(offer.company, offer.role)
    return offer


def _flat_compensation(table: dict[str, Any], report: Report) -> bool:
    """Move the flat `base_salary` / `currency` keys into the compensation table."""
    flat = {"base_salary": "base", "currency": "currency"}
    if not any(k in table for k in flat):
        return True
    comp = table.setdefault("compensation", {})
    if not isinstance(comp, dict):
        report("compensation", "expected an object")
        return False
    ok = True
    for key, target in flat.items():
        if key not in table:
            continue
        value = table.pop(key)
        if target in comp and comp[target] != value:
            report(key, f"disagrees with compensation.{target} ({comp[target]!r})")
            ok = False
        comp[target] = value
    return ok
