"""Judging one criterion of a rubric against one answer read as sentences. One function per
criterion kind. A point found in a list of words rather than a sentence earns a fraction of
its value; the evidence names the sentence that met the criterion."""

from __future__ import annotations

from collections.abc import Callable

from tui.model.question import Criterion
from tui.rehearsal import reasons
from tui.rehearsal.compiled import CompiledCriterion
from tui.rehearsal.context import ScoreContext
from tui.rehearsal.match import Hit, dedupe, except_hits, pattern_hits
from tui.rehearsal.reading import SENTENCE, Answer, self_directed
from tui.rehearsal.result import MET, MISSED, VIOLATED, CriterionResult
from tui.rehearsal.text import FIRST_PERSON, Span, Tokens

MAX_SPANS = 8
Judge = Callable[[CompiledCriterion, Answer, ScoreContext], CriterionResult]
# Words spelt with a capital that are not names ("Id" is "I'd" without the apostrophe).
NOT_NAMES = frozenset({"i", "id", "im", "ive", "ill", "ok", "okay", "mr", "mrs", "ms", "dr"})
SHOUTING_SHARE = 0.2  # more capitalised words than this and capitals are shouting


def applies(criterion: Criterion, context: ScoreContext) -> bool:
    if criterion.when == "handled-badly":
        return context.handled_badly is True
    if criterion.when == "handled-cleanly":
        return context.handled_badly is not True
    if criterion.kind == "consistent":
        return bool(context.told_categories)
    return True


def judge(cc: CompiledCriterion, answer: Answer, context: ScoreContext) -> CriterionResult:
    return JUDGES[cc.criterion.kind](cc, answer, context)


# -- helpers -------------------------------------------------------------------------------


def found(cc: CompiledCriterion, answer: Answer, counter: bool = False) -> list[Hit]:
    """The criterion's cue (or counter-cue) hits, minus those inside an excepted phrase
    (remembered per answer: the scorer asks once before judging, the judge again)."""
    key = (id(cc), counter)
    remembered = answer.found.get(key)
    if remembered is None:
        remembered = answer.found[key] = _found(cc, answer, counter)
    return remembered


def _found(cc: CompiledCriterion, answer: Answer, counter: bool) -> list[Hit]:
    m = answer.matcher
    if counter:
        hits = m.find_any(cc.counter_cues, cc.criterion.fuzzy)
    else:
        hits = dedupe(m.find_any(cc.cues, cc.criterion.fuzzy) + pattern_hits(m.tokens, cc.patterns))
    return except_hits(hits, m.find_any(cc.exceptions)) if cc.exceptions else hits


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
    sentence: int = 0,
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
        sentence=sentence,
        grounds=c.grounds,
    )


def _negated_note(answer: Answer, negated: list[Hit]) -> str:
    if not negated:
        return ""
    return f" ({_quote(answer.matcher.spans(negated))} is negated, so it does not count)"


SHAPE_NOTES = {
    "list": "a list of words rather than a sentence",
    "fragment": "words rather than a sentence",
    "salad": "packed with rubric words",
    "sarcasm": "said with a sneer",
}


def _where(answer: Answer, hit: Hit) -> str:
    sentence = answer.sentence_of(hit)
    if sentence.shape == SENTENCE:
        return f"sentence {sentence.number}"
    return f"sentence {sentence.number}, {SHAPE_NOTES[sentence.shape]}"


def _best(answer: Answer, hits: list[Hit]) -> Hit:
    """The hit in the best-formed sentence (the earliest of those)."""
    return max(hits, key=lambda h: (answer.weight_of(h), -h.first))


# -- kinds ---------------------------------------------------------------------------------


def judge_include(cc: CompiledCriterion, a: Answer, _: ScoreContext) -> CriterionResult:
    hits, negated = _split(cc, found(cc, a))
    c = cc.criterion
    if not hits:
        return _result(cc, MISSED, 0.0, "not found" + _negated_note(a, negated))
    best = _best(a, hits)
    weight = a.weight_of(best)
    ordered = [best] + [h for h in hits if h is not best]
    spans = a.matcher.spans(ordered)
    number = a.sentence_of(best).number
    where = _where(a, best)
    if len(hits) >= c.min_hits:
        status = MET if weight == 1.0 else MISSED
        evidence = f"found {_quote(spans)} ({where})"
        return _result(cc, status, c.points * weight, evidence, spans, None, number)
    partial = c.points * weight * len(hits) / c.min_hits
    evidence = f"found only {_quote(spans)} ({where})" + _negated_note(a, negated)
    return _result(cc, MISSED, partial, evidence, spans, None, number)


