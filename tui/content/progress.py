"""An offer's progress through its checklists: which to suggest, one tick per person,
counts, due times and ticking. Pure: it reads and mutates model objects, nothing else.

A tick's key is the item id, or `item-id@contact-id` for an item that concerns a kind of
person (one tick per matching contact of the offer). When the offer has nobody in that role
yet, the item shows one tick under the plain item id, reminding the user to add them.

A tick is open, done, or closed as not needed (stored with the reason when a move closed it;
shown so, without being stored, for an item whose `not_needed_in` holds the offer's status).
A step that moves the offer (`moves_to`) counts as done once the offer is in that status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.content.checklists import Anchor, Checklist, ChecklistItem, When
from tui.model import (
    ChecklistProgress,
    Contact,
    ContactRole,
    ItemDone,
    LogEntry,
    Offer,
    Status,
)

# The playbook each status leads to; other checklists that fit the status come after it.
PRIMARY: dict[Status, str] = {
    Status.DECLINED: "decline-gracefully",
    Status.BACKED_OUT: "back-out-of-accepted",
    Status.RECONSIDERING: "go-back-to-declined",
}

_ROLE_LABELS = {
    ContactRole.RECRUITER: "recruiter",
    ContactRole.HIRING_MANAGER: "hiring manager",
    ContactRole.INTERVIEWER: "interviewer",
    ContactRole.REFERRER: "referrer",
    ContactRole.OTHER: "other contact",
}


def tick_key(item_id: str, contact_id: str = "") -> str:
    return f"{item_id}@{contact_id}" if contact_id else item_id


def split_key(key: str) -> tuple[str, str]:
    item_id, _, contact_id = key.partition("@")
    return item_id, contact_id


# -- suggestions -------------------------------------------------------------------------


def suggested_checklists(offer: Offer, checklists: Mapping[str, Checklist]) -> list[Checklist]:
    """Checklists that fit the offer's status and are not attached yet, the primary first."""
    attached = {p.checklist for p in offer.checklists}
    primary = PRIMARY.get(offer.status)
    fitting = [c for c in checklists.values() if c.fits(offer.status) and c.id not in attached]
    return sorted(fitting, key=lambda c: (c.id != primary, c.id))


# -- timing ------------------------------------------------------------------------------


def decision_time(offer: Offer, checklist: Checklist | None = None) -> dt.datetime | None:
    """When the decision this checklist follows was made: when I said I intended it (the
    intention leads to one of the checklist's statuses), else the latest move into one of
    them (else into the current status), else the day the offer came."""
    wanted = set(checklist.for_status) if checklist and checklist.for_status else set()
    wanted = wanted or {offer.status}
    if offer.intent is not None and offer.intent.target in wanted:
        return offer.intent.at
    for step in reversed(offer.history):
        if step.to_status in wanted:
            return step.at
    for step in reversed(offer.history):
        if step.to_status is offer.status:
            return step.at
    if offer.received is not None:
        return dt.datetime.combine(offer.received, dt.time())
    return None


def anchor_time(
    offer: Offer, anchor: Anchor, checklist: Checklist | None = None
) -> dt.datetime | None:
    """The moment an anchor names. A respond-by deadline counts until the end of its day;
    the start date and the received date count from the start of theirs."""
    if anchor is Anchor.DECISION:
        return decision_time(offer, checklist)
    if anchor is Anchor.DEADLINE:
        return dt.datetime.combine(offer.deadline, dt.time(23, 59, 59)) if offer.deadline else None
    if anchor is Anchor.START:
        return dt.datetime.combine(offer.start_date, dt.time()) if offer.start_date else None
    return dt.datetime.combine(offer.received, dt.time()) if offer.received else None


_NO_ANCHOR = {
    Anchor.DECISION: "no decision date on this offer",
    Anchor.DEADLINE: "no respond-by date on this offer",
    Anchor.START: "no start date on this offer",
    Anchor.RECEIVED: "no received date on this offer",
}


def due_time(
    offer: Offer, when: When | None, checklist: Checklist | None = None
) -> dt.datetime | None:
    if when is None:
        return None
    base = anchor_time(offer, when.anchor, checklist)
    return base + when.offset if base is not None else None


