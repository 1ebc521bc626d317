"""Typeahead through Pilot: whole forms sent as one burst (no waiting between keys) land in
their own fields, never in the list underneath, where letters are bindings."""

from __future__ import annotations

import asyncio
import datetime as dt
import tomllib
from pathlib import Path

from burst import paste, send, typed, wait_until
from textual.app import App, ComposeResult
from textual.widgets import Input

from tui.app.app import OfferApp
from tui.app.dialogs import ConfirmScreen
from tui.app.typeahead import _busy
from tui.demo import write_demo

TODAY = dt.date(2026, 11, 23)
SIZE = (120, 35)
ANSWER = (
    "Thank you for taking my call. Declining was my decision and I stand by how I did it, "
    "but the team I chose to stay with was dissolved last month. "
)


def offers(data_dir: Path) -> dict[str, dict]:
    return {p.stem: tomllib.loads(p.read_text()) for p in (data_dir / "offers").glob("*.toml")}


def attempts(data_dir: Path) -> list[dict]:
    return [
        attempt
        for path in sorted((data_dir / "attempts").glob("*.toml"))
        for attempt in tomllib.loads(path.read_text()).get("attempt", [])
    ]


async def started(app: OfferApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: app.loaded and app.panes_ready, "the app loaded")
    await pilot.pause(0.05)


async def settled(app: OfferApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: not app.typeahead_pending, "every typed key handled")


