"""The forms for offers, people, log entries, status changes and what I told them:
field lists for the FormScreen and pure parse functions that build model values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from tui.app.forms import Field
from tui.content.journey import Telling, told_default
from tui.model import (
    Channel,
    Compensation,
    Contact,
    ContactRole,
    Handling,
    Intent,
    LogEntry,
    LogKind,
    Offer,
    Status,
    ToldThem,
    allowed_next,
)
from tui.model import forms as f
from tui.model.clock import now
from tui.model.offer import HANDLING_LABELS
from tui.model.status import TELLING_STATUSES


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def _options(enum: type[Enum]) -> list[tuple[str, str]]:
    return [(e.value, e.value) for e in enum]


# -- offer --------------------------------------------------------------------------------


def offer_fields(offer: Offer | None) -> list[Field]:
    o = offer or Offer(company="", role="", id="new-offer")
    c = o.compensation
    date_hint = "2026-11-30, today, +7d, -1d"
    return [
        Field("company", "Company *", o.company),
        Field("role", "Role", o.role),
        Field("location", "Location", o.location),
        Field("source", "Source (referral, recruiter, job board…)", o.source),
        Field("received", "Received", _iso(o.received) or ("" if offer else "today"), date_hint),
        Field("deadline", "Respond by", _iso(o.deadline), date_hint),
        Field("start_date", "Start date", _iso(o.start_date), date_hint),
        Field("currency", "Currency", c.currency, "USD"),
        Field("base", "Base salary (yearly)", _num(c.base), "180000 or 180k"),
        Field("bonus", "Bonus (yearly target)", _num(c.bonus), "20000 or 15% of base"),
        Field("sign_on", "Sign-on bonus", _num(c.sign_on)),
        Field("sign_on_clawback", "Sign-on clawback terms", c.sign_on_clawback),
        Field("equity", "Equity (as offered)", c.equity, "e.g. 4,000 RSUs over 4 years"),
        Field("equity_yearly", "Equity value per year", _num(c.equity_yearly)),
        Field("comp_notes", "Compensation notes", c.notes),
        Field("notes", "Notes", o.notes),
    ]


def parse_offer(values: dict[str, str], base: Offer | None = None) -> Offer:
    base_salary = f.money("base", values["base"])
    comp = Compensation(
        currency=f.currency("currency", values["currency"]),
        base=base_salary,
        bonus=f.money_or_percent("bonus", values["bonus"], of=base_salary),
        sign_on=f.money("sign_on", values["sign_on"]),
        sign_on_clawback=f.text("sign_on_clawback", values["sign_on_clawback"]),
        equity=f.text("equity", values["equity"]),
        equity_yearly=f.money("equity_yearly", values["equity_yearly"]),
        notes=f.text("comp_notes", values["comp_notes"]),
    )
    fields = {
        "company": f.text("company", values["company"], required=True, limit=200),
        "role": f.text("role", values["role"], limit=200),
        "location": f.text("location", values["location"], limit=200),
        "source": f.text("source", values["source"], limit=200),
        "received": f.date("received", values["received"]),
        "deadline": f.date("deadline", values["deadline"]),
        "start_date": f.date("start_date", values["start_date"]),
        "notes": f.text("notes", values["notes"], limit=1_000_000),
        "compensation": comp,
    }
    if base is None:
        return Offer(**fields)  # type: ignore[arg-type]  # the keys are Offer's fields
    for key, value in fields.items():
        setattr(base, key, value)
    return base


# -- people and log -----------------------------------------------------------------------


def contact_fields() -> list[Field]:
    return [
        Field("name", "Name *"),
        Field("role", "Role", ContactRole.HIRING_MANAGER.value, choices=_options(ContactRole)),
        Field("email", "Email"),
        Field("phone", "Phone"),
        Field("notes", "Notes"),
    ]


def parse_contact(values: dict[str, str]) -> Contact:
    return Contact(
        name=f.text("name", values["name"], required=True, limit=200),
        role=f.choice("role", values["role"], ContactRole),
        email=f.text("email", values["email"], limit=320),
        phone=f.text("phone", values["phone"], limit=64),
        notes=f.text("notes", values["notes"]),
    )


def log_fields(offer: Offer, kind: LogKind = LogKind.CALL) -> list[Field]:
    people = [("(nobody in particular)", "")] + [
        (f"{c.name} ({c.role.value})", c.id) for c in offer.contacts
    ]
    return [
        Field("kind", "Kind", kind.value, choices=_options(LogKind)),
        Field("contact", "With", people[1][1] if len(people) > 1 else "", choices=people),
        Field("summary", "Summary *", placeholder="What was said"),
        Field("next_step", "Next step", placeholder="e.g. send the written decline"),
        Field("next_due", "Next step due", placeholder="2026-11-30, tomorrow, +2d"),
    ]


def parse_log(values: dict[str, str]) -> LogEntry:
    return LogEntry(
        kind=f.choice("kind", values["kind"], LogKind),
        at=now(),
        summary=f.text("summary", values["summary"], required=True),
        contact=values["contact"],
        next_step=f.text("next_step", values["next_step"]),
        next_due=f.date("next_due", values["next_due"]),
    )


# -- status and what I told them ----------------------------------------------------------


@dataclass(frozen=True)
class StatusChange:
    status: Status
    note: str


def status_fields(offer: Offer) -> list[Field]:
    options = [(s.value, s.value) for s in allowed_next(offer.status)]
    return [
        Field("status", f"Move from {offer.status.value} to", options[0][1], choices=options),
        Field("note", "Private note (only for you; never put in a message)"),
    ]


def parse_status(values: dict[str, str]) -> StatusChange:
    return StatusChange(
        f.choice("status", values["status"], Status), f.text("note", values["note"])
    )


def told_fields(told: ToldThem | None) -> list[Field]:
    t = told or ToldThem(on=dt.date.today())
    handling = [(label, h.value) for h, label in HANDLING_LABELS.items()]
    return [
        Field(
            "reason",
            "The reason I gave them * (goes into messages)",
            t.reason,
            "e.g. the travel would not work for me",
        ),
        Field("channel", "How I told them", t.channel.value, choices=_options(Channel)),
        Field("on", "When", _iso(t.on), "2026-11-20 or today"),
        Field("handling", "How it went", t.handling.value, choices=handling),
        Field("notes", "Private notes (never put in a message)", t.notes),
    ]


def parse_told(values: dict[str, str]) -> ToldThem:
    return ToldThem(
        reason=f.text("reason", values["reason"], required=True),
        channel=f.choice("channel", values["channel"], Channel),
        on=f.date("on", values["on"]),
        handling=f.choice("handling", values["handling"], Handling),
        notes=f.text("notes", values["notes"]),
    )


# -- what I intend, and the step that records the conversation ----------------------------

INTENT_TEXT = {
    Intent.DECLINE: ("reason", "The reason I'll give them (goes into messages)"),
    Intent.BACK_OUT: ("reason", "The reason I'll give them (goes into messages)"),
    Intent.GO_BACK: ("what_changed", "What I'll say changed (goes into messages)"),
}


def intent_fields(offer: Offer, kind: Intent) -> list[Field]:
    key, label = INTENT_TEXT[kind]
    current = offer.intent if offer.intent and offer.intent.kind is kind else None
    value = getattr(current, key) if current else ""
    hint = "e.g. I took a role closer to home"
    if kind is Intent.GO_BACK:
        hint = "e.g. the travel is no longer a problem for my family"
    return [Field(key, label, value, hint)]


def parse_intent(values: dict[str, str]) -> dict[str, str]:
    return {key: f.text(key, value, limit=2000) for key, value in values.items()}


def telling_fields(offer: Offer, status: Status) -> list[Field]:
    """The record of the conversation a playbook step stands for."""
    said_label = "The reason I gave them * (goes into messages)"
    if status is Status.RECONSIDERING:
        said_label = "What I said changed * (goes into messages)"
    fields = [
        Field("said", said_label, told_default(offer, status)),
        Field("channel", "How I told them", Channel.PHONE.value, choices=_options(Channel)),
        Field("on", "When", now().date().isoformat(), "2026-11-20, today, yesterday"),
    ]
    if status in TELLING_STATUSES:
        handling = [(label, h.value) for h, label in HANDLING_LABELS.items()]
        fields.append(Field("handling", "How it went", Handling.CLEAN.value, choices=handling))
    fields.append(Field("notes", "Private notes (what they said; never put in a message)"))
    return fields


def parse_telling(values: dict[str, str]) -> Telling:
    handling = values.get("handling", Handling.CLEAN.value)
    return Telling(
        said=f.text("said", values["said"], required=True, limit=2000),
        channel=f.choice("channel", values["channel"], Channel),
        on=f.date("on", values["on"]),
        handling=f.choice("handling", handling, Handling),
        notes=f.text("notes", values["notes"]),
    )
