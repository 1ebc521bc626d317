"""What the scorer knows about the situation beyond the question: from the offer record."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoreContext:
    """`handled_badly` is None when unknown (no offer). `told_categories` are the reason
    categories of what the record says you told them (see reasons.py)."""

    handled_badly: bool | None = None
    told_reason: str = ""
    told_categories: frozenset[str] = frozenset()
    offer_id: str = ""
    company: str = ""


NO_CONTEXT = ScoreContext()
