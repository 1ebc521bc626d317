"""No operation in the data folder follows a symbolic link out of it: permission repair,
reads, saves, backups, restore and import report the link and leave its target alone."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tui.cli import main
from tui.model import Offer
from tui.store.backups import backup, list_backups, restore
from tui.store.offers import OfferStore
from tui.tomlio.errors import DataError
from tui.tomlio.tomlfile import LINK_MESSAGE

OUTSIDE_TEXT = 'version = 1\ncompany = "Outside"\n'


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode if path.is_symlink() else path.stat().st_mode)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file and a folder outside the data folder, readable by others (mode 644 / 755)."""
    folder = tmp_path / "outside"
    folder.mkdir()
    folder.chmod(0o755)
    target = folder / "private.toml"
    target.write_text(OUTSIDE_TEXT)
    target.chmod(0o644)
    return folder


def _store(data_dir: Path) -> OfferStore:
    store = OfferStore(data_dir)
    store.ensure()
    return store


def test_permission_repair_never_chmods_a_linked_file_or_folder(
    data_dir: Path, outside: Path
) -> None:
    store = _store(data_dir)
    (store.layout.offers / "linked-1.toml").symlink_to(outside / "private.toml")
    (data_dir / "checklists").symlink_to(outside, target_is_directory=True)
    real = store.add(Offer(company="Real", role=""))
    store.path_for(real.id).chmod(0o644)

    warnings = OfferStore(data_dir).ensure()

    assert _mode(outside / "private.toml") == 0o644  # the outside file is untouched
    assert _mode(outside) == 0o755  # and so is the linked folder
    assert (outside / "private.toml").read_text() == OUTSIDE_TEXT
    assert _mode(store.path_for(real.id)) == 0o600  # real files are still repaired
    text = "\n".join(warnings)
    assert "linked-1.toml is a symbolic link" in text
    assert "checklists is a symbolic link" in text


def test_a_linked_offer_file_is_reported_never_read_or_written(
    data_dir: Path, outside: Path
) -> None:
    store = _store(data_dir)
    link = store.layout.offers / "linked-1.toml"
    link.symlink_to(outside / "private.toml")
    loaded = store.load_all()
    assert "linked-1" not in loaded.offers
    [problem] = loaded.problems
    assert problem.file == link and "symbolic link" in problem.message
    offer = Offer(company="Sneaky", role="")
    offer.id = "linked-1"
    with pytest.raises(DataError, match="symbolic link"):
        store.save(offer)
    assert (outside / "private.toml").read_text() == OUTSIDE_TEXT


def test_a_linked_offers_folder_is_reported_and_import_refused(
    tmp_path: Path, data_dir: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir()
    (data_dir / "offers").symlink_to(outside, target_is_directory=True)
    loaded = OfferStore(data_dir).load_all()
    assert loaded.offers == {} and "symbolic link" in loaded.problems[0].message
    source = tmp_path / "in.csv"
    source.write_text("company\nAcme\n")
    assert main(["--data-dir", str(data_dir), "import", str(source)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == ["private.toml"]


def test_backups_leave_linked_files_out(data_dir: Path, outside: Path) -> None:
    store = _store(data_dir)
    real = store.add(Offer(company="Real", role=""))
    (store.layout.offers / "linked-1.toml").symlink_to(outside / "private.toml")
    folder = backup(data_dir, "manual")
    [info] = list_backups(data_dir)
    assert info.files == [f"offers/{real.id}.toml"]
    copies = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert copies == ["manifest.toml", f"offers/{real.id}.toml"]  # no copy of the outside file


def test_restore_refuses_to_write_through_a_link(data_dir: Path, outside: Path) -> None:
    store = _store(data_dir)
    offer = store.add(Offer(company="Real", role=""))
    path = store.path_for(offer.id)
    name = backup(data_dir, "manual").name
    path.unlink()
    path.symlink_to(outside / "private.toml")
    with pytest.raises(DataError, match="symbolic link"):
        restore(data_dir, name)
    assert (outside / "private.toml").read_text() == OUTSIDE_TEXT
    assert path.is_symlink()


def test_restore_refuses_a_backup_whose_copy_is_a_link(data_dir: Path, outside: Path) -> None:
    store = _store(data_dir)
    offer = store.add(Offer(company="Real", role=""))
    before = store.path_for(offer.id).read_bytes()
    [info] = [list_backups(data_dir)[0]] if backup(data_dir, "manual") else []
    copy = info.path / "offers" / f"{offer.id}.toml"
    copy.unlink()
    copy.symlink_to(outside / "private.toml")
    with pytest.raises(DataError, match="symbolic link"):
        restore(data_dir, info.name)
    assert store.path_for(offer.id).read_bytes() == before


def test_linked_history_and_guidance_folders_are_reported_not_followed(
    data_dir: Path, outside: Path
) -> None:
    import datetime as dt

    from tui.content.checklists import load_checklists
    from tui.model.attempt import Attempt
    from tui.store.attempts import AttemptStore

    _store(data_dir)
    (data_dir / "attempts").symlink_to(outside, target_is_directory=True)
    (data_dir / "checklists").symlink_to(outside, target_is_directory=True)
    history = AttemptStore(data_dir)
    loaded = history.load_all()
    assert loaded.attempts == [] and "symbolic link" in loaded.problems[0].message
    with pytest.raises(DataError, match="symbolic link"):
        history.add(Attempt(question_id="q", answer="a", score=1, at=dt.datetime(2026, 11, 1)))
    guidance = load_checklists(data_dir)
    assert any(str(p).endswith(f"checklists: {LINK_MESSAGE}") for p in guidance.problems)
    assert sorted(p.name for p in outside.iterdir()) == ["private.toml"]  # nothing written
