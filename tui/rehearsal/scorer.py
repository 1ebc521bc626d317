"""Scoring an answer: (question, answer, context) -> Score. Pure and deterministic.

The answer is read as sentences. Content criteria (`include`) earn their points when a
real sentence meets them (a list of rubric words earns a fraction). Delivery points
(length, detail, first person) count in full only once at least half the content is
there, so a long, confident answer to another question earns little. Penalties are then
taken off, but never below a share of what was earned (a flawed answer that makes its
points still ranks above one that makes none), and caps are applied softly. Finally the
whole-answer reading: an answer that contradicts itself, or that is about something else,
keeps only a small share of its score.
"""

from __future__ import annotations

from dataclasses import replace

from tui.model.question import Criterion, FollowUp, Question
from tui.rehearsal.compiled import CompiledCriterion, CompiledQuestion, compiled
from tui.rehearsal.context import NO_CONTEXT, ScoreContext
from tui.rehearsal.criteria import applies, found, judge
from tui.rehearsal.match import Hit, Matcher
from tui.rehearsal.reading import (
    Answer,
    Reading,
    read_relevance,
    read_stance,
)
from tui.rehearsal.result import MET, MISSED, VIOLATED, CriterionResult, Score, grade_for
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
DELIVERY = ("length", "specific", "confident")
CONTENT_FOR_DELIVERY = 0.5  # content share at which delivery points count in full
KEPT_AFTER_PENALTIES = 0.35  # penalties never take an answer below this share
CAP_KNEE = 0.7  # a cap bends scores from this share of the cap, so order is kept below it
CONTRADICTION_KEEPS = 0.25
OFF_QUESTION_KEEPS = 0.2

CONTRADICTION_TIP = (
    "Take one position and keep to it: an answer that says two opposite things leaves them "
    "unsure what you decided."
)
OFF_QUESTION_TIP = "Answer the question you were asked; everything else can wait for later."


def score_answer(question: Question, answer: str, context: ScoreContext = NO_CONTEXT) -> Score:
    cq = compiled(question)
    tokens = tokenize(answer)
    read = Answer(tokens, Matcher(tokens, cq.vocab))
    chosen = _criteria(cq, context)
    read.reshape(_content_hits(chosen, read))
    results = [judge(cc, read, context) for cc in chosen]
    if tokens.word_count == 0:
        results = [_empty(r) for r in results]
    reading = _reading(question, cq, read, _content_share(results))
    value, extra = _total(results, reading, tokens.word_count)
    results += extra
    return Score(
        question_id=question.id,
        score=value,
        grade=grade_for(value),
        words=tokens.word_count,
        results=tuple(results),
        follow_ups=_follow_ups(cq, read.matcher, results) if tokens.word_count else (),
        passed=value >= question.rubric.pass_mark,
        reading=reading,
    )


def _criteria(cq: CompiledQuestion, context: ScoreContext) -> list[CompiledCriterion]:
    chosen = [cc for cc in cq.criteria if applies(cc.criterion, context)]
    has_consistent = any(cc.criterion.kind == "consistent" for cc in cq.criteria)
    if context.told_categories and not has_consistent:
        chosen.append(CompiledCriterion(DEFAULT_CONSISTENT, (), (), ()))
    return chosen


def _content_hits(chosen: list[CompiledCriterion], read: Answer) -> dict[str, list[Hit]]:
    return {
        cc.criterion.id: [h for h in found(cc, read) if not h.negated]
        for cc in chosen
        if cc.criterion.kind in ("include", "specific")
    }


def _reading(question: Question, cq: CompiledQuestion, read: Answer, content: float) -> Reading:
    sentences = tuple((s.number, s.shape, read.text_of(s)) for s in read.sentences)
    relevance = read_relevance(read.tokens, cq.topic, content)
    return Reading(sentences, read_stance(question, read), relevance)


def _content_share(results: list[CriterionResult]) -> float:
    content = [r for r in results if r.kind == "include"]
    possible = sum(r.max_points for r in content)
    return sum(r.points for r in content) / possible if possible else 1.0


def _empty(result: CriterionResult) -> CriterionResult:
    """Nothing said earns nothing (and nothing was said badly)."""
    if result.max_points > 0:
        return replace(result, status=MISSED, points=0.0, evidence="no answer yet", spans=())
    return result


def _total(
    results: list[CriterionResult], reading: Reading, words: int
) -> tuple[int, list[CriterionResult]]:
    """The score, and the whole-answer results (stance, relevance) that cost points."""
    content = [r for r in results if r.kind == "include"]
    delivery = [r for r in results if r.kind in DELIVERY]
    content_max = sum(r.max_points for r in content)
    earned = sum(r.points for r in content)
    gate = min(1.0, _content_share(results) / CONTENT_FOR_DELIVERY)
    possible = content_max + sum(r.max_points for r in delivery)
    value = (
        100.0 * (earned + gate * sum(r.points for r in delivery)) / possible if possible else 0.0
    )
    penalties = sum(-r.points for r in results if r.max_points == 0 and r.points < 0)
    value = max(value - penalties, value * KEPT_AFTER_PENALTIES)
    for r in results:
        if r.status == VIOLATED and r.cap is not None:
            value = _soft_cap(value, float(r.cap))
    extra = []
    if words:
        value, extra = _whole_answer(value, reading)
    return int(max(0.0, min(100.0, value)) + 0.5), extra


def _soft_cap(value: float, cap: float) -> float:
    """Above CAP_KNEE * cap, squeeze [knee, 100] into [knee, cap]: capped answers keep
    their order among themselves."""
    knee = CAP_KNEE * cap
    if value <= knee:
        return value
    return knee + (value - knee) * (cap - knee) / (100.0 - knee)


def _whole_answer(value: float, reading: Reading) -> tuple[float, list[CriterionResult]]:
    stance, relevance = reading.stance, reading.relevance
    extra: list[CriterionResult] = []
    if stance.contradiction:
        kept = value * CONTRADICTION_KEEPS
        extra.append(
            _whole(
                "contradiction",
                "Takes one position",
                stance.contradiction,
                kept - value,
                CONTRADICTION_TIP,
                stance,
            )
        )
        value = kept
    elif stance.conflict:
        kept = value * OFF_QUESTION_KEEPS
        evidence = f"answers as if {stance.conflict}, which this question rules out"
        extra.append(
            _whole(
                "off-question",
                "Answers the question asked",
                evidence,
                kept - value,
                OFF_QUESTION_TIP,
                stance,
            )
        )
        value = kept
    elif not relevance.on_topic:
        kept = value * OFF_QUESTION_KEEPS
        evidence = f"{relevance.share:.0%} of its words are about the question"
        extra.append(
            _whole(
                "off-question",
                "Answers the question asked",
                evidence,
                kept - value,
                OFF_QUESTION_TIP,
                None,
            )
        )
        value = kept
    return value, extra


def _whole(
    id_: str, label: str, evidence: str, points: float, tip: str, stance: object
) -> CriterionResult:
    spans = getattr(stance, "spans", ())
    return CriterionResult(
        id=id_,
        label=label,
        kind="reading",
        status=VIOLATED,
        points=points,
        max_points=0.0,
        evidence=evidence,
        suggestion=tip,
        source="",
        spans=tuple(spans),
    )


def _follow_ups(
    cq: CompiledQuestion, matcher: Matcher, results: list[CriterionResult]
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


__all__ = ["MET", "score_answer"]
