"""Finding cue phrases in an answer: stems (inflection), a small edit distance (typos),
`*` gaps ("turned * down"), exact words (`=turned`: the past, not "turn"), and negation
("not about the money"; two negators cancel: "can't pretend pay played no part").

Cues are compiled once per question into stem tuples; typo candidates come from a
deletion-neighbourhood index over the question's vocabulary and are confirmed with
rapidfuzz, so an answer is matched without comparing every word with every cue.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from tui.rehearsal.text import PUNCT, Span, Tokens, stem

GAP = "*"
EXACT = "="
MAX_GAP = 3  # a `*` stands for up to this many words
_CUE_PART = re.compile(r"\*|=?[A-Za-z0-9]+(?:['’-][A-Za-z]+)*|[.,;:!?]")

Cue = tuple[str, ...]


def compile_cue(phrase: str) -> Cue:
    """Stems, `*` gaps, and `=word` kept as written (matched against the word, not its stem).
    A hyphenated word is two words, as the tokenizer reads it."""
    parts: list[str] = []
    for match in _CUE_PART.finditer(phrase):
        word = match.group().lower().replace("’", "'")
        if word == GAP:
            parts.append(word)
        elif word.startswith(EXACT):
            parts.extend(EXACT + w for w in word[1:].split("-"))
        else:
            parts.extend(stem(w) for w in word.split("-"))
    return tuple(parts)


def cue_stem(part: str) -> str:
    """The stem a cue part is indexed under (an exact word is found through its stem)."""
    return stem(part[1:]) if part.startswith(EXACT) else part


@cache
def _edit_distance() -> Callable[..., int]:
    """rapidfuzz's OSA distance, imported on the first typo looked up: rapidfuzz is 3.6 MiB
    of modules that starting the app does not need."""
    from rapidfuzz.distance import OSA

    return OSA.distance


def allowed_edits(a: str, b: str) -> int:
    """Typos tolerated between two stems: none for short words ("think" is not "thank")."""
    shortest = min(len(a), len(b))
    if shortest >= 9:
        return 2
    if shortest >= 6:
        return 1
    return 0


def _deletes(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


class Vocabulary:
    """The stems a question's cues use, with an index for near misses."""

    def __init__(self, stems: Iterable[str]) -> None:
        self.stems = frozenset(
            s for s in stems if s != GAP and s not in PUNCT and not s.startswith(EXACT)
        )
        self._index: dict[str, list[str]] = {}
        for word in sorted(self.stems):
            depth = 2 if len(word) >= 9 else 1 if len(word) >= 6 else 0
            for key in _deletes(word, depth):
                self._index.setdefault(key, []).append(word)
        self._close: dict[str, tuple[str, ...]] = {}

    def close(self, word: str) -> tuple[str, ...]:
        """Vocabulary stems within a typo or two of `word` (not `word` itself)."""
        found = self._close.get(word)
        if found is None:
            found = self._lookup(word)
            if len(self._close) > 20_000:
                self._close.clear()
            self._close[word] = found
        return found

    def _lookup(self, word: str) -> tuple[str, ...]:
        if len(word) < 5 or not word.isalpha():
            return ()
        candidates: set[str] = set()
        for key in _deletes(word, 2 if len(word) >= 8 else 1):
            candidates.update(self._index.get(key, ()))
        candidates.discard(word)
        distance = _edit_distance()
        return tuple(
            sorted(
                c
                for c in candidates
                if distance(word, c, score_cutoff=allowed_edits(word, c)) <= allowed_edits(word, c)
            )
        )


@dataclass(frozen=True, slots=True)
class Hit:
    first: int  # token indexes, inclusive
    last: int
    negated: bool
    fuzzy: bool


