"""What clients may hold at once: session slots (server-wide and per key), connections
per key, and the idle clock of a running session.

Counters drop a key as soon as it holds nothing, so nothing of a client is kept after it
leaves.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable

from tui.serve.config import Limits
from tui.serve.ptychild import PtyChild


class Sessions:
    """Session slots, connection counts, and every live child so shutdown can end them."""

    def __init__(self, limits: Limits, kill_grace: float) -> None:
        self.limits = limits
        self.kill_grace = kill_grace
        self.per_key: Counter[str] = Counter()
        self.connections: Counter[str] = Counter()
        self.logging_in = 0  # connections not yet authenticated
        self.children: set[PtyChild] = set()

    @property
    def open(self) -> int:
        return self.per_key.total()

    def take_slot(self, key: str) -> str | None:
        """Reserve a session slot for `key`, or say why not."""
        if self.open >= self.limits.max_sessions:
            return "the practice server is full right now; please try again later"
        if self.per_key[key] >= self.limits.max_sessions_per_key:
            return (
                f"this key already has {self.per_key[key]} sessions open "
                f"(the most one key may hold); close one first"
            )
        self.per_key[key] += 1
        return None

    def free_slot(self, key: str) -> None:
        _decrement(self.per_key, key)

    def add_connection(self, key: str) -> bool:
        if self.connections[key] >= self.limits.max_connections_per_key:
            return False
        self.connections[key] += 1
        return True

    def drop_connection(self, key: str) -> None:
        _decrement(self.connections, key)

    async def close_all(self) -> None:
        await asyncio.gather(*(c.terminate(self.kill_grace) for c in list(self.children)))


def _decrement(counter: Counter[str], key: str) -> None:
    counter[key] -= 1
    if counter[key] <= 0:
        del counter[key]


class IdleClock:
    """Time since the client last typed or resized; warns once, then says time is up.

    `on_warn(seconds_left)` runs when the silence reaches `limits.warn_after`;
    `on_back()` runs at the first input after a warning.
    """

    def __init__(
        self,
        limits: Limits,
        on_warn: Callable[[int], None],
        on_back: Callable[[], None],
    ) -> None:
        self.limits = limits
        self._on_warn = on_warn
        self._on_back = on_back
        self._loop = asyncio.get_running_loop()
        self.last_input = self._loop.time()
        self.warned = False

    def touch(self) -> None:
        self.last_input = self._loop.time()
        if self.warned:
            self.warned = False
            self._on_back()

    async def expired(self) -> None:
        """Returns once the session has been silent for `limits.idle_timeout` seconds."""
        limits = self.limits
        while True:
            silent = self._loop.time() - self.last_input
            if silent >= limits.idle_timeout:
                return
            if silent >= limits.warn_after and not self.warned:
                self.warned = True
                self._on_warn(round(limits.idle_timeout - silent))
            deadline = limits.idle_timeout if self.warned else limits.warn_after
            await asyncio.sleep(max(deadline - silent, 0.01))
