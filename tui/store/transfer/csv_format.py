"""CSV export and import: one row per offer.

Columns (export writes all; import needs `company`, the others are optional): id, company,
role, status, location, source, received, deadline, start_date, base_salary, bonus, sign_on,
equity_yearly, currency, notes. Header names are matched case-insensitively (spaces or
hyphens count as underscores). The separator (`,` `;` tab or `|`) is detected from the file.
Amounts may be grouped the European way (`180.000` is 180000). Cells that a spreadsheet
would run as a formula (starting with = + - @ tab or CR) are written with a leading single
quote; an import removes exactly that quote again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.model import Compensation, Offer
from tui.model.limits import MAX_TEXT
from tui.store.transfer import values
from tui.store.transfer.common import (
    ImportResult,
    Report,
    norm,
    sorted_offers,
    stored_form,
    unknown_message,
)
from tui.tomlio.errors import Problem

FORMULA_START = frozenset("=+-@\t\r")
_QUOTE = "'"
DELIMITERS = ",;\t|"

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
MONEY_COLUMNS = ("base_salary", "bonus", "sign_on", "equity_yearly")  # Compensation's order


# -- export -----------------------------------------------------------------------------


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
    cells: dict[str, Any] = {
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
        value = cells[column]
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
    for offer in sorted_offers(offers):
        writer.writerow(_csv_row(offer))
    return buffer.getvalue()


# -- import -----------------------------------------------------------------------------


def delimiter(text: str) -> str:
    """The separator: csv.Sniffer's guess when it splits the header into known columns,
    else the separator the header line uses most."""
    first = text.split("\n", 1)[0]
    try:
        guess = csv.Sniffer().sniff(text[:8192], delimiters=DELIMITERS).delimiter
    except csv.Error:
        guess = ""
    if guess and "company" in {norm(unescape_cell(c)) for c in first.split(guess)}:
        return guess
    counts = {d: first.count(d) for d in DELIMITERS}
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
        name = norm(unescape_cell(raw))
        where = (1, position + 1)
        if not name:
            continue
        if name not in CSV_COLUMNS:
            severity = "notice" if skip_unknown else "error"
            message = unknown_message("column", raw.strip()[:80], CSV_COLUMNS, skip_unknown)
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        header = next(reader, None)
        if header is None:
            result.problems.append(Problem(path, "is empty; expected a header row", 1, 1))
            return result
        columns = _csv_header(path, header, skip_unknown, result.problems)
        result.columns = tuple(columns.index)
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
    cells_by_name = {
        name: unescape_cell(cells[pos]) if pos < len(cells) else ""
        for name, pos in columns.index.items()
    }
    offer = _row_offer(cells_by_name, report)
    if offer is not None and not problems:
        offer = stored_form(offer, report)
    result.problems.extend(problems)
    if not problems and offer is not None:
        result.offers.append(offer)


def _row_offer(cells: Mapping[str, str], report: Report) -> Offer | None:
    company = cells.get("company", "").strip()
    if not company:
        what = "is whitespace only" if cells.get("company") else "is empty"
        report("company", f"{what}; every offer needs a company")
    texts: dict[str, str] = {}
    for name in TEXT_COLUMNS:
        value = cells.get(name, "")
        if len(value) > MAX_TEXT:
            report(name, f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
        texts[name] = value if name == "notes" else value.strip()
    status = values.status(cells.get("status", ""), report)
    received, deadline, start_date = (
        values.date(name, cells.get(name, ""), report) for name in DATE_COLUMNS
    )
    base, sign_on, equity_yearly = (
        values.money(name, cells.get(name, ""), report)
        for name in ("base_salary", "sign_on", "equity_yearly")
    )
    bonus = values.bonus(cells.get("bonus", ""), base, report)
    currency = values.currency(cells.get("currency", ""), report)
    offer_id = values.preferred_id(cells.get("id", ""), report)
    if not company:
        return None
    compensation = Compensation(
        currency=currency, base=base, bonus=bonus, sign_on=sign_on, equity_yearly=equity_yearly
    )
    offer = Offer(
        company=company,
        role=texts["role"],
        status=status,
        location=texts["location"],
        source=texts["source"],
        notes=texts["notes"],
        compensation=compensation,
        received=received,
        deadline=deadline,
        start_date=start_date,
    )
    if offer_id:
        offer.id = offer_id
    return offer
