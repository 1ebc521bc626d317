"""Tokens of an answer: words and punctuation with character spans, lower-cased and stemmed.

An answer is tokenised once per score; every criterion reads the same Tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[.,;:!?]")
PUNCT = frozenset(".,;:!?")
SENTENCE_END = frozenset(".!?")
CLAUSE_END = frozenset(".,;:!?")

# A word that turns the clause around it into its opposite ("not about the money").
NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "without", "neither", "nor", "none", "cannot"}
)
# Words that end a negated clause even without punctuation.
CLAUSE_BREAKS = frozenset({"but", "and", "because", "although", "though", "while"})
# "money wasn't the reason": a negator just after a cue, then one of these words.
DENIED_ROLE = frozenset({"reason", "issue", "point", "problem", "factor", "why", "about", "part"})
FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine"})

_stems: dict[str, str] = {}


@cache
def _english() -> Any:
    """snowballstemmer imports every language it has (3.5 MiB): on the first word stemmed,
    so starting the app does not pay for it."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """The snowball stem of a lower-case word, cached (answers reuse most words)."""
    found = _stems.get(word)
    if found is None:
        found = word if word in PUNCT else _english().stemWord(word)
        if len(_stems) > 50_000:
            _stems.clear()
        _stems[word] = found
    return found


def is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of the answer, and the text there."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Tokens:
    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # lower-case, straight apostrophes
    stems: list[str] = field(default_factory=list)
    word_count: int = 0
    positions: dict[str, list[int]] = field(default_factory=dict)  # stem -> token indexes

    def __len__(self) -> int:
        return len(self.words)

    def span(self, first: int, last: int) -> Span:
        start, end = self.starts[first], self.ends[last]
        return Span(start, end, self.text[start:end])

    def is_punct(self, index: int) -> bool:
        return self.words[index] in PUNCT

    def negated(self, index: int, window: int = 5) -> bool:
        """Is the token at `index` inside a negated clause ("I'm not here for the money")?"""
        for back in range(index - 1, max(-1, index - 1 - window), -1):
            word = self.words[back]
            if word in CLAUSE_END or word in CLAUSE_BREAKS:
                return False
            if is_negator(word):
                return True
        return False

    def negations_before(self, index: int, window: int = 5) -> int:
        """How many negators stand in the clause just before `index` ("can't pretend pay"
        has one; "I can't say it was not the pay" has two, which cancel)."""
        count = 0
        for back in range(index - 1, max(-1, index - 1 - window), -1):
            word = self.words[back]
            if word in CLAUSE_END or word in CLAUSE_BREAKS:
                break
            if is_negator(word):
                count += 1
        return count

    def denied_after(self, last: int) -> bool:
        """Is the phrase ending at `last` denied right after it ("the salary was never the
        reason")? A bare "the salary is not great" is still a mention."""
        ahead = self.words[last + 1 : last + 7]
        for offset, word in enumerate(ahead[:3]):
            if word in CLAUSE_END:
                return False
            if is_negator(word):
                rest = ahead[offset + 1 : offset + 4]
                return any(w in DENIED_ROLE for w in rest)
        return False

    def sentence_start(self, index: int) -> bool:
        return index == 0 or self.words[index - 1] in SENTENCE_END


def tokenize(text: str) -> Tokens:
    tokens = Tokens(text)
    starts, ends, words, stems = tokens.starts, tokens.ends, tokens.words, tokens.stems
    positions = tokens.positions
    count = 0
    for match in _TOKEN.finditer(text):
        word = match.group().lower().replace("’", "'")
        stemmed = _stems.get(word) or stem(word)
        positions.setdefault(stemmed, []).append(len(words))
        starts.append(match.start())
        ends.append(match.end())
        words.append(word)
        stems.append(stemmed)
        if word not in PUNCT:
            count += 1
    tokens.word_count = count
    return tokens


def word_count(text: str) -> int:
    return sum(1 for m in _TOKEN.finditer(text) if m.group() not in PUNCT)
