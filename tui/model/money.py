"""Amounts and currency codes as people type them, refused with a reason rather than guessed.

An amount is a whole number of currency units. Digit grouping is read in the common ways
(`180,000`, `180.000`, `180 000`, `180'000`, `1.234.567,00`): a separator followed by exactly
three digits groups thousands, so a European `180.000` is 180000, never 180. A decimal part
is allowed only when it is zero (`180000.00`, `180000,00`); `k` and `m` multiply.
"""

from __future__ import annotations

import re
from functools import cache

MAX_AMOUNT = 10**12
_MAX_DIGITS = 16  # checked before int(): Python refuses to convert over 4,300 digits
_SYMBOLS = "$€£¥₹₩"
_GROUP_SEPARATORS = ",. '_\u00a0\u202f\u2009"
_SUFFIX = {"": 1, "k": 1_000, "m": 1_000_000}
_SHAPE = re.compile(r"(?P<number>\d[\d,. '_\u00a0\u202f\u2009]*)(?P<suffix>[km]?)")
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[,. '_\u00a0\u202f\u2009])\d{3})(?:(?P=sep)\d{3})*")


class AmountError(ValueError):
    """Why a text is not an amount (the message completes "expected ..., found X: ...")."""


def parse_amount(text: str) -> int | None:
    """Whole units, or None for an empty text; AmountError with the reason otherwise."""
    value = text.strip().lower().strip(_SYMBOLS).strip()
    if not value:
        return None
    shape = _SHAPE.fullmatch(value)
    if not shape:
        raise AmountError("expected an amount like 180000, 180,000 or 180k")
    number, suffix = shape["number"], shape["suffix"]
    whole, fraction = _split_decimal(number)
    digits = _ungroup(whole)
    if len(digits.lstrip("0")) > _MAX_DIGITS:
        raise AmountError(f"has {len(digits):,} digits; an amount has at most {_MAX_DIGITS}")
    amount = int(digits) * _SUFFIX[suffix]
    if fraction:
        scaled = int(fraction) * _SUFFIX[suffix] / 10 ** len(fraction)
        if scaled != int(scaled):
            raise AmountError(f"is not a whole amount ({text.strip()!r}); leave out the cents")
        amount += int(scaled)
    if amount > MAX_AMOUNT:
        raise AmountError(f"{amount:,} is too large to be an amount")
    return amount


def _split_decimal(number: str) -> tuple[str, str]:
    """(whole part, decimal digits): the last `.` or `,` is a decimal point unless it is
    followed by exactly three digits (then it groups thousands)."""
    number = number.strip()
    last = max(number.rfind("."), number.rfind(","))
    if last < 0:
        return number, ""
    tail = number[last + 1 :]
    if tail.isdigit() and len(tail) == 3:
        return number, ""
    if not tail.isdigit() or len(tail) > 2:
        raise AmountError(f"cannot read {number!r} as an amount")
    return number[:last], tail


def _ungroup(whole: str) -> str:
    if whole.isdigit():
        return whole
    if not _GROUPED.fullmatch(whole):
        raise AmountError(
            f"cannot read {whole!r} as an amount (group digits by three: 180,000 or 180.000)"
        )
    return re.sub(r"\D", "", whole)


# -- currency codes (ISO 4217, from pycountry's maintained list) ---------------------------


@cache
def currency_codes() -> frozenset[str]:
    import pycountry  # reads its data on first use; only imports and forms need it

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def currency_suggestions(code: str) -> list[str]:
    """Known codes a mistyped one most likely meant: same letters, then one letter off."""
    code = code.upper()
    known = sorted(currency_codes())
    same_letters = [k for k in known if sorted(k) == sorted(code) and k != code]
    if same_letters:
        return same_letters[:3]
    one_off = [k for k in known if len(k) == len(code) and _distance(k, code) == 1]
    return one_off[:3]


def _distance(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def check_currency(text: str) -> str:
    """The upper-case ISO 4217 code, or ValueError naming the likely code."""
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"expected a three-letter code like USD or EUR, found {text.strip()!r}")
    if code not in currency_codes():
        hints = currency_suggestions(code)
        hint = f" (did you mean {' or '.join(hints)}?)" if hints else ""
        raise ValueError(f"{code!r} is not an ISO 4217 currency code{hint}")
    return code
