"""Scoring an answer: (question, answer, context) -> Score. Pure and deterministic.

Positive criteria share 100 points in proportion to their `points`; penalties are then
subtracted and caps applied (a money mention caps the score however good the rest is).
"""

from __future__ import annotations

from dataclasses import replace

from tui.model.question import Criterion, FollowUp, Question
from tui.rehearsal.compiled import CompiledCriterion, CompiledQuestion, compiled
from tui.rehearsal.context import NO_CONTEXT, ScoreContext
from tui.rehearsal.criteria import applies, judge
from tui.rehearsal.match import Matcher
from tui.rehearsal.result import MISSED, VIOLATED, CriterionResult, Score, grade_for
from tui.rehearsal.text import tokenize

# Used when an offer's record has a reason but the rubric does not say how to weigh it.
DEFAULT_CONSISTENT = Criterion(
    id="matches-record",
    label="Matches what you told them",
    kind="consistent",
    source="revisit-a-declined-offer",
    suggestion=(
        "Give the same reason you gave when you said no; a different story now makes the "
        "change of heart harder to believe."
    ),
    penalty=20.0,
)


def score_answer(question: Question, answer: str, context: ScoreContext = NO_CONTEXT) -> Score:
    cq = compiled(question)
    tokens = tokenize(answer)
    matcher = Matcher(tokens, cq.vocab)
    results = tuple(judge(cc, matcher, context) for cc in _criteria(cq, context))
    if tokens.word_count == 0:
        results = tuple(_empty(r) for r in results)
    value = _total(results)
    return Score(
        question_id=question.id,
        score=value,
        grade=grade_for(value),
        words=tokens.word_count,
        results=results,
        follow_ups=_follow_ups(cq, matcher, results) if tokens.word_count else (),
        passed=value >= question.rubric.pass_mark,
    )


def _criteria(cq: CompiledQuestion, context: ScoreContext) -> list[CompiledCriterion]:
    chosen = [cc for cc in cq.criteria if applies(cc.criterion, context)]
    has_consistent = any(cc.criterion.kind == "consistent" for cc in cq.criteria)
    if context.told_categories and not has_consistent:
        chosen.append(CompiledCriterion(DEFAULT_CONSISTENT, (), (), ()))
    return chosen


def _empty(result: CriterionResult) -> CriterionResult:
    """Nothing said earns nothing (and nothing was said badly)."""
    if result.max_points > 0:
        return replace(result, status=MISSED, points=0.0, evidence="no answer yet", spans=())
    return result


def _total(results: tuple[CriterionResult, ...]) -> int:
    possible = sum(r.max_points for r in results)
    earned = sum(r.points for r in results if r.max_points > 0)
    penalties = sum(-r.points for r in results if r.max_points == 0 and r.points < 0)
    value = 100.0 * earned / possible if possible else 0.0
    value -= penalties
    for r in results:
        if r.status == VIOLATED and r.cap is not None:
            value = min(value, float(r.cap))
    return int(max(0.0, min(100.0, value)) + 0.5)


def _follow_ups(
    cq: CompiledQuestion, matcher: Matcher, results: tuple[CriterionResult, ...]
) -> tuple[FollowUp, ...]:
    status = {r.id: r.status for r in results}
    chosen = []
    for cf in cq.follow_ups:
        f = cf.follow_up
        said = any(not h.negated for h in matcher.find_any(cf.cues))
        missed = any(status.get(i) == MISSED for i in f.when_missed)
        violated = any(status.get(i) == VIOLATED for i in f.when_violated)
        if said or missed or violated:
            chosen.append(f)
    return tuple(chosen)
