"""The three stories of issue 16, acted out end to end through the app (Pilot): decline an
offer gracefully; back out of an accepted one; go back to a declined one. Each step asserts
what the person sees and, where it changes, what is in the offer's file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from apphelp import flat, screen_text, wait_for
from textual.widgets import OptionList, TabbedContent

from tui.app.app import OfferApp
from tui.app.checklist_pane import ChecklistPane
from tui.app.checklist_screens import ChoiceScreen, MessageScreen
from tui.app.forms import FormScreen
from tui.content.checklists import load_checklists
from tui.content.progress import view
from tui.model import (
    ChecklistProgress,
    Contact,
    ContactRole,
    Handling,
    ItemDone,
    Offer,
    Status,
    ToldThem,
)
from tui.settings import Settings
from tui.store.offers import OfferStore

TODAY = dt.date.today()
ME = "Sam Rivera"


# -- helpers -------------------------------------------------------------------------------


def on_disk(data_dir: Path, offer_id: str) -> dict[str, Any]:
    return tomllib.loads((data_dir / "offers" / f"{offer_id}.toml").read_text())


def done_of(data: dict[str, Any], checklist: str) -> dict[str, Any]:
    for progress in data.get("checklists", []):
        if progress["checklist"] == checklist:
            return dict(progress.get("done", {}))
    return {}


def app_for(data_dir: Path, *offers: Offer) -> OfferApp:
    store = OfferStore(data_dir)
    store.ensure()
    for offer in offers:
        store.add(offer)
    return OfferApp(Settings(data_dir=data_dir, my_name=ME, sign_off="Warm wishes"))


def seen(app: OfferApp, selector: str) -> str:
    """What one widget (or the open modal) shows, wrapped lines joined."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return flat("\n".join(line[region.x : region.right] for line in lines))


async def shows(pilot, app: OfferApp, text: str, selector: str = "ChecklistPane") -> str:  # type: ignore[no-untyped-def]
    return await wait_for(
        lambda: seen(app, selector) if text in seen(app, selector) else "",
        f"{text!r} in {selector}",
        detail=lambda: seen(app, selector),
    )


