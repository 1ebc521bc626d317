"""Export offers as JSON, CSV or iCalendar, and import them from CSV or JSON. Pure: text in,
text or Offers out; the CLI (tui.commands.export / importer) does the disk and the store.

JSON export shape: a list of objects, one per offer, sorted by company, role and id:

    [{"id": "northwind-staff-engineer-1a2b3c", "company": "Northwind", "role": "...",
      "status": "received", "received": "2026-11-02", "deadline": "2026-11-30",
      "compensation": {"currency": "USD", "base": 180000},
      "contacts": [{"id": "...", "name": "...", "role": "hiring-manager"}],
      "log": [{"id": "...", "kind": "call", "at": "2026-11-02T10:00:00", ...}], ...}]

i.e. the keys of an offer file (see codec.py) plus `id`, absent values left out, dates and
date-times as ISO 8601 text. A JSON import accepts that shape, and also the flat CSV keys.

CSV columns (export writes all; import needs `company`, the others are optional):
id, company, role, status, location, source, received, deadline, start_date, base_salary,
bonus, sign_on, equity_yearly, currency, notes. Header names are matched case-insensitively
(spaces or hyphens count as underscores). Cells that a spreadsheet would run as a formula
(starting with = + - @ tab or CR) are written with a leading single quote; an import removes
exactly that quote again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from tui.model import Compensation, Offer, Status
from tui.model.ids import is_valid_id, new_id
from tui.store.codec import MAX_TEXT, offer_from_dict, offer_to_dict, prune
from tui.tomlio.errors import Problem, did_you_mean, format_key_path

FORMULA_START = frozenset("=+-@\t\r")
_QUOTE = "'"

CSV_COLUMNS = (
    "id",
    "company",
    "role",
    "status",
    "location",
    "source",
    "received",
    "deadline",
    "start_date",
    "base_salary",
    "bonus",
    "sign_on",
    "equity_yearly",
    "currency",
    "notes",
)
TEXT_COLUMNS = ("company", "role", "location", "source", "notes")
DATE_COLUMNS = ("received", "deadline", "start_date")
MONEY_COLUMNS = {
    "base_salary": "base",
    "bonus": "bonus",
    "sign_on": "sign_on",
    "equity_yearly": "equity_yearly",
}
MAX_MONEY = 10**12
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def _sorted(offers: Iterable[Offer]) -> list[Offer]:
    return sorted(offers, key=lambda o: (o.company.casefold(), o.role.casefold(), o.id))


# -- JSON -------------------------------------------------------------------------------


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
    objects = [offer_to_json_object(o) for o in _sorted(offers)]
    return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"


# -- CSV --------------------------------------------------------------------------------


def escape_cell(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (and keep round trips exact)."""
    if value and (value[0] in FORMULA_START or value[0] == _QUOTE):
        return _QUOTE + value
    return value


def unescape_cell(value: str) -> str:
    if len(value) > 1 and value[0] == _QUOTE and (value[1] in FORMULA_START or value[1] == _QUOTE):
        return value[1:]
    return value


def _csv_row(offer: Offer) -> list[str]:
    c = offer.compensation
    values: dict[str, Any] = {
        "id": offer.id,
        "company": offer.company,
        "role": offer.role,
        "status": offer.status.value,
        "location": offer.location,
        "source": offer.source,
        "received": offer.received,
        "deadline": offer.deadline,
        "start_date": offer.start_date,
        "base_salary": c.base,
        "bonus": c.bonus,
        "sign_on": c.sign_on,
        "equity_yearly": c.equity_yearly,
        "currency": c.currency,
        "notes": offer.notes,
    }
    out = []
    for column in CSV_COLUMNS:
        value = values[column]
        if value is None:
            text = ""
        elif isinstance(value, dt.date):
            text = value.isoformat()
        else:
            text = str(value)
        out.append(escape_cell(text))
    return out


def offers_to_csv(offers: Iterable[Offer]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for offer in _sorted(offers):
        writer.writerow(_csv_row(offer))
    return buffer.getvalue()


# -- iCalendar (RFC 5545) ---------------------------------------------------------------

ICS_LINE_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def ics_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma, newline; drop other controls."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    return _CONTROL.sub("", value)


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, ICS_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, ICS_LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _ics_date(value: dt.date) -> str:
    return f"{value:%Y%m%d}"


def _event(
    uid: str, stamp: str, day: dt.date, summary: str, description: str, category: str
) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_ics_date(day)}",
        f"DTEND;VALUE=DATE:{_ics_date(day + dt.timedelta(days=1))}",
        f"SUMMARY:{ics_text(summary)}",
        f"DESCRIPTION:{ics_text(description)}",
        f"CATEGORIES:{ics_text(category)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _title(offer: Offer) -> str:
    return f"{offer.company} ({offer.role})" if offer.role else offer.company


