"""A CSV takes the bonus the offer form takes: `15%` of the row's base salary (it was refused
with "expected an amount", though the form shows `15% of base` as its example)."""

from __future__ import annotations

from pathlib import Path

from tui.store.transfer import parse_csv


def test_a_bonus_in_percent_of_the_rows_base(tmp_path: Path) -> None:
    text = "company,role,base_salary,bonus\nB Co,Dev,100000,15%\nD Co,Dev,90000,12k\n"
    result = parse_csv(tmp_path / "x.csv", text)
    assert result.ok, result.problems
    assert [o.compensation.bonus for o in result.offers] == [15000, 12000]


def test_a_percent_without_a_base_names_the_row(tmp_path: Path) -> None:
    result = parse_csv(tmp_path / "x.csv", "company,role,bonus\nC Co,Dev,10%\n")
    assert not result.ok and not result.offers
    [problem] = result.problems
    assert "row 2: bonus: is a percentage; fill in the base salary too" in str(problem)
