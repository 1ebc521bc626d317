"""Bare Textual apps doing what offer-tui does at a key, for the key figures' floors:
a DataTable of N two-line rows under a filter box with, beside it, a details text (a Static
of label/value grids) updated as the highlighted row changes; TabbedContent with three
panes like the side panel's (a details text, a list, an answer box); and an answer box that
ctrl+s replaces with a feedback text of the size of offer-tui's (a score line, a grid of
twelve criteria with their evidence and advice, the answer again), the focus moving from
the box to its pane and the footer's keys with it. Plain, documented Textual use."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    DataTable,
    Footer,
    Input,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

DETAILS = "\n".join(f"Field {n}: a value for the selected offer, {n * 7} words" for n in range(40))


def details(row: int) -> Group:
    """About what offer-tui's details pane shows: a title and four label/value grids."""
    grids: list[Table | Text] = []
    for section in range(4):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for n in range(4):
            grid.add_row(f"Label {n}", f"value {row}.{section}.{n} for this offer")
        grids += [grid, Text("")]
    return Group(Text(f"Company {row} · Staff Engineer", style="bold"), Text(""), *grids)


def rows(titles: Sequence[str]) -> list[tuple[str, Text, Text]]:
    """A row per title ("company · role\nstatus · location", the benchmark's own offers,
    so the filter matches as many rows as offer-tui's does), with a due column."""
    return [(f"r{n}", Text(title), Text(f"{n % 30}d")) for n, title in enumerate(titles)]


def titles(count: int) -> list[str]:
    """Made-up titles when no offers are given."""
    return [f"Company {n} · Staff Engineer\nreceived · Berlin" for n in range(count)]


class BareTable(App[None]):
    """Filter box above a DataTable: a change of filter clears and re-adds the rows."""

    def __init__(self, titles: Sequence[str]) -> None:
        super().__init__()
        self.all = rows(titles)

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll():
                yield Input(placeholder="Filter", id="filter")
                yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll():
                yield Static("", id="details")

    @on(DataTable.RowHighlighted)
    def _show(self, event: DataTable.RowHighlighted) -> None:
        self.query_one("#details", Static).update(details(event.cursor_row))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Offer", key="offer", width=36)
        table.add_column("Due", key="due", width=7)
        self.fill("")
        table.focus()

    def fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        words = query.split()  # every word somewhere, as offer-tui's filter
        for key, title, due in self.all:
            if all(word in title.plain.lower() for word in words):
                table.add_row(title, due, key=key, height=2)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.fill(event.value.lower())


class BareTabs(App[None]):
    """TabbedContent with three panes; keys 1-3 switch."""

    BINDINGS = [("1", "show('a')"), ("2", "show('b')"), ("3", "show('c')")]

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="a"):
            with TabPane("Offer", id="a"):
                yield Static(DETAILS)
            with TabPane("Checklists", id="b"):
                yield OptionList(*[f"Checklist item {n}" for n in range(40)])
            with TabPane("Rehearsal", id="c"):
                yield Static("Interviewer: why did you change your mind?")
                yield TextArea("", id="answer")
                yield Static("History: no attempts yet")

    def action_show(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab


def feedback(answer: str) -> Group:
    """About what offer-tui shows for a scored answer: the score, twelve criteria (a mark
    and points, then a label, the evidence found and advice), the answer itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for n in range(12):
        left = Text(f"✓ met     \n{'+' + str(n % 4) + '/4':>9}", style="green")
        right = Text(f"Criterion {n}: names the reason plainly\n", style="bold")
        right.append(f"found: “{' '.join(answer.split()[n : n + 8])}”", style="dim")
        right.append("\n→ say what changed, once, without blaming anyone")
        grid.add_row(left, right)
    score = Text("Score 72/100 · good\npassed the pass mark 60 · 150 words in 1:40\n")
    body = Text("\nYour answer (earned points · cost points)\n", style="bold")
    body.append(answer)
    return Group(score, grid, body)


class Pane(VerticalScroll):
    """The answer box's pane: its keys are the footer's once the box is left."""

    BINDINGS = [
        ("ctrl+t", "app.try_again", "Try again"),
        ("ctrl+n", "app.bell", "Next"),
        ("ctrl+g", "app.bell", "Model"),
        ("ctrl+l", "app.bell", "Questions"),
    ]


class Answer(TextArea):
    """The answer box's own key: in the footer while the box has the focus."""

    BINDINGS = [("escape", "app.bell", "Leave answer")]


class BareScore(App[None]):
    """ctrl+s in the answer box: the box is hidden, the feedback shown, the pane focused;
    ctrl+t brings the box back."""

    BINDINGS = [("ctrl+s", "score", "Submit"), ("f1", "bell", "Help"), ("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        with Pane(id="pane"):
            yield Static("Interviewer: why did you change your mind?")
            yield Answer("", id="answer", soft_wrap=True)
            yield Static("", id="result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#result").display = False
        self.query_one("#answer").focus()

    def action_score(self) -> None:
        area = self.query_one("#answer", TextArea)
        result = self.query_one("#result", Static)
        result.update(feedback(area.text))
        result.display = True
        area.display = False
        self.query_one("#pane").focus()

    def action_try_again(self) -> None:
        area = self.query_one("#answer", TextArea)
        self.query_one("#result").display = False
        area.display = True
        area.focus()
