"""The Checklists tab through Pilot: ticking, per-person ticks, logs, playbooks offered after
a status change, message templates, and what ends up in the offer's TOML file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from apphelp import fill, flat, screen_text, started, wait_for, wait_for_text
from textual.command import CommandPalette
from textual.widgets import OptionList, TabbedContent

from tui.app import checklist_screens
from tui.app.app import OfferApp
from tui.app.checklist_pane import ChecklistPane
from tui.app.checklist_screens import ChoiceScreen, MessageScreen
from tui.app.dialogs import ConfirmScreen
from tui.demo import write_demo
from tui.model import Offer, Status
from tui.settings import Settings
from tui.store.offers import OfferStore

TODAY = dt.date(2026, 11, 23)
COBALT = "cobalt-systems-backend-j4k5l6"
HARBOR = "harbor-analytics-senior-data-a4b5c6"


# -- helpers -------------------------------------------------------------------------------


def stored(data_dir: Path, offer_id: str) -> dict[str, Any]:
    return tomllib.loads((data_dir / "offers" / f"{offer_id}.toml").read_text())


def done_keys(data_dir: Path, offer_id: str, checklist: str = "decline-gracefully") -> set[str]:
    for progress in stored(data_dir, offer_id).get("checklists", []):
        if progress["checklist"] == checklist:
            return set(progress.get("done", {}))
    return set()


def region_text(app: OfferApp, selector: str = "ChecklistPane") -> str:
    """What the screen shows inside one widget (the pane, or a modal), wrapped lines joined."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return flat("\n".join(line[region.x : region.right] for line in lines))


async def wait_in(app: OfferApp, text: str, selector: str = "ChecklistPane") -> str:
    """Wait until the widget shows `text`; returns what it shows."""

    def shown() -> str:
        region = region_text(app, selector)
        return region if text in region else ""

    return await wait_for(
        shown, f"{text!r} in {selector}", detail=lambda: region_text(app, selector)
    )


async def open_checklists(app: OfferApp, pilot, company: str) -> ChecklistPane:  # type: ignore[no-untyped-def]
    """Filter the tracker to one company, then switch to the Checklists tab (key 2)."""
    await pilot.press("slash", *company.lower(), "enter")
    await wait_for(lambda: len(app.offer_list.shown) == 1, f"filter to {company}")
    await pilot.press("2")
    pane = app.query_one(ChecklistPane)
    await wait_for(lambda: pane.offer is not None and pane.offer.company == company, "pane")
    await wait_for(lambda: isinstance(app.focused, OptionList), "list focused")
    return pane


async def move_to(pilot, pane: ChecklistPane, key: str) -> None:  # type: ignore[no-untyped-def]
    """Press down until the highlighted line is the tick `key` (bounded)."""
    for _ in range(60):
        row = pane.current()
        if row is not None and row.tick is not None and row.tick.key == key:
            return
        await pilot.press("down")
    raise AssertionError(f"no tick {key!r} in the list")


# -- tests ---------------------------------------------------------------------------------


