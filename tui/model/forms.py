"""Turning what a person typed into model values, with a message naming the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

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


def date(field: str, value: str, today: dt.date | None = None) -> dt.date | None:
    """ISO dates, plus `today`, `tomorrow` and `+N` / `+Nd` / `+Nw` relative to today."""
    value = value.strip().lower()
    if not value:
        return None
    base = today or dt.date.today()
    if value == "today":
        return base
    if value == "tomorrow":
        return base + dt.timedelta(days=1)
    relative = re.fullmatch(r"\+(\d{1,3})\s*([dw]?)", value)
    if relative:
        days = int(relative[1]) * (7 if relative[2] == "w" else 1)
        return base + dt.timedelta(days=days)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FormError(field, "expected a date like 2026-11-30, today, tomorrow or +3d") from None


_MONEY = re.compile(r"^(\d+(?:\.\d+)?)\s*([km]?)$")


def money(field: str, value: str) -> int | None:
    """`180000`, `180,000`, `180k`, `1.2m` -> whole units."""
    cleaned = value.strip().lower().replace(",", "").replace("_", "").replace(" ", "")
    cleaned = cleaned.lstrip("$€£¥")
    if not cleaned:
        return None
    match = _MONEY.match(cleaned)
    if not match:
        raise FormError(field, "expected an amount like 180000, 180,000 or 180k")
    amount = float(match[1]) * {"": 1, "k": 1_000, "m": 1_000_000}[match[2]]
    return round(amount)


def choice(field: str, value: str, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        options = ", ".join(e.value for e in enum)
        raise FormError(field, f"expected one of {options}") from None


def currency(field: str, value: str) -> str:
    value = value.strip().upper() or "USD"
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise FormError(field, "expected a three-letter currency code like USD or EUR")
    return value


def first_error(errors: Iterable[FormError]) -> FormError | None:
    return next(iter(errors), None)
