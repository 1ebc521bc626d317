"""Pausing the cyclic garbage collector while a loader makes many long-lived objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic GC while thousands of long-lived objects are made: it would walk
    the growing heap again and again for nothing (a third of a 2,000-offer load; loading
    50,000 attempts grew faster than their number with it on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
