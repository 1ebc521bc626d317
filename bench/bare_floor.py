"""The floor for start-up figures: a bare Textual app doing offer-tui's start-up work.

Plain Textual as its documentation shows it: a Header; a filter Input above a DataTable
with offer-tui's columns (mark, offer, due) and a summary line; a Footer with the keys
offer-tui's shows (BINDINGS). After its first frame (call_after_refresh, as offer-tui)
a thread worker reads every offer file of the data directory with rtoml, and the rows
(two lines each: company · role, then status · location) are added with add_row; the
summary then reads "N offers", like offer-tui's. With --side, the tabs offer-tui mounts
beside its list once the list is drawn (Offer, Checklists, Rehearsal), each holding a
Static. Nothing is tuned: no lazy imports, no hand-filled DataTable internals.

    python bench/bare_floor.py DATA_DIR [--side]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import rtoml
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Static,
    TabbedContent,
    TabPane,
)

FLOOR_CSS = """
#main { height: 1fr; }
#tracker { width: 48%; }
#offers { height: 1fr; }
#list-summary { height: 1; padding: 0 1; }
#side { width: 1fr; }
"""


def read_offers(folder: Path) -> list[dict[str, Any]]:
    offers = []
    for path in sorted(folder.glob("*.toml")):
        try:
            offers.append(rtoml.load(path))
        except (OSError, rtoml.TomlParsingError):
            continue
    return offers


def row(offer: dict[str, Any]) -> tuple[Text, Text, str]:
    title = Text(
        f"{offer.get('company', '')} · {offer.get('role', '')}",
        style="bold",
        no_wrap=True,
        overflow="ellipsis",
    )
    title.append(f"\n{offer.get('status', '')} · {offer.get('location', '')}")
    return Text(" "), title, str(offer.get("deadline", ""))


class BareFloor(App[None]):
    TITLE = "bare floor"
    CSS = FLOOR_CSS
    # The keys offer-tui's footer shows at 100 columns.
    BINDINGS = [
        ("a", "bell", "Add"),
        ("s", "bell", "Status"),
        ("l", "bell", "Log"),
        ("slash", "bell", "Filter"),
        ("c", "bell", "Compare"),
        ("f1", "bell", "Help"),
        ("q", "quit", "Quit"),
    ]

    def __init__(self, data_dir: Path, side: bool) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.side = side

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"), Vertical(id="tracker"):
            yield Input(placeholder="Filter: type a company, role, status…", id="filter")
            yield DataTable(id="offers", cursor_type="row", zebra_stripes=True)
            yield Static("Loading offers…", id="list-summary")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", key="mark", width=1)
        table.add_column("Offer", key="offer", width=30)
        table.add_column("Due", key="due", width=10)
        self.call_after_refresh(self.load)  # after the first frame, as offer-tui does

    @work(thread=True)
    def load(self) -> None:
        offers = read_offers(self.data_dir / "offers")
        self.call_from_thread(self.show, offers)

    async def show(self, offers: list[dict[str, Any]]) -> None:
        table = self.query_one(DataTable)
        for n, offer in enumerate(offers):
            table.add_row(*row(offer), key=str(n), height=2)
        self.query_one("#list-summary", Static).update(f"{len(offers)} offers")
        if self.side:
            await self.query_one("#main").mount(self.side_panel())

    def side_panel(self) -> TabbedContent:
        side = TabbedContent(id="side")
        for title, tab_id in (
            ("Offer", "offer"),
            ("Checklists", "checklists"),
            ("Rehearsal", "rehearsal"),
        ):
            side.compose_add_child(TabPane(title, Static(title), id=tab_id))
        return side


if __name__ == "__main__":
    BareFloor(Path(sys.argv[1]), side="--side" in sys.argv[2:]).run()
