"""The decision flow, in the order the articles give it: say what you intend, and its
playbook attaches at once; the playbook walks through being certain, the checks, the
rehearsal and the script; recording what you told them is one of its steps and moves the
status; whatever no longer applies once the offer moves on is closed as not needed.

Pure: it changes model objects in memory; the caller saves them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.content import progress
from tui.content.checklists import Checklist, ChecklistItem
from tui.model import (
    Channel,
    Handling,
    Intent,
    Intention,
    ItemDone,
    LogEntry,
    LogKind,
    Offer,
    Status,
    ToldThem,
    allowed_next,
)
from tui.model.offer import INTENT_STATUS
from tui.model.status import TELLING_STATUSES

_LOG_KIND = {
    Channel.PHONE: LogKind.CALL,
    Channel.VIDEO: LogKind.CALL,
    Channel.VOICEMAIL: LogKind.VOICEMAIL,
    Channel.EMAIL: LogKind.EMAIL,
    Channel.IN_PERSON: LogKind.MEETING,
}


def playbook_id(kind: Intent) -> str:
    """The checklist an intention attaches: the one for the status it leads to."""
    return progress.PRIMARY[INTENT_STATUS[kind]]


def intend(
    offer: Offer,
    kind: Intent,
    at: dt.datetime,
    checklists: Mapping[str, Checklist],
    reason: str = "",
    what_changed: str = "",
) -> Checklist | None:
    """Record the intention and attach its playbook (returned; None if it is not loaded).
    Raises IllegalTransition when the offer's status cannot lead there."""
    offer.intend(kind, at, reason, what_changed)
    checklist = checklists.get(playbook_id(kind))
    if checklist is not None:
        progress.attach(offer, checklist.id, at)
    return checklist


# -- closing what no longer applies -------------------------------------------------------


def applies(checklist: Checklist, status: Status) -> bool:
    """A checklist applies in its own statuses and in those that can still lead to one."""
    if not checklist.for_status:
        return True
    reachable = set(allowed_next(status))
    return status in checklist.for_status or bool(reachable & set(checklist.for_status))


@dataclass(frozen=True)
class Closed:
    checklist: Checklist
    key: str
    label: str
    reason: str


def _open_keys(offer: Offer, checklist: Checklist, item: ChecklistItem) -> list[str]:
    found = offer.progress_for(checklist.id)
    done = found.done if found else {}
    return [key for key, _ in progress.expand(offer, item) if key not in done]


def close_not_needed(
    offer: Offer, checklists: Mapping[str, Checklist], old: Status, at: dt.datetime
) -> list[Closed]:
    """After a move from `old` to the offer's status: close every open tick that no longer
    applies, with the reason, so nothing is left due that nobody should do."""
    new = offer.status
    closed: list[Closed] = []
    for attached in offer.checklists:
        checklist = checklists.get(attached.checklist)
        if checklist is None:
            continue
        over = applies(checklist, old) and not applies(checklist, new)
        for item in checklist.items:
            if not over and new not in item.not_needed_in:
                continue
            reached = _reached(offer, item.moves_to)
            reason = f"the offer is {new.value} now"
            for key in _open_keys(offer, checklist, item):
                if reached is not None:  # the conversation happened: the move says so
                    attached.done[key] = ItemDone(at=reached, note=f"moved to {item.moves_to}")
                    continue
                attached.done[key] = ItemDone(at=at, not_needed=reason)
                closed.append(Closed(checklist, key, item.text, reason))
    return closed


def _reached(offer: Offer, status: Status | None) -> dt.datetime | None:
    """When the offer last moved into `status` (a step's `moves_to`), if it ever did."""
    if status is None:
        return None
    moves = [step.at for step in offer.history if step.to_status is status]
    return moves[-1] if moves else None


# -- moving the offer ---------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    old: Status
    new: Status
    closed: list[Closed] = field(default_factory=list)
    attached: Checklist | None = None  # the playbook attached by this move, if any


def move(
    offer: Offer,
    status: Status,
    at: dt.datetime,
    checklists: Mapping[str, Checklist],
    note: str = "",
) -> Moved:
    """Move the offer (`note` is private: it never fills a message), close what no longer
    applies, and attach the new status's playbook at once if it is not attached."""
    old = offer.status
    offer.move_to(status, at, note)
    closed = close_not_needed(offer, checklists, old, at)
    attached = None
    playbook = checklists.get(progress.PRIMARY.get(status, ""))
    if playbook is not None and offer.progress_for(playbook.id) is None:
        progress.attach(offer, playbook.id, at)
        attached = playbook
    return Moved(old, status, closed, attached)


# -- the step that records the conversation -----------------------------------------------


@dataclass(frozen=True)
class Telling:
    """What I said in the conversation a `moves_to` step records. `said` is written for the
    employer (the reason I gave, or what I said changed); `notes` are private."""

    said: str
    channel: Channel = Channel.PHONE
    on: dt.date | None = None
    handling: Handling = Handling.CLEAN
    notes: str = ""


@dataclass(frozen=True)
class Recorded:
    moved: Moved | None
    entry: LogEntry


def told_default(offer: Offer, status: Status) -> str:
    """What to prefill as `said` for a step moving to `status`: going back, what I meant to
    say changed; saying no, the reason recorded before, else the one I meant to give."""
    intent = offer.intent
    if status is Status.RECONSIDERING:
        going_back = intent is not None and intent.kind is Intent.GO_BACK
        return intent.what_changed if intent is not None and going_back else ""
    if offer.told is not None and offer.told.reason:
        return offer.told.reason
    return intent.reason if intent is not None and intent.kind is not Intent.GO_BACK else ""


def _keep_said(offer: Offer, status: Status, telling: Telling, at: dt.datetime) -> None:
    if status in TELLING_STATUSES:
        offer.told = ToldThem(
            reason=telling.said,
            channel=telling.channel,
            on=telling.on,
            handling=telling.handling,
            notes=telling.notes,
        )
    elif offer.intent is not None and offer.intent.kind is Intent.GO_BACK:
        offer.intent.what_changed = telling.said
    else:
        offer.intent = Intention(Intent.GO_BACK, at, what_changed=telling.said)


def _entry(offer: Offer, status: Status, telling: Telling, at: dt.datetime) -> LogEntry:
    manager = offer.hiring_manager
    who = f" {manager.name}" if manager else ""
    verb = "asked to be reconsidered" if status is Status.RECONSIDERING else f"{status.value}"
    summary = f"Told{who}: {verb}. I said: {telling.said}"
    if telling.notes:
        summary += f" (notes: {telling.notes})"
    return LogEntry(
        kind=_LOG_KIND[telling.channel],
        at=at,
        summary=summary,
        contact=manager.id if manager else "",
    )


def record(
    offer: Offer,
    checklist: Checklist,
    item: ChecklistItem,
    telling: Telling,
    at: dt.datetime,
    checklists: Mapping[str, Checklist],
) -> Recorded:
    """Record the conversation a `moves_to` step stands for: what I said, the move (unless
    the offer is there already), the tick, and a log entry (added to the offer's log)."""
    status = item.moves_to
    if status is None:
        raise ValueError(f"`{item.id}` is not a step that records a conversation")
    moved = None
    if offer.status is not status:
        moved = move(offer, status, at, checklists, telling.notes)
    _keep_said(offer, status, telling, at)
    note = f"by {telling.channel.value}"
    progress.attach(offer, checklist.id, at).done[item.id] = ItemDone(at=at, note=note)
    entry = _entry(offer, status, telling, at)
    offer.log.append(entry)
    return Recorded(moved, entry)
