"""Judging one criterion of a rubric against one answer. One function per criterion kind."""

from __future__ import annotations

from collections.abc import Callable

from tui.model.question import Criterion
from tui.rehearsal import reasons
from tui.rehearsal.compiled import CompiledCriterion
from tui.rehearsal.context import ScoreContext
from tui.rehearsal.match import Hit, Matcher, dedupe, pattern_hits
from tui.rehearsal.result import MET, MISSED, VIOLATED, CriterionResult
from tui.rehearsal.text import FIRST_PERSON, Span, Tokens

MAX_SPANS = 8
Judge = Callable[[CompiledCriterion, Matcher, ScoreContext], CriterionResult]


def applies(criterion: Criterion, context: ScoreContext) -> bool:
    if criterion.when == "handled-badly":
        return context.handled_badly is True
    if criterion.when == "handled-cleanly":
        return context.handled_badly is not True
    if criterion.kind == "consistent":
        return bool(context.told_categories)
    return True


def judge(cc: CompiledCriterion, matcher: Matcher, context: ScoreContext) -> CriterionResult:
    return JUDGES[cc.criterion.kind](cc, matcher, context)


# -- helpers -------------------------------------------------------------------------------


def _found(cc: CompiledCriterion, matcher: Matcher, counter: bool = False) -> list[Hit]:
    if counter:
        return matcher.find_any(cc.counter_cues, cc.criterion.fuzzy)
    hits = matcher.find_any(cc.cues, cc.criterion.fuzzy)
    return dedupe(hits + pattern_hits(matcher.tokens, cc.patterns))


