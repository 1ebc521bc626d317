"""Checks that the rubrics and their own model answers agree: a model answer that does not
reach its question's pass mark means the rubric or the example needs tuning."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tui.model.question import Question
from tui.rehearsal.scorer import score_answer
from tui.tomlio.errors import Problem


def model_answer_notices(
    questions: Mapping[str, Question], origins: Mapping[str, Path]
) -> list[Problem]:
    problems: list[Problem] = []
    for question_id, question in questions.items():
        for number, answer in enumerate(question.model_answers, 1):
            result = score_answer(question, answer)
            if result.score < question.rubric.pass_mark:
                message = (
                    f"`{question_id}`: model answer {number} scores {result.score}, below the "
                    f"pass mark {question.rubric.pass_mark}; tune the rubric or the answer"
                )
                problems.append(Problem(origins[question_id], message, severity="notice"))
    return problems
