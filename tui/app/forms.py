"""A keyboard form in a modal: fields top to bottom, Enter (or ctrl+s) saves, Escape cancels.

The screen only collects strings; a pure `parse` function turns them into model values and
raises FormError naming the field, which is shown under that field.

Values come from data (an imported company name may hold an escape sequence), so a field
shows its value with control characters made visible (tui.app.text.clean). A field left as
shown keeps its exact stored value; one the user edits saves what they see."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from tui.actions import Scope
from tui.app.keys import bindings
from tui.app.text import TextInput, clean, literal, shown
from tui.model.forms import FormError

T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    choices: Sequence[tuple[str, str]] = ()  # (label, value) for a drop-down

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


class FormFields(VerticalScroll, can_focus=False):
    """Scrolls with the focused field; never takes focus itself."""


class FormScreen(ModalScreen[T], Generic[T]):
    BINDINGS = bindings(Scope.FORM)

    def __init__(
        self,
        title: str | Text,
        fields: Sequence[Field],
        parse: Callable[[dict[str, str]], T],
        hint: str = "",
    ) -> None:
        super().__init__(classes="form-screen")
        self.form_title = title
        self.fields = list(fields)
        self.parse = parse
        self.hint = hint
        self.initial: dict[str, str] = {}  # the values as the form opened

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(shown(self.form_title, single_line=True), classes="form-title")
            with FormFields(classes="form-fields"):
                for field in self.fields:
                    yield Label(literal(field.label, single_line=True), classes="form-label")
                    yield self._input(field)
                    yield Static("", id=f"error-{field.key}", classes="form-error", markup=False)
            hint = self.hint or "Enter or ctrl+s saves · Tab moves · Escape cancels"
            yield Static(hint, classes="form-hint", markup=False)

    def on_mount(self) -> None:
        self.initial = self.values()
        self.query_one(f"#field-{self.fields[0].key}").focus()

    def _input(self, field: Field) -> Input | Select[str]:
        if field.is_choice:
            return Select(
                [(literal(label, single_line=True), value) for label, value in field.choices],
                value=field.value or field.choices[0][1],
                allow_blank=False,
                id=f"field-{field.key}",
            )
        return TextInput(
            clean(field.value, single_line=True),
            placeholder=clean(field.placeholder, single_line=True),
            id=f"field-{field.key}",
        )

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.key}")
            if isinstance(widget, Select):
                out[field.key] = "" if widget.is_blank() else str(widget.value)
            else:
                assert isinstance(widget, Input)
                unchanged = widget.value == clean(field.value, single_line=True)
                out[field.key] = field.value if unchanged else widget.value
        return out

    def action_save(self) -> None:
        for error in self.query(".form-error").results(Static):
            error.update("")
        try:
            result: Any = self.parse(self.values())
        except FormError as exc:
            self._show_error(exc)
            return
        self.dismiss(result)

    def _show_error(self, exc: FormError) -> None:
        keys = [f.key for f in self.fields]
        key = exc.field if exc.field in keys else keys[0]
        self.query_one(f"#error-{key}", Static).update(literal(exc.message))
        self.query_one(f"#field-{key}").focus()

    def action_cancel(self) -> None:
        """Escape: an unchanged form just closes; a changed one asks first."""
        if self.values() == self.initial:
            self.dismiss(None)
            return
        from tui.app.dialogs import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        title = shown(self.form_title, single_line=True).copy()
        title.stylize("bold")
        question = Text("Discard your changes to ")
        question.append_text(title)
        question.append("?\nNo keeps the form open as it is.")
        self.app.push_screen(ConfirmScreen(question, "Discard"), answered)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