# -- the view ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    """One box to tick: an item, for one person (or for nobody yet)."""

    key: str
    item: ChecklistItem
    label: str
    contact: Contact | None = None
    done: ItemDone | None = None
    due: dt.datetime | None = None
    due_note: str = ""  # why there is no due time although the item has a `when`
    overdue: bool = False
    missing_role: tuple[ContactRole, ...] = ()  # nobody with these roles on the offer yet
    moot: str = ""  # not needed in the offer's status, though never closed on disk
    reached: str = ""  # a step that moves the offer, unticked, but the offer is there already

    @property
    def is_done(self) -> bool:
        """Closed: done, reached, or not needed."""
        return self.done is not None or bool(self.moot or self.reached)

    @property
    def not_needed(self) -> str:
        """Why the tick is closed without doing it; empty when done or open."""
        if self.done is not None:
            return self.done.not_needed
        return self.moot


@dataclass(frozen=True)
class StaleTick:
    """A tick saved on the offer whose item (or person) is no longer there. Kept, not lost."""

    key: str
    done: ItemDone
    reason: str


@dataclass(frozen=True)
class ChecklistView:
    checklist_id: str
    checklist: Checklist | None  # None when the attached checklist no longer exists
    progress: ChecklistProgress | None  # None when only suggested, not attached
    ticks: list[Tick] = field(default_factory=list)
    stale: list[StaleTick] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.checklist.title if self.checklist else self.checklist_id

    @property
    def attached(self) -> bool:
        return self.progress is not None

    @property
    def done_count(self) -> int:
        """Ticks done (not counting those closed as not needed)."""
        return sum(1 for t in self.ticks if t.is_done and not t.not_needed)

    @property
    def total(self) -> int:
        """Ticks that apply: those closed as not needed do not count."""
        return len(self.ticks) - self.not_needed_count

    @property
    def not_needed_count(self) -> int:
        return sum(1 for t in self.ticks if t.not_needed)

    @property
    def fraction(self) -> float:
        return self.done_count / self.total if self.total else 0.0

    @property
    def overdue(self) -> list[Tick]:
        return [t for t in self.ticks if t.overdue]

    def tick(self, key: str) -> Tick | None:
        return next((t for t in self.ticks if t.key == key), None)


