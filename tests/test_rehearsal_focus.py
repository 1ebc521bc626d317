"""Browsing the offer list while the rehearsal tab is shown: the pane follows the selection,
but the keys stay with the list (a second arrow moves on, `s` opens the status form) instead of
landing in the answer box of the question that was just asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apphelp import flat, wait_for, wait_for_text

from tui.app.app import OfferApp
from tui.app.rehearsal_pane import AnswerArea, RehearsalPane
from tui.demo import write_demo

TODAY = dt.date(2026, 11, 23)


async def test_moving_the_selection_keeps_the_keys_in_the_list(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_text(pilot, app, "6 offers")
        await pilot.press("3")
        pane = app.query_one(RehearsalPane)
        await wait_for(lambda: pane.session.round is not None, "a question asked")
        first = pane.session.round.offer_id  # type: ignore[union-attr]
        await pilot.press("escape", "escape")  # out of the answer box, back to the list
        await wait_for(lambda: not pane.has_focus_within, "focus back in the offer list")

        await pilot.press("down")
        await wait_for(
            lambda: pane.session.round is not None and pane.session.round.offer_id != first,
            "the rehearsal pane following the newly selected offer",
        )
        await pilot.press("s")
        screen = flat(await wait_for_text(pilot, app, "Change status of"))
        assert "Move from" in screen
        assert app.query_one(AnswerArea).text == ""
        assert not isinstance(app.focused, AnswerArea)
