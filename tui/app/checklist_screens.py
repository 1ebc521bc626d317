"""Modals the checklist pane opens: pick one thing from a list, and a filled message.

Both only show what they are given: the pane renders the message with the content layer,
these screens never read files or fill templates themselves."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import Scope
from tui.app.editor import EditorUnavailable, edit_in_editor
from tui.app.keys import bindings
from tui.app.text import literal, shown
from tui.content.message import Message, Part
from tui.content.templates import TemplateKind


class ChoiceScreen(ModalScreen[str | None]):
    """Choose one entry (arrows, Enter); Escape cancels. Dismisses with the chosen id."""

    BINDINGS = bindings(Scope.CHOICE)

    def __init__(
        self, title: str | Text, choices: Sequence[tuple[str, Text]], hint: str = ""
    ) -> None:
        super().__init__(classes="form-screen")
        self.choice_title = title
        self.choices = list(choices)
        self.hint = hint or "Enter chooses · Escape cancels"

    def compose(self) -> ComposeResult:
        with Vertical(classes="form checklist-choice"):
            yield Static(shown(self.choice_title, single_line=True), classes="form-title")
            options = [Option(prompt, id=choice_id) for choice_id, prompt in self.choices]
            yield OptionList(*options, id="choice-list", markup=False)
            yield Static(self.hint, classes="form-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def message_text(message: Message) -> str:
    """What gets copied: the subject line (emails) and the body, as plain text."""
    body = message.body.strip("\n")
    if message.template.kind is TemplateKind.EMAIL and message.subject:
        return f"Subject: {message.subject}\n\n{body}\n"
    return body + "\n"


FILLED_STYLE = "underline bold"
MISSING_STYLE = "reverse"


def marked(parts: tuple[Part, ...]) -> Text:
    """The filled text with each placeholder's value marked: underlined when filled from
    the offer or the settings, reversed when it is a marker still to replace."""
    out = Text()
    for part in parts:
        if not part.name:
            out.append_text(literal(part.text))
        else:
            out.append_text(literal(part.text, FILLED_STYLE if part.known else MISSING_STYLE))
    return out


def marked_message(message: Message) -> Text:
    """The preview: the subject line (emails) and the body, marked."""
    out = Text()
    body = list(message.body_parts)
    while body and not body[0].name and not body[0].text.strip("\n"):
        body.pop(0)
    if body and not body[0].name:
        body[0] = Part(body[0].text.lstrip("\n"))
    if message.template.kind is TemplateKind.EMAIL and message.subject:
        out.append("Subject: ")
        out.append_text(marked(message.subject_parts))
        out.append("\n\n")
    out.append_text(marked(tuple(body)))
    out.rstrip()
    return out


# What the person wrote for the employer comes first in the list of sources.
_WRITTEN = ("What I intend", "What I told them")


def sources_text(message: Message) -> Text:
    """Where each filled value came from, names sharing a source together:
    `{reason} ← What I intend: the reason I'll give them · {role}, {company} ← Offer`."""
    by_source: dict[str, list[str]] = {}
    for name, source in message.sources().items():
        by_source.setdefault(source, []).append(name)
    ordered = sorted(by_source.items(), key=lambda kv: not kv[0].startswith(_WRITTEN))
    out = Text("Filled in (underlined): ", style="bold")
    for index, (source, names) in enumerate(ordered):
        if index:
            out.append(" · ", style="dim")
        out.append(", ".join(f"{{{n}}}" for n in names), style=FILLED_STYLE)
        out.append(" ← ")
        out.append_text(literal(source, single_line=True))
    if not ordered:
        out.append("nothing yet", style="dim")
    return out


class MessageScreen(ModalScreen[None]):
    """A filled template, shown literally: copy it, or edit it in $EDITOR first."""

    BINDINGS = bindings(Scope.MESSAGE)

    def __init__(self, message: Message, addressed_to: str = "", *, served: bool = False) -> None:
        super().__init__(classes="page-screen")
        self.served = served  # no $EDITOR for a session served over SSH
        self.message = message
        self.addressed_to = addressed_to
        self.text = message_text(message)
        self.edited = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="page checklist-message"):
            yield Static(self._title(), classes="form-title", markup=False)
            with VerticalScroll(classes="page-body", id="message-scroll"):
                yield Static(marked_message(self.message), id="message-body", markup=False)
            yield Static(sources_text(self.message), id="message-sources", markup=False)
            yield Static(self._missing(), id="message-missing", markup=False)
            yield Static(
                "y copies it · E edits it in $EDITOR first · Escape closes",
                classes="form-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#message-scroll").focus()

    def _title(self) -> Text:
        template = self.message.template
        title = literal(template.title, "bold", single_line=True)
        title.append(f"  ({template.kind.value}", style="dim")
        if self.addressed_to:
            title.append(" to ", style="dim")
            title.append_text(literal(self.addressed_to, "dim", single_line=True))
        title.append(", edited)" if self.edited else ")", style="dim")
        return title

    def missing(self) -> list[str]:
        """Markers still in the text, for the person to replace before sending."""
        return [marker for marker in self.message.missing if marker in self.text]

    def _missing(self) -> Text:
        missing = self.missing()
        if not missing:
            return Text("Every value is filled in.", style="green")
        out = Text("Still to fill in: ", style="bold yellow")
        out.append_text(literal(", ".join(missing), single_line=True))
        return out

    def _refresh(self) -> None:
        self.query_one("#message-body", Static).update(literal(self.text))
        self.query_one("#message-sources", Static).update(
            Text("Edited in $EDITOR: the marks of filled values are gone.", style="dim")
        )
        self.query_one("#message-missing", Static).update(self._missing())
        self.query_one(".form-title", Static).update(self._title())

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.app.notify("Copied")

    def action_edit(self) -> None:
        try:
            edited = edit_in_editor(self.app, self.text, served=self.served)
        except (EditorUnavailable, SuspendNotSupported) as exc:
            self.app.notify(
                f"The editor is unavailable here ({exc}); press y to copy the text instead.",
                severity="warning",
                markup=False,
            )
            return
        if edited != self.text:
            self.text = edited
            self.edited = True
            self._refresh()

    def action_close(self) -> None:
        self.dismiss(None)
