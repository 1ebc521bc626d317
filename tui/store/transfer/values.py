"""Checks of single imported values; each reports (field, reason) and returns a safe default."""

from __future__ import annotations

import datetime as dt
import re

from tui.model import Status, forms
from tui.model.ids import is_valid_id
from tui.model.money import AmountError, check_currency, parse_amount
from tui.store.transfer.common import Report, norm
from tui.tomlio.errors import did_you_mean

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def status(raw: str, report: Report) -> Status:
    value = norm(raw).replace("_", "-")
    if not value:
        return Status.RECEIVED
    options = [s.value for s in Status]
    if value in options:
        return Status(value)
    hint = did_you_mean(value, options)
    message = f"unknown status {raw.strip()!r}; expected one of {', '.join(options)}"
    report("status", message + (f" (did you mean `{hint}`?)" if hint else ""))
    return Status.RECEIVED


def date(column: str, raw: str, report: Report) -> dt.date | None:
    value = raw.strip()
    if not value:
        return None
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            report(column, f"{value!r} is not a day on the calendar")
            return None
    try:  # what the forms accept: today, yesterday, +5d, -1w ...
        return forms.date(column, value)
    except forms.FormError:
        report(column, f"expected a date like 2026-11-30 or +5d, found {value[:40]!r}")
        return None


def money(column: str, raw: str, report: Report) -> int | None:
    try:
        return parse_amount(raw)
    except AmountError as exc:
        report(column, str(exc))
        return None


def currency(raw: str, report: Report, column: str = "currency") -> str:
    if not raw.strip():
        return "USD"
    try:
        return check_currency(raw)
    except ValueError as exc:
        report(column, str(exc))
        return "USD"


def preferred_id(raw: str, report: Report) -> str:
    value = raw.strip()
    if value and not is_valid_id(value):
        report(
            "id",
            f"{value[:80]!r} is not an offer id (lowercase letters, digits, -); "
            "leave it empty to get a new one",
        )
        return ""
    return value