def role_label(roles: tuple[ContactRole, ...]) -> str:
    names = [_ROLE_LABELS[r] for r in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _people(offer: Offer, item: ChecklistItem) -> list[Contact]:
    return [c for c in offer.contacts if c.role in item.contact_roles]


def expand(offer: Offer, item: ChecklistItem) -> list[tuple[str, Contact | None]]:
    """The tick keys an item has on this offer, with the person each one is for."""
    if not item.per_person:
        return [(item.id, None)]
    people = _people(offer, item)
    if not people:
        return [(item.id, None)]
    return [(tick_key(item.id, c.id), c) for c in people]


def _ticks_for(
    offer: Offer,
    checklist: Checklist,
    item: ChecklistItem,
    done: Mapping[str, ItemDone],
    now: dt.datetime,
) -> list[Tick]:
    due = due_time(offer, item.when, checklist)
    due_note = _NO_ANCHOR[item.when.anchor] if item.when and due is None else ""
    out = []
    for key, contact in expand(offer, item):
        missing = item.contact_roles if item.per_person and contact is None else ()
        label = item.text
        if contact is not None:
            label = f"{item.text}: {contact.name}"
        elif missing:
            label = f"{item.text} (add the {role_label(missing)} to this offer's people)"
        finished = done.get(key)
        moot = reached = ""
        if finished is None and offer.status in item.not_needed_in:
            moot = f"the offer is {offer.status.value}"
        if finished is None and item.moves_to is offer.status:
            reached = f"the offer is {offer.status.value} already"
        out.append(
            Tick(
                key=key,
                item=item,
                label=label,
                contact=contact,
                done=finished,
                due=due,
                due_note=due_note,
                overdue=finished is None
                and not (moot or reached)
                and due is not None
                and now > due,
                missing_role=missing,
                moot=moot,
                reached=reached,
            )
        )
    return out


def _stale(
    offer: Offer, checklist: Checklist | None, done: Mapping[str, ItemDone], live: set[str]
) -> list[StaleTick]:
    out = []
    for key, finished in done.items():
        if key in live:
            continue
        item_id, contact_id = split_key(key)
        if checklist is None:
            reason = "this checklist is no longer available"
        elif checklist.item(item_id) is None:
            reason = f"item `{item_id}` is no longer in this checklist"
        elif contact_id and offer.contact(contact_id) is None:
            reason = "that person was removed from this offer"
        elif contact_id:
            reason = "that person's role no longer matches this item"
        else:
            reason = "ticked before the people for this item were added"
        out.append(StaleTick(key, finished, reason))
    return out


def view(
    offer: Offer,
    checklist_id: str,
    checklists: Mapping[str, Checklist],
    now: dt.datetime,
) -> ChecklistView:
    """The state of one checklist on one offer (attached or not)."""
    checklist = checklists.get(checklist_id)
    progress = offer.progress_for(checklist_id)
    done = progress.done if progress else {}
    ticks: list[Tick] = []
    if checklist is not None:
        for item in checklist.items:
            ticks.extend(_ticks_for(offer, checklist, item, done, now))
    stale = _stale(offer, checklist, done, {t.key for t in ticks})
    return ChecklistView(checklist_id, checklist, progress, ticks, stale)


def offer_views(
    offer: Offer, checklists: Mapping[str, Checklist], now: dt.datetime
) -> list[ChecklistView]:
    """Every attached checklist; when none is attached, the suggested ones (not attached)."""
    attached = [view(offer, p.checklist, checklists, now) for p in offer.checklists]
    if attached:
        return attached
    return [view(offer, c.id, checklists, now) for c in suggested_checklists(offer, checklists)]


# -- changing progress -------------------------------------------------------------------


def attach(offer: Offer, checklist_id: str, at: dt.datetime) -> ChecklistProgress:
    """The offer's progress for a checklist, attaching it first if needed."""
    progress = offer.progress_for(checklist_id)
    if progress is None:
        progress = ChecklistProgress(checklist=checklist_id, attached=at)
        offer.checklists.append(progress)
    return progress


def detach(offer: Offer, checklist_id: str) -> ChecklistProgress | None:
    progress = offer.progress_for(checklist_id)
    if progress is not None:
        offer.checklists.remove(progress)
    return progress


class UnknownTick(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def _log_entry(
    item: ChecklistItem, contact: Contact | None, at: dt.datetime, note: str
) -> LogEntry:
    summary = item.text if contact is None else f"{item.text}: {contact.name}"
    if note:
        summary = f"{summary} ({note})"
    return LogEntry(
        kind=item.log,  # type: ignore[arg-type]  # only called when item.log is set
        at=at,
        summary=summary,
        contact=contact.id if contact else "",
    )


def tick(
    offer: Offer,
    checklist: Checklist,
    key: str,
    at: dt.datetime,
    note: str = "",
) -> LogEntry | None:
    """Mark one tick done (attaching the checklist if needed). Returns the LogEntry the caller
    may append to offer.log when the item has a `log` kind; this function does not add it."""
    valid = {t_key: contact for item in checklist.items for t_key, contact in expand(offer, item)}
    if key not in valid:
        raise UnknownTick(f"`{key}` is not a tick of checklist `{checklist.id}` on this offer")
    item = checklist.item(split_key(key)[0])
    assert item is not None  # every valid key comes from one of the checklist's items
    attach(offer, checklist.id, at).done[key] = ItemDone(at=at, note=note)
    if item.log is None:
        return None
    return _log_entry(item, valid[key], at, note)


def untick(offer: Offer, checklist_id: str, key: str) -> ItemDone | None:
    """Clear one tick (stale ones too); returns what was removed, or None if it was not done."""
    progress = offer.progress_for(checklist_id)
    if progress is None:
        return None
    return progress.done.pop(key, None)