def _deadline_event(offer: Offer, stamp: str) -> list[str]:
    assert offer.deadline is not None
    return _event(
        f"deadline-{offer.id}@offer-tui",
        stamp,
        offer.deadline,
        f"Respond to the {_title(offer)} offer",
        f"Respond-by deadline for the {_title(offer)} offer (status: {offer.status.value}).",
        "offer deadline",
    )


def _next_step_events(offer: Offer, stamp: str) -> list[str]:
    lines: list[str] = []
    for entry in offer.open_next_steps():
        assert entry.next_due is not None
        lines += _event(
            f"next-{offer.id}-{entry.id}@offer-tui",
            stamp,
            entry.next_due,
            f"{entry.next_step} ({_title(offer)})",
            f"Next step after: {entry.summary}" if entry.summary else entry.next_step,
            "offer next step",
        )
    return lines


def offers_to_ics(offers: Iterable[Offer], stamp: dt.datetime) -> str:
    """Respond-by deadlines of offers still awaiting an answer, and next-step due dates,
    as all-day events. `stamp` (UTC) is the DTSTAMP; UIDs depend only on the data."""
    utc = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp
    stamp_text = f"{utc:%Y%m%dT%H%M%S}Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//offer-tui//offer-tui//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Offers",
    ]
    for offer in _sorted(offers):
        if offer.deadline is not None and offer.awaiting_answer():
            lines += _deadline_event(offer, stamp_text)
        lines += _next_step_events(offer, stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# -- import -----------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import file holds: offers ready to add, or the problems that stop it."""

    offers: list[Offer] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def detect_format(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("csv", "json") else None


def read_import(path: Path, data: bytes, fmt: str, skip_unknown: bool = False) -> ImportResult:
    """Parse and validate every row; never partial: callers add offers only when `ok`."""
    text = _decode(path, data)
    if isinstance(text, Problem):
        return ImportResult(problems=[text])
    if fmt == "csv":
        return parse_csv(path, text, skip_unknown)
    if fmt == "json":
        return parse_json(path, text, skip_unknown)
    raise ValueError(f"unknown import format {fmt!r}")


def _decode(path: Path, data: bytes) -> str | Problem:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(path, "is not UTF-8 text (save it as UTF-8)", line, column)


def _norm(name: str) -> str:
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


def _unknown_message(what: str, name: str, known: Iterable[str], skip: bool) -> str:
    hint = _suggest(name, known)
    text = f"unknown {what} `{name}`"
    text += f" (did you mean `{hint}`?)" if hint else f"; known: {', '.join(known)}"
    return text + ("; ignored" if skip else "; rename or remove it (or use --skip-unknown)")


# CSV ----------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class _Columns:
    index: dict[str, int]  # known column -> position
    width: int


def _csv_header(
    path: Path, header: list[str], skip_unknown: bool, problems: list[Problem]
) -> _Columns:
    index: dict[str, int] = {}
    for position, raw in enumerate(header):
        name = _norm(unescape_cell(raw))
        where = (1, position + 1)
        if not name:
            continue
        if name not in CSV_COLUMNS:
            severity = "notice" if skip_unknown else "error"
            message = _unknown_message("column", raw.strip(), CSV_COLUMNS, skip_unknown)
            problems.append(Problem(path, f"header: {message}", *where, severity=severity))
        elif name in index:
            problems.append(
                Problem(
                    path,
                    f"header: column `{name}` appears twice (columns "
                    f"{index[name] + 1} and {position + 1})",
                    *where,
                )
            )
        else:
            index[name] = position
    if "company" not in index:
        problems.append(Problem(path, "header: no `company` column; every offer needs one", 1, 1))
    return _Columns(index, len(header))


def parse_csv(path: Path, text: str, skip_unknown: bool = False) -> ImportResult:
    result = ImportResult()
    csv.field_size_limit(MAX_TEXT + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader, None)
        if header is None:
            result.problems.append(Problem(path, "is empty; expected a header row", 1, 1))
            return result
        columns = _csv_header(path, header, skip_unknown, result.problems)
        start = reader.line_num + 1
        row_number = 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue  # blank line
            row_number += 1
            result.rows += 1
            _csv_row_to_offer(path, cells, columns, row_number, line, result)
    except csv.Error as exc:
        result.problems.append(Problem(path, f"is not valid CSV: {exc}", reader.line_num))
    return result


def _csv_row_to_offer(
    path: Path, cells: list[str], columns: _Columns, row: int, line: int, result: ImportResult
) -> None:
    problems: list[Problem] = []

    def report(column: str | None, message: str) -> None:
        position = columns.index.get(column, 0) + 1 if column else 1
        prefix = f"row {row}: {column}: " if column else f"row {row}: "
        problems.append(Problem(path, prefix + message, line, position))

    if len(cells) > columns.width:
        extra = [c for c in cells[columns.width :] if c.strip()]
        if extra:
            report(None, f"has {len(cells)} cells but the header has {columns.width}")
    values = {
        name: unescape_cell(cells[pos]) if pos < len(cells) else ""
        for name, pos in columns.index.items()
    }
    offer = _row_offer(values, report)
    if offer is not None and not problems:
        offer = _stored_form(offer, report)
    result.problems.extend(problems)
    if not problems and offer is not None:
        result.offers.append(offer)


Report = Callable[[str | None, str], None]


def _row_offer(values: Mapping[str, str], report: Report) -> Offer | None:
    company = values.get("company", "").strip()
    if not company:
        report("company", "is empty; every offer needs a company")
    texts = {}
    for name in TEXT_COLUMNS:
        value = values.get(name, "")
        if len(value) > MAX_TEXT:
            report(name, f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
        texts[name] = value if name == "notes" else value.strip()
    status = _status(values.get("status", ""), report)
    dates = {name: _date(name, values.get(name, ""), report) for name in DATE_COLUMNS}
    money = {
        field: _money(name, values.get(name, ""), report) for name, field in MONEY_COLUMNS.items()
    }
    currency = _currency(values.get("currency", ""), report)
    offer_id = _preferred_id(values.get("id", ""), report)
    if not company:
        return None
    offer = Offer(
        company=company,
        role=texts["role"],
        status=status,
        location=texts["location"],
        source=texts["source"],
        notes=texts["notes"],
        compensation=Compensation(currency=currency, **money),
        **dates,
    )
    if offer_id:
        offer.id = offer_id
    return offer


def _status(raw: str, report: Report) -> Status:
    value = _norm(raw).replace("_", "-")
    if not value:
        return Status.RECEIVED
    options = [s.value for s in Status]
    if value in options:
        return Status(value)
    hint = did_you_mean(value, options)
    message = f"unknown status {raw.strip()!r}; expected one of {', '.join(options)}"
    report("status", message + (f" (did you mean `{hint}`?)" if hint else ""))
    return Status.RECEIVED


def _date(column: str, raw: str, report: Report) -> dt.date | None:
    value = raw.strip()
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    report(column, f"expected a date like 2026-11-30, found {value!r}")
    return None


def _money(column: str, raw: str, report: Report) -> int | None:
    value = re.sub(r"[\s,_]", "", raw)
    value = value.lstrip("$€£")
    if not value:
        return None
    whole = re.fullmatch(r"(\d+)(?:\.0*)?", value)
    if not whole:
        report(column, f"expected a whole amount like 120000, found {raw.strip()!r}")
        return None
    amount = int(whole[1])
    if amount > MAX_MONEY:
        report(column, f"{amount:,} is too large to be an amount")
        return None
    return amount


def _currency(raw: str, report: Report) -> str:
    value = raw.strip()
    if not value:
        return "USD"
    if not _CURRENCY.match(value):
        report("currency", f"expected a three-letter code like USD or EUR, found {value!r}")
        return "USD"
    return value.upper()


def _preferred_id(raw: str, report: Report) -> str:
    value = raw.strip()
    if value and not is_valid_id(value):
        report(
            "id",
            f"{value!r} is not an offer id (lowercase letters, digits, -); "
            "leave it empty to get a new one",
        )
        return ""
    return value


def _stored_form(offer: Offer, report: Callable[..., None]) -> Offer | None:
    """The offer as it will read back from its file (times to the second), or None after
    reporting why it cannot be stored exactly."""
    try:
        data = tomli_w.dumps(prune(offer_to_dict(offer))).encode("utf-8")
        back, errors = offer_from_dict(tomllib.loads(data.decode("utf-8")), offer.id)
    except (UnicodeError, ValueError, TypeError) as exc:
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


# JSON ---------------------------------------------------------------------------------

JSON_KEYS = (*offer_to_dict(Offer(company="x", role="x")).keys(), "id", "base_salary", "currency")


def parse_json(path: Path, text: str, skip_unknown: bool = False) -> ImportResult:
    result = ImportResult()
    try:
        data = json.loads(text)
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
    table = prune(item)
    for key in [k for k in table if k not in JSON_KEYS]:
        report(None, _unknown_message("key", key, JSON_KEYS, skip), "notice" if skip else "error")
        del table[key]
    offer = _json_offer(table, report)
    if offer is not None and not _errors(problems):
        offer = _stored_form(offer, report)
    result.problems.extend(problems)
    if offer is not None and not _errors(problems):
        result.offers.append(offer)


def _errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def _json_offer(table: dict[str, Any], report: Callable[..., None]) -> Offer | None:
    offer_id = table.pop("id", "")
    if not isinstance(offer_id, str):
        report("id", "expected text")
        offer_id = ""
    offer_id = _preferred_id(offer_id, report)
    if not _flat_compensation(table, report):
        return None
    offer, errors = offer_from_dict(table, offer_id or "imported")
    for error in errors:
        report(format_key_path(error.key_path), error.message)
    if errors:
        return None
    if not offer_id:
        offer.id = new_id(offer.company, offer.role)
    return offer


def _flat_compensation(table: dict[str, Any], report: Callable[..., None]) -> bool:
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
