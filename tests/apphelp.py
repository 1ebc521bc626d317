"""Helpers for driving the app in tests."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from textual.app import App
from waiting import DEADLINE, wait_for

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui.app.app import OfferApp

__all__ = ["flat", "screen_text", "started", "wait_for", "wait_for_text"]

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+"[^>]*line-(\d+)\)">(.*?)</text>')
CHAR_WIDTH = 12.2  # Rich's SVG export: 0.61 x a 20px font


def screen_text(app: App) -> str:
    """The screen as lines of text, as a person would read it (from the SVG screenshot)."""
    rows: dict[int, dict[int, str]] = {}
    for x, line, chunk in _TEXT.findall(app.export_screenshot()):
        text = html.unescape(chunk).replace("\xa0", " ")
        column = round(float(x) / CHAR_WIDTH)
        cells = rows.setdefault(int(line), {})
        for offset, char in enumerate(text):
            cells[column + offset] = char
    out = []
    for line in range(max(rows, default=-1) + 1):
        cells = rows.get(line, {})
        out.append("".join(cells.get(c, " ") for c in range(max(cells, default=-1) + 1)))
    return "\n".join(out)


def flat(text: str) -> str:
    """Screen text with runs of whitespace and box edges collapsed, for wrapped messages."""
    return " ".join(re.sub(r"[▌▐▊▎▏▕│┃]", " ", text).split())


async def fill(pilot, *values: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the focused field, then Tab to the next, for each value."""
    for index, value in enumerate(values):
        if value:
            await pilot.press(*value)
        if index < len(values) - 1:
            await pilot.press("tab")


async def wait_for_text(pilot, app: App, text: str, timeout: float = DEADLINE) -> str:  # type: ignore[no-untyped-def]
    """Wait until `text` shows on the screen; returns the screen text."""

    def shown() -> str:
        screen = screen_text(app)
        return screen if text in screen else ""

    return await wait_for(shown, f"{text!r} on screen", timeout, lambda: screen_text(app))


async def started(app: OfferApp, pilot: Pilot[None]) -> None:
    """Wait until the app has loaded its data and mounted the checklist and rehearsal panes,
    and the screen shows it (`pause()` without a delay waits for idle, then repaints)."""
    await wait_for(lambda: app.loaded and app.panes_ready, "the app finishing its first load")
    await pilot.pause()
