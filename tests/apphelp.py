"""Helpers for driving the app in tests."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING

from rich.console import Console
from textual.app import App
from waiting import DEADLINE, wait_for

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui.app.app import OfferApp

# The day the demo data and the app's countdowns are pinned to in tests.
TODAY = dt.date(2026, 11, 23)

__all__ = ["flat", "screen_text", "started", "wait_for", "wait_for_text"]


def screen_text(app: App[object]) -> str:
    """The screen as lines of text, as a person would read it: the frame the app would
    paint (modals over what they cover), printed as plain text."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        legacy_windows=False,
        safe_box=False,
    )
    # What `App.export_screenshot` renders, as text rather than SVG.
    frame = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(frame)
    text = console.export_text().replace("\xa0", " ")  # as read: a no-break space is a space
    return "\n".join(line.rstrip() for line in text.splitlines())


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
