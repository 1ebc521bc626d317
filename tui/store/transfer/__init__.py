"""Export offers as JSON, CSV or iCalendar, and import them from CSV or JSON. Pure: text in,
text or Offers out; the CLI (tui.commands.export / importer) does the disk and the store.
Each format has its module (json_format, csv_format, ics_format); values.py checks single
imported values; common.py holds what the importers share."""

from __future__ import annotations

from pathlib import Path

from tui.store.transfer.common import ImportResult, decode
from tui.store.transfer.csv_format import (
    CSV_COLUMNS,
    escape_cell,
    offers_to_csv,
    parse_csv,
    unescape_cell,
)
from tui.store.transfer.ics_format import DueStep, count_events, offers_to_ics
from tui.store.transfer.json_format import offers_to_json, parse_json


def detect_format(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("csv", "json") else None


def read_import(path: Path, data: bytes, fmt: str, skip_unknown: bool = False) -> ImportResult:
    """Parse and validate every row; never partial: callers add offers only when `ok`."""
    text = decode(path, data)
    if not isinstance(text, str):
        return ImportResult(problems=[text])
    if fmt == "csv":
        return parse_csv(path, text, skip_unknown)
    if fmt == "json":
        return parse_json(path, text, skip_unknown)
    raise ValueError(f"unknown import format {fmt!r}")


__all__ = [
    "CSV_COLUMNS",
    "DueStep",
    "ImportResult",
    "count_events",
    "detect_format",
    "escape_cell",
    "offers_to_csv",
    "offers_to_ics",
    "offers_to_json",
    "parse_csv",
    "parse_json",
    "read_import",
    "unescape_cell",
]
