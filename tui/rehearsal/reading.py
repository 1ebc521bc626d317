"""Reading an answer as sentences: where each sentence starts and ends, whether it is a real
sentence or a list of words, which stance the answer takes on the offer (and whether it
takes two that cannot both be true), and whether it is about the question at all.

Pure and deterministic; everything here is computed once per score from the same Tokens.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.model.question import Question
from tui.rehearsal.concepts import concept
from tui.rehearsal.match import Hit, Matcher, dedupe, except_hits
from tui.rehearsal.text import CLAUSE_END, FIRST_PERSON, SENTENCE_END, Span, Tokens, is_negator

SENTENCE = "sentence"
LIST = "list"  # words between commas, no sentence ("Thank you, grateful, stay in touch")
FRAGMENT = "fragment"  # words with no grammar at all ("Connect LinkedIn refer candidates")
SALAD = "salad"  # a sentence packed with rubric words ("Thank the decided not to grateful")
# What a point found in a sentence of this shape is worth.
WEIGHT = {SENTENCE: 1.0, LIST: 0.2, FRAGMENT: 0.2, SALAD: 0.25}

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "me",
        "my",
        "we",
        "we're",
        "we've",
        "our",
        "us",
        "you",
        "you're",
        "you've",
        "your",
        "it",
        "it's",
        "its",
        "he",
        "she",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "about",
        "into",
        "over",
        "after",
        "before",
        "since",
        "so",
        "and",
        "but",
        "or",
        "because",
        "if",
        "when",
        "while",
        "than",
        "then",
        "not",
        "no",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "why",
        "just",
        "all",
        "any",
        "some",
        "more",
        "very",
        "too",
        "also",
        "again",
        "still",
        "let's",
        "now",
        "back",
        "just",
        "really",
        "well",
        "get",
        "got",
    ]
)
# Words that put a strong word on someone else ("your team was clueless").
OTHER_PARTY = frozenset(
    [
        "you",
        "your",
        "you're",
        "you've",
        "yours",
        "they",
        "their",
        "them",
        "they're",
        "he",
        "she",
        "his",
        "her",
        "team",
        "recruiter",
        "manager",
        "managers",
        "company",
        "process",
        "panel",
        "interviewers",
        "interviewer",
        "boss",
        "hr",
        "people",
        "place",
        "side",
        "lot",
        "leadership",
        "onboarding",
        "communication",
        "firm",
        "employer",
        "department",
        "organisation",
        "organization",
        "everyone",
        "nobody",
        "guy",
        "staff",
        "contract",
        "paperwork",
        "interview",
        "interviews",
    ]
)
_SELF = FIRST_PERSON | {"we", "we're", "we've", "our", "us"}


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based, as shown to the user
    first: int  # token indexes, inclusive
    last: int
    words: int
    shape: str = SENTENCE

    @property
    def weight(self) -> float:
        return WEIGHT[self.shape]


@dataclass
class Answer:
    """One answer as the criteria read it: tokens, the matcher, and its sentences."""

    tokens: Tokens
    matcher: Matcher
    sentences: list[Sentence] = field(default_factory=list)
    _firsts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = split(self.tokens)
        self._firsts = [s.first for s in self.sentences]

    def sentence_of(self, hit: Hit) -> Sentence:
        return self.sentences[max(0, bisect_right(self._firsts, hit.first) - 1)]

    def weight_of(self, hit: Hit) -> float:
        return self.sentence_of(hit).weight if self.sentences else 1.0

    def text_of(self, sentence: Sentence) -> str:
        return self.tokens.span(sentence.first, sentence.last).text

    def reshape(self, hits_by_criterion: Mapping[str, Iterable[Hit]]) -> None:
        """Mark sentences packed with rubric hits from several criteria as salad."""
        counts: dict[int, list[str]] = {}
        for criterion_id, hits in hits_by_criterion.items():
            for hit in hits:
                counts.setdefault(self.sentence_of(hit).number, []).append(criterion_id)
        reshaped = []
        for s in self.sentences:
            found = counts.get(s.number, [])
            dense = s.words >= 5 and len(found) / s.words >= 0.3
            packed = (len(set(found)) >= 2 and len(found) >= 4) or len(set(found)) >= 3
            if s.shape == SENTENCE and dense and packed:
                s = Sentence(s.number, s.first, s.last, s.words, SALAD)
            reshaped.append(s)
        self.sentences = reshaped

    @property
    def coherent_share(self) -> float:
        """The share of the words that stand in real sentences."""
        total = sum(s.words for s in self.sentences)
        good = sum(s.words for s in self.sentences if s.shape == SENTENCE)
        return good / total if total else 0.0


def split(tokens: Tokens) -> list[Sentence]:
    sentences: list[Sentence] = []
    first = 0
    for index, word in enumerate(tokens.words):
        if word in SENTENCE_END or word == ";" or index == len(tokens.words) - 1:
            if any(not tokens.is_punct(i) for i in range(first, index + 1)):
                sentences.append(_sentence(tokens, len(sentences) + 1, first, index))
            first = index + 1
    return sentences


def _sentence(tokens: Tokens, number: int, first: int, last: int) -> Sentence:
    words = [tokens.words[i] for i in range(first, last + 1) if not tokens.is_punct(i)]
    commas = sum(1 for i in range(first, last + 1) if tokens.words[i] == ",")
    function = sum(1 for w in words if w in FUNCTION_WORDS)
    shape = SENTENCE
    if commas >= 3 and len(words) / (commas + 1) <= 3.5:
        shape = LIST
    elif len(words) >= 3 and function == 0:
        shape = FRAGMENT
    return Sentence(number, first, last, len(words), shape)


# -- blame or regret -----------------------------------------------------------------------


def self_directed(tokens: Tokens, hit: Hit) -> bool:
    """Is a strong word aimed at the speaker ("I feel dreadful about the timing", "I was an
    idiot") rather than at someone else ("your team was clueless")? Reads the clause before
    the word: another party named there makes it blame."""
    clause: list[str] = []
    for index in range(hit.first - 1, -1, -1):
        word = tokens.words[index]
        if word in CLAUSE_END:
            break
        clause.append(word)
    if any(w in OTHER_PARTY for w in clause) or _aimed_at_other(tokens, hit.last + 1):
        return False
    return any(w in _SELF for w in clause)


_DETERMINERS = frozenset({"the", "a", "an", "that", "this", "those", "these", "all"})


def _aimed_at_other(tokens: Tokens, index: int) -> bool:
    """Is the word right after the strong word (past an article) another party ("I hate
    your recruiter", "I hated the process")? "I hate leaving you short" is not."""
    while index < len(tokens.words) and tokens.words[index] in _DETERMINERS:
        index += 1
    return index < len(tokens.words) and tokens.words[index] in OTHER_PARTY


# -- stance --------------------------------------------------------------------------------

STANCE_OF = {
    "accept": "accepting",
    "decline": "declining",
    "not-interested": "declining",
    "withdraw": "withdrawing",
    "reconsider": "reconsidering",
    "unsure": "unsure",
}
# Per scenario: the stances a fitting answer takes, and the ones it cannot also take.
FITTING = {
    "declining": ("decline", "withdraw", "declined-before"),
    "backing-out": ("withdraw", "decline"),
    "going-back": ("reconsider", "accept"),
    "deciding": (),
}
CONFLICTING = {
    "declining": ("accept", "refuse-contact"),
    "backing-out": ("accept",),
    "going-back": ("not-interested",),
    "deciding": (),
}
# What the question says already happened: denying it contradicts the question.
PREMISE = {"backing-out": "accepted-before", "going-back": "declined-before"}
# Said and denied in one answer ("I never turned you down ... I declined because").
SELF_CONTRADICTING = ("decline", "withdraw", "accept", "declined-before", "reconsider")
STANCE_CONCEPTS = (
    "accept",
    "decline",
    "not-interested",
    "withdraw",
    "reconsider",
    "unsure",
    "refuse-contact",
    "declined-before",
    "accepted-before",
)


@dataclass(frozen=True)
class StanceReading:
    stance: str  # accepting, declining, withdrawing, reconsidering, unsure, or "none"
    expected: str  # the question's stance, or "" when it names none
    contradiction: str = ""  # why the answer contradicts itself or the question
    conflict: str = ""  # a stance the question rules out, taken instead of a fitting one
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "stance": self.stance,
            "expected": self.expected,
            "contradiction": self.contradiction,
            "conflict": self.conflict,
            "spans": [s.to_dict() for s in self.spans],
        }


def concept_hits(matcher: Matcher, name: str) -> list[Hit]:
    c = concept(name)
    return except_hits(matcher.find_any(c.cues), matcher.find_any(c.exceptions))


def read_stance(question: Question, answer: Answer) -> StanceReading:
    said: dict[str, list[Hit]] = {}
    denied: dict[str, list[Hit]] = {}
    for name in STANCE_CONCEPTS:
        hits = concept_hits(answer.matcher, name)
        said[name] = [h for h in hits if not h.negated]
        denied[name] = [h for h in hits if h.negated and _flatly_denied(answer.tokens, h)]
    stance = _main_stance(said)
    expected = question.stance
    quote = answer.matcher.spans
    scenario = question.scenario
    for name in SELF_CONTRADICTING:
        if said[name] and denied[name]:
            spans = quote(dedupe(said[name][:1] + denied[name][:1]))
            why = f"says {_q(spans[0])} and also {_q(spans[-1])}"
            return StanceReading(stance, expected, why, "", tuple(spans))
    premise = PREMISE.get(scenario)
    if premise and denied[premise] and not said[premise]:
        spans = quote(denied[premise][:1])
        why = f"{_q(spans[0])} denies what the question says happened"
        return StanceReading(stance, expected, why, "", tuple(spans))
    fitting = [h for name in FITTING[scenario] for h in said[name]]
    clashing = {name: said[name] for name in CONFLICTING[scenario] if said[name]}
    if clashing:
        name, hits = next(iter(clashing.items()))
        label = STANCE_OF.get(name, "refusing contact")
        if fitting:
            spans = quote(dedupe(fitting[:1] + hits[:1]))
            why = f"{_q(spans[0])} and {_q(spans[-1])} cannot both hold"
            return StanceReading(stance, expected, why, "", tuple(spans))
        return StanceReading(stance, expected, "", label, tuple(quote(hits[:2])))
    return StanceReading(stance, expected, "", "", tuple(quote(fitting[:2])))


_SOFTENERS = frozenset({"actually", "really", "ever", "even", "once", "exactly"})


def _flatly_denied(tokens: Tokens, hit: Hit) -> bool:
    """A negator right before the phrase ("I never turned you down", "I'm not backing out"),
    not one further back about something else ("couldn't justify turning that down")."""
    index = hit.first - 1
    while index >= 0 and tokens.words[index] in _SOFTENERS:
        index -= 1
    return index >= 0 and is_negator(tokens.words[index])


def _main_stance(said: Mapping[str, list[Hit]]) -> str:
    found = [
        (len(said[name]), -said[name][0].first, STANCE_OF[name]) for name in STANCE_OF if said[name]
    ]
    return max(found)[2] if found else "none"


def _q(span: Span) -> str:
    return f'"{span.text}"'


# -- relevance -----------------------------------------------------------------------------

# Words of any job-offer conversation: they make an answer on topic even when the
# question's own wording is not used.
GENERIC_TOPIC = (
    "offer role job position team company work interview manager start join accept decline "
    "decision thank sorry career hire hiring recruit candidate contract opportunity employer "
    "salary move family partner reason decide chose choose call time weeks months years "
    "project product research office commute travel relocate notice agreement sign signed "
    "colleague mind change changed"
)


@dataclass(frozen=True)
class Relevance:
    share: float  # of the answer's content words, the share on the question's topic
    words: int  # content words read
    on_topic: bool

    def to_dict(self) -> dict[str, Any]:
        return {"share": round(self.share, 2), "words": self.words, "on_topic": self.on_topic}


MIN_CONTENT_WORDS = 6  # fewer and the share says nothing
ON_TOPIC_SHARE = 0.35
# An answer that meets this share of the question's content criteria is about the question,
# whatever its other words.
ON_TOPIC_CONTENT = 0.35


def read_relevance(tokens: Tokens, topic: frozenset[str], content: float) -> Relevance:
    """How much of the answer is about the question: the share of its content words that are
    the question's topic words; off topic only if it also meets little of the rubric."""
    words = [
        s
        for w, s in zip(tokens.words, tokens.stems, strict=True)
        if len(w) >= 3 and w.isalpha() and w not in FUNCTION_WORDS
    ]
    if not words:
        return Relevance(0.0, 0, True)
    share = sum(1 for s in words if s in topic) / len(words)
    on_topic = (
        len(words) < MIN_CONTENT_WORDS or share >= ON_TOPIC_SHARE or content >= ON_TOPIC_CONTENT
    )
    return Relevance(share, len(words), on_topic)


@dataclass(frozen=True)
class Reading:
    """The whole-answer reading shown by `score --explain` and kept on the Score."""

    sentences: tuple[tuple[int, str, str], ...]  # (number, shape, text)
    stance: StanceReading
    relevance: Relevance

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [{"number": n, "shape": s, "text": t} for n, s, t in self.sentences],
            "stance": self.stance.to_dict(),
            "relevance": self.relevance.to_dict(),
        }
