"""The scorer against hand-labelled answers (tests/rehearsal_answers.toml)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest

from tui.content.questions import load_questions
from tui.model.question import Question
from tui.rehearsal.scorer import score_answer
from tui.rehearsal.text import word_count

ANSWERS = Path(__file__).with_name("rehearsal_answers.toml")
RANK = {"bad": 0, "ok": 1, "good": 2}
MARGIN = 0.2


def _answers() -> list[dict]:
    with ANSWERS.open("rb") as handle:
        return tomllib.load(handle)["answer"]


@pytest.fixture(scope="module")
def questions() -> dict[str, Question]:
    return load_questions(None).items


@pytest.fixture(scope="module")
def scored(questions: dict[str, Question]) -> list[tuple[dict, int]]:
    return [(a, score_answer(questions[a["question"]], a["text"]).score) for a in _answers()]


def test_the_set_is_big_and_varied() -> None:
    answers = _answers()
    assert len(answers) >= 40
    assert len({a["question"] for a in answers}) >= 5
    assert {a["label"] for a in answers} == set(RANK)


def _is_clean(answer: dict) -> bool:
    return answer["label"] in ("good", "ok") and "salary" not in answer.get("tags", [])


# The going-back article is the one that says to keep salary out of it; when declining or
# backing out, an honest pay reason is fine (decline article: pay is useful feedback).
MONEY_PENALISED = {"going-back"}


def test_salary_answers_score_below_every_clean_answer(
    scored: list[tuple[dict, int]], questions: dict[str, Question]
) -> None:
    chosen = {a["question"] for a, _ in scored}
    for question in {q for q in chosen if questions[q].scenario in MONEY_PENALISED}:
        mine = [(a, s) for a, s in scored if a["question"] == question]
        salary = [s for a, s in mine if "salary" in a.get("tags", [])]
        clean = [s for a, s in mine if _is_clean(a)]
        assert salary and clean, question
        assert max(salary) < min(clean), (question, salary, clean)


def test_an_honest_pay_reason_is_not_capped_when_declining_or_backing_out(
    scored: list[tuple[dict, int]], questions: dict[str, Question]
) -> None:
    honest = [
        (a, s)
        for a, s in scored
        if "salary" in a.get("tags", [])
        and questions[a["question"]].scenario not in MONEY_PENALISED
    ]
    assert len(honest) >= 3
    for answer, score in honest:
        assert score >= 60, (answer["text"][:60], score)


@pytest.mark.parametrize("tag", ["empty", "one-word", "rambling"])
def test_empty_one_word_and_rambling_answers_score_low(
    scored: list[tuple[dict, int]], tag: str
) -> None:
    tagged = [(a, s) for a, s in scored if tag in a.get("tags", [])]
    assert tagged
    for answer, score in tagged:
        assert score <= 50, (answer["question"], tag, score)
        good = [
            s for a, s in scored if a["question"] == answer["question"] and a["label"] == "good"
        ]
        assert score < min(good)


def test_good_answers_pass_and_bad_answers_do_not(scored: list[tuple[dict, int]]) -> None:
    for answer, score in scored:
        if answer["label"] == "good":
            assert score >= 70, (answer["text"][:60], score)
        if answer["label"] == "bad":
            assert score < 70, (answer["text"][:60], score)


def pairwise_accuracy(items: list[tuple[dict, float]]) -> float:
    """Share of same-question pairs with different labels that the score orders the same
    way as the labels (a tie counts half)."""
    right = total = 0.0
    for (a, x), (b, y) in combinations(items, 2):
        if a["question"] != b["question"] or a["label"] == b["label"]:
            continue
        total += 1
        want = RANK[a["label"]] - RANK[b["label"]]
        got = x - y
        right += 0.5 if got == 0 else float((got > 0) == (want > 0))
    return right / total


def _baseline(scorer: Callable[[str], float]) -> list[tuple[dict, float]]:
    return [(a, scorer(a["text"])) for a in _answers()]


def test_scorer_beats_a_word_count_baseline(scored: list[tuple[dict, int]]) -> None:
    ours = pairwise_accuracy([(a, float(s)) for a, s in scored])
    baseline = pairwise_accuracy(_baseline(lambda text: float(word_count(text))))
    print(f"pairwise ordering accuracy: scorer {ours:.3f}, word count {baseline:.3f}")
    assert ours >= baseline + MARGIN
    assert ours >= 0.9
