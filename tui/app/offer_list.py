"""The offer list: a filter box above a table of offers (status, company, role, countdown)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.text import Span, Text
from textual import on
from textual._two_way_dict import TwoWayDict
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import DataTable, Input, Static
from textual.widgets._data_table import ColumnKey, Row, RowKey

from tui.app.rendered import OneFrameScroll
from tui.app.text import TextInput, clean, literal
from tui.app.theme import FLAG_STYLE, STATUS_STYLE
from tui.model import Offer
from tui.model.countdown import short_countdown
from tui.model.query import Matches, SortBy, search_text, sort_key

MARK_WIDTH, DUE_WIDTH = 1, 7
CELL_PADDING = 2  # DataTable pads each cell by one on either side
SCROLLBAR = 1
ROW_HEIGHT = 2  # company · role, then status · location
TITLE_CELLS = 200  # the first line is cut there (the column ellipsises it anyway)

Cells = tuple[Text, Text, Text]
COLUMNS = (ColumnKey("mark"), ColumnKey("offer"), ColumnKey("due"))


class LazyCells(dict[ColumnKey, Text]):
    """One row's cells as DataTable keeps them (its `_data[row_key]`), built by
    `build(item)` the first time the table reads one: the rows never drawn (most of
    10,000) never build their Text. One is made per change of the row."""

    __slots__ = ("_build", "_columns", "_item")

    def __init__(
        self, columns: tuple[ColumnKey, ...], build: Callable[[Any], Cells], item: object
    ) -> None:
        super().__init__()
        self._columns = columns
        self._build: Callable[[Any], Cells] | None = build
        self._item = item

    def cells(self) -> list[Text]:
        """The row's cells, in column order."""
        return [self[column] for column in self._columns]

    def __missing__(self, key: ColumnKey) -> Text:
        build, self._build = self._build, None
        if build is None:
            raise KeyError(key)
        for column, cell in zip(self._columns, build(self._item), strict=True):
            self.setdefault(column, cell)  # a cell updated in the table meanwhile is kept
        return self[key]


class _Prepared(NamedTuple):
    """One offer's row as DataTable keeps it, made once per change of the offer's row."""

    key: RowKey
    data: LazyCells
    row: Row


class _LineOffsets(Sequence[tuple[RowKey, int]]):
    """DataTable's (row key, line in the row) for each line of the table, worked out when
    asked for (only visible lines are) rather than a tuple per line; every row has the
    same height here."""

    def __init__(self, keys: list[RowKey], height: int) -> None:
        self._keys = keys
        self._height = height

    def __len__(self) -> int:
        return len(self._keys) * self._height

    def __getitem__(self, y: int) -> tuple[RowKey, int]:  # type: ignore[override]
        if not 0 <= y < len(self):
            raise IndexError(y)
        row, line = divmod(y, self._height)
        return self._keys[row], line

    def clear(self) -> None:
        self._keys = []


