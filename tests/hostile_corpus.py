"""Hostile strings, and offers that carry one in every text field, for the terminal-safety
tests of the command line (test_hostile_cli.py), the app (test_hostile_app.py) and a real
tmux (e2e/test_hostile_terminal.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.model import (
    ChecklistProgress,
    Compensation,
    Contact,
    ContactRole,
    ItemDone,
    LogEntry,
    LogKind,
    Offer,
    Status,
    ToldThem,
)
from tui.model.attempt import Attempt
from tui.model.visible import has_control
from tui.store.attempts import AttemptStore
from tui.store.offers import OfferStore

AT = dt.datetime(2026, 11, 20, 9, 0)
QUESTION = "decline-offer"

# Each one would do something to a terminal (or a Rich/Textual widget) if passed through raw.
CORPUS: dict[str, str] = {
    "osc0-title": "\x1b]0;HOSTILE-TITLE\x07",
    "osc2-title-st": "\x1b]2;HOSTILE-TITLE\x1b\\",
    "screen-title": "\x1bkHOSTILE-TITLE\x1b\\",  # what tmux's allow-rename obeys
    "osc52-clipboard": "\x1b]52;c;SE9TVElMRQ==\x07",
    "osc52-clipboard-st": "\x1b]52;p;SE9TVElMRQ==\x1b\\",
    "csi-clear": "\x1b[2J\x1b[3J\x1b[H",
    "csi-alt-screen-off": "\x1b[?1049l\x1b[?25l",
    "csi-sgr-blink": "\x1b[5;31;42mblink\x1b[0m",
    "dcs-query": "\x1bP+q544e\x1b\\",
    "osc8-link": "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "c1-csi": "\x9b2J\x9b1;1H",
    "c1-osc": "\x9d0;HOSTILE-TITLE\x9c",
    "bel-bs-cr": "bell\x07 back\x08\x08 cr\rover",
    "nul-del-vt-ff": "nul\x00 del\x7f vt\x0b ff\x0c",
    "bidi-override": "\u202eevil\u202c txt",
    "bidi-isolate": "\u2067right\u2069 \u202aembed\u202c",
    "rich-markup": "[bold red]LOUD[/] [link=https://evil.example]click[/link]",
    "textual-action": "[@click=app.quit]quit[/] $var {x}",
    "multi-line": "line one\nline two\twith tab",
    "everything": (
        "\x1b]0;HOSTILE-TITLE\x07\x1bkHOSTILE-TITLE\x1b\\\x1b]52;c;SE9TVElMRQ==\x07\x1b[2J"
        "\x00\x08\x7f\x9b2J\x9d0;T\x9c\u202e\u2066[b]x[/b] [link=https://e.example]y[/link]"
        "\nsecond\tline"
    ),
}


def offer_with(name: str, text: str, index: int) -> Offer:
    """An offer with `text` in every text field: offer, compensation, contact, log entry,
    status history, what I told them, and a checklist note."""
    offer = Offer(
        company=f"{text} co{index}",
        role=text,
        location=text,
        source=text,
        notes=text,
        compensation=Compensation(base=100_000, notes=text, sign_on_clawback=text, equity=text),
        received=dt.date(2026, 11, 1),
        deadline=dt.date(2026, 12, 1) + dt.timedelta(days=index),
        id=f"hostile-{index:02d}-{name}"[:40].rstrip("-"),
    )
    offer.contacts.append(
        Contact(f"{text} Mallory", ContactRole.HIRING_MANAGER, email=text, phone=text, notes=text)
    )
    offer.contacts.append(Contact(text, ContactRole.RECRUITER, notes=text))
    offer.log.append(
        LogEntry(
            LogKind.CALL,
            AT,
            text,
            contact=offer.contacts[0].id,
            next_step=text,
            next_due=dt.date(2026, 11, 25),
        )
    )
    offer.move_to(Status.NEGOTIATING, AT + dt.timedelta(hours=1), text)
    offer.move_to(Status.DECLINED, AT + dt.timedelta(hours=2), text)
    offer.told = ToldThem(reason=text, notes=text, on=dt.date(2026, 11, 21))
    progress = ChecklistProgress("decline-gracefully", AT + dt.timedelta(hours=3))
    progress.done["decide-promptly"] = ItemDone(AT + dt.timedelta(hours=4), text)
    person = f"call-hiring-manager@{offer.contacts[0].id}"
    progress.done[person] = ItemDone(AT + dt.timedelta(hours=4), text)
    progress.done[f"gone-item-{index}"] = ItemDone(AT, text)  # a tick kept from earlier
    offer.checklists.append(progress)
    return offer


def write_corpus(data_dir: Path) -> list[Offer]:
    """One offer per corpus string, and a rehearsal answer for each, saved in `data_dir`."""
    store = OfferStore(data_dir)
    store.ensure()
    attempts = AttemptStore(data_dir)
    offers = []
    for index, (name, text) in enumerate(CORPUS.items()):
        offer = offer_with(name, text, index)
        store.save(offer)
        offers.append(offer)
        answer = f"Thank you; I have decided to decline. {text}"
        attempts.add(Attempt(QUESTION, answer, 40, AT, offer_id=offer.id))
    return offers


def raw_controls(output: str) -> list[str]:
    """The control characters in output that should hold none (plain command-line text)."""
    return sorted({f"U+{ord(c):04X}" for c in output if has_control(c)})
