"""Backups: dated private copies with a manifest, listing, restore (which backs up first),
refusal of damaged or unsafe backups, the CLI, and the store's backup before a migration."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tui.cli import main
from tui.model import Offer
from tui.store import backups
from tui.store.backups import backup, list_backups, restore
from tui.store.offers import OfferStore
from tui.tomlio.errors import DataError


def _store_with(data_dir: Path, *companies: str) -> tuple[OfferStore, list[Offer]]:
    store = OfferStore(data_dir)
    store.ensure()
    offers = [store.add(Offer(company=c, role="Engineer")) for c in companies]
    return store, offers


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_copies_the_offers_folder_privately_with_a_manifest(data_dir: Path) -> None:
    store, offers = _store_with(data_dir, "Acme", "Globex")
    (store.layout.offers / ".acme.toml.1234.tmp").write_text("half a file")
    folder = backup(data_dir, "before-import")
    assert folder.parent == data_dir / "backups"
    assert folder.name.endswith("-before-import")
    assert _mode(folder) == 0o700
    copied = sorted(p.name for p in (folder / "offers").iterdir())
    assert copied == sorted(f"{o.id}.toml" for o in offers)  # temp file left out
    for offer in offers:
        copy = folder / "offers" / f"{offer.id}.toml"
        assert copy.read_bytes() == store.path_for(offer.id).read_bytes()
        assert _mode(copy) == 0o600
    [info] = list_backups(data_dir)
    assert info.reason == "before-import"
    assert sorted(info.files) == sorted(f"offers/{o.id}.toml" for o in offers)
    assert info.problem == ""
    assert info.created is not None


def test_two_backups_in_one_second_get_distinct_names(data_dir: Path) -> None:
    _store_with(data_dir, "Acme")
    names = {backup(data_dir, "same").name for _ in range(3)}
    assert len(names) == 3
    assert len(list_backups(data_dir)) == 3


def test_restore_puts_files_back_after_backing_up_the_current_ones(data_dir: Path) -> None:
    store, [offer] = _store_with(data_dir, "Acme")
    path = store.path_for(offer.id)
    original = path.read_bytes()
    name = backup(data_dir, "manual", [path]).name  # chosen files, not a snapshot
    offer.notes = "changed after the backup"
    store.save(offer)
    changed = path.read_bytes()
    later = store.add(Offer(company="Added later", role="x"))

    result = restore(data_dir, name)

    assert path.read_bytes() == original
    assert result.restored == [path]
    assert result.safety_backup is not None
    assert (result.safety_backup / "offers" / path.name).read_bytes() == changed
    assert store.path_for(later.id).exists()  # files not in the backup are left alone
    assert store.changed_on_disk() == [offer.id]  # a running app sees it, never overwrites
    # and the restore itself can be undone
    restore(data_dir, result.safety_backup.name)
    assert path.read_bytes() == changed


def test_damaged_backup_is_refused_and_nothing_is_written(data_dir: Path) -> None:
    store, [a, b] = _store_with(data_dir, "Acme", "Globex")
    folder = backup(data_dir, "manual")
    (folder / "offers" / f"{b.id}.toml").write_text('version = 1\ncompany = "Tampered"\n')
    a.notes = "new"
    store.save(a)
    before = {p: p.read_bytes() for p in store.offer_files()}
    with pytest.raises(DataError, match="does not match its manifest"):
        restore(data_dir, folder.name)
    assert {p: p.read_bytes() for p in store.offer_files()} == before
    assert len(list_backups(data_dir)) == 1  # no safety backup either


def test_interrupted_backup_is_listed_but_never_restored(data_dir: Path) -> None:
    _store_with(data_dir, "Acme")
    folder = backup(data_dir, "manual")
    (folder / backups.MANIFEST).unlink()
    [info] = list_backups(data_dir)
    assert "interrupted" in info.problem
    with pytest.raises(DataError, match="interrupted"):
        restore(data_dir, folder.name)


@pytest.mark.parametrize("name", ["../offers", "20260101-000000-x/../../etc", "deleted", ""])
def test_names_that_are_not_backups_are_refused(data_dir: Path, name: str) -> None:
    _store_with(data_dir, "Acme")
    with pytest.raises(DataError):
        restore(data_dir, name)


def test_manifest_paths_cannot_escape_the_data_directory(data_dir: Path) -> None:
    _store_with(data_dir, "Acme")
    folder = backup(data_dir, "manual")
    manifest = folder / backups.MANIFEST
    manifest.write_text(manifest.read_text().replace('path = "offers/', 'path = "../../evil/'))
    with pytest.raises(DataError, match="unsafe path"):
        restore(data_dir, folder.name)
    assert not (data_dir.parent.parent / "evil").exists()


def test_cli_lists_and_restores(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, [offer] = _store_with(data_dir, "Acme")
    original = store.path_for(offer.id).read_bytes()
    name = backup(data_dir, "before-import").name
    offer.notes = "edited"
    store.save(offer)

    assert main(["--data-dir", str(data_dir), "restore"]) == 0
    out = capsys.readouterr().out
    assert "NAME" in out and name in out and "before-import" in out

    assert main(["--data-dir", str(data_dir), "restore", name]) == 0
    out = capsys.readouterr().out
    assert f"Restored 1 files from {name}" in out
    assert "Backed up the current files first" in out
    assert store.path_for(offer.id).read_bytes() == original

    assert main(["--data-dir", str(data_dir), "restore", "20990101-000000-nope"]) == 2
    assert "no such backup" in capsys.readouterr().err


def test_cli_with_no_backups(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "restore"]) == 0
    assert "No backups" in capsys.readouterr().out


# -- the store's hook: an old-version file is backed up once before its first rewrite ----


def test_migrating_save_backs_up_the_old_file_once(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    path = store.layout.offers / "acme-dev-000001.toml"
    old = b'company = "Acme"\nrole = "Dev"\n'  # version 0: no version key
    path.write_bytes(old)
    offer = store.load_all().offers["acme-dev-000001"]

    offer.notes = "first edit"
    store.save(offer)
    [info] = list_backups(data_dir)
    assert info.reason == "migrate-v0"
    assert (info.path / "offers" / path.name).read_bytes() == old
    assert path.read_text().startswith("version = 1\n")

    offer.notes = "second edit"
    store.save(offer)
    fresh = OfferStore(data_dir)
    again = fresh.load_all().offers["acme-dev-000001"]
    again.notes = "third edit, other store"
    fresh.save(again)
    assert len(list_backups(data_dir)) == 1  # once, not on every save


def test_current_version_saves_take_no_backup(data_dir: Path) -> None:
    store, [offer] = _store_with(data_dir, "Acme")
    offer.notes = "edit"
    store.save(offer)
    assert list_backups(data_dir) == []