class Matcher:
    """One answer's tokens against one question's vocabulary."""

    def __init__(self, tokens: Tokens, vocab: Vocabulary) -> None:
        self.tokens = tokens
        self._found: dict[tuple[Cue, bool], list[Hit]] = {}
        self._near: dict[str, tuple[str, ...]] = {}  # answer stem -> vocab stems it resembles
        self._near_positions: dict[str, list[int]] = {}
        for word, places in tokens.positions.items():
            if word in vocab.stems:
                continue
            close = vocab.close(word)
            if close:
                self._near[word] = close
                for target in close:
                    self._near_positions.setdefault(target, []).extend(places)

    def find(self, cue: Cue, fuzzy: bool = True) -> list[Hit]:
        if not cue:
            return []
        first = cue[0]
        # Most cues of a rubric are absent from any one answer: skip them cheaply.
        if (
            first[0] != EXACT
            and first not in self.tokens.positions
            and not (fuzzy and first in self._near_positions)
        ):
            return []
        key = (cue, fuzzy)
        found = self._found.get(key)
        if found is None:
            found = self._find(cue, fuzzy)
            self._found[key] = found
        return found

    def _find(self, cue: Cue, fuzzy: bool) -> list[Hit]:
        places: Sequence[int] | None
        if cue[0].startswith(EXACT):
            word = cue[0][1:]
            places = [
                p
                for p in self.tokens.positions.get(cue_stem(cue[0]), ())
                if self.tokens.words[p] == word
            ]
            near: list[int] | None = None
        else:
            places = self.tokens.positions.get(cue[0], [])
            near = self._near_positions.get(cue[0]) if fuzzy else None
        if near:
            places = sorted([*places, *near])
        if not places:
            return []
        if len(cue) == 1:
            return [self._hit(place, place, cue) for place in places]
        hits = []
        for place in places:
            last = self._rest(cue, 1, place, fuzzy)
            if last is not None:
                hits.append(self._hit(place, last, cue))
        return hits

    def find_any(self, cues: Iterable[Cue], fuzzy: bool = True) -> list[Hit]:
        hits = [hit for cue in cues for hit in self.find(cue, fuzzy)]
        return dedupe(hits)

    def _hit(self, first: int, last: int, cue: Cue) -> Hit:
        stems = self.tokens.stems
        fuzzy = any(
            stems[i] not in cue and any(t in cue for t in self._near.get(stems[i], ()))
            for i in range(first, last + 1)
        )
        denials = self.tokens.negations_before(first) + self.tokens.denied_after(last)
        return Hit(first, last, denials % 2 == 1, fuzzy)

    def _is(self, index: int, part: str, fuzzy: bool) -> bool:
        if part.startswith(EXACT):
            return self.tokens.words[index] == part[1:]
        word = self.tokens.stems[index]
        return word == part or (fuzzy and part in self._near.get(word, ()))

    def _rest(self, cue: Cue, k: int, at: int, fuzzy: bool) -> int | None:
        """Match cue[k:] right after token `at`; the index of the last token, or None."""
        if k == len(cue):
            return at
        size = len(self.tokens.words)
        if cue[k] != GAP:
            nxt = at + 1
            if nxt < size and self._is(nxt, cue[k], fuzzy):
                return self._rest(cue, k + 1, nxt, fuzzy)
            return None
        for gap in range(MAX_GAP + 1):
            nxt = at + 1 + gap
            if nxt >= size or (gap and self.tokens.is_punct(at + gap)):
                return None
            if self._is(nxt, cue[k + 1], fuzzy):
                last = self._rest(cue, k + 2, nxt, fuzzy)
                if last is not None:
                    return last
        return None

    def spans(self, hits: Iterable[Hit]) -> list[Span]:
        return [self.tokens.span(h.first, h.last) for h in hits]


def except_hits(hits: list[Hit], exceptions: list[Hit]) -> list[Hit]:
    """Hits that are not part of a longer excepted phrase ("you know" in "let you know")."""
    if not exceptions:
        return hits
    return [h for h in hits if not any(e.first <= h.last and h.first <= e.last for e in exceptions)]


def dedupe(hits: list[Hit]) -> list[Hit]:
    """Hits in answer order, dropping any that overlap an earlier, longer one."""
    out: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.first, -(h.last - h.first))):
        if out and hit.first <= out[-1].last:
            continue
        out.append(hit)
    return out


def pattern_hits(tokens: Tokens, patterns: Iterable[re.Pattern[str]]) -> list[Hit]:
    """Regular-expression matches, as token hits (so negation and spans work the same)."""
    hits = []
    for pattern in patterns:
        for match in pattern.finditer(tokens.text):
            first = _token_at(tokens, match.start())
            last = _token_at(tokens, max(match.start(), match.end() - 1))
            if first is not None and last is not None:
                hits.append(Hit(first, last, tokens.negated(first), False))
    return hits


def _token_at(tokens: Tokens, offset: int) -> int | None:
    index = bisect_right(tokens.starts, offset) - 1
    return index if index >= 0 else None
