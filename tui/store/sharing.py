"""Equal values read from many offer files held once: the same dates, roles, places,
currencies, checklist ids, item keys and contact ids recur across offers and entries, and
each read (TOML or the cache) makes a new object of each. Sharing them after the read saves
a third of what 10,000 offers hold, for about two microseconds an offer. Only immutable
values (str, int, date, datetime) are shared."""

from __future__ import annotations

from typing import Any

from tui.model import Offer

Pool = dict[Any, Any]


def share(offer: Offer, pool: Pool) -> None:
    """Replace the offer's values by equal ones already in `pool` (adding the new ones).
    Spelt out field by field: a loop over names with getattr costs twice as much."""
    same = pool.setdefault
    o = offer
    o.company, o.role = same(o.company, o.company), same(o.role, o.role)
    o.location, o.source = same(o.location, o.location), same(o.source, o.source)
    o.received, o.deadline = same(o.received, o.received), same(o.deadline, o.deadline)
    o.start_date = same(o.start_date, o.start_date)
    c = o.compensation
    c.currency, c.base, c.bonus = (
        same(c.currency, c.currency),
        same(c.base, c.base),
        same(c.bonus, c.bonus),
    )
    c.sign_on, c.equity_yearly = same(c.sign_on, c.sign_on), same(c.equity_yearly, c.equity_yearly)
    for p in o.contacts:
        p.name, p.id = same(p.name, p.name), same(p.id, p.id)
    for e in o.log:
        e.at, e.summary, e.contact = (
            same(e.at, e.at),
            same(e.summary, e.summary),
            same(e.contact, e.contact),
        )
        e.next_step, e.next_due = same(e.next_step, e.next_step), same(e.next_due, e.next_due)
    for t in o.history:
        t.at, t.note = same(t.at, t.at), same(t.note, t.note)
    if o.told is not None:
        o.told.reason, o.told.on = same(o.told.reason, o.told.reason), same(o.told.on, o.told.on)
    if o.intent is not None:
        o.intent.at = same(o.intent.at, o.intent.at)
    for progress in o.checklists:
        progress.checklist = same(progress.checklist, progress.checklist)
        progress.attached = same(progress.attached, progress.attached)
        if progress.done:
            progress.done = {same(k, k): v for k, v in progress.done.items()}
            for done in progress.done.values():
                done.at = same(done.at, done.at)
