"""In a real terminal (tmux), hostile text in the data cannot retitle the window, write the
clipboard (OSC 52), ring the bell or clear the screen: it shows as visible characters."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from e2e.conftest import app_argv
from e2e.tmux import TmuxSession
from tui.model import Contact, ContactRole, Offer
from tui.store.offers import OfferStore

pytestmark = pytest.mark.e2e

COMPANY = "\x1b]2;PWNED\x07Evil\x1b]52;c;cHduZWQ=\x07Co"
NOTES = "\x1b[2J\x1b[Hwiped \x07\x07 [bold red]loud[/]"


def tmux(term: TmuxSession, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", term.socket, *args], capture_output=True, text=True, timeout=10, check=False
    )


def test_hostile_text_stays_text_in_a_real_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = OfferStore(data)
    store.ensure()
    offer = Offer(COMPANY, "Role", notes=NOTES)
    offer.contacts.append(Contact("\x1b]52;c;aGk=\x07Mallory", ContactRole.RECRUITER))
    store.add(offer)
    with TmuxSession(app_argv(data), size=(100, 30)) as term:
        term.wait_for("Evil", timeout=20)
        term.wait_for("wiped", timeout=10)
        screen = term.capture()
        assert "␛]2;PWNED␇Evil" in screen
        assert "[bold red]loud[/]" in screen
        title = tmux(term, "display-message", "-p", "-t", term.target, "#{pane_title}").stdout
        assert "PWNED" not in title
        buffers = tmux(term, "list-buffers").stdout
        assert buffers.strip() == "", f"the clipboard was written: {buffers!r}"
        term.send_keys("q")
        assert term.wait_exit(timeout=10) == 0
