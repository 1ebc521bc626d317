"""Keys sent to the app the way a terminal delivers a burst: all at once, without waiting for
the app between them (Pilot's `press` waits for the app to go idle after every key)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from waiting import wait_for

# Pilot-style key names for the characters a burst may carry.
CHARACTERS = {"tab": "\t", "enter": "\r", "escape": "\x1b", "space": " "}
DEADLINE = 30.0  # seconds: generous for a loaded 2-core machine


def key_event(key: str) -> events.Key:
    """`key` is one character ("D", "/") or a key name ("tab", "enter", "ctrl+s")."""
    if len(key) == 1:
        name = key if key.isalnum() else _character_to_key(key)
        return events.Key(name, key)
    return events.Key(key, CHARACTERS.get(key))


def send(app: App, keys: Iterable[str]) -> None:
    """Queue every key at once, as the terminal driver would for one read."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)


def paste(app: App, text: str) -> None:
    """A bracketed paste: one event carrying the whole text."""
    driver = app._driver
    assert driver is not None
    event = events.Paste(text)
    event.set_sender(app)
    driver.send_message(event)


def typed(*parts: str | list[str]) -> list[str]:
    """Keys from text and key lists: typed("Acme", ["tab"], "Engineer", ["enter"])."""
    keys: list[str] = []
    for part in parts:
        keys.extend(part if isinstance(part, list) else list(part))
    return keys


async def wait_until(pilot, check: Callable[[], object], what: str) -> None:  # type: ignore[no-untyped-def]
    """`waiting.wait_for` with this module's longer deadline and the screen as detail."""
    from apphelp import screen_text

    await wait_for(check, what, DEADLINE, lambda: screen_text(pilot.app))
