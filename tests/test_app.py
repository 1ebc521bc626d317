"""The tracker through Textual's Pilot: what a person does, and what ends up on disk."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from apphelp import fill, screen_text, started, wait_for, wait_for_text

from tui.app.app import OfferApp
from tui.demo import write_demo
from tui.store.offers import OfferStore

TODAY = dt.date(2026, 11, 23)


def offer_files(data_dir: Path) -> dict[str, dict]:
    return {p.stem: tomllib.loads(p.read_text()) for p in (data_dir / "offers").glob("*.toml")}


async def test_add_offer_status_log_and_quit_leaves_everything_on_disk(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await fill(pilot, "Acme", "Platform Engineer", "Berlin")
        await pilot.press("enter")
        await pilot.pause()
        [stored] = offer_files(data_dir).values()
        assert (stored["company"], stored["role"], stored["location"]) == (
            "Acme",
            "Platform Engineer",
            "Berlin",
        )

        await pilot.press("s")  # status form: first choice is "negotiating"
        await pilot.press("tab", *"asked for more", "enter")
        await pilot.pause()
        await pilot.press("l")
        await pilot.press("tab", "tab", *"Called the recruiter", "enter")
        await pilot.pause()
        assert "negotiating" in screen_text(app)
        await pilot.press("q")
    [stored] = offer_files(data_dir).values()
    assert stored["status"] == "negotiating"
    assert stored["history"][0]["note"] == "asked for more"
    assert stored["log"][0]["summary"] == "Called the recruiter"


async def test_declining_moves_at_once_and_t_still_edits_what_i_told_them(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("slash", *"harbor", "enter")
        await pilot.press("s")
        status = app.screen.query_one("#field-status")
        status.value = "declined"
        await pilot.press("tab", *"chose Northwind", "enter")
        await wait_for_text(pilot, app, "Decline gracefully")  # the playbook, no form first
        assert "What I told" not in screen_text(app)
        await pilot.press("escape", "t")
        await wait_for_text(pilot, app, "What I told")
        await fill(pilot, "The commute would not work for me")
        await pilot.press("ctrl+s")
        await pilot.press("1")
        await wait_for_text(pilot, app, "The commute would not work for me")
    stored = offer_files(data_dir)["harbor-analytics-senior-data-a4b5c6"]
    assert stored["status"] == "declined"
    assert stored["told"]["reason"] == "The commute would not work for me"


async def test_filter_narrows_the_list_as_you_type(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        assert app.offer_list.table.row_count == 6
        await pilot.press("slash", *"robot")
        await pilot.pause()
        assert app.offer_list.table.row_count == 1
        assert "1 of 6 offers" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"declined")
        await pilot.pause()
        assert [app.offers[i].company for i in app.offer_list.shown] == ["Cobalt Systems"]


async def test_sorted_by_deadline_with_flags(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        first_three = [app.offers[i].company for i in app.offer_list.shown[:3]]
        assert first_three == ["Fjord Labs", "Northwind Health", "Harbor Analytics"]
        text = screen_text(app)
        assert "today" in text and "in 2d" in text


async def test_user_text_is_shown_literally(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    from tui.model import Offer

    store.add(Offer("[bold red]X", "[link=https://evil.example]click[/link]"))
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        text = screen_text(app)
        assert "[bold red]X" in text
        assert "[link=https://evil.example]click" in text


async def test_delete_asks_first_and_keeps_a_copy(demo_app: OfferApp, data_dir: Path) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        victim = app.offer_list.current_id()
        await pilot.press("delete")
        await pilot.press("n")
        assert victim in offer_files(data_dir)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert victim not in offer_files(data_dir)
        assert app.offer_list.table.row_count == 5
    assert list((data_dir / "backups" / "deleted").glob(f"{victim}.*.toml"))


async def test_compare_shows_marked_offers_side_by_side(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("down", "space", "down", "space", "c")
        await pilot.pause()
        text = screen_text(app)
        assert "Comparing 2 offers" in text
        assert "235,000 USD" in text and "199,000 USD" in text  # yearly of both


async def test_privacy_mode_masks_salaries(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("down")
        assert "185,000 USD" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "185,000" not in text and "•••" in text


async def test_edit_elsewhere_is_not_overwritten(demo_app: OfferApp, data_dir: Path) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        offer_id = app.offer_list.current_id()
        path = data_dir / "offers" / f"{offer_id}.toml"
        path.write_text(path.read_text().replace("Fjord Labs", "Fjord Labs (edited)"))
        await pilot.press("l")
        await pilot.press("tab", "tab", *"my call", "enter")
        await wait_for(
            lambda: "was changed in another window or program" in app.messages[-1],
            "the save refused as a conflict",
        )
        assert "Fjord Labs (edited)" in path.read_text()
        assert "my call" not in path.read_text()
        assert app.offers[offer_id].company == "Fjord Labs (edited)"


async def test_broken_file_is_listed_and_the_rest_still_works(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    bad = data_dir / "offers" / "broken-abc123.toml"
    bad.write_text('company = "Oops"\nrole = [\n')
    before = bad.read_bytes()
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        assert app.offer_list.table.row_count == 6
        await wait_for_text(pilot, app, "broken-abc123.toml:3:1")
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "is not valid TOML" in screen_text(app)
    assert bad.read_bytes() == before


async def test_every_action_is_in_help_and_palette(data_dir: Path) -> None:
    from tui.actions import ACTIONS, PALETTE_SCOPES

    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(160, 100)) as pilot:  # the whole help page on one screen
        await started(app, pilot)
        await wait_for(lambda: app.panes_ready, "the panes to be mounted")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {a.title for a in ACTIONS if a.palette and a.scope in PALETTE_SCOPES} <= titles
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        for action in ACTIONS:
            assert action.id in text
        assert "checklist.tick" in text  # pane keys are listed too


async def test_works_at_80_by_24(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        text = await wait_for_text(pilot, app, "Quit")
        assert "Fjord Labs" in text and "today" in text  # list row and its countdown
        assert "Respond by" in text  # details pane beside it
        assert "Quit" in text  # footer
