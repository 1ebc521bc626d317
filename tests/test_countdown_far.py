"""The list's countdown stays short at the edges of the calendar: a deadline in year 9999
(valid in an offer file) showed as "in 2912104d", cut to "in" and "2912104" in the Due
column; a thousand days or more now count in years."""

from __future__ import annotations

import datetime as dt

from tui.model import Offer
from tui.model.countdown import short_countdown

TODAY = dt.date(2026, 12, 5)


def due(deadline: dt.date) -> str:
    return short_countdown(Offer(company="A", role="R", deadline=deadline), TODAY)


def test_near_deadlines_count_days() -> None:
    assert due(TODAY) == "today"
    assert due(TODAY + dt.timedelta(days=15)) == "in 15d"
    assert due(TODAY - dt.timedelta(days=12)) == "12d late"
    assert due(TODAY + dt.timedelta(days=999)) == "in 999d"


def test_far_deadlines_count_years_and_stay_short() -> None:
    assert due(dt.date(9999, 12, 31)) == "in 7973y"
    assert due(dt.date(1, 1, 1)) == "2025y late"
    assert max(len(due(d)) for d in (dt.date(9999, 12, 31), dt.date(1, 1, 1))) <= 10
