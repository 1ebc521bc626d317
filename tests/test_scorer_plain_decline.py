"""The plainest way to say no, "I have decided to decline", is a clear no: found by a new
user acting out issue 17, where it scored as if no decision had been given (stance none,
"Says no clearly" missed, 56/100 for a model-like answer)."""

from __future__ import annotations

import pytest

from tui.content.questions import load_questions
from tui.model.question import Question
from tui.rehearsal.result import MET
from tui.rehearsal.scorer import score_answer


@pytest.fixture(scope="module")
def bank() -> dict[str, Question]:
    return load_questions(None).items


@pytest.mark.parametrize(
    "said",
    [
        "I have decided to decline.",
        "I've decided to decline the offer.",
        "After a lot of thought I've chosen to decline.",
        "I'd like to decline this offer.",
    ],
)
def test_deciding_to_decline_is_a_clear_no(bank: dict[str, Question], said: str) -> None:
    score = score_answer(bank["decline-offer"], said)
    result = score.result("clear-no")
    assert result is not None and result.status == MET
    assert score.reading is not None and score.reading.stance.stance == "declining"


def test_a_plain_gracious_decline_passes(bank: dict[str, Question]) -> None:
    answer = (
        "Thank you so much for the offer, and for your time. I have decided to decline. "
        "I hope we stay in touch."
    )
    assert score_answer(bank["decline-offer"], answer).score >= 70
