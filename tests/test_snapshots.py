"""Snapshots of the main views (pytest-textual-snapshot), with the demo data on a fixed day,
at 100x30 and at 80x24. A change in what a view shows fails here; when it is intended, look
at the report (snapshot_report.html) and accept it with `pytest tests/test_snapshots.py
--snapshot-update`. Plain `def` tests: the plugin runs the app in its own event loop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from apphelp import wait_for, wait_for_text
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tui.app.app import OfferApp
from tui.demo import write_demo
from tui.settings import Settings

TODAY = dt.date(2026, 11, 23)
SIZES = {"100x30": (100, 30), "80x24": (80, 24)}

# view -> (keys pressed once loaded, text on screen once the view is up)
VIEWS: dict[str, tuple[tuple[str, ...], str]] = {
    "tracker": ((), "Northwind Health"),
    "declined": (("slash", *"cobalt", "enter"), "1 of 6 offers"),
    "checklists": (("slash", *"cobalt", "enter", "2"), "Decline gracefully"),
    "compare": (("down", "space", "down", "space", "c"), "Comparing 2 offers"),
    "add-offer": (("a",), "Company"),
    "help": (("f1",), "offer.add"),
    "problems": (("exclamation_mark",), "File problems"),
    "rehearsal": (("slash", *"quill", "enter", "3"), "Time 0:00"),
}


def prepared(keys: tuple[str, ...], shown: str) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, OfferApp)
        await wait_for(lambda: app.loaded and app.panes_ready, "the first load")
        # Rehearsal's clocks, stopped: the question is personalised for the demo's day and
        # the answer's timer stays at 0:00.
        session = app.rehearsal_pane.session
        session.wall = lambda: dt.datetime.combine(TODAY, dt.time(12))
        session.clock = lambda: 0.0
        await pilot.press(*keys)
        await wait_for_text(pilot, app, shown)
        for widget in app.screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False  # a blinking cursor would be caught on or off
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("view", VIEWS)
def test_main_view(snap_compare, data_dir: Path, view: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    write_demo(data_dir, TODAY)
    app = OfferApp(Settings(data_dir, demo=True), today=TODAY, watch_interval=0)
    keys, shown = VIEWS[view]
    assert snap_compare(app, terminal_size=size, run_before=prepared(keys, shown))
