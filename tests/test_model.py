"""The offer lifecycle and deadline rules."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.model import Compensation, DeadlineFlag, IllegalTransition, Offer, Status
from tui.model.countdown import countdown
from tui.model.status import TRANSITIONS

LEGAL = [(src, dst) for src, targets in TRANSITIONS.items() for dst in targets]


def offer_in(status: Status) -> Offer:
    return Offer("Acme", "Dev", status=status)


@pytest.mark.parametrize(("src", "dst"), LEGAL, ids=[f"{a}->{b}" for a, b in LEGAL])
def test_every_legal_transition_is_recorded(src: Status, dst: Status) -> None:
    offer = offer_in(src)
    at = dt.datetime(2026, 11, 23, 9, 30)
    offer.move_to(dst, at, "why")
    assert offer.status is dst
    last = offer.history[-1]
    assert (last.at, last.from_status, last.to_status, last.note) == (at, src, dst, "why")


def test_the_documented_paths_exist() -> None:
    for path in (
        ["received", "negotiating", "accepted", "backed-out"],
        ["received", "negotiating", "declined", "reconsidering", "re-offered", "accepted"],
        ["received", "accepted", "started"],
        ["received", "negotiating", "rescinded"],
        ["received", "expired"],
        ["received", "declined", "reconsidering", "closed"],
    ):
        offer = offer_in(Status(path[0]))
        for step in path[1:]:
            offer.move_to(Status(step), dt.datetime(2026, 1, 1))
        assert len(offer.history) == len(path) - 1


def test_illegal_transition_names_the_allowed_ones() -> None:
    offer = offer_in(Status.DECLINED)
    with pytest.raises(IllegalTransition) as err:
        offer.move_to(Status.ACCEPTED, dt.datetime(2026, 1, 1))
    assert "can move to reconsidering" in str(err.value)
    assert offer.status is Status.DECLINED and offer.history == []


def test_final_status_says_it_is_final() -> None:
    with pytest.raises(IllegalTransition, match="is final"):
        offer_in(Status.STARTED).move_to(Status.DECLINED, dt.datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("days", "flag", "words"),
    [
        (10, DeadlineFlag.OK, "10 days left"),
        (3, DeadlineFlag.SOON, "3 days left"),
        (1, DeadlineFlag.SOON, "1 day left"),
        (0, DeadlineFlag.SOON, "due today"),
        (-2, DeadlineFlag.OVERDUE, "overdue 2d"),
    ],
)
def test_deadline_flags(days: int, flag: DeadlineFlag, words: str) -> None:
    today = dt.date(2026, 11, 23)
    offer = Offer("Acme", "Dev", deadline=today + dt.timedelta(days=days))
    assert offer.deadline_flag(today) is flag
    assert countdown(offer, today) == words


def test_deadline_does_not_nag_once_decided() -> None:
    today = dt.date(2026, 11, 23)
    offer = Offer("Acme", "Dev", status=Status.DECLINED, deadline=today - dt.timedelta(days=5))
    assert offer.deadline_flag(today) is DeadlineFlag.NONE


def test_yearly_compensation() -> None:
    comp = Compensation(base=100, bonus=10, equity_yearly=5, sign_on=50)
    assert (comp.yearly(), comp.first_year()) == (115, 165)
    assert Compensation().yearly() is None
