"""Offers side by side: yearly compensation, deadline, status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from rich.table import Table
from rich.text import Text

from tui.app.text import literal
from tui.app.theme import FLAG_STYLE, STATUS_STYLE, money
from tui.model import Offer
from tui.model.countdown import countdown


def compare_table(offers: Sequence[Offer], today: dt.date, privacy: bool) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    table.add_column("", style="bold", no_wrap=True)
    for offer in offers:
        table.add_column(literal(offer.company, single_line=True), overflow="fold")
    best = max((o.compensation.yearly() or 0 for o in offers), default=0)

    def row(label: str, cell: Callable[[Offer], Text | str]) -> None:
        table.add_row(label, *(cell(o) for o in offers))

    def amount(getter: Callable[[Offer], int | None]) -> Callable[[Offer], str]:
        return lambda o: money(getter(o), o.compensation.currency, privacy)

    row("Role", lambda o: literal(o.role))
    row("Status", lambda o: Text(o.status.value, style=STATUS_STYLE[o.status]))
    row("Location", lambda o: literal(o.location or "—"))
    row("Base", amount(lambda o: o.compensation.base))
    row("Bonus", amount(lambda o: o.compensation.bonus))
    row("Equity / year", amount(lambda o: o.compensation.equity_yearly))

    def yearly(o: Offer) -> Text:
        value = o.compensation.yearly()
        top = value is not None and value == best and best > 0
        return Text(
            money(value, o.compensation.currency, privacy), style="bold green" if top else "bold"
        )

    row("Yearly", yearly)
    row("Sign-on", amount(lambda o: o.compensation.sign_on))
    row("First year", amount(lambda o: o.compensation.first_year()))

    def deadline(o: Offer) -> Text:
        if o.deadline is None:
            return Text("—")
        words = countdown(o, today)
        text = Text(o.deadline.isoformat())
        if words and o.awaiting_answer():
            text.append(f" ({words})", style=FLAG_STYLE[o.deadline_flag(today)])
        return text

    row("Respond by", deadline)
    row("Start", lambda o: o.start_date.isoformat() if o.start_date else "—")
    row("People", lambda o: str(len(o.contacts)))
    return table
