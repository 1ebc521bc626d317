"""Amounts and currency codes as people type them, in the forms and in imports alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.model import forms
from tui.model.money import AmountError, check_currency, parse_amount
from tui.store.transfer import parse_csv


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("180000", 180_000),
        ("180,000", 180_000),
        ("180.000", 180_000),  # European grouping: never 180
        ("180 000", 180_000),
        ("180'000", 180_000),
        ("1.234.567,00", 1_234_567),
        ("1,234,567.00", 1_234_567),
        ("180000,00", 180_000),
        ("€ 95.000", 95_000),
        ("180k", 180_000),
        ("1.2m", 1_200_000),
        ("", None),
    ],
)
def test_amounts_in_the_common_notations(typed: str, amount: int | None) -> None:
    assert parse_amount(typed) == amount
    assert forms.money("base", typed) == amount  # the app's form reads them the same way


@pytest.mark.parametrize("typed", ["180.5", "1,2345", "12,34,567", "-5", "5" * 5000, "abc"])
def test_amounts_that_are_not_whole_or_not_readable_are_refused(typed: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(typed)
    with pytest.raises(forms.FormError) as caught:
        forms.money("base", typed)
    assert caught.value.field == "base"


@pytest.mark.parametrize(("typed", "hint"), [("UDS", "USD"), ("ERU", "EUR"), ("GPB", "GBP")])
def test_mistyped_currencies_name_the_likely_code(typed: str, hint: str) -> None:
    with pytest.raises(ValueError, match=f"did you mean {hint}"):
        check_currency(typed)
    with pytest.raises(forms.FormError, match=hint):
        forms.currency("currency", typed)
    assert check_currency(hint.lower()) == hint


def test_csv_dates_accept_what_the_forms_accept() -> None:
    result = parse_csv(Path("x.csv"), "company,deadline\nAcme,+5d\n")
    assert result.ok
    [offer] = result.offers
    assert offer.deadline == dt.date.today() + dt.timedelta(days=5)
