"""Every screen usable at 80x24: one short message at a time, Help and Quit always in the
footer (and never under the palette hint), form hints in view, and Escape on a changed
form asks before throwing the typing away."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from apphelp import screen_text
from burst import wait_until
from textual.widgets._toast import Toast

from tui.app.app import OfferApp
from tui.app.dialogs import ConfirmScreen
from tui.app.forms import FormScreen
from tui.demo import write_demo

TODAY = dt.date(2026, 11, 23)
SMALL = (80, 24)
HINT = "Enter or ctrl+s saves"


async def started(app: OfferApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: app.loaded and app.panes_ready, "the app loaded")
    await pilot.pause(0.05)


def toasts(app: OfferApp) -> list[str]:
    return [str(t.render()) for t in app.screen.query(Toast)]


def footer(app: OfferApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_a_new_message_replaces_the_one_shown(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("m", "m")  # privacy on and off: two messages
        await wait_until(pilot, lambda: toasts(app), "a message")
        await pilot.press("o", "o", "o")  # three sorts, three more
        await wait_until(
            pilot,
            lambda: [m[:9] for m in app.messages[-3:]] == ["Sorted by"] * 3,
            "three sort messages",
        )
        last = app.messages[-1]
        await wait_until(pilot, lambda: any(last in t for t in toasts(app)), "the last message")
        assert len(toasts(app)) == 1, toasts(app)
        assert last in screen_text(app)


async def test_an_error_is_not_hidden_by_the_routine_message_after_it(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await started(app, pilot)
        app.notify("Disk full: not saved", severity="error", timeout=30)
        app.notify("Sorted by company")
        await wait_until(pilot, lambda: len(toasts(app)) == 2, "both messages")
        app.notify("Sorted by status")
        await wait_until(pilot, lambda: any("status" in t for t in toasts(app)), "the newest")
        shown = toasts(app)
        assert len(shown) == 2 and any("Disk full" in t for t in shown), shown


@pytest.mark.parametrize("size", [SMALL, (100, 30)])
async def test_help_and_quit_stay_in_the_footer_whatever_has_focus(
    data_dir: Path, size: tuple[int, int]
) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        for keys, focus in [
            ((), "offers"),
            (("2",), "checklist-items"),
            (("3",), "rh-answer"),  # q types a q here: ctrl+q quits
            (("escape",), "rehearsal-pane"),
            (("slash",), "filter"),  # a text box too
        ]:
            await pilot.press(*keys)
            await wait_until(pilot, lambda f=focus: app.focused and app.focused.id == f, focus)
            await pilot.pause(0.1)  # the footer recomposes after the focus moves
            line = footer(app)
            assert "f1 Help" in line, (focus, line)
            assert "q Quit" in line, (focus, line)  # "q Quit" or "^q Quit"
            assert line.rstrip().endswith("▏^p palette"), (focus, line)


@pytest.mark.parametrize("key", ["a", "p", "l", "s", "t"])
async def test_form_hints_are_in_view_at_80_by_24(data_dir: Path, key: str) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SMALL) as pilot:
        await started(app, pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await pilot.pause(0.1)
        assert HINT in screen_text(app)


async def test_escape_on_a_changed_form_asks_first(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SMALL) as pilot:
        await started(app, pilot)
        await pilot.press("a", "escape")  # unchanged: just closes
        await wait_until(pilot, lambda: app.screen is app.main, "the form closed")

        await pilot.press("a", *"Acme", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "Discard your changes to Add offer?" in screen_text(app)
        await pilot.press("n")  # keep typing where I was
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form again")
        await pilot.press(*" Robotics", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
        await pilot.press("escape")  # Escape on the question is No
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form kept")
        assert app.screen.values()["company"] == "Acme Robotics"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Added Acme Robotics" in " ".join(app.messages), "saved")

        await pilot.press("a", *"Bolt", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is app.main, "discarded")
    saved = [tomllib.loads(p.read_text()) for p in (data_dir / "offers").glob("*.toml")]
    assert [o["company"] for o in saved] == ["Acme Robotics"]
