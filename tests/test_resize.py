"""Resizes keep your place: the selected offer, the open tab, the focus, the list's scroll
position and whatever is typed survive any sequence of sizes, across the narrow layout
(below 70 columns) both ways."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apphelp import screen_text
from burst import wait_until
from textual.widgets import Input

from tui.app.app import OfferApp
from tui.app.forms import FormScreen
from tui.demo import write_demo
from tui.model import Offer
from tui.store.offers import OfferStore

TODAY = dt.date(2026, 11, 23)
WIDE = (120, 35)
SIZES = [(40, 12), WIDE, (69, 24), (71, 24), (40, 12), (80, 24), (69, 30), WIDE]


async def started(app: OfferApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: app.loaded and app.panes_ready, "the app loaded")


async def resize(pilot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    await pilot.resize_terminal(*size)
    await wait_until(pilot, lambda: pilot.app.size == size, f"the app at {size}")
    await pilot.pause()


async def test_the_selected_offer_stays_selected(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("down")
        second = app.offer_list.current_id()
        assert second is not None and second != app.offer_list.shown[0]
        for size in SIZES:
            await resize(pilot, size)
            assert app.offer_list.current_id() == second, size
        await wait_until(pilot, lambda: f"id {second}" in screen_text(app), "its details shown")


async def test_the_tab_focus_and_typed_answer_stay(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("down", "3")
        await wait_until(pilot, lambda: app.focused and app.focused.id == "rh-answer", "answer")
        await pilot.press(*"Thank you for")
        selected = app.offer_list.current_id()
        for size in SIZES:
            await resize(pilot, size)
            assert app.side.active == "rehearsal", size
            assert app.focused is not None and app.focused.id == "rh-answer", size
            assert app.focused.display and app.main.query_one("#side").display, size
            assert app.offer_list.current_id() == selected, size
        await pilot.press(*" your time")
        assert app.query_one("#rh-answer").text == "Thank you for your time"  # type: ignore[attr-defined]


async def test_a_pane_focused_in_the_wide_layout_is_shown_when_narrow(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("2", "escape", "tab", "tab")  # the checklist, reached with Tab
        await wait_until(pilot, lambda: app.focused and app.focused.id == "checklist-items", "x")
        for size in SIZES:
            await resize(pilot, size)
            assert app.focused is not None and app.focused.id == "checklist-items", size
            assert app.side.active == "checklists", size
            assert app.main.query_one("#side").display, size


async def test_the_list_keeps_its_scroll_position(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    for n in range(40):
        store.add(Offer(f"Company {n:02d}", f"Role {n}"))
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        table = app.offer_list.table
        await pilot.press(*["down"] * 25, *["up"] * 10)
        await wait_until(pilot, lambda: table.scroll_y > 0, "the list scrolled")
        selected, scrolled = app.offer_list.current_id(), table.scroll_y
        for size in [(100, 35), (71, 35), (69, 35), (40, 35), WIDE]:  # the row stays in view
            await resize(pilot, size)
            assert app.offer_list.current_id() == selected, size
            assert table.scroll_y == scrolled, size
        await resize(pilot, (40, 12))  # too short: the list scrolls just enough to show it
        row = table.cursor_row * 2
        assert table.scroll_y <= row < table.scroll_y + table.scrollable_content_region.height
        assert app.offer_list.current_id() == selected


async def test_a_half_filled_form_keeps_its_fields(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=WIDE) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"Acme", "tab", *"Staff")
        for size in SIZES:
            await resize(pilot, size)
            assert isinstance(app.screen, FormScreen), size
            assert app.screen.values()["company"] == "Acme", size
            assert isinstance(app.focused, Input) and app.focused.id == "field-role", size
        await pilot.press(*" Engineer")
        assert app.screen.values()["role"] == "Staff Engineer"
