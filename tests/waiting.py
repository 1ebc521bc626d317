"""The one way tests wait: poll a condition until a deadline, then fail saying what never
happened. No Textual here, so the server and CLI tests use it too."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Generous, for a loaded 2-core machine; a passing test never waits this long.
DEADLINE = 15.0


async def wait_for(
    condition: Callable[[], T],
    what: str,
    timeout: float = DEADLINE,
    detail: Callable[[], object] | None = None,
) -> T:
    """Poll `condition` (letting the event loop, and so the app, run in between) until it
    returns something true, and return that; after `timeout` seconds raise AssertionError
    naming `what` never happened (and `detail()`, e.g. the screen, when given)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            extra = f"\n{detail()}" if detail is not None else ""
            raise AssertionError(f"{what} never happened (waited {timeout:g} s){extra}")
        await asyncio.sleep(0.02)
