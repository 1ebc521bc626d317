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

from tui.rehearsal.match import Hit, Matcher
from tui.rehearsal.text import CLAUSE_END, FIRST_PERSON, PUNCT, SENTENCE_END, Span, Tokens

SENTENCE = "sentence"
LIST = "list"  # words between commas, no sentence ("Thank you, grateful, stay in touch")
FRAGMENT = "fragment"  # words with no grammar at all ("Connect LinkedIn refer candidates")
SALAD = "salad"  # a sentence packed with rubric words ("Thank the decided not to grateful")
SARCASM = "sarcasm"  # said with a sneer ("Oh sure, I'd love to stay in touch")
# What a point found in a sentence of this shape is worth.
WEIGHT = {SENTENCE: 1.0, LIST: 0.2, FRAGMENT: 0.2, SALAD: 0.25, SARCASM: 0.0}

_FUNCTION_WORDS = (
    "a an the i i'm i've i'd i'll me my we we're we've our us you you're you've your it "
    "it's its he she they them their this that these those is are was were be been being am "
    "do does did have has had will would can could should shall may might must to of in on "
    "at for with from by as about into over after before since so and but or because if "
    "when while than then not no there here what which who how why just all any some more "
    "very too also again still let's now back just really well get got"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
# Words that put a strong word on someone else ("your team was clueless").
_OTHER_PARTY = (
    "you your you're you've yours they their them they're he she his her team recruiter "
    "manager managers company process panel interviewers interviewer boss hr people place "
    "side lot leadership onboarding communication firm employer department organisation "
    "organization everyone nobody guy staff contract paperwork interview interviews"
)
OTHER_PARTY = frozenset(_OTHER_PARTY.split())
_SELF = FIRST_PERSON | {"we", "we're", "we've", "our", "us"}
# A subject that makes a string of words someone's sentence.
SPEAKERS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd", "we'll"})


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
    found: dict[tuple[int, bool], list[Hit]] = field(default_factory=dict)  # per criterion
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

    def reshape(
        self, hits_by_criterion: Mapping[str, Iterable[Hit]], sneers: Iterable[Hit] = ()
    ) -> None:
        """Mark sentences packed with rubric hits from several criteria as salad, and those
        with a sarcastic marker as sarcasm."""
        sarcastic = {self.sentence_of(h).number for h in sneers}
        counts: dict[int, list[str]] = {}
        for criterion_id, hits in hits_by_criterion.items():
            for hit in hits:
                counts.setdefault(self.sentence_of(hit).number, []).append(criterion_id)
        reshaped = []
        for s in self.sentences:
            if s.number in sarcastic:
                s = Sentence(s.number, s.first, s.last, s.words, SARCASM)
            elif s.shape == SENTENCE and self._stuffed(s, counts.get(s.number, [])):
                s = Sentence(s.number, s.first, s.last, s.words, SALAD)
            reshaped.append(s)
        self.sentences = reshaped

    def _stuffed(self, s: Sentence, found: list[str]) -> bool:
        """Rubric hits from several criteria, packed tighter than people talk: half the
        words; or a third, with one point made three times over, with little grammar, or
        from three criteria with nobody speaking. ("I'm sorry, I've decided to withdraw my
        acceptance as my family is relocating" is dense, but someone says it.)"""
        criteria = set(found)
        if s.words < 5 or len(criteria) < 2:
            return False
        density = len(found) / s.words
        if density >= 0.5:
            return True
        words = [w for w in self.tokens.words[s.first : s.last + 1] if w not in PUNCT]
        grammar = sum(1 for w in words if w in FUNCTION_WORDS or w in FINITE) / len(words)
        repeated = max(found.count(c) for c in criteria)
        speaker = any(w in SPEAKERS for w in words)
        return density >= 0.3 and (
            repeated >= 3 or grammar < 0.25 or (len(criteria) >= 3 and not speaker)
        )

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
    return _listing(tokens, _telegraphic(tokens, sentences))


def _commas(tokens: Tokens, first: int, last: int) -> int:
    return sum(1 for i in range(first, last + 1) if tokens.words[i] in (",", ":"))


def _sentence(tokens: Tokens, number: int, first: int, last: int) -> Sentence:
    words = _words(tokens, Sentence(number, first, last, 0))
    commas = _commas(tokens, first, last)
    function = sum(1 for w in words if w in FUNCTION_WORDS)
    shape = SENTENCE
    if len(words) >= 8 and commas >= 3 and len(words) / (commas + 1) <= 3.5:
        shape = LIST
    elif len(words) >= 3 and function == 0:
        shape = FRAGMENT
    elif len(words) <= STUB_WORDS and _kind(words) == STUB and not _past(words):
        shape = FRAGMENT  # "LinkedIn.", "Hard decision." (but not "Things changed.")
    return Sentence(number, first, last, len(words), shape)


def _words(tokens: Tokens, s: Sentence) -> list[str]:
    return [tokens.words[i] for i in range(s.first, s.last + 1) if not tokens.is_punct(i)]


# -- fragments -----------------------------------------------------------------------------

CLAUSE, FORMULA, STUB = "clause", "formula", "stub"
STUB_WORDS = 3  # a stub this short is a fragment wherever it stands
CLAUSE_WORDS = 5  # this many words with some grammar among them read as a clause
# A subject, or a finite verb form, makes a string of words a clause; so does an imperative
# opening ("Stay in touch."). "Decided not to accept." and "Hard decision." have neither.
_SUBJECTS = (
    "i'd you you're you've you'd you'll it it's they they're they've they'd he she he's "
    "she's there there's that's this what's who's here's"
)
SUBJECTS = SPEAKERS | frozenset(_SUBJECTS.split())
_FINITE = (
    "is are was were am have has had will would can could should shall may might must do "
    "does did isn't aren't wasn't weren't haven't hasn't hadn't won't wouldn't can't cannot "
    "couldn't shouldn't don't doesn't didn't"
)
FINITE = frozenset(_FINITE.split())
_IMPERATIVES = (
    "keep stay let let's please feel give call drop reach send tell do don't wish take "
    "hope count consider"
)
IMPERATIVES = frozenset(_IMPERATIVES.split())
# Set phrases that stand as a sentence of their own ("No, thank you.", "Thanks for asking.",
# "Sorry about that.", "Good luck!"): they open with one of these words.
_OPENERS = (
    "thank thanks cheers sorry apologies many no yes yeah yep sure ok okay absolutely good "
    "best all congratulations of"
)
FORMULA_OPENERS = frozenset(_OPENERS.split())
_INTERJECTIONS = "yeah yes no oh well ok okay so honestly look"
INTERJECTIONS = frozenset(_INTERJECTIONS.split())
# Most sentences stubs (at least this many) and the whole answer reads as notes.
TELEGRAPHIC_STUBS = 3


def _kind(words: list[str]) -> str:
    opener = next((w for w in words if w not in INTERJECTIONS), words[0])
    if _subject(words) or any(w in FINITE for w in words) or opener in IMPERATIVES:
        return CLAUSE
    if len(words) >= CLAUSE_WORDS and any(w in FUNCTION_WORDS for w in words):
        return CLAUSE  # a noun subject and a verb we cannot tell: "The move fell through."
    if words[0] in FORMULA_OPENERS:
        return FORMULA
    return STUB


def _past(words: list[str]) -> bool:
    """A verb in the past after a noun, as in "Things changed." (or an adjective in -ed, as
    in "Still interested.": alone it is given the benefit of the doubt, in notes not)."""
    return any(w.endswith("ed") for w in words[1:])


def _subject(words: list[str]) -> bool:
    """Has a subject ("you" after "thank" is not one)."""
    return any(w in SUBJECTS and not (w == "you" and i and words[i - 1] == "thank")
               for i, w in enumerate(words))  # fmt: skip


def _telegraphic(tokens: Tokens, sentences: list[Sentence]) -> list[Sentence]:
    """An answer written as notes ("Thank you. Decided not to accept. Hard decision. Stay in
    touch. LinkedIn.") earns like a list of words: when stubs outnumber clauses, every
    sentence with no subject in it is a fragment, set phrases and imperatives included."""
    kinds = [_kind(_words(tokens, s)) for s in sentences]
    stubs = kinds.count(STUB)
    if stubs < TELEGRAPHIC_STUBS or stubs <= kinds.count(CLAUSE):
        return sentences
    return [
        s
        if s.shape != SENTENCE or _subject(_words(tokens, s))
        else Sentence(s.number, s.first, s.last, s.words, FRAGMENT)
        for s in sentences
    ]


def _listing(tokens: Tokens, sentences: list[Sentence]) -> list[Sentence]:
    """In an answer that lists, a shorter run of words between commas is a list too ("Sorry,
    I apologise, the inconvenience, the trouble."): alone it might be someone talking."""
    if not any(s.shape == LIST for s in sentences):
        return sentences
    return [
        Sentence(s.number, s.first, s.last, s.words, LIST)
        if s.shape == SENTENCE and _short_runs(tokens, s)
        else s
        for s in sentences
    ]


def _short_runs(tokens: Tokens, s: Sentence) -> bool:
    commas = _commas(tokens, s.first, s.last)
    return commas >= 2 and s.words / (commas + 1) <= 3.0


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
# Talk about jobs in general (a self-introduction) shares words with any question: with no
# content point made, it takes this share to count as on the question.
ON_TOPIC_ALONE = 0.5
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
        len(words) < MIN_CONTENT_WORDS
        or share >= ON_TOPIC_ALONE
        or (share >= ON_TOPIC_SHARE and content > 0)
        or content >= ON_TOPIC_CONTENT
    )
    return Relevance(share, len(words), on_topic)


SHOUTING_SHARE = 0.3  # of the words in capitals, with at least SHOUTING_WORDS of them
SHOUTING_WORDS = 3


def shouted(tokens: Tokens) -> list[Span]:
    """Words in capitals, when there are enough of them to read as shouting."""
    words = [i for i in range(len(tokens.words)) if not tokens.is_punct(i)]
    caps = [
        i
        for i in words
        if tokens.ends[i] - tokens.starts[i] > 1
        and tokens.text[tokens.starts[i] : tokens.ends[i]].isupper()
    ]
    if len(caps) < SHOUTING_WORDS or len(caps) < SHOUTING_SHARE * len(words):
        return []
    return [tokens.span(i, i) for i in caps]