class OfferTable(OneFrameScroll, DataTable):
    """The table itself; Enter opens the details, space marks for compare."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._prepared: dict[str, _Prepared] = {}  # offer id -> its row, as DataTable keeps it
        self._prepared_for: tuple[tuple[ColumnKey, ...], int] = ((), 0)  # columns, row height

    def replace_rows(self, rows: Sequence[tuple[str, LazyCells]], height: int) -> None:
        """The same as clear() then add_row(*cells, key=key, height=height) for each row,
        in one pass: add_row costs a reactive write and an idle check per row, and every
        added row is measured on idle, which all the offer columns (fixed widths) skip.
        Each row's key, cells and metadata are reused from the last time it was shown, and
        the table's size is updated at once, so the screen is laid out once per change.
        The cells themselves are built when the table first draws the row (LazyCells).
        Fills DataTable's own tables (textual is pinned to 8.2.x)."""
        self.rows.clear()  # clear() walks the rows left for their line offsets, then drops them
        self.clear()
        if any(column.auto_width for column in self.columns.values()):
            for key, cells in rows:
                self.add_row(*cells.cells(), key=key, height=height)
            return
        columns = tuple(column.key for column in self.ordered_columns)
        if self._prepared_for != (columns, height):
            self._prepared.clear()
            self._prepared_for = (columns, height)
        prepared = [self._prepare(key, cells, height) for key, cells in rows]
        self._row_locations = TwoWayDict({p.key: index for index, p in enumerate(prepared)})
        self._data.update((p.key, p.data) for p in prepared)
        self.rows.update((p.key, p.row) for p in prepared)
        self._update_count += 1
        self._fill_caches(prepared, height)
        self.cursor_coordinate = self.cursor_coordinate
        if prepared and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_dimensions_now()

    def _prepare(self, key: str, cells: LazyCells, height: int) -> _Prepared:
        prepared = self._prepared.get(key)
        if prepared is None or prepared.data is not cells:
            row_key = RowKey(key)
            prepared = _Prepared(row_key, cells, Row(row_key, height))
            self._prepared[key] = prepared
        return prepared

    def _fill_caches(self, prepared: list[_Prepared], height: int) -> None:
        """DataTable's row order and line offsets for this update, from the prepared rows
        (its own way walks every row through two lookups per use)."""
        self._ordered_row_cache[(len(prepared), self._update_count)] = [p.row for p in prepared]
        offsets = _LineOffsets([p.key for p in prepared], height)  # read as a list, by index
        self._offset_cache[self._update_count] = offsets  # type: ignore[arg-type]

    def set_width(self, column: str, width: int) -> None:
        """Change a fixed-width column's width in place (no clear(), which would send the
        cursor and the scroll position back to the top)."""
        key = ColumnKey(column)
        if key not in self.columns or self.columns[key].width == width:
            return
        self.columns[key].width = width
        self._update_count += 1
        self._clear_caches()
        self._require_update_dimensions = True
        self._update_dimensions_now()
        self.refresh()

    def keep_cursor_in_view(self) -> None:
        if self.row_count and self.show_cursor:
            self._scroll_cursor_into_view()

    def _update_dimensions_now(self) -> None:
        """What DataTable does on its next idle after clear() (no new rows to measure
        here), done now: the virtual size is right before the screen's next layout."""
        if self._require_update_dimensions and not self._new_rows:
            self._require_update_dimensions = False
            self._update_dimensions(())


