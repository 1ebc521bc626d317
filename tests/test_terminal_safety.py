"""User and imported text is shown literally: Rich markup stays text, and control sequences
never reach the terminal as control codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from apphelp import screen_text, wait_for_text

from tui.app.app import OfferApp
from tui.app.text import clean, literal
from tui.model import (
    Compensation,
    Contact,
    ContactRole,
    LogEntry,
    LogKind,
    Offer,
    Status,
    ToldThem,
)
from tui.store.offers import OfferStore

TODAY = dt.date(2026, 11, 23)

HOSTILE = [
    "[bold red]X",
    "[link=https://evil.example]click[/link]",
    "[@click=app.quit]bye[/]",
    "\x1b[2J\x1b[Hcleared",
    "\x1b]52;c;cHduZWQ=\x07clip",
    "\x1b]2;PWNED\x07title",
    "bell\x07bell",
    "\x1b[31mred\x1b[0m",
    "\u202eevil\u202c",
    "\x9b31mC1",
]


def hostile_offer(text: str, index: int) -> Offer:
    offer = Offer(
        company=f"{text} co{index}",
        role=text,
        location=text,
        source=text,
        notes=text,
        compensation=Compensation(base=100_000, notes=text, sign_on_clawback=text, equity=text),
        deadline=TODAY + dt.timedelta(days=index),
        id=f"hostile-{index:02d}-abc123",
    )
    offer.contacts.append(Contact(text, ContactRole.RECRUITER, email=text, phone=text, notes=text))
    offer.log.append(LogEntry(LogKind.CALL, dt.datetime(2026, 11, 20, 9), text, next_step=text))
    offer.move_to(Status.DECLINED, dt.datetime(2026, 11, 21, 9), text)
    offer.told = ToldThem(reason=text, notes=text)
    return offer


def test_clean_makes_every_control_character_visible() -> None:
    for text in HOSTILE:
        shown = clean(text)
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in shown), repr(shown)
    assert clean("\x1b[2J") == "␛[2J"
    assert literal("[bold]x").plain == "[bold]x"


def test_long_text_is_cut_on_screen_not_on_disk() -> None:
    shown = literal("x" * 10_000)
    assert shown.plain.startswith("x" * 4_000)
    assert "6,000 more characters not shown" in shown.plain


async def test_hostile_text_renders_literally_in_every_view(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    for index, text in enumerate(HOSTILE):
        store.save(hostile_offer(text, index))
    rendered = 0
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(160, 60)) as pilot:
        await wait_for_text(pilot, app, f"{len(HOSTILE)} offers")
        views = {"list": screen_text(app)}
        for index in range(len(HOSTILE)):
            await pilot.press("space")
            views[f"details {index}"] = screen_text(app)
            await pilot.press("down")
        await pilot.press("c")
        await pilot.pause()
        views["compare"] = screen_text(app)
        svg = app.export_screenshot()
        for name, screen in views.items():
            for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
                assert bad not in screen, f"{bad!r} reached the screen in {name}"
            rendered += 1
        assert "\x1b" not in svg and "\x07" not in svg
    details = "\n".join(v for k, v in views.items() if k.startswith("details"))
    assert "[bold red]X" in details
    assert "[link=https://evil.example]click[/link]" in details
    assert "[@click=app.quit]bye[/]" in details
    assert "␛]2;PWNED␇title" in details
    assert "␛[2J␛[Hcleared" in details
    with capsys.disabled():
        print(
            f"\nterminal safety: {len(HOSTILE)} hostile strings rendered in "
            f"{rendered} views, 0 control codes reached the screen"
        )
