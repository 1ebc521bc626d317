"""Shared by the import tests: a seeded data folder, an import file, the folder's state."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from tui.cli import main
from tui.model import Contact, ContactRole, LogEntry, LogKind, Offer
from tui.store.backups import list_backups
from tui.store.offers import OfferStore
from tui.store.staging import STAGING
from tui.store.transfer import offers_to_json

AT = dt.datetime(2026, 11, 2, 10, 0, 0)


def run_cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def folder_state(root: Path) -> dict[str, bytes]:
    offers = root / "offers"
    return {p.name: p.read_bytes() for p in sorted(offers.iterdir())} if offers.is_dir() else {}


def leftovers(root: Path) -> list[str]:
    """Anything an interrupted run could leave: temp files, staging, manifest-less backups."""
    found = [str(p) for p in root.rglob("*.tmp")]
    staging = root / STAGING
    if staging.is_dir():
        found += [str(p) for p in staging.iterdir()]
    found += [f"{b.path}: {b.problem}" for b in list_backups(root) if b.problem]
    return found


def seeded(root: Path, count: int = 5) -> list[Offer]:
    store = OfferStore(root)
    store.ensure()
    offers = []
    for i in range(count):
        offer = Offer(company=f"Existing {i}", role="Engineer")
        offer.contacts.append(Contact(f"Person {i}", ContactRole.RECRUITER))
        offers.append(store.add(offer))
    return offers


def import_file(tmp_path: Path, existing: list[Offer], new: int = 30) -> Path:
    """Changes to two existing offers, the others as they are, and `new` new offers."""
    changed = [
        dataclasses.replace(o, notes="changed by the import") if i < 2 else o
        for i, o in enumerate(existing)
    ]
    fresh = []
    for i in range(new):
        offer = Offer(company=f"New {i}", role="Dev", notes="x" * 2000)
        offer.id = f"new-{i:03d}"
        offer.log.append(LogEntry(LogKind.NOTE, AT, "hi"))
        fresh.append(offer)
    path = tmp_path / "in.json"
    path.write_text(offers_to_json(changed + fresh), encoding="utf-8")
    return path
