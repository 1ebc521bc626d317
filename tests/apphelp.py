"""Helpers for driving the app in tests."""

from __future__ import annotations

import html
import re

from textual.app import App

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


async def wait_for_text(pilot, app: App, text: str, tries: int = 60) -> str:  # type: ignore[no-untyped-def]
    """Poll the screen until `text` shows (bounded); returns the screen text."""
    screen = ""
    for _ in range(tries):
        screen = screen_text(app)
        if text in screen:
            return screen
        await pilot.pause(0.05)
    raise AssertionError(f"{text!r} never appeared on screen:\n{screen}")
