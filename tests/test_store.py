"""The offers store: round trips, unknown keys kept, atomic writes, conflicts, bad files."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from tui.model import (
    Compensation,
    Contact,
    ContactRole,
    Handling,
    LogEntry,
    LogKind,
    Offer,
    Status,
    ToldThem,
)
from tui.model.clock import now
from tui.store.offers import OfferStore
from tui.tomlio import tomlfile
from tui.tomlio.errors import ConflictError, DataError


def full_offer() -> Offer:
    offer = Offer(
        company="Northwind",
        role="Staff Engineer",
        location="Remote",
        compensation=Compensation(base=180_000, bonus=20_000, sign_on=15_000, equity_yearly=30_000),
        received=dt.date(2026, 11, 2),
        deadline=dt.date(2026, 11, 30),
    )
    offer.contacts.append(Contact("Dana Ruiz", ContactRole.HIRING_MANAGER, email="d@x.io"))
    offer.log.append(
        LogEntry(
            LogKind.CALL, now(), "Verbal offer", next_step="Reply", next_due=dt.date(2026, 11, 28)
        )
    )
    offer.move_to(Status.DECLINED, now(), "took the other one")
    offer.told = ToldThem("relocation", on=dt.date(2026, 11, 20), handling=Handling.LONG_DELAY)
    return offer


def test_round_trip_keeps_every_field(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    loaded = OfferStore(data_dir).load_all()
    assert loaded.problems == []
    assert loaded.offers[offer.id] == offer


def test_files_are_private(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path_for(offer.id).stat().st_mode) == 0o600


def test_loose_permissions_are_repaired_with_a_warning(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    store.path_for(offer.id).chmod(0o644)
    warnings = OfferStore(data_dir).ensure()
    assert any("readable by others" in w for w in warnings)
    assert stat.S_IMODE(store.path_for(offer.id).stat().st_mode) == 0o600


def test_unknown_keys_and_comments_survive_a_rewrite(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    path = store.path_for(offer.id)
    text = path.read_text().replace('company = "Northwind"', '# my note\ncompany = "Northwind"')
    text += "\n[my_extras]\nrating = 5\n"
    path.write_text(text)
    fresh = OfferStore(data_dir)
    again = fresh.load_all().offers[offer.id]
    again.notes = "second thoughts"
    fresh.save(again)
    written = path.read_text()
    assert "# my note" in written
    assert "rating = 5" in written
    assert 'notes = "second thoughts"' in written


def test_failed_write_leaves_old_file_intact(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    path = store.path_for(offer.id)
    before = path.read_bytes()

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(tomlfile.os, "replace", boom)
    offer.company = "Changed"
    with pytest.raises(OSError):
        store.save(offer)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left


def test_external_change_refuses_the_write(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    path = store.path_for(offer.id)
    path.write_text(path.read_text().replace("Northwind", "Edited Elsewhere"))
    offer.notes = "mine"
    with pytest.raises(ConflictError, match="changed on disk"):
        store.save(offer)
    assert "Edited Elsewhere" in path.read_text()
    assert store.changed_on_disk() == [offer.id]
    assert store.reload(offer.id).company == "Edited Elsewhere"


def test_corrupt_file_is_reported_with_line_and_column_and_left_alone(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    good = store.add(full_offer())
    bad = data_dir / "offers" / "broken-123abc.toml"
    bad.write_bytes(b'company = "X"\nrole = \n')
    before = bad.read_bytes()
    result = OfferStore(data_dir).load_all()
    assert list(result.offers) == [good.id]
    [problem] = result.problems
    assert str(problem).startswith(f"{bad}:2:8: is not valid TOML")
    assert bad.read_bytes() == before


def test_misspelt_key_gets_a_suggestion_with_its_line(data_dir: Path) -> None:
    offers = data_dir / "offers"
    offers.mkdir(parents=True)
    path = offers / "acme-abc123.toml"
    path.write_text('version = 1\ncompany = "Acme"\nrole = "Dev"\ndeadlin = 2026-12-01\n')
    [problem] = OfferStore(data_dir).load_all().problems
    assert str(problem) == f"{path}:4:1: deadlin: unknown key; did you mean `deadline`?"


def test_wrong_type_names_key_path_and_expectation(data_dir: Path) -> None:
    offers = data_dir / "offers"
    offers.mkdir(parents=True)
    path = offers / "acme-abc123.toml"
    path.write_text('company = "Acme"\n[compensation]\nbase = "lots"\n')
    [problem] = OfferStore(data_dir).load_all().problems
    assert problem.line == 3
    assert "compensation.base: expected a whole number" in str(problem)


def test_newer_version_is_refused_not_rewritten(data_dir: Path) -> None:
    offers = data_dir / "offers"
    offers.mkdir(parents=True)
    path = offers / "acme-abc123.toml"
    path.write_text('version = 99\ncompany = "Acme"\n')
    [problem] = OfferStore(data_dir).load_all().problems
    assert "newer offer-tui" in problem.message


def test_version_zero_file_is_migrated_on_write(data_dir: Path) -> None:
    offers = data_dir / "offers"
    offers.mkdir(parents=True)
    path = offers / "acme-abc123.toml"
    path.write_text('company = "Acme"\nrole = "Dev"\n')
    store = OfferStore(data_dir)
    offer = store.load_all().offers["acme-abc123"]
    offer.notes = "n"
    store.save(offer)
    assert path.read_text().startswith("version = 1\n")


def test_broken_file_is_never_saved_over(data_dir: Path) -> None:
    offers = data_dir / "offers"
    offers.mkdir(parents=True)
    path = offers / "acme-abc123.toml"
    path.write_bytes(b"\xff\xfe nonsense")
    store = OfferStore(data_dir)
    store.load_all()
    with pytest.raises(DataError):
        store.save(Offer("Acme", "Dev", id="acme-abc123"))
    assert path.read_bytes() == b"\xff\xfe nonsense"


def test_delete_moves_the_file_to_backups(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    target = store.delete(offer.id)
    assert not store.path_for(offer.id).exists()
    assert target.is_file() and "Northwind" in target.read_text()


def test_ids_never_become_paths() -> None:
    store = OfferStore(Path("/tmp/x"))
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")
    offer = Offer("../../etc", "passwd")
    assert "/" not in offer.id and ".." not in offer.id


def test_stable_key_order(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = store.add(full_offer())
    first = store.path_for(offer.id).read_text()
    store.save(offer)
    assert store.path_for(offer.id).read_text() == first
    keys = [line.split(" =")[0] for line in first.splitlines()[:6]]
    assert keys == ["version", "company", "role", "status", "location", "received"]
    assert os.listdir(data_dir / "offers") == [f"{offer.id}.toml"]


@pytest.mark.parametrize("version", ["-1", '"one"', "true", "1.5"])
def test_bad_version_is_a_located_problem(data_dir: Path, version: str) -> None:
    offers = data_dir / "offers"
    offers.mkdir(parents=True)
    path = offers / "acme-abc123.toml"
    path.write_text(f'version = {version}\ncompany = "Acme"\n')
    [problem] = OfferStore(data_dir).load_all().problems
    assert str(problem).startswith(f"{path}:1:1: version: expected a whole number from 0")


def test_history_and_own_guidance_are_made_private_too(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    for name in ("attempts", "checklists"):
        folder = data_dir / name
        folder.mkdir(parents=True, mode=0o755)
        folder.chmod(0o755)
        (folder / "x.toml").write_text("x = 1\n")
        (folder / "x.toml").chmod(0o644)
    warnings = OfferStore(data_dir).ensure()
    assert len(warnings) == 4
    for name in ("attempts", "checklists"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o700
        assert stat.S_IMODE((data_dir / name / "x.toml").stat().st_mode) == 0o600
