"""Every tab, modal and notification of the app over the hostile corpus (a hostile string
in every text field of an offer, its contacts, log, what-I-told-them, checklist notes and
rehearsal answers): the text the screen writes to the terminal holds no raw control
character, and the data still shows (visibly)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from apphelp import screen_text, wait_for
from hostile_corpus import CORPUS, raw_controls, write_corpus
from textual import events
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, Select

from tui.app.app import OfferApp
from tui.app.rehearsal_pane import RehearsalPane
from tui.app.rehearsal_picker import QuestionPicker
from tui.model import Offer
from tui.model.visible import visible
from tui.store.offers import OfferStore

pytestmark = pytest.mark.slow

TODAY = dt.date(2026, 11, 23)
SIZE = (120, 50)
# Every string goes through the list, details and the three tabs; these (between them every
# kind of character: C0, ESC sequences, DEL, NUL, C1, bidi, markup, newline) through every
# form and dialog too, which cost a second or two each to open on a loaded machine.
IN_EVERY_MODAL = {"everything", "rich-markup", "textual-action", "multi-line"}


def terminal_text(app: OfferApp) -> str:
    """The text (not the escape codes Textual adds for colour and position) that a full
    redraw of the current screen, with the screens under a modal, writes to the terminal."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    strips = getattr(update, "strips", [])
    return "".join(
        segment.text
        for line in strips
        for strip in line
        for segment in strip
        if not segment.control
    )


class Views:
    def __init__(self, app: OfferApp, pilot: Pilot[None]) -> None:
        self.app, self.pilot = app, pilot
        self.checked: dict[str, list[str]] = {}
        self.toasts = 0

    async def check(self, name: str) -> str:
        await self.pilot.pause()
        text = terminal_text(self.app)
        self.checked[name] = raw_controls(text)
        return text

    async def until(self, condition, what: str) -> None:  # type: ignore[no-untyped-def]
        await wait_for(condition, what, detail=lambda: screen_text(self.app))

    async def modal(self, name: str, *keys: str) -> str:
        await self.pilot.press(*keys)
        await self.until(lambda: isinstance(self.app.screen, ModalScreen), f"{name} opens")
        return await self.check(name)

    async def close(self) -> None:
        await self.pilot.press("escape")
        await self.until(lambda: not isinstance(self.app.screen, ModalScreen), "modal closes")


async def select(views: Views, offer: Offer) -> None:
    table = views.app.offer_list.table
    table.move_cursor(row=table.get_row_index(offer.id))
    await views.until(
        lambda: (
            views.app.selected() is offer
            or (views.app.selected() is not None and views.app.selected().id == offer.id)
        ),
        f"{offer.id} selected",
    )


async def sweep_tabs(views: Views, offer: Offer, n: int) -> None:
    """The list, the offer's details, its checklists (two items open) and its rehearsal."""
    app, pilot = views.app, views.pilot
    await select(views, offer)
    await pilot.press("1")
    details = await views.check(f"{n} list and details")
    assert visible(offer.location).split("\n")[0][:12] in details  # shown, made visible
    await pilot.press("2")
    await views.until(lambda: app.checklist_pane.items.option_count > 0, "checklist items")
    await views.check(f"{n} checklists tab")
    for row in (1, 2):
        app.checklist_pane.items.highlighted = row
        await views.check(f"{n} checklist item {row}")
    await pilot.press("3")
    await views.until(lambda: app.query_one(RehearsalPane).session is not None, "rehearsal")
    await views.check(f"{n} rehearsal tab")
    app.query_one(RehearsalPane).focus()
    await pilot.press("1")


async def sweep_modals(views: Views, offer: Offer, n: int) -> None:
    """Every form and dialog that shows the offer's data, and a scored rehearsal answer."""
    app, pilot = views.app, views.pilot
    await select(views, offer)
    await pilot.press("1")
    for name, key in (("edit", "e"), ("status", "s"), ("told", "t"), ("delete", "D")):
        await views.modal(f"{n} {name} form", key)
        await views.close()
    await views.modal(f"{n} log form", "l")
    app.screen.query_one("#field-contact", Select).expanded = True
    await views.check(f"{n} log form, people list open")
    await pilot.press("escape")
    await views.close()
    await pilot.press("2")
    await views.until(lambda: app.checklist_pane.items.option_count > 0, "checklist items")
    app.checklist_pane.items.focus()
    app.checklist_pane.items.highlighted = 1
    await views.modal(f"{n} checklist note form", "n")
    await views.close()
    await views.modal(f"{n} template dialog", "T")
    await views.close()
    await views.modal(f"{n} attach a checklist", "A")
    await views.close()
    await pilot.press("3")
    await views.until(lambda: app.query_one(RehearsalPane).session is not None, "rehearsal")
    pane = app.query_one(RehearsalPane)
    pane.focus()
    await pilot.press("ctrl+l")
    await views.until(lambda: isinstance(app.screen, QuestionPicker), "the question list")
    await views.check(f"{n} question list")
    await views.close()
    pane.area.load_text(f"Thank you; I decided to decline. {offer.role}")  # as if pasted
    await views.check(f"{n} answer typed")
    pane.focus()
    await pilot.press("ctrl+g", "ctrl+s")  # the model answer shown, then the score
    round_ = pane.session.round if pane.session else None
    await views.until(lambda: round_ is not None and round_.submitted, "the score")
    for part in ("#rh-result", "#rh-model"):
        pane.scroll_to_widget(app.query_one(part), animate=False)
        await views.check(f"{n} rehearsal result {part}")
    await pilot.press("escape", "1")


