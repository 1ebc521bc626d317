"""What a key changes is drawn in the same frame (issue 18): no frame shows the list's
cursor on one offer beside another offer's details, the filter's new text above the old
rows, or a scored answer under the answer box's keys. Frames are recorded as the app
paints them; then the details re-wrap when the pane's width changes, and the footer's
keys come back as they were after the focus has been around the panes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from apphelp import TODAY, flat, screen_text, started, wait_for
from textual.widgets import TextArea

from tui.app.app import OfferApp
from tui.model import Offer
from tui.model.query import keep_matching
from tui.store.offers import OfferStore


class Painted:
    """The screen's text at every frame painted from now on, with `note()` (what the app
    held when it painted it)."""

    def __init__(self, app: OfferApp, note: Callable[[], Any] = lambda: None) -> None:
        self.frames: list[tuple[str, Any]] = []
        screen = app.screen
        paint = screen._compositor_refresh

        def painted() -> None:
            paint()
            self.frames.append((screen_text(app), note()))

        screen._compositor_refresh = painted  # type: ignore[method-assign]


def region(text: str, app: OfferApp, selector: str) -> str:
    box = app.main.query_one(selector).region
    lines = text.splitlines()[box.y : box.bottom]
    return flat("\n".join(line[box.x : box.right] for line in lines))


def under_cursor(app: OfferApp) -> str:
    offer = app.selected()
    return offer.company if offer else ""


async def test_the_details_are_drawn_with_the_move_that_chose_them(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        app.offer_list.table.focus()
        await pilot.pause()
        painted = Painted(app, lambda: under_cursor(app))
        for key in ("down", "down", "up", "down", "down"):
            company, drawn = under_cursor(app), len(painted.frames)
            await pilot.press(key)
            await wait_for(lambda c=company: under_cursor(app) != c, f"{key} moves the cursor")
            await wait_for(lambda n=drawn: len(painted.frames) > n, f"a frame after {key}")
        assert len(painted.frames) >= 5
        for text, company in painted.frames:
            assert company in region(text, app, "#details"), (company, text)


async def test_the_rows_are_drawn_with_the_filter_text_that_chose_them(
    demo_app: OfferApp,
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        tracker = app.offer_list
        await pilot.press("slash")
        painted = Painted(app, lambda: tracker.query_text)
        for key in ("c", "o", "backspace", "n"):
            await pilot.press(key)
        await wait_for(lambda: tracker.query_text == "cn", "the filter typed")
        await wait_for(lambda: painted.frames and painted.frames[-1][1] == "cn", "its frame")
        total = len(app.offers)
        for text, query in painted.frames:
            shown = keep_matching(list(app.offers.values()), query, tracker.index)
            summary = f"{len(shown)} of {total} offers" if query else f"{total} offers"
            assert summary in region(text, app, "#list-summary"), (query, text)


async def test_a_score_is_drawn_with_the_keys_that_act_on_it(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("3")
        area = app.main.query_one("#rh-answer", TextArea)
        await wait_for(lambda: area.has_focus, "the answer box focused")
        area.load_text("Thank you for the offer. I have decided to decline it; no hard feelings.")
        await pilot.pause()
        painted = Painted(app)
        await pilot.press("ctrl+s")
        scored = lambda: [t for t, _ in painted.frames if "/100 ·" in t]  # noqa: E731
        await wait_for(scored, "the score drawn")
        for text in scored():
            footer = text.splitlines()[-1]
            assert "Try again" in footer and "Leave answer" not in footer, footer


async def test_the_details_rewrap_when_the_pane_narrows(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    words = [f"word{n:02d}" for n in range(12)]
    store.add(Offer("Wrapco", "Engineer", location=" ".join(words)))
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(110, 30)) as pilot:
        await started(app, pilot)
        for size in ((110, 30), (84, 30), (120, 30)):
            await pilot.resize_terminal(*size)

            def location() -> str:
                shown = region(screen_text(app), app, "#details")
                return shown if all(w in shown for w in words) else ""

            what = f"every word of the location at {size}"
            await wait_for(location, what, detail=lambda: screen_text(app))


async def test_the_footer_is_the_same_after_the_focus_has_been_around(
    demo_app: OfferApp,
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        app.offer_list.table.focus()
        await pilot.pause()
        first = screen_text(app).splitlines()[-1]
        assert "Add" in first
        for key in ("2", "3", "escape", "slash", "escape"):
            await pilot.press(key)
            await pilot.pause()
        await wait_for(lambda: app.focused is app.offer_list.table, "the list focused")
        await wait_for(lambda: screen_text(app).splitlines()[-1] == first, "the list's keys")


async def test_a_long_offer_scrolls_in_the_details_pane(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    notes = "\n".join(f"note line {n:02d}" for n in range(60))
    store.add(Offer("Longco", "Engineer", notes=notes))
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("enter")  # the details take the keys
        await wait_for(lambda: app.focused is app.main.query_one("#details"), "details focused")
        assert "note line 59" not in region(screen_text(app), app, "#details")
        await pilot.press("end")
        await wait_for(
            lambda: "note line 59" in region(screen_text(app), app, "#details"),
            "the last line shown after End",
            detail=lambda: screen_text(app),
        )
        await pilot.press("home")
        await wait_for(lambda: "Longco" in region(screen_text(app), app, "#details"), "top")
