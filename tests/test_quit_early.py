"""`q` pressed in the first moments, while the list is loading or the side panel and the
panes are being mounted, quits cleanly (no error on the way out)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from apphelp import wait_for, wait_for_text

from tui.app.app import OfferApp
from tui.demo import write_demo

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("moment", ["at once", "first frame", "list shown", "a little later"])
async def test_quitting_during_start_up_ends_cleanly(data_dir: Path, moment: str) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        if moment == "first frame":
            await pilot.pause()
        elif moment == "list shown":
            await wait_for_text(pilot, app, "6 offers")
        elif moment == "a little later":
            await wait_for_text(pilot, app, "6 offers")
            await pilot.pause(0.05)
        await pilot.press("q")
        await wait_for(lambda: app.return_code is not None, "the app ending on q")
    assert app.return_code == 0  # run_test re-raises any error the app hit on its way out