async def test_five_whole_add_offer_forms_in_one_burst(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        keys: list[str] = []
        for n in range(1, 6):
            keys += typed("a", f"Burst {n} Labs", ["tab"], f"Role {n}", ["enter"])
        send(app, keys)
        await wait_until(pilot, lambda: len(offers(data_dir)) == 11, "five offers added")
        await settled(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
    added = {o["company"]: o["role"] for o in offers(data_dir).values()}
    for n in range(1, 6):
        assert added[f"Burst {n} Labs"] == f"Role {n}"
    assert len(added) == 11  # the six demo offers untouched: no D, s or e reached the list


async def test_keys_typed_while_the_app_starts_wait_for_it(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        send(app, typed("a", "Early Labs", ["tab"], "Early Role", ["enter"], "3", "Thank you"))
        await wait_until(pilot, lambda: len(offers(data_dir)) == 7, "the offer saved")
        await wait_until(pilot, lambda: not app.typeahead_pending, "every key handled")
        assert app.query_one("#rh-answer").text == "Thank you"  # type: ignore[attr-defined]
    early = [o for o in offers(data_dir).values() if o["company"] == "Early Labs"]
    assert [o["role"] for o in early] == ["Early Role"]


async def test_text_right_after_tab_goes_to_the_next_field(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("a")  # the form is open and focused: only Tab then text race
        await wait_until(pilot, lambda: isinstance(app.focused, Input), "the form")
        send(app, typed("Acme Robotics", ["tab"], "Robotics Engineer", ["enter"]))
        await wait_until(pilot, lambda: offers(data_dir), "the offer saved")
    [offer] = offers(data_dir).values()
    assert (offer["company"], offer["role"]) == ("Acme Robotics", "Robotics Engineer")


async def test_person_log_and_what_i_told_them_forms_in_one_burst(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        offer_id = app.offer_list.current_id()
        assert offer_id is not None
        before = offers(data_dir)[offer_id]
        send(
            app,
            typed(
                "p", "Dana Ruiz", ["enter"],  # a person: D, a, n would be bindings on the list
                "l", ["tab", "tab"], "Called Dana about the delay", ["enter"],
                "t", "Declined: the travel does not work for me", ["enter"],
            ),
        )  # fmt: skip
        await wait_until(pilot, lambda: offers(data_dir)[offer_id].get("told"), "told saved")
        await settled(app, pilot)
    after = offers(data_dir)[offer_id]
    assert [c["name"] for c in after["contacts"]][-1] == "Dana Ruiz"
    assert after["log"][-1]["summary"] == "Called Dana about the delay"
    assert after["told"]["reason"] == "Declined: the travel does not work for me"
    assert after["status"] == before["status"] and len(offers(data_dir)) == 6


async def test_an_answer_typed_ahead_and_a_paste_arrive_whole(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(160, 60)) as pilot:
        await started(app, pilot)
        send(app, typed("3", ANSWER))  # the tab opens and focuses the answer box in between
        await wait_until(
            pilot, lambda: app.focused is not None and app.focused.id == "rh-answer", "answer box"
        )
        pasted = ("I would love to talk about the role if it is still open. " * 40)[:2000]
        paste(app, pasted)
        send(app, ["ctrl+s"])
        await wait_until(pilot, lambda: attempts(data_dir), "the scored attempt saved")
    [attempt] = attempts(data_dir)
    assert attempt["answer"] == ANSWER + pasted


async def test_filter_box_takes_letters_that_are_bindings_on_the_list(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        send(app, typed("/", "harbor"))  # a adds, r reloads, o sorts on the list
        await wait_until(pilot, lambda: app.offer_list.table.row_count == 1, "one match")
        await settled(app, pilot)
        assert app.query_one("#filter", Input).value == "harbor"
        assert app.screen is app.main and "Sorted by" not in " ".join(app.messages)


async def test_delete_is_never_confirmed_by_keys_typed_before_it_asked(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        victim = app.offer_list.current_id()
        send(app, typed("Daisy"))  # meant for a field that is not open: D asks to delete
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await settled(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert victim in offers(data_dir)
        await pilot.press("y")  # typed after the question appeared: that is an answer
        await wait_until(pilot, lambda: victim not in offers(data_dir), "the offer deleted")


async def test_keys_typed_for_a_form_that_did_not_open_never_reach_the_list(
    data_dir: Path,
) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"Acme", "enter")
        await wait_until(pilot, lambda: offers(data_dir), "Acme added")
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "delete asked")
        await pilot.press("y")
        await wait_until(pilot, lambda: not offers(data_dir), "Acme deleted")
        # No offer is selected, so p (add a person) is refused; the name typed for it
        # holds u, which would undo the delete if it reached the list.
        send(app, typed("p", "Dana Ruiz u", ["enter"]))
        await wait_until(pilot, lambda: "Select an offer first" in " ".join(app.messages), "no")
        await settled(app, pilot)
        await pilot.press("m", "m")  # keys typed after the refusal work as usual
        assert app.messages[-1] == "Privacy mode off"
        assert not offers(data_dir) and app.screen is app.main


class _Slow(App[None]):
    """A widget stuck in the middle of a message is busy even with an empty queue."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Input(id="slow")

    async def on_input_changed(self) -> None:
        await self.gate.wait()


async def test_a_pump_handling_a_message_counts_as_busy() -> None:
    """Guards the Textual internals `_busy` reads (textual is pinned to 8.2.x)."""
    app = _Slow()
    async with app.run_test() as pilot:
        field = app.query_one(Input)
        await pilot.pause()
        assert not _busy(field) and not _busy(app)
        field.value = "x"
        await wait_until(pilot, lambda: _busy(app), "the app waiting inside a handler")
        app.gate.set()
        await wait_until(pilot, lambda: not _busy(app), "the app idle again")


async def test_a_warning_from_the_loader_keeps_the_keys_typed_meanwhile(data_dir: Path) -> None:
    """Only a key's own refusal drops typeahead: the loader's "Permissions repaired" warning
    (a data folder others could read) landing while a `q` waits must not swallow it."""
    write_demo(data_dir, TODAY)
    data_dir.chmod(0o755)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")  # typed while the app is still loading
        await wait_until(pilot, lambda: app.return_code is not None, "the app quitting on q")
    assert any("readable by others" in m for m in app.messages)
