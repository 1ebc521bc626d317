"""Privacy mode (m) masks people's names in the rehearsal tab too, as it does under People
and in the checklists: before, the interviewer's line and its context kept showing the
hiring manager's name ("Marta Okafor at Quill & Co") on a shared screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apphelp import flat, screen_text, wait_for, wait_for_text

from tui.app.app import OfferApp
from tui.demo import write_demo

TODAY = dt.date(2026, 11, 23)


async def test_privacy_mode_masks_names_in_the_rehearsal_tab(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_text(pilot, app, "6 offers")
        await pilot.press("slash", *"Quill", "enter")
        await wait_for_text(pilot, app, "Quill & Co")
        await pilot.press("3")
        await wait_for_text(pilot, app, "Marta Okafor")
        await pilot.press("escape", "escape", "m")
        await wait_for(
            lambda: "Marta" not in screen_text(app) and "••• at Quill" in flat(screen_text(app)),
            "the manager's name masked in the rehearsal tab",
            detail=lambda: screen_text(app),
        )
        await pilot.press("m")
        await wait_for_text(pilot, app, "Marta Okafor")
