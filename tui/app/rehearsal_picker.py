"""Choose a rehearsal question from a list, grouped by scenario, with each one's last score."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import Scope
from tui.app.keys import bindings
from tui.app.rehearsal_view import SCENARIO_TITLES
from tui.app.text import literal
from tui.model.question import SCENARIOS, Question


def question_options(
    questions: Mapping[str, Question], last: Mapping[str, int], status: str | None
) -> list[Option]:
    options: list[Option] = []
    for scenario in SCENARIOS:
        group = sorted(
            (q for q in questions.values() if q.scenario == scenario), key=lambda q: q.title
        )
        if not group:
            continue
        title = SCENARIO_TITLES.get(scenario, scenario)
        options.append(Option(Text(title, style="bold underline"), disabled=True))
        options += [Option(_label(q, last.get(q.id), status), id=q.id) for q in group]
    return options


def _label(question: Question, last: int | None, status: str | None) -> Text:
    fits = status is None or question.fits_status(status)
    out = Text("  ")
    out.append_text(literal(question.title, "" if fits else "dim", single_line=True))
    out.append(f"  last {last}" if last is not None else "  new", style="dim")
    return out


class QuestionPicker(ModalScreen[str | None]):
    """Returns the chosen question's id, or None when closed with Escape."""

    BINDINGS = bindings(Scope.PICKER)

    def __init__(self, options: list[Option], current: str = "") -> None:
        super().__init__(classes="form-screen")
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="form rehearsal-picker"):
            yield Static("Choose a question", classes="form-title", markup=False)
            yield OptionList(*self.options, id="rehearsal-picker-list")
            yield Static(
                "Enter practises it · Escape closes · dim: does not fit the selected offer",
                classes="form-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.focus()
        ids = [o.id for o in self.options]
        if self.current in ids:
            listing.highlighted = ids.index(self.current)
        else:
            listing.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
