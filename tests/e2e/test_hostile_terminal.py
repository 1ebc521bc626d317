"""In a real terminal (tmux), hostile text in the data cannot retitle the window, write the
clipboard (OSC 52), ring the bell or clear the screen: it shows as visible characters."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
from hostile_corpus import CORPUS, QUESTION, write_corpus

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


# -- the whole corpus, the views the issue named, and the command line ---------------------


def _title_and_buffers(term: TmuxSession) -> tuple[str, str, str]:
    shown = tmux(term, "display-message", "-p", "-t", term.target, "#{pane_title}|#{window_name}")
    title, _, window = shown.stdout.strip().partition("|")
    return title, window, tmux(term, "list-buffers").stdout.strip()


def _untouched(term: TmuxSession, where: str) -> None:
    title, window, buffers = _title_and_buffers(term)
    assert "HOSTILE" not in title and "HOSTILE" not in window, f"{where}: {title!r} {window!r}"
    assert buffers == "", f"{where}: the clipboard was written: {buffers!r}"


def _dismiss(term: TmuxSession, marker: str) -> None:
    """Escape, again if need be: a guarded dialog (delete) drops a key that it reads
    before it has marked itself painted, which under load can be after tmux shows it."""
    for _ in range(5):
        term.send_keys("Escape")  # what follows waits for the app to have read it
        try:
            term.wait_gone(marker, timeout=4)
            return
        except AssertionError:
            continue
    term.wait_gone(marker, timeout=1)


def _views_of(term: TmuxSession, company_tag: str) -> int:
    """Select the offer whose company ends with `company_tag`; open what the issue named
    (rehearsal tab, question list, edit, status, told and log forms) and the rest. A key
    followed by a wait for what it opens is sent without `press`'s pause."""
    term.press("/")
    term.type(company_tag)
    term.press("Enter")
    term.wait_for(company_tag)
    term.send_keys("2")
    term.wait_for("Decline gracefully", timeout=20)
    _untouched(term, f"{company_tag} checklists")
    term.send_keys("3")
    term.wait_for("Interviewer:", timeout=20)
    _untouched(term, f"{company_tag} rehearsal tab")
    views = 2
    term.send_keys("C-l")
    term.wait_for("Choose a question", timeout=20)
    _untouched(term, f"{company_tag} question list")
    _dismiss(term, "Choose a question")
    term.send_keys("Escape")  # out of the answer box, so keys are not typed into it
    term.wait_gone("Leave answer", timeout=20)
    term.press("1")
    modals = [
        ("e", "Company *"),
        ("s", "Move from declined"),
        ("t", "The reason I gave"),
        ("l", "Summary *"),
        ("D", "A copy is kept"),
    ]
    for key, marker in modals:
        term.send_keys(key)
        term.wait_for(marker, timeout=20)
        _untouched(term, f"{company_tag} after {key}")
        _dismiss(term, marker)
        views += 1
    return views + 1


def test_the_corpus_in_tmux_with_clipboard_and_rename_on(tmp_path: Path) -> None:
    data = tmp_path / "data"
    offers = write_corpus(data)
    with TmuxSession(app_argv(data), size=(120, 40)) as term:
        tmux(term, "set-option", "-g", "allow-rename", "on")
        tmux(term, "set-option", "-g", "set-clipboard", "on")
        term.wait_for("20 offers", timeout=30)
        _untouched(term, "the list")
        views = 1
        for index in (len(offers) - 1, 0, 2, 4):  # everything, osc0, ESC k, osc52
            views += _views_of(term, f"co{index}")
        term.press("q")
        assert term.wait_exit(timeout=15) == 0
        _untouched(term, "after quitting")
    print(f"\nhostile tmux: {len(CORPUS)} strings on the list, {views} views checked")


def test_the_command_line_in_tmux(tmp_path: Path) -> None:
    data = tmp_path / "data"
    offers = write_corpus(data)
    cli = shlex.join(app_argv(data))
    fresh = shlex.join(app_argv(tmp_path / "fresh"))
    exported = tmp_path / "all.json"
    ident = offers[-1].id
    script = "; ".join(
        [
            f"{cli} export --format csv",
            f"{cli} export --format json",
            f"{cli} checklist {ident}",
            f"{cli} template decline-email --offer {ident}",
            f"echo 'Thank you, I decline.' | {cli} score --question {QUESTION} --offer {ident}",
            f"{cli} export --format json > {shlex.quote(str(exported))}",
            f"{fresh} import {shlex.quote(str(exported))}",
            "echo ALL-DONE",
        ]
    )
    with TmuxSession(["sh", "-c", script], size=(200, 50)) as term:
        tmux(term, "set-option", "-g", "allow-rename", "on")
        term.wait_for("ALL-DONE", timeout=60)
        _untouched(term, "the command line")
    assert len(offers) == len(CORPUS)
