"""Kinds of reason for saying no, to compare what an answer says with what the record says
you told them (revisit-a-declined-offer: revisit *why* you declined before you call).

The categories follow the reasons the articles list: money, travel, relocation, family or
care, staying with the current employer, another offer, the role itself, timing.
"""

from __future__ import annotations

from functools import cache

from tui.rehearsal.match import Cue, Hit, Matcher, Vocabulary, compile_cue, dedupe
from tui.rehearsal.text import SENTENCE_END, tokenize

CATEGORIES: dict[str, tuple[str, ...]] = {
    "money": ("salary", "money", "pay", "paid", "compensation", "bonus", "equity", "raise"),
    "travel": ("travel", "trips", "on the road", "flying", "time away"),
    "relocation": (
        "relocate",
        "relocation",
        "move",
        "moving",
        "location",
        "commute",
        "city",
        "distance",
    ),
    "family": (
        "family",
        "kids",
        "children",
        "child",
        "parent",
        "mother",
        "father",
        "ill",
        "sick",
        "care",
        "caring",
        "partner",
        "spouse",
        "health",
    ),
    "counter-offer": (
        "counter offer",
        "counteroffer",
        "current employer",
        "current job",
        "stay where",
        "stayed where",
        "promotion",
        "my manager asked me to stay",
    ),
    "other-offer": (
        "another offer",
        "other offer",
        "different offer",
        "another company",
        "other company",
        "took a job",
        "accepted a job",
        "another role",
    ),
    "role": (
        "role itself",
        "responsibilities",
        "job title",
        "scope",
        "not a fit",
        "wrong fit",
        "the work itself",
    ),
    "timing": ("not ready", "timing", "wasn't prepared", "not prepared", "too soon", "fear"),
}

# Words that mark a sentence as giving the reason for the no.
DECLINE_CUES = (
    "decline",
    "turn * down",
    "turned * down",
    "said no",
    "say no",
    "pass on",
    "passed on",
    "back out",
    "backed out",
    "withdraw",
    "withdrew",
    "reason",
    "didn't accept",
    "couldn't accept",
    "did not accept",
)


@cache
def _compiled() -> tuple[dict[str, tuple[Cue, ...]], tuple[Cue, ...], Vocabulary]:
    categories = {k: tuple(compile_cue(c) for c in v) for k, v in CATEGORIES.items()}
    decline = tuple(compile_cue(c) for c in DECLINE_CUES)
    stems = [s for cues in categories.values() for cue in cues for s in cue]
    stems += [s for cue in decline for s in cue]
    return categories, decline, Vocabulary(stems)


def vocabulary() -> Vocabulary:
    return _compiled()[2]


def categories_of(text: str) -> frozenset[str]:
    """Reason categories a free-text reason (the record's `told.reason`) mentions."""
    categories, _, vocab = _compiled()
    matcher = Matcher(tokenize(text), vocab)
    return frozenset(
        name
        for name, cues in categories.items()
        if any(not h.negated for h in matcher.find_any(cues))
    )


def stated_reasons(matcher: Matcher) -> dict[str, list[Hit]]:
    """Reason categories the answer gives *as the reason for the no*: a category word in a
    sentence that also talks about declining ("I turned it down because of the salary")."""
    categories, decline, _ = _compiled()
    sentences = _reason_sentences(matcher, decline)
    found: dict[str, list[Hit]] = {}
    for name, cues in categories.items():
        hits = [
            h
            for h in matcher.find_any(cues)
            if not h.negated and any(a <= h.first <= b for a, b in sentences)
        ]
        if hits:
            found[name] = dedupe(hits)
    return found


def _reason_sentences(matcher: Matcher, decline: tuple[Cue, ...]) -> list[tuple[int, int]]:
    tokens = matcher.tokens
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(tokens.words):
        if word in SENTENCE_END or index == len(tokens.words) - 1:
            bounds.append((start, index))
            start = index + 1
    marks = [h.first for h in matcher.find_any(decline)]
    return [(a, b) for a, b in bounds if any(a <= m <= b for m in marks)]
