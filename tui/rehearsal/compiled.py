"""A question's rubric compiled for fast scoring: cue stems (its own and those of the
concepts it names), regexes, a typo index and the question's topic words, built once per
Question object and cached."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.model.question import Criterion, FollowUp, Question
from tui.rehearsal import reasons
from tui.rehearsal.concepts import all_stems, concept
from tui.rehearsal.match import Cue, Vocabulary, compile_cue, cue_stem
from tui.rehearsal.reading import FUNCTION_WORDS, GENERIC_TOPIC
from tui.rehearsal.text import tokenize

# Kinds whose concepts describe what counts against them (self-doubt for `confident`).
COUNTER_KINDS = ("confident", "specific")
# Kinds whose cues say what the question is about (not `specific`: its detail words, weeks,
# the team, a commute, fit any story).
TOPIC_KINDS = ("include", "avoid")


@dataclass(frozen=True)
class CompiledCriterion:
    criterion: Criterion
    cues: tuple[Cue, ...]
    counter_cues: tuple[Cue, ...]
    patterns: tuple[re.Pattern[str], ...]
    exceptions: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class CompiledFollowUp:
    follow_up: FollowUp
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class CompiledQuestion:
    question: Question
    criteria: tuple[CompiledCriterion, ...]
    follow_ups: tuple[CompiledFollowUp, ...]
    vocab: Vocabulary
    topic: frozenset[str] = frozenset()  # stems that make an answer about this question


_CACHE: dict[int, CompiledQuestion] = {}
_CACHE_LIMIT = 512


def compiled(question: Question) -> CompiledQuestion:
    """The compiled rubric of this question, keyed by the identity of its rubric (questions
    are loaded once; a personalised copy shares the rubric). The stored objects guard
    against a recycled id()."""
    key = id(question.rubric)
    found = _CACHE.get(key)
    if (
        found is not None
        and found.question.rubric is question.rubric
        and found.question.follow_ups is question.follow_ups
    ):
        return found
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    found = compile_question(question)
    _CACHE[key] = found
    return found


def compile_question(question: Question) -> CompiledQuestion:
    criteria = tuple(_criterion(c) for c in question.rubric.criteria)
    follow_ups = tuple(
        CompiledFollowUp(f, tuple(compile_cue(c) for c in f.when_any)) for f in question.follow_ups
    )
    stems = [s for c in criteria for cue in c.cues + c.counter_cues for s in cue]
    stems += [s for f in follow_ups for cue in f.cues for s in cue]
    stems += reasons.vocabulary().stems
    stems += all_stems()
    topic = _topic(question, criteria)
    return CompiledQuestion(question, criteria, follow_ups, Vocabulary(stems), topic)


def _criterion(criterion: Criterion) -> CompiledCriterion:
    extra = tuple(cue for name in criterion.concepts for cue in concept(name).cues)
    own = tuple(compile_cue(c) for c in criterion.cues)
    counter = tuple(compile_cue(c) for c in criterion.counter_cues)
    if criterion.kind in COUNTER_KINDS:
        counter += extra
    else:
        own += extra
    exceptions = tuple(compile_cue(c) for c in criterion.exceptions)
    exceptions += tuple(e for name in criterion.concepts for e in concept(name).exceptions)
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in criterion.patterns)
    return CompiledCriterion(criterion, own, counter, patterns, exceptions)


def _topic(question: Question, criteria: tuple[CompiledCriterion, ...]) -> frozenset[str]:
    """Stems of the question, the cues of its content and avoid criteria, and the words of any offer
    conversation (not the model answers: their incidental words, "got", "day", would make
    a holiday story look on topic)."""
    texts = [question.text, question.context, GENERIC_TOPIC]
    words = {s for text in texts for s in tokenize(text).stems}
    for cc in criteria:
        if cc.criterion.kind in TOPIC_KINDS:
            words.update(cue_stem(part) for cue in cc.cues for part in cue)
    return frozenset(w for w in words if w not in FUNCTION_WORDS)
