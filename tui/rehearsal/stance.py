"""The stance an answer takes on the offer (accepting, declining, withdrawing, asking to be
reconsidered, unsure), read from concept phrases, and whether it takes two that cannot both
be true: said and flatly denied, two stances the scenario cannot hold together, or a denial
of what the question says happened."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui.model.question import Question
from tui.rehearsal.concepts import concept
from tui.rehearsal.match import Hit, Matcher, dedupe, except_hits
from tui.rehearsal.reading import Answer
from tui.rehearsal.text import Span, Tokens, is_negator

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
    fitting: bool = False  # takes a stance the scenario calls for (so it is on the question)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stance": self.stance,
            "expected": self.expected,
            "contradiction": self.contradiction,
            "conflict": self.conflict,
            "spans": [s.to_dict() for s in self.spans],
            "fitting": self.fitting,
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
    # A stance named in a list of words or in notes is not taken ("decline, LinkedIn").
    taken = any(answer.weight_of(h) == 1.0 for h in fitting)
    return StanceReading(stance, expected, "", "", tuple(quote(fitting[:2])), taken)


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
