"""Applying an import to the offers folder: all offers or none, even when killed.

1. Under the store's lock, each imported offer is matched by id to the offers on disk:
   new, updated (only the fields the file sets; unknown keys and comments kept) or unchanged.
2. The whole offers folder is backed up (a snapshot: restoring it undoes the import).
3. Every file to write is staged in `.staging/import-*/offers/`, then `plan.toml` names
   them: writing the plan is the commit point.
4. The staged files are renamed into offers/ and the staging folder removed.

Killed before the plan is written: nothing in offers/ changed, and the next start removes
the staging folder. Killed after: the next start finishes the renames (recovery.py)."""

from __future__ import annotations

import copy
import datetime as dt
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from tui.model import Offer
from tui.model.ids import new_id
from tui.store.backups import backup
from tui.store.codec import offer_to_dict
from tui.store.offers import OfferStore, encode_offer
from tui.store.paths import link_inside
from tui.store.recovery import PLAN, STAGING, roll_forward
from tui.store.transfer import ImportResult
from tui.tomlio.errors import DataError, Problem
from tui.tomlio.tomlfile import LINK_MESSAGE, atomic_write, ensure_private_dir, file_lock

# CSV column -> (attribute path on Offer): what a partial (CSV) import may change.
COLUMN_FIELDS = {
    "company": ("company",),
    "role": ("role",),
    "status": ("status",),
    "location": ("location",),
    "source": ("source",),
    "received": ("received",),
    "deadline": ("deadline",),
    "start_date": ("start_date",),
    "notes": ("notes",),
    "base_salary": ("compensation", "base"),
    "bonus": ("compensation", "bonus"),
    "sign_on": ("compensation", "sign_on"),
    "equity_yearly": ("compensation", "equity_yearly"),
    "currency": ("compensation", "currency"),
}


@dataclass
class ImportPlan:
    new: list[Offer] = field(default_factory=list)
    updated: list[Offer] = field(default_factory=list)
    unchanged: list[Offer] = field(default_factory=list)

    @property
    def writes(self) -> list[Offer]:
        return self.new + self.updated


@dataclass
class Applied:
    plan: ImportPlan
    backup: Path | None = None


def merged(existing: Offer, incoming: Offer, columns: tuple[str, ...] | None) -> Offer:
    """`existing` with what the import sets: the whole offer (JSON) or the named columns."""
    if columns is None:
        return copy.deepcopy(incoming)
    out = copy.deepcopy(existing)
    for column in columns:
        path = COLUMN_FIELDS.get(column)
        if path is None:
            continue
        source: object = incoming
        target: object = out
        for part in path[:-1]:
            source, target = getattr(source, part), getattr(target, part)
        setattr(target, path[-1], getattr(source, path[-1]))
    return out


def plan_import(store: OfferStore, result: ImportResult) -> ImportPlan:
    """Match by id; DataError naming the offers that cannot be matched safely."""
    loaded = store.load_all()
    broken = {p.file.stem: p for p in loaded.problems}
    plan, problems, seen = ImportPlan(), [], set[str]()
    for offer in result.offers:
        if offer.id in seen:
            problems.append(Problem(Path(offer.id), "appears twice in the import file"))
            continue
        seen.add(offer.id)
        if offer.id in broken:
            message = f"matches an offer whose file cannot be read ({broken[offer.id].message})"
            problems.append(Problem(store.path_for(offer.id), message + "; fix it first"))
            continue
        existing = loaded.offers.get(offer.id)
        if existing is None:
            plan.new.append(offer)
            continue
        fresh = merged(existing, offer, result.columns)
        same = offer_to_dict(fresh) == offer_to_dict(existing)
        (plan.unchanged if same else plan.updated).append(fresh)
    if problems:
        raise DataError(problems)
    _unique_new_ids(store, plan)
    return plan


def _unique_new_ids(store: OfferStore, plan: ImportPlan) -> None:
    taken = {o.id for o in plan.updated + plan.unchanged}
    for offer in plan.new:
        while offer.id in taken or store.path_for(offer.id).exists():
            offer.id = new_id(offer.company, offer.role)
        taken.add(offer.id)


def apply_import(root: Path, result: ImportResult, source: Path) -> Applied:
    """Plan, back up, stage, commit and put in place, all under the store's lock. Raises
    OSError (full or read-only disk) or DataError with nothing changed in offers/."""
    store = OfferStore(root)
    ensure_private_dir(store.layout.offers)
    for link in {link_inside(root, store.layout.offers), link_inside(root, root / STAGING)}:
        if link is not None:
            raise DataError([Problem(link, LINK_MESSAGE)])
    with file_lock(store.layout.lock):
        plan = plan_import(store, result)
        if not plan.writes:
            return Applied(plan)
        saved = backup(root, "before-import")
        stage = _stage(store, plan.writes, source)
        roll_forward(root, stage, [f"{o.id}.toml" for o in plan.writes])
    return Applied(plan, saved)


def _stage(store: OfferStore, offers: list[Offer], source: Path) -> Path:
    """Every file written in a staging folder, then the plan (the commit point). On any
    failure before the plan the folder is removed again."""
    name = f"import-{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
    stage = store.root / STAGING / name
    try:
        ensure_private_dir(stage / "offers")
        for offer in offers:
            path = store.path_for(offer.id)
            current = path.read_bytes() if path.is_file() else None
            atomic_write(stage / "offers" / path.name, encode_offer(path, offer, current))
        plan = {"version": 1, "source": str(source), "files": [f"{o.id}.toml" for o in offers]}
        atomic_write(stage / PLAN, tomli_w.dumps(plan).encode())
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return stage
