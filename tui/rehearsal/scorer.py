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
from tui.rehearsal.reading import Answer, read_relevance, shouted
from tui.rehearsal.result import MET, MISSED, VIOLATED, CriterionResult, Reading, Score, grade_for
from tui.rehearsal.stance import concept_hits, read_stance
from tui.rehearsal.text import Span, tokenize

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
COURTESY = frozenset({"thanks"})
CONTENT_FOR_DELIVERY = 0.5  # content share at which delivery points count in full
KEPT_AFTER_PENALTIES = 0.35  # penalties never take an answer below this share
CAP_KNEE = 0.7  # a cap bends scores from this share of the cap, so order is kept below it
CONTRADICTION_KEEPS = 0.25
OFF_QUESTION_KEEPS = 0.2
ON_QUESTION = "Answers the question asked"
STANCE_CREDIT = 0.25  # taking the stance the scenario calls for counts as this much content
SHOUTING_KEEPS = 0.5

CONTRADICTION_TIP = (
    "Take one position and keep to it: an answer that says two opposite things leaves them "
    "unsure what you decided."
)
OFF_QUESTION_TIP = "Answer the question you were asked; everything else can wait for later."
SHOUTING_TIP = (
    "Drop the capitals: written out they read as shouting, and on a call they sound like it."
)


def score_answer(question: Question, answer: str, context: ScoreContext = NO_CONTEXT) -> Score:
    cq = compiled(question)
    tokens = tokenize(answer)
    read = Answer(tokens, Matcher(tokens, cq.vocab))
    chosen = _criteria(cq, context)
    read.reshape(_content_hits(chosen, read), concept_hits(read.matcher, "sarcasm"))
    results = [judge(cc, read, context) for cc in chosen]
    if tokens.word_count == 0:
        results = [_empty(r) for r in results]
    reading = _reading(question, cq, read, _content_share(results, courtesy=False))
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
    return Reading(sentences, read_stance(question, read), relevance, tuple(shouted(read.tokens)))


def _content_share(
    results: list[CriterionResult], courtesy: bool = True, said: bool = False
) -> float:
    """The share of the content points earned; without `courtesy`, thanks do not count (a
    "thanks for asking" before a holiday story does not make it an answer); with `said`,
    only points met in a real sentence count (not the fraction a list of words earns)."""
    content = [r for r in results if r.kind == "include" and (courtesy or r.id not in COURTESY)]
    possible = sum(r.max_points for r in content)
    earned = sum(r.points for r in content if not said or r.status == MET)
    return earned / possible if possible else 1.0


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
    credit = STANCE_CREDIT if reading.stance.fitting else 0.0
    gate = min(1.0, (_content_share(results, said=True) + credit) / CONTENT_FOR_DELIVERY)
    possible = content_max + sum(r.max_points for r in delivery)
    value = (
        100.0 * (earned + gate * sum(r.points for r in delivery)) / possible if possible else 0.0
    )
    penalties = sum(-r.points for r in results if r.max_points == 0 and r.points < 0)
    value = max(value - penalties, value * KEPT_AFTER_PENALTIES)
    for r in results:
        if r.status == VIOLATED and r.cap is not None:
            value = _soft_cap(value, float(r.cap))
    extra: list[CriterionResult] = []
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
    """Whole-answer checks, each keeping a share of the score and shown as a result."""
    stance, relevance = reading.stance, reading.relevance
    checks: list[tuple[str, str, str, float, str, tuple[Span, ...]]] = []
    if stance.contradiction:
        checks.append(
            ("contradiction", "Takes one position", stance.contradiction, CONTRADICTION_KEEPS,
             CONTRADICTION_TIP, stance.spans)
        )  # fmt: skip
    elif stance.conflict:
        evidence = f"answers as if {stance.conflict}, which this question rules out"
        checks.append(
            ("off-question", ON_QUESTION, evidence, OFF_QUESTION_KEEPS, OFF_QUESTION_TIP,
             stance.spans)
        )  # fmt: skip
    elif not relevance.on_topic and not stance.fitting:
        evidence = f"{relevance.share:.0%} of its words are about the question"
        checks.append(
            ("off-question", ON_QUESTION, evidence, OFF_QUESTION_KEEPS, OFF_QUESTION_TIP, ())
        )
    if reading.shouting:
        evidence = f"{len(reading.shouting)} words in capitals"
        checks.append(
            ("shouting", "An even tone", evidence, SHOUTING_KEEPS, SHOUTING_TIP, reading.shouting)
        )
    extra = []
    for id_, label, evidence, keeps, tip, spans in checks:
        kept = value * keeps
        extra.append(
            CriterionResult(
                id=id_,
                label=label,
                kind="reading",
                status=VIOLATED,
                points=kept - value,
                max_points=0.0,
                evidence=evidence,
                suggestion=tip,
                source="",
                spans=spans,
            )
        )
        value = kept
    return value, extra


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
