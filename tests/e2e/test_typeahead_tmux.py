"""Typeahead and resizes in a real terminal (tmux at 120x35, three offers): whole forms sent
as one `send-keys` each, without waiting for the form to open; a 2 KB paste into the answer
box; and resize sequences that must not move the selection."""

from __future__ import annotations

import re
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from e2e.conftest import app_argv
from e2e.tmux import TmuxSession
from tui.model import Offer
from tui.store.offers import OfferStore

pytestmark = pytest.mark.e2e

SIZE = (120, 35)
START = 30.0  # seconds: first screen on a loaded 2-core machine
DONE = 30.0  # seconds for a burst's effect to reach the disk
THREE = [("Acme Robotics", "Robotics Engineer"), ("Bolt Labs", "SRE"), ("Cedar", "Designer")]


def offers(data_dir: Path) -> list[dict]:
    return [tomllib.loads(p.read_text()) for p in sorted((data_dir / "offers").glob("*.toml"))]


def wait_disk(check: Callable[[], object], what: str, term: TmuxSession) -> None:
    deadline = time.monotonic() + DONE
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never on disk: {what}; screen:\n{term.capture()}")
        time.sleep(0.1)


def three_offers(data_dir: Path) -> list[str]:
    store = OfferStore(data_dir)
    store.ensure()
    ids = []
    for company, role in THREE:
        offer = Offer(company, role)
        store.add(offer)
        ids.append(offer.id)
    return ids


@contextmanager
def started(data_dir: Path) -> Iterator[TmuxSession]:
    with TmuxSession(app_argv(data_dir), size=SIZE) as term:
        term.wait_until(lambda s: "3 offers" in s and "Quit" in s, START, "the list of three")
        yield term


def test_five_add_offer_forms_each_one_send_keys(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    three_offers(data_dir)
    with started(data_dir) as term:
        for n in range(1, 6):
            term.send_keys("a", f"Burst {n} Labs", "Tab", f"Role {n}", "Enter")
        wait_disk(lambda: len(offers(data_dir)) == 8, "eight offers", term)
        term.wait_for("8 offers", 10)
        term.send_keys("q")
        assert term.wait_exit(15) == 0
    saved = {o["company"]: o["role"] for o in offers(data_dir)}
    assert saved == {**dict(THREE), **{f"Burst {n} Labs": f"Role {n}" for n in range(1, 6)}}


def test_keys_typed_while_the_app_starts(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    three_offers(data_dir)
    with TmuxSession(app_argv(data_dir), size=SIZE) as term:
        # Sent before the first screen: the app holds them until it is up. (Not Enter:
        # until the app puts the terminal in raw mode, the tty turns it into ctrl+j.)
        term.send_keys("a", "Early Labs", "Tab", "Early Role")
        # (The tty echoes them until the app starts: wait for the form itself.)
        term.wait_until(lambda s: "Add offer" in s and "Early Role" in s, START, "the form")
        term.send_keys("Enter", "3", "Thank you for taking my call")
        term.wait_for("Thank you for taking my call", 20)
        wait_disk(lambda: len(offers(data_dir)) == 4, "the early offer", term)
        term.press("Escape")
        term.send_keys("q")
        assert term.wait_exit(15) == 0
    assert {o["company"]: o["role"] for o in offers(data_dir)}["Early Labs"] == "Early Role"


def test_person_log_told_and_three_thousand_characters_of_typeahead(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    three_offers(data_dir)
    company, role = "Dana Enterprises " * 8, "Principal Engineer " * 8  # 136 and 152 chars
    notes = ("She said the team would wait for my answer until Friday. " * 50)[:2700]
    with started(data_dir) as term:
        term.send_keys("p", "Dana Ruiz", "Enter")
        term.send_keys("l", "Tab", "Tab", "Called Dana about the delay", "Enter")
        term.send_keys("t", "The travel does not work for me", "Enter")
        # One burst of about 3,000 characters over three fields of the add-offer form.
        term.send_keys("a", company, "Tab", role, *["Tab"] * 14, notes, "Enter")
        wait_disk(lambda: len(offers(data_dir)) == 4, "the fourth offer", term)
        term.send_keys("q")
        assert term.wait_exit(15) == 0
    by_company = {o["company"]: o for o in offers(data_dir)}
    added = by_company[company.strip()]
    assert (added["role"], added["notes"]) == (role.strip(), notes.strip())
    first = next(o for o in by_company.values() if o.get("contacts"))
    assert [c["name"] for c in first["contacts"]] == ["Dana Ruiz"]
    assert first["log"][0]["summary"] == "Called Dana about the delay"
    assert first["told"]["reason"] == "The travel does not work for me"


def test_a_two_kilobyte_paste_into_the_answer_box_arrives_whole(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    three_offers(data_dir)
    answer = ("Thank you for taking my call; I would love to talk if the role is open. " * 30)[
        :2048
    ]
    with started(data_dir) as term:
        term.send_keys("3")
        term.paste(answer)  # straight after the key that opens the tab and focuses the box
        term.wait_for("I would love to talk if", 20)
        term.send_keys("C-s")
        term.wait_for(re.compile(r"Score \d+/100"), 20)
        attempts = data_dir / "attempts"
        wait_disk(lambda: list(attempts.glob("*.toml")), "the attempt", term)
        term.press("Escape")
        term.send_keys("q")
        assert term.wait_exit(15) == 0
    [path] = attempts.glob("*.toml")
    [attempt] = tomllib.loads(path.read_text())["attempt"]
    assert attempt["answer"] == answer


def shown(screen: str) -> str | None:
    """The company whose details are shown (their heading: "Bolt Labs — SRE")."""
    return next((c for c, role in THREE if f"{c} — {role}" in screen), None)


def test_resizes_keep_the_selected_offer(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    three_offers(data_dir)
    with started(data_dir) as term:
        first = shown(term.wait_until(shown, 10, "the details"))
        term.send_keys("Down")
        second = shown(term.wait_until(lambda s: shown(s) not in (None, first), 10, "second"))
        for cols, rows in [(40, 12), SIZE, (69, 24), (71, 24), (40, 12), (80, 24), SIZE]:
            term.resize(cols, rows)
            term.wait_until(lambda s, r=rows: len(s.splitlines()) <= r and "3 offers" in s, 10)
            if cols >= 70:  # the details are beside the list
                term.wait_until(lambda s: shown(s) == second, 10, f"{second} at {cols}")
        term.send_keys("e")  # the edit form opens for the offer still selected
        term.wait_for(f"Edit {second}", 10)
        term.press("Escape")
        term.send_keys("q")
        assert term.wait_exit(15) == 0