class FilterBox(TextInput):
    """The filter box. Textual's Input sets its virtual size (its text's width, for its
    own scrolling) as a reactive that lays the whole screen out, on every keystroke; this
    box's size is its CSS's, so a repaint of it is enough."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0))


class OfferList(Vertical):
    class Chosen(Message):
        """Enter on a row: show its details."""

        def __init__(self, offer_id: str) -> None:
            super().__init__()
            self.offer_id = offer_id

    def __init__(
        self, on_highlight: Callable[[str | None], None] | None = None, **kwargs: Any
    ) -> None:
        """`on_highlight(offer_id)`: told as soon as another offer is highlighted (or the
        offers change), in the same call as the key that did it, so the details are drawn
        in the same frame as the list (a message would arrive a frame later)."""
        super().__init__(**kwargs)
        self.on_highlight = on_highlight
        self.offers: dict[str, Offer] = {}
        self.index: dict[str, str] = {}
        self.marked: set[str] = set()
        self.sort_by = SortBy.DEADLINE
        self.query_text = ""
        self.today = dt.date.today()
        self.shown: list[str] = []
        self._width = 0
        self._cells: dict[str, LazyCells] = {}  # offer id -> its row, once per change
        self._build = self._build_row  # one bound method for every row
        self._sorted: list[Offer] | None = None  # every offer in sort order
        self._stale = True  # the table's rows no longer match `shown` and `_cells`
        self._announced: str | None = None  # the offer id last told to on_highlight
        self._changed = True  # offers changed since then: tell it even if the same id
        self._moving = False  # the rows are being replaced: the cursor is not the user's
        self._matches = Matches()  # each query's offers, for the offers in `_sorted`
        self._summary = ""

    def compose(self) -> ComposeResult:
        yield FilterBox(placeholder="Filter: type a company, role, status…", id="filter")
        yield OfferTable(id="offers", cursor_type="row", zebra_stripes=True)
        yield Static("", id="list-summary", markup=False)

    def on_mount(self) -> None:
        self._add_columns(60)
        self.watch(self.table, "cursor_coordinate", self._announce, init=False)
        self.watch(self.query_one("#filter", Input), "value", self._filter, init=False)

    def on_resize(self) -> None:
        width = self.size.width - SCROLLBAR
        if width != self._width:
            self._width = width
            # In place: the rows, the cursor and the scroll position stay as they are.
            self.table.set_width("offer", self._offer_width(width))
        self.call_after_refresh(self.table.keep_cursor_in_view)

    def _add_columns(self, width: int) -> None:
        self._width = width
        table = self.table
        table.clear(columns=True)
        # Labels as Text: a str label is read as markup, which loads Rich's emoji table
        # (1.4 MiB) for three fixed words.
        mark, offer, due = COLUMNS  # the order LazyCells fills them in
        table.add_column(Text(""), key=mark.value, width=MARK_WIDTH)
        table.add_column(Text("Offer"), key=offer.value, width=self._offer_width(width))
        table.add_column(Text("Due"), key=due.value, width=DUE_WIDTH)

    @staticmethod
    def _offer_width(width: int) -> int:
        return max(12, width - MARK_WIDTH - DUE_WIDTH - 3 * CELL_PADDING)

    @property
    def table(self) -> OfferTable:
        return self.query_one(OfferTable)

    # -- data --------------------------------------------------------------------------
    def show_loading(self) -> None:
        """A still line until the offers are read: a spinner would redraw the screen for
        every tick of it while the loader runs."""
        self._summary = "Loading offers…"
        self.query_one("#list-summary", Static).update(self._summary)

    def set_offers(self, offers: dict[str, Offer], today: dt.date) -> None:
        self.offers = offers
        self.today = today
        self.index = {o.id: search_text(o) for o in offers.values()}
        self.marked &= set(offers)
        self._cells.clear()
        self._sorted = None
        self._stale = self._changed = True
        self.refresh_rows()

    def update_offer(self, offer: Offer) -> None:
        self.offers[offer.id] = offer
        self.index[offer.id] = search_text(offer)
        self._cells.pop(offer.id, None)
        self._sorted = None
        self._stale = self._changed = True
        self.refresh_rows()

    def refresh_rows(self, keep: str | None = None) -> None:
        """Show the offers matching the filter, in sort order. The table is rebuilt only
        when that changes what it shows; rows are built once per offer change."""
        table = self.table
        current = keep or self.current_id()
        rows = self._matches.matching(self._in_order(), self.query_text, self.index)
        shown = [o.id for o in rows]
        self._moving = True  # the cursor passes row 0 on the way: announced once, below
        try:
            if self._stale or shown != self.shown:
                self.shown = shown
                table.replace_rows([(o.id, self._row(o)) for o in rows], ROW_HEIGHT)
                self._stale = False
                if current in self.shown:
                    table.move_cursor(row=self.shown.index(current), animate=False)
            elif current in self.shown and current != self.current_id():
                table.move_cursor(row=self.shown.index(current), animate=False)
        finally:
            self._moving = False
        self._summarise()
        self._announce()

    def _announce(self) -> None:
        """Tell on_highlight when the highlighted offer (or the offers) changed; a keystroke
        that leaves the same offer highlighted does not redraw the details pane."""
        if self._moving:
            return
        current = self.current_id()
        if self._changed or current != self._announced:
            self._announced, self._changed = current, False
            if self.on_highlight is not None:
                self.on_highlight(current)

    def _in_order(self) -> list[Offer]:
        if self._sorted is None:
            self._sorted = sorted(self.offers.values(), key=sort_key(self.sort_by))
        return self._sorted

    def _row(self, offer: Offer) -> LazyCells:
        cells = self._cells.get(offer.id)
        if cells is None:
            cells = self._cells[offer.id] = LazyCells(COLUMNS, self._build, offer)
        return cells

    def _build_row(self, offer: Offer) -> Cells:
        flag = offer.deadline_flag(self.today)
        mark = Text("●" if offer.id in self.marked else " ", style="bold")
        due = Text(short_countdown(offer, self.today), style=FLAG_STYLE[flag])
        return (mark, self._title(offer), due)

    @staticmethod
    def _title(offer: Offer) -> Text:
        """Company · role, then status · location, as one Text built from its spans
        (appending piece by piece was most of the cost of filling a 10,000-offer list)."""
        fields = (offer.company, offer.role, offer.location)
        if any(len(field) > TITLE_CELLS for field in fields):
            return OfferList._long_title(offer)
        plain = clean(offer.company, single_line=True)
        spans = [Span(0, len(plain), "bold")]
        if offer.role:
            spans.append(Span(len(plain), len(plain) + 3, "dim"))
            plain += " · " + clean(offer.role, single_line=True)
        if cell_len(plain) > TITLE_CELLS:
            head = Text(plain, spans=spans)
            head.truncate(TITLE_CELLS)
            plain, spans = head.plain, head.spans
        status = offer.status.value
        spans.append(Span(len(plain) + 1, len(plain) + 1 + len(status), STATUS_STYLE[offer.status]))
        plain += "\n" + status
        if offer.location:
            location = clean(offer.location, single_line=True)
            spans.append(Span(len(plain), len(plain) + 3 + len(location), "dim"))
            plain += " · " + location
        return Text(plain, spans=spans, no_wrap=True, overflow="ellipsis")

    @staticmethod
    def _long_title(offer: Offer) -> Text:
        """_title for fields over TITLE_CELLS long (cut and marked by literal())."""
        title = Text()
        title.append_text(literal(offer.company, "bold", single_line=True))
        if offer.role:
            title.append(" · ", style="dim")
            title.append_text(literal(offer.role, single_line=True))
        title.truncate(TITLE_CELLS)
        title.append("\n")
        title.append(offer.status.value, style=STATUS_STYLE[offer.status])
        if offer.location:
            title.append(" · ", style="dim")
            title.append_text(literal(offer.location, "dim", single_line=True))
        title.no_wrap = True
        title.overflow = "ellipsis"
        return title

    def _summarise(self) -> None:
        total, shown = len(self.offers), len(self.shown)
        noun = "offer" if total == 1 else "offers"
        text = f"{shown} of {total} {noun}" if self.query_text else f"{total} {noun}"
        text += f" · sorted by {self.sort_by.value}"
        if self.marked:
            text += f" · {len(self.marked)} marked"
        if text != self._summary:  # an update lays the screen out again
            self._summary = text
            self.query_one("#list-summary", Static).update(text)

    # -- selection ---------------------------------------------------------------------
    def current_id(self) -> str | None:
        row = self.table.cursor_row
        if not self.shown or row is None or not 0 <= row < len(self.shown):
            return None
        return self.shown[row]

    def toggle_mark(self) -> None:
        offer_id = self.current_id()
        if offer_id is None:
            return
        self.marked ^= {offer_id}
        row = self.shown.index(offer_id)
        mark = Text("●" if offer_id in self.marked else " ", style="bold")
        self._cells.pop(offer_id, None)
        self.table.update_cell_at(Coordinate(row, 0), mark)
        self._summarise()

    def cycle_sort(self) -> SortBy:
        order = list(SortBy)
        self.sort_by = order[(order.index(self.sort_by) + 1) % len(order)]
        self._sorted = None
        self.refresh_rows()
        return self.sort_by

    # -- events ------------------------------------------------------------------------
    def _filter(self, value: str) -> None:
        """Watches the filter box's value: the rows change in the same call as the key that
        changed it, so the box, the list and the details are drawn in one frame (its Changed
        message would arrive after the box's own frame)."""
        if value != self.query_text:
            self.query_text = value
            self.refresh_rows()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._announce()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        offer_id = self.current_id()
        if offer_id:
            self.post_message(self.Chosen(offer_id))
