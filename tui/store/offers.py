"""The offers folder: one TOML file per Offer, named by its id.

Reads are fast (rtoml and msgspec; a file unchanged since the last start comes from the
cache of parsed offers, offercache.py, at the cost of a stat and a decode). Writes keep
unknown keys (and comments, via tomlkit, when the file has any), are atomic, owner-only,
and refused when the file changed on disk since it was read. A file that fails to parse
or validate is reported and never rewritten."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.model import Offer
from tui.model.ids import is_valid_id, new_id
from tui.store import offercache
from tui.store.backups import backup
from tui.store.codec import VERSION, offer_from_dict, offer_to_dict, prune
from tui.store.fastread import read_offer
from tui.store.gcpause import no_gc
from tui.store.merge import sync
from tui.store.paths import Layout, link_inside
from tui.store.sharing import Pool, share
from tui.tomlio.errors import ConflictError, DataError, FieldError, Problem
from tui.tomlio.tomlfile import (
    DIR_MODE,
    FILE_MODE,
    LINK_MESSAGE,
    atomic_write,
    ensure_private_dir,
    field_problems,
    file_lock,
    parse_toml,
    read_bytes_stat,
)


@dataclass
class LoadResult:
    offers: dict[str, Offer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


Signature = offercache.Signature


@dataclass(slots=True)
class _Seen:
    """What the store last read from or wrote to one file. Only a digest is kept, not the
    text: a save reads the file again anyway (to refuse stale writes) and merges into that."""

    digest: bytes
    version: int = VERSION  # the file's own version, before migration
    signature: Signature | None = None  # taken before the read; None: compare digests


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _signature(path: Path) -> Signature:
    return offercache.signature_of(path.stat())


def _signature_at(folder: int, name: str) -> Signature | None:
    """The signature of a regular file in the open folder, not following a link; None for
    anything else."""
    try:
        st = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return offercache.signature_of(st)


class OfferStore:
    def __init__(self, root: Path) -> None:
        self.layout = Layout(root)
        self._seen: dict[str, _Seen] = {}
        self._broken: dict[str, Problem] = {}
        # What the next write_cache() keeps of the cache, and adds to it (see offercache).
        self._cache_kept: dict[str, Signature] = {}
        self._cache_fresh: list[offercache.Entry] = []
        self._cache_dirty = False

    @property
    def root(self) -> Path:
        return self.layout.root

    def path_for(self, offer_id: str) -> Path:
        if not is_valid_id(offer_id):
            raise ValueError(f"not a valid offer id: {offer_id!r}")
        return self.layout.offers / f"{offer_id}.toml"

    # -- set-up ------------------------------------------------------------------------
    def ensure(self) -> list[str]:
        """Create the folders (0700), clean up after an interrupted run and repair loose
        permissions; returns warnings and notes of what was done."""
        from tui.store.recovery import recover

        ensure_private_dir(self.layout.root)
        ensure_private_dir(self.layout.offers)
        warnings = recover(self.root)
        layout = self.layout
        folders = [layout.root, layout.offers, layout.attempts, layout.checklists,
                   layout.questions, layout.templates]  # fmt: skip
        for folder in (f for f in folders if f.is_dir()):
            if folder != layout.root and folder.is_symlink():
                warnings.append(f"{folder} {LINK_MESSAGE}")
                continue
            warnings += _make_private(folder, DIR_MODE, "700")
            for path in folder.glob("*.toml"):
                warnings += _make_private(path, FILE_MODE, "600")
        return warnings

    # -- reading -----------------------------------------------------------------------
    def offer_files(self) -> list[Path]:
        folder = self.layout.offers
        return [folder / name for name in self._offer_names()]

    def _offer_names(self) -> list[str]:
        """The offer files' names, sorted (as text: Path ordering is slow)."""
        try:
            with os.scandir(self.layout.offers) as entries:
                names = [e.name for e in entries if e.name.endswith(".toml")]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(name for name in names if not name.startswith("."))

    def load_all(self) -> LoadResult:
        """Every offer file, read through the cache where a file is unchanged since it was
        cached; problems of files are reported as they are found."""
        result = LoadResult()
        self._seen.clear()
        self._broken.clear()
        self._cache_kept, self._cache_fresh, self._cache_dirty = {}, [], False
        folder = self.layout.offers
        if folder.is_symlink():
            result.problems.append(Problem(folder, LINK_MESSAGE))
            return result
        started = offercache.clock_ns()
        with no_gc():
            names = self._offer_names()
            pool: Pool = {}  # equal values of all offers held once (see sharing)
            cached = self._from_cache(names, pool)
            for name in names:
                offer = cached.get(name)
                if offer is None:
                    offer = self._load_fresh(folder / name, result.problems, started)
                    if offer is not None:
                        share(offer, pool)
                if offer is not None:
                    result.offers[offer.id] = offer
        return result

    def _from_cache(self, names: list[str], pool: Pool) -> dict[str, Offer]:
        """The offers of the files `names` that the cache holds for their current
        signatures, by file name. A cache that cannot be used in full is not used at all."""
        if not names:
            return {}
        wanted = set(names)
        found: dict[str, tuple[Offer, bytes, int, Signature]] = {}  # not entries: they hold a frame
        total = 0
        try:
            folder = os.open(self.layout.offers, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            return {}
        try:
            for entry in offercache.entries(self.root):
                total += 1
                name = entry.name
                if name not in wanted or _signature_at(folder, name) != entry.signature:
                    continue  # removed, changed or replaced since: read as usual
                offer = offercache.decode_offer(entry.offer)
                if offer.id == name[: -len(".toml")]:
                    share(offer, pool)  # at once: the peak is what is kept, not twice it
                    found[name] = offer, entry.digest, entry.version, entry.signature
        except offercache.CacheError:
            found, self._cache_dirty = {}, True
        finally:
            os.close(folder)
        self._cache_dirty |= len(found) != total
        for name, (offer, digest, version, signature) in found.items():
            self._seen[offer.id] = _Seen(digest, version, signature)
            self._cache_kept[name] = signature
        return {name: found[name][0] for name in found}

    def _load_fresh(self, path: Path, problems: list[Problem], started: int) -> Offer | None:
        """Read one file (not from the cache); its problems go to `problems`."""
        try:
            offer, cacheable = self._read_file(path)
        except DataError as exc:
            found = exc.problems
        except OSError as exc:
            found = [Problem(path, f"cannot be read: {exc.strerror or exc}")]
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            # A shape no check foresaw: report it against the file, never crash.
            found = [Problem(path, f"could not be understood ({type(exc).__name__})")]
        else:
            if cacheable:
                self._to_cache(path.name, offer, started)
            return offer
        problems.extend(found)
        self._broken[path.stem] = found[0]
        return None

    def _to_cache(self, name: str, offer: Offer, started: int) -> None:
        """Keep the offer just read for the next write_cache, unless its file is racy."""
        seen = self._seen[offer.id]
        if seen.signature is None or offercache.racy(seen.signature, started):
            return
        raw = offercache.encode_offer(offer)  # now: the app may change the offer later
        if raw is not None:
            entry = offercache.Entry(name, seen.signature, seen.digest, seen.version, raw)
            self._cache_fresh.append(entry)
            self._cache_dirty = True

    def write_cache(self) -> bool:
        """Bring the cache in line with the last load_all, if it changed anything (the app
        calls this once the list is on screen). False when nothing was written."""
        if not self._cache_dirty:
            return False
        kept, fresh = self._cache_kept, self._cache_fresh
        self._cache_fresh, self._cache_dirty = [], False  # a load_all meanwhile sets its own
        return offercache.write(self.root, kept, fresh)

    def load_file(self, path: Path) -> Offer:
        return self._read_file(path)[0]

    def _read_file(self, path: Path) -> tuple[Offer, bool]:
        """The offer, and whether it may be cached: every person and log entry has its id
        in the file (a missing one gets a new id at each read, which a cache would fix)."""
        offer_id = path.stem
        if not is_valid_id(offer_id):
            raise DataError(
                [Problem(path, "file name is not an offer id (use lowercase letters, digits, -)")]
            )
        data, st = read_bytes_stat(path)
        signature = offercache.signature_of(st)
        table = parse_toml(path, data, fast=True)
        version = table.get("version", 0)
        table = _migrate(path, table, data)
        offer = read_offer(table, offer_id)  # the happy path; None: let Fields decide
        if offer is None:
            offer, errors = offer_from_dict(table, offer_id)
            if errors:
                raise DataError(field_problems(path, data.decode("utf-8-sig"), errors))
        self._seen[offer_id] = _Seen(_digest(data), version, signature)
        return offer, _ids_in_file(table)

    def reload(self, offer_id: str) -> Offer | None:
        path = self.path_for(offer_id)
        if not path.exists():
            self._seen.pop(offer_id, None)
            return None
        return self.load_file(path)

    def changed_on_disk(self) -> list[str]:
        """Ids of loaded offers whose files were changed or removed by someone else."""
        changed = []
        for offer_id, seen in list(self._seen.items()):
            path = self.layout.offers / f"{offer_id}.toml"
            try:
                signature = _signature(path)
                if signature == seen.signature:
                    continue  # not written since it was read: no need to read it
                current = _digest(path.read_bytes())
            except FileNotFoundError:
                changed.append(offer_id)
                continue
            if current != seen.digest:
                changed.append(offer_id)
            else:
                seen.signature = signature  # same bytes (rewritten as they were)
        return changed

    def new_files(self) -> list[Path]:
        """Offer files on disk that this store has not read (added by someone else)."""
        known = set(self._seen) | set(self._broken)
        return [p for p in self.offer_files() if p.stem not in known]

    # -- writing -----------------------------------------------------------------------
    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return file_lock(self.layout.lock)

    def save(self, offer: Offer) -> None:
        """Write one offer. Raises ConflictError if its file changed since it was read."""
        ensure_private_dir(self.layout.offers)
        if offer.id in self._broken:
            raise DataError([self._broken[offer.id]])
        path = self.path_for(offer.id)
        link = link_inside(self.root, path)
        if link is not None:
            raise DataError([Problem(link, LINK_MESSAGE)])
        with self._locked():
            current = self._check_unchanged(offer.id, path)
            seen = self._seen.get(offer.id)
            if seen is not None and seen.version < VERSION:
                backup(self.root, f"migrate-v{seen.version}", [path])  # old file kept, once
            data = _encode(path, offer, current)
            atomic_write(path, data)
        self._seen[offer.id] = _Seen(_digest(data))

    def _check_unchanged(self, offer_id: str, path: Path) -> bytes | None:
        """The file's bytes, if they are what was last read or written (None: no file yet)."""
        seen = self._seen.get(offer_id)
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            if seen is not None:
                raise ConflictError(path) from None  # deleted elsewhere since we read it
            return None
        if seen is None or _digest(current) != seen.digest:
            raise ConflictError(path)
        return current

    def add(self, offer: Offer) -> Offer:
        """Save a new offer under a fresh id that no file uses yet."""
        while self.path_for(offer.id).exists() or offer.id in self._seen:
            offer.id = new_id(offer.company, offer.role)
        self.save(offer)
        return offer

    def delete(self, offer_id: str) -> Path:
        """Move the offer's file to backups/deleted/ (never unlinked); returns where it went."""
        path = self.path_for(offer_id)
        with self._locked():
            self._check_unchanged(offer_id, path)
            trash = self.layout.backups / "deleted"
            ensure_private_dir(trash)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = trash / f"{offer_id}.{stamp}.toml"
            shutil.move(str(path), target)
        self._seen.pop(offer_id, None)
        return target


def _ids_in_file(table: dict[str, Any]) -> bool:
    for key in ("contacts", "log"):
        items = table.get(key, [])
        if not isinstance(items, list):
            return False
        if not all(isinstance(item, dict) and item.get("id") for item in items):
            return False
    return True


def _make_private(path: Path, mode: int, label: str) -> list[str]:
    """Tighten `path` to owner-only; a warning when it had to be changed. A symbolic link
    is reported and never followed (O_NOFOLLOW: the mode of what it points to is kept)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return [f"{path} {LINK_MESSAGE}"] if exc.errno == errno.ELOOP else []
    try:
        current = os.fstat(fd).st_mode & 0o777
        if not current & 0o077:
            return []
        os.fchmod(fd, mode)
    except OSError:
        return []
    finally:
        os.close(fd)
    return [f"{path} was readable by others (mode {current:o}); set to {label}"]


def _migrate(path: Path, table: dict[str, Any], data: bytes = b"") -> dict[str, Any]:
    version = table.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        message = (
            f"expected a whole number from 0 to {VERSION} (the file format), found {version!r}"
        )
        raise DataError(field_problems(path, _text(data), [FieldError(("version",), message)]))
    if version > VERSION:
        message = (
            f"was written by a newer offer-tui (file version {version}, this one reads "
            f"up to {VERSION}); upgrade offer-tui to open it. It was left untouched."
        )
        raise DataError(field_problems(path, _text(data), [FieldError(("version",), message)]))
    for step in range(version, VERSION):
        table = MIGRATIONS[step](table)
    return table


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")  # only to find a problem's line


def _v0_to_v1(table: dict[str, Any]) -> dict[str, Any]:
    """Version 0 is a hand-written file without a version key; its shape is version 1's."""
    return {"version": 1, **{k: v for k, v in table.items() if k != "version"}}


MIGRATIONS = {0: _v0_to_v1}


def _encode(path: Path, offer: Offer, current: bytes | None) -> bytes:
    """The offer as file bytes, merged into the file's `current` bytes (unknown keys kept)."""
    import tomli_w  # only when saving, not at start-up

    fresh = offer_to_dict(offer)
    if current is None:
        return tomli_w.dumps(prune(fresh)).encode()
    text = current.decode("utf-8-sig")
    if "#" in text or '"""' in text or "'''" in text:
        import tomlkit  # slow to import; only for files with comments or multi-line strings

        doc = tomlkit.parse(text)
        sync(doc, fresh)
        return tomlkit.dumps(doc).encode()
    table = _migrate(path, tomllib.loads(text))
    sync(table, fresh)
    return tomli_w.dumps(table).encode()


def encode_offer(path: Path, offer: Offer, current: bytes | None) -> bytes:
    """The bytes a save would write for `offer` over a file holding `current`."""
    return _encode(path, offer, current)
