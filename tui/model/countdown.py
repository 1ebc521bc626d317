"""Human wording for deadlines, shared by the list, the details and the CLI."""

from __future__ import annotations

import datetime as dt

from tui.model.offer import DeadlineFlag, Offer


def countdown(offer: Offer, today: dt.date) -> str:
    days = offer.days_left(today)
    if days is None:
        return ""
    if not offer.awaiting_answer():
        return offer.deadline.isoformat() if offer.deadline else ""
    return _words(days)


def short_countdown(offer: Offer, today: dt.date) -> str:
    """At most 10 characters, for the list: `in 3d`, `today`, `4d late`, `in 7973y` (a
    thousand days or more count in years); blank once decided."""
    days = offer.days_left(today)
    if days is None or not offer.awaiting_answer():
        return ""
    if days == 0:
        return "today"
    span = f"{abs(days)}d" if abs(days) < 1000 else f"{int(abs(days) / 365.2425)}y"
    return f"{span} late" if days < 0 else f"in {span}"


def _words(days: int) -> str:
    if days < 0:
        return f"overdue {-days}d"
    if days == 0:
        return "due today"
    if days == 1:
        return "1 day left"
    return f"{days} days left"


def flag_word(flag: DeadlineFlag) -> str:
    return {DeadlineFlag.SOON: "soon", DeadlineFlag.OVERDUE: "overdue"}.get(flag, "")
