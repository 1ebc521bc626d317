"""A save keeps a hand-written multi-line `notes = \"\"\"...\"\"\"` multi-line, as it keeps
comments and unknown keys, and the text always reads back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model import Offer
from tui.store.offers import OfferStore

HAND_WRITTEN = '''version = 1
company = "Northwind"
role = "Staff Engineer"
status = "received"
notes = """
Dana said the team is growing.
Ask about the on-call rota.
"""
my_key = "kept"

[compensation]
currency = "USD"
'''


def _store(tmp_path: Path) -> tuple[OfferStore, Path]:
    store = OfferStore(tmp_path)
    store.ensure()
    path = store.layout.offers / "northwind-1.toml"
    path.write_text(HAND_WRITTEN)
    return store, path


def test_a_save_of_another_field_keeps_the_notes_byte_for_byte(tmp_path: Path) -> None:
    store, path = _store(tmp_path)
    offer = store.load_all().offers["northwind-1"]
    offer.role = "Principal Engineer"
    store.save(offer)
    text = path.read_text()
    assert text == HAND_WRITTEN.replace("Staff Engineer", "Principal Engineer")


def test_changed_notes_stay_multi_line(tmp_path: Path) -> None:
    store, path = _store(tmp_path)
    offer = store.load_all().offers["northwind-1"]
    offer.notes += "Counter by Friday.\n"
    store.save(offer)
    text = path.read_text()
    assert 'notes = """' in text and "\nCounter by Friday.\n" in text
    assert "\\n" not in text  # not folded into one escaped line
    assert 'my_key = "kept"' in text
    assert OfferStore(tmp_path).load_all().offers["northwind-1"].notes == offer.notes


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
@settings(max_examples=150, deadline=None)
def test_any_new_notes_read_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, notes: str
) -> None:
    store, _ = _store(tmp_path_factory.mktemp("n"))
    offer: Offer = store.load_all().offers["northwind-1"]
    offer.notes = notes
    store.save(offer)
    assert OfferStore(store.root).load_all().offers["northwind-1"].notes == notes