async def notifications(views: Views, offers: list[Offer]) -> None:
    """Saving, changing status and deleting: each says so in a toast that names the offer."""
    app, pilot = views.app, views.pilot
    toasted = [o for o in offers if o.id.split("-", 2)[2] in IN_EVERY_MODAL]
    for n, offer in enumerate(toasted + offers[:3]):
        await select(views, offer)
        await views.modal(f"{n} status form to save", "s")
        before = len(app.messages)
        await pilot.press("ctrl+s")
        await views.until(lambda: len(app.messages) > before, "toast")  # noqa: B023
        shown = await views.check(f"{n} status toast")
        if "[bold red]LOUD[/]" in offer.company:  # markup in a toast stays text
            assert "[bold red]LOUD[/] [link=https://evil.example]click[/link]" in shown
        if isinstance(app.screen, ModalScreen):  # what I told them / attach the checklist
            await views.check(f"{n} after status")
            await views.close()
    await select(views, offers[-1])
    await views.modal("delete question", "D")
    await pilot.press("y")
    await views.until(lambda: any("Deleted" in m for m in app.messages), "deleted toast")
    await views.check("delete toast")


async def test_every_view_over_the_corpus(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offers = write_corpus(data_dir)
    broken = data_dir / "offers" / "\x1b]0;HOSTILE-NAME\x07.toml"  # named in the problems
    broken.write_text('company = "x"\nstatus = "\\u001b]0;HOSTILE-TITLE\\u0007"\n')
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        views = Views(app, pilot)
        await views.until(lambda: app.loaded and app.panes_ready, "loaded")
        for n, offer in enumerate(offers):
            await sweep_tabs(views, offer, n)
        for n, offer in enumerate(offers):
            if offer.id.split("-", 2)[2] in IN_EVERY_MODAL:
                await sweep_modals(views, offer, n)
        for offer in offers:
            await select(views, offer)
            await pilot.press("space")
        await views.modal("compare", "c")
        await views.close()
        problems = await views.modal("file problems", "exclamation_mark")
        assert "␛]0;HOSTILE-NAME␇.toml" in problems
        await views.close()
        await pilot.press("m")
        await views.check("privacy mode")
        await views.modal("help", "question_mark")
        await views.close()
        leaks = {name: found for name, found in views.checked.items() if found}
        assert leaks == {}
        await notifications(views, offers)
    leaks = {name: found for name, found in views.checked.items() if found}
    assert leaks == {}
    with capsys.disabled():
        print(
            f"\nhostile app: {len(CORPUS)} hostile strings, {len(views.checked)} screens "
            "checked, 0 raw control characters"
        )


async def test_a_form_keeps_untouched_values_and_pasted_text_shows_visibly(
    data_dir: Path,
) -> None:
    """The edit form shows the company made visible; saved without touching it, the file
    keeps the exact bytes. Text pasted into a field or the filter shows visibly too."""
    offers = write_corpus(data_dir)
    offer = offers[0]  # company: OSC 0 title change
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        views = Views(app, pilot)
        await views.until(lambda: app.loaded, "loaded")
        await select(views, offer)
        shown = await views.modal("edit form", "e")
        assert "␛]0;HOSTILE-TITLE␇ co0" in shown
        role = app.screen.query_one("#field-role", Input)
        role.focus()
        role.value = ""
        role.post_message(events.Paste("Lead\x1b]52;c;SE9TVElMRQ==\x07 engineer\nignored"))
        await views.until(lambda: role.value.startswith("Lead"), "the paste")
        assert role.value == "Lead␛]52;c;SE9TVElMRQ==␇ engineer"
        await views.check("edit form after a paste")
        await pilot.press("ctrl+s")
        await views.until(lambda: not isinstance(app.screen, ModalScreen), "saved")
        app.query_one("#filter", Input).post_message(events.Paste("co\x9b2J"))
        await views.until(lambda: app.query_one("#filter", Input).value != "", "filter paste")
        assert app.query_one("#filter", Input).value == "co\\u009b2J"
        await views.check("filter after a paste")
    stored = OfferStore(data_dir).load_all().offers[offer.id]
    assert stored.company == offer.company  # the raw bytes, untouched
    assert stored.location == offer.location
    assert stored.role == "Lead␛]52;c;SE9TVElMRQ==␇ engineer"  # what was seen is saved
    assert {name: found for name, found in views.checked.items() if found} == {}