async def select(pilot, app: OfferApp, company: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for(lambda: app.loaded and app.panes_ready, "the app to load")
    await pilot.press("slash", *company.lower(), "enter")
    await wait_for(lambda: len(app.offer_list.shown) == 1, f"the list filtered to {company}")


async def highlight(pilot, pane: ChecklistPane, key: str) -> None:  # type: ignore[no-untyped-def]
    """Press down (or up) until the highlighted step is `key`."""
    for direction in ("down", "up"):
        for _ in range(40):
            row = pane.current()
            if row is not None and row.tick is not None and row.tick.key == key:
                return
            await pilot.press(direction)
    raise AssertionError(f"no step {key!r} in the list")


async def intend(pilot, app: OfferApp, words: str) -> ChecklistPane:  # type: ignore[no-untyped-def]
    """Press i, type what goes into messages, save; the Checklists tab opens."""
    await pilot.press("i")
    await wait_for(lambda: isinstance(app.screen, FormScreen), "the intent form")
    await pilot.press(*words, "ctrl+s")
    await wait_for(lambda: app.query_one(TabbedContent).active == "checklists", "the playbook")
    pane = app.query_one(ChecklistPane)
    await wait_for(lambda: isinstance(app.focused, OptionList), "the steps focused")
    return pane


async def record(pilot, app: OfferApp, pane: ChecklistPane, **values: str) -> str:  # type: ignore[no-untyped-def]
    """Space on the tell-them step, set the form's fields, save; returns the form's text."""
    await highlight(pilot, pane, "tell-them")
    await pilot.press("space")
    await wait_for(lambda: isinstance(app.screen, FormScreen), "the record form")
    form = seen(app, ".form")
    for key, value in values.items():
        app.screen.query_one(f"#field-{key}").value = value  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")
    await wait_for(lambda: not isinstance(app.screen, FormScreen), "the form to close")
    return form


async def open_message(pilot, app: OfferApp) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("T")
    await wait_for(lambda: isinstance(app.screen, MessageScreen), "the message")
    return await shows(pilot, app, "Filled in (underlined)", ".page")


# -- 1. decline gracefully -----------------------------------------------------------------


def acme() -> Offer:
    offer = Offer(
        "Acme Robotics",
        "Staff Engineer",
        id="acme-robotics-staff-a1a1a1",
        received=TODAY - dt.timedelta(days=3),
        deadline=TODAY + dt.timedelta(days=5),
    )
    offer.contacts += [
        Contact("Dana Ruiz", ContactRole.HIRING_MANAGER, id="dana"),
        Contact("Tom Reed", ContactRole.RECRUITER, id="tom"),
    ]
    return offer


async def test_story_decline_gracefully(data_dir: Path) -> None:
    offer = acme()
    app = app_for(data_dir, offer)
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, app, "acme")
        await pilot.press("2")
        await shows(pilot, app, "i: intend to decline")

        # I say what I intend: the playbook is there at once, before any conversation
        pane = await intend(pilot, app, "I have accepted a role closer to home")
        text = await shows(pilot, app, "(moves to declined when you record the call)")
        assert "you intend to decline" in text
        assert "Decline gracefully" in text
        assert "[ ] Test the no before you give it" in text  # being certain comes first
        data = on_disk(data_dir, offer.id)
        assert data["status"] == "received"
        assert data["intent"]["kind"] == "decline"
        assert data["intent"]["reason"] == "I have accepted a role closer to home"
        assert "told" not in data
        assert [p["checklist"] for p in data["checklists"]] == ["decline-gracefully"]
        steps = [t.item.id for t in pane.views[0].ticks]
        assert steps.index("rehearse-call") < steps.index("read-script") < steps.index("tell-them")

        # rehearse the call from its step
        await highlight(pilot, pane, "rehearse-call")
        await shows(pilot, app, "Rehearse: decline-offer (R)")
        await pilot.press("R")
        tabs = app.query_one(TabbedContent)
        await wait_for(lambda: tabs.active == "rehearsal", "the Rehearsal tab")
        session = app.rehearsal_pane.session
        await wait_for(lambda: session.round and session.round.question.id == "decline-offer", "q")
        await pilot.press("escape", "2")
        await wait_for(lambda: isinstance(app.focused, OptionList), "back on the steps")

        # the script before the call, filled from what I mean to say, each value marked
        await highlight(pilot, pane, "read-script")
        page = await open_message(pilot, app)
        assert "Hi Dana, it's Sam Rivera." in page
        assert "The main reason is I have accepted a role closer to home." in page
        assert "{reason} ← What I intend: the reason I'll give them" in page
        assert "{my_name} ← Settings: my_name" in page
        await pilot.press("escape")

        # the call happened: recording it is the playbook's step, and it moves the status
        form = await record(pilot, app, pane, notes="Dana was gracious; asked to stay in touch")
        assert "The reason I gave them * (goes into messages)" in form
        assert "I have accepted a role closer to home" in form  # prefilled from the intent
        await wait_for(lambda: on_disk(data_dir, offer.id)["status"] == "declined", "declined")
        assert "Recorded what you told them and logged the call" in app.messages[-1]
        assert "closed as not needed" in app.messages[-1]
        text = await shows(pilot, app, "Acme Robotics declined")
        assert "[x] Phone the hiring manager yourself" in text
        step = pane.current()  # what comes next is highlighted: the written confirmation
        assert step is not None and step.tick is not None
        assert step.tick.item.id == "confirm-in-writing"

        data = on_disk(data_dir, offer.id)
        assert data["told"]["reason"] == "I have accepted a role closer to home"
        assert data["told"]["notes"] == "Dana was gracious; asked to stay in touch"
        [entry] = data["log"]
        assert entry["kind"] == "call" and entry["contact"] == "dana"
        done = done_of(data, "decline-gracefully")
        assert done["tell-them"]["note"] == "by phone"
        # before the respond-by date: no longer due once declined
        assert done["decide-promptly"]["not_needed"] == "the offer is declined now"
        assert [h["to"] for h in data["history"]] == ["declined"]

        # then the written confirmation, which logs an email
        await highlight(pilot, pane, "confirm-in-writing")
        page = await open_message(pilot, app)
        assert "{sign_off} ← Settings: sign_off" in page
        assert app.screen.text.endswith("Warm wishes,\nSam Rivera\n")  # type: ignore[attr-defined]
        await pilot.press("escape", "space")
        await wait_for(lambda: len(on_disk(data_dir, offer.id)["log"]) == 2, "the email logged")
        await pilot.press("1")
        await shows(pilot, app, "Told Dana Ruiz: declined. I said: I have accepted", "#details")


