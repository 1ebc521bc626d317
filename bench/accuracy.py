"""Scoring accuracy against the graded development set (tests/scoring/*.toml).

Metrics, per set and per failure kind:
- pairwise accuracy: over pairs of answers to the same question with different grades, the
  share a method orders like the grades (a tie counts half). A kind's pairs are those with at
  least one answer of that kind, so it measures whether that kind lands in the right place
  among the other answers to its question;
- Spearman rank correlation between the method and the grades, over the kind's answers.

Methods: the scorer, word count, and a bag-of-words cosine between the answer and the
question's model answers (English stopwords removed, Snowball stems; the higher cosine of
the model answers).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import snowballstemmer

SETS = Path(__file__).resolve().parent.parent / "tests" / "scoring"
KINDS = (
    "plain",
    "cue-salad",
    "paraphrase",
    "money",
    "blame",
    "contradiction",
    "off-question",
    "false-hit",
    "floor",
)

# A common English stopword list (function words, auxiliaries, pronouns).
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's
    i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
    myself no nor not of off on once only or other ought our ours ourselves out over own same
    shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this
    those through to too under until up very was wasn't we we'd we'll we're we've were weren't
    what what's when when's where where's which while who who's whom why why's with won't
    would wouldn't you you'd you'll you're you've your yours yourself yourselves""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Graded:
    question: str
    grade: int
    kind: str
    why: str
    text: str
    part: str  # "dev" or "held-out"


def load(part: str) -> list[Graded]:
    name = {"dev": "dev.toml", "held-out": "held_out.toml"}[part]
    with (SETS / name).open("rb") as handle:
        rows = tomllib.load(handle)["answer"]
    return [Graded(r["question"], r["grade"], r["kind"], r["why"], r["text"], part) for r in rows]


def bag(text: str) -> Counter[str]:
    words = _WORD.findall(text.lower().replace("’", "'"))
    return Counter(_stemmer.stemWord(w) for w in words if w not in STOPWORDS)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def cosine_to_models(text: str, model_answers: Sequence[str]) -> float:
    answer = bag(text)
    return max((cosine(answer, bag(m)) for m in model_answers), default=0.0)


def pairwise(items: Sequence[Graded], values: Sequence[float], kind: str | None = None) -> float:
    right = total = 0.0
    for (a, x), (b, y) in combinations(zip(items, values, strict=True), 2):
        if a.question != b.question or a.grade == b.grade:
            continue
        if kind is not None and kind not in (a.kind, b.kind):
            continue
        total += 1
        got = x - y
        right += 0.5 if got == 0 else float((got > 0) == (a.grade > b.grade))
    return right / total if total else float("nan")


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    if len(xs) < 3:
        return float("nan")
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return cov / var if var else float("nan")


@dataclass(frozen=True)
class Row:
    label: str
    answers: int
    pairs: int
    pairwise: dict[str, float]
    spearman: dict[str, float]


def _pairs(items: Sequence[Graded], kind: str | None) -> int:
    return sum(
        1
        for a, b in combinations(items, 2)
        if a.question == b.question
        and a.grade != b.grade
        and (kind is None or kind in (a.kind, b.kind))
    )


def table(items: Sequence[Graded], methods: dict[str, Callable[[Graded], float]]) -> list[Row]:
    """One row for the whole set, then one per failure kind."""
    values = {name: [method(g) for g in items] for name, method in methods.items()}
    grades = [float(g.grade) for g in items]
    rows = []
    for kind in (None, *KINDS):
        chosen = [i for i, g in enumerate(items) if kind is None or g.kind == kind]
        if not chosen:
            continue
        pw = {name: pairwise(items, vals, kind) for name, vals in values.items()}
        sp = {
            name: spearman([vals[i] for i in chosen], [grades[i] for i in chosen])
            for name, vals in values.items()
        }
        rows.append(Row(kind or "all", len(chosen), _pairs(items, kind), pw, sp))
    return rows


@dataclass(frozen=True)
class Probe:
    question: str
    kind: str
    why: str
    better: str
    worse: str


def probes() -> list[Probe]:
    with (SETS / "probes.toml").open("rb") as handle:
        rows = tomllib.load(handle)["probe"]
    return [Probe(r["question"], r["kind"], r["why"], r["better"], r["worse"]) for r in rows]
