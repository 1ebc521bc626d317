"""Export (JSON, CSV with formula escaping, iCalendar) and import (all rows or none)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.model import (
    ChecklistProgress,
    Compensation,
    Contact,
    ContactRole,
    Handling,
    ItemDone,
    LogEntry,
    LogKind,
    Offer,
    Status,
    ToldThem,
)
from tui.store.backups import list_backups
from tui.store.offers import OfferStore
from tui.store.transfer import (
    escape_cell,
    offers_to_csv,
    offers_to_ics,
    offers_to_json,
    parse_csv,
    parse_json,
    unescape_cell,
)
from tui.store.transfer.ics_format import ics_text

AT = dt.datetime(2026, 11, 2, 10, 30, 0)
STAMP = dt.datetime(2026, 11, 3, 9, 0, 0, tzinfo=dt.UTC)


def full_offer(company: str = "Northwind", status: Status = Status.RECEIVED) -> Offer:
    offer = Offer(
        company=company,
        role="Staff Engineer",
        status=status,
        location="Remote, EU",
        source="referral",
        compensation=Compensation(
            currency="EUR", base=180_000, bonus=20_000, sign_on=15_000, equity="0.1%"
        ),
        received=dt.date(2026, 11, 2),
        deadline=dt.date(2026, 11, 30),
        start_date=dt.date(2027, 1, 4),
        notes="Line one\nline two; with, punctuation \\ and “quotes” — ünïcödé",
    )
    dana = Contact("Dana Ruiz", ContactRole.HIRING_MANAGER, email="d@x.io")
    offer.contacts.append(dana)
    offer.log.append(
        LogEntry(
            LogKind.CALL,
            AT,
            "Verbal offer",
            contact=dana.id,
            next_step="Send written answer",
            next_due=dt.date(2026, 11, 28),
        )
    )
    offer.checklists.append(
        ChecklistProgress("decline", AT, {"thank": ItemDone(AT, "done on the phone")})
    )
    return offer


def told_offer() -> Offer:
    offer = full_offer("Globex")
    offer.move_to(Status.DECLINED, AT, "took the other one")
    offer.told = ToldThem("relocation", on=dt.date(2026, 11, 20), handling=Handling.LONG_DELAY)
    return offer


def run_cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


# -- CSV formula escaping ---------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_get_a_leading_quote(start: str) -> None:
    offer = Offer(company=f'{start}HYPERLINK("http://evil")', role=f"{start}1+1")
    offer.notes = f"{start}cmd|' /C calc'!A0"
    rows = list(csv.reader(io.StringIO(offers_to_csv([offer]), newline="")))
    header, row = rows
    cells = dict(zip(header, row, strict=True))
    for column in ("company", "role", "notes"):
        assert cells[column].startswith("'" + start), (column, cells[column])
    assert cells["status"] == "received"  # ordinary cells are untouched


def test_csv_has_the_documented_columns_and_crlf_rows() -> None:
    text = offers_to_csv([full_offer()])
    header = text.split("\r\n", 1)[0]
    assert header.split(",")[:8] == [
        "id",
        "company",
        "role",
        "status",
        "location",
        "source",
        "received",
        "deadline",
    ]
    assert "base_salary" in header and "currency" in header and "notes" in header


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_escape_round_trip_and_safety(value: str) -> None:
    escaped = escape_cell(value)
    assert unescape_cell(escaped) == value
    assert not escaped or escaped[0] not in "=+-@\t\r"


# -- iCalendar --------------------------------------------------------------------------


def _unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    raw = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in raw)
    assert all(len(line.encode()) <= 75 for line in raw), "line longer than 75 octets"
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _events(lines: list[str]) -> list[dict[str, str]]:
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


def test_ics_basics() -> None:
    open_offer = full_offer()
    open_offer.company = "A very long company name, Incorporated; with commas " * 2
    accepted = full_offer("Initech", Status.ACCEPTED)
    declined = told_offer()
    text = offers_to_ics([open_offer, accepted, declined], STAMP)
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    events = _events(lines)
    deadlines = [e for e in events if e["UID"].startswith("deadline-")]
    steps = [e for e in events if e["UID"].startswith("next-")]
    assert [e["UID"] for e in deadlines] == [f"deadline-{open_offer.id}@offer-tui"]
    assert len(steps) == 3  # next steps come from every offer's log
    for event in events:
        assert event["DTSTAMP"] == "20261103T090000Z"
        assert {"UID", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY"} <= set(event)
    [deadline] = deadlines
    assert deadline["DTSTART;VALUE=DATE"] == "20261130"
    assert deadline["DTEND;VALUE=DATE"] == "20261201"
    assert "Incorporated\\; with commas" in deadline["SUMMARY"]
    assert "\\," in deadline["SUMMARY"]
    uids = [e["UID"] for e in events]
    assert len(set(uids)) == len(uids)
    again = offers_to_ics([declined, accepted, open_offer], STAMP)
    assert [e["UID"] for e in _events(_unfold(again))] == uids  # stable


def test_ics_text_escapes_newlines_backslashes_and_controls() -> None:
    offer = Offer(company="A\\B\nC\x07D", role="")
    offer.deadline = dt.date(2026, 12, 1)
    [event] = _events(_unfold(offers_to_ics([offer], STAMP)))
    assert "A\\\\B\\nCD" in event["SUMMARY"]


EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "DTSTART;VALUE=DATE",
    "DTEND;VALUE=DATE",
    "SUMMARY",
    "DESCRIPTION",
    "CATEGORIES",
    "TRANSP",
}


@given(st.text(max_size=200), st.text(max_size=200), st.text(max_size=80))
@settings(max_examples=150, deadline=None)
def test_ics_any_text_or_id_is_escaped_folded_and_adds_no_property(
    company: str, step: str, entry_id: str
) -> None:
    from icalendar import Calendar

    offer = Offer(company=company or "x", role="")
    offer.deadline = dt.date(2026, 12, 1)
    offer.log.append(
        LogEntry(LogKind.CALL, AT, step, next_step=step or "y", next_due=AT.date(), id=entry_id)
    )
    text = offers_to_ics([offer], STAMP)
    events = _events(_unfold(text))  # every line <= 75 octets, CR LF only at line ends
    assert len(events) == 2
    for event in events:
        assert set(event) <= EVENT_PROPERTIES, set(event) - EVENT_PROPERTIES
    parsed = Calendar.from_ical(text).walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in parsed]
    visible = ics_text(offer.company)
    assert f"Respond to the {visible} offer" in summaries
    assert len({str(e["UID"]) for e in parsed}) == 2


def test_ics_id_with_crlf_cannot_inject_an_attendee() -> None:
    offer = Offer(company="Acme", role="")
    hostile = "a\r\nATTENDEE:mailto:evil@example.com\r\nX"
    offer.log.append(LogEntry(LogKind.CALL, AT, "s", next_step="n", next_due=AT.date(), id=hostile))
    text = offers_to_ics([offer], STAMP)
    lines = _unfold(text)
    assert not any(line.startswith("ATTENDEE") for line in lines)
    assert "evil@example.com" not in text


@pytest.mark.parametrize("day", [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2028, 2, 29)])
def test_ics_dates_at_the_edges_of_the_calendar(day: dt.date) -> None:
    offer = Offer(company="Edge", role="")
    offer.deadline = day
    [event] = _events(_unfold(offers_to_ics([offer], STAMP)))
    assert event["DTSTART;VALUE=DATE"] == day.isoformat().replace("-", "")
    if day == dt.date.max:
        assert "DTEND;VALUE=DATE" not in event  # one day long by RFC 5545
    else:
        after = day + dt.timedelta(days=1)
        assert event["DTEND;VALUE=DATE"] == after.isoformat().replace("-", "")


def test_ics_export_of_year_9999_through_the_cli(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offer = Offer(company="Far", role="")
    offer.deadline = dt.date(9999, 12, 31)
    store = OfferStore(data_dir)
    store.ensure()
    store.add(offer)
    assert run_cli(data_dir, "export", "--format", "ics") == 0
    assert "DTSTART;VALUE=DATE:99991231" in capsys.readouterr().out


# -- JSON export ------------------------------------------------------------------------


def test_json_export_shape() -> None:
    [obj] = json.loads(offers_to_json([full_offer()]))
    assert obj["id"].startswith("northwind-staff-engineer-")
    assert obj["deadline"] == "2026-11-30"
    assert obj["log"][0]["at"] == "2026-11-02T10:30:00"
    assert obj["compensation"]["base"] == 180000
    assert "version" not in obj


# -- import: all or nothing -------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_CSV = (
    "company,role,status,received,deadline,base_salary,currency,notes\n"
    'Acme,Engineer,received,2026-11-01,2026-11-20,"120,000",usd,first\n'
    'Globex,Manager,declined,,,,EUR,"multi\nline"\n'
)


def test_csv_import_adds_every_row_and_backs_up_first(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    existing = store.add(Offer(company="Already here", role="x"))
    before = store.path_for(existing.id).read_bytes()
    assert run_cli(data_dir, "import", str(_write(tmp_path, "in.csv", GOOD_CSV))) == 0
    out = capsys.readouterr().out
    assert "2 new, 0 updated, 0 unchanged" in out
    offers = {o.company: o for o in OfferStore(data_dir).load_all().offers.values()}
    assert set(offers) == {"Already here", "Acme", "Globex"}
    assert offers["Acme"].compensation.base == 120_000
    assert offers["Acme"].compensation.currency == "USD"
    assert offers["Acme"].deadline == dt.date(2026, 11, 20)
    assert offers["Globex"].status is Status.DECLINED
    assert offers["Globex"].notes == "multi\nline"
    [info] = list_backups(data_dir)
    assert info.reason == "before-import"
    assert (info.path / "offers" / f"{existing.id}.toml").read_bytes() == before


def test_one_bad_row_writes_nothing_and_names_the_row(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD_CSV + "Initech,Dev,received,2026-13-01,,12.5,USD,\n"
    path = _write(tmp_path, "in.csv", text)
    assert run_cli(data_dir, "import", str(path)) == 2
    err = capsys.readouterr().err
    # row 4 counting the header as row 1, as a spreadsheet does; it starts on line 5
    # because row 3 holds a two-line cell
    assert "row 4: received: '2026-13-01' is not a day on the calendar" in err
    assert "row 4: base_salary: is not a whole amount ('12.5')" in err
    assert f"{path}:5:4: row 4" in err  # file:line:column
    assert "Nothing was imported" in err
    assert not data_dir.exists()  # not even the folders


def test_bad_row_in_a_directory_with_offers_changes_no_byte(tmp_path: Path, data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    store.add(Offer(company="Acme", role="x"))
    snapshot = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    path = _write(tmp_path, "in.csv", "company,status\nGood,received\n,received\n")
    assert run_cli(data_dir, "import", str(path)) == 2
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == snapshot


def test_unknown_column_is_reported_with_a_suggestion(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "in.csv", "company,rol,salary,Favourite Colour\nAcme,Dev,1,blue\n")
    assert run_cli(data_dir, "import", str(path)) == 2
    err = capsys.readouterr().err
    assert "unknown column `rol` (did you mean `role`?)" in err
    assert "unknown column `salary` (did you mean `base_salary`?)" in err
    assert "unknown column `Favourite Colour`; known: id, company" in err
    assert not data_dir.exists()
    assert run_cli(data_dir, "import", "--skip-unknown", str(path)) == 0
    [offer] = OfferStore(data_dir).load_all().offers.values()
    assert offer.company == "Acme" and offer.role == ""


def test_csv_header_variants_semicolons_bom_and_escaped_cells(tmp_path: Path) -> None:
    text = "\ufeffCompany;Base Salary;Notes\n'=Acme;$95 000;'-not a formula\n"
    result = parse_csv(tmp_path / "x.csv", text.removeprefix("\ufeff"))
    assert result.ok, result.problems
    [offer] = result.offers
    assert (offer.company, offer.compensation.base, offer.notes) == (
        "=Acme",
        95_000,
        "-not a formula",
    )


def test_missing_company_column_and_ragged_rows(tmp_path: Path) -> None:
    result = parse_csv(tmp_path / "x.csv", "role\nDev\n")
    assert not result.ok
    assert "no `company` column" in str(result.problems[0])
    result = parse_csv(tmp_path / "x.csv", "company,role\nAcme,Dev,extra\n")
    assert "row 2: has 3 cells but the header has 2" in str(result.problems[0])


def test_json_import_flat_keys_and_bad_items(tmp_path: Path) -> None:
    good = [{"company": "Acme", "base_salary": 100000, "currency": "GBP", "status": "accepted"}]
    result = parse_json(tmp_path / "x.json", json.dumps(good))
    assert result.ok, result.problems
    [offer] = result.offers
    assert offer.compensation.base == 100000 and offer.status is Status.ACCEPTED
    bad = [*good, {"company": "B", "deadline": "soon"}, "oops", {"role": "no company"}]
    result = parse_json(tmp_path / "x.json", json.dumps(bad))
    messages = [str(p) for p in result.problems]
    assert any("row 2: deadline: expected a date" in m for m in messages)
    assert any("row 3: expected an object" in m for m in messages)
    assert any("row 4: company: is required" in m for m in messages)
    result = parse_json(tmp_path / "x.json", '{"company": "A"}')
    assert "must hold a list" in str(result.problems[0])
    result = parse_json(tmp_path / "x.json", '[{"company": "A",}]')
    assert "x.json:1:" in str(result.problems[0])


def test_json_round_trip_export_then_import(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source"
    store = OfferStore(source)
    store.ensure()
    originals = [store.add(full_offer()), store.add(told_offer()), store.add(Offer("Min", ""))]
    out = tmp_path / "all.json"
    assert run_cli(source, "export", "--format", "json", "--output", str(out)) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert run_cli(data_dir, "import", str(out)) == 0
    imported = OfferStore(data_dir).load_all()
    assert imported.problems == []
    assert imported.offers == {o.id: o for o in originals}


def test_csv_round_trip_export_then_import(tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "source"
    store = OfferStore(source)
    store.ensure()
    tricky = Offer(company="=SUM(A1)", role="-lead", notes="'quoted\r\nand @at", location="+1")
    originals = [store.add(full_offer()), store.add(tricky)]
    out = tmp_path / "all.csv"
    assert run_cli(source, "export", "--output", str(out)) == 0
    assert run_cli(data_dir, "import", str(out)) == 0
    got = OfferStore(data_dir).load_all().offers
    for original in originals:
        back = got[original.id]
        for name in ("company", "role", "status", "notes", "location", "deadline"):
            assert getattr(back, name) == getattr(original, name), name
        for name in ("currency", "base", "bonus", "sign_on", "equity_yearly"):
            assert getattr(back.compensation, name) == getattr(original.compensation, name)


def test_export_to_stdout_and_ics_file(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    store.add(full_offer())
    assert run_cli(data_dir, "export", "--format", "csv") == 0
    assert capsys.readouterr().out.startswith("id,company,role")
    out = tmp_path / "deadlines.ics"
    assert run_cli(data_dir, "export", "-o", str(out)) == 0  # format from the suffix
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")


def test_export_names_unreadable_files_and_exits_1(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    store.add(full_offer())
    (store.layout.offers / "broken-1.toml").write_text("company = \n")
    assert run_cli(data_dir, "export") == 1
    captured = capsys.readouterr()
    assert "broken-1.toml:1:" in captured.err and "(not exported)" in captured.err
    assert len(json.loads(captured.out)) == 1


def test_ics_holds_due_checklist_steps_and_the_summary_counts_events(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A declined offer with the decline playbook attached: its steps that are due become
    events, and the summary line counts the events written, not the offers."""
    from tui.content.checklists import load_checklists
    from tui.content.progress import attach

    store = OfferStore(data_dir)
    store.ensure()
    offer = full_offer(status=Status.DECLINED)
    offer.history.clear()
    assert "decline-gracefully" in load_checklists(None).items
    attach(offer, "decline-gracefully", dt.datetime.now())
    store.add(offer)
    out = tmp_path / "steps.ics"
    assert run_cli(data_dir, "export", "-o", str(out)) == 0
    text = out.read_text()
    steps = text.count("CATEGORIES:offer checklist step")
    assert steps >= 1
    events = text.count("BEGIN:VEVENT")
    assert f"Exported {events} events (from 1 offer) as ics" in capsys.readouterr().err
