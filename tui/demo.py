"""Sample data for `offer-tui --demo` and the screenshots: six offers at different stages.
Always written into a fresh folder, never into the user's own data directory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
)
from tui.store.offers import OfferStore


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def demo_offers(today: dt.date) -> list[Offer]:
    d = lambda n: today + dt.timedelta(days=n)  # noqa: E731

    northwind = Offer(
        "Northwind Health",
        "Staff Engineer",
        id="northwind-health-staff-engineer-a1b2c3",
        location="Remote (US)",
        source="Referral from a former colleague",
        compensation=Compensation(
            base=185_000,
            bonus=18_000,
            sign_on=20_000,
            sign_on_clawback="repay in full if I leave within 12 months",
            equity="8,000 RSUs over 4 years",
            equity_yearly=32_000,
        ),
        received=d(-6),
        deadline=d(2),
        start_date=d(30),
    )
    northwind.contacts += [
        Contact("Dana Ruiz", ContactRole.HIRING_MANAGER, "dana@northwind.example", id="c-dana"),
        Contact(
            "Sam Patel", ContactRole.RECRUITER, "sam@northwind.example", "+1 555 0101", id="c-sam"
        ),
        Contact("Lee Chen", ContactRole.INTERVIEWER, id="c-lee"),
    ]
    northwind.log += [
        LogEntry(
            LogKind.CALL,
            _at(d(-6)),
            "Verbal offer from Dana; written offer to follow",
            contact="c-dana",
            id="l-1",
        ),
        LogEntry(
            LogKind.EMAIL,
            _at(d(-5), 15),
            "Written offer arrived",
            contact="c-sam",
            next_step="Ask about remote travel expectations",
            next_due=d(1),
            id="l-2",
        ),
    ]
    northwind.move_to(Status.NEGOTIATING, _at(d(-4)), "asked for a higher base")

    harbor = Offer(
        "Harbor Analytics",
        "Senior Data Engineer",
        id="harbor-analytics-senior-data-a4b5c6",
        location="Boston, hybrid",
        source="Recruiter outreach",
        compensation=Compensation(base=172_000, bonus=15_000, equity_yearly=12_000),
        received=d(-2),
        deadline=d(9),
        start_date=d(35),
    )
    harbor.contacts.append(Contact("Priya Shah", ContactRole.RECRUITER, id="c-priya"))

    quill = Offer(
        "Quill & Co",
        "Platform Lead",
        id="quill-co-platform-lead-d7e8f9",
        location="Austin",
        compensation=Compensation(base=178_000, bonus=25_000, equity_yearly=20_000),
        received=d(-40),
        deadline=d(-30),
    )
    quill.contacts += [
        Contact("Marta Okafor", ContactRole.HIRING_MANAGER, id="c-marta"),
        Contact("Ben Ito", ContactRole.INTERVIEWER, id="c-ben"),
    ]
    quill.move_to(Status.DECLINED, _at(d(-31)), "took the offer at my current employer")
    quill.told = ToldThem(
        "I accepted a counter-offer to stay where I am",
        Channel.EMAIL,
        d(-31),
        Handling.LONG_DELAY,
        "Waited four days past their deadline before writing",
    )
    quill.intend(
        Intent.GO_BACK,
        _at(d(-2)),
        what_changed="the role I stayed for has since been scaled down, and I have realised "
        "the platform work on your team is what I want to be doing",
    )
    quill.move_to(Status.RECONSIDERING, _at(d(-1)), "the counter-offer role was cut back")

    lumen = Offer(
        "Lumen Robotics",
        "Engineering Manager",
        id="lumen-robotics-engineering-g1h2i3",
        location="Pittsburgh",
        compensation=Compensation(base=190_000, bonus=20_000),
        received=d(-20),
        deadline=d(-12),
        start_date=d(14),
    )
    lumen.contacts.append(Contact("Jo Park", ContactRole.HIRING_MANAGER, id="c-jo"))
    lumen.move_to(Status.ACCEPTED, _at(d(-12)), "signed the offer letter")

    cobalt = Offer(
        "Cobalt Systems",
        "Backend Engineer",
        id="cobalt-systems-backend-j4k5l6",
        location="Remote",
        compensation=Compensation(base=160_000, currency="USD"),
        received=d(-15),
        deadline=d(-8),
    )
    cobalt.contacts += [
        Contact("Ana Lima", ContactRole.HIRING_MANAGER, id="c-ana"),
        Contact("Tom Reed", ContactRole.RECRUITER, id="c-tom"),
    ]
    cobalt.move_to(Status.DECLINED, _at(d(-9)), "the on-call load was too heavy")
    cobalt.told = ToldThem(
        "The on-call rotation would not fit with my family commitments",
        Channel.PHONE,
        d(-9),
        Handling.CLEAN,
    )

    fjord = Offer(
        "Fjord Labs",
        "Senior Engineer",
        id="fjord-labs-senior-engineer-m7n8o9",
        location="Oslo",
        compensation=Compensation(base=950_000, currency="NOK"),
        received=d(-3),
        deadline=d(0),
    )
    return [northwind, harbor, quill, lumen, cobalt, fjord]


def write_demo(data_dir: Path, today: dt.date | None = None) -> list[Offer]:
    store = OfferStore(data_dir)
    store.ensure()
    offers = demo_offers(today or dt.date.today())
    for offer in offers:
        store.save(offer)
    return offers
