"""Checks of single imported values; each reports (field, reason) and returns a safe default."""

from __future__ import annotations

import datetime as dt

from tui.model import Status
from tui.model.forms import FormError, money_or_percent, parse_date
from tui.model.ids import is_valid_id
from tui.model.money import AmountError, check_currency, parse_amount
from tui.store.transfer.common import Report, norm
from tui.tomlio.errors import did_you_mean


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


def date(column: str, raw: str, report: Report, today: dt.date | None = None) -> dt.date | None:
    """The dates the forms take (2026-11-30, today, +5d, -1w ...), relative to today."""
    try:
        return parse_date(raw[:200], today)
    except ValueError as exc:
        report(column, f"{exc}; found {raw.strip()[:40]!r}")
        return None


def money(column: str, raw: str, report: Report) -> int | None:
    try:
        return parse_amount(raw)
    except AmountError as exc:
        report(column, str(exc))
        return None


def bonus(raw: str, base: int | None, report: Report) -> int | None:
    """An amount, or a share of the row's base salary (`15%`), as the offer form takes it."""
    try:
        return money_or_percent("bonus", raw, base)
    except FormError as exc:
        report("bonus", exc.message)
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
