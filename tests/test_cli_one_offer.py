"""One offer is "1 offer", not "1 offers", in what import and export say."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import run_cli


def test_one_offer_is_singular(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "one.csv"
    csv.write_text("company,role\nSolo Co,Dev\n")
    assert run_cli(data_dir, "import", str(csv), "--dry-run") == 0
    assert "one.csv: 1 offer would be imported: 1 new" in capsys.readouterr().out
    assert run_cli(data_dir, "import", str(csv)) == 0
    capsys.readouterr()
    assert run_cli(data_dir, "export", "--format", "json", "--output", str(tmp_path / "o")) == 0
    assert "Exported 1 offer as json to" in capsys.readouterr().err