# -- 2. back out of an accepted offer ------------------------------------------------------


def lumen() -> Offer:
    offer = Offer(
        "Lumen Labs",
        "Engineering Manager",
        id="lumen-labs-em-b2b2b2",
        received=TODAY - dt.timedelta(days=20),
        start_date=TODAY + dt.timedelta(days=14),
    )
    offer.compensation.sign_on = 20_000
    offer.compensation.sign_on_clawback = "repay in full if I leave within a year"
    offer.contacts.append(Contact("Jo Park", ContactRole.HIRING_MANAGER, id="jo"))
    offer.move_to(Status.ACCEPTED, dt.datetime.combine(TODAY, dt.time(9)) - dt.timedelta(days=12))
    return offer


async def test_story_back_out_of_an_accepted_offer(data_dir: Path) -> None:
    offer = lumen()
    app = app_for(data_dir, offer)
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, app, "lumen")
        pane = await intend(pilot, app, "my partner's job is moving us to another city")
        text = await shows(pilot, app, "you intend to back out")
        assert "Back out of an accepted offer" in text
        assert "[ ] Make sure backing out is really what you want" in text
        assert on_disk(data_dir, offer.id)["status"] == "accepted"

        # the contract check, and advice the article does not give is marked as ours
        await highlight(pilot, pane, "check-money-back")
        text = await shows(pilot, app, "Source: our advice (offer-tui), not from an article")
        await highlight(pilot, pane, "tell-them")
        text = await shows(pilot, app, "Face to face is best; if a call feels too hard")
        assert "a letter is acceptable" in text
        tell = pane.current().tick.item.text  # type: ignore[union-attr]
        assert "in person if you can or by phone" in tell
        assert "Record it: space asks what you told them and moves the offer to backed-out" in text

        await record(pilot, app, pane, channel="in-person")
        await wait_for(lambda: on_disk(data_dir, offer.id)["status"] == "backed-out", "moved")
        text = await shows(pilot, app, "Lumen Labs backed-out")
        assert "logged the meeting" in app.messages[-1]

        data = on_disk(data_dir, offer.id)
        assert data["told"]["channel"] == "in-person"
        assert data["told"]["reason"] == "my partner's job is moving us to another city"
        [entry] = data["log"]
        assert entry["kind"] == "meeting" and entry["contact"] == "jo"
        done = done_of(data, "back-out-of-accepted")
        for step in ("sleep-on-it", "rehearse-call", "read-script"):
            assert done[step]["not_needed"] == "the offer is backed-out now", step
        assert "not_needed" not in done.get("check-contract", {})  # still worth doing


# -- 3. go back to a declined one ----------------------------------------------------------

PRIVATE = "their other candidate fell through, Tom let slip"


def quill(decided: dt.datetime) -> Offer:
    offer = Offer(
        "Quill & Co",
        "Platform Lead",
        id="quill-co-platform-c3c3c3",
        received=TODAY - dt.timedelta(days=40),
    )
    offer.contacts.append(Contact("Marta Okafor", ContactRole.HIRING_MANAGER, id="marta"))
    offer.move_to(Status.DECLINED, decided, PRIVATE)
    offer.told = ToldThem("I took a counter-offer", handling=Handling.LONG_DELAY)
    # the decline's playbook, with one follow-up still open
    offer.checklists.append(
        ChecklistProgress("decline-gracefully", decided, {"thank-them": ItemDone(decided)})
    )
    return offer


