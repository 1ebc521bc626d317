"""The app's undo history: each saved change to an offer keeps the version before it, so
`u` can put it back (an added offer is removed again, a deleted one comes back)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from tui.model import Offer

DEPTH = 20


@dataclass(frozen=True)
class Change:
    offer_id: str
    before: Offer | None  # None: the change added the offer
    label: str  # what was done, as the notification said it


class UndoHistory:
    def __init__(self, depth: int = DEPTH) -> None:
        self._changes: deque[Change] = deque(maxlen=depth)

    def record(self, change: Change) -> None:
        self._changes.append(change)

    def pop(self) -> Change | None:
        return self._changes.pop() if self._changes else None

    def forget(self, offer_id: str) -> None:
        """Drop the changes to an offer that was replaced from disk (another program's edit
        wins; undoing past it would overwrite that edit)."""
        kept = [c for c in self._changes if c.offer_id != offer_id]
        self._changes.clear()
        self._changes.extend(kept)

    def __len__(self) -> int:
        return len(self._changes)
