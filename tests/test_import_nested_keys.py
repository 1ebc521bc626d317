"""A JSON import from another tracker with a misnamed key inside a log entry or a contact
(`due` for `next_due`) is refused with the row and the key path, as an unknown top-level key
is; before, the key was dropped without a word and the next step's date was lost."""

from __future__ import annotations

import json
from pathlib import Path

from tui.store.transfer import offers_to_json, parse_json

ROW = {
    "company": "Acme",
    "role": "Dev",
    "log": [
        {
            "id": "l1",
            "kind": "call",
            "at": "2026-11-02T10:00:00",
            "summary": "Called",
            "next_step": "Send the note",
            "due": "2026-12-01",
        }
    ],
    "contacts": [{"id": "c1", "name": "Dana", "role": "recruiter", "mobile": "555"}],
}


def test_an_unknown_nested_key_is_named_with_its_row_and_path(tmp_path: Path) -> None:
    result = parse_json(tmp_path / "x.json", json.dumps([ROW]))
    messages = [str(p) for p in result.problems]
    assert not result.ok and not result.offers
    assert any("row 1: log[0].due: unknown key" in m and "next_due" in m for m in messages)
    assert any("row 1: contacts[0].mobile: unknown key" in m for m in messages)


def test_skip_unknown_imports_the_rest(tmp_path: Path) -> None:
    result = parse_json(tmp_path / "x.json", json.dumps([ROW]), skip_unknown=True)
    [offer] = result.offers
    assert offer.log[0].next_step == "Send the note" and offer.contacts[0].name == "Dana"


def test_an_export_still_imports_back(tmp_path: Path) -> None:
    first = parse_json(tmp_path / "x.json", json.dumps([ROW]), skip_unknown=True).offers
    again = parse_json(tmp_path / "y.json", offers_to_json(first))
    assert again.ok, again.problems
    assert again.offers[0].log[0].summary == "Called"
