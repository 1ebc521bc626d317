"""Typeahead: every key lands where it was aimed, however fast the keys arrive.

Textual hands each key to the widget focused *when the app reads the key*, but what a key
does happens later, in other message queues: Tab moves focus only once it has bubbled up to
the screen's binding, and a binding that opens a form returns long before the form has
mounted and focused its first field. Keys read in between (a fast typist, a paste, a burst
over SSH) go to the field that had focus, or to the screen underneath, where letters are
bindings.

`Typeahead` (mixed into the App) holds every key and paste from the terminal in one queue and
releases them one at a time, each only once the app has settled: every message queue of the
app and of the screen on top is empty, and nothing waits to run after the next refresh. So a
key typed after the one that opens a form goes to the form's first field, and text typed
after Tab goes to the next field.

Keys typed while the app starts wait until it is up (`typeahead_ready`): a key aimed at a
pane still being mounted would otherwise reach the list.

A refused action (a warning or an error) drops the keys typed ahead of it: they were meant
for a form that did not open (`drop_typeahead`).

A screen whose answer must never come from typeahead (a confirmation that deletes or
discards) sets `GUARD_TYPEAHEAD = True`: keys typed before it appeared are dropped, not
delivered to it.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App

    _Host = App[Any]
else:
    _Host = object

# Events from the terminal that are aimed at the focused widget, in the order typed.
HELD = (events.Key, events.Paste)
# Yield to the event loop this many times while the app is busy before sleeping between
# checks, so a long burst does not keep a core busy on a loaded machine.
SPINS = 20
POLL = 0.002
# A handler that keeps the app busy this long (seconds) does not hold keys back forever,
# nor does an app that takes this long to start.
GIVE_UP = 5.0
STARTING = 60.0


def _busy(pump: MessagePump) -> bool:
    """Whether `pump` has messages waiting, is handling one, or has callbacks to run next.

    Reads Textual 8.2 internals (pinned in pyproject; tests/test_typeahead.py checks them):
    a running pump that is not waiting on its queue's ready event is in the middle of a
    message (or of the idle work after one)."""
    if not pump._running:
        return False
    queue: Any = pump._message_queue  # textual._queue.Queue, typed loosely there
    waiting = bool(getattr(queue.ready_event, "_waiters", True))
    return (
        not queue.empty()
        or not waiting
        or pump._pending_message is not None
        or bool(pump._next_callbacks)
    )


def _types(event: events.Event) -> bool:
    """A printable key: in a text field it only inserts text, so it moves no focus."""
    return isinstance(event, events.Key) and event.is_printable


def _takes_text(widget: Widget | None) -> bool:
    # TextArea is imported only once some pane uses one: the first frame needs none. The
    # load worker may be importing it right now (a partly run module has no TextArea yet,
    # and then no TextArea exists to type into).
    text_area = getattr(sys.modules.get("textual.widgets._text_area"), "TextArea", None)
    kinds = (Input, text_area) if text_area else (Input,)
    return isinstance(widget, kinds)


def shown_at(screen: Screen[Any]) -> float | None:
    """When a guarded screen was mounted (monotonic seconds), once it has been painted;
    None until then. Keys read before that time were typed ahead of it."""
    value = getattr(screen, "_typeahead_shown_at", None)
    return value if isinstance(value, float) else None


class Typeahead(_Host):
    """Mixed into the App: holds terminal keys and releases them once the app has settled."""

    _held: deque[events.Event]
    _releasing: set[int]  # ids of the events handed back to the app, not yet handled
    _wake: asyncio.Event
    _released: asyncio.Event
    _typeahead_started: bool
    _in_flight: bool  # a released key's doings have not settled yet

    def _typeahead_state(self) -> None:
        if not hasattr(self, "_held"):
            self._held = deque()
            self._releasing = set()
            self._wake = asyncio.Event()
            self._released = asyncio.Event()
            self._typeahead_started = False
            self._in_flight = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, HELD) and not event.is_forwarded:
            self._typeahead_state()
            if id(event) not in self._releasing:
                self._hold(event)
                return
            try:
                await super().on_event(event)
            finally:
                self._releasing.discard(id(event))
                if not self._releasing:
                    self._released.set()
            return
        await super().on_event(event)

    def _hold(self, event: events.Event) -> None:
        self._held.append(event)
        self._wake.set()
        if not self._typeahead_started:
            self._typeahead_started = True
            self.run_worker(self._release_keys(), name="typeahead", group="typeahead")

    @property
    def typeahead_pending(self) -> int:
        """Keys and pastes read from the terminal but not yet handed to a widget."""
        self._typeahead_state()
        return len(self._held) + len(self._releasing)

    async def _release_keys(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            typing_into: Widget | None = None
            while self._held:
                if typing_into is not None and self.focused is typing_into:
                    batch = self._typing_run()
                else:
                    batch = []
                if not batch:
                    await self._settled()
                    self._in_flight = False
                    if not self._held:  # dropped meanwhile (`drop_typeahead`)
                        continue
                    event = self._held.popleft()
                    if self._typed_too_early(event):
                        continue
                    batch = [event]
                await self._release(batch)
                typing_into = self.focused if _types(batch[-1]) else None
                if not _takes_text(typing_into):
                    typing_into = None
            await self._settled()
            self._in_flight = False

    def _typing_run(self) -> list[events.Event]:
        """The printable keys at the head of the queue: text for the focused field, which
        can be handed over together (each inserts text and moves no focus)."""
        run: list[events.Event] = []
        while self._held and _types(self._held[0]):
            run.append(self._held.popleft())
        return run

    async def _release(self, batch: list[events.Event]) -> None:
        """Hand `batch` back to the app, in order, and wait until it has handled them all;
        `on_event` handles them in the app's own task, like any key."""
        self._releasing = {id(event) for event in batch}
        self._in_flight = True
        self._released.clear()
        for event in batch:
            self.post_message(event)
        await self._released.wait()

    def _typed_too_early(self, event: events.Event) -> bool:
        """Keys typed before a guarded screen appeared are not its answer: drop them."""
        if not self._screen_stack:
            return False
        screen = self.screen
        if not getattr(screen, "GUARD_TYPEAHEAD", False):
            return False
        shown = shown_at(screen)
        if shown is not None and event.time < shown:
            self.bell()
            return True
        return False

    @property
    def handling_key(self) -> bool:
        """Whether a key or paste from the terminal has been handed over and what it does
        has not settled yet (so what happens now is that key's doing, not the loader's or
        a timer's)."""
        self._typeahead_state()
        return self._in_flight

    def drop_typeahead(self) -> int:
        """Drop the keys read before now and not yet handed over: they were typed for
        something that was just refused (a form that did not open), and on the screen
        underneath letters are bindings. Returns how many were dropped."""
        self._typeahead_state()
        now = time.monotonic()
        kept = [event for event in self._held if event.time >= now]
        dropped = len(self._held) - len(kept)
        if dropped:
            self._held = deque(kept)
            self.bell()
        return dropped

    def typeahead_ready(self) -> bool:
        """Whether the app is up enough to take keys (the App may say not yet, while it
        is still mounting what the keys are aimed at)."""
        return True

    async def _settled(self) -> None:
        """Wait until the app is ready and every message queue of the app and its top
        screen is empty."""
        start = time.monotonic()
        while not self.typeahead_ready() and time.monotonic() - start < STARTING:
            await asyncio.sleep(POLL * 5)
        start = time.monotonic()
        spins = 0
        while not self._is_settled():
            if time.monotonic() - start > GIVE_UP:
                self.log.warning("typeahead: the app stayed busy; releasing a key anyway")
                return
            spins += 1
            await asyncio.sleep(0 if spins < SPINS else POLL)

    def _is_settled(self) -> bool:
        if _busy(self) or not self._screen_stack:
            return False
        screen = self.screen
        if not screen.is_mounted or screen._callbacks:
            return False
        if getattr(screen, "GUARD_TYPEAHEAD", False) and shown_at(screen) is None:
            return False
        return not any(_busy(node) for node in screen.walk_children(with_self=True))


class GuardedScreen:
    """Mixed into a Screen whose answer must not come from typeahead (see module doc)."""

    GUARD_TYPEAHEAD = True

    def _typeahead_painted(self) -> None:
        # The time it was mounted, not painted: a key read after the paint but before this
        # callback ran (a loaded machine) was typed at the visible dialog and must count.
        self._typeahead_shown_at = self._typeahead_opened_at

    def on_mount(self) -> None:
        assert isinstance(self, Screen)
        self._typeahead_opened_at = time.monotonic()
        self.call_after_refresh(self._typeahead_painted)
