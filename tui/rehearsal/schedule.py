"""What to practise next: weak and stale questions first (spaced repetition).

Each question gets a priority from two parts:
- weakness: 1 - recent score (the last few attempts, the latest weighing most); a question
  never practised counts as fairly weak (NEW_WEAKNESS);
- staleness: time since the last attempt over the question's interval, capped at 1. The
  interval doubles with each passing attempt in a row (1, 2, 4 ... days, at most 30), so
  a well-known answer comes back less often. The cap means that after a long break every
  question is equally stale and weakness alone decides: no pile-up of "overdue" items.
Ties are broken by question id, so the choice is deterministic given `now`.

Choosing reads only each question's last few attempts from a `History` index (attempts per
question, oldest first), so it takes the same time at 500 attempts as at 50,000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.model.attempt import Attempt
from tui.model.history import History, as_history
from tui.model.question import Question

PASS = 70
RECENT = 3
NEW_WEAKNESS = 0.75
WEAKNESS_WEIGHT = 0.65
STALENESS_WEIGHT = 0.35
BASE_INTERVAL_DAYS = 1.0
MAX_INTERVAL_DAYS = 30.0
# Enough of the latest scores for any figure here: RECENT for weakness, and a passing
# streak longer than log2(MAX_INTERVAL_DAYS / BASE_INTERVAL_DAYS) changes nothing.
WINDOW = 8


@dataclass(frozen=True)
class Ranked:
    question: Question
    priority: float
    weakness: float
    staleness: float
    attempts: int
    last_score: int | None
    last_at: dt.datetime | None
    why: str


def history(attempts: History | Iterable[Attempt], question_id: str) -> list[Attempt]:
    """This question's attempts, oldest first."""
    return list(as_history(attempts).of(question_id))


def trend(attempts: History | Iterable[Attempt], question_id: str, limit: int = 20) -> list[int]:
    """The latest `limit` scores of a question, oldest first (for a sparkline)."""
    return [a.score for a in as_history(attempts).of(question_id)[-limit:]]


def weakness(scores: Sequence[int]) -> float:
    if not scores:
        return NEW_WEAKNESS
    recent = scores[-RECENT:]
    weights = [2.0**i for i in range(len(recent))]  # latest weighs most
    mean = sum(w * s for w, s in zip(weights, recent, strict=True)) / sum(weights)
    return 1.0 - mean / 100.0


def interval_days(scores: Sequence[int]) -> float:
    streak = 0
    for score in reversed(scores):
        if score < PASS:
            break
        streak += 1
    return min(BASE_INTERVAL_DAYS * 2.0**streak, MAX_INTERVAL_DAYS)


def staleness(past: Sequence[Attempt], now: dt.datetime) -> float:
    if not past:
        return 1.0
    days = max(0.0, (now - past[-1].at).total_seconds() / 86_400)
    return min(days / interval_days([a.score for a in past[-WINDOW:]]), 1.0)


def rank(
    questions: Iterable[Question],
    attempts: History | Iterable[Attempt],
    now: dt.datetime,
    scenario: str | None = None,
    status: str | None = None,
) -> list[Ranked]:
    """Questions most in need of practice first, optionally only one scenario's or only
    those that fit an offer's status."""
    by_question = as_history(attempts)
    chosen = [
        q
        for q in questions
        if (scenario is None or q.scenario == scenario)
        and (status is None or q.fits_status(status))
    ]
    # Ties (e.g. nothing practised yet) keep the bank's order, which puts each scenario's
    # central question (why-changed-mind, why-backing-out, ...) first.
    order = {q.id: index for index, q in enumerate(chosen)}
    ranked = [_rank_one(q, by_question.of(q.id), now) for q in chosen]
    return sorted(ranked, key=lambda r: (-round(r.priority, 9), order[r.question.id]))


def next_question(
    questions: Iterable[Question],
    attempts: History | Iterable[Attempt],
    now: dt.datetime,
    scenario: str | None = None,
    status: str | None = None,
) -> Question | None:
    ranked = rank(questions, attempts, now, scenario, status)
    return ranked[0].question if ranked else None


def _rank_one(question: Question, past: Sequence[Attempt], now: dt.datetime) -> Ranked:
    scores = [a.score for a in past[-WINDOW:]]
    weak = weakness(scores)
    stale = staleness(past, now)
    priority = WEAKNESS_WEIGHT * weak + STALENESS_WEIGHT * stale
    last = past[-1] if past else None
    return Ranked(
        question=question,
        priority=priority,
        weakness=weak,
        staleness=stale,
        attempts=len(past),
        last_score=last.score if last else None,
        last_at=last.at if last else None,
        why=_why(scores, stale),
    )


def _why(scores: list[int], stale: float) -> str:
    if not scores:
        return "not practised yet"
    parts = [f"last score {scores[-1]}"]
    if stale >= 1.0:
        parts.append("due again")
    return ", ".join(parts)
