"""What scoring an answer produces: a score, a grade word, one result per criterion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tui.model.attempt import Attempt, ResultRecord
from tui.model.question import FollowUp
from tui.rehearsal.reading import Relevance
from tui.rehearsal.stance import StanceReading
from tui.rehearsal.text import Span

MET = "met"
MISSED = "missed"
VIOLATED = "violated"

GRADES = ((85, "excellent"), (70, "good"), (50, "fair"), (30, "weak"), (0, "poor"))


def grade_for(score: int) -> str:
    return next(word for floor, word in GRADES if score >= floor)


@dataclass(frozen=True)
class Reading:
    """The whole-answer reading shown by `score --explain` and kept on the Score."""

    sentences: tuple[tuple[int, str, str], ...]  # (number, shape, text)
    stance: StanceReading
    relevance: Relevance
    shouting: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [{"number": n, "shape": s, "text": t} for n, s, t in self.sentences],
            "stance": self.stance.to_dict(),
            "relevance": self.relevance.to_dict(),
            "shouting": [s.to_dict() for s in self.shouting],
        }


@dataclass(frozen=True)
class CriterionResult:
    id: str
    label: str
    kind: str
    status: str  # met, missed or violated
    points: float  # earned (>= 0) or deducted (< 0)
    max_points: float  # what a positive criterion can earn; 0 for penalties
    evidence: str  # one line: what was found, or not
    suggestion: str
    source: str
    spans: tuple[Span, ...] = ()
    cap: int | None = None  # score ceiling applied because of this result
    sentence: int = 0  # the sentence (1-based) that met or broke it; 0 = the whole answer
    grounds: str = ""  # the article passage behind the criterion

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "status": self.status,
            "points": round(self.points, 2),
            "max_points": round(self.max_points, 2),
            "evidence": self.evidence,
            "suggestion": self.suggestion,
            "source": self.source,
            "spans": [s.to_dict() for s in self.spans],
            "sentence": self.sentence,
            "grounds": self.grounds,
        }


@dataclass(frozen=True)
class Score:
    question_id: str
    score: int
    grade: str
    words: int
    results: tuple[CriterionResult, ...]
    follow_ups: tuple[FollowUp, ...] = ()
    passed: bool = False
    notes: tuple[str, ...] = field(default=())
    reading: Reading | None = None  # sentences, stance and relevance, for --explain

    def result(self, criterion_id: str) -> CriterionResult | None:
        return next((r for r in self.results if r.id == criterion_id), None)

    def with_status(self, status: str) -> list[CriterionResult]:
        return [r for r in self.results if r.status == status]

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question_id,
            "score": self.score,
            "grade": self.grade,
            "passed": self.passed,
            "words": self.words,
            "criteria": [r.to_dict() for r in self.results],
            "follow_ups": [{"id": f.id, "text": f.text} for f in self.follow_ups],
            "notes": list(self.notes),
            "reading": self.reading.to_dict() if self.reading else None,
        }

    def to_attempt(
        self, answer: str, at: dt.datetime, seconds: float = 0.0, offer_id: str = ""
    ) -> Attempt:
        """The record kept in history (evidence is recomputed when shown, not stored)."""
        records = tuple(ResultRecord(r.id, r.status, round(r.points, 2)) for r in self.results)
        return Attempt(
            question_id=self.question_id,
            answer=answer,
            score=self.score,
            at=at.replace(microsecond=0),
            offer_id=offer_id,
            seconds=round(seconds, 1),
            results=records,
        )
