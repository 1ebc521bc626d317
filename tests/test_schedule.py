"""What to practise next: weak and stale first, new ones included, no pile-up."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.content.questions import load_questions
from tui.model.attempt import Attempt
from tui.model.question import Question
from tui.rehearsal.schedule import (
    interval_days,
    next_question,
    rank,
    staleness,
    trend,
    weakness,
)

NOW = dt.datetime(2026, 11, 20, 12, 0)


@pytest.fixture(scope="module")
def bank() -> dict[str, Question]:
    return load_questions(None).items


def did(question: str, score: int, days_ago: float) -> Attempt:
    return Attempt(question, "answer", score, NOW - dt.timedelta(days=days_ago))


def pick(bank: dict[str, Question], ids: list[str]) -> list[Question]:
    return [bank[i] for i in ids]


def test_trend_is_chronological_and_limited() -> None:
    attempts = [did("a", 30, 3), did("a", 60, 1), did("b", 90, 2), did("a", 45, 2)]
    assert trend(attempts, "a") == [30, 45, 60]
    assert trend(attempts, "a", limit=2) == [45, 60]
    assert trend(attempts, "zzz") == []


def test_weakness_weighs_the_latest_most() -> None:
    assert weakness([]) == pytest.approx(0.75)
    assert weakness([20, 90]) < weakness([90, 20])
    assert weakness([100]) == 0.0


def test_interval_grows_with_passing_streak_and_is_capped() -> None:
    assert interval_days([40]) == 1
    assert interval_days([40, 80, 90]) == 4
    assert interval_days([90] * 20) == 30


def test_weak_and_stale_comes_before_strong_and_fresh(bank: dict[str, Question]) -> None:
    qs = pick(bank, ["why-changed-mind", "decline-offer"])
    attempts = [did("why-changed-mind", 30, 3), did("decline-offer", 95, 0.1)]
    assert next_question(qs, attempts, NOW).id == "why-changed-mind"  # type: ignore[union-attr]


def test_never_practised_is_included_and_ranks_high(bank: dict[str, Question]) -> None:
    qs = pick(bank, ["why-changed-mind", "decline-offer", "why-backing-out"])
    attempts = [did("why-changed-mind", 85, 1), did("decline-offer", 90, 1)]
    ranked = rank(qs, attempts, NOW)
    assert ranked[0].question.id == "why-backing-out"
    assert ranked[0].why == "not practised yet" and ranked[0].attempts == 0


def test_staleness_is_capped_so_a_long_break_does_not_pile_up(bank: dict[str, Question]) -> None:
    qs = pick(bank, ["why-changed-mind", "decline-offer"])
    # after a long break both are fully stale; the weaker one comes first, however old
    attempts = [did("why-changed-mind", 40, 200), did("decline-offer", 90, 400)]
    ranked = rank(qs, attempts, NOW)
    assert [r.staleness for r in ranked] == [1.0, 1.0]
    assert ranked[0].question.id == "why-changed-mind"
    assert staleness([did("x", 90, 10_000)], NOW) == 1.0


def test_deterministic_and_ties_keep_the_bank_order(bank: dict[str, Question]) -> None:
    qs = list(bank.values())
    first = [r.question.id for r in rank(qs, [], NOW)]
    assert first == [q.id for q in qs]  # all new: equal priority, so the bank's order
    assert [r.question.id for r in rank(qs, [], NOW)] == first
    going_back = rank(qs, [], NOW, status="reconsidering")
    assert going_back[0].question.id == "why-changed-mind"


def test_restrict_to_scenario_or_offer_status(bank: dict[str, Question]) -> None:
    qs = list(bank.values())
    backing = rank(qs, [], NOW, scenario="backing-out")
    assert backing and {r.question.scenario for r in backing} == {"backing-out"}
    declined = rank(qs, [], NOW, status="declined")
    assert {r.question.scenario for r in declined} == {"going-back"}
    accepted = {r.question.id for r in rank(qs, [], NOW, status="accepted")}
    assert "why-backing-out" in accepted and "are-you-certain" in accepted
    assert next_question(qs, [], NOW, status="closed") is None
