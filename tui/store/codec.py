"""Offer <-> plain TOML tables. Fixed key order (small git diffs); absent values are None so
a rewrite removes them while keys the app does not know survive (see merge.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
from tui.model.limits import MAX_TEXT
from tui.tomlio.errors import FieldError
from tui.tomlio.fields import Fields

VERSION = 1


class Replace(dict[str, Any]):
    """A table whose keys are data (ids), rewritten whole rather than merged key by key."""


def _secs(value: dt.datetime) -> dt.datetime:
    return value.replace(microsecond=0)


def offer_to_dict(offer: Offer) -> dict[str, Any]:
    return {
        "version": VERSION,
        "company": offer.company,
        "role": offer.role,
        "status": offer.status.value,
        "location": offer.location or None,
        "source": offer.source or None,
        "received": offer.received,
        "deadline": offer.deadline,
        "start_date": offer.start_date,
        "notes": offer.notes or None,
        "compensation": _compensation_to_dict(offer.compensation),
        "told": _told_to_dict(offer.told) if offer.told else None,
        "intent": _intent_to_dict(offer.intent) if offer.intent else None,
        "contacts": [_contact_to_dict(c) for c in offer.contacts] or None,
        "log": [_log_to_dict(e) for e in offer.log] or None,
        "history": [_transition_to_dict(t) for t in offer.history] or None,
        "checklists": [_progress_to_dict(p) for p in offer.checklists] or None,
    }


def _compensation_to_dict(c: Compensation) -> dict[str, Any]:
    return {
        "currency": c.currency,
        "base": c.base,
        "bonus": c.bonus,
        "sign_on": c.sign_on,
        "sign_on_clawback": c.sign_on_clawback or None,
        "equity": c.equity or None,
        "equity_yearly": c.equity_yearly,
        "notes": c.notes or None,
    }


def _told_to_dict(t: ToldThem) -> dict[str, Any]:
    return {
        "reason": t.reason,
        "channel": t.channel.value,
        "on": t.on,
        "handling": t.handling.value,
        "notes": t.notes or None,
    }


def _intent_to_dict(i: Intention) -> dict[str, Any]:
    return {
        "kind": i.kind.value,
        "at": _secs(i.at),
        "reason": i.reason or None,
        "what_changed": i.what_changed or None,
    }


def _contact_to_dict(c: Contact) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "role": c.role.value,
        "email": c.email or None,
        "phone": c.phone or None,
        "notes": c.notes or None,
    }


def _log_to_dict(e: LogEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind.value,
        "at": _secs(e.at),
        "contact": e.contact or None,
        "summary": e.summary,
        "next_step": e.next_step or None,
        "next_due": e.next_due,
    }


def _transition_to_dict(t: Transition) -> dict[str, Any]:
    return {
        "at": _secs(t.at),
        "from": t.from_status.value,
        "to": t.to_status.value,
        "note": t.note or None,
    }


def _progress_to_dict(p: ChecklistProgress) -> dict[str, Any]:
    done = Replace((key, _done_to_dict(d)) for key, d in p.done.items())
    return {"checklist": p.checklist, "attached": _secs(p.attached), "done": done or None}


def _done_to_dict(d: ItemDone) -> dict[str, Any]:
    out: dict[str, Any] = {"at": _secs(d.at)}
    if d.note:
        out["note"] = d.note
    if d.not_needed:
        out["not_needed"] = d.not_needed
    return out


def prune(value: Any) -> Any:
    """Drop None values (TOML has no null) for a file written from scratch."""
    if isinstance(value, dict):
        kind = Replace if isinstance(value, Replace) else dict
        return kind((k, prune(v)) for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


# -- reading ----------------------------------------------------------------------------


def offer_from_dict(
    table: dict[str, Any], offer_id: str, strict: bool = False
) -> tuple[Offer, list[FieldError]]:
    """The offer in `table`; `strict` makes an unknown key anywhere in it an error (an import
    must not drop a misnamed nested key silently; a hand-edited file keeps its own keys)."""
    f = Fields(table, strict=strict)
    f.int("version")
    offer = Offer(
        id=offer_id,
        company=f.str("company", required=True, max_len=MAX_TEXT),
        role=f.str("role", max_len=MAX_TEXT),
        status=Status(f.choice("status", [s.value for s in Status], "received")),
        location=f.str("location", max_len=MAX_TEXT),
        source=f.str("source", max_len=MAX_TEXT),
        received=f.date("received"),
        deadline=f.date("deadline"),
        start_date=f.date("start_date"),
        notes=f.str("notes", max_len=MAX_TEXT),
    )
    comp = f.table("compensation")
    if comp:
        offer.compensation = _compensation_from(comp)
    told = f.table("told")
    if told:
        offer.told = _told_from(told)
    intent = f.table("intent")
    if intent:
        offer.intent = _intent_from(intent)
    offer.contacts = [_contact_from(t) for t in f.tables("contacts")]
    offer.log = [_log_from(t) for t in f.tables("log")]
    offer.history = [h for h in (_transition_from(t) for t in f.tables("history")) if h]
    offer.checklists = [p for p in (_progress_from(t) for t in f.tables("checklists")) if p]
    f.finish()
    return offer, f.errors


def _compensation_from(f: Fields) -> Compensation:
    c = Compensation(
        currency=f.str("currency", "USD", max_len=12) or "USD",
        base=f.int("base", minimum=0),
        bonus=f.int("bonus", minimum=0),
        sign_on=f.int("sign_on", minimum=0),
        sign_on_clawback=f.str("sign_on_clawback", max_len=MAX_TEXT),
        equity=f.str("equity", max_len=MAX_TEXT),
        equity_yearly=f.int("equity_yearly", minimum=0),
        notes=f.str("notes", max_len=MAX_TEXT),
    )
    f.finish()
    return c


def _told_from(f: Fields) -> ToldThem:
    t = ToldThem(
        reason=f.str("reason", max_len=MAX_TEXT),
        channel=Channel(f.choice("channel", [c.value for c in Channel], "phone")),
        on=f.date("on"),
        handling=Handling(f.choice("handling", [h.value for h in Handling], "clean")),
        notes=f.str("notes", max_len=MAX_TEXT),
    )
    f.finish()
    return t


def _intent_from(f: Fields) -> Intention | None:
    kind = f.choice("kind", [i.value for i in Intent], "", required=True)
    at = f.datetime("at", required=True)
    intention = Intention(
        kind=Intent(kind) if kind else Intent.DECLINE,
        at=at or dt.datetime(1970, 1, 1),
        reason=f.str("reason", max_len=MAX_TEXT),
        what_changed=f.str("what_changed", max_len=MAX_TEXT),
    )
    f.finish()
    return intention if kind and at else None


def _contact_from(f: Fields) -> Contact:
    kwargs: dict[str, Any] = {}
    contact_id = f.str("id", max_len=64)
    if contact_id:
        kwargs["id"] = contact_id
    c = Contact(
        name=f.str("name", required=True, max_len=MAX_TEXT),
        role=ContactRole(f.choice("role", [r.value for r in ContactRole], "other")),
        email=f.str("email", max_len=MAX_TEXT),
        phone=f.str("phone", max_len=MAX_TEXT),
        notes=f.str("notes", max_len=MAX_TEXT),
        **kwargs,
    )
    f.finish()
    return c


def _log_from(f: Fields) -> LogEntry:
    kwargs: dict[str, Any] = {}
    entry_id = f.str("id", max_len=64)
    if entry_id:
        kwargs["id"] = entry_id
    at = f.datetime("at", required=True) or dt.datetime(1970, 1, 1)
    e = LogEntry(
        kind=LogKind(f.choice("kind", [k.value for k in LogKind], "note")),
        at=at,
        summary=f.str("summary", max_len=MAX_TEXT),
        contact=f.str("contact", max_len=64),
        next_step=f.str("next_step", max_len=MAX_TEXT),
        next_due=f.date("next_due"),
        **kwargs,
    )
    f.finish()
    return e


def _transition_from(f: Fields) -> Transition | None:
    statuses = [s.value for s in Status]
    at = f.datetime("at", required=True)
    src = f.choice("from", statuses, "", required=True)
    dst = f.choice("to", statuses, "", required=True)
    note = f.str("note", max_len=MAX_TEXT)
    f.finish()
    if at is None or not src or not dst:
        return None
    return Transition(at=at, from_status=Status(src), to_status=Status(dst), note=note)


def _progress_from(f: Fields) -> ChecklistProgress | None:
    checklist = f.str("checklist", required=True, max_len=128)
    attached = f.datetime("attached") or dt.datetime(1970, 1, 1)
    progress = ChecklistProgress(checklist=checklist, attached=attached)
    done = f.table("done")
    if done:
        for key in list(done.data):
            done.known.add(key)
            value = done.data[key]
            if not isinstance(value, dict):
                done.error(key, "expected a table with `at` (when it was done)")
                continue
            item = Fields(value, (*done.path, key), done.errors)
            at = item.datetime("at", required=True)
            note = item.str("note", max_len=MAX_TEXT)
            not_needed = item.str("not_needed", max_len=MAX_TEXT)
            item.finish()
            if at is not None:
                progress.done[key] = ItemDone(at=at, note=note, not_needed=not_needed)
    f.finish()
    return progress if checklist else None
