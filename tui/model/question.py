"""Rehearsal questions as data: a Question with its Rubric of Criterion entries and the
FollowUp questions an interviewer may ask next. Parsed from guidance TOML by
`tui.content.questions`, scored by `tui.rehearsal`."""

from __future__ import annotations

from dataclasses import dataclass

SCENARIOS = ("declining", "backing-out", "going-back", "deciding")
POSITIVE_KINDS = ("include", "length", "specific", "confident")
NEGATIVE_KINDS = ("avoid", "filler", "consistent")
KINDS = POSITIVE_KINDS + NEGATIVE_KINDS
WHEN = ("always", "handled-badly", "handled-cleanly")
# What an answer can do with the offer, as the scorer reads it (a question's `stance` says
# which one the answer should take).
STANCES = ("accepting", "declining", "withdrawing", "reconsidering", "unsure")
# Concept lexicons a criterion can name (`concepts`); the phrases live in the rehearsal
# package (tui/rehearsal/concepts.toml), which must define exactly these.
CONCEPTS = (
    "gratitude",
    "decline",
    "not-interested",
    "withdraw",
    "accept",
    "declined-before",
    "accepted-before",
    "reconsider",
    "unsure",
    "refuse-contact",
    "money",
    "bargaining",
    "blame",
    "considered",
    "timing",
    "apology",
    "cost",
    "keep-in-touch",
    "referral",
    "reaffirm",
    "change",
    "easy-out",
    "certain",
    "filler",
    "hedge",
    "sarcasm",
)
PLACEHOLDERS = frozenset({"company", "role", "manager", "recruiter", "deadline", "reason"})
SOURCES = (
    "back-out-of-an-accepted-offer",
    "changing-your-mind-about-an-offer",
    "decline-an-offer-gracefully",
    "revisit-a-declined-offer",
)
# Offer statuses a scenario fits, unless a question lists its own `statuses`.
SCENARIO_STATUSES: dict[str, tuple[str, ...]] = {
    "declining": ("received", "negotiating", "re-offered"),
    "backing-out": ("accepted",),
    "going-back": ("declined", "expired", "reconsidering"),
    "deciding": ("received", "negotiating", "re-offered"),
}


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    kind: str
    source: str
    suggestion: str
    points: float = 0.0  # earned when met (positive kinds)
    penalty: float = 0.0  # deducted when violated (negative kinds; rambling for `length`)
    cues: tuple[str, ...] = ()
    counter_cues: tuple[str, ...] = ()  # vague wording (`specific`), self-doubt (`confident`)
    patterns: tuple[str, ...] = ()  # regular expressions on the raw answer
    when: str = "always"
    min_hits: int = 1
    per_hit: float = 0.0  # `filler`: penalty per occurrence, up to `penalty`
    min_words: int = 0
    max_words: int = 0
    cap: int | None = None  # score ceiling when violated
    negation: bool = True
    fuzzy: bool = True
    concepts: tuple[str, ...] = ()  # concept lexicons whose phrases count as cues
    exceptions: tuple[str, ...] = ()  # longer phrases in which a cue does not count
    grounds: str = ""  # the article passage behind the criterion (locator: paraphrase)

    @property
    def positive(self) -> bool:
        return self.kind in POSITIVE_KINDS


@dataclass(frozen=True)
class Rubric:
    criteria: tuple[Criterion, ...]
    pass_mark: int = 70

    def get(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


@dataclass(frozen=True)
class FollowUp:
    """A question the interviewer is likely to ask next, given what the answer did."""

    id: str
    text: str
    when_any: tuple[str, ...] = ()  # cue phrases in the answer
    when_missed: tuple[str, ...] = ()  # criterion ids not met
    when_violated: tuple[str, ...] = ()  # criterion ids violated


@dataclass(frozen=True)
class Question:
    id: str
    scenario: str
    title: str
    text: str
    context: str
    source: str
    rubric: Rubric
    model_answers: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...] = ()
    personal_text: str = ""  # with {company} {role} {manager} {reason}, used for an offer
    personal_context: str = ""
    statuses: tuple[str, ...] = ()
    stance: str = ""  # the stance a good answer takes (STANCES); "" = none expected

    def fits_status(self, status: str) -> bool:
        return status in (self.statuses or SCENARIO_STATUSES[self.scenario])
