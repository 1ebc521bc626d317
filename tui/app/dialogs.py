"""Small modal screens: confirm, problems list, and a scrollable text view."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.actions import Scope
from tui.app.keys import bindings
from tui.app.text import literal, shown
from tui.app.typeahead import GuardedScreen
from tui.tomlio.errors import Problem


class ConfirmScreen(GuardedScreen, ModalScreen[bool]):
    """A yes/no question, answered only by keys typed after it appeared."""

    BINDINGS = bindings(Scope.CONFIRM)

    def __init__(self, question: Text | str, yes_label: str = "Yes") -> None:
        super().__init__(classes="form-screen")
        self.question = question
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="form confirm"):
            yield Static(shown(self.question), classes="confirm-question", markup=False)
            with Horizontal(classes="confirm-buttons"):
                yield Button(literal(f"{self.yes_label} (y)"), id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TextScreen(ModalScreen[None]):
    """A read-only scrollable page (problems, help, comparisons) closed with Escape or q."""

    BINDINGS = bindings(Scope.PAGE)

    def __init__(self, title: str | Text, body: object, classes: str = "") -> None:
        super().__init__(classes=f"page-screen {classes}".strip())
        self.page_title = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="page"):
            yield Static(shown(self.page_title, single_line=True), classes="form-title")
            with VerticalScroll(classes="page-body"):
                body = shown(self.body) if isinstance(self.body, str) else self.body
                yield Static(body, markup=False)  # type: ignore[arg-type]
            yield Static("Escape closes · arrows and PgUp/PgDn scroll", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def problems_text(problems: Sequence[Problem]) -> Text:
    if not problems:
        return Text("No problems: every file was read.")
    out = Text()
    for problem in problems:
        style = "yellow" if problem.severity == "notice" else "red"
        out.append("• ", style=style)
        out.append_text(literal(str(problem)))
        out.append("\n")
    out.append(
        "\nThese files were left exactly as they are. Fix them in an editor, then press r "
        "to reload; `offer-tui check` lists the same problems.",
        style="dim",
    )
    return out
