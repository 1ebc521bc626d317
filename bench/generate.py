"""Write a realistic data directory for benchmarks, in the store's own format.

    python bench/generate.py --offers 10000 --attempts 50000 DIR [--seed 1]

Offers get statuses reached through legal transitions (with their history), people, a log
with next steps, "what I told them" for declines and back-outs, checklist progress ticking
real item ids from the bundled checklists, and rehearsal history answering real bundled
questions, scored by the real scorer. The same --seed and --today give the same files,
byte for byte.

Files are encoded by the store's own code (the offer codec, `render_attempt`) but written
in bulk, without the store's per-save fsync and conflict check: each offer file once, each
month of history once (10,000 offers and 50,000 attempts take well under a minute).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path

from tui.content.checklists import Checklist, load_checklists
from tui.content.progress import PRIMARY, tick_key
from tui.content.questions import load_questions
from tui.model import (
    Channel,
    ChecklistProgress,
    Compensation,
    Contact,
    ContactRole,
    Handling,
    ItemDone,
    LogEntry,
    LogKind,
    Offer,
    ToldThem,
)
from tui.model.attempt import Attempt
from tui.model.ids import slugify
from tui.model.question import Question
from tui.model.status import TELLING_STATUSES, allowed_next
from tui.rehearsal.result import Score
from tui.rehearsal.scorer import score_answer
from tui.store.attempts import VERSION as HISTORY_VERSION
from tui.store.attempts import AttemptStore, render_attempt
from tui.store.codec import offer_to_dict, prune
from tui.store.offers import OfferStore
from tui.tomlio.tomlfile import FILE_MODE, ensure_private_dir

PREFIXES = "North Harbor Quill Lumen Cobalt Fjord Aster Birch Cedar Delta Ember Granite Helix Iris"
SUFFIXES = "Health Analytics Robotics Systems Labs Works Bank Games Energy Cloud Logistics Bio"
ROLES = [
    "Staff Engineer",
    "Senior Data Engineer",
    "Platform Lead",
    "Engineering Manager",
    "Backend Engineer",
    "Site Reliability Engineer",
    "Product Designer",
    "Security Engineer",
    "Mobile Developer",
    "Data Scientist",
]
CITIES = ["Remote", "Remote (EU)", "Boston, hybrid", "Austin", "Oslo", "Berlin", "Toronto", ""]
FIRST = [
    "Dana",
    "Sam",
    "Lee",
    "Priya",
    "Marta",
    "Ben",
    "Jo",
    "Ana",
    "Tom",
    "Noor",
    "Ken",
    "Ida",
    "Raj",
    "Eva",
    "Luis",
    "Mei",
    "Omar",
    "Zoe",
]
LAST = [
    "Ruiz",
    "Patel",
    "Chen",
    "Shah",
    "Okafor",
    "Ito",
    "Park",
    "Lima",
    "Reed",
    "Haddad",
    "Berg",
    "Rossi",
    "Kim",
    "Novak",
    "Diaz",
]
SUMMARIES = [
    "Verbal offer on a call; written offer to follow",
    "Written offer arrived by email",
    "Asked about remote travel expectations",
    "Discussed the on-call rotation",
    "Asked for a higher base; they will check with the team",
    "Left a voicemail, no answer yet",
    "Coffee with the hiring manager",
]
NEXT_STEPS = [
    "Send the signed letter",
    "Reply about the start date",
    "Ask for the equity details in writing",
    "Call the recruiter back",
    "Thank the interviewers",
    "",
]
REASONS = [
    "I accepted a role closer to home",
    "The on-call load would not fit my family commitments",
    "I decided to stay with my current team after a counter-offer",
    "The role was further from my goals than I hoped",
]
ANSWER_BITS = [
    "Thank you so much for the offer and for the time your team spent with me.",
    "I have decided to accept another role that is closer to what I want to do next.",
    "It was a hard decision, and I really enjoyed meeting everyone.",
    "Honestly the salary was a factor, the pay was just too low.",
    "When we last spoke the travel was the sticking point; that has changed since.",
    "I would love to stay in touch and hope our paths cross again.",
    "I am sorry for the short notice and for any trouble this causes.",
    "Um, I guess, like, it was kind of complicated, you know.",
    "I should have told you sooner; that is on me.",
]


def company_name(rng: random.Random, n: int) -> str:
    return f"{rng.choice(PREFIXES.split())} {rng.choice(SUFFIXES.split())} {n}"


def walk_status(rng: random.Random, offer: Offer, start: dt.datetime) -> dt.datetime:
    """Move the offer through up to four legal transitions; returns the last time used."""
    at = start
    for _ in range(rng.randint(0, 4)):
        options = allowed_next(offer.status)
        if not options:
            break
        at += dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
        offer.move_to(rng.choice(options), at, rng.choice(["", "after a long call"]))
    return at


def add_people(rng: random.Random, offer: Offer, n: int) -> None:
    roles = [ContactRole.HIRING_MANAGER, ContactRole.RECRUITER, *list(ContactRole)]
    for k in range(rng.randint(1, 4)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = f"{slugify(name)}@{slugify(offer.company)}.example"
        offer.contacts.append(Contact(name, roles[k], email, id=f"c{n}-{k}"))


def add_log(rng: random.Random, offer: Offer, n: int, start: dt.datetime) -> None:
    for k in range(rng.randint(1, 6)):
        at = start.replace(hour=rng.randint(8, 18)) + dt.timedelta(days=k)
        step = rng.choice(NEXT_STEPS)
        due = at.date() + dt.timedelta(days=rng.randint(1, 10)) if step else None
        contact = rng.choice(offer.contacts).id if offer.contacts else ""
        entry = LogEntry(rng.choice(list(LogKind)), at, rng.choice(SUMMARIES), contact, step, due)
        entry.id = f"l{n}-{k}"
        offer.log.append(entry)


def add_told(rng: random.Random, offer: Offer, at: dt.datetime) -> None:
    if offer.status in TELLING_STATUSES or any(
        t.to_status in TELLING_STATUSES for t in offer.history
    ):
        offer.told = ToldThem(
            rng.choice(REASONS),
            rng.choice(list(Channel)),
            at.date(),
            rng.choice(list(Handling)),
        )


def tick_keys(offer: Offer, checklist: Checklist) -> list[str]:
    keys = []
    for item in checklist.items:
        people = [c for c in offer.contacts if c.role in item.contact_roles]
        keys += [tick_key(item.id, c.id) for c in people] if people else [item.id]
    return keys


def add_progress(
    rng: random.Random, offer: Offer, checklists: dict[str, Checklist], at: dt.datetime
) -> None:
    wanted = [PRIMARY.get(offer.status, "")]
    wanted += [c.id for c in checklists.values() if c.fits(offer.status) and rng.random() < 0.3]
    for checklist_id in dict.fromkeys(w for w in wanted if w in checklists):
        progress = ChecklistProgress(checklist_id, at)
        keys = tick_keys(offer, checklists[checklist_id])
        for key in rng.sample(keys, rng.randint(0, len(keys))):
            progress.done[key] = ItemDone(at + dt.timedelta(hours=rng.randint(1, 72)))
        offer.checklists.append(progress)


def make_offer(
    rng: random.Random, n: int, today: dt.date, checklists: dict[str, Checklist]
) -> Offer:
    received = today - dt.timedelta(days=rng.randint(0, 120))
    company, role = company_name(rng, n), rng.choice(ROLES)
    offer = Offer(
        company,
        role,
        id=f"{slugify(company + ' ' + role, 40)}-{n:06x}",
        location=rng.choice(CITIES),
        source=rng.choice(["Referral", "Recruiter outreach", "Applied", ""]),
        compensation=Compensation(
            base=rng.randrange(90_000, 260_000, 1000),
            bonus=rng.choice([None, rng.randrange(5_000, 40_000, 1000)]),
            equity_yearly=rng.choice([None, rng.randrange(5_000, 60_000, 1000)]),
        ),
        received=received,
        deadline=received + dt.timedelta(days=rng.randint(3, 21)),
        start_date=received + dt.timedelta(days=rng.randint(30, 60)),
    )
    start = dt.datetime.combine(received, dt.time(9))
    add_people(rng, offer, n)
    add_log(rng, offer, n, start)
    last = walk_status(rng, offer, start)
    if offer.awaiting_answer():  # still to answer: a deadline around now
        offer.deadline = max(last.date(), today + dt.timedelta(days=rng.randint(-3, 14)))
    add_told(rng, offer, last)
    add_progress(rng, offer, checklists, last)
    return offer


ANSWER_POOL = 64  # distinct typed answers per run (each scored once, then reused)


def answer_pool(rng: random.Random) -> list[str]:
    return [" ".join(rng.sample(ANSWER_BITS, rng.randint(2, 6))) for _ in range(ANSWER_POOL)]


def make_attempt(
    rng: random.Random,
    n: int,
    questions: list[Question],
    offers: list[Offer],
    today: dt.date,
    pool: list[str],
    scored: dict[tuple[str, str], Score],
) -> Attempt:
    question = rng.choice(questions)
    if rng.random() < 0.3 and question.model_answers:
        answer = rng.choice(question.model_answers)
    else:
        answer = rng.choice(pool)
    at = dt.datetime.combine(today - dt.timedelta(days=rng.randint(0, 180)), dt.time(20))
    at += dt.timedelta(minutes=rng.randint(0, 180))
    offer_id = rng.choice(offers).id if offers and rng.random() < 0.5 else ""
    key = (question.id, answer)
    if key not in scored:
        scored[key] = score_answer(question, answer)
    attempt = scored[key].to_attempt(answer, at, rng.uniform(20, 180), offer_id)
    return Attempt(**{**attempt.__dict__, "id": f"a{n:06d}"})


def write_private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    path.chmod(FILE_MODE)


def write_offers(store: OfferStore, offers: list[Offer]) -> None:
    import tomli_w

    for offer in offers:
        write_private(store.path_for(offer.id), tomli_w.dumps(prune(offer_to_dict(offer))).encode())


def write_history(history: AttemptStore, attempts: list[Attempt]) -> None:
    """Each month's attempts in one file, as AttemptStore.add would have appended them."""
    months: dict[Path, list[str]] = {}
    for attempt in attempts:
        months.setdefault(history.month_path(attempt.at), []).append(render_attempt(attempt))
    ensure_private_dir(history.folder)
    for path, blocks in months.items():
        text = f"version = {HISTORY_VERSION}\n" + "".join("\n" + b for b in blocks)
        write_private(path, text.encode("utf-8"))


def generate(root: Path, offers: int, attempts: int, seed: int, today: dt.date) -> tuple[int, int]:
    rng = random.Random(seed)
    checklists = load_checklists(None).items
    questions = sorted(load_questions(None).items.values(), key=lambda q: q.id)
    store = OfferStore(root)
    store.ensure()
    made = [make_offer(rng, n, today, checklists) for n in range(offers)]
    write_offers(store, made)
    pool, scored = answer_pool(rng), {}
    history = [make_attempt(rng, n, questions, made, today, pool, scored) for n in range(attempts)]
    write_history(AttemptStore(root), history)
    return len(made), attempts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="data directory to write (created if missing)")
    parser.add_argument("--offers", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=dt.date.today(), help="YYYY-MM-DD"
    )
    args = parser.parse_args()
    if args.dir.exists() and any(args.dir.glob("offers/*.toml")):
        parser.error(f"{args.dir} already has offers; give an empty or new folder")
    start = time.perf_counter()
    n_offers, n_attempts = generate(args.dir, args.offers, args.attempts, args.seed, args.today)
    took = time.perf_counter() - start
    print(f"wrote {n_offers} offers and {n_attempts} attempts to {args.dir} in {took:.1f} s")


if __name__ == "__main__":
    main()
