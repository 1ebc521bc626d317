"""Importers and exporters against odd values: each bad one is a message naming the file,
row and field, exit 2 and nothing written; the good ones survive a round trip exactly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.model import Compensation, Contact, ContactRole, LogEntry, LogKind, Offer
from tui.store.offers import OfferStore
from tui.store.transfer import offers_to_csv, offers_to_json, parse_csv, parse_json


def run_cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def _refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert run_cli(data_dir, "import", str(path)) == 2
    assert not data_dir.exists(), "an import that is refused writes nothing"
    err = capsys.readouterr().err
    assert str(path) in err and "Nothing was imported" in err
    assert "Traceback" not in err
    return err


# -- CSV: locale number formats, currencies, empty fields -----------------------------------


def test_european_csv_imports_180_000_as_180000(tmp_path: Path, data_dir: Path) -> None:
    text = (
        "Company;Role;Base salary;Currency;Bonus\n"
        "Northwind;Staff Engineer;180.000;EUR;12.500,00\n"
        "Globex;Lead;95 000;EUR;\n"
    )
    path = tmp_path / "eu.csv"
    path.write_text(text, encoding="utf-8")
    assert run_cli(data_dir, "import", str(path)) == 0
    offers = sorted(OfferStore(data_dir).load_all().offers.values(), key=lambda o: o.company)
    assert [(o.company, o.compensation.base) for o in offers] == [
        ("Globex", 95_000),
        ("Northwind", 180_000),
    ]
    assert offers[1].compensation.bonus == 12_500
    assert offers[1].compensation.currency == "EUR"


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("180.5", "is not a whole amount"),
        ("1,2345", "cannot read"),
        ("12,34,567", "group digits by three"),
        ("5" * 5000, "has 5,000 digits"),
        ("-5", "expected an amount"),
        ("99999999999999", "too large"),
    ],
)
def test_amounts_that_cannot_be_read_are_refused_with_row_and_column(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    cell: str,
    reason: str,
) -> None:
    text = f'company;base_salary\nAcme;1000\nInitech;"{cell}"\n'
    err = _refused(tmp_path, data_dir, capsys, "bad.csv", text)
    assert "row 3: base_salary: " in err and reason in err


def test_unknown_currency_is_refused_with_a_did_you_mean(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "company,currency\nAcme,USD\nInitech,UDS\n"
    err = _refused(tmp_path, data_dir, capsys, "cur.csv", text)
    assert "row 3: currency: 'UDS' is not an ISO 4217 currency code (did you mean USD?)" in err


def test_unknown_currency_in_json_is_refused_too(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps([{"company": "Acme", "compensation": {"currency": "GPB", "base": 1}}])
    err = _refused(tmp_path, data_dir, capsys, "cur.json", text)
    assert "row 1: compensation.currency: " in err and "did you mean GBP?" in err


@pytest.mark.parametrize("company", ["", "   ", "\t \t"])
def test_empty_or_whitespace_company_is_refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], company: str
) -> None:
    err = _refused(tmp_path, data_dir, capsys, "e.csv", f"company,role\nAcme,a\n{company},b\n")
    assert "row 3: company: " in err
    err = _refused(tmp_path, data_dir, capsys, "e.json", json.dumps([{"company": company}]))
    assert "row 1: company: " in err


def test_whitespace_contact_name_in_json_is_refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps([{"company": "A", "contacts": [{"name": "  ", "role": "recruiter"}]}])
    err = _refused(tmp_path, data_dir, capsys, "c.json", text)
    assert "row 1: contacts[0].name: must not be empty" in err


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_dates_at_the_edges_of_the_calendar_import_and_export(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    path = tmp_path / "edge.csv"
    path.write_text(f"company,deadline,received\nEdge,{day},{day}\n", encoding="utf-8")
    assert run_cli(data_dir, "import", str(path)) == 0
    [offer] = OfferStore(data_dir).load_all().offers.values()
    assert offer.deadline == dt.date.fromisoformat(day)
    capsys.readouterr()
    for fmt in ("json", "csv", "ics"):
        assert run_cli(data_dir, "export", "--format", fmt) == 0
        out = capsys.readouterr().out
        assert day in out or day.replace("-", "") in out


def test_impossible_dates_are_refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(tmp_path, data_dir, capsys, "d.csv", "company,deadline\nA,2026-02-30\n")
    assert "row 2: deadline: '2026-02-30' is not a day on the calendar" in err
    err = _refused(
        tmp_path, data_dir, capsys, "d.json", '[{"company": "A", "deadline": "0000-01-01"}]'
    )
    assert "row 1: deadline: expected a date" in err


# -- JSON: deep nesting, huge numbers, NaN and Infinity -------------------------------------


def test_json_nested_20_levels_names_row_and_key(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = '[{"company": "B", "extra": ' + "[" * 20 + "]" * 20 + "}]"
    err = _refused(tmp_path, data_dir, capsys, "deep.json", text)
    assert "row 1: extra[0][0][0][0][0][0][0]: is nested more than 8 levels deep" in err


def test_json_nested_950_levels_is_refused_with_the_row(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = "[" * 950 + "]" * 950
    text = f'[{{"company": "A"}}, {{"company": "B", "extra": {deep}}}]'
    err = _refused(tmp_path, data_dir, capsys, "deep.json", text)
    # the row and key when the parser gets that far, else the file (depends on the stack)
    assert ("row 2: extra" in err and "nested more than" in err) or "nested too deeply" in err


def test_json_nested_beyond_the_parser_is_refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "[" * 100_000 + "]" * 100_000
    err = _refused(tmp_path, data_dir, capsys, "deeper.json", text)
    assert "nested too deeply" in err


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("5" * 5000, "a number of 5,000 digits"),
        ("NaN", "is NaN"),
        ("Infinity", "is Infinity"),
        ("-Infinity", "is -Infinity"),
        ("1e400", "too large to hold"),
    ],
)
def test_json_odd_numbers_are_refused_with_row_and_key(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], number: str, reason: str
) -> None:
    text = f'[{{"company": "A"}}, {{"company": "B", "compensation": {{"base": {number}}}}}]'
    err = _refused(tmp_path, data_dir, capsys, "num.json", text)
    assert "row 2: compensation.base: " in err and reason in err


def test_json_float_salary_is_refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = '[{"company": "B", "base_salary": 180000.5}]'
    err = _refused(tmp_path, data_dir, capsys, "f.json", text)
    assert "row 1: compensation.base: expected a whole number" in err


# -- round trips with arbitrary text in every field -----------------------------------------

# Text a person could type or paste: anything but surrogates (not storable as UTF-8).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
NAME = TEXT.filter(lambda s: s.strip() != "")


@st.composite
def offers(draw: st.DrawFn) -> Offer:
    offer = Offer(
        company=draw(NAME).strip(),
        role=draw(TEXT).strip(),
        location=draw(TEXT).strip(),
        source=draw(TEXT).strip(),
        notes=draw(TEXT),
        compensation=Compensation(
            currency=draw(st.sampled_from(["USD", "EUR", "JPY", "CHF"])),
            base=draw(st.none() | st.integers(0, 10**12)),
            equity=draw(TEXT),
            notes=draw(TEXT),
        ),
        deadline=draw(st.none() | st.dates()),
    )
    contact = Contact(draw(NAME), ContactRole.RECRUITER, email=draw(TEXT), notes=draw(TEXT))
    offer.contacts.append(contact)
    at = draw(st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 1, 1)))
    offer.log.append(LogEntry(LogKind.NOTE, at.replace(microsecond=0), draw(TEXT)))
    return offer


def _same(a: Offer, b: Offer) -> bool:
    from tui.store.codec import offer_to_dict

    return offer_to_dict(a) == offer_to_dict(b) and a.id == b.id


@given(offers())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_json_round_trip_of_arbitrary_text(offer: Offer) -> None:
    result = parse_json(Path("x.json"), offers_to_json([offer]))
    assert result.ok, [str(p) for p in result.problems]
    [back] = result.offers
    assert _same(back, offer)


@given(offers())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_csv_round_trip_of_arbitrary_text(offer: Offer) -> None:
    offer.contacts.clear()
    offer.log.clear()
    offer.compensation.equity = offer.compensation.notes = ""  # not CSV columns
    result = parse_csv(Path("x.csv"), offers_to_csv([offer]))
    assert result.ok, [str(p) for p in result.problems]
    [back] = result.offers
    assert _same(back, offer)


def test_ics_export_says_how_many_events_it_wrote(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    open_offer = Offer(company="Open", role="")
    open_offer.deadline = dt.date(2026, 12, 1)
    store.add(open_offer)
    store.add(Offer(company="No deadline", role=""))
    out = tmp_path / "deadlines.ics"
    assert run_cli(data_dir, "export", "--output", str(out)) == 0
    assert "Exported 1 event (from 2 offers) as ics" in capsys.readouterr().err
    assert out.read_text().count("BEGIN:VEVENT") == 1


def test_csv_takes_the_amounts_and_dates_the_forms_take(tmp_path: Path) -> None:
    """What a person types in the add form also imports: `180k`, `15k`, `+5d`, `yesterday`."""
    text = "company,base_salary,bonus,received,deadline\nAcme,180k,15k,yesterday,+5d\n"
    result = parse_csv(tmp_path / "forms.csv", text)
    assert result.problems == []
    [offer] = result.offers
    assert (offer.compensation.base, offer.compensation.bonus) == (180_000, 15_000)
    today = dt.date.today()
    assert offer.received == today - dt.timedelta(days=1)
    assert offer.deadline == today + dt.timedelta(days=5)
