"""Applying an import to the offers folder: all offers or none, even when killed.

1. Under the store's lock, each imported offer is matched by id to the offers on disk:
   new, updated (only the fields the file sets; unknown keys and comments kept) or unchanged.
2. The whole offers folder is backed up (a snapshot: restoring it undoes the import).
3. Every file to write is staged, then a plan names them: writing the plan is the commit
   point (staging.py).
4. The staged files are renamed into offers/ and the staging folder removed.

Killed before the plan is written: nothing in offers/ changed, and the next start removes
the staging folder. Killed after: the next start finishes the renames (recovery.py)."""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tui.model import Offer
from tui.model.ids import new_id
from tui.store.backups import backup
from tui.store.codec import offer_to_dict
from tui.store.offers import OfferStore, encode_offer
from tui.store.paths import link_inside
from tui.store.staging import STAGING, Plan, roll_forward, stage
from tui.store.transfer import ImportResult
from tui.tomlio.errors import DataError, Problem
from tui.tomlio.tomlfile import LINK_MESSAGE, ensure_private_dir, file_lock

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
    # new offer id -> id of an offer already on disk with the same company and role
    look_alikes: dict[str, str] = field(default_factory=dict)

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
    plan = ImportPlan()
    problems: list[Problem] = []
    seen: set[str] = set()
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
    by_title = {_title_key(o): o.id for o in loaded.offers.values()}
    for offer in plan.new:
        if _title_key(offer) in by_title:
            plan.look_alikes[offer.id] = by_title[_title_key(offer)]
    return plan


def _title_key(offer: Offer) -> tuple[str, str]:
    return (offer.company.strip().casefold(), offer.role.strip().casefold())


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
        try:
            files = {f"{o.id}.toml": _file_bytes(store, o) for o in plan.writes}
            folder = stage(root, "import", files)
        except BaseException:
            shutil.rmtree(saved, ignore_errors=True)  # nothing changed: not needed
            raise
        try:
            roll_forward(root, folder, Plan(list(files)))
        except OSError as exc:
            raise Committed(folder, exc) from exc
    return Applied(plan, saved)


class Committed(Exception):
    """The import was committed but not all of its files could be put in place yet; the
    next start finishes it."""

    def __init__(self, folder: Path, cause: OSError) -> None:
        self.folder = folder
        super().__init__(
            f"{cause.filename or folder}: {cause.strerror or cause}; the import is saved in "
            f"{folder} and will be finished the next time offer-tui starts"
        )


def _file_bytes(store: OfferStore, offer: Offer) -> bytes:
    """What a save would write: merged into the current file (unknown keys, comments kept)."""
    path = store.path_for(offer.id)
    current = path.read_bytes() if path.is_file() else None
    return encode_offer(path, offer, current)