async def test_suggested_playbook_is_labelled_and_ticking_saves_progress(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        text = await wait_in(app, "1/10 done · 7 not needed")  # the call: behind a declined offer
        assert "Decline gracefully" in text
        assert "suggested, not attached: A attaches it" in text
        await move_to(pilot, pane, "decide-promptly")  # not needed: listed last
        text = await wait_in(app, "Not needed: the offer is declined")
        prompt = pane.items.highlighted_option.prompt  # type: ignore[union-attr]
        assert prompt.plain.startswith("[-] Reach a firm answer well before the respond-by")
        assert prompt.plain.endswith("not needed") and "overdue" not in prompt.plain
        assert "checklists" not in stored(data_dir, COBALT)

        await move_to(pilot, pane, "thank-them")
        await pilot.press("space")
        await wait_for(lambda: "thank-them" in done_keys(data_dir, COBALT), "saved")
        text = await wait_in(app, "2/10")
        assert "[x] Thank them for the interviews" in text
        assert "suggested" not in text  # ticking attached it
        assert "Ticked: Thank them" in app.messages[-1]

        await move_to(pilot, pane, "offer-future")
        await pilot.press("enter")  # Enter ticks too
        await wait_for(lambda: len(done_keys(data_dir, COBALT)) == 2, "second tick")
        await wait_in(app, "3/10")

        await move_to(pilot, pane, "give-a-reason")  # a step before the call: not needed
        await pilot.press("space")
        await wait_for(lambda: "Not needed" in app.messages[-1], "explained")
        assert "give-a-reason" not in done_keys(data_dir, COBALT)


async def test_per_person_ticks_are_saved_under_each_person(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await move_to(pilot, pane, "connect@c-tom")
        await wait_in(app, "Tom Reed (recruiter)")
        await pilot.press("space")
        await wait_for(lambda: "connect@c-tom" in done_keys(data_dir, COBALT), "tick")
        assert "connect@c-ana" not in done_keys(data_dir, COBALT)
        assert "connect@c-ana" in {t.key for v in pane.views for t in v.ticks if not t.is_done}
        await wait_in(app, "2/10")


async def test_tick_with_log_adds_an_entry_and_untick_removes_both(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await move_to(pilot, pane, "tell-recruiter@c-tom")
        await pilot.press("space")
        key = "tell-recruiter@c-tom"
        await wait_for(lambda: key in done_keys(data_dir, COBALT), "tick saved")
        [entry] = stored(data_dir, COBALT)["log"]
        assert entry["kind"] == "email" and entry["contact"] == "c-tom"
        assert entry["summary"].startswith("Let the recruiter know personally")
        assert "Ticked and logged (email)" in app.messages[-1]

        await pilot.press("1")  # the log shows on the offer's details
        await wait_in(app, "Let the recruiter know personally", "#details")
        await pilot.press("2", "space")  # focus is back on the same item: untick it
        await wait_for(lambda: key not in done_keys(data_dir, COBALT), "untick saved")
        assert stored(data_dir, COBALT).get("log", []) == []
        assert "removed its log entry" in app.messages[-1]
        await wait_in(app, "1/10")


async def test_note_on_a_tick_is_saved(demo_app: OfferApp, data_dir: Path) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await move_to(pilot, pane, "thank-them")
        await pilot.press("n")
        await wait_in(app, "Note for: Thank them", ".form")
        await fill(pilot, "thanked Ana on the call")
        await pilot.press("enter")

        def note() -> str:
            for progress in stored(data_dir, COBALT).get("checklists", []):
                return progress["done"].get("thank-them", {}).get("note", "")
            return ""

        await wait_for(lambda: note() == "thanked Ana on the call", "note saved")
        await wait_in(app, "note: thanked Ana on the call")


async def test_declining_with_s_attaches_the_playbook_at_once_with_no_form_first(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("slash", *"harbor", "enter")
        await pilot.press("s")
        await wait_for(lambda: app.screen.query("#field-status"), "status form")
        await wait_in(app, "Private note (only for you; never put in a message)", ".form")
        app.screen.query_one("#field-status").value = "declined"  # type: ignore[attr-defined]
        await pilot.press("tab", *"chose Northwind", "enter")
        await wait_for(lambda: "checklists" in stored(data_dir, HARBOR), "attached")
        assert not isinstance(app.screen, ConfirmScreen)  # no question, no told form first
        data = stored(data_dir, HARBOR)
        assert data["status"] == "declined"
        assert "told" not in data
        assert [p["checklist"] for p in data["checklists"]] == ["decline-gracefully"]
        assert app.query_one(TabbedContent).active == "checklists"
        assert "Attached Decline gracefully" in app.messages[-1]
        text = await wait_in(app, "1/9 done · 7 not needed")  # a recruiter only
        assert "suggested" not in text
        assert "[x] Phone the hiring manager yourself, then record what you told them" in text


async def test_reconsidering_with_s_closes_the_decline_and_attaches_the_way_back(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await move_to(pilot, pane, "thank-them")
        await pilot.press("space")  # attaches the decline playbook
        await wait_for(lambda: "thank-them" in done_keys(data_dir, COBALT), "ticked")
        await pilot.press("escape", "s")
        await wait_for(lambda: app.screen.query("#field-status"), "status form")
        await pilot.press("tab", *"their first choice fell through", "enter")  # only choice
        await wait_for(lambda: stored(data_dir, COBALT)["status"] == "reconsidering", "moved")
        data = stored(data_dir, COBALT)
        assert [p["checklist"] for p in data["checklists"]] == [
            "decline-gracefully",
            "go-back-to-declined",
        ]
        decline = data["checklists"][0]["done"]
        assert decline["thank-them"].get("not_needed") is None  # done stays done
        assert decline["tell-them"] == {  # the decline happened: done, when it moved
            "at": dt.datetime(2026, 11, 14, 10, 0),
            "note": "moved to declined",
        }
        assert decline["confirm-in-writing"]["not_needed"] == "the offer is reconsidering now"
        assert "closed as not needed" in app.messages[-1]
        pane = app.query_one(ChecklistPane)
        await wait_for(lambda: len(pane.views) == 2, "both playbooks shown")
        decline = next(v for v in pane.views if v.checklist_id == "decline-gracefully")
        assert decline.overdue == [] and all(t.is_done for t in decline.ticks)
        assert pane.items.get_option_at_index(0).prompt.plain.startswith(  # type: ignore[union-attr]
            "Go back to an offer you declined"
        )  # the playbook with steps still to do comes first


async def test_template_modal_fills_the_message_and_copies_it(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await move_to(pilot, pane, "confirm-in-writing")
        await wait_in(app, "Template: decline-email (T opens it)")
        await pilot.press("T")
        await wait_for(lambda: isinstance(app.screen, MessageScreen), "message")
        text = await wait_in(app, "Subject:", ".page")
        assert "Subject: Backend Engineer offer: thank you, and my answer" in text
        assert "Dear Ana," in text
        assert "offer at Cobalt Systems" in text
        assert "Still to fill in: [your name]" in text
        await pilot.press("y")
        await wait_for(lambda: "Cobalt Systems" in app.clipboard, "copied")
        assert app.clipboard.startswith("Subject: Backend Engineer offer")
        assert app.messages[-1] == "Copied"
        await pilot.press("escape")
        await wait_for(lambda: not isinstance(app.screen, MessageScreen), "closed")


async def test_template_chooser_and_editing_before_copying(
    demo_app: OfferApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_editor(app: object, text: str, suffix: str = ".txt", *, served: bool) -> str:
        assert not served
        return text.replace("[your name]", "Alex Doe")

    monkeypatch.setattr(checklist_screens, "edit_in_editor", fake_editor)
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await move_to(pilot, pane, "thank-them")  # no template of its own
        await pilot.press("T")
        await wait_for(lambda: isinstance(app.screen, ChoiceScreen), "chooser")
        await wait_in(app, "Email: confirming you are declining", ".form")
        for _ in range(10):
            if "Email: confirming" in str(app.screen.query_one(OptionList).highlighted_option):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, MessageScreen), "message")
        await pilot.press("E")
        text = await wait_in(app, "Alex Doe", ".page")
        assert "Every value is filled in." in text
        assert "edited" in text
        await pilot.press("y")
        await wait_for(lambda: "Alex Doe" in app.clipboard, "edited text copied")


async def test_editor_is_unavailable_in_a_served_session(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(Settings(data_dir, served=True), today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await move_to(pilot, pane, "confirm-in-writing")
        await pilot.press("T")
        await wait_for(lambda: isinstance(app.screen, MessageScreen), "message")
        await pilot.press("E")
        await wait_for(lambda: "editor is unavailable" in "".join(app.messages[-1:]), "notice")
        assert isinstance(app.screen, MessageScreen)  # still open, text unchanged
        await wait_in(app, "[your name]", ".page")


async def test_overdue_items_are_flagged(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        pane = await open_checklists(app, pilot, "Cobalt Systems")
        await wait_in(app, "3 overdue")
        await move_to(pilot, pane, "confirm-in-writing")
        text = await wait_in(app, "When: within 48h of decision (Mon 16 Nov 10:00, overdue 7d)")
        assert "⚠ overdue 7d" in text  # declined 9 days ago at 10:00; due within 48h
        prompt = pane.items.highlighted_option.prompt  # type: ignore[union-attr]
        red = [prompt.plain[sp.start : sp.end] for sp in prompt.spans if "red" in str(sp.style)]
        assert red == ["⚠\xa0overdue\xa07d"]  # in red, kept on one line


async def test_attach_and_detach_with_the_keys(demo_app: OfferApp, data_dir: Path) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await open_checklists(app, pilot, "Cobalt Systems")
        await pilot.press("A")
        await wait_for(lambda: isinstance(app.screen, ChoiceScreen), "chooser")
        await wait_in(app, "Decline gracefully suggested", ".form")
        await pilot.press("enter")  # the suggested one comes first
        await wait_for(lambda: "checklists" in stored(data_dir, COBALT), "attached")
        await wait_for(lambda: "suggested" not in region_text(app), "shown attached")
        await pilot.press("X")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), "confirm")
        await wait_in(app, "Detach Decline gracefully from Cobalt Systems?", ".form")
        await pilot.press("y")
        await wait_for(lambda: "checklists" not in stored(data_dir, COBALT), "detached")
        await wait_in(app, "suggested, not attached")


async def test_no_fitting_checklist_lists_all_to_attach(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = Offer("Zephyr Works", "Analyst", status=Status.EXPIRED)
    store.add(offer)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await open_checklists(app, pilot, "Zephyr Works")
        text = await wait_in(app, "No checklist fits a expired offer")
        assert "Back out of an accepted offer" in text and "Be certain before" in text
        await pilot.press("enter")  # attaches the highlighted one (alphabetical first)
        await wait_for(lambda: "checklists" in stored(data_dir, offer.id), "attached")
        assert stored(data_dir, offer.id)["checklists"][0]["checklist"] == "back-out-of-accepted"
        await wait_in(app, "Back out of an accepted offer")


async def test_no_offer_selected_says_what_to_do(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("2")
        text = await wait_in(app, "No offer selected")
        assert "Pick one in the list on the left" in text


async def test_hostile_checklist_text_is_shown_literally(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    (data_dir / "checklists").mkdir(exist_ok=True)
    (data_dir / "checklists" / "mine.toml").write_text(
        'id = "decline-gracefully"\n'
        'title = "[bold red]Mine[/]"\n'
        'for_status = ["declined"]\n'
        "[[item]]\n"
        'id = "step"\n'
        'text = "[bold red]Call them\\u001b[31m now"\n'
        'why = "[link=https://evil.example]because[/link]"\n'
    )
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await open_checklists(app, pilot, "Cobalt Systems")
        text = await wait_in(app, "[bold red]Mine[/]")
        assert "[ ] [bold red]Call them␛[31m now" in text
        assert "Why: [link=https://evil.example]because[/link]" in text
        assert "\x1b" not in screen_text(app)


async def test_pane_actions_are_in_the_palette(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Tick checklist item", "Attach checklist", "Open message template"} <= titles
        await pilot.press("slash", *"cobalt", "enter")
        await pilot.press("ctrl+p")
        await wait_for(lambda: isinstance(app.screen, CommandPalette), "the command palette")
        await pilot.press(*"Attach checklist")
        await wait_for_text(pilot, app, "Attach another checklist")  # the match, with its help
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, ChoiceScreen), "chooser")
        assert app.query_one(TabbedContent).active == "checklists"


async def test_fits_80_by_24(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await open_checklists(app, pilot, "Cobalt Systems")
        text = await wait_in(app, "7 not needed")
        assert "Decline gracefully" in text and "1/10" in text
        assert "Why:" in text  # the focused item's detail below the list
        assert "Tick" in screen_text(app).splitlines()[-1]  # the pane's keys in the footer
