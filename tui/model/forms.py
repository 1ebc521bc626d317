"""Turning what a person typed into model values, with a message naming the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from tui.model.money import AmountError, check_currency, parse_amount

E = TypeVar("E", bound=StrEnum)


class FormError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def text(field: str, value: str, required: bool = False, limit: int = 10_000) -> str:
    value = value.strip()
    if required and not value:
        raise FormError(field, "is required")
    if len(value) > limit:
        raise FormError(field, f"is longer than {limit:,} characters")
    return value


_NAMED_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_RELATIVE = re.compile(r"([+-])\s*(\d{1,3})\s*([dw]?)")
DATE_HINT = "expected a date like 2026-11-30, today, tomorrow, yesterday, +3d or -1w"


def parse_date(value: str, today: dt.date | None = None) -> dt.date | None:
    """ISO dates, plus `today`, `tomorrow`, `yesterday` and `+N` / `-Nd` / `+Nw` relative
    to today (a log entry or a received date is often in the past). The forms and the
    importers read dates with this one function; ValueError(DATE_HINT) otherwise."""
    value = value.strip().lower()
    if not value:
        return None
    base = today or dt.date.today()
    if value in _NAMED_DAYS:
        return base + dt.timedelta(days=_NAMED_DAYS[value])
    relative = _RELATIVE.fullmatch(value)
    if relative:
        days = int(relative[2]) * (7 if relative[3] == "w" else 1)
        return base + dt.timedelta(days=days if relative[1] == "+" else -days)
    if not _ISO_DAY.fullmatch(value):
        raise ValueError(DATE_HINT)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a day on the calendar") from None


def date(field: str, value: str, today: dt.date | None = None) -> dt.date | None:
    try:
        return parse_date(value, today)
    except ValueError as exc:
        raise FormError(field, str(exc)) from None


def money(field: str, value: str) -> int | None:
    """`180000`, `180,000`, `180.000`, `180k`, `1.2m` -> whole units (see tui.model.money)."""
    try:
        return parse_amount(value)
    except AmountError as exc:
        raise FormError(field, str(exc)) from None


_PERCENT = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$")


def money_or_percent(field: str, value: str, of: int | None) -> int | None:
    """An amount, or a percentage of `of` (a bonus of `15%` of the base salary)."""
    percent = _PERCENT.match(value)
    if percent is None:
        return money(field, value)
    if of is None:
        raise FormError(field, "is a percentage; fill in the base salary too, or give an amount")
    return round(of * float(percent[1]) / 100)


def choice(field: str, value: str, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        options = ", ".join(e.value for e in enum)
        raise FormError(field, f"expected one of {options}") from None


def currency(field: str, value: str) -> str:
    """An ISO 4217 code (USD when left empty), with a did-you-mean for a mistyped one."""
    if not value.strip():
        return "USD"
    try:
        return check_currency(value)
    except ValueError as exc:
        raise FormError(field, str(exc)) from None


def first_error(errors: Iterable[FormError]) -> FormError | None:
    return next(iter(errors), None)