def judge_avoid(cc: CompiledCriterion, a: Answer, _: ScoreContext) -> CriterionResult:
    hits, negated = _split(cc, found(cc, a))
    note = _negated_note(a, negated)
    if "blame" in cc.criterion.concepts:
        regret = [h for h in hits if self_directed(a.tokens, h)]
        hits = [h for h in hits if h not in regret]
        if regret:
            note += f" ({_quote(a.matcher.spans(regret))} is aimed at yourself: regret, not blame)"
    if hits:
        spans = a.matcher.spans(hits)
        number = a.sentence_of(hits[0]).number
        evidence = f"found {_quote(spans)} (sentence {number})"
        return _result(
            cc, VIOLATED, -cc.criterion.penalty, evidence, spans, cc.criterion.cap, number
        )
    return _result(cc, MET, 0.0, "none found" + note)


def judge_filler(cc: CompiledCriterion, a: Answer, _: ScoreContext) -> CriterionResult:
    hits = found(cc, a)
    if not hits:
        return _result(cc, MET, 0.0, "none found")
    c = cc.criterion
    spans = a.matcher.spans(hits)
    penalty = min(c.penalty, c.per_hit * len(hits))
    evidence = f"{len(hits)} found: {_quote(spans)}"
    return _result(cc, VIOLATED, -penalty, evidence, spans, None, a.sentence_of(hits[0]).number)


def judge_length(cc: CompiledCriterion, a: Answer, _: ScoreContext) -> CriterionResult:
    c = cc.criterion
    words = a.tokens.word_count
    if words < c.min_words:
        evidence = f"{words} words; aim for {c.min_words}-{c.max_words}"
        return _result(cc, MISSED, c.points * words / c.min_words, evidence)
    if words <= c.max_words:
        return _result(cc, MET, c.points, f"{words} words")
    over = (words - c.max_words) / c.max_words
    earned = c.points * max(0.0, 1.0 - 2.0 * over)
    spans = [_from_word(a.tokens, c.max_words)]
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


def judge_specific(cc: CompiledCriterion, a: Answer, _: ScoreContext) -> CriterionResult:
    hits, _neg = _split(cc, found(cc, a))
    signals = [h for h in dedupe(hits + details(a.tokens)) if a.weight_of(h) == 1.0]
    vague, _neg = _split(cc, found(cc, a, counter=True))
    need = cc.criterion.min_hits
    spans = a.matcher.spans(signals)
    if len(signals) >= need:
        number = a.sentence_of(signals[0]).number
        return _result(
            cc, MET, cc.criterion.points, f"concrete: {_quote(spans)}", spans, None, number
        )
    vague_spans = a.matcher.spans(vague)
    evidence = f"vague: {_quote(vague_spans)}" if vague else "no concrete detail found"
    partial = cc.criterion.points * len(signals) / need
    return _result(cc, MISSED, partial, evidence, vague_spans + spans)


def details(tokens: Tokens) -> list[Hit]:
    """Numbers and names: a capitalised word that does not start a sentence. Capitals in an
    answer that shouts, and "Id"/"I'm" spelt without the apostrophe, are not names."""
    words = [i for i in range(len(tokens.words)) if not tokens.is_punct(i)]
    originals = {i: tokens.text[tokens.starts[i] : tokens.ends[i]] for i in words}
    capitals = sum(1 for w in originals.values() if len(w) > 1 and w.isupper())
    shouting = capitals > SHOUTING_SHARE * max(1, len(words))
    found = []
    for index in words:
        original, word = originals[index], tokens.words[index]
        if word[0].isdigit():
            found.append(Hit(index, index, False, False))
            continue
        capitalised = original[0].isupper() and word not in FIRST_PERSON | NOT_NAMES
        acronym = original.isupper() and len(original) > 1
        if capitalised and not tokens.sentence_start(index) and not (acronym and shouting):
            found.append(Hit(index, index, False, False))
    return found


def judge_confident(cc: CompiledCriterion, a: Answer, _: ScoreContext) -> CriterionResult:
    c = cc.criterion
    doubts = found(cc, a, counter=True)
    mine = [i for i, w in enumerate(a.tokens.words) if w in FIRST_PERSON]
    first_person = len(mine)
    if doubts:
        spans = a.matcher.spans(doubts)
        return _result(cc, MISSED, 0.0, f"undercuts itself: {_quote(spans)}", spans)
    if first_person < c.min_hits:
        evidence = f"{first_person} first-person words; speak for yourself (I, my)"
        return _result(cc, MISSED, c.points * first_person / c.min_hits, evidence)
    spans = [a.tokens.span(i, i) for i in mine[:3]]
    return _result(cc, MET, c.points, f"first person ({first_person}), no self-doubt", spans)


def judge_consistent(cc: CompiledCriterion, a: Answer, ctx: ScoreContext) -> CriterionResult:
    stated = reasons.stated_reasons(a.matcher)
    told = f'the record says you told them: "{ctx.told_reason}"'
    if not stated:
        return _result(cc, MET, 0.0, f"no other reason given; {told}")
    if set(stated) & ctx.told_categories:
        spans = a.matcher.spans([h for hits in stated.values() for h in hits])
        return _result(cc, MET, 0.0, f"consistent with the record ({told})", spans)
    hits = dedupe([h for hits in stated.values() for h in hits])
    spans = a.matcher.spans(hits)
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
