"""Questions from the record: the offer's company, people and what you told them fill the
question, and the record becomes part of the scoring context."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from tui.model import ContactRole, Offer
from tui.model.question import Question
from tui.rehearsal.context import ScoreContext
from tui.rehearsal.reasons import categories_of

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
SHORT_REASON_WORDS = 6


def offer_values(offer: Offer, today: dt.date | None = None) -> dict[str, str]:
    """Placeholder values the offer can supply; a missing value is left out."""
    values = {"company": offer.company.strip(), "role": offer.role.strip()}
    manager = offer.hiring_manager
    if manager is not None and manager.name.strip():
        values["manager"] = manager.name.strip()
    recruiters = offer.contacts_with_role(ContactRole.RECRUITER)
    named = [c.name.strip() for c in recruiters if c.name.strip()]
    values["recruiter"] = named[0] if named else "the recruiter"
    if offer.deadline is not None:
        values["deadline"] = deadline_phrase(offer.deadline, today or dt.date.today())
    if offer.told is not None:
        phrase = reason_phrase(offer.told.reason)
        if phrase:
            values["reason"] = phrase
    return {k: v for k, v in values.items() if v}


def deadline_phrase(deadline: dt.date, today: dt.date) -> str:
    """The respond-by date as an interviewer says it: "today", "tomorrow", "Friday",
    "Friday 4 December"; a date already past reads as the date itself."""
    days = (deadline - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    weekday = deadline.strftime("%A")
    if 1 < days < 7:
        return weekday
    return f"{weekday} {deadline.day} {deadline.strftime('%B')}"


# How an interviewer names a reason they remember, by the category the record mentions.
REASON_WORDS = {
    "money": "the pay",
    "travel": "the travel",
    "relocation": "the move",
    "family": "your family situation",
    "counter-offer": "your counter-offer",
    "other-offer": "the other offer",
    "role": "the role itself",
    "timing": "the timing",
}


def reason_phrase(reason: str) -> str:
    """A recorded reason in the interviewer's own words, never pasted in quotes: a short
    phrase as it reads inside a sentence ("the travel"), a longer one by what it is about
    ("the pay and the travel"); empty when neither fits (the generic wording is used)."""
    text = reason.strip().rstrip(".").strip()
    words = text.split()
    if not words:
        return ""
    if len(words) <= SHORT_REASON_WORDS and '"' not in text and not text.startswith("I "):
        return text[:1].lower() + text[1:]
    topics = [REASON_WORDS[c] for c in sorted(categories_of(text)) if c in REASON_WORDS]
    if not topics:
        return ""
    return (
        " and ".join(topics) if len(topics) <= 2 else ", ".join(topics[:-1]) + " and " + topics[-1]
    )


def fill(template: str, values: dict[str, str]) -> str | None:
    """The template with its placeholders filled (a sentence starts with a capital), or
    None if a value is missing."""
    names = _PLACEHOLDER.findall(template)
    if not template or any(name not in values for name in names):
        return None
    filled = _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
    return filled[:1].upper() + filled[1:]


def personalize(question: Question, offer: Offer | None, today: dt.date | None = None) -> Question:
    """The question as this offer's interviewer would put it. Falls back to the generic
    wording when the record lacks what a personal template needs."""
    if offer is None:
        return question
    values = offer_values(offer, today)
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
