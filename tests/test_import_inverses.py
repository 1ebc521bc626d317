"""Restore and import are exact inverses: restoring the backup taken before an import gives
the folder back; importing an export matches offers by id and reports new, updated and
unchanged (never a silent duplicate)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_helpers import folder_state, import_file, run_cli, seeded

from tui.model import Offer
from tui.store.backups import list_backups
from tui.store.offers import OfferStore
from tui.store.transfer import offers_to_json

# -- exact inverses ---------------------------------------------------------------------


def test_restoring_the_pre_import_backup_undoes_the_import_exactly(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = seeded(data_dir)
    before = folder_state(data_dir)
    assert run_cli(data_dir, "import", str(import_file(tmp_path, existing))) == 0
    out = capsys.readouterr().out
    assert "30 new, 2 updated, 3 unchanged" in out
    after = folder_state(data_dir)
    assert len(after) == 35 and after != before
    [snapshot] = [b for b in list_backups(data_dir) if b.reason == "before-import"]
    assert snapshot.snapshot

    assert run_cli(data_dir, "restore") == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if snapshot.name in line]
    assert "the whole offers folder" in listed[0]
    assert run_cli(data_dir, "restore", snapshot.name) == 0
    assert folder_state(data_dir) == before  # new offers gone, updated ones as they were
    out = capsys.readouterr().out
    assert "removed" in out and "new-000" in out

    # and the restore is undone by restoring the backup it took first
    [undo] = [b for b in list_backups(data_dir) if b.reason.startswith("before-restore")]
    assert run_cli(data_dir, "restore", undo.name) == 0
    assert folder_state(data_dir) == after


def test_importing_your_own_export_changes_nothing_and_says_so(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded(data_dir)
    for fmt in ("json", "csv"):
        before = folder_state(data_dir)
        export = tmp_path / f"all.{fmt}"
        assert run_cli(data_dir, "export", "--output", str(export)) == 0
        capsys.readouterr()
        assert run_cli(data_dir, "import", str(export)) == 0
        assert "0 new, 0 updated, 5 unchanged" in capsys.readouterr().out
        assert folder_state(data_dir) == before, fmt  # no duplicates, no byte changed


def test_csv_import_updates_only_its_columns_and_keeps_the_rest(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [offer] = seeded(data_dir, 1)
    path = OfferStore(data_dir).path_for(offer.id)
    path.write_text("my_own_key = 'kept'\n" + path.read_text())
    csv_path = tmp_path / "up.csv"
    csv_path.write_text(f'id,company,base_salary\n{offer.id},Existing 0,"150,000"\n')
    assert run_cli(data_dir, "import", str(csv_path)) == 0
    assert "0 new, 1 updated, 0 unchanged" in capsys.readouterr().out
    [back] = OfferStore(data_dir).load_all().offers.values()
    assert back.compensation.base == 150_000
    assert back.role == "Engineer" and [c.name for c in back.contacts] == ["Person 0"]
    assert 'my_own_key = "kept"' in path.read_text()  # a key offer-tui does not know


def test_an_id_twice_in_one_file_is_refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded(data_dir, 1)
    before = folder_state(data_dir)
    path = tmp_path / "twice.json"
    path.write_text(
        json.dumps([{"id": "same-1", "company": "A"}, {"id": "same-1", "company": "B"}])
    )
    assert run_cli(data_dir, "import", str(path)) == 2
    assert "appears twice" in capsys.readouterr().err
    assert folder_state(data_dir) == before


def test_dry_run_says_what_would_change_and_writes_nothing(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = seeded(data_dir)
    source = import_file(tmp_path, existing, new=3)
    before = folder_state(data_dir)
    assert run_cli(data_dir, "import", "--dry-run", str(source)) == 0
    out = capsys.readouterr().out
    assert "8 offers would be imported: 3 new, 2 updated, 3 unchanged (dry run" in out
    assert folder_state(data_dir) == before and list_backups(data_dir) == []


def test_an_id_less_row_like_an_existing_offer_is_named_not_silent(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [offer] = seeded(data_dir, 1)
    source = tmp_path / "again.csv"
    source.write_text("company,role\nExisting 0,Engineer\nSomeone else,Dev\n")
    assert run_cli(data_dir, "import", str(source)) == 0
    out = capsys.readouterr().out
    assert "2 new, 0 updated, 0 unchanged" in out
    assert f"has the company and role of {offer.id}" in out
    assert out.count("note:") == 1


# -- the inverses, for any offers -------------------------------------------------------

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=15)
_offers = st.builds(
    Offer,
    company=_text.filter(str.strip).map(str.strip),
    role=_text.map(str.strip),
    notes=_text,
    deadline=st.none() | st.dates(),
)


@given(st.lists(_offers, max_size=4), st.lists(_offers, max_size=4), st.data())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_restore_after_any_import_gives_back_the_folder_and_reimport_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory,
    existing: list[Offer],
    incoming: list[Offer],
    data: st.DataObject,
) -> None:
    base = tmp_path_factory.mktemp("inv")
    root = base / "data"
    store = OfferStore(root)
    store.ensure()
    on_disk = [store.add(o) for o in existing]
    for offer in incoming:  # some rows update offers on disk (same id), others are new
        if on_disk and data.draw(st.booleans()):
            offer.id = data.draw(st.sampled_from(on_disk)).id
    incoming = list({o.id: o for o in incoming}.values())
    before = folder_state(root)
    source = base / "in.json"
    source.write_text(offers_to_json(incoming))
    with contextlib.redirect_stdout(io.StringIO()):
        assert run_cli(root, "import", str(source)) == 0
        after = folder_state(root)
        export = base / "all.json"
        assert run_cli(root, "export", "--output", str(export)) == 0
        assert run_cli(root, "import", str(export)) == 0
        assert folder_state(root) == after  # importing an export changes nothing
        snapshots = [b for b in list_backups(root) if b.reason == "before-import"]
        if snapshots:  # none when the import changed nothing
            assert run_cli(root, "restore", snapshots[0].name) == 0
    assert folder_state(root) == before