def _split(cc: CompiledCriterion, hits: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """(hits that count, hits discounted by negation)."""
    if not cc.criterion.negation:
        return hits, []
    return [h for h in hits if not h.negated], [h for h in hits if h.negated]


def _quote(spans: list[Span]) -> str:
    shown = ", ".join(f'"{s.text}"' for s in spans[:4])
    more = f" and {len(spans) - 4} more" if len(spans) > 4 else ""
    return shown + more


def _result(
    cc: CompiledCriterion,
    status: str,
    points: float,
    evidence: str,
    spans: list[Span] | tuple[Span, ...] = (),
    cap: int | None = None,
) -> CriterionResult:
    c = cc.criterion
    return CriterionResult(
        id=c.id,
        label=c.label,
        kind=c.kind,
        status=status,
        points=points,
        max_points=c.points if c.positive else 0.0,
        evidence=evidence,
        suggestion=c.suggestion,
        source=c.source,
        spans=tuple(spans[:MAX_SPANS]),
        cap=cap,
    )


def _negated_note(matcher: Matcher, negated: list[Hit]) -> str:
    if not negated:
        return ""
    return f" ({_quote(matcher.spans(negated))} is negated, so it does not count)"


# -- kinds ---------------------------------------------------------------------------------


def judge_include(cc: CompiledCriterion, m: Matcher, _: ScoreContext) -> CriterionResult:
    hits, negated = _split(cc, _found(cc, m))
    need = cc.criterion.min_hits
    spans = m.spans(hits)
    if len(hits) >= need:
        return _result(cc, MET, cc.criterion.points, f"found {_quote(spans)}", spans)
    partial = cc.criterion.points * len(hits) / need
    evidence = f"found only {_quote(spans)}" if hits else "not found"
    return _result(cc, MISSED, partial, evidence + _negated_note(m, negated), spans)


def judge_avoid(cc: CompiledCriterion, m: Matcher, _: ScoreContext) -> CriterionResult:
    hits, negated = _split(cc, _found(cc, m))
    if hits:
        spans = m.spans(hits)
        evidence = f"found {_quote(spans)}"
        return _result(cc, VIOLATED, -cc.criterion.penalty, evidence, spans, cc.criterion.cap)
    return _result(cc, MET, 0.0, "none found" + _negated_note(m, negated))


def judge_filler(cc: CompiledCriterion, m: Matcher, _: ScoreContext) -> CriterionResult:
    hits = _found(cc, m)
    if not hits:
        return _result(cc, MET, 0.0, "none found")
    c = cc.criterion
    spans = m.spans(hits)
    penalty = min(c.penalty, c.per_hit * len(hits))
    evidence = f"{len(hits)} found: {_quote(spans)}"
    return _result(cc, VIOLATED, -penalty, evidence, spans)


def judge_length(cc: CompiledCriterion, m: Matcher, _: ScoreContext) -> CriterionResult:
    c = cc.criterion
    words = m.tokens.word_count
    if words < c.min_words:
        evidence = f"{words} words; aim for {c.min_words}-{c.max_words}"
        return _result(cc, MISSED, c.points * words / c.min_words, evidence)
    if words <= c.max_words:
        return _result(cc, MET, c.points, f"{words} words")
    over = (words - c.max_words) / c.max_words
    earned = c.points * max(0.0, 1.0 - 2.0 * over)
    spans = [_from_word(m.tokens, c.max_words)]
    evidence = f"{words} words; past {c.max_words} it starts to ramble"
    if over <= 0.25 or c.penalty <= 0:
        return _result(cc, MISSED, earned, evidence, spans)
    return _result(cc, VIOLATED, earned - c.penalty * min(1.0, over), evidence, spans)


def _from_word(tokens: Tokens, number: int) -> Span:
    """The span from the `number`-th word (0-based) to the end of the answer."""
    words = [i for i in range(len(tokens.words)) if not tokens.is_punct(i)]
    if number < len(words):
        return tokens.span(words[number], len(tokens.words) - 1)
    return tokens.span(len(tokens.words) - 1, len(tokens.words) - 1)


def judge_specific(cc: CompiledCriterion, m: Matcher, _: ScoreContext) -> CriterionResult:
    hits, _neg = _split(cc, _found(cc, m))
    signals = dedupe(hits + _details(m.tokens))
    vague, _neg = _split(cc, _found(cc, m, counter=True))
    need = cc.criterion.min_hits
    spans = m.spans(signals)
    if len(signals) >= need:
        return _result(cc, MET, cc.criterion.points, f"concrete: {_quote(spans)}", spans)
    vague_spans = m.spans(vague)
    evidence = f"vague: {_quote(vague_spans)}" if vague else "no concrete detail found"
    partial = cc.criterion.points * len(signals) / need
    return _result(cc, MISSED, partial, evidence, vague_spans + spans)


def _details(tokens: Tokens) -> list[Hit]:
    """Numbers and names (a capitalised word that does not start a sentence)."""
    found = []
    for index, word in enumerate(tokens.words):
        original = tokens.text[tokens.starts[index]]
        is_number = word[0].isdigit()
        is_name = (
            original.isupper() and word not in FIRST_PERSON and not tokens.sentence_start(index)
        )
        if is_number or is_name:
            found.append(Hit(index, index, False, False))
    return found


def judge_confident(cc: CompiledCriterion, m: Matcher, _: ScoreContext) -> CriterionResult:
    c = cc.criterion
    doubts = _found(cc, m, counter=True)
    first_person = sum(1 for w in m.tokens.words if w in FIRST_PERSON)
    if doubts:
        spans = m.spans(doubts)
        return _result(cc, MISSED, 0.0, f"undercuts itself: {_quote(spans)}", spans)
    if first_person < c.min_hits:
        evidence = f"{first_person} first-person words; speak for yourself (I, my)"
        return _result(cc, MISSED, c.points * first_person / c.min_hits, evidence)
    return _result(cc, MET, c.points, f"first person ({first_person}), no self-doubt")


def judge_consistent(cc: CompiledCriterion, m: Matcher, ctx: ScoreContext) -> CriterionResult:
    stated = reasons.stated_reasons(m)
    told = f'the record says you told them: "{ctx.told_reason}"'
    if not stated:
        return _result(cc, MET, 0.0, f"no other reason given; {told}")
    if set(stated) & ctx.told_categories:
        spans = m.spans([h for hits in stated.values() for h in hits])
        return _result(cc, MET, 0.0, f"consistent with the record ({told})", spans)
    hits = dedupe([h for hits in stated.values() for h in hits])
    spans = m.spans(hits)
    said = ", ".join(sorted(stated))
    evidence = f"you give {said} as the reason ({_quote(spans)}), but {told}"
    return _result(cc, VIOLATED, -cc.criterion.penalty, evidence, spans, cc.criterion.cap)


JUDGES: dict[str, Judge] = {
    "include": judge_include,
    "avoid": judge_avoid,
    "filler": judge_filler,
    "length": judge_length,
    "specific": judge_specific,
    "confident": judge_confident,
    "consistent": judge_consistent,
}
