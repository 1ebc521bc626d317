"""The happy path of reading offers and attempts: msgspec Structs that mirror the files.

One `msgspec.convert` call checks a whole parsed table in C (types, enum values, lengths,
required keys), about ten times faster than the Fields readers; the domain objects are
then built from the Structs. The Structs accept a strict subset of what the Fields readers
(`codec.offer_from_dict`, `attempts._attempt`) accept, with the same results: an unknown
key, a date-time where a date is expected, anything unusual makes them return None, and
the caller runs the Fields reader, which decides and gives the located, did-you-mean
messages. tests/test_fastread.py checks both paths agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from msgspec import Meta, field

from tui.model import (
    Channel,
    ChecklistProgress,
    Compensation,
    Contact,
    ContactRole,
    Handling,
    Intent,
    Intention,
    ItemDone,
    LogEntry,
    LogKind,
    Offer,
    Status,
    ToldThem,
    Transition,
)
from tui.model.attempt import Attempt, ResultRecord
from tui.model.ids import short_id

MAX_TEXT = 16 * 1024 * 1024  # as codec.MAX_TEXT

Text = Annotated[str, Meta(max_length=MAX_TEXT)]
Required = Annotated[str, Meta(pattern=r"\S", max_length=MAX_TEXT)]  # not blank
ShortId = Annotated[str, Meta(max_length=64)]
Amount = Annotated[int, Meta(ge=0)]
EPOCH = dt.datetime(1970, 1, 1)


class _File(msgspec.Struct, forbid_unknown_fields=True):
    """A table of a file: every key known, or the Fields reader decides."""


class CompensationFile(_File):
    currency: Annotated[str, Meta(max_length=12)] = "USD"
    base: Amount | None = None
    bonus: Amount | None = None
    sign_on: Amount | None = None
    sign_on_clawback: Text = ""
    equity: Text = ""
    equity_yearly: Amount | None = None
    notes: Text = ""


class ToldFile(_File):
    reason: Text = ""
    channel: Channel = Channel.PHONE
    on: dt.date | None = None
    handling: Handling = Handling.CLEAN
    notes: Text = ""


class IntentFile(_File):
    kind: Intent
    at: dt.datetime
    reason: Text = ""
    what_changed: Text = ""


class ContactFile(_File):
    name: Required
    id: ShortId = ""
    role: ContactRole = ContactRole.OTHER
    email: Text = ""
    phone: Text = ""
    notes: Text = ""


class LogFile(_File):
    at: dt.datetime
    id: ShortId = ""
    kind: LogKind = LogKind.NOTE
    summary: Text = ""
    contact: ShortId = ""
    next_step: Text = ""
    next_due: dt.date | None = None


class TransitionFile(_File):
    at: dt.datetime
    from_: Status = field(name="from")
    to: Status
    note: Text = ""


class DoneFile(_File):
    at: dt.datetime
    note: Text = ""
    not_needed: Text = ""


class ProgressFile(_File):
    checklist: Annotated[str, Meta(pattern=r"\S", max_length=128)]
    attached: dt.datetime = EPOCH
    done: dict[str, DoneFile] = {}


class OfferFile(_File):
    company: Required
    version: int | None = None
    role: Text = ""
    status: Status = Status.RECEIVED
    location: Text = ""
    source: Text = ""
    received: dt.date | None = None
    deadline: dt.date | None = None
    start_date: dt.date | None = None
    notes: Text = ""
    compensation: CompensationFile | None = None
    told: ToldFile | None = None
    intent: IntentFile | None = None
    contacts: list[ContactFile] = []
    log: list[LogFile] = []
    history: list[TransitionFile] = []
    checklists: list[ProgressFile] = []


def _naive(at: dt.datetime) -> dt.datetime:
    return at.replace(tzinfo=None) if at.tzinfo else at  # the offset is dropped, as in Fields


def read_offer(table: dict[str, Any], offer_id: str) -> Offer | None:
    """The offer, or None when the table needs the Fields reader."""
    try:
        f = msgspec.convert(table, OfferFile)
    except msgspec.ValidationError:
        return None
    offer = Offer(
        id=offer_id,
        company=f.company,
        role=f.role,
        status=f.status,
        location=f.location,
        source=f.source,
        received=f.received,
        deadline=f.deadline,
        start_date=f.start_date,
        notes=f.notes,
        contacts=[_contact(c) for c in f.contacts],
        log=[_log(e) for e in f.log],
        history=[Transition(_naive(t.at), t.from_, t.to, t.note) for t in f.history],
        checklists=[_progress(p) for p in f.checklists],
    )
    if f.compensation is not None:
        c = f.compensation
        offer.compensation = Compensation(
            c.currency or "USD", c.base, c.bonus, c.sign_on, c.sign_on_clawback, c.equity,
            c.equity_yearly, c.notes,
        )  # fmt: skip
    if f.told is not None:
        t = f.told
        offer.told = ToldThem(t.reason, t.channel, t.on, t.handling, t.notes)
    if f.intent is not None:
        i = f.intent
        offer.intent = Intention(i.kind, _naive(i.at), i.reason, i.what_changed)
    return offer


def _contact(c: ContactFile) -> Contact:
    return Contact(c.name, c.role, c.email, c.phone, c.notes, c.id or short_id())


def _log(e: LogFile) -> LogEntry:
    return LogEntry(
        e.kind, _naive(e.at), e.summary, e.contact, e.next_step, e.next_due, e.id or short_id()
    )


def _progress(p: ProgressFile) -> ChecklistProgress:
    done = {key: ItemDone(_naive(d.at), d.note, d.not_needed) for key, d in p.done.items()}
    return ChecklistProgress(p.checklist, _naive(p.attached), done)


# -- rehearsal history ----------------------------------------------------------------------


STATUSES = frozenset(("met", "missed", "violated"))


class AttemptFile(_File):
    id: Annotated[str, Meta(pattern=r"\S")]
    question_id: Annotated[str, Meta(pattern=r"\S")]
    at: dt.datetime
    # Built by msgspec as they are (hundreds of thousands at 50,000 attempts), then checked.
    results: tuple[ResultRecord, ...]  # written last: a block without it was cut short
    offer_id: str = ""
    answer: str = ""
    score: Annotated[int, Meta(ge=0, le=100)] = 0
    seconds: float = 0.0


class HistoryFile(_File):
    version: Annotated[int, Meta(ge=1)] = 1
    attempt: list[AttemptFile] = []


def read_attempts(table: dict[str, Any], version: int, max_answer: int) -> list[Attempt] | None:
    """The file's attempts, or None when the table needs the Fields reader."""
    try:
        f = msgspec.convert(table, HistoryFile)
    except msgspec.ValidationError:
        return None
    if f.version > version or not all(_plain(a, max_answer) for a in f.attempt):
        return None
    # The same few criterion outcomes recur in every attempt: keep one object of each.
    records: dict[ResultRecord, ResultRecord] = {}
    return [
        Attempt(
            question_id=a.question_id,
            answer=a.answer,
            score=a.score,
            at=_naive(a.at),
            offer_id=a.offer_id,
            seconds=a.seconds,
            results=tuple([records.setdefault(r, r) for r in a.results]),
            id=a.id,
        )
        for a in f.attempt
    ]


def _plain(a: AttemptFile, max_answer: int) -> bool:
    """What the Struct cannot say: the answer's length, each result's id and status."""
    if len(a.answer) > max_answer:
        return False
    return all(r.status in STATUSES and r.id.strip() and type(r.points) is float for r in a.results)
