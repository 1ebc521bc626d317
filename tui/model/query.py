"""Filtering and sorting the offer list (pure, so it is fast to test and to bench)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

from tui.model.offer import Offer


class SortBy(StrEnum):
    DEADLINE = "deadline"
    COMPANY = "company"
    STATUS = "status"
    RECEIVED = "received"


_FAR = dt.date.max


def search_text(offer: Offer) -> str:
    """Everything the filter looks at, lower-cased once per offer."""
    people = " ".join(c.name for c in offer.contacts)
    return f"{offer.company} {offer.role} {offer.location} {offer.status.value} {people}".lower()


def matches(haystack: str, query: str) -> bool:
    """Every word of the query appears somewhere (order-free, case-insensitive)."""
    return all(word in haystack for word in query.lower().split())


def sort_key(by: SortBy) -> Callable[[Offer], tuple[Any, ...]]:
    if by is SortBy.DEADLINE:
        # Offers still awaiting an answer first, soonest deadline first.
        return lambda o: (not o.awaiting_answer(), o.deadline or _FAR, o.company.lower())
    if by is SortBy.COMPANY:
        return lambda o: (o.company.lower(), o.role.lower())
    if by is SortBy.STATUS:
        return lambda o: (o.status.value, o.company.lower())
    return lambda o: (o.received or _FAR, o.company.lower())


def keep_matching(offers: Iterable[Offer], query: str, index: dict[str, str]) -> list[Offer]:
    """Offers matching `query`, in their given order. `index` maps offer id -> search_text.
    The query is split once, not once per offer (this runs on every filter keystroke)."""
    words = query.lower().split()
    if not words:
        return list(offers)
    first, *others = words  # one word is the common case: no all() per offer for it
    chosen = [o for o in offers if first in index[o.id]]
    for word in others:
        chosen = [o for o in chosen if word in index[o.id]]
    return chosen


class Matches:
    """Each query's matching offers, kept for one list of offers (in one order): a
    backspace finds a result again, and a query typed on from a kept one searches only
    that one's offers, since its words contain the kept query's words."""

    KEPT = 64

    def __init__(self) -> None:
        self._offers: list[Offer] | None = None
        self._found: dict[str, list[Offer]] = {}

    def matching(self, offers: list[Offer], query: str, index: dict[str, str]) -> list[Offer]:
        """keep_matching(offers, query, index); `offers` is the same list (not a copy)
        while the offers and their order are unchanged."""
        if offers is not self._offers:
            self._offers, self._found = offers, {}
        query = " ".join(query.lower().split())
        found = self._found.get(query)
        if found is None:
            base = max((q for q in self._found if query.startswith(q)), key=len, default=None)
            found = keep_matching(offers if base is None else self._found[base], query, index)
            if len(self._found) >= self.KEPT:
                self._found.clear()
            self._found[query] = found
        return found


def visible(offers: Iterable[Offer], query: str, by: SortBy, index: dict[str, str]) -> list[Offer]:
    """Offers matching `query`, sorted. `index` maps offer id -> search_text (cached).
    Sorting is stable, so filtering an already sorted list gives the same order."""
    chosen = keep_matching(offers, query, index)
    chosen.sort(key=sort_key(by))
    return chosen
