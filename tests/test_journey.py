"""The decision flow without a screen: intend, move, record, and what gets closed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.content import journey
from tui.content.checklists import Checklist, load_checklists
from tui.content.progress import view
from tui.model import (
    Channel,
    Contact,
    ContactRole,
    Handling,
    IllegalTransition,
    Intent,
    LogKind,
    Offer,
    Status,
    ToldThem,
)
from tui.model.offer import intents_for
from tui.store.codec import offer_from_dict, offer_to_dict, prune
from tui.store.fastread import read_offer
from tui.store.offers import OfferStore

AT = dt.datetime(2026, 11, 20, 9, 0)
LATER = AT + dt.timedelta(hours=3)


@pytest.fixture(scope="module")
def checklists() -> dict[str, Checklist]:
    return load_checklists(None).items


def offer(status: Status = Status.RECEIVED) -> Offer:
    o = Offer("Northwind", "Staff Engineer", id="n", deadline=dt.date(2026, 11, 30))
    o.contacts.append(Contact("Dana Ruiz", ContactRole.HIRING_MANAGER, id="dana"))
    if status is not Status.RECEIVED:
        o.move_to(status, AT - dt.timedelta(days=10))
    return o


def test_each_status_offers_the_intentions_it_can_lead_to() -> None:
    assert intents_for(Status.RECEIVED) == [Intent.DECLINE]
    assert intents_for(Status.ACCEPTED) == [Intent.BACK_OUT]
    assert intents_for(Status.DECLINED) == [Intent.GO_BACK]
    assert intents_for(Status.BACKED_OUT) == []


def test_intending_attaches_the_playbook_and_keeps_the_status(
    checklists: dict[str, Checklist],
) -> None:
    o = offer()
    attached = journey.intend(o, Intent.DECLINE, AT, checklists, reason="closer to home")
    assert attached is not None and attached.id == "decline-gracefully"
    assert o.status is Status.RECEIVED
    assert o.intent is not None and o.intent.reason == "closer to home"
    # the steps' due times count from when I said it
    shown = view(o, "decline-gracefully", checklists, LATER)
    tell = shown.tick("tell-them")
    assert tell is not None and tell.due == AT + dt.timedelta(hours=24) and not tell.is_done


def test_an_intention_the_status_cannot_lead_to_is_refused(
    checklists: dict[str, Checklist],
) -> None:
    o = offer(Status.ACCEPTED)
    with pytest.raises(IllegalTransition, match="accepted can move to"):
        journey.intend(o, Intent.DECLINE, AT, checklists)
    assert o.intent is None and o.checklists == []


def test_recording_the_call_moves_closes_and_logs(checklists: dict[str, Checklist]) -> None:
    o = offer()
    playbook = journey.intend(o, Intent.DECLINE, AT, checklists, reason="closer to home")
    assert playbook is not None
    step = playbook.item("tell-them")
    assert step is not None and step.moves_to is Status.DECLINED
    telling = journey.Telling("closer to home", Channel.VOICEMAIL, AT.date(), notes="no answer")
    recorded = journey.record(o, playbook, step, telling, LATER, checklists)
    assert o.status is Status.DECLINED
    assert o.told is not None and o.told.reason == "closer to home" and o.told.notes == "no answer"
    assert recorded.entry.kind is LogKind.VOICEMAIL and recorded.entry.contact == "dana"
    assert o.log == [recorded.entry]
    assert o.history[-1].note == "no answer"  # private: on the move, never in a message
    closed = {c.key: c.reason for c in recorded.moved.closed} if recorded.moved else {}
    assert closed["decide-promptly"] == "the offer is declined now"
    assert "confirm-in-writing" not in closed  # still to do after the call
    done = o.progress_for("decline-gracefully").done  # type: ignore[union-attr]
    assert done["tell-them"].note == "by voicemail"


def test_moving_on_closes_the_old_playbook_but_keeps_what_was_done(
    checklists: dict[str, Checklist],
) -> None:
    o = offer()
    journey.intend(o, Intent.DECLINE, AT, checklists)
    o.told = None
    moved = journey.move(o, Status.DECLINED, AT, checklists)
    assert moved.attached is None  # the intention attached it already
    journey.intend(o, Intent.GO_BACK, LATER, checklists, what_changed="the travel is fine now")
    moved = journey.move(o, Status.RECONSIDERING, LATER, checklists, "private")
    done = o.progress_for("decline-gracefully").done  # type: ignore[union-attr]
    assert done["stay-in-touch"].not_needed == "the offer is reconsidering now"
    assert done["tell-them"].not_needed == ""  # the decline happened: done, not skipped
    assert done["tell-them"].at == AT
    assert "stay-in-touch" in {c.key for c in moved.closed}
    shown = view(o, "decline-gracefully", checklists, LATER + dt.timedelta(days=30))
    assert shown.overdue == []


def test_moving_without_an_intention_attaches_the_new_playbook(
    checklists: dict[str, Checklist],
) -> None:
    o = offer(Status.ACCEPTED)
    moved = journey.move(o, Status.BACKED_OUT, AT, checklists)
    assert moved.attached is not None and moved.attached.id == "back-out-of-accepted"
    assert o.progress_for("back-out-of-accepted") is not None


def test_a_playbook_applies_while_its_status_can_still_be_reached(
    checklists: dict[str, Checklist],
) -> None:
    decline = checklists["decline-gracefully"]
    assert journey.applies(decline, Status.RECEIVED)
    assert journey.applies(decline, Status.NEGOTIATING)
    assert journey.applies(decline, Status.DECLINED)
    assert not journey.applies(decline, Status.ACCEPTED)
    assert not journey.applies(decline, Status.RECONSIDERING)


def test_changing_course_before_the_call_closes_the_intended_playbook(
    checklists: dict[str, Checklist],
) -> None:
    o = offer()
    journey.intend(o, Intent.DECLINE, AT, checklists)
    moved = journey.move(o, Status.ACCEPTED, LATER, checklists)
    keys = {c.key for c in moved.closed if c.checklist.id == "decline-gracefully"}
    assert "tell-them" in keys and "be-sure" in keys


def test_going_back_prefills_what_changed_not_the_old_reason(
    checklists: dict[str, Checklist],
) -> None:
    o = offer(Status.DECLINED)
    o.told = ToldThem("I took a counter-offer", handling=Handling.LONG_DELAY)
    journey.intend(o, Intent.GO_BACK, AT, checklists, what_changed="that role was cut")
    assert journey.told_default(o, Status.RECONSIDERING) == "that role was cut"
    assert journey.told_default(o, Status.DECLINED) == "I took a counter-offer"


def test_the_checklist_command_shows_a_pending_intention(
    data_dir: Path, checklists: dict[str, Checklist], capsys: pytest.CaptureFixture[str]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    o = offer()
    journey.intend(o, Intent.DECLINE, AT, checklists, reason="closer to home")
    store.save(o)
    argv = ["--data-dir", str(data_dir), "checklist", o.id, "--now", "2026-11-20T12:00"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Intends to decline (said 2026-11-20 09:00); the offer moves to declined" in out
    assert "Decline gracefully  [0/" in out
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["intent"] == {
        "kind": "decline",
        "at": "2026-11-20T09:00:00",
        "leads_to": "declined",
        "pending": True,
    }


def test_rewording_an_intention_keeps_when_it_was_decided(
    checklists: dict[str, Checklist],
) -> None:
    o = offer()
    journey.intend(o, Intent.DECLINE, AT, checklists, reason="first try")
    journey.intend(o, Intent.DECLINE, LATER, checklists, reason="closer to home")
    assert o.intent is not None and o.intent.at == AT and o.intent.reason == "closer to home"
    assert [p.checklist for p in o.checklists] == ["decline-gracefully"]  # attached once


def test_the_intention_and_closed_steps_read_the_same_on_both_paths(
    checklists: dict[str, Checklist],
) -> None:
    o = offer()
    journey.intend(o, Intent.DECLINE, AT, checklists, reason="closer to home")
    journey.move(o, Status.DECLINED, LATER, checklists)
    table = prune(offer_to_dict(o))
    assert table["checklists"][0]["done"]["be-sure"]["not_needed"] == "the offer is declined now"
    fast = read_offer(dict(table), o.id)
    slow, errors = offer_from_dict(dict(table), o.id)
    assert errors == [] and fast is not None
    assert fast == slow == o
