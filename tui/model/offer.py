"""An Offer and everything attached to it: people, log, what I told them, history, progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from tui.model.ids import new_id, short_id
from tui.model.status import OPEN_STATUSES, Status, allowed_next, check_transition

SOON_DAYS = 3


class ContactRole(StrEnum):
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring-manager"
    INTERVIEWER = "interviewer"
    REFERRER = "referrer"
    OTHER = "other"


class LogKind(StrEnum):
    CALL = "call"
    VOICEMAIL = "voicemail"
    EMAIL = "email"
    MEETING = "meeting"
    NOTE = "note"


class Channel(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    VOICEMAIL = "voicemail"
    EMAIL = "email"
    IN_PERSON = "in-person"


class Handling(StrEnum):
    """How the no was delivered. The way back depends on it (changing-your-mind article)."""

    CLEAN = "clean"
    SILENCE = "silence"
    LONG_DELAY = "long-delay"
    ENTHUSIASM_THEN_NO = "enthusiasm-then-no"
    OTHER_BADLY = "other-badly"


HANDLING_LABELS = {
    Handling.CLEAN: "clean and respectful",
    Handling.SILENCE: "badly: went silent",
    Handling.LONG_DELAY: "badly: a long delay",
    Handling.ENTHUSIASM_THEN_NO: "badly: enthusiasm, then a no",
    Handling.OTHER_BADLY: "badly: other",
}


class DeadlineFlag(StrEnum):
    NONE = "none"
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"


@dataclass(slots=True)
class Compensation:
    currency: str = "USD"
    base: int | None = None
    bonus: int | None = None
    sign_on: int | None = None
    sign_on_clawback: str = ""
    equity: str = ""
    equity_yearly: int | None = None
    notes: str = ""

    def yearly(self) -> int | None:
        """Base + target bonus + yearly equity value; None when nothing is known."""
        parts = [self.base, self.bonus, self.equity_yearly]
        known = [p for p in parts if p is not None]
        return sum(known) if known else None

    def first_year(self) -> int | None:
        yearly = self.yearly()
        if yearly is None and self.sign_on is None:
            return None
        return (yearly or 0) + (self.sign_on or 0)


@dataclass(slots=True)
class Contact:
    name: str
    role: ContactRole = ContactRole.OTHER
    email: str = ""
    phone: str = ""
    notes: str = ""
    id: str = field(default_factory=short_id)


@dataclass(slots=True)
class LogEntry:
    kind: LogKind
    at: dt.datetime
    summary: str
    contact: str = ""  # a Contact id of the same offer, or empty
    next_step: str = ""
    next_due: dt.date | None = None
    id: str = field(default_factory=short_id)


@dataclass(slots=True)
class ToldThem:
    """What I told them when I said no (declined or backed out)."""

    reason: str = ""
    channel: Channel = Channel.PHONE
    on: dt.date | None = None
    handling: Handling = Handling.CLEAN
    notes: str = ""

    @property
    def handled_badly(self) -> bool:
        return self.handling is not Handling.CLEAN


class Intent(StrEnum):
    """What I mean to do, said before the conversation that does it."""

    DECLINE = "decline"
    BACK_OUT = "back-out"
    GO_BACK = "go-back"


INTENT_LABELS = {
    Intent.DECLINE: "decline the offer",
    Intent.BACK_OUT: "back out of my acceptance",
    Intent.GO_BACK: "go back and ask for the job",
}

# The status the offer moves to once I have told them.
INTENT_STATUS = {
    Intent.DECLINE: Status.DECLINED,
    Intent.BACK_OUT: Status.BACKED_OUT,
    Intent.GO_BACK: Status.RECONSIDERING,
}


def intents_for(status: Status) -> list[Intent]:
    """The intentions an offer in this status can have (each leads to an allowed move)."""
    return [i for i, target in INTENT_STATUS.items() if target in allowed_next(status)]


@dataclass(slots=True)
class Intention:
    """What I intend and what I mean to say to them. `reason` and `what_changed` are written
    for the employer: they fill messages. Private notes live elsewhere and never do."""

    kind: Intent
    at: dt.datetime
    reason: str = ""  # the reason I'll give them (decline, back out)
    what_changed: str = ""  # what I'll say changed (go back)

    @property
    def target(self) -> Status:
        return INTENT_STATUS[self.kind]


@dataclass(slots=True)
class Transition:
    at: dt.datetime
    from_status: Status
    to_status: Status
    note: str = ""


@dataclass(slots=True)
class ItemDone:
    """A closed checklist tick: done, or (with `not_needed`) closed because it no longer
    applies, with the reason (e.g. "the offer is declined")."""

    at: dt.datetime
    note: str = ""
    not_needed: str = ""


@dataclass(slots=True)
class ChecklistProgress:
    """One playbook attached to an offer. `done` keys are item ids, or `item@contact-id`
    for items that expand to one tick per person."""

    checklist: str
    attached: dt.datetime
    done: dict[str, ItemDone] = field(default_factory=dict)


@dataclass(slots=True)
class Offer:
    company: str
    role: str
    status: Status = Status.RECEIVED
    location: str = ""
    source: str = ""
    compensation: Compensation = field(default_factory=Compensation)
    received: dt.date | None = None
    deadline: dt.date | None = None
    start_date: dt.date | None = None
    notes: str = ""
    contacts: list[Contact] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    told: ToldThem | None = None
    intent: Intention | None = None
    history: list[Transition] = field(default_factory=list)
    checklists: list[ChecklistProgress] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = new_id(self.company, self.role)

    # -- lifecycle -------------------------------------------------------------
    def move_to(self, status: Status, at: dt.datetime, note: str = "") -> Transition:
        check_transition(self.status, status)
        step = Transition(at=at, from_status=self.status, to_status=status, note=note)
        self.history.append(step)
        self.status = status
        return step

    def intend(
        self, kind: Intent, at: dt.datetime, reason: str = "", what_changed: str = ""
    ) -> Intention:
        """Say what I mean to do; the status stays until I have told them."""
        if kind not in intents_for(self.status):
            check_transition(self.status, INTENT_STATUS[kind])
        current = self.intent
        if current is not None and current.kind is kind and self.status is not current.target:
            at = current.at  # new wording for the same intention is not a new decision
        self.intent = Intention(kind, at, reason.strip(), what_changed.strip())
        return self.intent

    # -- people ----------------------------------------------------------------
    def contact(self, contact_id: str) -> Contact | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    def contacts_with_role(self, role: ContactRole) -> list[Contact]:
        return [c for c in self.contacts if c.role is role]

    @property
    def hiring_manager(self) -> Contact | None:
        found = self.contacts_with_role(ContactRole.HIRING_MANAGER)
        return found[0] if found else None

    # -- deadlines -------------------------------------------------------------
    def awaiting_answer(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_left(self, today: dt.date) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - today).days

    def deadline_flag(self, today: dt.date) -> DeadlineFlag:
        days = self.days_left(today)
        if days is None or not self.awaiting_answer():
            return DeadlineFlag.NONE
        if days < 0:
            return DeadlineFlag.OVERDUE
        if days <= SOON_DAYS:
            return DeadlineFlag.SOON
        return DeadlineFlag.OK

    def open_next_steps(self) -> list[LogEntry]:
        return [e for e in self.log if e.next_step and e.next_due is not None]

    def progress_for(self, checklist_id: str) -> ChecklistProgress | None:
        return next((p for p in self.checklists if p.checklist == checklist_id), None)
