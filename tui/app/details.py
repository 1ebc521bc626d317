"""The selected offer in full: dates, compensation, people, log, what I told them, history."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui.app.rendered import RenderedView
from tui.app.text import literal
from tui.app.theme import FLAG_STYLE, MASK, STATUS_STYLE, money
from tui.model import Offer
from tui.model.countdown import countdown
from tui.model.offer import HANDLING_LABELS, INTENT_LABELS
from tui.model.status import allowed_next

SECTIONS = (
    "title",
    "facts",
    "compensation",
    "people",
    "log",
    "intent",
    "told",
    "history",
    "notes",
)
FOR_THEM = " (goes into messages)"  # marks a field written for the employer


def _grid() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    return table


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


class OfferDetails(RenderedView, can_focus=True):
    """Read-only view; edits happen through the app's actions and forms."""

    COMPONENT_CLASSES = {"details--empty"}

    def show(self, offer: Offer | None, today: dt.date, privacy: bool = False) -> None:
        """All sections as one renderable: one rendering per selected offer, where a
        widget per section cost a measure and a layout each."""
        if offer is None:
            style = self.get_component_rich_style("details--empty")
            self.update(Text("\nNo offer selected. Press a to add one.\n", style=style))
            return
        sections = [getattr(self, f"_{name}")(offer, today, privacy) for name in SECTIONS]
        parts: list[RenderableType] = []
        for section in (s for s in sections if s is not None):
            parts += [section, Text("")]  # a blank line after each section
        self.update(Group(*parts[:-1]))

    # -- sections ----------------------------------------------------------------------
    def _title(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType:
        title = literal(offer.company, "bold", single_line=True)
        if offer.role:
            title.append(" — ")
            title.append_text(literal(offer.role, single_line=True))
        status = Text(f" {offer.status.value} ", style=f"reverse {STATUS_STYLE[offer.status]}")
        nexts = ", ".join(s.value for s in allowed_next(offer.status)) or "final"
        line = Text.assemble(status, ("  next: ", "dim"), (nexts, "dim"))
        line.append("  ·  id ", style="dim")
        line.append_text(literal(offer.id, single_line=True))
        return Group(title, line)

    def _facts(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType:
        grid = _grid()
        if offer.location:
            grid.add_row("Location", literal(offer.location))
        if offer.source:
            grid.add_row("Source", literal(offer.source))
        grid.add_row("Received", offer.received.isoformat() if offer.received else "—")
        deadline = Text(offer.deadline.isoformat() if offer.deadline else "—")
        words = countdown(offer, today)
        if words and offer.awaiting_answer():
            flag = offer.deadline_flag(today)
            deadline.append(" · ", style="dim")
            deadline.append(words, style=FLAG_STYLE[flag])
        grid.add_row("Respond by", deadline)
        grid.add_row("Start date", offer.start_date.isoformat() if offer.start_date else "—")
        return grid

    def _compensation(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType:
        c = offer.compensation
        grid = _grid()
        cur = c.currency
        grid.add_row("Base", money(c.base, cur, privacy))
        grid.add_row("Bonus", money(c.bonus, cur, privacy))
        sign_on = Text(money(c.sign_on, cur, privacy))
        if c.sign_on_clawback:
            sign_on.append(" · clawback: ", style="dim")
            sign_on.append_text(literal(c.sign_on_clawback))
        grid.add_row("Sign-on", sign_on)
        equity = Text(money(c.equity_yearly, cur, privacy) + " / year")
        if c.equity:
            equity.append(" · ", style="dim")
            equity.append_text(literal(MASK if privacy else c.equity))
        grid.add_row("Equity", equity)
        grid.add_row("Yearly", Text(money(c.yearly(), cur, privacy), style="bold"))
        if c.notes:
            grid.add_row("Notes", literal(c.notes))
        return Group(_heading("Compensation"), grid)

    def _people(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType:
        if not offer.contacts:
            return Group(_heading("People"), Text("None yet. Press p to add one.", style="dim"))
        lines: list[RenderableType] = [_heading("People")]
        for c in offer.contacts:
            line = Text()
            line.append_text(literal(MASK if privacy else c.name, "bold", single_line=True))
            line.append(" · ", style="dim")
            line.append(c.role.value.replace("-", " "), style="dim")
            for detail in (c.email, c.phone):
                if detail:
                    line.append(" · ", style="dim")
                    line.append_text(literal(MASK if privacy else detail, single_line=True))
            if c.notes:
                line.append("\n    ")
                line.append_text(literal(c.notes, "dim"))
            lines.append(line)
        return Group(*lines)

    def _log(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType:
        if not offer.log:
            return Group(
                _heading("Log"), Text("Nothing logged. Press l to log a call.", style="dim")
            )
        lines: list[RenderableType] = [_heading("Log")]
        for entry in sorted(offer.log, key=lambda e: e.at, reverse=True):
            who = offer.contact(entry.contact)
            line = Text(entry.at.strftime("%Y-%m-%d %H:%M "), style="dim")
            line.append(f"{entry.kind.value:<9} ", style="bold")
            if who:
                line.append_text(literal(MASK if privacy else who.name, single_line=True))
                line.append(": ")
            line.append_text(literal(entry.summary))
            if entry.next_step:
                late = entry.next_due is not None and entry.next_due < today
                line.append("\n    next: ", style="dim")
                line.append_text(literal(entry.next_step))
                if entry.next_due:
                    line.append(
                        f" by {entry.next_due.isoformat()}", style="bold red" if late else ""
                    )
            lines.append(line)
        return Group(*lines)

    def _intent(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType | None:
        intent = offer.intent
        if intent is None:
            return None
        grid = _grid()
        grid.add_row("Intend to", f"{INTENT_LABELS[intent.kind]} (said {intent.at:%Y-%m-%d})")
        if intent.reason:
            grid.add_row("Reason I'll give", _for_them(intent.reason))
        if intent.what_changed:
            grid.add_row("What I'll say changed", _for_them(intent.what_changed))
        return Group(_heading("What I intend"), grid)

    def _told(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType | None:
        told = offer.told
        if told is None:
            return None
        grid = _grid()
        grid.add_row("Reason given", _for_them(told.reason))
        when = told.on.isoformat() if told.on else "—"
        grid.add_row("How", f"{told.channel.value}, {when}")
        handled = Text(HANDLING_LABELS[told.handling])
        if told.handled_badly:
            handled.stylize("bold yellow")
        grid.add_row("It went", handled)
        if told.notes:
            grid.add_row("Private notes", literal(told.notes))
        return Group(_heading("What I told them"), grid)

    def _history(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType | None:
        if not offer.history:
            return None
        lines: list[RenderableType] = [_heading("History")]
        for step in offer.history:
            line = Text(step.at.strftime("%Y-%m-%d %H:%M  "), style="dim")
            line.append(f"{step.from_status.value} → {step.to_status.value}")
            if step.note:
                line.append("  ")
                line.append_text(literal(step.note))
            lines.append(line)
        return Group(*lines)

    def _notes(self, offer: Offer, today: dt.date, privacy: bool) -> RenderableType | None:
        if not offer.notes:
            return None
        return Group(_heading("Notes"), literal(offer.notes))


def _for_them(text: str) -> Text:
    out = literal(text)
    out.append(FOR_THEM, style="dim")
    return out
