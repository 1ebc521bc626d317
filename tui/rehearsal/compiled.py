"""A question's rubric compiled for fast scoring: cue stems, regexes and a typo index,
built once per Question object and cached."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.model.question import Criterion, FollowUp, Question
from tui.rehearsal import reasons
from tui.rehearsal.match import Cue, Vocabulary, compile_cue


@dataclass(frozen=True)
class CompiledCriterion:
    criterion: Criterion
    cues: tuple[Cue, ...]
    counter_cues: tuple[Cue, ...]
    patterns: tuple[re.Pattern[str], ...]


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
    return CompiledQuestion(question, criteria, follow_ups, Vocabulary(stems))


def _criterion(criterion: Criterion) -> CompiledCriterion:
    return CompiledCriterion(
        criterion,
        tuple(compile_cue(c) for c in criterion.cues),
        tuple(compile_cue(c) for c in criterion.counter_cues),
        tuple(re.compile(p, re.IGNORECASE) for p in criterion.patterns),
    )
