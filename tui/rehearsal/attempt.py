"""One rehearsal attempt: what was asked, what was answered, how it scored, when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tui.model.ids import short_id
from tui.rehearsal.result import Score


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

    @classmethod
    def from_score(
        cls,
        score: Score,
        answer: str,
        at: dt.datetime,
        seconds: float = 0.0,
        offer_id: str = "",
    ) -> Attempt:
        records = tuple(ResultRecord(r.id, r.status, round(r.points, 2)) for r in score.results)
        return cls(
            question_id=score.question_id,
            answer=answer,
            score=score.score,
            at=at.replace(microsecond=0),
            offer_id=offer_id,
            seconds=round(seconds, 1),
            results=records,
        )
