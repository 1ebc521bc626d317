"""What a person may type in the forms: dates relative to today in both directions,
and a bonus given as a share of the base salary."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.model import forms

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yesterday", dt.date(2026, 11, 22)),
        ("-1d", dt.date(2026, 11, 22)),
        ("-1", dt.date(2026, 11, 22)),
        ("- 2w", dt.date(2026, 11, 9)),
        ("+5d", dt.date(2026, 11, 28)),
        ("Tomorrow", dt.date(2026, 11, 24)),
        ("2026-12-01", dt.date(2026, 12, 1)),
    ],
)
def test_dates_relative_to_today(typed: str, expected: dt.date) -> None:
    assert forms.date("received", typed, TODAY) == expected


def test_a_bad_date_names_the_field_and_the_forms_it_accepts() -> None:
    with pytest.raises(forms.FormError) as caught:
        forms.date("deadline", "next tuesday-ish", TODAY)
    assert caught.value.field == "deadline"
    assert "yesterday" in caught.value.message and "-1w" in caught.value.message


def test_a_bonus_as_a_percentage_of_the_base() -> None:
    assert forms.money_or_percent("bonus", "15%", of=180_000) == 27_000
    assert forms.money_or_percent("bonus", "12.5 %", of=200_000) == 25_000
    assert forms.money_or_percent("bonus", "20k", of=None) == 20_000


def test_a_percentage_without_a_base_is_refused_with_a_reason() -> None:
    with pytest.raises(forms.FormError) as caught:
        forms.money_or_percent("bonus", "15%", of=None)
    assert caught.value.field == "bonus" and "base salary" in caught.value.message
