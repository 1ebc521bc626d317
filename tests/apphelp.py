"""Helpers for driving the app in tests."""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections.abc import Callable
from typing import TypeVar

from textual.app import App

T = TypeVar("T")
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


DEADLINE = 15.0  # seconds: generous, for a loaded 2-core machine; passing tests never wait it


async def wait_for(
    condition: Callable[[], T],
    what: str,
    timeout: float = DEADLINE,
    detail: Callable[[], str] | None = None,
) -> T:
    """Poll `condition` (letting the app run in between) until it returns something true,
    and return that; after `timeout` seconds fail saying what never happened."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            extra = f"\n{detail()}" if detail is not None else ""
            raise AssertionError(f"{what} never happened (waited {timeout:g} s){extra}")
        await asyncio.sleep(0.02)


async def wait_for_text(pilot, app: App, text: str, timeout: float = DEADLINE) -> str:  # type: ignore[no-untyped-def]
    """Wait until `text` shows on the screen; returns the screen text."""

    def shown() -> str:
        screen = screen_text(app)
        return screen if text in screen else ""

    return await wait_for(shown, f"{text!r} on screen", timeout, lambda: screen_text(app))
