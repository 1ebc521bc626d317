"""Questions from the record: the offer's company, people and what you told them fill the
question, and the record becomes part of the scoring context."""

from __future__ import annotations

import re
from dataclasses import replace

from tui.model import Offer
from tui.model.question import Question
from tui.rehearsal.context import ScoreContext
from tui.rehearsal.reasons import categories_of

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
SHORT_REASON_WORDS = 6


def offer_values(offer: Offer) -> dict[str, str]:
    """Placeholder values the offer can supply; a missing value is left out."""
    values = {"company": offer.company.strip(), "role": offer.role.strip()}
    person = offer.hiring_manager
    if person is not None and person.name.strip():
        values["manager"] = person.name.strip()
    if offer.told is not None and offer.told.reason.strip():
        values["reason"] = reason_phrase(offer.told.reason)
    return {k: v for k, v in values.items() if v}


def reason_phrase(reason: str) -> str:
    """A recorded reason as it reads inside a sentence: a short phrase as is ("the travel"),
    a longer one quoted."""
    text = reason.strip().rstrip(".")
    if len(text.split()) <= SHORT_REASON_WORDS:
        return text[:1].lower() + text[1:] if not text.startswith("I ") else text
    return f'"{text}"'


def fill(template: str, values: dict[str, str]) -> str | None:
    """The template with its placeholders filled, or None if a value is missing."""
    names = _PLACEHOLDER.findall(template)
    if not template or any(name not in values for name in names):
        return None
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def personalize(question: Question, offer: Offer | None) -> Question:
    """The question as this offer's interviewer would put it. Falls back to the generic
    wording when the record lacks what a personal template needs."""
    if offer is None:
        return question
    values = offer_values(offer)
    text = fill(question.personal_text, values) or question.text
    context = fill(question.personal_context, values) or question.context
    if text == question.text and context == question.context:
        return question
    return replace(question, text=text, context=context)


def score_context(offer: Offer | None) -> ScoreContext:
    if offer is None:
        return ScoreContext()
    told = offer.told
    reason = told.reason.strip() if told is not None else ""
    return ScoreContext(
        handled_badly=told.handled_badly if told is not None else None,
        told_reason=reason,
        told_categories=categories_of(reason) if reason else frozenset(),
        offer_id=offer.id,
        company=offer.company,
    )
