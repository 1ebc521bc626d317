"""The rehearsal tab follows the selected offer: once an answer is scored (and saved), picking
another offer asks the question for that offer; typing in progress is never thrown away."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apphelp import flat, screen_text, started, wait_for_text

from tui.app.app import OfferApp
from tui.app.rehearsal_pane import RehearsalPane
from tui.demo import write_demo

TODAY = dt.date(2026, 11, 23)


async def pick(pilot, app: OfferApp, company: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("escape", "slash", *company, "enter")
    await wait_for_text(pilot, app, company)


async def test_a_scored_round_gives_way_to_the_next_offer(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(220, 60)) as pilot:
        await started(app, pilot)
        await pick(pilot, app, "Quill")
        await pilot.press("3")
        await wait_for_text(pilot, app, "for Quill & Co")
        pane = app.query_one(RehearsalPane)
        pane.area.load_text("Thank you for the call. I have thought hard about it.")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, app, "Score ")

        await pick(pilot, app, "Cobalt")
        await pilot.press("3")
        screen = flat(await wait_for_text(pilot, app, "for Cobalt Systems"))
        assert "for Quill & Co" not in screen
        assert "Score " not in screen.split("Interviewer:")[-1]  # no stale result below
        session = pane.session
        assert session is not None and session.round is not None
        assert session.round.offer_id.startswith("cobalt") and not session.round.submitted


async def test_typing_in_progress_stays_when_another_offer_is_picked(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(220, 60)) as pilot:
        await started(app, pilot)
        await pick(pilot, app, "Quill")
        await pilot.press("3")
        await wait_for_text(pilot, app, "for Quill & Co")
        await pilot.press(*"Half an answer")
        await pick(pilot, app, "Cobalt")
        await pilot.press("3")
        await wait_for_text(pilot, app, "Half an answer")
        assert "for Quill & Co" in screen_text(app)


async def test_the_answer_box_holds_what_history_can_keep(data_dir: Path) -> None:
    """A pasted answer longer than history's limit is cut in the box with a warning, so what
    is scored is what is saved (the reader would refuse a longer one)."""
    from tui.model.limits import MAX_ANSWER

    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(220, 60)) as pilot:
        await started(app, pilot)
        await pick(pilot, app, "Quill")
        await pilot.press("3")
        await wait_for_text(pilot, app, "for Quill & Co")
        pane = app.query_one(RehearsalPane)
        pane.area.load_text("Thank you. " * 8000)  # 88,000 characters
        assert len(pane.area.text) == MAX_ANSWER
        assert "at most 65,536 characters" in app.messages[-1]
        await pilot.press("end", *"more")
        assert len(pane.area.text) == MAX_ANSWER