async def test_story_go_back_to_a_declined_offer(data_dir: Path) -> None:
    decided = dt.datetime.combine(TODAY, dt.time(9)) - dt.timedelta(days=30)
    offer = quill(decided)
    checklists = load_checklists(None).items
    before = view(offer, "decline-gracefully", checklists, decided + dt.timedelta(days=30))
    assert [t.key for t in before.ticks if not t.is_done and t.item.id == "stay-in-touch"]
    app = app_for(data_dir, offer)
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, app, "quill")
        await pilot.press("i")
        form = await shows(pilot, app, "What I'll say changed (goes into messages)", ".form")
        assert "I intend to go back and ask for the job: Quill & Co" in form
        await pilot.press(*"the role I stayed for was scaled down", "ctrl+s")
        await wait_for(lambda: app.query_one(TabbedContent).active == "checklists", "playbook")
        pane = app.query_one(ChecklistPane)
        text = await shows(pilot, app, "Go back to an offer you declined")
        assert "[ ] Write down why you said no the first time" in text

        # the script follows how the no was handled (badly: a long delay), filled only from
        # what is written for the employer: the private note never reaches it
        await highlight(pilot, pane, "tell-them")
        await pilot.press("T")
        await wait_for(lambda: isinstance(app.screen, ChoiceScreen), "a choice of scripts")
        choices = seen(app, ".form")
        assert "after a no handled badly" in choices and "after a clean no" not in choices
        await pilot.press("enter")
        page = await shows(pilot, app, "Filled in (underlined)", ".page")
        assert "what has changed for me: the role I stayed for was scaled down." in page
        assert "{what_changed} ← What I intend: what I'll say changed" in page
        assert PRIVATE not in page
        await pilot.press("escape")

        form = await record(pilot, app, pane, channel="video", notes="Marta will ask the team")
        assert "What I said changed * (goes into messages)" in form
        await wait_for(lambda: on_disk(data_dir, offer.id)["status"] == "reconsidering", "moved")
        await shows(pilot, app, "Quill & Co reconsidering")

        data = on_disk(data_dir, offer.id)
        assert data["intent"]["what_changed"] == "the role I stayed for was scaled down"
        assert data["history"][-1]["note"] == "Marta will ask the team"  # private, kept
        [entry] = data["log"]
        assert entry["kind"] == "call" and entry["contact"] == "marta"
        assert "asked to be reconsidered" in entry["summary"]
        # the decline's open follow-ups are closed, with the reason; the done one stays done
        decline = done_of(data, "decline-gracefully")
        assert decline["stay-in-touch"]["not_needed"] == "the offer is reconsidering now"
        assert "not_needed" not in decline["thank-them"]
        go_back = done_of(data, "go-back-to-declined")
        assert go_back["revisit-why"]["not_needed"] == "the offer is reconsidering now"
        assert go_back["tell-them"]["note"] == "by video"
        assert "overdue" not in seen(app, "#checklist-progress")


async def test_t_while_intending_records_the_call_through_the_playbook_step(
    data_dir: Path,
) -> None:
    offer = acme()
    app = app_for(data_dir, offer)
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, app, "acme")
        await intend(pilot, app, "I have accepted a role closer to home")
        await pilot.press("escape", "t")  # from the list, not the playbook
        form = await shows(pilot, app, "moves the offer to declined", ".form")
        assert "I have accepted a role closer to home" in form
        await pilot.press("ctrl+s")
        await wait_for(lambda: on_disk(data_dir, offer.id)["status"] == "declined", "declined")
        data = on_disk(data_dir, offer.id)
        assert data["told"]["reason"] == "I have accepted a role closer to home"
        assert done_of(data, "decline-gracefully")["tell-them"]["note"] == "by phone"
        assert [e["kind"] for e in data["log"]] == ["call"]
