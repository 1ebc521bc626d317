"""One rehearsal attempt: what was asked, what was answered, how it scored, when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tui.model.ids import short_id


@dataclass(frozen=True)
class ResultRecord:
    """A criterion's outcome, as kept in history (evidence is recomputed, not stored)."""

    id: str
    status: str
    points: float


@dataclass(frozen=True)
class Attempt:
    question_id: str
    answer: str
    score: int
    at: dt.datetime
    offer_id: str = ""
    seconds: float = 0.0
    results: tuple[ResultRecord, ...] = ()
    id: str = field(default_factory=short_id)
