"""A message filled from an offer: every placeholder's value and the field it came from.

Only fields written for the employer fill a message: the reason I gave (or mean to give),
what I'll say changed, names and dates. Private notes (the note on a status change, the
notes on what I told them) never do. Each filled part keeps the name of its placeholder and
its source, so a preview can mark them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tui.content.templates import PLACEHOLDERS, Slot, Template, scan
from tui.model import Contact, ContactRole, Intent, Offer

DEFAULT_SIGN_OFF = "Kind regards"


@dataclass(frozen=True)
class Signature:
    """How I sign: `my_name` and `sign_off` from the settings (or `--name`)."""

    my_name: str = ""
    sign_off: str = ""


@dataclass(frozen=True)
class Value:
    """One placeholder's value and where it came from; `known` is False for a marker."""

    text: str
    source: str
    known: bool = True


# -- values from an offer ----------------------------------------------------------------


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else ""


def _person(offer: Offer, role: ContactRole) -> str:
    people = offer.contacts_with_role(role)
    return people[0].name.strip() if people else ""


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _reason(offer: Offer) -> tuple[str, str]:
    """The reason given to them: what I told them, else what I mean to tell them."""
    if offer.told is not None and offer.told.reason.strip():
        return offer.told.reason.strip(), "What I told them: the reason I gave"
    intent = offer.intent
    if intent is not None and intent.kind is not Intent.GO_BACK and intent.reason.strip():
        return intent.reason.strip(), "What I intend: the reason I'll give them"
    return "", "What I told them: the reason I gave"


def _what_changed(offer: Offer) -> str:
    intent = offer.intent
    if intent is not None and intent.kind is Intent.GO_BACK:
        return intent.what_changed.strip()
    return ""


def values_for(
    offer: Offer, contact: Contact | None = None, signature: Signature | None = None
) -> dict[str, Value]:
    """Every allowed placeholder's value for this offer, with its source; an unknown value
    becomes a visible marker such as `[hiring manager's name]`. `contact` is the addressee."""
    sign = signature or Signature()
    manager = _person(offer, ContactRole.HIRING_MANAGER)
    recruiter = _person(offer, ContactRole.RECRUITER)
    addressee = contact.name.strip() if contact else manager
    to_whom = "People: the person it is addressed to" if contact else "People: hiring manager"
    reason, reason_source = _reason(offer)
    told_on = offer.told.on if offer.told else None
    known = {
        "company": (offer.company.strip(), "Offer: company"),
        "role": (offer.role.strip(), "Offer: role"),
        "hiring_manager": (manager, "People: hiring manager"),
        "hiring_manager_first": (_first_name(manager), "People: hiring manager"),
        "recruiter": (recruiter, "People: recruiter"),
        "recruiter_first": (_first_name(recruiter), "People: recruiter"),
        "contact": (addressee, to_whom),
        "contact_first": (_first_name(addressee), to_whom),
        "reason": (reason, reason_source),
        "what_changed": (_what_changed(offer), "What I intend: what I'll say changed"),
        "my_name": (sign.my_name.strip(), "Settings: my_name"),
        "sign_off": (sign.sign_off.strip() or DEFAULT_SIGN_OFF, "Settings: sign_off"),
        "start_date": (_day(offer.start_date), "Offer: start date"),
        "declined_on": (_day(told_on), "What I told them: when"),
    }
    out = {}
    for name, marker in PLACEHOLDERS.items():
        text, source = known[name]
        out[name] = Value(text, source) if text else Value(marker, source, known=False)
    return out


def placeholders_for(
    offer: Offer, contact: Contact | None = None, my_name: str = ""
) -> dict[str, str]:
    """The values alone, as text (markers where unknown)."""
    values = values_for(offer, contact, Signature(my_name=my_name))
    return {name: value.text for name, value in values.items()}


# -- the filled message ------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A run of the filled text: literal (`name` empty) or one placeholder's value."""

    text: str
    name: str = ""
    source: str = ""
    known: bool = True


def _parts(text: str, values: dict[str, Value]) -> tuple[Part, ...]:
    out = []
    for segment in scan(text):
        if not isinstance(segment, Slot):
            out.append(Part(segment))
        elif segment.name in values:
            value = values[segment.name]
            out.append(Part(value.text, segment.name, value.source, value.known))
        else:
            out.append(Part(f"[?{segment.name}]", segment.name, "unknown placeholder", False))
    return tuple(out)


@dataclass(frozen=True)
class Message:
    """A filled template; `missing` lists the markers the reader still has to replace."""

    template: Template
    subject: str
    body: str
    missing: list[str] = field(default_factory=list)
    subject_parts: tuple[Part, ...] = ()
    body_parts: tuple[Part, ...] = ()

    def sources(self) -> dict[str, str]:
        """Each filled placeholder (in order of use) and the field its value came from."""
        parts = (*self.subject_parts, *self.body_parts)
        return {p.name: p.source for p in parts if p.name and p.known}


def render(
    template: Template,
    offer: Offer,
    contact: Contact | None = None,
    signature: Signature | None = None,
) -> Message:
    values = values_for(offer, contact, signature)
    missing = [
        PLACEHOLDERS[name]
        for name in template.placeholders()
        if name in values and not values[name].known
    ]
    subject_parts = _parts(template.subject, values)
    body_parts = _parts(template.body, values)
    return Message(
        template=template,
        subject="".join(p.text for p in subject_parts),
        body="".join(p.text for p in body_parts),
        missing=missing,
        subject_parts=subject_parts,
        body_parts=body_parts,
    )
