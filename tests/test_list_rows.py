"""A list row's title, built from spans in one go, shows exactly what the piece-by-piece
build showed: the same characters, styles and cut, control characters made visible."""

from __future__ import annotations

import pytest
from rich.console import Console

from tui.app.offer_list import OfferList
from tui.model import Offer, Status

ODD = [
    ("Acme", "Platform Engineer", "Berlin"),
    ("Acme", "", ""),
    ("Ümlaut GmbH\x1b[31m", "Dev\tOps\r\nLead", "Köln\x07"),
    ("株式会社テスト" * 12, "エンジニア" * 10, "東京"),  # wide characters past the cut
    ("A" * 150, "B" * 60, "C" * 30),  # cut in the middle of the role
    ("[bold]not markup[/]", "x", "[red]"),
]


def rendered(title) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Each character on screen with its style."""
    console = Console(width=80, color_system="truecolor", force_terminal=True)
    lines = console.render_lines(title, console.options.update(width=80), pad=False)
    return [(char, str(seg.style)) for line in lines for seg in line for char in seg.text]


@pytest.mark.parametrize(("company", "role", "location"), ODD)
def test_title_matches_the_piece_by_piece_build(company: str, role: str, location: str) -> None:
    offer = Offer(company, role, status=Status.DECLINED, location=location, id="x-1")
    fast, slow = OfferList._title(offer), OfferList._long_title(offer)
    assert fast.plain == slow.plain
    assert rendered(fast) == rendered(slow)
    assert "\x1b" not in fast.plain and "\x07" not in fast.plain


async def test_rows_far_down_a_long_list_show_their_offer_and_mark(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Rows are built when first drawn (LazyCells): the last of 300 offers shows its
    company when the cursor gets there, and a mark set on it shows after a re-sort."""
    from apphelp import wait_for_text

    from tui.app.app import OfferApp
    from tui.store.offers import OfferStore

    store = OfferStore(tmp_path)
    store.ensure()
    for n in range(300):
        store.add(Offer(f"Company {n:03d}", "Engineer", status=Status.RECEIVED))
    app = OfferApp(tmp_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, app, "300 offers")
        table = app.offer_list.table
        assert table._data[table.coordinate_to_cell_key((299, 0))[0]] == {}  # not built yet
        table.focus()
        await pilot.press("end")
        last = app.offer_list.current_id()
        assert last is not None
        await wait_for_text(pilot, app, app.offer_list.offers[last].company)
        await pilot.press("space")  # mark it for compare
        await wait_for_text(pilot, app, "1 marked")
        app.offer_list.cycle_sort()  # a new order: rows rebuilt from the offers
        await pilot.pause()
        row = app.offer_list.shown.index(last)
        assert str(table.get_cell_at((row, 0))) == "●"


def test_lazy_cells_keep_a_cell_updated_before_the_row_was_built() -> None:
    from rich.text import Text
    from textual.widgets._data_table import ColumnKey

    from tui.app.offer_list import LazyCells

    columns = (ColumnKey("mark"), ColumnKey("offer"), ColumnKey("due"))
    built: list[int] = []

    def build(company: str) -> tuple[Text, Text, Text]:
        built.append(1)
        return Text(" "), Text(company), Text("3d")

    cells = LazyCells(columns, build, "Acme")
    cells[columns[0]] = Text("●")  # DataTable.update_cell on a row not drawn yet
    assert built == []
    assert [str(cells[c]) for c in columns] == ["●", "Acme", "3d"]
    assert built == [1]  # built once
    with pytest.raises(KeyError):
        cells[ColumnKey("other")]
