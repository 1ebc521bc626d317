"""iCalendar (RFC 5545) export: respond-by deadlines of offers still awaiting an answer,
next-step due dates and checklist steps with a due date, as all-day events. The
`icalendar` package escapes every TEXT value (backslash, `;`, `,`, newlines) and folds lines
at 75 octets; control characters, which RFC 5545 does not allow in TEXT, are dropped first.
UIDs are built from ids only when an id is plain (letters, digits, `-` `_` `.`), otherwise
from its digest, so no id can add a property. An event on the last day of the calendar
(9999-12-31) has no DTEND: RFC 5545 makes an all-day event one day long without one."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.model import Offer
from tui.store.transfer.common import sorted_offers

if TYPE_CHECKING:
    from icalendar import Event

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def ics_text(value: str) -> str:
    """Text as a calendar may hold it: CR LF and CR as newlines, other controls dropped."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def uid_part(value: str) -> str:
    if _PLAIN_ID.fullmatch(value):
        return value
    return "x" + hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _title(offer: Offer) -> str:
    return f"{offer.company} ({offer.role})" if offer.role else offer.company


def _event(
    uid: str, stamp: dt.datetime, day: dt.date, summary: str, description: str, category: str
) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    if day < dt.date.max:
        event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", ics_text(summary))
    event.add("description", ics_text(description))
    event.add("categories", [ics_text(category)])
    event.add("transp", "TRANSPARENT")
    return event


def _deadline_event(offer: Offer, stamp: dt.datetime) -> Event:
    assert offer.deadline is not None
    return _event(
        f"deadline-{uid_part(offer.id)}@offer-tui",
        stamp,
        offer.deadline,
        f"Respond to the {_title(offer)} offer",
        f"Respond-by deadline for the {_title(offer)} offer (status: {offer.status.value}).",
        "offer deadline",
    )


def _next_step_events(offer: Offer, stamp: dt.datetime) -> list[Event]:
    events = []
    for entry in offer.open_next_steps():
        assert entry.next_due is not None
        events.append(
            _event(
                f"next-{uid_part(offer.id)}-{uid_part(entry.id)}@offer-tui",
                stamp,
                entry.next_due,
                f"{entry.next_step} ({_title(offer)})",
                f"Next step after: {entry.summary}" if entry.summary else entry.next_step,
                "offer next step",
            )
        )
    return events


@dataclass(frozen=True)
class DueStep:
    """A checklist step not done yet, with the day it is due. Worked out by the caller from
    the guidance (the store does not read checklists)."""

    offer: Offer
    key: str  # the tick's key, unique within the offer
    day: dt.date
    step: str
    checklist: str


def _due_step_event(due: DueStep, stamp: dt.datetime) -> Event:
    return _event(
        f"step-{uid_part(due.offer.id)}-{uid_part(due.key)}@offer-tui",
        stamp,
        due.day,
        f"{due.step} ({_title(due.offer)})",
        f"Checklist step from {due.checklist!r} for the {_title(due.offer)} offer.",
        "offer checklist step",
    )


def count_events(offers: Iterable[Offer], due_steps: Iterable[DueStep] = ()) -> int:
    return sum(
        (o.deadline is not None and o.awaiting_answer()) + len(o.open_next_steps()) for o in offers
    ) + len(list(due_steps))


def offers_to_ics(
    offers: Iterable[Offer], stamp: dt.datetime, due_steps: Iterable[DueStep] = ()
) -> str:
    """The calendar text. `stamp` (UTC) is the DTSTAMP; UIDs depend only on the data."""
    from icalendar import Calendar  # only for this export

    utc = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//offer-tui//offer-tui//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Offers")
    for offer in sorted_offers(offers):
        if offer.deadline is not None and offer.awaiting_answer():
            calendar.add_component(_deadline_event(offer, utc))
        for event in _next_step_events(offer, utc):
            calendar.add_component(event)
    for due in sorted(due_steps, key=lambda d: (d.day, d.offer.id, d.key)):
        calendar.add_component(_due_step_event(due, utc))
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
